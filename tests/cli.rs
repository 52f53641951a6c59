//! End-to-end tests of the `partnermap` binary (SPEC §2 and §6): every
//! command run as a user would run it, with the data file on disk.
//!
//! Broken data files live in `tests/files/bad/`, one per kind of error; each
//! is copied to a temporary folder before the binary sees it, so that a bug
//! that writes to a file it should not cannot damage the corpus.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use assert_cmd::Command;
use jiff::civil::Date;
use partnermap::date::{add_days, days_between};
use serde_json::{Value, json};
use std::borrow::BorrowMut;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The day the shipped demo's story is told from.
const DEMO_AS_OF: &str = "2026-11-24";

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// The binary, isolated from the environment of whoever runs the tests: no
/// `PARTNERMAP_FILE`, no colour, and a data directory that cannot exist (it
/// is below `/dev/null`, even for root), so that a test that forgets
/// `--file` fails instead of touching real data.
fn pm() -> Command {
    let mut cmd = Command::cargo_bin("partnermap").unwrap();
    cmd.env_remove("PARTNERMAP_FILE")
        .env("NO_COLOR", "1")
        .env("XDG_DATA_HOME", "/dev/null/partnermap-tests/xdg")
        .env("HOME", "/dev/null/partnermap-tests/home");
    cmd
}

/// `partnermap --file FILE ARGS...`
fn pm_file(file: &Path, args: &[&str]) -> Command {
    let mut cmd = pm();
    cmd.arg("--file").arg(file).args(args);
    cmd
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn demo_path() -> PathBuf {
    manifest_dir().join("data/demo.json")
}

fn bad_dir() -> PathBuf {
    manifest_dir().join("tests/files/bad")
}

/// Copies `src` into a fresh temporary folder (keeping its file name).
fn copy_to_temp(src: &Path) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let dest = dir.path().join(src.file_name().unwrap());
    fs::copy(src, &dest).unwrap();
    (dir, dest)
}

/// Writes `value` as a data file in a fresh temporary folder.
fn write_temp(name: &str, value: &Value) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, serde_json::to_string_pretty(value).unwrap()).unwrap();
    (dir, path)
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(mut cmd: impl BorrowMut<Command>) -> Run {
    let out = cmd.borrow_mut().output().unwrap();
    Run {
        code: out
            .status
            .code()
            .expect("the binary was killed by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs the command, asserts exit 0, returns stdout.
fn ok(cmd: impl BorrowMut<Command>) -> String {
    let r = run(cmd);
    assert_eq!(
        r.code, 0,
        "expected success\nstdout:\n{}\nstderr:\n{}",
        r.stdout, r.stderr
    );
    r.stdout
}

/// Runs the command, asserts the exit code, returns it all.
fn fails(cmd: impl BorrowMut<Command>, code: i32) -> Run {
    let r = run(cmd);
    assert_eq!(
        r.code, code,
        "expected exit {code}\nstdout:\n{}\nstderr:\n{}",
        r.stdout, r.stderr
    );
    r
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

fn parse_json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

fn date(text: &str) -> Date {
    partnermap::date::parse_date(text).unwrap_or_else(|e| panic!("{e}"))
}

fn today_local() -> Date {
    jiff::ZonedDateTime::now().date()
}

/// The report on the shipped demo, as of its reference date.
fn demo_report(command: &str, format: &str) -> String {
    ok(pm_file(
        &demo_path(),
        &[command, "--as-of", DEMO_AS_OF, "--format", format],
    ))
}

/// The names of an object's fields, as a set.
fn keys(value: &Value) -> BTreeSet<&str> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("expected an object, got {value}"))
        .keys()
        .map(String::as_str)
        .collect()
}

fn set<'a>(names: &[&'a str]) -> BTreeSet<&'a str> {
    names.iter().copied().collect()
}

