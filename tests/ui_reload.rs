//! A big data file changed elsewhere is looked at and reloaded on a
//! thread (`tui::update::check_file`): keys work meanwhile, the progress
//! line says what is happening, and what arrives is taken in as a reload
//! in the keystroke would be; a save made meanwhile wins (it made its
//! change on the newer file), and the file is looked at again after.
//! `testing::reload_in_background` makes the demo take the big file's path.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::{Date, date};
use partnermap::model::Partnership;
use partnermap::store;
use partnermap::tui::app::{App, View};
use partnermap::tui::event::Event;
use partnermap::tui::testing::{
    self as ui, alert, check_file, keys, reload_in_background, reloading, status,
};
use partnermap::tui::{self, update};
use std::path::{Path, PathBuf};
use std::time::Duration;

const AS_OF: Date = date(2026, 11, 24);

fn open() -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("partnership.json");
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/data/demo.json");
    std::fs::copy(demo, &path).unwrap();
    let mut app = tui::open(path.clone(), AS_OF, false).unwrap();
    reload_in_background(&mut app);
    (dir, path, app)
}

/// Someone else logs a meeting titled `title` in the file.
fn meeting_elsewhere(path: &Path, title: &str) {
    let mut p = store::load(path).unwrap();
    let mut meeting = p.meetings[0].clone();
    meeting.id = format!("m-{title}");
    meeting.title = Some(title.to_string());
    p.meetings.push(meeting);
    store::save(path, &p).unwrap();
}

fn titled(p: &Partnership, title: &str) -> usize {
    p.meetings
        .iter()
        .filter(|m| m.title.as_deref() == Some(title))
        .count()
}

/// Handles events until the look at the file has arrived.
fn arrive(app: &mut App) {
    while reloading(app) {
        match app.events.recv_timeout(Duration::from_secs(30)) {
            Some(event) => update::handle(app, event),
            None => panic!("the look at the file did not arrive"),
        }
    }
}

#[test]
fn a_big_file_changed_elsewhere_is_reloaded_on_a_thread_while_keys_work() {
    let (_dir, path, mut app) = open();
    let before = ui::partnership(&app).meetings.len();
    meeting_elsewhere(&path, "Elsewhere");
    check_file(&mut app);
    assert!(reloading(&app), "the file is looked at on a thread");
    let shown = ui::screen(&app, 120, 40);
    assert!(shown.contains("changed outside partnermap…"), "{shown}");
    assert!(!shown.contains("……"), "{shown}");
    // Keys work meanwhile, on the data as it was.
    keys(&mut app, "2");
    assert_eq!(ui::view(&app), View::Risks);
    assert_eq!(ui::partnership(&app).meetings.len(), before);
    arrive(&mut app);
    assert_eq!(titled(ui::partnership(&app), "Elsewhere"), 1);
    assert!(
        status(&app).starts_with("The file was changed outside partnermap and has been reloaded"),
        "{}",
        status(&app)
    );
    assert!(!ui::screen(&app, 120, 40).contains("changed outside partnermap…"));
}

#[test]
fn a_big_file_broken_elsewhere_is_reported_once_from_the_thread() {
    let (_dir, path, mut app) = open();
    std::fs::write(&path, "{ not json").unwrap();
    check_file(&mut app);
    arrive(&mut app);
    let said = alert(&app).unwrap_or_default();
    assert!(said.contains("no longer loads"), "{said}");
    // Looked at again, the same broken file is not said again.
    app.alert = None;
    check_file(&mut app);
    arrive(&mut app);
    assert!(alert(&app).is_none());
}

#[test]
fn a_save_made_while_the_file_is_looked_at_wins_and_the_file_is_looked_at_again() {
    let (_dir, path, mut app) = open();
    meeting_elsewhere(&path, "Elsewhere");
    check_file(&mut app);
    assert!(reloading(&app));
    // A meeting logged meanwhile is made on the newer file (theirs kept).
    ui::select(&mut app, "li");
    keys(&mut app, "m<Tab>Ours<Tab>ana<Space><C-s>");
    assert!(ui::finish_save(&mut app));
    arrive(&mut app);
    let on_disk = store::load(&path).unwrap();
    assert_eq!(titled(&on_disk, "Elsewhere"), 1);
    assert_eq!(titled(&on_disk, "Ours"), 1);
    assert_eq!(titled(ui::partnership(&app), "Elsewhere"), 1);
    assert_eq!(titled(ui::partnership(&app), "Ours"), 1);
    // The look that arrived late was of the data before the save: it is
    // not taken in, and the next tick looks again (and finds the file as
    // shown).
    assert!(app.seen.is_none(), "looked at again at the next tick");
    check_file(&mut app);
    arrive(&mut app);
    assert_eq!(ui::partnership(&app).meetings.len(), on_disk.meetings.len());
}

#[test]
fn a_file_changed_again_while_it_is_looked_at_is_looked_at_again() {
    let (_dir, path, mut app) = open();
    meeting_elsewhere(&path, "First");
    check_file(&mut app);
    meeting_elsewhere(&path, "Second");
    // One look at a time: the second change is looked at after the first.
    check_file(&mut app);
    arrive(&mut app);
    assert_eq!(titled(ui::partnership(&app), "First"), 1);
    assert!(app.seen.is_none(), "looked at again at the next tick");
    check_file(&mut app);
    arrive(&mut app);
    assert_eq!(titled(ui::partnership(&app), "First"), 1);
    assert_eq!(titled(ui::partnership(&app), "Second"), 1);
    assert!(!reloading(&app));
    assert!(!ui::screen(&app, 120, 40).contains("changed outside partnermap…"));
}

#[test]
fn a_look_under_way_is_dropped_when_the_file_becomes_small_and_is_looked_at_at_once() {
    let (_dir, path, mut app) = open();
    meeting_elsewhere(&path, "Elsewhere");
    check_file(&mut app);
    assert!(reloading(&app));
    // The file is replaced by one that does not load; looked at in the
    // keystroke (as a small file is), it is reported, and the look under
    // way, of the file before, is never taken in.
    std::fs::write(&path, "{ not json").unwrap();
    app.reloading.in_background_from = u64::MAX;
    check_file(&mut app);
    assert!(!reloading(&app));
    let said = alert(&app).unwrap_or_default();
    assert!(said.contains("no longer loads"), "{said}");
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while std::time::Instant::now() < deadline {
        if let Some(event @ Event::Done(_)) = app.events.recv_timeout(Duration::from_millis(100)) {
            update::handle(&mut app, event);
        }
    }
    assert_eq!(titled(ui::partnership(&app), "Elsewhere"), 0);
    assert!(alert(&app).is_some(), "the warning stays");
}
