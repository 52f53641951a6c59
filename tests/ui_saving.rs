//! Saving on a thread (`tui::saving`): a key that saves returns before the
//! disk write; the file holds the change once the save is done; the next
//! change, `u` and a look at the file wait for it; a save that fails takes
//! the change back, puts `u`'s list back and opens the form again with
//! what was typed. Each case runs twice: with the change made in the
//! keystroke (a small file) and on the thread (a big file's path, which
//! `testing::save_in_background` makes the demo take).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::{Date, date};
use partnermap::store;
use partnermap::tui::app::{App, Tone};
use partnermap::tui::testing::{
    self as ui, check_file, dialog_open, finish_save, form, keys, press_only, save_in_background,
    saving, status, tone,
};
use partnermap::tui::{self};
use std::path::PathBuf;

const AS_OF: Date = date(2026, 11, 24);

/// The demo in a fresh folder, opened; on the big file's path when
/// `background`.
fn open(background: bool) -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("partnership.json");
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/data/demo.json");
    std::fs::copy(demo, &path).unwrap();
    let mut app = tui::open(path.clone(), AS_OF, false).unwrap();
    if background {
        save_in_background(&mut app);
    }
    (dir, path, app)
}

/// Types a meeting titled `title` with Li into the meeting form, without
/// pressing the key that saves it.
fn type_meeting(app: &mut App, title: &str) {
    for key in ["m", "<Tab>"] {
        ui::press(app, key);
    }
    for c in title.chars() {
        ui::press(app, &c.to_string());
    }
    keys(app, "<Tab>li<Space>");
}

fn titled(p: &partnermap::model::Partnership, title: &str) -> usize {
    p.meetings
        .iter()
        .filter(|m| m.title.as_deref() == Some(title))
        .count()
}

#[test]
fn the_key_returns_before_the_write_and_the_file_holds_the_change_after() {
    for background in [false, true] {
        let (_dir, path, mut app) = open(background);
        type_meeting(&mut app, "Budget");
        press_only(&mut app, "<C-s>");
        assert!(!dialog_open(&app), "{}", status(&app));
        assert!(saving(&app), "the save is written on a thread");
        // What was done is said once the file holds it; until then the
        // progress line says what the thread does.
        let doing = if background {
            "Making the change…"
        } else {
            "Saving the change…"
        };
        let shown = ui::screen(&app, 120, 40);
        assert!(shown.contains(doing), "{background}: {shown}");
        assert!(!ui::log(&app).join("\n").contains("Logged meeting"));
        assert!(finish_save(&mut app));
        assert!(!saving(&app));
        assert_eq!(titled(ui::partnership(&app), "Budget"), 1, "{background}");
        assert_eq!(titled(&store::load(&path).unwrap(), "Budget"), 1);
        assert!(
            status(&app).starts_with("Logged meeting m-"),
            "{}",
            status(&app)
        );
        assert_eq!(tone(&app), Some(Tone::Done));
        // The file is ours: looking at it reloads nothing.
        check_file(&mut app);
        assert!(
            !status(&app).contains("changed outside"),
            "{}",
            status(&app)
        );
        // u takes the meeting back, in the file too.
        keys(&mut app, "u");
        assert!(status(&app).starts_with("Undone: "), "{}", status(&app));
        assert_eq!(titled(&store::load(&path).unwrap(), "Budget"), 0);
    }
}

#[test]
fn a_second_change_waits_for_the_first_and_both_are_written_in_order() {
    for background in [false, true] {
        let (_dir, path, mut app) = open(background);
        type_meeting(&mut app, "First");
        press_only(&mut app, "<C-s>");
        // The next change starts while the first may still be written.
        type_meeting(&mut app, "Second");
        press_only(&mut app, "<C-s>");
        assert!(finish_save(&mut app));
        let saved = store::load(&path).unwrap();
        let titles: Vec<_> = saved.meetings[saved.meetings.len() - 2..]
            .iter()
            .map(|m| m.title.clone().unwrap_or_default())
            .collect();
        assert_eq!(titles, ["First", "Second"], "{background}");
        assert_eq!(saved, *ui::partnership(&app));
        // Two undos take both back, newest first.
        keys(&mut app, "u");
        assert_eq!(titled(&store::load(&path).unwrap(), "Second"), 0);
        assert_eq!(titled(&store::load(&path).unwrap(), "First"), 1);
        keys(&mut app, "u");
        assert_eq!(titled(&store::load(&path).unwrap(), "First"), 0);
    }
}