/// A list of strings, asserted to be one.
fn strings(value: &Value) -> Vec<&str> {
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

fn assert_sorted(list: &[&str], what: &str) {
    let mut sorted = list.to_vec();
    sorted.sort_unstable();
    assert_eq!(list, sorted, "{what} is not sorted");
}

/// Whether `text` is a `YYYY-MM-DD` calendar date.
fn is_date(text: &str) -> bool {
    partnermap::date::parse_date(text).is_ok()
}

/// Ids of the people in the shipped demo who are active on `as_of`.
fn demo_active(as_of: Date) -> Vec<Value> {
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
fn risks_about<'a>(report: &'a Value, kind: &str, subject: &str) -> Vec<&'a Value> {
    report["risks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == kind && r["subject"] == subject)
        .collect()
}

// ---------------------------------------------------------------------------
// 1. Every report format on the demo, snapshotted
// ---------------------------------------------------------------------------

#[test]
fn risks_in_every_format_on_the_demo() {
    for (format, name) in [
        ("table", "risks_table"),
        ("csv", "risks_csv"),
        ("json", "risks_json"),
        ("markdown", "risks_markdown"),
    ] {
        insta::assert_snapshot!(name, demo_report("risks", format));
    }
}

#[test]
fn coverage_in_every_format_on_the_demo() {
    for (format, name) in [
        ("table", "coverage_table"),
        ("csv", "coverage_csv"),
        ("json", "coverage_json"),
        ("markdown", "coverage_markdown"),
    ] {
        insta::assert_snapshot!(name, demo_report("coverage", format));
    }
}

#[test]
fn table_is_the_default_format_and_has_no_colour_off_a_terminal() {
    let default = ok(pm_file(&demo_path(), &["risks", "--as-of", DEMO_AS_OF]));
    assert_eq!(default, demo_report("risks", "table"));
    // Not a terminal: no colour even without NO_COLOR.
    let mut cmd = pm_file(&demo_path(), &["risks", "--as-of", DEMO_AS_OF]);
    cmd.env_remove("NO_COLOR");
    assert!(!ok(&mut cmd).contains('\u{1b}'));
}

// ---------------------------------------------------------------------------
// 2. The JSON shapes of SPEC §6
// ---------------------------------------------------------------------------

const SEVERITIES: [&str; 4] = ["critical", "high", "medium", "low"];
const KINDS: [&str; 6] = [
    "bus-factor",
    "unreachable",
    "single-point",
    "single-threaded",
    "exec-gap",
    "stale-tie",
];

fn rank(list: &[&str], item: &str) -> usize {
    list.iter()
        .position(|x| *x == item)
        .unwrap_or_else(|| panic!("unexpected value {item:?}"))
}

#[test]
fn risks_json_has_the_spec_shape() {
    let report = parse_json(&demo_report("risks", "json"));
    let demo = read_json(&demo_path());
    let as_of = date(DEMO_AS_OF);
    let active = demo_active(as_of);
    let person = |id: &str| active.iter().find(|p| p["id"] == id).cloned();

    assert_eq!(
        keys(&report),
        set(&["as_of", "partnership", "summary", "risks"])
    );
    assert_eq!(report["as_of"], DEMO_AS_OF);
    assert_eq!(report["partnership"], demo["partnership"]["name"]);

    let summary = &report["summary"];
    assert_eq!(
        keys(summary),
        set(&[
            "people",
            "partner_people",
            "live_ties",
            "stale_ties",
            "bus_factor",
            "risks"
        ])
    );
    for field in [
        "people",
        "partner_people",
        "live_ties",
        "stale_ties",
        "bus_factor",
    ] {
        assert!(summary[field].is_u64(), "summary.{field} is not a count");
    }
    assert_eq!(summary["people"], active.len());
    let partners = active.iter().filter(|p| p["side"] == "partner").count();
    assert_eq!(summary["partner_people"], partners);
    assert_eq!(keys(&summary["risks"]), set(&SEVERITIES));

    let risks = report["risks"].as_array().unwrap();
    assert!(!risks.is_empty());
    for severity in SEVERITIES {
        let n = risks.iter().filter(|r| r["severity"] == severity).count();
        assert_eq!(summary["risks"][severity], n, "count of {severity} risks");
    }

    for r in risks {
        assert_eq!(
            keys(r),
            set(&[
                "kind",
                "severity",
                "subject",
                "subject_name",
                "side",
                "people",
                "detail"
            ]),
            "{r}"
        );
        let kind = r["kind"].as_str().unwrap();
        rank(&KINDS, kind);
        rank(&SEVERITIES, r["severity"].as_str().unwrap());
        let subject = r["subject"].as_str().unwrap();
        let subject_name = r["subject_name"].as_str().unwrap();
        let people = strings(&r["people"]);
        assert_sorted(&people, &format!("people of {r}"));
        let detail = r["detail"].as_str().unwrap();
        assert!(!detail.is_empty() && !detail.contains('\n'), "{r}");
        for id in &people {
            assert!(
                person(id).is_some(),
                "{id:?} in {r} is not an active person"
            );
        }
        if kind == "bus-factor" {
            assert_eq!(subject, "partnership");
            assert_eq!(r["side"], Value::Null);
            assert_eq!(r["subject_name"], demo["partnership"]["name"]);
            assert_eq!(people.len() as u64, summary["bus_factor"].as_u64().unwrap());
        } else {
            let p = person(subject).unwrap_or_else(|| panic!("subject of {r} is unknown"));
            assert_eq!(r["side"], p["side"], "{r}");
            assert_eq!(subject_name, p["name"], "{r}");
            match kind {
                "unreachable" | "exec-gap" => assert!(people.is_empty(), "{r}"),
                "single-threaded" | "stale-tie" => assert_eq!(people.len(), 1, "{r}"),
                "single-point" => assert!(!people.is_empty(), "{r}"),
                _ => {}
            }
            if kind == "stale-tie" {
                assert_eq!(r["side"], "ours", "a stale tie's subject is our end: {r}");
            }
        }
    }

    // The demo's bus factor is 2: one high bus-factor risk.
    assert_eq!(summary["bus_factor"], 2);
    let bus: Vec<_> = risks.iter().filter(|r| r["kind"] == "bus-factor").collect();
    assert_eq!(bus.len(), 1);
    assert_eq!(bus[0]["severity"], "high");

    // Sorted: severity, kind, subject name in lower case, subject name, id, people.
    let key = |r: &Value| {
        (
            rank(&SEVERITIES, r["severity"].as_str().unwrap()),
            rank(&KINDS, r["kind"].as_str().unwrap()),
            r["subject_name"].as_str().unwrap().to_lowercase(),
            r["subject_name"].as_str().unwrap().to_string(),
            r["subject"].as_str().unwrap().to_string(),
            strings(&r["people"])
                .into_iter()
                .map(str::to_string)
                .collect::<Vec<_>>(),
        )
    };
    for pair in risks.windows(2) {
        assert!(
            key(&pair[0]) <= key(&pair[1]),
            "risks out of order:\n{}\n{}",
            pair[0],
            pair[1]
        );
    }
}

#[test]
fn coverage_json_has_the_spec_shape() {
    let report = parse_json(&demo_report("coverage", "json"));
    let as_of = date(DEMO_AS_OF);
    let active = demo_active(as_of);
    let ours: BTreeSet<&str> = active
        .iter()
        .filter(|p| p["side"] == "ours")
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    let partners: Vec<&Value> = active.iter().filter(|p| p["side"] == "partner").collect();

    assert_eq!(keys(&report), set(&["as_of", "people"]));
    assert_eq!(report["as_of"], DEMO_AS_OF);
    let rows = report["people"].as_array().unwrap();
    // One row per active partner person, in file order.
    let row_ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let partner_ids: Vec<&str> = partners.iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(row_ids, partner_ids);

    for (row, person) in rows.iter().zip(&partners) {
        assert_eq!(
            keys(row),
            set(&[
                "id",
                "name",
                "level",
                "key",
                "direct",
                "covered_by",
                "depends_on",
                "reachable",
                "last_contact"
            ]),
            "{row}"
        );
        assert_eq!(row["name"], person["name"]);
        let level = person["level"].as_str().unwrap_or("staff");
        assert_eq!(row["level"], level);
        assert_eq!(row["key"], person["key"].as_bool().unwrap_or(false));
        let covered_by = strings(&row["covered_by"]);
        let depends_on = strings(&row["depends_on"]);
        assert_sorted(&covered_by, "covered_by");
        assert_sorted(&depends_on, "depends_on");
        assert_eq!(
            row["direct"].as_u64(),
            Some(covered_by.len() as u64),
            "{row}"
        );
        for id in &covered_by {
            assert!(ours.contains(id), "{id:?} covers {row} but is not ours");
        }
        let reachable = row["reachable"].as_bool().expect("reachable is a boolean");
        if !reachable {
            assert!(depends_on.is_empty(), "unreachable yet depends: {row}");
            assert!(covered_by.is_empty(), "unreachable yet covered: {row}");
        }
        assert!(!depends_on.contains(&row["id"].as_str().unwrap()), "{row}");
        match &row["last_contact"] {
            Value::Null => {}
            Value::String(d) => assert!(is_date(d) && date(d) <= as_of, "{row}"),
            other => panic!("last_contact is {other}"),
        }
    }

    // The two reports agree with each other.
    let risks = parse_json(&demo_report("risks", "json"));
    for row in rows {
        let id = row["id"].as_str().unwrap();
        let threaded = risks_about(&risks, "single-threaded", id);
        assert_eq!(threaded.len(), usize::from(row["direct"] == 1), "{id}");
        if let Some(r) = threaded.first() {
            assert_eq!(r["people"], row["covered_by"]);
        }
        let unreachable = risks_about(&risks, "unreachable", id);
        assert_eq!(
            unreachable.len(),
            usize::from(row["reachable"] == false),
            "{id}"
        );
    }
}

// ---------------------------------------------------------------------------
// 3. --output
// ---------------------------------------------------------------------------

#[test]
fn output_writes_the_file_in_the_format_of_its_extension() {
    let dir = TempDir::new().unwrap();
    for command in ["risks", "coverage"] {
        for (extension, format) in [
            ("csv", "csv"),
            ("json", "json"),
            ("md", "markdown"),
            ("txt", "table"),
        ] {
            let out = dir.path().join(format!("{command}.{extension}"));
            let r = run(pm_file(&demo_path(), &[command, "--as-of", DEMO_AS_OF])
                .arg("--output")
                .arg(&out));
            assert_eq!(r.code, 0, "{}", r.stderr);
            assert_eq!(r.stdout, "", "--output prints nothing on stdout");
            let written = fs::read_to_string(&out).unwrap();
            assert_eq!(
                written,
                demo_report(command, format),
                "{command} --output {}",
                out.display()
            );
        }
    }
}

#[test]
fn an_output_format_against_the_extension_is_a_usage_error() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("report.csv");
    let r = run(pm_file(
        &demo_path(),
        &["risks", "--as-of", DEMO_AS_OF, "--format", "json"],
    )
    .arg("--output")
    .arg(&out));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("--format json") && r.stderr.contains(".csv"),
        "{}",
        r.stderr
    );
    assert!(!out.exists());
    // Agreeing, or with a name that says no format, --format decides.
    let out = dir.path().join("report");
    let r = run(pm_file(
        &demo_path(),
        &["risks", "--as-of", DEMO_AS_OF, "--format", "json"],
    )
    .arg("--output")
    .arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        demo_report("risks", "json")
    );
}

#[test]
fn output_with_an_unknown_extension_is_a_table() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("risks.out");
    let r = run(pm_file(&demo_path(), &["risks", "--as-of", DEMO_AS_OF])
        .arg("--output")
        .arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    // A typo in the folder is refused, not created.
    let typo = dir.path().join("no such folder/risks.csv");
    let r = fails(
        pm_file(&demo_path(), &["risks", "--as-of", DEMO_AS_OF])
            .arg("--output")
            .arg(&typo),
        1,
    );
    assert!(r.stderr.contains("does not exist"), "{}", r.stderr);
    assert!(!dir.path().join("no such folder").exists());
    assert_eq!(r.stdout, "");
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        demo_report("risks", "table")
    );
}

#[test]
fn output_replaces_an_existing_report_and_leaves_no_temporary_files() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("risks.json");
    fs::write(&out, "old report").unwrap();
    ok(pm_file(&demo_path(), &["risks", "--as-of", DEMO_AS_OF])
        .arg("--output")
        .arg(&out));
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        demo_report("risks", "json")
    );
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("risks.json")]);
}

#[test]
fn output_is_not_written_when_the_data_is_invalid() {
    let (dir, file) = copy_to_temp(&bad_dir().join("tie_to_self.json"));
    let out = dir.path().join("risks.csv");
    let r = fails(pm_file(&file, &["risks"]).arg("--output").arg(&out), 1);
    assert_eq!(r.stdout, "");
    assert!(!out.exists(), "a report was written from invalid data");
}

// ---------------------------------------------------------------------------
// 4. Where the data file is
// ---------------------------------------------------------------------------

