//! `meeting add` and the rule that a meeting ties the people who meet:
//! fewer than two people active on its date is bad usage (exit 2), and
//! nothing is written.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{demo_copy_as, pm_file};
use std::path::Path;

/// `partnermap --file FILE meeting add --date DATE --title X --with WITH`.
fn meeting_add(file: &Path, date: &str, with: &str) -> std::process::Output {
    pm_file(
        file,
        &[
            "meeting", "add", "--date", date, "--title", "X", "--with", with,
        ],
    )
    .output()
    .unwrap()
}

#[test]
fn a_meeting_with_one_attendee_is_refused_with_exit_2() {
    let (_dir, file) = demo_copy_as("partnership.json");
    let before = std::fs::read(&file).unwrap();
    for with in ["sam", "sam,,", " sam ", "sam,sam"] {
        let out = meeting_add(&file, "2026-11-20", with);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "--with {with:?}: {stderr}");
        assert!(
            stderr.contains("a meeting ties the people who meet, so it needs at least two"),
            "{stderr}"
        );
        assert!(out.stdout.is_empty());
        assert_eq!(std::fs::read(&file).unwrap(), before, "nothing written");
    }
}

#[test]
fn a_meeting_with_someone_who_had_left_by_its_date_is_refused_with_exit_2() {
    let (_dir, file) = demo_copy_as("partnership.json");
    let before = std::fs::read(&file).unwrap();
    // Ben Carter left on 2026-09-30.
    let out = meeting_add(&file, "2026-10-15", "ben,li");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("Ben Carter left on 2026-09-30"), "{stderr}");
    assert!(stderr.contains("active on 2026-10-15"), "{stderr}");
    assert_eq!(std::fs::read(&file).unwrap(), before, "nothing written");
    // Before he left, the same two make a meeting.
    let out = meeting_add(&file, "2026-09-01", "ben,li");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
