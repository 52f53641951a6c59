//! `completions SHELL` and `man`: scripts and a page that every command is
//! in, that the shells and groff read without complaint.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{fails, ok, pm};
use std::io::Write;
use std::process::{Command, Stdio};

/// The commands `--help` lists (so a command added later is checked too),
/// `help` aside.
fn commands() -> Vec<String> {
    let help = ok(pm().arg("--help"));
    let listed: Vec<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect();
    for known in [
        "risks",
        "coverage",
        "meeting",
        "check",
        "completions",
        "man",
    ] {
        assert!(listed.iter().any(|c| c == known), "{known} in {listed:?}");
    }
    listed
}

/// Whether `program` can be run here.
fn have(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Runs `program args` with `input` on standard input; its exit code and
/// standard error.
fn feed(program: &str, args: &[&str], input: &str) -> (i32, String) {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_shell_gets_a_script_that_names_every_command() {
    let commands = commands();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = ok(pm().args(["completions", shell]));
        for command in &commands {
            assert!(script.contains(command.as_str()), "{shell}: {command}");
        }
        // Options of a command are completed too.
        assert!(script.contains("as-of"), "{shell}");
    }
}

#[test]
fn the_bash_script_parses_and_completes_a_command() {
    let script = ok(pm().args(["completions", "bash"]));
    let (code, stderr) = feed("bash", &["-n"], &script);
    assert_eq!(code, 0, "bash -n: {stderr}");
    // Source it and ask for the completions of `partnermap ri`.
    let probe = format!(
        "{script}\nCOMP_WORDS=(partnermap ri); COMP_CWORD=1; COMP_LINE='partnermap ri'; COMP_POINT=13\n_partnermap partnermap ri partnermap\nprintf '%s\\n' \"${{COMPREPLY[@]}}\" >&2\n"
    );
    let (code, stderr) = feed("bash", &[], &probe);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr.trim(), "risks");
}

#[test]
fn the_zsh_and_fish_scripts_parse_where_those_shells_are() {
    for (shell, args) in [("zsh", vec!["-n"]), ("fish", vec!["--no-execute"])] {
        if !have(shell) {
            continue;
        }
        let script = ok(pm().args(["completions", shell]));
        let (code, stderr) = feed(shell, &args, &script);
        assert_eq!(code, 0, "{shell}: {stderr}");
    }
}

#[test]
fn an_unknown_shell_is_bad_usage() {
    let r = fails(pm().args(["completions", "tcsh"]), 2);
    assert!(r.stderr.contains("bash"), "{}", r.stderr);
    fails(pm().arg("completions"), 2);
}

#[test]
fn the_man_page_has_every_command_and_option() {
    let page = ok(pm().arg("man"));
    assert!(page.starts_with(".ie "), "{page}");
    assert_eq!(page.matches(".TH partnermap 1").count(), 1);
    for command in commands() {
        let heading = format!(".SH \"PARTNERMAP {}\"", command.to_uppercase());
        assert!(page.contains(&heading), "{heading}");
    }
    assert!(page.contains(".SH \"PARTNERMAP MEETING ADD\""));
    for option in ["as\\-of", "format", "output", "with", "fresh"] {
        assert!(
            page.contains(&format!("\\fB\\-\\-{option}\\fR")),
            "--{option}"
        );
    }
    assert!(page.contains("PARTNERMAP_FILE"));
    assert!(
        !page.contains("generate"),
        "the hidden command stays hidden"
    );
    // Every line is text or a request roff knows.
    let requests = [
        ".ie", ".el", ".TH", ".SH", ".SS", ".TP", ".br", ".RS", ".RE", ".IP", ".PP",
    ];
    for line in page.lines().filter(|l| l.starts_with('.')) {
        assert!(
            requests.iter().any(|r| line.starts_with(r)),
            "unknown request: {line}"
        );
    }
}

#[test]
fn groff_reads_the_man_page_without_a_warning() {
    if !have("groff") {
        return;
    }
    let page = ok(pm().arg("man"));
    let (code, stderr) = feed("groff", &["-man", "-Tutf8", "-ww", "-z"], &page);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "", "groff warned");
}

#[test]
fn both_commands_have_help_with_examples() {
    for command in ["completions", "man"] {
        let out = ok(pm().args([command, "--help"]));
        assert!(out.contains("Example"), "{command} --help:\n{out}");
    }
}
