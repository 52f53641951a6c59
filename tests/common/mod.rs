//! What the command-line tests share: the binary isolated from the
//! environment of whoever runs the tests, the shipped demo and the
//! bad-file corpus, temporary copies, and runs checked for their exit code.
//!
//! Each test file takes what it needs (`mod common;`), so not every helper
//! is used by every file.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use assert_cmd::Command;
use jiff::civil::Date;
use serde_json::Value;
use std::borrow::BorrowMut;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The day the shipped demo's story is told from.
pub const DEMO_AS_OF: &str = "2026-11-24";

/// The binary as a plain process (for tests that spawn, kill or time it),
/// isolated like [`pm`].
pub fn pm_std() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_partnermap"));
    cmd.env_remove("PARTNERMAP_FILE")
        .env("NO_COLOR", "1")
        .env("XDG_DATA_HOME", "/dev/null/partnermap-tests/xdg")
        .env("HOME", "/dev/null/partnermap-tests/home");
    cmd
}

/// The binary, isolated from the environment of whoever runs the tests: no
/// `PARTNERMAP_FILE`, no colour, and a data directory that cannot exist (it
/// is below `/dev/null`, even for root), so that a test that forgets
/// `--file` fails instead of touching real data.
pub fn pm() -> Command {
    Command::from_std(pm_std())
}

/// `partnermap --file FILE ARGS...`
pub fn pm_file(file: &Path, args: &[&str]) -> Command {
    let mut cmd = pm();
    cmd.arg("--file").arg(file).args(args);
    cmd
}

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped demo, `data/demo.json`.
pub fn demo_path() -> PathBuf {
    manifest_dir().join("data/demo.json")
}

/// The broken data files, one per kind of error.
pub fn bad_dir() -> PathBuf {
    manifest_dir().join("tests/files/bad")
}

/// Copies `src` into a fresh temporary folder (keeping its file name).
pub fn copy_to_temp(src: &Path) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let dest = dir.path().join(src.file_name().unwrap());
    fs::copy(src, &dest).unwrap();
    (dir, dest)
}

/// A copy of the shipped demo named `name` in a fresh temporary folder.
pub fn demo_copy_as(name: &str) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let dest = dir.path().join(name);
    fs::copy(demo_path(), &dest).unwrap();
    (dir, dest)
}

/// Writes `value` as a data file in a fresh temporary folder.
pub fn write_temp(name: &str, value: &Value) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, serde_json::to_string_pretty(value).unwrap()).unwrap();
    (dir, path)
}

/// What a run of the binary said, and how it exited.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(mut cmd: impl BorrowMut<Command>) -> Run {
    let out = cmd.borrow_mut().output().unwrap();
    Run {
        code: out
            .status
            .code()
            .expect("the binary was killed by a signal (or a timeout)"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs the command, asserts exit 0, returns stdout.
pub fn ok(cmd: impl BorrowMut<Command>) -> String {
    ok_run(cmd).stdout
}

/// Runs the command, asserts exit 0, returns it all.
pub fn ok_run(cmd: impl BorrowMut<Command>) -> Run {
    let r = run(cmd);
    assert_eq!(
        r.code, 0,
        "expected success\nstdout:\n{}\nstderr:\n{}",
        r.stdout, r.stderr
    );
    r
}

/// Runs the command, asserts the exit code, returns it all.
pub fn fails(cmd: impl BorrowMut<Command>, code: i32) -> Run {
    let r = run(cmd);
    assert_eq!(
        r.code, code,
        "expected exit {code}\nstdout:\n{}\nstderr:\n{}",
        r.stdout, r.stderr
    );
    r
}

pub fn read_json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

pub fn parse_json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

pub fn date(text: &str) -> Date {
    partnermap::date::parse_date(text).unwrap_or_else(|e| panic!("{e}"))
}

pub fn today_local() -> Date {
    jiff::ZonedDateTime::now().date()
}

/// The meetings in a data file.
pub fn meetings(file: &Path) -> Vec<Value> {
    read_json(file)["meetings"].as_array().unwrap().clone()
}

/// Logs a meeting of ana and li titled `title`; returns stdout.
pub fn add_meeting(file: &Path, title: &str) -> String {
    ok(pm_file(
        file,
        &[
            "meeting",
            "add",
            "--date",
            "2026-11-20",
            "--title",
            title,
            "--with",
            "ana,li",
        ],
    ))
}

/// The report on the shipped demo, as of its reference date.
pub fn demo_report(command: &str, format: &str) -> String {
    ok(pm_file(
        &demo_path(),
        &[command, "--as-of", DEMO_AS_OF, "--format", format],
    ))
}

/// The names of an object's fields, as a set.
pub fn keys(value: &Value) -> BTreeSet<&str> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("expected an object, got {value}"))
        .keys()
        .map(String::as_str)
        .collect()
}

pub fn set<'a>(names: &[&'a str]) -> BTreeSet<&'a str> {
    names.iter().copied().collect()
}

/// A list of strings, asserted to be one.
pub fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("expected a list, got {value}"))
        .iter()
        .map(|v| {
            v.as_str()
                .unwrap_or_else(|| panic!("expected a string, got {v}"))
        })
        .collect()
}

pub fn assert_sorted(list: &[&str], what: &str) {
    let mut sorted = list.to_vec();
    sorted.sort_unstable();
    assert_eq!(list, sorted, "{what} is not sorted");
}

/// Whether `text` is a `YYYY-MM-DD` calendar date.
pub fn is_date(text: &str) -> bool {
    partnermap::date::parse_date(text).is_ok()
}

/// Ids of the people in the shipped demo who are active on `as_of`.
pub fn demo_active(as_of: Date) -> Vec<Value> {
    let demo = read_json(&demo_path());
    demo["people"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["left"].as_str().is_none_or(|left| date(left) > as_of))
        .cloned()
        .collect()
}

/// The risks of `kind` about `subject` in a `risks --format json` report.
pub fn risks_about<'a>(report: &'a Value, kind: &str, subject: &str) -> Vec<&'a Value> {
    report["risks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == kind && r["subject"] == subject)
        .collect()
}

/// The first character that a terminal would act on, if any (line ends
/// excepted).
pub fn raw_control(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}
