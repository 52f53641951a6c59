//! Keeping the map current from the keyboard, through the same `on_key`
//! the app uses: `E` on a person, a declared tie or a meeting (selected
//! with `↑ ↓` in the detail pane), `L`, `s` and `D`; each saved at once as
//! one change, refused in place when wrong, merged with another writer, and
//! undone by `u` — a delete undone gives back the file byte for byte.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::{Date, date};
use partnermap::model::Stance;
use partnermap::store;
use partnermap::tui::app::App;
use partnermap::tui::testing::{
    self as ui, dialog_open, form, form_error, keys, paste, screen, select, status,
};
use partnermap::tui::{self};
use std::path::{Path, PathBuf};

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

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

/// Moves down the detail pane until a row described as `wanted` (see
/// [`ui::detail_selected`]) is selected.
fn select_row(app: &mut App, wanted: impl Fn(&str) -> bool) {
    for _ in 0..40 {
        keys(app, "j");
        if ui::detail_selected(app).is_some_and(|s| wanted(&s)) {
            return;
        }
    }
    panic!("no such row in the detail pane");
}

#[test]
fn e_edits_a_person_in_the_add_form_without_the_id_and_u_undoes_it() {
    let (_dir, path, mut app) = open_demo();
    let before = bytes(&path);
    select(&mut app, "ana");
    keys(&mut app, "E");
    let f = form(&app).unwrap();
    assert_eq!(f.title, "Edit Ana Ruiz (id ana)");
    assert!(f.field("Id").is_none(), "an id never changes");
    assert_eq!(f.field("Title").unwrap().value(), "VP Alliances");
    insta::assert_snapshot!("edit_person_120x40", screen(&app, 120, 40));
    insta::assert_snapshot!("edit_person_80x24", screen(&app, 80, 24));
    keys(
        &mut app,
        "<Tab><Tab><C-u>Chief Alliances Officer<Tab><C-u>Partnerships<C-s>",
    );
    assert!(!dialog_open(&app), "{}", status(&app));
    let ana = store::load(&path).unwrap().person("ana").unwrap().clone();
    assert_eq!(ana.title.as_deref(), Some("Chief Alliances Officer"));
    assert_eq!(ana.team.as_deref(), Some("Partnerships"));
    assert_eq!(ana.reports_to.as_deref(), Some("priya"), "the rest is kept");
    assert!(
        status(&app).starts_with("Edited the title and team of Ana Ruiz"),
        "{}",
        status(&app)
    );
    keys(&mut app, "u");
    assert!(
        status(&app).starts_with("Undone: edited the title and team"),
        "{}",
        status(&app)
    );
    assert_eq!(bytes(&path), before);
    // Nothing changed: nothing is saved, and there is nothing to undo.
    keys(&mut app, "E<C-s>u");
    assert_eq!(bytes(&path), before);
    assert_eq!(status(&app), "Nothing to undo in this session");
}

#[test]
fn an_empty_or_overlong_name_is_refused_on_the_name() {
    let (_dir, path, mut app) = open_demo();
    let before = bytes(&path);
    select(&mut app, "ana");
    keys(&mut app, "E<C-u><C-s>");
    assert_eq!(
        form_error(&app, "Name").as_deref(),
        Some("a name is required")
    );
    paste(&mut app, &"a".repeat(1001));
    keys(&mut app, "<C-s>");
    assert_eq!(
        form_error(&app, "Name").as_deref(),
        Some("is 1001 characters long; at most 1000 are allowed")
    );
    assert!(dialog_open(&app));
    assert_eq!(bytes(&path), before, "nothing half-saved");
}

#[test]
fn l_marks_someone_as_left_today_unless_typed_and_u_undoes_it() {
    let (_dir, path, mut app) = open_demo();
    let before = bytes(&path);
    select(&mut app, "ana");
    keys(&mut app, "L");
    assert_eq!(form(&app).unwrap().title, "Ana Ruiz has left");
    insta::assert_snapshot!("left_120x40", screen(&app, 120, 40));
    insta::assert_snapshot!("left_80x24", screen(&app, 80, 24));
    keys(&mut app, "<Enter>");
    assert_eq!(
        store::load(&path).unwrap().person("ana").unwrap().left,
        Some(AS_OF)
    );
    assert!(
        status(&app).starts_with("Marked Ana Ruiz as left on 2026-11-24: "),
        "{}",
        status(&app)
    );
    assert!(screen(&app, 120, 40).contains("Left on 2026-11-24"));
    let ana = ui::partnership(&app)
        .people
        .iter()
        .position(|x| x.id == "ana")
        .unwrap();
    assert!(
        !ui::analysis(&app).live.active[ana],
        "the analysis drops her"
    );
    keys(&mut app, "u");
    assert_eq!(bytes(&path), before);
}