#[test]
fn file_flag_beats_the_environment() {
    let dir = TempDir::new().unwrap();
    let elsewhere = dir.path().join("not-here.json");
    let mut cmd = pm_file(&demo_path(), &["check"]);
    cmd.env("PARTNERMAP_FILE", &elsewhere);
    let out = ok(&mut cmd);
    assert!(out.contains("demo.json"), "{out}");
    assert!(!elsewhere.exists());

    // --file after the command works as well (it is a global option).
    let mut cmd = pm();
    cmd.args(["check", "--file"])
        .arg(demo_path())
        .env("PARTNERMAP_FILE", &elsewhere);
    ok(&mut cmd);
}

#[test]
fn environment_names_the_file_without_the_flag() {
    let (_dir, file) = copy_to_temp(&demo_path());
    let mut cmd = pm();
    cmd.arg("check").env("PARTNERMAP_FILE", &file);
    let out = ok(&mut cmd);
    assert!(out.contains(&file.display().to_string()), "{out}");

    // And a missing file named by the environment is reported by its path.
    let missing = file.with_file_name("missing.json");
    let mut cmd = pm();
    cmd.args(["risks", "--as-of", DEMO_AS_OF])
        .env("PARTNERMAP_FILE", &missing);
    let r = fails(&mut cmd, 1);
    assert!(
        r.stderr.contains(&missing.display().to_string()),
        "{}",
        r.stderr
    );
    assert!(!missing.exists());
}

#[test]
fn default_file_is_in_xdg_data_home() {
    let dir = TempDir::new().unwrap();
    let xdg = dir.path().join("xdg");
    let home = dir.path().join("home");
    fs::create_dir_all(&home).unwrap();
    let expected = xdg.join("partnermap/partnership.json");

    let mut cmd = pm();
    cmd.arg("demo")
        .env("XDG_DATA_HOME", &xdg)
        .env("HOME", &home);
    let out = ok(&mut cmd);
    assert!(expected.is_file(), "no file at {}", expected.display());
    assert!(out.contains(&expected.display().to_string()), "{out}");

    let mut cmd = pm();
    cmd.arg("check")
        .env("XDG_DATA_HOME", &xdg)
        .env("HOME", &home);
    ok(&mut cmd);
    // Nothing was written in HOME.
    assert_eq!(fs::read_dir(&home).unwrap().count(), 0);
}

#[test]
fn default_file_falls_back_to_home_local_share() {
    let dir = TempDir::new().unwrap();
    let mut cmd = pm();
    cmd.arg("demo")
        .env_remove("XDG_DATA_HOME")
        .env("HOME", dir.path());
    ok(&mut cmd);
    assert!(
        dir.path()
            .join(".local/share/partnermap/partnership.json")
            .is_file()
    );
}

// ---------------------------------------------------------------------------
// 5. demo
// ---------------------------------------------------------------------------

#[test]
fn demo_writes_a_valid_file_told_from_today() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("new folder/acme.json");
    let out = ok(pm_file(&file, &["demo"]));
    assert!(out.contains(&file.display().to_string()), "{out}");
    ok(pm_file(&file, &["check"]));

    let today = today_local();
    let written = read_json(&file);
    assert!(
        written.get("demo_reference_date").is_none(),
        "the reference date is for the shipped file only"
    );
    let held: Vec<Date> = written["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| date(m["date"].as_str().unwrap()))
        .filter(|d| *d <= today)
        .collect();
    let newest = held.into_iter().max().expect("the demo has held meetings");
    let age = days_between(newest, today);
    assert!(
        (0..=31).contains(&age),
        "the newest held meeting ({newest}) is {age} days before today ({today})"
    );
}

#[test]
fn demo_tells_the_same_story_today_as_the_shipped_file_on_its_reference_date() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("demo.json");
    ok(pm_file(&file, &["demo"]));
    let now = parse_json(&ok(pm_file(&file, &["risks", "--format", "json"])));
    let shipped = parse_json(&demo_report("risks", "json"));
    assert_eq!(now["as_of"], today_local().to_string());
    assert_eq!(now["summary"], shipped["summary"]);
    assert_eq!(now["risks"], shipped["risks"]);
}

#[test]
fn demo_never_overwrites_without_fresh() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("acme.json");
    ok(pm_file(&file, &["demo"]));
    let before = fs::read(&file).unwrap();
    // Run again (the README's quick start, twice): left as it is, exit 0.
    let r = run(pm_file(&file, &["demo"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(&file.display().to_string()) && r.stdout.contains("already exists"),
        "{}",
        r.stdout
    );
    assert_eq!(fs::read(&file).unwrap(), before);

    // Nor any other file that happens to be there: it does not load, so
    // it is said as `check` says it, and left alone.
    let other = dir.path().join("notes.txt");
    fs::write(&other, "not a partnership").unwrap();
    fails(pm_file(&other, &["demo"]), 1);
    assert_eq!(fs::read_to_string(&other).unwrap(), "not a partnership");
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    // The first demo's lock file and backup stay; the refusals add nothing.
    assert_eq!(
        names,
        [
            ".acme.json.lock",
            ".partnermap-backups",
            "acme.json",
            "notes.txt"
        ]
    );
}

// ---------------------------------------------------------------------------
// 6. meeting add
// ---------------------------------------------------------------------------

fn meetings(file: &Path) -> Vec<Value> {
    read_json(file)["meetings"].as_array().unwrap().clone()
}

#[test]
fn meeting_add_appends_a_meeting_with_the_next_id() {
    let (_dir, file) = copy_to_temp(&demo_path());
    let before = read_json(&file);
    let out = ok(pm_file(
        &file,
        &[
            "meeting",
            "add",
            "--date",
            "2026-11-20",
            "--title",
            "Pricing sync",
            "--with",
            "ana,li",
        ],
    ));
    assert!(out.contains("m-0036"), "{out}");
    assert!(out.contains("Ana Ruiz") && out.contains("Li Wei"), "{out}");

    let mut after = read_json(&file);
    let added = after["meetings"].as_array_mut().unwrap().pop().unwrap();
    assert_eq!(added["id"], "m-0036");
    assert_eq!(added["date"], "2026-11-20");
    assert_eq!(added["title"], "Pricing sync");
    assert_eq!(added["attendees"], json!(["ana", "li"]));
    // Everything else is as it was.
    assert_eq!(after, before);
    // And the file is still valid.
    ok(pm_file(&file, &["check"]));
}

#[test]
fn meeting_add_takes_repeated_and_comma_separated_attendees() {
    let (_dir, file) = copy_to_temp(&demo_path());
    ok(pm_file(
        &file,
        &[
            "meeting",
            "add",
            "--date",
            "2026-11-20",
            "--title",
            "Three",
            "--with",
            "ana",
            "--with",
            "li,sam",
        ],
    ));
    let last = meetings(&file).pop().unwrap();
    assert_eq!(last["attendees"], json!(["ana", "li", "sam"]));
}

#[test]
fn meeting_add_accepts_relative_dates() {
    let (_dir, file) = copy_to_temp(&demo_path());
    let today = today_local();
    // `--date -3d` last: it is the form people type, and the one clap is
    // most likely to take for an option.
    let cases: [(&[&str], Date); 5] = [
        (&["--date", "today"], today),
        (&["--date", "yesterday"], add_days(today, -1)),
        (&["--date", "2026-01-31"], Date::constant(2026, 1, 31)),
        (&["--date=-4d"], add_days(today, -4)),
        (&["--date", "-3d"], add_days(today, -3)),
    ];
    for (n, (date_args, expected)) in cases.into_iter().enumerate() {
        ok(pm_file(&file, &["meeting", "add"])
            .args(date_args)
            .args(["--title", "Call", "--with", "sam,li"]));
        let all = meetings(&file);
        let last = all.last().unwrap();
        assert_eq!(last["date"], expected.to_string(), "{date_args:?}");
        assert_eq!(last["id"], format!("m-{:04}", 36 + n));
    }
}

#[test]
fn meeting_add_with_an_unknown_attendee_changes_nothing() {
    let (_dir, file) = copy_to_temp(&demo_path());
    let before = fs::read(&file).unwrap();
    for with in ["ana,zed", "zed", "ana,li,ana"] {
        let r = fails(
            pm_file(
                &file,
                &[
                    "meeting",
                    "add",
                    "--date",
                    "2026-11-20",
                    "--title",
                    "X",
                    "--with",
                    with,
                ],
            ),
            1,
        );
        assert_eq!(r.stdout, "");
        assert!(
            r.stderr
                .contains(if with.contains("zed") { "zed" } else { "ana" }),
            "{}",
            r.stderr
        );
        assert_eq!(fs::read(&file).unwrap(), before, "--with {with}");
    }
}

#[test]
fn meeting_add_usage_errors_exit_2_and_change_nothing() {
    let (_dir, file) = copy_to_temp(&demo_path());
    let before = fs::read(&file).unwrap();
    let cases: [&[&str]; 8] = [
        &["--date", "2026-11-20", "--with", "ana"],
        &["--date", "2026-11-20", "--title", "X"],
        &["--title", "X", "--with", "ana"],
        &["--date", "2026-02-30", "--title", "X", "--with", "ana"],
        &["--date", "03/04/2026", "--title", "X", "--with", "ana"],
        // tomorrow and +3d are dates (planned meetings); these are not.
        &["--date", "soon", "--title", "X", "--with", "ana"],
        &["--date", "+99999999d", "--title", "X", "--with", "ana"],
        &[
            "--date",
            "2026-11-20",
            "--title",
            "X",
            "--with",
            "ana",
            "li",
        ],
    ];
    for args in cases {
        let mut cmd = pm_file(&file, &["meeting", "add"]);
        cmd.args(args);
        let r = fails(&mut cmd, 2);
        assert_eq!(r.stdout, "", "{args:?}");
        assert!(!r.stderr.is_empty(), "{args:?}");
        assert_eq!(fs::read(&file).unwrap(), before, "{args:?}");
    }
}

#[test]
fn meeting_add_on_a_missing_file_creates_nothing() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("nothing.json");
    let r = fails(
        pm_file(
            &file,
            &[
                "meeting", "add", "--date", "today", "--title", "X", "--with", "ana",
            ],
        ),
        1,
    );
    assert!(
        r.stderr.contains(&file.display().to_string()),
        "{}",
        r.stderr
    );
    assert!(!file.exists());
}

