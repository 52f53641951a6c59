//! The command line's words and widths (issue 14): tables with wide names,
//! `demo` run twice, the date forms, the next command said with the
//! `--file` given, `--format` against `--output`'s extension, restore and
//! identical backups, and the people counted alike everywhere.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{Run, pm_file, run};
use partnermap::text::width;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn temp_file(name: &str, text: &str) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, text).unwrap();
    (dir, path)
}

const WIDE: &str = r#"{
  "schema": 1,
  "partnership": {"name": "北风 × 🐉 Contoso", "ours": "北风", "partner": "🐉 Contoso"},
  "people": [
    {"id": "ana", "name": "Ana Ruiz", "side": "ours", "level": "executive"},
    {"id": "wang", "name": "王小明李四张三", "side": "ours", "level": "manager"},
    {"id": "zoe", "name": "Zoë", "side": "ours", "level": "staff"},
    {"id": "li", "name": "Li Wei", "side": "partner", "level": "executive"},
    {"id": "dragon", "name": "🐉🐉 Dragon", "side": "partner", "level": "executive", "key": true},
    {"id": "grace", "name": "👩‍💻 Grace", "side": "partner", "level": "senior"},
    {"id": "rene", "name": "e\u0301", "side": "partner", "level": "staff"},
    {"id": "old", "name": "Olga Left", "side": "partner", "level": "staff", "left": "2026-01-01"}
  ],
  "ties": [{"a": "wang", "b": "dragon", "last_contact": "2026-05-01"}],
  "meetings": [
    {"id": "m-0001", "date": "2026-11-03", "attendees": ["ana", "li", "dragon"]},
    {"id": "m-0002", "date": "2026-11-10", "attendees": ["wang", "grace"]},
    {"id": "m-0003", "date": "2026-11-12", "attendees": ["grace", "rene"]},
    {"id": "m-0004", "date": "2026-10-01", "attendees": ["zoe", "dragon"]}
  ]
}"#;

/// The display column at which each header word starts.
fn header_columns(header: &str, words: &[&str]) -> Vec<usize> {
    words
        .iter()
        .map(|w| width(&header[..header.find(w).unwrap()]))
        .collect()
}

/// The text of `line` from display column `column` on, or `None` when
/// that column falls inside a wide character (a column out of line).
fn from_column(line: &str, column: usize) -> Option<&str> {
    use unicode_segmentation::UnicodeSegmentation;
    let mut used = 0;
    for (at, g) in line.grapheme_indices(true) {
        if used == column {
            return Some(&line[at..]);
        }
        used += width(g);
        if used > column {
            return None;
        }
    }
    (used == column).then_some("")
}

/// Every data row has, at each column's start, a value of that column
/// (`expect[k]` says which values may start column `k`), after a space.
fn columns_line_up(table: &str, words: &[&str], expect: &[&[&str]]) {
    let lines: Vec<&str> = table
        .lines()
        .skip_while(|l| !l.starts_with(words[0]))
        .collect();
    let starts = header_columns(lines[0], words);
    assert!(lines.len() > 4, "{table}");
    for line in &lines[1..] {
        for (k, &col) in starts.iter().enumerate().skip(1) {
            let rest = from_column(line, col)
                .unwrap_or_else(|| panic!("column {} cut in {line:?}", words[k]));
            assert!(
                expect[k].iter().any(|v| rest.starts_with(v)),
                "{} should start at column {col} in {line:?}:\n{table}",
                words[k]
            );
            let before = from_column(line, col - 1).unwrap();
            assert!(
                before.starts_with(' '),
                "no space before {} in {line:?}",
                words[k]
            );
        }
    }
}

const NAMES: &[&str] = &[
    "Ana Ruiz",
    "王小明李四张三",
    "Zoë",
    "Li Wei",
    "🐉🐉 Dragon",
    "👩‍💻 Grace",
    "e\u{301}",
    "北风 × 🐉 Contoso",
];

