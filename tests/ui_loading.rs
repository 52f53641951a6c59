//! Opening a big data file, through the same `handle` and `on_key` the app
//! uses: the first frame says what is loading, keys work while it loads
//! (quit, help, the view to open in), changes wait, then the data shows;
//! a big file that does not load ends the UI with its problems.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::{Date, date};
use partnermap::analysis::Analysis;
use partnermap::graph::Scenario;
use partnermap::store::{self, LoadError};
use partnermap::tui::app::{App, View};
use partnermap::tui::loading::{self, IN_BACKGROUND_FROM};
use partnermap::tui::testing::{
    dialog_open, finish_loading, keys, partnership, quit_asked, risk_rows, screen, status, view,
};
use partnermap::tui::{self};
use std::path::{Path, PathBuf};

const AS_OF: Date = date(2026, 11, 24);

/// Writes the demo to `path`, made big by trailing spaces (which JSON
/// allows), with `edit` applied to its text first.
fn write_big(path: &Path, edit: impl Fn(String) -> String) -> u64 {
    let text = edit(store::to_text(&partnermap::demo::demo(AS_OF)));
    let padding = " ".repeat(IN_BACKGROUND_FROM as usize);
    std::fs::write(path, format!("{text}{padding}\n")).unwrap();
    std::fs::metadata(path).unwrap().len()
}

fn open_big(edit: impl Fn(String) -> String) -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    write_big(&path, edit);
    let app = tui::open(path.clone(), AS_OF, false).unwrap();
    (dir, path, app)
}

#[test]
fn the_first_frame_says_what_is_loading_and_how_big_it_is() {
    // A path the same on every machine: the frame is drawn before the
    // load (which fails, as nothing is there) is handled.
    let app = loading::start(
        PathBuf::from("shared/partnership.json"),
        135_364_021,
        AS_OF,
        false,
    );
    let shown = screen(&app, 120, 40);
    assert!(
        shown.contains("Loading shared/partnership.json… 135 MB"),
        "{shown}"
    );
    insta::assert_snapshot!("loading_120x40", shown);
    insta::assert_snapshot!("loading_80x24", screen(&app, 80, 24));
}

#[test]
fn a_big_file_opens_at_once_and_shows_its_data_when_loaded() {
    let (_dir, path, mut app) = open_big(|t| t);
    let before = std::fs::read(&path).unwrap();
    assert!(
        app.loading.is_some(),
        "a file over the size loads in the background"
    );
    let first = screen(&app, 120, 40);
    assert!(
        first.contains("Loading ") && first.contains("… 8 MB"),
        "{first}"
    );
    // Help opens and closes; the view to open in can be chosen.
    keys(&mut app, "?");
    assert!(dialog_open(&app));
    keys(&mut app, "<Esc>");
    assert!(!dialog_open(&app));
    keys(&mut app, "2");
    assert_eq!(view(&app), View::Risks);
    assert!(screen(&app, 120, 40).contains("It opens in the risks view"));
    // A change waits for the data, and says so.
    for key in ["m", "a", "x", "u", "/"] {
        keys(&mut app, key);
        assert!(!dialog_open(&app), "{key}");
        assert!(
            status(&app).starts_with("Still loading"),
            "{key}: {}",
            status(&app)
        );
    }
    finish_loading(&mut app);
    assert!(app.loading.is_none());
    assert!(
        !status(&app).starts_with("Still loading"),
        "{}",
        status(&app)
    );
    let demo = store::parse(&String::from_utf8(before.clone()).unwrap(), &path).unwrap();
    assert_eq!(*partnership(&app), demo);
    let analysis = Analysis::run(&demo, &Scenario::on(AS_OF));
    assert_eq!(risk_rows(&app).len(), analysis.risks.len());
    assert_eq!(view(&app), View::Risks);
    let shown = screen(&app, 120, 40);
    assert!(!shown.contains("Loading"), "{shown}");
    assert!(shown.contains(&demo.names.name), "{shown}");
    // Keys act on the data now; nothing was written meanwhile.
    keys(&mut app, "1");
    assert_eq!(view(&app), View::People);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn q_quits_while_the_file_loads() {
    let (_dir, _path, mut app) = open_big(|t| t);
    keys(&mut app, "q");
    assert!(quit_asked(&app));
    assert!(loading::failure(&mut app).is_none());
}

#[test]
fn a_big_file_that_does_not_load_ends_the_ui_with_its_problems() {
    let (_dir, path, mut app) =
        open_big(|t| t.replacen("\"side\": \"ours\"", "\"side\": \"us\"", 1));
    let before = std::fs::read(&path).unwrap();
    finish_loading(&mut app);
    assert!(quit_asked(&app), "the UI ends");
    match loading::failure(&mut app) {
        Some(LoadError::Invalid { problems, .. }) => {
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert!(problems[0].place.starts_with("people[0]"), "{problems:?}");
            assert!(problems[0].message.contains("\"us\""), "{problems:?}");
        }
        other => panic!("expected the file's problems, got {other:?}"),
    }
    assert_eq!(std::fs::read(&path).unwrap(), before, "never written");
}

#[test]
fn a_small_file_is_loaded_before_the_ui_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("small.json");
    std::fs::write(&path, store::to_text(&partnermap::demo::demo(AS_OF))).unwrap();
    let app = tui::open(path, AS_OF, false).unwrap();
    assert!(app.loading.is_none());
    assert!(!partnership(&app).people.is_empty());
}
