//! Starting with no data file, through the same `on_key` the app uses: the
//! start screen (`n` a new partnership, `d` the demo), the start form and
//! its refusals in place, the new file, and the empty people view after it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::{Date, date};
use partnermap::store;
use partnermap::tui::app::App;
use partnermap::tui::testing::{
    check_file, dialog_open, form, form_error, keys, paste, quit_asked, screen, status,
};
use partnermap::tui::{self};
use serde_json::json;
use std::path::PathBuf;

const AS_OF: Date = date(2026, 11, 24);

/// The UI on a data file that does not exist yet.
fn open_new() -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.json");
    let app = tui::open(path.clone(), AS_OF, false).unwrap();
    (dir, path, app)
}

#[test]
fn the_start_screen_offers_a_new_partnership_or_the_demo() {
    let (_dir, path, app) = open_new();
    let big = screen(&app, 120, 40);
    assert!(big.contains(&path.display().to_string()), "{big}");
    assert!(big.contains("Start your own partnership"), "{big}");
    assert!(
        !big.contains("DEMO"),
        "nothing of the demo shows behind it: {big}"
    );
    assert!(
        big.lines()
            .last()
            .unwrap()
            .contains("n new partnership  d demo  q quit")
    );
    // A path the same on every machine (only drawn: nothing is written).
    let app = tui::open(PathBuf::from("not-here/new.json"), AS_OF, false).unwrap();
    insta::assert_snapshot!("start_screen_120x40", screen(&app, 120, 40));
    insta::assert_snapshot!("start_screen_80x24", screen(&app, 80, 24));
}

#[test]
fn q_on_the_start_screen_quits_and_writes_nothing() {
    let (_dir, path, mut app) = open_new();
    keys(&mut app, "x");
    assert!(
        dialog_open(&app) && !quit_asked(&app),
        "other keys do nothing"
    );
    keys(&mut app, "q");
    assert!(quit_asked(&app));
    assert!(!path.exists());
}

#[test]
fn n_starts_a_partnership_whose_name_follows_the_two_organisations() {
    let (_dir, path, mut app) = open_new();
    keys(&mut app, "n");
    insta::assert_snapshot!("start_form_120x40", screen(&app, 120, 40));
    insta::assert_snapshot!("start_form_80x24", screen(&app, 80, 24));
    keys(&mut app, "Acme<Tab>Globex");
    let f = form(&app).unwrap();
    assert_eq!(f.field("Partnership").unwrap().value(), "Acme × Globex");
    keys(
        &mut app,
        "<Tab><Tab>ACME.example, acme.co.uk<Tab>globex.example<Enter>",
    );
    assert!(!dialog_open(&app), "{}", status(&app));
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.names.name, "Acme × Globex");
    assert_eq!(saved.names.ours, "Acme");
    let domains = saved.names.domains.unwrap();
    assert_eq!(domains.ours, ["acme.example", "acme.co.uk"]);
    assert_eq!(domains.partner, ["globex.example"]);
    assert!(saved.people.is_empty());
    // The empty people view says how to add people, or import them.
    let big = screen(&app, 120, 40);
    assert!(big.contains("Acme × Globex"), "{big}");
    assert!(!big.contains("DEMO"), "{big}");
    assert!(big.contains("Nobody yet — press a to add a"), "{big}");
    assert!(big.contains("person, or i to import contacts"), "{big}");
    assert!(big.contains("i imports contacts"), "{big}");
    assert!(
        status(&app).starts_with("Started Acme × Globex in"),
        "{}",
        status(&app)
    );
    // Without the status line, which names the (temporary) file.
    keys(&mut app, "<Esc>");
    insta::assert_snapshot!("new_partnership_120x40", screen(&app, 120, 40));
    insta::assert_snapshot!("new_partnership_80x24", screen(&app, 80, 24));
    // The first person added goes into the new file.
    keys(&mut app, "aAna Ruiz<C-s>");
    assert!(store::load(&path).unwrap().person("ana").is_some());
}