#[test]
fn a_save_that_cannot_be_written_is_taken_back_and_the_form_opens_again() {
    for background in [false, true] {
        let (_dir, path, mut app) = open(background);
        // Someone breaks the file after it was loaded (unseen: no check).
        std::fs::write(&path, "{ not json").unwrap();
        let before = ui::partnership(&app).clone();
        type_meeting(&mut app, "Lost?");
        press_only(&mut app, "<C-s>");
        assert!(!finish_save(&mut app), "{background}");
        // The screen is as before, and the file as it was broken.
        assert_eq!(*ui::partnership(&app), before);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{ not json");
        let said = status(&app);
        assert!(said.starts_with("Not saved: "), "{said}");
        assert!(said.contains("the form is open again"), "{said}");
        assert_eq!(tone(&app), Some(Tone::Error));
        // It was never said to be done.
        assert!(!ui::log(&app).join("\n").contains("Logged meeting"));
        // What was typed is there.
        let title = form(&app)
            .and_then(|f| f.field("Title"))
            .map(|f| f.value().to_string());
        assert_eq!(title.as_deref(), Some("Lost?"));
        // Nothing is on u's list.
        keys(&mut app, "<Esc>y");
        keys(&mut app, "u");
        assert_eq!(status(&app), "Nothing to undo in this session");
    }
}

#[test]
fn an_undo_that_cannot_be_written_leaves_the_change_and_u_can_try_again() {
    for background in [false, true] {
        let (_dir, path, mut app) = open(background);
        type_meeting(&mut app, "Kept");
        keys(&mut app, "<C-s>");
        let good = std::fs::read(&path).unwrap();
        std::fs::write(&path, "{ not json").unwrap();
        keys(&mut app, "u");
        let said = status(&app);
        assert!(said.starts_with("Could not undo: "), "{said}");
        assert_eq!(titled(ui::partnership(&app), "Kept"), 1, "{background}");
        // The file is mended: u takes the meeting back now.
        std::fs::write(&path, good).unwrap();
        keys(&mut app, "u");
        assert!(status(&app).starts_with("Undone: "), "{}", status(&app));
        assert_eq!(titled(&store::load(&path).unwrap(), "Kept"), 0);
        assert_eq!(titled(ui::partnership(&app), "Kept"), 0);
    }
}

#[test]
fn a_change_refused_on_the_thread_is_refused_like_one_made_at_once() {
    // The meeting to undo was removed elsewhere and the file reloaded: the
    // undo no longer fits. At once (a small file) it is refused in the key;
    // on the thread, when the thread says so; the same either way, and the
    // undo is taken off the list (it would only fail again).
    for background in [false, true] {
        let (_dir, path, mut app) = open(background);
        type_meeting(&mut app, "Removed elsewhere");
        keys(&mut app, "<C-s>");
        let mut elsewhere = store::load(&path).unwrap();
        elsewhere
            .meetings
            .retain(|m| m.title.as_deref() != Some("Removed elsewhere"));
        store::save(&path, &elsewhere).unwrap();
        check_file(&mut app);
        assert!(status(&app).contains("reloaded"), "{}", status(&app));
        let before = std::fs::read(&path).unwrap();
        press_only(&mut app, "u");
        finish_save(&mut app);
        let said = status(&app);
        assert!(said.starts_with("Could not undo: "), "{background}: {said}");
        assert!(said.contains("it is off u's list"), "{said}");
        assert_eq!(*ui::partnership(&app), elsewhere);
        assert_eq!(std::fs::read(&path).unwrap(), before);
        // It would fail again: it is off the list.
        keys(&mut app, "u");
        assert_eq!(status(&app), "Nothing to undo in this session");
    }
}

#[test]
fn after_a_failed_save_u_says_so_and_undoes_nothing_older() {
    for background in [false, true] {
        let (_dir, path, mut app) = open(background);
        type_meeting(&mut app, "Older");
        keys(&mut app, "<C-s>");
        std::fs::write(&path, "{ not json").unwrap();
        type_meeting(&mut app, "Newer");
        press_only(&mut app, "<C-s>");
        keys(&mut app, "<Esc>y");
        // u right after: it waits for the save, which fails.
        press_only(&mut app, "u");
        let said = status(&app);
        assert!(said.starts_with("Not saved: "), "{background}: {said}");
        assert_eq!(titled(ui::partnership(&app), "Older"), 1);
        assert_eq!(titled(ui::partnership(&app), "Newer"), 0);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{ not json");
    }
}

#[test]
fn a_change_chosen_while_the_one_before_fails_is_not_made_either() {
    for background in [false, true] {
        let (_dir, path, mut app) = open(background);
        std::fs::write(&path, "{ not json").unwrap();
        type_meeting(&mut app, "First");
        press_only(&mut app, "<C-s>");
        // The second form is typed and saved while the first is written.
        for key in ["m", "<Tab>", "S", "<Tab>", "l", "i", "<Space>", "<C-s>"] {
            press_only(&mut app, key);
        }
        let said = status(&app);
        assert!(
            said.contains("the change before this one could not be saved"),
            "{said}"
        );
        let log = ui::log(&app).join("\n");
        assert!(log.contains("the form is open again"), "{log}");
        assert_eq!(titled(ui::partnership(&app), "First"), 0, "{background}");
        assert_eq!(titled(ui::partnership(&app), "S"), 0);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{ not json");
        // Both forms are open, the second on top, as they were typed.
        let title = form(&app)
            .and_then(|f| f.field("Title"))
            .map(|f| f.value().to_string());
        assert_eq!(title.as_deref(), Some("S"));
    }
}

#[test]
fn after_a_failed_save_the_file_is_looked_at_again() {
    for background in [false, true] {
        let (_dir, path, mut app) = open(background);
        std::fs::write(&path, "{ not json").unwrap();
        type_meeting(&mut app, "Lost?");
        press_only(&mut app, "<C-s>");
        assert!(!finish_save(&mut app));
        // The next tick of the file watcher sees the broken file.
        partnermap::tui::update::handle(&mut app, partnermap::tui::event::Event::Tick);
        let alert = ui::alert(&app).unwrap_or_default();
        assert!(alert.contains("no longer loads"), "{background}: {alert:?}");
    }
}

#[test]
fn adding_a_person_on_the_thread_is_analysed_as_in_the_key() {
    // A change of who is in the file is analysed with the what-if in force:
    // on the thread (a big file) as in the key (a small one).
    let [(at_once, _a), (thread, _b)] = [false, true].map(|background| {
        let (dir, _path, mut app) = open(background);
        ui::select(&mut app, "marcus");
        keys(&mut app, "x");
        keys(&mut app, "aNew Person<C-s>");
        (app, dir)
    });
    assert_eq!(ui::gone(&at_once), ui::gone(&thread));
    assert_eq!(ui::analysis(&at_once).risks, ui::analysis(&thread).risks);
    assert_eq!(status(&at_once), status(&thread));
    assert!(
        status(&thread).starts_with("Added New Person"),
        "{}",
        status(&thread)
    );
}

#[test]
fn a_failed_save_on_the_thread_never_says_it_was_made_and_says_it_is_making_it_first() {
    let (_dir, path, mut app) = open(true);
    ui::analyse_in_background(&mut app);
    type_meeting(&mut app, "Never said");
    std::fs::write(&path, "{ not json").unwrap();
    press_only(&mut app, "<C-s>");
    // Until the thread's word is in, the progress line says what it does.
    let shown = ui::screen(&app, 120, 40);
    assert!(shown.contains("Making the change…"), "{shown}");
    assert!(!finish_save(&mut app));
    ui::settle(&mut app);
    let said = status(&app);
    assert!(said.starts_with("Not saved: "), "{said}");
    let log = ui::log(&app).join("\n");
    assert!(!log.contains("Logged meeting"), "{log}");
}
