//! The command line's words and widths (issue 14): tables with wide names,
//! `demo` run twice, the date forms, the next command said with the
//! `--file` given, `--format` against `--output`'s extension, restore and
//! identical backups, and the people counted alike everywhere.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use assert_cmd::Command;
use partnermap::text::width;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The binary, isolated like in `tests/cli.rs`: no `PARTNERMAP_FILE`, no
/// colour, no usable data directory.
fn pm_file(file: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("partnermap").unwrap();
    cmd.env_remove("PARTNERMAP_FILE")
        .env("NO_COLOR", "1")
        .env("XDG_DATA_HOME", "/dev/null/partnermap-tests/xdg")
        .env("HOME", "/dev/null/partnermap-tests/home")
        .arg("--file")
        .arg(file)
        .args(args);
    cmd
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(mut cmd: Command) -> Run {
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

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
    columns_line_up(
        &r.stdout,
        &["SEVERITY", "KIND", "SUBJECT", "DETAIL"],
        &[&[""], kinds, NAMES, NAMES],
    );
}