#[test]
fn a_left_date_is_checked_but_may_come_before_the_first_meeting() {
    let (_dir, path, mut app) = open_demo();
    let before = bytes(&path);
    select(&mut app, "ana");
    keys(&mut app, "L2026-02-30<Enter>");
    let error = form_error(&app, "Left on").unwrap();
    assert!(error.contains("2026-02-30"), "{error}");
    assert_eq!(bytes(&path), before);
    // People leave after meeting: a day before all her meetings is fine.
    keys(&mut app, "<C-u>2020-01-01<Enter>");
    assert!(!dialog_open(&app), "{}", status(&app));
    assert_eq!(
        store::load(&path).unwrap().person("ana").unwrap().left,
        Some(date(2020, 1, 1))
    );
    // L again shows her day; emptied, she has not left.
    keys(&mut app, "L");
    assert_eq!(
        form(&app).unwrap().field("Left on").unwrap().value(),
        "2020-01-01"
    );
    keys(&mut app, "<C-u><Enter>");
    assert!(
        status(&app).starts_with("Ana Ruiz is no longer marked as left"),
        "{}",
        status(&app)
    );
    assert_eq!(bytes(&path), before);
}

#[test]
fn s_sets_a_stance_from_a_small_choice_and_u_undoes_it() {
    let (_dir, path, mut app) = open_demo();
    let before = bytes(&path);
    select(&mut app, "li");
    keys(&mut app, "s");
    insta::assert_snapshot!("stance_120x40", screen(&app, 120, 40));
    insta::assert_snapshot!("stance_80x24", screen(&app, 80, 24));
    keys(&mut app, "c<Enter>");
    let stance = |path: &Path| store::load(path).unwrap().person("li").unwrap().stance;
    assert_eq!(stance(&path), Some(Stance::Champion));
    assert_eq!(
        status(&app).split(':').next(),
        Some("Set Li Wei's stance to champion")
    );
    assert!(screen(&app, 120, 40).contains("★ key · Finance · champion"));
    // A letter again goes to the next option with it: supporter, skeptic.
    keys(&mut app, "sss<Enter>");
    assert_eq!(stance(&path), Some(Stance::Skeptic));
    keys(&mut app, "su<Enter>");
    assert_eq!(stance(&path), None);
    keys(&mut app, "uuu");
    assert_eq!(bytes(&path), before);
}

#[test]
fn d_asks_naming_what_goes_along_and_y_deletes_and_u_gives_it_all_back() {
    let (_dir, path, mut app) = open_demo();
    let before = bytes(&path);
    select(&mut app, "li");
    keys(&mut app, "D");
    let big = screen(&app, 120, 40);
    assert!(big.contains("Delete Li Wei (Contoso)?"), "{big}");
    insta::assert_snapshot!("delete_person_120x40", big);
    insta::assert_snapshot!("delete_person_80x24", screen(&app, 80, 24));
    keys(&mut app, "n");
    assert_eq!(status(&app), "Nothing was deleted");
    assert_eq!(bytes(&path), before);
    keys(&mut app, "Dy");
    let saved = store::load(&path).unwrap();
    assert!(saved.person("li").is_none());
    assert!(saved.ties.iter().all(|t| t.a != "li" && t.b != "li"));
    assert!(
        saved
            .meetings
            .iter()
            .all(|m| !m.attendees.iter().any(|a| a == "li"))
    );
    assert_eq!(saved.person("grace").unwrap().reports_to, None);
    assert_eq!(
        saved.meetings.len(),
        ui::partnership(&app).meetings.len(),
        "no meeting was left empty"
    );
    assert_eq!(saved.meetings.len(), 35);
    assert!(
        status(&app).starts_with(
            "Deleted Li Wei with their 2 declared ties, their place in 7 meetings and 2 reporting lines to them (u undoes it)"
        ),
        "{}",
        status(&app)
    );
    keys(&mut app, "u");
    assert_eq!(bytes(&path), before, "undone byte for byte");
}