#[test]
fn a_logged_meeting_ends_a_single_threaded_risk() {
    let (_dir, file) = copy_to_temp(&demo_path());
    let risks = |file: &Path| {
        parse_json(&ok(pm_file(
            file,
            &["risks", "--format", "json", "--as-of", DEMO_AS_OF],
        )))
    };
    let before = risks(&file);
    assert_eq!(
        risks_about(&before, "single-threaded", "li").len(),
        1,
        "the demo starts with Li Wei covered only by Sam"
    );
    ok(pm_file(
        &file,
        &[
            "meeting",
            "add",
            "--date",
            "2026-11-20",
            "--title",
            "CFO catch-up",
            "--with",
            "ana,li",
        ],
    ));
    let after = risks(&file);
    assert!(
        risks_about(&after, "single-threaded", "li").is_empty(),
        "{}",
        after["risks"]
    );
    let coverage = parse_json(&ok(pm_file(
        &file,
        &["coverage", "--format", "json", "--as-of", DEMO_AS_OF],
    )));
    let li = coverage["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "li")
        .unwrap();
    assert_eq!(li["covered_by"], json!(["ana", "sam"]));
    assert_eq!(li["last_contact"], "2026-11-20");
}

// ---------------------------------------------------------------------------
// 7. Broken data files
// ---------------------------------------------------------------------------

/// One expected problem: a line of stderr holds all three fragments.
struct Expected {
    record: &'static str,
    field: &'static str,
    what: &'static str,
}

const fn problem(record: &'static str, field: &'static str, what: &'static str) -> Expected {
    Expected {
        record,
        field,
        what,
    }
}

/// Every command that loads the file, each with the exit code 1. The
/// temporary folder is `dir`.
fn loading_commands(dir: &Path) -> Vec<Vec<String>> {
    let out = dir.join("report.csv").display().to_string();
    [
        vec!["check"],
        vec!["risks", "--as-of", DEMO_AS_OF],
        vec!["risks", "--format", "json"],
        vec!["coverage", "--as-of", DEMO_AS_OF],
        vec!["risks", "--output", out.as_str()],
        vec![
            "meeting", "add", "--date", "today", "--title", "X", "--with", "ana",
        ],
        vec!["demo"],
    ]
    .into_iter()
    .map(|args| args.into_iter().map(str::to_string).collect())
    .collect()
}

/// Runs every loading command on a copy of the bad file: each exits 1,
/// prints nothing on stdout, names the file on stderr and leaves the
/// folder exactly as it was. Returns `check`'s stderr.
fn assert_refused(file: &Path) -> String {
    let dir = file.parent().unwrap();
    let before = fs::read(file).unwrap();
    let mut check_stderr = None;
    for args in loading_commands(dir) {
        let r = fails(pm_file(file, &[]).args(&args), 1);
        assert_eq!(r.stdout, "", "{args:?}");
        assert!(
            r.stderr.contains(&file.display().to_string()),
            "{args:?}: stderr does not name the file:\n{}",
            r.stderr
        );
        assert_eq!(fs::read(file).unwrap(), before, "{args:?} changed the file");
        let names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            names,
            vec![file.file_name().unwrap().to_os_string()],
            "{args:?} left a file behind"
        );
        if args[0] == "check" {
            check_stderr = Some(r.stderr);
        }
    }
    check_stderr.unwrap()
}

fn check_bad_file(name: &str, expected: &[Expected]) {
    let (_dir, file) = copy_to_temp(&bad_dir().join(name));
    let stderr = assert_refused(&file);
    let n = expected.len();
    let header = format!(
        "{}: {n} problem{} in the data file",
        file.display(),
        if n == 1 { "" } else { "s" }
    );
    assert!(
        stderr.contains(&header),
        "expected {header:?} in:\n{stderr}"
    );
    let listed: Vec<&str> = stderr.lines().filter(|l| l.starts_with("  ")).collect();
    assert_eq!(listed.len(), n, "expected {n} problems listed:\n{stderr}");
    for e in expected {
        let field = format!("field \"{}\"", e.field);
        assert!(
            listed.iter().any(|line| line.contains(e.record)
                && (e.field.is_empty() || line.contains(&field))
                && line.contains(e.what)),
            "no line names {:?}, {field} and {:?}:\n{stderr}",
            e.record,
            e.what
        );
    }
}

macro_rules! bad_file {
    ($test:ident, $file:literal, [$($record:literal, $field:literal, $what:literal);+ $(;)?]) => {
        #[test]
        fn $test() {
            check_bad_file($file, &[$(problem($record, $field, $what)),+]);
        }
    };
}

/// The files of `tests/files/bad/`, each with its own test below.
const BAD_FILES: [&str; 32] = [
    "json_syntax_error.json",
    "meeting_date_not_a_day.json",
    "meeting_empty_attendees.json",
    "meeting_repeated_attendee.json",
    "meeting_unknown_attendee.json",
    "not_an_object.json",
    "person_bad_level.json",
    "person_bad_side.json",
    "person_bad_side_referenced.json",
    "person_duplicate_id.json",
    "reports_to_cycle.json",
    "reports_to_other_side.json",
    "schema_missing.json",
    "schema_newer.json",
    "settings_stale_after_zero.json",
    "several_problems.json",
    "tie_declared_twice.json",
    "tie_last_contact_not_iso.json",
    "tie_to_self.json",
    "tie_unknown_id.json",
    "control_chars_in_values.json",
    "duplicate_keys.json",
    "empty.json",
    "id_collides_after_trimming.json",
    "invalid_utf8.json",
    "lone_surrogate.json",
    "nan.json",
    "number_out_of_range.json",
    "numbers_where_strings_belong.json",
    "reports_to_self.json",
    "truncated.json",
    "wrong_types.json",
];

#[test]
fn every_bad_file_is_listed_and_refused() {
    let mut on_disk: Vec<String> = fs::read_dir(bad_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = BAD_FILES.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "tests/files/bad and BAD_FILES differ");
    for name in BAD_FILES {
        let (_dir, file) = copy_to_temp(&bad_dir().join(name));
        let before = fs::read(&file).unwrap();
        let start = std::time::Instant::now();
        let r = fails(pm_file(&file, &["check"]), 1);
        let took = start.elapsed();
        assert!(took < std::time::Duration::from_secs(1), "{name}: {took:?}");
        assert!(
            r.stderr
                .starts_with(&format!("error: {}: ", file.display())),
            "{name}: {}",
            r.stderr
        );
        assert_eq!(fs::read(&file).unwrap(), before, "{name}");
    }
}

/// A file that is not JSON: refused by every command with the line, the
/// column and what is wrong.
fn check_syntax_file(name: &str, line: usize, column: usize, what: &str) {
    let (_dir, file) = copy_to_temp(&bad_dir().join(name));
    let stderr = assert_refused(&file);
    let expected = format!(
        "{}: line {line}, column {column}: invalid JSON: ",
        file.display()
    );
    assert!(
        stderr.contains(&expected),
        "{name}: {expected:?} not in:\n{stderr}"
    );
    assert!(stderr.contains(what), "{name}: {what:?} not in:\n{stderr}");
}