#[test]
fn a_typed_name_stops_following_and_emptied_follows_again() {
    let (_dir, path, mut app) = open_new();
    keys(&mut app, "nA<Tab>B<Tab><C-u>Cloud deal<S-Tab><S-Tab>cme");
    assert_eq!(
        form(&app).unwrap().field("Partnership").unwrap().value(),
        "Cloud deal"
    );
    keys(&mut app, "<Tab><Tab><C-u><S-Tab>x");
    assert_eq!(
        form(&app).unwrap().field("Partnership").unwrap().value(),
        "Acme × Bx"
    );
    keys(&mut app, "<C-s>");
    assert_eq!(store::load(&path).unwrap().names.name, "Acme × Bx");
}

#[test]
fn bad_names_and_domains_are_marked_in_place_and_nothing_is_written() {
    let (_dir, path, mut app) = open_new();
    keys(&mut app, "n<C-s>");
    assert_eq!(
        form_error(&app, "Our org").as_deref(),
        Some("our organisation needs a name")
    );
    keys(&mut app, "Acme<Tab>acme<C-s>");
    assert!(
        form_error(&app, "Partner org")
            .unwrap()
            .contains("other than ours")
    );
    keys(&mut app, "<C-u>Globex<Tab><Tab>ana@acme.example<C-s>");
    assert_eq!(
        form_error(&app, "Our domain").as_deref(),
        Some(
            "\"ana@acme.example\" is not an e-mail domain; write the part after @ alone: acme.example"
        )
    );
    insta::assert_snapshot!("start_form_error_120x40", screen(&app, 120, 40));
    insta::assert_snapshot!("start_form_error_80x24", screen(&app, 80, 24));
    // An overlong name, pasted.
    keys(&mut app, "<C-u><S-Tab><C-u>");
    paste(&mut app, &"x".repeat(1001));
    keys(&mut app, "<C-s>");
    assert_eq!(
        form_error(&app, "Partnership").as_deref(),
        Some("the name is 1001 characters long; at most 1000 are allowed")
    );
    assert!(!path.exists(), "nothing half-written");
}

#[test]
fn esc_goes_back_to_the_start_screen_and_d_opens_the_demo() {
    let (_dir, path, mut app) = open_new();
    keys(&mut app, "n<Esc>");
    assert!(screen(&app, 120, 40).contains("Start your own partnership"));
    // Something typed: Esc asks first.
    keys(&mut app, "nAcme<Esc>");
    assert!(screen(&app, 120, 40).contains("Discard what you typed? y/n"));
    keys(&mut app, "y");
    assert!(screen(&app, 120, 40).contains("Look around the demo first"));
    keys(&mut app, "d");
    assert!(!dialog_open(&app));
    assert!(screen(&app, 120, 40).contains("DEMO"));
    assert!(!path.exists());
}

#[test]
fn a_file_made_elsewhere_meanwhile_closes_the_start_screen() {
    let (_dir, path, mut app) = open_new();
    keys(&mut app, "nAc");
    let text = json!({"schema": 1, "partnership": {"name": "X × Y", "ours": "X", "partner": "Y"}, "people": []});
    std::fs::write(&path, text.to_string()).unwrap();
    check_file(&mut app);
    assert!(!dialog_open(&app));
    assert!(screen(&app, 120, 40).contains("X × Y"));
    // And the form, had it been saved now, would have been refused, not
    // written over that file.
    let (_dir2, path2, mut app2) = open_new();
    keys(&mut app2, "nA<Tab>B");
    std::fs::write(&path2, text.to_string()).unwrap();
    keys(&mut app2, "<C-s>");
    assert!(dialog_open(&app2), "the form stays open");
    assert!(
        status(&app2).contains("already exists"),
        "{}",
        status(&app2)
    );
    assert_eq!(std::fs::read_to_string(&path2).unwrap(), text.to_string());
}