#[test]
fn deleting_the_only_attendee_deletes_the_meeting_and_undo_puts_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    let text = r#"{
  "schema": 1,
  "partnership": { "name": "A × B", "ours": "A", "partner": "B" },
  "people": [
    { "id": "ana", "name": "Ana", "side": "ours", "x-kept": [1, 2.50] },
    { "id": "li", "name": "Li", "side": "partner" }
  ],
  "meetings": [
    { "id": "m-0001", "date": "2026-11-01", "attendees": ["ana"], "notes": "solo" },
    { "id": "m-0002", "date": "2026-11-02", "attendees": ["li", "ana"] }
  ]
}
"#;
    // As partnermap writes it (a hand-written file is laid out anew by
    // the first save).
    store::save(&path, &store::parse(text, &path).unwrap()).unwrap();
    let mut app = tui::open(path.clone(), AS_OF, false).unwrap();
    let before = bytes(&path);
    assert!(
        String::from_utf8(before.clone())
            .unwrap()
            .contains("[1, 2.50]")
    );
    select(&mut app, "ana");
    keys(&mut app, "D");
    let question = screen(&app, 120, 40);
    assert!(
        question.contains("their place in 2 meetings (1"),
        "{question}"
    );
    assert!(
        question.contains("meeting with nobody else, deleted too)"),
        "{question}"
    );
    keys(&mut app, "y");
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.meetings.len(), 1);
    assert_eq!(saved.meetings[0].attendees, ["li"]);
    keys(&mut app, "u");
    assert_eq!(
        bytes(&path),
        before,
        "unknown fields and all, byte for byte"
    );
}

#[test]
fn arrows_in_the_detail_pane_select_a_declared_tie_to_edit_and_delete() {
    let (_dir, path, mut app) = open_demo();
    let before = bytes(&path);
    select(&mut app, "li");
    keys(&mut app, "<Enter>");
    assert_eq!(
        ui::detail_selected(&app),
        None,
        "the person, until an arrow"
    );
    select_row(&mut app, |s| s == "tie li grace" || s == "tie grace li");
    keys(&mut app, "E");
    assert_eq!(form(&app).unwrap().title, "Edit the tie Li Wei – Grace Liu");
    insta::assert_snapshot!("edit_tie_120x40", screen(&app, 120, 40));
    insta::assert_snapshot!("edit_tie_80x24", screen(&app, 80, 24));
    keys(&mut app, "+3d<C-s>");
    assert!(
        form_error(&app, "Last contact")
            .unwrap()
            .contains("a day that has passed")
    );
    keys(&mut app, "<C-u>2026-11-01<Tab>Budget owner<C-s>");
    assert!(!dialog_open(&app), "{}", status(&app));
    let saved = store::load(&path).unwrap();
    let tie = saved.ties.iter().find(|t| t.joins("li", "grace")).unwrap();
    assert_eq!(tie.last_contact, Some(date(2026, 11, 1)));
    assert_eq!(tie.note.as_deref(), Some("Budget owner"));
    keys(&mut app, "u");
    assert_eq!(bytes(&path), before);
    // D on the same row: the tie goes, their meetings stay.
    keys(&mut app, "D");
    assert!(screen(&app, 120, 40).contains("Delete the declared tie Li Wei – Grace Liu?"));
    keys(&mut app, "y");
    let saved = store::load(&path).unwrap();
    assert!(!saved.ties.iter().any(|t| t.joins("li", "grace")));
    assert_eq!(saved.ties.len(), 15);
    keys(&mut app, "u");
    assert_eq!(bytes(&path), before);
}

#[test]
fn a_meeting_selected_in_the_detail_pane_is_edited_or_deleted() {
    let (_dir, path, mut app) = open_demo();
    let before = bytes(&path);
    select(&mut app, "li");
    keys(&mut app, "<Enter>");
    select_row(&mut app, |s| s == "meeting m-0034");
    keys(&mut app, "E");
    insta::assert_snapshot!("edit_meeting_120x40", screen(&app, 120, 40));
    insta::assert_snapshot!("edit_meeting_80x24", screen(&app, 80, 24));
    // Taking off both attendees is refused: a meeting needs one.
    keys(&mut app, "<Tab><Tab><Space>li<Space><Space><C-s>");
    assert_eq!(
        form_error(&app, "Attendees").as_deref(),
        Some("a meeting needs at least one attendee")
    );
    assert_eq!(bytes(&path), before);
    keys(&mut app, "<Esc>y");
    keys(&mut app, "E<Tab><C-u>Finance review (Q4)<C-s>");
    let saved = store::load(&path).unwrap();
    let m = saved.meetings.iter().find(|m| m.id == "m-0034").unwrap();
    assert_eq!(m.title.as_deref(), Some("Finance review (Q4)"));
    assert_eq!(m.attendees, ["sam", "li"]);
    keys(&mut app, "u");
    assert_eq!(bytes(&path), before);
    keys(&mut app, "D");
    assert!(
        screen(&app, 120, 40)
            .contains("Delete meeting m-0034 on 2026-11-17 (Finance review) with 2"),
        "{}",
        screen(&app, 120, 40)
    );
    keys(&mut app, "y");
    assert!(
        store::load(&path)
            .unwrap()
            .meetings
            .iter()
            .all(|m| m.id != "m-0034")
    );
    keys(&mut app, "u");
    assert_eq!(bytes(&path), before);
}

