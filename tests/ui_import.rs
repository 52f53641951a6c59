//! The import dialog (`i`): a path with Tab completion, the preview of
//! what would change, Enter to save it as one change that `u` undoes, Esc
//! to cancel; driven through the same `on_key` the app uses.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::{Date, date};
use partnermap::tui::testing::{dialog_open, file, finish_jobs, keys, paste, screen, status};
use partnermap::tui::{self, app::App};
use std::path::PathBuf;

const AS_OF: Date = date(2026, 11, 24);

/// A copy of the demo in a fresh folder, opened as the app opens it.
fn open_demo() -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("partnership.json");
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/data/demo.json");
    std::fs::copy(demo, &path).unwrap();
    let app = tui::open(path.clone(), AS_OF, false).unwrap();
    (dir, path, app)
}

fn meetings(path: &std::path::Path) -> usize {
    file(path)["meetings"].as_array().unwrap().len()
}

#[test]
fn tab_completes_the_path_and_the_preview_says_what_would_change() {
    let (_dir, path, mut app) = open_demo();
    // The tests run in the crate's folder: the samples are at a relative path.
    keys(&mut app, "i");
    paste(&mut app, "data/samples/google-cal");
    keys(&mut app, "<Tab>");
    let asked = screen(&app, 120, 40);
    assert!(
        asked.contains("File: data/samples/google-calendar.ics"),
        "{asked}"
    );
    insta::assert_snapshot!("import_path_120x40", asked);
    keys(&mut app, "<Enter>");
    finish_jobs(&mut app);
    let preview = screen(&app, 120, 40);
    insta::assert_snapshot!("import_preview_120x40", preview);
    // Nothing is saved before Enter.
    assert_eq!(meetings(&path), 35);
    keys(&mut app, "<Enter>");
    assert!(!dialog_open(&app));
    // The demo's domains put the unknown contoso.example attendee on the
    // partner side (SPEC §11): one new person.
    assert!(
        status(&app).starts_with("Imported 1 new person, 0 people filled in and 8 meetings"),
        "{}",
        status(&app)
    );
    let saved = file(&path);
    assert_eq!(saved["meetings"].as_array().unwrap().len(), 43);
    let last = &saved["meetings"][42];
    assert_eq!(
        last["source"],
        "ics:1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a@google.com"
    );
    assert_eq!(last["date"], "2026-10-20");
    // One `u` takes the whole import back.
    keys(&mut app, "u");
    assert_eq!(meetings(&path), 35);
    assert!(status(&app).starts_with("Undone"), "{}", status(&app));
}

#[test]
fn several_matches_are_listed_and_completed_as_far_as_they_agree() {
    let (_dir, _path, mut app) = open_demo();
    keys(&mut app, "i");
    paste(&mut app, "data/samples/google-con");
    keys(&mut app, "<Tab>");
    let shown = screen(&app, 120, 40);
    assert!(
        shown.contains("File: data/samples/google-contacts"),
        "{shown}"
    );
    assert!(
        shown.contains("google-contacts-legacy.csv  google-contacts-v4.vcf  google-contacts.csv"),
        "{shown}"
    );
}

#[test]
fn a_file_that_is_no_contact_file_is_refused_in_place_and_esc_cancels() {
    let (_dir, path, mut app) = open_demo();
    let before = std::fs::read(&path).unwrap();
    keys(&mut app, "i");
    paste(&mut app, "Cargo.toml");
    keys(&mut app, "<Enter>");
    finish_jobs(&mut app);
    let shown = screen(&app, 120, 40);
    assert!(
        shown.contains("Cargo.toml: line 1: no column of names"),
        "{shown}"
    );
    assert!(dialog_open(&app));
    keys(&mut app, "<Esc>");
    assert!(!dialog_open(&app));
    assert_eq!(status(&app), "Import cancelled: nothing was saved");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn esc_in_the_preview_saves_nothing() {
    let (_dir, path, mut app) = open_demo();
    let before = std::fs::read(&path).unwrap();
    keys(&mut app, "i");
    paste(&mut app, "data/samples/salesforce-contacts.csv");
    keys(&mut app, "<Enter>");
    finish_jobs(&mut app);
    assert!(screen(&app, 120, 40).contains("Priya Shah"));
    keys(&mut app, "<Esc>");
    assert!(!dialog_open(&app));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}
