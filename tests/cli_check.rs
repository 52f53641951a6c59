//! `check` and every loading command on broken data files: the corpus in
//! `tests/files/bad/`, one file per kind of error, each copied to a
//! temporary folder before the binary sees it, so that a bug that writes
//! to a file it should not cannot damage the corpus.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{
    DEMO_AS_OF, add_meeting, bad_dir, copy_to_temp, fails, manifest_dir, ok, pm_file, raw_control,
    read_json, write_temp,
};
use serde_json::{Value, json};
use std::fs;
use std::path::Path;
use tempfile::TempDir;

// ---------------------------------------------------------------------------
// Broken data files
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
const BAD_FILES: [&str; 35] = [
    "person_bad_stance.json",
    "domains_not_lower_case.json",
    "meeting_source_twice.json",
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
        let r = fails(pm_file(&file, &["check"]), 1);
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
        let stderr = assert_refused(&file);
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
    let r = fails(pm_file(&file, &["check"]), 1);
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

bad_file!(person_bad_stance, "person_bad_stance.json", [
    "people[1] (id \"li\")", "stance", "unknown stance \"fan\" (expected champion, supporter, neutral, skeptic, blocker";
]);

bad_file!(domains_not_lower_case, "domains_not_lower_case.json", [
    "partnership.domains", "partner", "\"@Globex.example\" is not an e-mail domain";
]);

bad_file!(meeting_source_twice, "meeting_source_twice.json", [
    "meetings[1] (id \"m-0002\")", "source", "is already the source of meetings[0]";
]);

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