#[test]
fn files_that_are_not_json_give_line_column_and_reason() {
    check_syntax_file("truncated.json", 6, 31, "EOF while parsing a string");
    check_syntax_file("empty.json", 1, 0, "EOF while parsing a value");
    check_syntax_file("nan.json", 4, 37, "expected value");
    check_syntax_file("number_out_of_range.json", 4, 41, "number out of range");
    check_syntax_file("lone_surrogate.json", 5, 39, "hex escape");
    check_syntax_file("invalid_utf8.json", 3, 32, "not valid UTF-8");
}

#[test]
fn deep_nesting_is_refused_quickly_without_a_stack_overflow() {
    let dir = TempDir::new().unwrap();
    let cases = [
        ("arrays.json", "[".repeat(100_000)),
        (
            // Deep inside an unknown field, which is kept as text: still
            // read once, and refused past 128 levels.
            "objects.json",
            format!(
                "{{\"schema\": 1, \"x\": {}1{}}}",
                "{\"a\": ".repeat(100_000),
                "}".repeat(100_000)
            ),
        ),
        (
            "closed.json",
            format!("{}{}", "[".repeat(200), "]".repeat(200)),
        ),
    ];
    for (name, text) in cases {
        let file = dir.path().join(name);
        fs::write(&file, &text).unwrap();
        let start = std::time::Instant::now();
        let stderr = assert_refused(&file);
        // Seven commands, each well under a second.
        assert!(
            start.elapsed() < std::time::Duration::from_secs(7),
            "{name}"
        );
        assert!(
            stderr.contains("recursion limit exceeded"),
            "{name}: {stderr}"
        );
        assert!(stderr.contains("line 1, column"), "{name}: {stderr}");
        fs::remove_file(&file).unwrap();
    }
}

#[test]
fn a_10_mb_name_is_refused_without_being_echoed() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("huge.json");
    let name = "N".repeat(10 * 1024 * 1024);
    let doc = json!({
        "schema": 1,
        "partnership": { "name": "A × B", "ours": "A", "partner": "B" },
        "people": [
            { "id": "ana", "name": name, "side": "ours" },
            { "id": "x".repeat(5_000), "name": "Long Id", "side": "partner" }
        ]
    });
    fs::write(&file, serde_json::to_vec(&doc).unwrap()).unwrap();
    let start = std::time::Instant::now();
    let r = fails(pm_file(&file, &["check"]), 1);
    assert!(start.elapsed() < std::time::Duration::from_secs(1));
    assert!(
        r.stderr.len() < 2_000,
        "the value is echoed: {} bytes",
        r.stderr.len()
    );
    assert!(
        r.stderr.contains(
            "people[0] (id \"ana\"), field \"name\": is 10485760 characters long; at most 1000 are allowed"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("field \"id\": is 5000 characters long; at most 200 are allowed"),
        "{}",
        r.stderr
    );
    assert_refused(&file);
}

#[test]
fn unusual_but_valid_files_load() {
    // A byte-order mark, Windows line ends, and both: each loads, and a save
    // writes plain UTF-8 with LF line ends, keeping the original as a backup.
    for name in ["bom.json", "crlf.json", "bom_and_crlf.json"] {
        let (_dir, file) = copy_to_temp(&manifest_dir().join("tests/files/ok").join(name));
        let original = fs::read(&file).unwrap();
        let out = ok(pm_file(&file, &["check"]));
        assert!(out.contains("2 people"), "{name}: {out}");
        assert_eq!(fs::read(&file).unwrap(), original, "{name}: check wrote");
        ok(pm_file(&file, &["risks", "--as-of", "2026-11-24"]));
        add_meeting(&file, "Saved");
        let saved = fs::read_to_string(&file).unwrap();
        assert!(
            !saved.starts_with('\u{feff}'),
            "{name}: the mark is written back"
        );
        assert!(!saved.contains('\r'), "{name}: CR written back");
        let again = read_json(&file);
        // The escaped CR LF inside a string is data, and is kept.
        assert_eq!(
            again["people"][1]["notes"], "line one\r\nline two",
            "{name}"
        );
        assert_eq!(again["meetings"].as_array().unwrap().len(), 2);
        let kept: Vec<Vec<u8>> = partnermap::store::backups(&file)
            .iter()
            .map(|b| fs::read(&b.path).unwrap())
            .collect();
        assert!(kept.contains(&original), "{name}: the original is not kept");
    }
}

bad_file!(duplicate_keys, "duplicate_keys.json", [
    "partnership", "name", "appears twice";
    "people[1] (id \"li\")", "title", "appears twice";
    "ties[0]", "x_extra", "the key \"since\" appears twice";
    "meetings[0] (id \"m-0001\")", "attendees", "appears twice";
    "top level", "people", "appears twice";
]);

bad_file!(wrong_types, "wrong_types.json", [
    "top level", "schema", "expected 1, got \"1\"";
    "top level", "ties", "expected a list, got an object";
    "settings", "stale_after_days", "got \"90\"";
    "settings", "half_life_days", "got 90.5";
    "people[0] (id \"ana\")", "key", "expected true or false, got a string";
    "people[0] (id \"ana\")", "left", "expected a string, got true or false";
    "people[1] (id \"li\")", "name", "expected a string, got a list";
    "meetings[0] (id \"m-0001\")", "attendees", "expected a list, got a string";
    "meetings[0] (id \"m-0001\")", "attendees", "at least one attendee";
]);

bad_file!(numbers_where_strings_belong, "numbers_where_strings_belong.json", [
    "partnership", "name", "expected a string, got a number";
    "people[0]", "id", "expected a string, got a number";
    "people[1] (id \"li\")", "name", "expected a string, got a number";
    "people[1] (id \"li\")", "title", "expected a string, got a number";
    "meetings[0] (id \"m-0001\")", "date", "expected a string, got a number";
    "meetings[0] (id \"m-0001\")", "attendees", "expected person ids (strings), got a number";
]);

bad_file!(id_collides_after_trimming, "id_collides_after_trimming.json", [
    "people[1] (id \"ana \")", "id", "has spaces at its start or end";
    "people[2] (id \"\\u{a0}li\")", "id", "has spaces at its start or end";
]);

bad_file!(reports_to_self, "reports_to_self.json", [
    "people[0] (id \"ana\")", "reports_to", "cannot report to themselves";
]);

#[test]
fn json_syntax_error_gives_line_and_column() {
    let (_dir, file) = copy_to_temp(&bad_dir().join("json_syntax_error.json"));
    let stderr = assert_refused(&file);
    // The comma missing at the end of line 5 is noticed at line 6, column 5.
    let expected = format!("{}: line 6, column 5", file.display());
    assert!(stderr.contains(&expected), "{stderr}");
    assert!(stderr.contains("JSON"), "{stderr}");
}

#[test]
fn invalid_utf8_gives_line_and_column() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("latin1.json");
    let line3 =
        b"  \"partnership\": { \"name\": \"Caf\xe9\", \"ours\": \"A\", \"partner\": \"B\" },\n";
    let mut bytes = b"{\n  \"schema\": 1,\n".to_vec();
    bytes.extend_from_slice(line3);
    bytes.extend_from_slice(b"  \"people\": []\n}\n");
    fs::write(&file, &bytes).unwrap();
    let column = line3.iter().position(|&b| b == 0xe9).unwrap() + 1;
    let stderr = assert_refused(&file);
    let expected = format!("{}: line 3, column {column}", file.display());
    assert!(stderr.contains(&expected), "{expected:?} not in:\n{stderr}");
    assert!(stderr.contains("UTF-8"), "{stderr}");
}

#[test]
fn schema_newer_is_refused_and_never_rewritten() {
    let (_dir, file) = copy_to_temp(&bad_dir().join("schema_newer.json"));
    let stderr = assert_refused(&file);
    assert!(stderr.contains("newer"), "{stderr}");
    assert!(stderr.contains("field \"schema\""), "{stderr}");
}

bad_file!(schema_missing, "schema_missing.json", [
    "top level", "schema", "required";
]);

bad_file!(person_duplicate_id, "person_duplicate_id.json", [
    "people[2]", "id", "\"ana\" is already the id of people[0]";
]);

bad_file!(tie_unknown_id, "tie_unknown_id.json", [
    "ties[1]", "b", "no person has the id \"zed\"";
]);

