//! Hostile text from files, file names and the command line (issue 16):
//! no output sends a control or bidirectional character to the terminal
//! (CSV included, piped or written to a file), paths in messages are
//! escaped, suggested commands are quoted so that a shell gets the same
//! path back, and look-alike names and ids are pointed out.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use assert_cmd::Command;
use common::{Run, fails, ok_run, raw_control};
use jiff::civil::{Date, date};
use serde_json::{Value, json};
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const AS_OF: &str = "2026-11-24";
const AS_OF_DATE: Date = date(2026, 11, 24);

/// A name that tries to retitle the window, run a CSI, delete and reorder text.
const EVIL: &str = "Eve\u{1b}]0;owned\u{7}\u{9b}31m\u{7f}\u{202e}";
/// The same name as every output shows it.
const EVIL_SHOWN: &str = "Eve\\u{1b}]0;owned\\u{7}\\u{9b}31m\\u{7f}\\u{202e}";
/// A file name with a window-title sequence and a line break in it.
const EVIL_FILE: &str = "a\u{1b}]0;x\u{7}\nb\u{202e}.json";
const EVIL_FILE_SHOWN: &str = "a\\u{1b}]0;x\\u{7}\\u{a}b\\u{202e}.json";

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// `partnermap --file FILE ARGS...` (see `common::pm`), killed after a
/// minute: hostile text must not hang it.
fn pm_file(file: &Path, args: &[&str]) -> Command {
    let mut cmd = common::pm_file(file, args);
    cmd.timeout(std::time::Duration::from_secs(60));
    cmd
}

/// Asserts that neither stream of a run holds a raw control character.
fn assert_clean(what: &str, r: &Run) {
    assert_eq!(
        raw_control(&r.stdout),
        None,
        "{what}: stdout {:?}",
        r.stdout
    );
    assert_eq!(
        raw_control(&r.stderr),
        None,
        "{what}: stderr {:?}",
        r.stderr
    );
}

fn write_json(path: &Path, value: &Value) {
    fs::write(path, serde_json::to_string_pretty(value).unwrap()).unwrap();
}

/// A partnership whose names and ids try to take over the terminal, and
/// one whose name a spreadsheet would run.
fn evil_partnership() -> Value {
    json!({
        "schema": 1,
        "partnership": { "name": format!("Us × {EVIL}"), "ours": "Us", "partner": EVIL },
        "people": [
            { "id": "ana", "name": "Ana", "side": "ours", "level": "executive" },
            { "id": "eve\u{1b}[2J", "name": EVIL, "side": "partner", "level": "executive" },
            { "id": "sum", "name": "=SUM(A1)\u{1b}[31m", "side": "partner" }
        ],
        "ties": [ { "a": "ana", "b": "eve\u{1b}[2J", "last_contact": "2026-06-01" } ]
    })
}

fn evil_file() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("evil.json");
    write_json(&file, &evil_partnership());
    (dir, file)
}

// ---------------------------------------------------------------------------
// Every output escapes control and bidi characters, CSV included
// ---------------------------------------------------------------------------

#[test]
fn csv_in_a_pipe_escapes_control_and_bidi_characters() {
    let (_dir, file) = evil_file();
    for command in ["risks", "coverage"] {
        let r = ok_run(pm_file(
            &file,
            &[command, "--as-of", AS_OF, "--format", "csv"],
        ));
        assert_clean(command, &r);
        assert!(r.stdout.contains(EVIL_SHOWN), "{command}: {}", r.stdout);
        // The formula guard stays: escaped first, then guarded.
        assert!(
            r.stdout.contains("'=SUM(A1)\\u{1b}[31m"),
            "{command}: {}",
            r.stdout
        );
    }
}

#[test]
fn csv_and_every_format_written_to_a_file_are_escaped() {
    let (dir, file) = evil_file();
    for (command, ext) in [
        ("risks", "csv"),
        ("coverage", "csv"),
        ("risks", "md"),
        ("risks", "json"),
        ("risks", "txt"),
        ("coverage", "md"),
    ] {
        let out = dir.path().join(format!("{command}.{ext}"));
        ok_run(pm_file(&file, &[command, "--as-of", AS_OF, "--output"]).arg(&out));
        let text = fs::read_to_string(&out).unwrap();
        assert_eq!(raw_control(&text), None, "{command}.{ext}: {text:?}");
        assert!(
            text.contains("Eve\\u{1b}") || text.contains("Eve\\u001b"),
            "{command}.{ext}: {text}"
        );
    }
    // Every format on standard output too.
    for format in ["table", "csv", "json", "markdown"] {
        for command in ["risks", "coverage"] {
            let r = ok_run(pm_file(
                &file,
                &[command, "--as-of", AS_OF, "--format", format],
            ));
            assert_clean(&format!("{command} {format}"), &r);
        }
    }
}

