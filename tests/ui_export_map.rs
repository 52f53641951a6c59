//! The UI's export dialog offers the map as SVG (SPEC §7 `e`, §12): driven
//! through the same key handler the app uses, it writes the same picture
//! as `partnermap map`, beside the data file, never over a file, and
//! labelled during a what-if.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::{Date, date};
use partnermap::export::map::{self, MapFormat};
use partnermap::tui::testing::{analysis, dialog_open, keys, partnership, screen, select, status};
use partnermap::tui::{self, app::App};
use std::path::PathBuf;

const AS_OF: Date = date(2026, 11, 24);

fn open_demo() -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("partnership.json");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/data/demo.json"),
        &path,
    )
    .unwrap();
    let app = tui::open(path.clone(), AS_OF, false).unwrap();
    (dir, path, app)
}

#[test]
fn the_export_dialog_offers_the_map_and_names_its_file() {
    let (_dir, _path, mut app) = open_demo();
    keys(&mut app, "e<Right><Right><Right>");
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("Map (SVG)"), "{shown}");
    assert!(
        shown.contains("Export the contact map as of 2026-11-24"),
        "{shown}"
    );
    assert!(shown.contains("partnership-map-2026-11-24.svg"), "{shown}");
    keys(&mut app, "<Esc>");
    assert!(!dialog_open(&app));
}

#[test]
fn s_writes_the_map_as_the_command_line_draws_it() {
    let (dir, _path, mut app) = open_demo();
    keys(&mut app, "es");
    let svg = dir.path().join("partnership-map-2026-11-24.svg");
    let written = std::fs::read_to_string(&svg).unwrap();
    let expected = map::write(partnership(&app), analysis(&app), MapFormat::Svg);
    assert_eq!(written, expected);
    assert!(written.starts_with("<?xml"));
    let said = status(&app);
    assert!(said.contains("Exported the map as SVG to"), "{said}");
    assert!(said.contains(&svg.display().to_string()), "{said}");

    // Again: the first name is taken, so the next one is used.
    keys(&mut app, "e<Right><Right><Right><Enter>");
    let second = dir.path().join("partnership-map-2026-11-24-2.svg");
    assert!(second.exists());
    assert!(status(&app).contains("left as it is"), "{}", status(&app));
    assert_eq!(std::fs::read_to_string(&svg).unwrap(), written);
}

#[test]
fn a_what_if_map_is_labelled_in_its_name_and_its_title() {
    let (dir, _path, mut app) = open_demo();
    select(&mut app, "sam");
    keys(&mut app, "xes");
    let svg = dir.path().join("partnership-map-2026-11-24-what-if.svg");
    let written = std::fs::read_to_string(&svg).unwrap();
    assert!(
        written.contains("What-if, not the real state: as if Sam Okafor had left."),
        "{written}"
    );
    assert!(
        status(&app).contains("the map (what-if) as SVG"),
        "{}",
        status(&app)
    );
}