bad_file!(meeting_unknown_attendee, "meeting_unknown_attendee.json", [
    "meetings[0] (id \"m-0001\")", "attendees", "no person has the id \"ghost\"";
]);

bad_file!(tie_to_self, "tie_to_self.json", [
    "ties[0]", "b", "\"li\"";
]);

bad_file!(tie_declared_twice, "tie_declared_twice.json", [
    "ties[1]", "b", "ties[0]";
]);

bad_file!(person_bad_level, "person_bad_level.json", [
    "people[1] (id \"li\")", "level", "\"exec\"";
]);

bad_file!(person_bad_side, "person_bad_side.json", [
    "people[1] (id \"li\")", "side", "\"theirs\"";
]);

// A person whose side is wrong is still a person: the ties and meetings that
// name them must not be reported as naming "no person".
bad_file!(person_bad_side_referenced, "person_bad_side_referenced.json", [
    "people[1] (id \"li\")", "side", "\"theirs\"";
]);

bad_file!(meeting_date_not_a_day, "meeting_date_not_a_day.json", [
    "meetings[0] (id \"m-0001\")", "date", "\"2026-02-30\"";
]);

bad_file!(tie_last_contact_not_iso, "tie_last_contact_not_iso.json", [
    "ties[0]", "last_contact", "\"03/04/2026\"";
]);

bad_file!(meeting_repeated_attendee, "meeting_repeated_attendee.json", [
    "meetings[0] (id \"m-0001\")", "attendees", "\"ana\" is listed twice";
]);

bad_file!(reports_to_other_side, "reports_to_other_side.json", [
    "id \"li\"", "reports_to", "\"ana\"";
]);

bad_file!(reports_to_cycle, "reports_to_cycle.json", [
    "people[0] (id \"ana\")", "reports_to", "reporting lines loop: ana → tom → sam → ana";
]);

bad_file!(settings_stale_after_zero, "settings_stale_after_zero.json", [
    "settings", "stale_after_days", "got 0";
]);

bad_file!(meeting_empty_attendees, "meeting_empty_attendees.json", [
    "meetings[0] (id \"m-0001\")", "attendees", "at least one";
]);

bad_file!(not_an_object, "not_an_object.json", [
    "the file", "", "expected a JSON object";
]);

bad_file!(several_problems_are_all_reported, "several_problems.json", [
    "partnership", "partner", "required";
    "settings", "half_life_days", "-5";
    "people[0] (id \"ana\")", "level", "\"boss\"";
    "people[1] (id \"li\")", "left", "\"yesterday\"";
    "people[2] (id \"sam\")", "name", "required";
    "people[2] (id \"sam\")", "key", "true or false";
    "ties[0]", "b", "\"nobody\"";
    "meetings[0] (id \"m-0001\")", "date", "\"2026-13-01\"";
    "meetings[1] (id \"m-0001\")", "attendees", "\"li\" is listed twice";
    "meetings[1] (id \"m-0001\")", "id", "meetings[0]";
]);

#[test]
fn many_problems_are_counted_beyond_the_ones_listed() {
    let people: Vec<Value> = (0..60)
        .map(|i| json!({ "id": format!("p{i}"), "name": "X", "side": "partner", "level": "boss" }))
        .collect();
    let (_dir, file) = write_temp(
        "many.json",
        &json!({
            "schema": 1,
            "partnership": { "name": "A × B", "ours": "A", "partner": "B" },
            "people": people
        }),
    );
    let stderr = assert_refused(&file);
    assert!(stderr.contains("60 problems"), "{stderr}");
    let listed = stderr
        .lines()
        .filter(|l| l.contains("field \"level\""))
        .count();
    assert!(listed >= 1, "{stderr}");
    assert!(
        stderr.contains(&format!("and {} more", 60 - listed)),
        "{stderr}"
    );
    assert!(stderr.contains("people[0] (id \"p0\")"), "{stderr}");
}

#[test]
fn control_characters_in_a_bad_file_are_not_echoed_raw() {
    let (_dir, file) = copy_to_temp(&bad_dir().join("control_chars_in_values.json"));
    let stderr = assert_refused(&file);
    assert!(stderr.contains("field \"level\""), "{stderr}");
    assert!(stderr.contains("field \"side\""), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "raw control characters on stderr: {stderr:?}"
    );
}

// ---------------------------------------------------------------------------
// 8. Unknown fields survive a round trip
// ---------------------------------------------------------------------------

#[test]
fn unknown_fields_survive_meeting_add() {
    let (_dir, file) = copy_to_temp(&manifest_dir().join("tests/files/unknown_fields.json"));
    let before = read_json(&file);
    ok(pm_file(&file, &["check"]));
    ok(pm_file(
        &file,
        &[
            "meeting",
            "add",
            "--date",
            "2026-11-20",
            "--title",
            "Round trip",
            "--with",
            "li,ana",
        ],
    ));
    let after = read_json(&file);

    // Each unknown field, where it was, with its value.
    let unknown: [(&str, Value, &str); 11] = [
        ("", json!("partnermap 9.0"), "x_exported_by"),
        (
            "",
            json!([{ "name": "execs", "filter": "level:executive" }]),
            "x_views",
        ),
        ("/partnership", json!("EMEA"), "x_region"),
        ("/settings", json!(false), "x_weekends_count"),
        ("/people/0", json!("she/her"), "x_pronouns"),
        (
            "/people/0",
            json!({ "handle": "@zoe", "links": ["https://example.com/zoe", 3, null] }),
            "x_social",
        ),
        ("/people/2", json!(12.5), "x_score"),
        ("/ties/0", json!(2), "x_strength_override"),
        ("/ties/0", Value::Null, "x_reviewed"),
        (
            "/meetings/0",
            json!({ "city": "Lisbon", "room": null }),
            "x_location",
        ),
        ("/meetings/0", json!(true), "x_recording"),
    ];
    for (pointer, value, field) in &unknown {
        let record = after
            .pointer(pointer)
            .unwrap_or_else(|| panic!("{pointer} is gone"));
        assert_eq!(
            record.get(*field),
            Some(value),
            "unknown field {field} at {pointer:?}"
        );
    }

    // Records keep their order; the new meeting comes last.
    let ids = |v: &Value, list: &str, field: &str| -> Vec<String> {
        v[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r[field].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&after, "people", "id"), ["zoe", "ana", "li"]);
    assert_eq!(ids(&after, "ties", "a"), ["zoe", "ana"]);
    assert_eq!(ids(&after, "ties", "b"), ["ana", "li"]);
    assert_eq!(
        ids(&after, "meetings", "id"),
        ["m-0007", "kickoff", "m-0008"]
    );

    // And nothing else changed: the file held every field already, but
    // for the `large_meeting` setting, which a save writes out (default 30).
    let mut trimmed = after.clone();
    trimmed["meetings"].as_array_mut().unwrap().pop();
    assert_eq!(trimmed["settings"]["large_meeting"], 30);
    trimmed["settings"]
        .as_object_mut()
        .unwrap()
        .shift_remove("large_meeting");
    assert_eq!(trimmed, before);
}

// ---------------------------------------------------------------------------
// 9. CSV formula guard
// ---------------------------------------------------------------------------

fn formula_partnership() -> Value {
    json!({
        "schema": 1,
        "partnership": { "name": "=HYPERLINK(\"http://x\")", "ours": "+Us", "partner": "-Them" },
        "people": [
            { "id": "ana", "name": "Ana Ruiz", "side": "ours", "level": "executive" },
            { "id": "sum", "name": "=SUM(A1:A9)", "side": "partner", "level": "executive" },
            { "id": "plus", "name": "+cmd|' /C calc'!A0", "side": "partner" },
            { "id": "minus", "name": "-2+3", "side": "partner", "title": "=1+1" },
            { "id": "at", "name": "@import", "side": "partner" },
            { "id": "tab", "name": "\tTabbed", "side": "partner" },
            { "id": "=eq", "name": "Eq Person", "side": "partner" }
        ],
        "ties": [
            { "a": "ana", "b": "sum", "last_contact": "2026-11-01" },
            { "a": "ana", "b": "=eq", "last_contact": "2026-11-01" }
        ]
    })
}

fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn assert_no_formula(rows: &[Vec<String>]) {
    for row in rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "cell {cell:?} would run as a formula in {row:?}"
            );
        }
    }
}