#[test]
fn the_ui_export_writes_the_same_escaped_csv_as_the_command_line() {
    use partnermap::tui::{self, update};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (dir, file) = evil_file();
    let mut app = tui::open(file.clone(), AS_OF_DATE, false).unwrap();
    for c in ['e', 'c'] {
        update::on_key(
            &mut app,
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        );
    }
    let exported = dir.path().join(format!("evil-risks-{AS_OF}.csv"));
    let text = fs::read_to_string(&exported).unwrap();
    assert_eq!(raw_control(&text), None, "{text:?}");
    let cli = ok_run(pm_file(
        &file,
        &["risks", "--as-of", AS_OF, "--format", "csv"],
    ));
    assert_eq!(text, cli.stdout);
}

// ---------------------------------------------------------------------------
// Paths in messages are escaped; suggested commands are quoted
// ---------------------------------------------------------------------------

#[test]
fn messages_about_a_missing_file_escape_and_quote_its_path() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join(EVIL_FILE);
    for args in [
        &["risks"][..],
        &["coverage"],
        &["check"],
        &[
            "meeting", "add", "--date", "today", "--title", "x", "--with", "a,b",
        ],
    ] {
        let r = fails(pm_file(&file, args), 1);
        assert_clean(&args.join(" "), &r);
        assert!(r.stderr.contains(EVIL_FILE_SHOWN), "{}", r.stderr);
        // The command it suggests, in bash's $'…' quoting.
        assert!(
            r.stderr.contains("partnermap --file $'")
                && r.stderr
                    .contains("a\\x1b]0;x\\x07\\x0ab\\xe2\\x80\\xae.json' demo"),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn messages_about_a_file_that_loads_or_not_escape_its_path() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join(EVIL_FILE);
    // demo: what it wrote, and what to run next.
    let r = ok_run(pm_file(&file, &["demo"]));
    assert_clean("demo", &r);
    assert!(r.stdout.contains(EVIL_FILE_SHOWN), "{}", r.stdout);
    assert!(
        r.stdout.contains("Next: partnermap --file $'"),
        "{}",
        r.stdout
    );
    // check on a good file.
    let r = ok_run(pm_file(&file, &["check"]));
    assert_clean("check", &r);
    assert!(r.stdout.contains(EVIL_FILE_SHOWN), "{}", r.stdout);
    // A report written next to it, and one refused over the data file.
    let out = dir.path().join(format!("{EVIL_FILE}.csv"));
    let r = ok_run(pm_file(&file, &["risks", "--output"]).arg(&out));
    assert_clean("risks --output", &r);
    assert!(r.stderr.contains(EVIL_FILE_SHOWN), "{}", r.stderr);
    let r = fails(
        pm_file(&file, &["risks", "--format", "csv", "--output"]).arg(&file),
        1,
    );
    assert_clean("risks --output over the data file", &r);
    let missing = dir.path().join("no\u{1b}[2J/x.csv");
    let r = fails(pm_file(&file, &["risks", "--output"]).arg(&missing), 1);
    assert_clean("risks --output into a missing folder", &r);
    assert!(r.stderr.contains("no\\u{1b}[2J"), "{}", r.stderr);
    // A meeting that is refused names the file.
    let r = fails(
        pm_file(
            &file,
            &[
                "meeting",
                "add",
                "--date",
                "today",
                "--title",
                "x",
                "--with",
                "nobody,ana",
            ],
        ),
        1,
    );
    assert_clean("meeting add", &r);
    assert!(r.stderr.contains(EVIL_FILE_SHOWN), "{}", r.stderr);
    // restore: a file that loads, with a backup that differs from it (the
    // demo's; a backup the same as the file is never offered).
    ok_run(pm_file(
        &file,
        &[
            "meeting", "add", "--date", "today", "--title", "x", "--with", "ana,li",
        ],
    ));
    let r = fails(pm_file(&file, &["restore"]), 1);
    assert_clean("restore", &r);
    assert!(r.stderr.contains("restore $'"), "{}", r.stderr);
    let r = fails(
        pm_file(&file, &["restore"]).arg(dir.path().join("nope\u{7}.json")),
        1,
    );
    assert_clean("restore a missing backup", &r);

    // Broken: the error, the backups and how to put one back.
    fs::write(&file, "{\"schema\": 1, \"people\": [").unwrap();
    let r = fails(pm_file(&file, &["check"]), 1);
    assert_clean("check a broken file", &r);
    assert!(r.stderr.contains(EVIL_FILE_SHOWN), "{}", r.stderr);
    assert!(r.stderr.contains("restore"), "{}", r.stderr);
    assert!(r.stderr.contains("--file $'"), "{}", r.stderr);
    let r = fails(pm_file(&file, &["risks"]), 1);
    assert_clean("risks on a broken file", &r);
    assert!(r.stderr.contains("hint: a backup"), "{}", r.stderr);
    assert!(r.stderr.contains("--file $'"), "{}", r.stderr);
    let r = ok_run(pm_file(&file, &["restore"]));
    assert_clean("restore", &r);
    assert!(r.stdout.contains(EVIL_FILE_SHOWN), "{}", r.stdout);
}

#[test]
fn a_quoted_path_is_the_same_path_to_bash_and_holds_no_control_character() {
    if !Path::new("/bin/bash").exists() {
        eprintln!("skipped: no bash");
        return;
    }
    for path in [
        "/tmp/plain.json",
        "/tmp/with space.json",
        "/tmp/it's.json",
        "/tmp/back\\slash $HOME `x` \"q\".json",
        "/tmp/a\u{1b}]0;x\u{7}.json",
        "/tmp/line\nbreak'and quote.json",
        "/tmp/bidi\u{202e}\u{2066}\u{9b}é.json",
        "/tmp/Zoë × 李.json",
    ] {
        let quoted = partnermap::store::shell_quote(Path::new(path));
        assert_eq!(raw_control(&quoted), None, "{path:?}: {quoted:?}");
        assert!(!quoted.contains('\n'), "{path:?}: {quoted:?}");
        let out = std::process::Command::new("/bin/bash")
            .arg("-c")
            .arg(format!("printf '%s' {quoted}"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{quoted}");
        assert_eq!(String::from_utf8(out.stdout).unwrap(), path, "{quoted}");
    }
}

#[test]
fn a_bad_value_on_the_command_line_is_echoed_escaped() {
    let (_dir, file) = evil_file();
    let evil = "\u{1b}]0;x\u{7}";
    let cases: [Vec<&str>; 5] = [
        vec![
            "meeting", "add", "--date", evil, "--title", "t", "--with", "ana,li",
        ],
        vec!["risks", "--as-of", evil],
        vec!["risks", "--format", evil],
        vec![evil],
        vec!["risks", evil],
    ];
    for args in cases {
        let r = fails(pm_file(&file, &args), 2);
        assert_clean(&format!("{args:?}"), &r);
        assert!(
            r.stderr.contains("\\u{1b}]0;x\\u{7}"),
            "{args:?}: {}",
            r.stderr
        );
    }
}

// ---------------------------------------------------------------------------
// Look-alike names and ids
// ---------------------------------------------------------------------------

/// `ana`, `Ana`, full-width `ＡＮＡ` and `ana` + zero-width space as ids;
/// `josé` composed and decomposed as names on one side.
fn lookalike_partnership() -> Value {
    json!({
        "schema": 1,
        "partnership": { "name": "Us × Them", "ours": "Us", "partner": "Them" },
        "people": [
            { "id": "ana", "name": "Ana Ruiz", "side": "ours" },
            { "id": "Ana", "name": "Ana Lopez", "side": "ours" },
            { "id": "ＡＮＡ", "name": "Wide Ana", "side": "partner" },
            { "id": "ana\u{200b}", "name": "Hidden Ana", "side": "partner" },
            { "id": "jose", "name": "jos\u{e9}", "side": "partner" },
            { "id": "jose2", "name": "jose\u{301}", "side": "partner" },
            { "id": "li", "name": "Li Wei", "side": "partner" },
            { "id": "sam", "name": "Sam", "side": "ours" },
            { "id": "zoe", "name": "Sam", "side": "partner" }
        ]
    })
}

fn lookalike_file() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("alike.json");
    write_json(&file, &lookalike_partnership());
    (dir, file)
}

#[test]
fn check_warns_about_lookalike_ids_and_names_and_still_exits_0() {
    let (_dir, file) = lookalike_file();
    let r = ok_run(pm_file(&file, &["check"]));
    assert!(r.stdout.starts_with("ok: "), "{}", r.stdout);
    let warnings: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(warnings.len(), 2, "{}", r.stderr);
    let ids = warnings[0];
    assert!(ids.starts_with("warning: look-alike ids: "), "{ids}");
    for shown in [
        "\"ana\" (Ana Ruiz)",
        "\"Ana\" (Ana Lopez)",
        "\"ＡＮＡ\" (Wide Ana)",
        "\"ana\\u{200b}\" (Hidden Ana)",
    ] {
        assert!(ids.contains(shown), "{shown} in {ids}");
    }
    let names = warnings[1];
    assert!(
        names.starts_with("warning: look-alike names at Them: "),
        "{names}"
    );
    assert!(
        names.contains("(id \"jose\")") && names.contains("(id \"jose2\")"),
        "{names}"
    );
    // The same name on both sides is not a look-alike: the sides tell them apart.
    assert!(!r.stderr.contains("zoe"), "{}", r.stderr);
    assert_eq!(raw_control(&r.stderr), None);
    // Nothing more when nobody looks alike.
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo.json");
    let r = ok_run(pm_file(&demo, &["check"]));
    assert_eq!(r.stderr, "");
}

#[test]
fn meeting_add_never_picks_one_of_two_lookalikes() {
    let (_dir, file) = lookalike_file();
    let before = fs::read(&file).unwrap();
    // Not an id, but the folded form of several: exit 2, naming them all.
    for typed in ["ANA", "Ａna", "a\u{ad}na"] {
        let with = format!("{typed},li");
        let r = fails(
            pm_file(
                &file,
                &[
                    "meeting", "add", "--date", AS_OF, "--title", "x", "--with", &with,
                ],
            ),
            2,
        );
        assert_clean(typed, &r);
        for id in [
            "\"ana\" (Ana Ruiz)",
            "\"Ana\" (Ana Lopez)",
            "\"ＡＮＡ\"",
            "\"ana\\u{200b}\"",
        ] {
            assert!(r.stderr.contains(id), "{typed}: {id} in {}", r.stderr);
        }
        assert_eq!(
            fs::read(&file).unwrap(),
            before,
            "{typed}: the file changed"
        );
    }
    // An exact id wins, with a note naming the look-alikes.
    let r = ok_run(pm_file(
        &file,
        &[
            "meeting", "add", "--date", AS_OF, "--title", "x", "--with", "Ana,li",
        ],
    ));
    assert!(
        r.stderr
            .contains("note: used \"Ana\" (Ana Lopez), the exact id; \"ana\" (Ana Ruiz)"),
        "{}",
        r.stderr
    );
    let saved: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(saved["meetings"][0]["attendees"], json!(["Ana", "li"]));
    // The id with a zero-width space, given exactly, is that person.
    ok_run(pm_file(
        &file,
        &[
            "meeting",
            "add",
            "--date",
            AS_OF,
            "--title",
            "y",
            "--with",
            "ana\u{200b},sam",
        ],
    ));
    let saved: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(
        saved["meetings"][1]["attendees"],
        json!(["ana\u{200b}", "sam"])
    );
    // No look-alike: no note.
    let r = ok_run(pm_file(
        &file,
        &[
            "meeting", "add", "--date", AS_OF, "--title", "z", "--with", "li,sam",
        ],
    ));
    assert!(!r.stderr.contains("look alike"), "{}", r.stderr);
}

#[test]
fn the_ui_notes_lookalikes_when_it_opens() {
    use partnermap::tui::{self, app::Tone};
    let (_dir, file) = lookalike_file();
    let app = tui::open(file, AS_OF_DATE, false).unwrap();
    let status = app.status.as_ref().expect("a status note at start");
    assert_eq!(status.tone, Tone::Note);
    assert!(status.text.contains("look-alike ids"), "{}", status.text);
    assert!(
        status.text.contains("\"Ana\" (Ana Lopez)"),
        "{}",
        status.text
    );
    assert!(status.text.contains("1 more"), "{}", status.text);
    // None on a file where nobody looks alike.
    let dir = TempDir::new().unwrap();
    let plain = dir.path().join("demo.json");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo.json"),
        &plain,
    )
    .unwrap();
    let app = tui::open(plain, AS_OF_DATE, false).unwrap();
    assert!(app.status.is_none(), "{:?}", app.status.map(|s| s.text));
}
