//! Help, usage errors (exit 2), dates on the command line, and no command:
//! the terminal UI, which needs a terminal.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{copy_to_temp, demo_path, fails, ok, parse_json, pm, pm_file, today_local};
use jiff::civil::Date;
use partnermap::date::add_days;

// ---------------------------------------------------------------------------
// Help and usage errors
// ---------------------------------------------------------------------------

#[test]
fn every_command_has_help_with_an_example() {
    let commands: [&[&str]; 8] = [
        &[],
        &["risks"],
        &["coverage"],
        &["meeting"],
        &["meeting", "add"],
        &["check"],
        &["demo"],
        &["restore"],
    ];
    for command in commands {
        let out = ok(pm().args(command).arg("--help"));
        assert!(out.contains("Example"), "{command:?} --help:\n{out}");
        let out = ok(pm().arg("help").args(command));
        assert!(out.contains("Example"), "help {command:?}:\n{out}");
    }
}

#[test]
fn version_exits_0() {
    let out = ok(pm().arg("--version"));
    assert!(out.contains(env!("CARGO_PKG_VERSION")), "{out}");
}

#[test]
fn usage_errors_exit_2() {
    let cases: [&[&str]; 7] = [
        &["frobnicate"],
        &["risks", "--format", "xml"],
        &["coverage", "--format", "xml"],
        &["risks", "--as-of", "2026-02-30"],
        &["risks", "--as-of", "soon"],
        &["risks", "--bogus"],
        &["meeting", "remove"],
    ];
    for args in cases {
        let r = fails(pm_file(&demo_path(), args), 2);
        assert_eq!(r.stdout, "", "{args:?}");
        assert!(!r.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn relative_as_of_dates_are_accepted() {
    let today = today_local();
    let cases: [(&[&str], Date); 5] = [
        (&["--as-of", "today"], today),
        (&["--as-of", "yesterday"], add_days(today, -1)),
        (&["--as-of", "2026-01-31"], Date::constant(2026, 1, 31)),
        (&["--as-of=-7d"], add_days(today, -7)),
        (&["--as-of", "-30d"], add_days(today, -30)),
    ];
    for (as_of, expected) in cases {
        for command in ["risks", "coverage"] {
            let report = parse_json(&ok(
                pm_file(&demo_path(), &[command, "--format", "json"]).args(as_of)
            ));
            assert_eq!(report["as_of"], expected.to_string(), "{command} {as_of:?}");
        }
    }
}

// ---------------------------------------------------------------------------
// No command: the terminal UI
// ---------------------------------------------------------------------------

#[test]
fn the_ui_reports_a_broken_file_like_check_with_a_restore_hint() {
    let (_dir, path) = copy_to_temp(&demo_path());
    // One saved change leaves a backup of a good version.
    pm_file(
        &path,
        &[
            "meeting",
            "add",
            "--date",
            "2026-11-20",
            "--title",
            "Sync",
            "--with",
            "ana,li",
        ],
    )
    .assert()
    .success();
    std::fs::write(&path, "{\"schema\": 1, \"people\": [").unwrap();
    let out = pm_file(&path, &[]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("demo.json") && stderr.contains("line 1"),
        "{stderr}"
    );
    assert!(stderr.contains("restore"), "{stderr}");
    assert!(out.stdout.is_empty(), "the terminal is not touched");
}

#[test]
fn the_ui_without_a_terminal_says_what_to_run_instead() {
    let (_dir, path) = copy_to_temp(&demo_path());
    let before = std::fs::read(&path).unwrap();
    let out = pm_file(&path, &[]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The command to run names the same --file.
    let again = format!("partnermap --file {} risks", path.display());
    assert!(
        stderr.contains("needs a terminal") && stderr.contains(&again),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn as_of_before_no_command_is_for_the_ui_and_reports_keep_their_own() {
    let (_dir, file) = copy_to_temp(&demo_path());
    // After the command, as before; before it, the same for the reports.
    let after = ok(pm_file(
        &file,
        &["risks", "--as-of", "2026-06-30", "--format", "csv"],
    ));
    let before = ok(pm().arg("--file").arg(&file).args([
        "--as-of",
        "2026-06-30",
        "risks",
        "--format",
        "csv",
    ]));
    assert_eq!(after, before);
    let coverage = ok(pm_file(
        &file,
        &["coverage", "--as-of=-3d", "--format", "json"],
    ));
    assert!(coverage.contains("\"as_of\""), "{coverage}");
    // A command that has no as-of date says so (exit 2).
    let r = fails(
        pm().arg("--file")
            .arg(&file)
            .args(["--as-of", "2026-06-30", "check"]),
        2,
    );
    assert!(r.stderr.contains("--as-of"), "{}", r.stderr);
    // A bad date is bad usage, as for the reports.
    fails(pm().arg("--file").arg(&file).args(["--as-of", "soon"]), 2);
}