#[test]
fn csv_cells_that_look_like_formulas_are_defused() {
    let (_dir, file) = write_temp("formulas.json", &formula_partnership());
    let dangerous = [
        ("sum", "=SUM(A1:A9)"),
        ("plus", "+cmd|' /C calc'!A0"),
        ("minus", "-2+3"),
        ("at", "@import"),
    ];
    // A leading tab is a control character: escaped, it can run nothing.
    let tabbed = "\\u{9}Tabbed";

    let coverage = ok(pm_file(
        &file,
        &["coverage", "--as-of", "2026-11-24", "--format", "csv"],
    ));
    let (header, rows) = parse_csv(&coverage);
    assert_eq!(
        header,
        [
            "id",
            "name",
            "level",
            "key",
            "direct",
            "covered_by",
            "depends_on",
            "reachable",
            "last_contact"
        ]
    );
    assert_no_formula(&rows);
    for (id, name) in dangerous {
        let row = rows.iter().find(|r| r[0] == id).unwrap();
        assert_eq!(row[1], format!("'{name}"));
    }
    let eq = rows.iter().find(|r| r[1] == "Eq Person").unwrap();
    assert_eq!(eq[0], "'=eq");
    assert_eq!(rows.iter().find(|r| r[0] == "tab").unwrap()[1], tabbed);

    let risks = ok(pm_file(
        &file,
        &["risks", "--as-of", "2026-11-24", "--format", "csv"],
    ));
    let (header, rows) = parse_csv(&risks);
    assert_eq!(
        header,
        [
            "severity",
            "kind",
            "subject",
            "subject_name",
            "side",
            "people",
            "detail"
        ]
    );
    assert_no_formula(&rows);
    for (id, name) in dangerous {
        if id == "sum" {
            continue; // covered by Ana: not unreachable
        }
        let row = rows
            .iter()
            .find(|r| r[1] == "unreachable" && r[2] == id)
            .unwrap_or_else(|| panic!("no unreachable risk for {id}: {rows:?}"));
        assert_eq!(row[3], format!("'{name}"));
        assert!(row[6].starts_with(&format!("'{name}")), "{row:?}");
    }
    let tab = rows
        .iter()
        .find(|r| r[1] == "unreachable" && r[2] == "tab")
        .unwrap();
    assert_eq!(tab[3], tabbed);
    let bus = rows.iter().find(|r| r[1] == "bus-factor").unwrap();
    assert_eq!(bus[3], "'=HYPERLINK(\"http://x\")");
}

// ---------------------------------------------------------------------------
// 10. Help and usage errors
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
// 11. Terminal escapes in the data never reach the terminal
// ---------------------------------------------------------------------------

#[test]
fn control_characters_in_names_are_escaped_in_tables() {
    let evil = "Eve\u{1b}]0;owned\u{7}";
    let (_dir, file) = write_temp(
        "evil.json",
        &json!({
            "schema": 1,
            "partnership": { "name": format!("Us × {evil}"), "ours": "Us\u{1b}[2J", "partner": evil },
            "people": [
                { "id": "ana", "name": "Ana\u{1b}[31m Ruiz", "side": "ours", "title": "VP\u{9b}31m" },
                { "id": "eve", "name": evil, "side": "partner", "level": "executive",
                  "title": "CFO\u{1b}[2J\r\n" },
                { "id": "li", "name": "Li\u{202e}Wei", "side": "partner" }
            ],
            "ties": [ { "a": "ana", "b": "li", "last_contact": "2026-06-01" } ]
        }),
    );
    // Control characters (but the line ends) and the bidirectional override.
    let raw = |text: &str| {
        text.chars()
            .find(|&c| (c.is_control() && c != '\n') || c == '\u{202e}')
    };
    for command in ["risks", "coverage"] {
        let out = ok(pm_file(&file, &[command, "--as-of", "2026-11-24"]));
        assert_eq!(raw(&out), None, "{command} table:\n{out:?}");
        assert!(
            out.contains("]0;owned"),
            "{command}: the name is still shown"
        );
        // Markdown ends up on a terminal too when not redirected.
        let out = ok(pm_file(
            &file,
            &[command, "--as-of", "2026-11-24", "--format", "markdown"],
        ));
        assert!(
            !out.contains(['\u{1b}', '\u{7}', '\u{9b}', '\r']),
            "{command} markdown:\n{out:?}"
        );
    }
    let out = ok(pm_file(&file, &["check"]));
    assert_eq!(raw(&out), None, "check:\n{out:?}");
    let out = ok(pm_file(
        &file,
        &[
            "meeting",
            "add",
            "--date",
            "2026-11-20",
            "--title",
            "Hi",
            "--with",
            "eve,ana",
        ],
    ));
    assert_eq!(raw(&out), None, "meeting add:\n{out:?}");
    // The data itself is kept as written.
    let saved = read_json(&file);
    assert_eq!(saved["people"][1]["name"], evil);
}

// ---------------------------------------------------------------------------
// Saving keeps the file where and what it is
// ---------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn saving_keeps_the_file_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, file) = copy_to_temp(&demo_path());
    fs::set_permissions(&file, fs::Permissions::from_mode(0o664)).unwrap();
    ok(pm_file(
        &file,
        &[
            "meeting", "add", "--date", "today", "--title", "X", "--with", "ana,li",
        ],
    ));
    let mode = fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o664, "saving changed the file's mode to {mode:o}");
}

#[cfg(unix)]
#[test]
fn saving_through_a_symlink_updates_its_target() {
    let (dir, file) = copy_to_temp(&demo_path());
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&file, &link).unwrap();
    ok(pm_file(
        &link,
        &[
            "meeting", "add", "--date", "today", "--title", "X", "--with", "ana,li",
        ],
    ));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link was replaced by a copy"
    );
    assert_eq!(meetings(&file).len(), 36, "the target was not updated");
}

// ---------------------------------------------------------------------------
// Errors from the operating system are readable
// ---------------------------------------------------------------------------

#[test]
fn a_file_that_cannot_be_read_is_reported_once() {
    let dir = TempDir::new().unwrap();
    // A folder where the data file should be: said in plain words, once,
    // before anything is opened.
    let r = fails(pm_file(dir.path(), &["check"]), 1);
    assert!(
        r.stderr.contains(&dir.path().display().to_string()),
        "{}",
        r.stderr
    );
    assert_eq!(
        r.stderr.matches("is a directory").count(),
        1,
        "the reason is repeated: {}",
        r.stderr
    );
    assert!(!r.stderr.contains("os error"), "{}", r.stderr);
}

#[test]
fn a_report_that_cannot_be_written_is_reported_once() {
    let dir = TempDir::new().unwrap();
    // The output names an existing folder: it is refused, said once.
    let out = dir.path().join("a-folder");
    fs::create_dir(&out).unwrap();
    let r = fails(
        pm_file(&demo_path(), &["risks", "--as-of", DEMO_AS_OF])
            .arg("--output")
            .arg(&out),
        1,
    );
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr.contains(&out.display().to_string()),
        "{}",
        r.stderr
    );
    assert_eq!(
        r.stderr.matches("is a directory").count(),
        1,
        "the reason is repeated: {}",
        r.stderr
    );
    assert!(out.is_dir());
}

// ---------------------------------------------------------------------------
// 12. Backups, restore and the writers' lock
// ---------------------------------------------------------------------------

