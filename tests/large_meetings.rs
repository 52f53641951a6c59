//! Large meetings through the command line (SPEC §2, §3): a file lists at
//! most 10,000 attendees in one meeting, `meeting add` takes no more, a
//! meeting with more than `settings.large_meeting` active attendees ties
//! nobody, and the setting is checked like the others.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::pm_file;
use serde_json::{Value, json};
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A file with `people` people (half on each side) and one meeting of the
/// first `attendees` of them, dated before the as-of date used below.
fn file(people: usize, attendees: usize, settings: Value) -> (TempDir, PathBuf) {
    let ids: Vec<String> = (0..people).map(|i| format!("p{i}")).collect();
    let list: Vec<Value> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let side = if i % 2 == 0 { "ours" } else { "partner" };
            json!({"id": id, "name": format!("Person {i}"), "side": side})
        })
        .collect();
    let doc = json!({
        "schema": 1,
        "partnership": {"name": "N × C", "ours": "N", "partner": "C"},
        "settings": settings,
        "people": list,
        "meetings": [{"id": "m-0001", "date": "2026-11-01", "attendees": ids[..attendees]}],
    });
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("p.json");
    fs::write(&path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    (dir, path)
}

fn pm(file: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    pm_file(file, args)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
}

fn coverage(file: &Path) -> Value {
    let out = pm(
        file,
        &["coverage", "--as-of", "2026-11-24", "--format", "json"],
    )
    .success();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

#[test]
fn a_meeting_over_the_setting_ties_nobody() {
    let (_dir, path) = file(6, 6, json!({"large_meeting": 5}));
    let rows = coverage(&path);
    for row in rows["people"].as_array().unwrap() {
        assert_eq!(row["direct"], 0, "{row}");
        assert_eq!(row["reachable"], false, "{row}");
    }
    let (_dir, path) = file(6, 6, json!({"large_meeting": 6}));
    for row in coverage(&path)["people"].as_array().unwrap() {
        assert_eq!(row["direct"], 3, "{row}");
    }
}

#[test]
fn ten_thousand_attendees_load_and_the_event_ties_nobody() {
    let (_dir, path) = file(10_000, 10_000, json!({}));
    let out = pm(
        &path,
        &["risks", "--as-of", "2026-11-24", "--format", "json"],
    )
    .success();
    let report: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(report["summary"]["live_ties"], 0);
    assert_eq!(report["summary"]["stale_ties"], 0);
}

#[test]
fn more_than_ten_thousand_attendees_are_refused_with_the_place() {
    let (_dir, path) = file(10_001, 10_001, json!({}));
    let before = fs::read(&path).unwrap();
    let out = pm(&path, &["check"]).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains(r#"meetings[0] (id "m-0001"), field "attendees""#)
            && stderr.contains("10001")
            && stderr.contains("at most 10000"),
        "{stderr}"
    );
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn meeting_add_takes_at_most_ten_thousand_attendees() {
    let (_dir, path) = file(10_001, 2, json!({}));
    let before = fs::read(&path).unwrap();
    let ids: Vec<String> = (0..10_001).map(|i| format!("p{i}")).collect();
    let with = ids.join(",");
    let out = pm(
        &path,
        &[
            "meeting",
            "add",
            "--date",
            "2026-11-02",
            "--title",
            "All",
            "--with",
            &with,
        ],
    )
    .failure();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("at most 10000"), "{stderr}");
    assert_eq!(fs::read(&path).unwrap(), before, "nothing was saved");
    // 10,000 is allowed.
    pm(
        &path,
        &[
            "meeting",
            "add",
            "--date",
            "2026-11-02",
            "--title",
            "All",
            "--with",
            &ids[..10_000].join(","),
        ],
    )
    .success();
}

#[test]
fn the_large_meeting_setting_is_checked() {
    for (value, shown) in [
        (json!(1), "got 1"),
        (json!("30"), "expected a whole number"),
    ] {
        let (_dir, path) = file(2, 2, json!({ "large_meeting": value }));
        let out = pm(&path, &["check"]).code(1);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(
            stderr.contains(r#"settings, field "large_meeting""#) && stderr.contains(shown),
            "{stderr}"
        );
    }
}