#[test]
fn the_coverage_table_lines_up_with_wide_names() {
    let (_dir, path) = temp_file("wide.json", WIDE);
    let r = run(pm_file(&path, &["coverage", "--as-of", "2026-11-24"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let any: &[&str] = &[""];
    columns_line_up(
        &r.stdout,
        &[
            "PARTNER PERSON",
            "LEVEL",
            "DIRECT",
            "COVERED BY",
            "DEPENDS ON",
            "REACHABLE",
            "LAST CONTACT",
        ],
        &[
            any,
            &["executive", "senior", "manager", "staff"],
            &["0", "1", "2", "3"],
            any,
            any,
            &["yes", "NO"],
            &["20", "—"],
        ],
    );
    assert!(r.stdout.contains("王小明李四张三"), "{}", r.stdout);
}

#[test]
fn the_risks_table_lines_up_with_wide_names() {
    let (_dir, path) = temp_file("wide.json", WIDE);
    let r = run(pm_file(&path, &["risks", "--as-of", "2026-11-24"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let kinds: &[&str] = &[
        "bus-factor",
        "no-champion",
        "unreachable",
        "single-point",
        "single-threaded",
        "exec-gap",
        "stale-tie",
    ];
    let digits: &[&str] = &["1", "2", "3", "4", "5", "6", "7", "8", "9"];
    let details: Vec<&str> = NAMES.iter().copied().chain(["No one at "]).collect();
    columns_line_up(
        &r.stdout,
        &["SEVERITY", "KIND", "WEIGHT", "SUBJECT", "DETAIL"],
        &[&[""], kinds, digits, NAMES, &details],
    );
}

fn demo_file(dir: &TempDir) -> PathBuf {
    dir.path().join("my demo.json")
}

#[test]
fn demo_run_twice_leaves_the_file_and_says_so() {
    let dir = TempDir::new().unwrap();
    let file = demo_file(&dir);
    let first = run(pm_file(&file, &["demo"]));
    assert_eq!(first.code, 0, "{}", first.stderr);
    // Not on a terminal: where the file is, and the next command with the
    // same --file, quoted for the shell.
    assert!(first.stdout.contains("Wrote the demo"), "{}", first.stdout);
    assert!(
        first.stdout.contains("partnermap --file '")
            && first.stdout.contains("my demo.json' risks"),
        "{}",
        first.stdout
    );
    let before = fs::read(&file).unwrap();
    let second = run(pm_file(&file, &["demo"]));
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(
        second.stdout.contains("already exists"),
        "{}",
        second.stdout
    );
    assert!(second.stdout.contains("demo --fresh"), "{}", second.stdout);
    assert!(
        second.stdout.contains("my demo.json' risks"),
        "{}",
        second.stdout
    );
    assert_eq!(fs::read(&file).unwrap(), before, "byte for byte");
}

#[test]
fn demo_fresh_keeps_a_backup_and_writes_the_demo_anew() {
    let dir = TempDir::new().unwrap();
    let file = demo_file(&dir);
    assert_eq!(run(pm_file(&file, &["demo"])).code, 0);
    let demo = fs::read(&file).unwrap();
    let changed = run(pm_file(
        &file,
        &[
            "meeting", "add", "--date", "today", "--title", "Mine", "--with", "ana,li",
        ],
    ));
    assert_eq!(changed.code, 0, "{}", changed.stderr);
    let mine = fs::read(&file).unwrap();
    let r = run(pm_file(&file, &["demo", "--fresh"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("afresh"), "{}", r.stdout);
    assert_eq!(fs::read(&file).unwrap(), demo, "the demo again");
    let kept = partnermap::store::backups(&file)
        .iter()
        .any(|b| fs::read(&b.path).unwrap() == mine);
    assert!(kept, "the replaced version is kept as a backup");
}

#[test]
fn demo_on_a_file_that_is_not_a_partnership_leaves_it() {
    let (_dir, file) = temp_file("notes.json", "not a partnership");
    let r = run(pm_file(&file, &["demo"]));
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert_eq!(fs::read_to_string(&file).unwrap(), "not a partnership");
}

#[test]
fn the_no_terminal_hint_names_the_file_given() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("x y.json");
    let r = run(pm_file(&file, &[]));
    assert_eq!(r.code, 1);
    let expected = format!("run: partnermap --file '{}' risks", file.display());
    assert!(r.stderr.contains(&expected), "{}", r.stderr);
}

fn logged_on(file: &Path, date: &str) -> Run {
    run(pm_file(
        file,
        &[
            "meeting", "add", "--date", date, "--title", "Planned", "--with", "ana,li",
        ],
    ))
}

#[test]
fn tomorrow_and_days_ahead_log_planned_meetings() {
    let dir = TempDir::new().unwrap();
    let file = demo_file(&dir);
    assert_eq!(run(pm_file(&file, &["demo"])).code, 0);
    let today = partnermap::date::today();
    for (typed, days) in [
        ("tomorrow", 1),
        ("+3d", 3),
        ("+0d", 0),
        ("-0d", 0),
        ("-2d", -2),
    ] {
        let r = logged_on(&file, typed);
        assert_eq!(r.code, 0, "{typed}: {}", r.stderr);
        let day = partnermap::date::add_days(today, days).to_string();
        assert!(r.stdout.contains(&day), "{typed}: {}", r.stdout);
        assert_eq!(
            days > 0,
            r.stderr.contains("counts as planned"),
            "{typed}: {}",
            r.stderr
        );
    }
    let r = run(pm_file(&file, &["risks", "--as-of", "+7d"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let week = partnermap::date::add_days(today, 7).to_string();
    assert!(r.stdout.contains(&week), "{}", r.stdout);
}

#[test]
fn day_counts_too_big_or_misspelt_are_usage_errors() {
    let dir = TempDir::new().unwrap();
    let file = demo_file(&dir);
    assert_eq!(run(pm_file(&file, &["demo"])).code, 0);
    let before = fs::read(&file).unwrap();
    for typed in [
        "+99999999999999999999d",
        "+65536d",
        "-70000d",
        "+3",
        "++3d",
        "+d",
    ] {
        let r = logged_on(&file, typed);
        assert_eq!(r.code, 2, "{typed}: {}", r.stdout);
        assert!(r.stderr.contains("-Nd or +Nd"), "{typed}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    }
    assert_eq!(fs::read(&file).unwrap(), before);
    let help = run(pm_file(&file, &["meeting", "add", "--help"]));
    assert!(
        help.stdout.contains("tomorrow") && help.stdout.contains("+Nd"),
        "{}",
        help.stdout
    );
}

#[test]
fn a_wrong_level_gets_a_did_you_mean() {
    for (typed, meant) in [
        ("exec", "executive"),
        ("Executive", "executive"),
        ("manger", "manager"),
    ] {
        let text = WIDE.replacen(
            "\"level\": \"executive\"",
            &format!("\"level\": \"{typed}\""),
            1,
        );
        let (_dir, file) = temp_file("levels.json", &text);
        let r = run(pm_file(&file, &["check"]));
        assert_eq!(r.code, 1);
        let said = format!(
            "unknown level \"{typed}\" (expected executive, senior, manager or staff); did you mean {meant}?"
        );
        assert!(r.stderr.contains(&said), "{}", r.stderr);
    }
}

#[test]
fn the_output_extension_chooses_the_format_and_a_contradiction_is_refused() {
    let (dir, file) = temp_file("wide.json", WIDE);
    let csv = dir.path().join("r.csv");
    let r = run(pm_file(&file, &["risks", "--output"]).arg(&csv));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        fs::read_to_string(&csv)
            .unwrap()
            .starts_with("severity,kind,")
    );
    let json = dir.path().join("r2.csv");
    let r = run(pm_file(&file, &["risks", "--format", "json", "--output"]).arg(&json));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("--format json") && r.stderr.contains("csv"),
        "{}",
        r.stderr
    );
    assert!(!json.exists());
    let out = dir.path().join("r.out");
    let r = run(pm_file(&file, &["coverage", "--output"]).arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("says no format, so a table was written"),
        "{}",
        r.stderr
    );
    assert!(fs::read_to_string(&out).unwrap().contains("PARTNER PERSON"));
}

#[test]
fn restore_never_offers_or_writes_a_backup_the_same_as_the_file() {
    let dir = TempDir::new().unwrap();
    let file = demo_file(&dir);
    assert_eq!(run(pm_file(&file, &["demo"])).code, 0);
    let demo = fs::read(&file).unwrap();
    assert_eq!(logged_on(&file, "today").code, 0);
    let now = fs::read(&file).unwrap();
    let backups = partnermap::store::backups(&file);
    let same = backups
        .iter()
        .find(|b| fs::read(&b.path).unwrap() == now)
        .unwrap();
    let other = backups
        .iter()
        .find(|b| fs::read(&b.path).unwrap() == demo)
        .unwrap();
    // Without a name: the example offered is the one that differs.
    let r = run(pm_file(&file, &["restore"]));
    assert_eq!(r.code, 1);
    let other_name = other
        .path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let same_name = same
        .path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(r.stderr.contains(&other_name), "{}", r.stderr);
    assert!(!r.stderr.contains(&same_name), "{}", r.stderr);
    // Named, the identical one does nothing, and says so.
    let count = backups.len();
    let r = run(pm_file(&file, &["restore"]).arg(&same.path));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("already the same") && r.stdout.contains("nothing to do"),
        "{}",
        r.stdout
    );
    assert_eq!(fs::read(&file).unwrap(), now);
    assert_eq!(
        partnermap::store::backups(&file).len(),
        count,
        "nothing written"
    );
}

#[test]
fn check_and_the_json_count_active_people_with_leavers_apart() {
    let (_dir, file) = temp_file("wide.json", WIDE);
    let r = run(pm_file(&file, &["check"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("7 people (3 北风, 4 🐉 Contoso) and 1 who has left"),
        "{}",
        r.stdout
    );
    let r = run(pm_file(&file, &["risks", "--format", "json"]));
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(json["summary"]["people"], 7);
    assert_eq!(json["summary"]["partner_people"], 4);
}