#[test]
fn a_tie_made_by_meetings_alone_says_what_to_change_instead() {
    let (_dir, path, mut app) = open_demo();
    let before = bytes(&path);
    select(&mut app, "li");
    keys(&mut app, "<Enter>j");
    assert_eq!(ui::detail_selected(&app).as_deref(), Some("tie sam li"));
    for key in ["E", "D"] {
        keys(&mut app, key);
        assert!(!dialog_open(&app));
        assert!(
            status(&app).starts_with("The tie with Sam Okafor comes from 6 meetings together"),
            "{}",
            status(&app)
        );
    }
    // Up from the first row: the person again.
    keys(&mut app, "kE");
    assert_eq!(form(&app).unwrap().title, "Edit Li Wei (id li)");
    keys(&mut app, "<Esc>");
    assert_eq!(bytes(&path), before);
}

#[test]
fn an_edit_is_merged_with_another_writer_or_refused_when_it_no_longer_fits() {
    let (_dir, path, mut app) = open_demo();
    // Someone logs a meeting meanwhile (the real command), unseen by the UI.
    let logged = std::process::Command::new(env!("CARGO_BIN_EXE_partnermap"))
        .args([
            "meeting",
            "add",
            "--date",
            "2026-11-20",
            "--title",
            "Elsewhere",
            "--with",
            "sam,li",
        ])
        .arg("--file")
        .arg(&path)
        .output()
        .unwrap();
    assert!(logged.status.success(), "{logged:?}");
    select(&mut app, "ana");
    keys(&mut app, "L<Enter>");
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.person("ana").unwrap().left, Some(AS_OF));
    assert!(
        saved
            .meetings
            .iter()
            .any(|m| m.title.as_deref() == Some("Elsewhere"))
    );
    assert!(
        status(&app).contains("merged with changes made elsewhere"),
        "{}",
        status(&app)
    );
    // Someone else changes Ana meanwhile: her stance no longer fits.
    let mut other = saved.clone();
    other
        .people
        .iter_mut()
        .find(|x| x.id == "ana")
        .unwrap()
        .title = Some("COO".into());
    store::save(&path, &other).unwrap();
    let theirs = bytes(&path);
    // Ana is a champion in the demo: make her a blocker, a real change.
    keys(&mut app, "sb<Enter>");
    assert!(dialog_open(&app), "the form stays open");
    assert!(status(&app).contains("no longer fits"), "{}", status(&app));
    assert_eq!(bytes(&path), theirs, "nothing written over theirs");
}

#[test]
fn in_the_risks_view_the_keys_act_on_the_person_a_risk_is_about_never_on_a_guess() {
    use partnermap::analysis::RiskKind;
    let (_dir, path, mut app) = open_demo();
    let before = bytes(&path);
    keys(&mut app, "2");
    while ui::selected_risk(&app).unwrap().kind != RiskKind::BusFactor {
        keys(&mut app, "j");
    }
    for key in ["E", "L", "D", "s"] {
        keys(&mut app, key);
        assert!(!dialog_open(&app), "{key}");
        assert!(
            status(&app).starts_with("This risk is about the whole partnership"),
            "{key}: {}",
            status(&app)
        );
    }
    keys(&mut app, "gE");
    assert_eq!(
        form(&app).unwrap().title,
        "Edit Victor Lindqvist (id victor)"
    );
    keys(&mut app, "<Esc>D");
    assert!(screen(&app, 120, 40).contains("Delete Victor Lindqvist (Contoso)?"));
    keys(&mut app, "<Esc>");
    assert_eq!(bytes(&path), before);
}

#[test]
fn a_side_change_that_would_cross_a_reporting_line_is_refused_on_it() {
    let (_dir, path, mut app) = open_demo();
    let before = bytes(&path);
    select(&mut app, "ana");
    // Ana reports to Priya Nair, at Northwind: she cannot move to Contoso.
    keys(&mut app, "E<Tab>p<C-s>");
    assert_eq!(
        form_error(&app, "Reports to").as_deref(),
        Some("Priya Nair is on the other side")
    );
    assert_eq!(bytes(&path), before);
}