fn add_meeting(file: &Path, title: &str) -> String {
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

/// A demo file with a few saves behind it, then broken by hand.
fn broken_after_saves() -> (TempDir, PathBuf, Vec<u8>) {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("team file.json");
    ok(pm_file(&file, &["demo"]));
    add_meeting(&file, "One");
    add_meeting(&file, "Two");
    let good = fs::read(&file).unwrap();
    let mut broken = good.clone();
    broken.truncate(good.len() / 2);
    fs::write(&file, &broken).unwrap();
    (dir, file, good)
}

#[test]
fn check_on_a_broken_file_lists_its_backups_and_how_to_restore() {
    let (_dir, file, good) = broken_after_saves();
    let before = fs::read(&file).unwrap();
    let r = fails(pm_file(&file, &["check"]), 1);
    let backups = partnermap::store::backups(&file);
    let newest = &backups[0];
    assert_eq!(fs::read(&newest.path).unwrap(), good);
    let e = &r.stderr;
    assert!(e.contains("invalid JSON"), "{e}");
    assert!(e.contains("Backups of this file, newest first"), "{e}");
    for b in &backups {
        let name = b.path.file_name().unwrap().to_str().unwrap();
        assert!(
            e.contains(&format!("{}  {name}", b.local_time())),
            "{name}: {e}"
        );
    }
    assert!(e.contains("← restore puts back this one"), "{e}");
    let quoted = format!("'{}'", file.display());
    assert!(
        e.contains(&format!("partnermap --file {quoted} restore")),
        "{e}"
    );
    assert!(
        e.contains(&format!("cp '{}' {quoted}", newest.path.display())),
        "{e}"
    );
    assert_eq!(fs::read(&file).unwrap(), before, "check never writes");
}

#[test]
fn commands_that_cannot_load_the_file_give_a_one_line_restore_hint() {
    let (dir, file, _good) = broken_after_saves();
    let before = fs::read(&file).unwrap();
    let out = dir.path().join("r.csv");
    let cases: [Vec<&str>; 3] = [
        vec!["risks"],
        vec!["coverage", "--output", out.to_str().unwrap()],
        vec![
            "meeting", "add", "--date", "today", "--title", "X", "--with", "ana",
        ],
    ];
    for args in cases {
        let r = fails(pm_file(&file, &args), 1);
        let hints: Vec<&str> = r
            .stderr
            .lines()
            .filter(|l| l.starts_with("hint: "))
            .collect();
        assert_eq!(hints.len(), 1, "{args:?}: {}", r.stderr);
        assert!(hints[0].contains("restore"), "{}", hints[0]);
        assert_eq!(fs::read(&file).unwrap(), before, "{args:?}");
    }
    assert!(!out.exists());
}

#[test]
fn restore_puts_back_the_last_good_version_and_can_be_undone() {
    let (_dir, file, good) = broken_after_saves();
    let broken = fs::read(&file).unwrap();
    let out = ok(pm_file(&file, &["restore"]));
    assert!(out.contains("Restored"), "{out}");
    assert_eq!(fs::read(&file).unwrap(), good);
    ok(pm_file(&file, &["check"]));
    // The broken version was kept: it can be put back by name.
    let kept = partnermap::store::backups(&file)
        .into_iter()
        .find(|b| fs::read(&b.path).unwrap() == broken)
        .expect("the replaced version is kept");
    let r = fails(pm_file(&file, &["restore"]).arg(&kept.path), 1);
    assert!(r.stderr.contains("does not load"), "{}", r.stderr);
    assert_eq!(fs::read(&file).unwrap(), good);
}

#[test]
fn restore_without_backups_says_so() {
    let (_dir, file) = copy_to_temp(&demo_path());
    let r = fails(pm_file(&file, &["restore"]), 1);
    assert!(r.stderr.contains("no backups"), "{}", r.stderr);
    fs::write(&file, "{").unwrap();
    let r = fails(pm_file(&file, &["restore"]), 1);
    assert!(r.stderr.contains("no backups"), "{}", r.stderr);
}

#[test]
fn restore_leaves_a_file_that_loads_alone_unless_a_backup_is_named() {
    let (_dir, file) = copy_to_temp(&demo_path());
    ok(pm_file(
        &file,
        &[
            "meeting",
            "add",
            "--date",
            "2026-11-20",
            "--title",
            "One",
            "--with",
            "ana,li",
        ],
    ));
    ok(pm_file(
        &file,
        &[
            "meeting",
            "add",
            "--date",
            "2026-11-21",
            "--title",
            "Two",
            "--with",
            "ana,li",
        ],
    ));
    let now = fs::read(&file).unwrap();
    // Running restore "to be sure" must not take back the last meeting.
    let r = fails(pm_file(&file, &["restore"]), 1);
    assert!(
        r.stderr.contains("loads fine, so nothing was restored"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("restore"), "{}", r.stderr);
    assert_eq!(fs::read(&file).unwrap(), now);
    // Named, an older version is put back (and the current one kept).
    let older = partnermap::store::backups(&file)
        .into_iter()
        .find(|b| fs::read(&b.path).unwrap() != now)
        .expect("an older backup");
    ok(pm_file(&file, &["restore"]).arg(&older.path));
    assert_ne!(fs::read(&file).unwrap(), now);
}

#[cfg(unix)]
#[test]
fn data_file_lock_file_backups_and_exports_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("new folder/acme.json");
    ok(pm_file(&file, &["demo"]));
    add_meeting(&file, "One");
    let out = dir.path().join("new folder/risks.csv");
    ok(pm_file(&file, &["risks"]).arg("--output").arg(&out));
    assert_eq!(mode(file.parent().unwrap()), 0o700);
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(&partnermap::store::lock_path(&file)), 0o600);
    assert_eq!(mode(&partnermap::store::backup_dir(&file)), 0o700);
    let backups = partnermap::store::backups(&file);
    assert_eq!(backups.len(), 2);
    for b in backups {
        assert_eq!(mode(&b.path), 0o600);
    }
    assert_eq!(mode(&out), 0o600);
}

// ---------------------------------------------------------------------------
// 13. Terminal escapes: every format, and messages about broken files
// ---------------------------------------------------------------------------

/// A partnership whose names try to take over the terminal.
fn evil_partnership() -> Value {
    let evil = "Eve\u{1b}]0;owned\u{7}\u{9b}31m\u{7f}\u{202e}";
    json!({
        "schema": 1,
        "partnership": { "name": format!("Us × {evil}"), "ours": "Us", "partner": evil },
        "people": [
            { "id": "ana", "name": "Ana", "side": "ours", "level": "executive" },
            { "id": "eve\u{1b}[2J", "name": evil, "side": "partner", "level": "executive" }
        ],
        "ties": [ { "a": "ana", "b": "eve\u{1b}[2J", "last_contact": "2026-06-01" } ]
    })
}

/// The first character that a terminal would act on, if any (line ends
/// excepted).
fn raw_control(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

#[test]
fn json_reports_escape_every_control_character_and_keep_the_data() {
    let (_dir, file) = write_temp("evil.json", &evil_partnership());
    for command in ["risks", "coverage"] {
        let out = ok(pm_file(
            &file,
            &[command, "--as-of", "2026-11-24", "--format", "json"],
        ));
        assert_eq!(raw_control(&out), None, "{command}: {out:?}");
        let report = parse_json(&out);
        let evil = "Eve\u{1b}]0;owned\u{7}\u{9b}31m\u{7f}\u{202e}";
        let rows = report[if command == "risks" {
            "risks"
        } else {
            "people"
        }]
        .as_array()
        .unwrap();
        let name = if command == "risks" {
            "subject_name"
        } else {
            "name"
        };
        assert!(
            rows.iter().any(|r| r[name] == evil),
            "{command}: the name is not kept exactly: {out}"
        );
    }
}

#[test]
fn csv_shows_control_characters_as_text_on_a_terminal_and_in_a_pipe() {
    if !Path::new("/usr/bin/script").exists() {
        eprintln!("skipped: no `script` to run the binary on a terminal");
        return;
    }
    let (dir, file) = write_temp("evil.json", &evil_partnership());
    // Piped (`| cat` would retitle the window), as harmless text too.
    let piped = ok(pm_file(
        &file,
        &["risks", "--as-of", "2026-11-24", "--format", "csv"],
    ));
    assert_eq!(raw_control(&piped), None, "{piped:?}");
    assert!(piped.contains("Eve\\u{1b}]0;owned\\u{7}"), "{piped:?}");
    // On a terminal (a pseudo-terminal made by `script`), as harmless text.
    let typescript = dir.path().join("typescript");
    let command = format!(
        "{} --file '{}' risks --as-of 2026-11-24 --format csv",
        env!("CARGO_BIN_EXE_partnermap"),
        file.display()
    );
    let r = run(Command::new("script")
        .args(["-qec", &command])
        .arg(&typescript)
        .env("NO_COLOR", "1"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The terminal turns \n into \r\n: only those CRs are expected.
    let shown = r.stdout.replace("\r\n", "\n");
    assert_eq!(raw_control(&shown), None, "{shown:?}");
    assert!(shown.contains("Eve\\u{1b}]0;owned\\u{7}"), "{shown}");
}

#[test]
fn messages_about_broken_files_never_echo_control_characters() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("evil.json");
    // Escaped in the JSON text, raw once read.
    let text = r#"{"schema": 1, "partnership": {"name": "N", "ours": "A", "partner": "B"},
        "people": [{"id": "a\u001b[2J", "name": "A", "side": "ours",
        "x\u001b]0;owned\u0007": {"k\u009b": {"\u001b[31m": 1, "\u001b[31m": 2}}}]}"#;
    fs::write(&file, text).unwrap();
    let stderr = assert_refused(&file);
    assert!(stderr.contains("appears twice"), "{stderr}");
    assert_eq!(raw_control(&stderr.replace('\n', " ")), None, "{stderr:?}");
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
