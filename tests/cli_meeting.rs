//! `meeting add`: a meeting logged with the next id, usage errors
//! that change nothing, and unknown fields kept through the save.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{
    DEMO_AS_OF, copy_to_temp, demo_path, fails, manifest_dir, meetings, ok, parse_json, pm_file,
    read_json, risks_about, today_local,
};
use jiff::civil::Date;
use partnermap::date::add_days;
use serde_json::{Value, json};
use std::fs;
use std::path::Path;
use tempfile::TempDir;

// ---------------------------------------------------------------------------
// meeting add
// ---------------------------------------------------------------------------

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
// Unknown fields survive a round trip
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
