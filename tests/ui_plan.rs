//! The plan view (4), the coverage grid view (5) and the header's
//! sparkline, driven through the same `on_key` the app uses, their
//! background work applied through `update::handle` as the running app
//! applies it, and rendered into `TestBackend`: snapshots at 120×40 and
//! 80×24, and key sequences that log a step's meeting, narrow the people
//! view to a grid cell, export the leadership review and keep working
//! while a plan is computed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::{Date, date};
use partnermap::analysis::{Every, trend, trend_days, year_before};
use partnermap::graph::Scenario;
use partnermap::model::Side;
use partnermap::plan::{Action, plan};
use partnermap::tui::app::{App, View};
use partnermap::tui::testing::{
    self as ui, chosen, column, dialog_open, grid_cell, keys, people_only, planning, screen,
    select, settle, sparkline_scores, status, view,
};
use partnermap::tui::{self};
use std::path::PathBuf;

const AS_OF: Date = date(2026, 11, 24);

fn demo_text() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/demo.json")).unwrap()
}

/// A copy of the demo in a fresh folder, opened as the app opens it, with
/// the sparkline's trend arrived.
fn open_demo() -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("partnership.json");
    std::fs::write(&path, demo_text()).unwrap();
    let mut app = tui::open(path.clone(), AS_OF, false).unwrap();
    keys(&mut app, "<Esc>");
    settle(&mut app);
    (dir, path, app)
}

fn id(app: &App, i: usize) -> String {
    ui::partnership(app).people[i].id.clone()
}

// ---- snapshots -----------------------------------------------------------

#[test]
fn plan_view_snapshots() {
    let (_dir, _path, mut app) = open_demo();
    keys(&mut app, "4");
    settle(&mut app);
    keys(&mut app, "j");
    insta::assert_snapshot!("plan_120x40", screen(&app, 120, 40));
    insta::assert_snapshot!("plan_80x24", screen(&app, 80, 24));
}

#[test]
fn grid_view_snapshots() {
    let (_dir, _path, mut app) = open_demo();
    keys(&mut app, "5jj<Right>");
    insta::assert_snapshot!("grid_120x40", screen(&app, 120, 40));
    insta::assert_snapshot!("grid_80x24", screen(&app, 80, 24));
}

// ---- the plan view -------------------------------------------------------

#[test]
fn the_plan_view_shows_the_librarys_plan() {
    let (_dir, _path, mut app) = open_demo();
    keys(&mut app, "4");
    // The demo is small: its plan is computed at once, with no progress
    // line (a large file's runs in the background: see below).
    assert!(!planning(&app), "the demo's plan is computed at once");
    let shown = ui::plan(&app).unwrap().clone();
    let p = ui::partnership(&app);
    assert_eq!(shown, plan(p, &Scenario::on(AS_OF), 10));
    let first = &shown.steps[0];
    let text = screen(&app, 120, 40);
    assert!(text.contains(&p.people[first.ours].name), "{text}");
    assert!(text.contains("Removes: "), "{text}");
}

#[test]
fn enter_on_a_step_opens_the_meeting_form_with_both_people_and_saving_plans_again() {
    let (_dir, path, mut app) = open_demo();
    keys(&mut app, "4");
    settle(&mut app);
    let before = ui::plan(&app).unwrap().clone();
    let step = before.steps[0].clone();
    keys(&mut app, "<Enter>");
    assert!(dialog_open(&app));
    let mut both = vec![id(&app, step.ours), id(&app, step.partner)];
    both.sort();
    let mut picked = chosen(&app, "Attendees");
    picked.sort();
    assert_eq!(picked, both);
    // Date (today), title, attendees, notes: save.
    keys(&mut app, "<Tab>Renew the tie<C-s>");
    assert!(!dialog_open(&app), "{}", status(&app));
    let file = ui::file(&path);
    let logged = file["meetings"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(logged["date"], AS_OF.to_string());
    // The plan is computed again, for the file with the meeting in it: it
    // starts where step 1 ended.
    assert!(!planning(&app));
    let again = ui::plan(&app).unwrap();
    assert_eq!(again.before, step.after);
    assert_eq!(again.steps[0], before.steps[1].clone());
}

#[test]
fn enter_through_the_steps_form_keeps_both_people_and_saves() {
    let (_dir, path, mut app) = open_demo();
    keys(&mut app, "4");
    settle(&mut app);
    let step = ui::plan(&app).unwrap().steps[0].clone();
    // Date, title, attendees (arrived at, nothing done: Enter moves on),
    // notes (the last field: Enter saves).
    keys(&mut app, "<Enter><Enter><Enter><Enter><Enter>");
    assert!(!dialog_open(&app), "{}", status(&app));
    let file = ui::file(&path);
    let logged = file["meetings"].as_array().unwrap().last().unwrap().clone();
    let mut both = vec![id(&app, step.ours), id(&app, step.partner)];
    both.sort();
    let mut attendees: Vec<String> = logged["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    attendees.sort();
    assert_eq!(attendees, both);
}

#[test]
fn m_on_a_step_opens_the_same_form() {
    let (_dir, _path, mut app) = open_demo();
    keys(&mut app, "4");
    settle(&mut app);
    keys(&mut app, "jm");
    let step = ui::plan(&app).unwrap().steps[1].clone();
    let mut picked = chosen(&app, "Attendees");
    picked.sort();
    let mut both = vec![id(&app, step.ours), id(&app, step.partner)];
    both.sort();
    assert_eq!(picked, both);
}

#[test]
fn during_a_what_if_the_plan_is_for_the_partnership_without_them() {
    let (_dir, _path, mut app) = open_demo();
    select(&mut app, "sam");
    keys(&mut app, "x4");
    settle(&mut app);
    let sam = ui::partnership(&app)
        .people
        .iter()
        .position(|x| x.id == "sam")
        .unwrap();
    let scenario = Scenario {
        as_of: AS_OF,
        gone: vec![sam],
    };
    let expected = plan(ui::partnership(&app), &scenario, 10);
    assert_eq!(ui::plan(&app).unwrap(), &expected);
    assert!(
        expected
            .steps
            .iter()
            .all(|s| s.ours != sam && s.via != Some(sam))
    );
    // x again: the plan is for everyone again.
    keys(&mut app, "u");
    settle(&mut app);
    assert_eq!(ui::plan(&app).unwrap().scenario.gone, Vec::<usize>::new());
}

#[test]
fn the_plan_view_has_its_own_filter() {
    let (_dir, _path, mut app) = open_demo();
    keys(&mut app, "4");
    settle(&mut app);
    keys(&mut app, "/renew<Enter>");
    let renewals = ui::plan(&app)
        .unwrap()
        .steps
        .iter()
        .filter(|s| s.action == Action::Renew)
        .count();
    let text = screen(&app, 120, 40);
    assert!(renewals > 0);
    assert_eq!(
        text.lines().filter(|l| l.contains(" renew ")).count(),
        renewals,
        "{text}"
    );
    assert!(!text.contains(" introduce "), "{text}");
    keys(&mut app, "1");
    assert_eq!(ui::filter(&app), "", "the people view's filter is its own");
    keys(&mut app, "4");
    assert_eq!(ui::filter(&app), "renew");
}

#[test]
fn keys_keep_working_while_a_large_plan_is_computed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    let p = partnermap::generate::partnership(partnermap::generate::Spec {
        people: 1_000,
        meetings: 10_000,
        seed: 7,
        as_of: AS_OF,
    });
    std::fs::write(&path, partnermap::store::to_text(&p)).unwrap();
    let mut app = tui::open(path, AS_OF, false).unwrap();
    keys(&mut app, "<Esc>4");
    assert!(planning(&app));
    // The header's sparkline (thirteen analyses) is on its own worker too.
    assert_eq!(sparkline_scores(&app), None);
    let text = screen(&app, 120, 40);
    assert!(text.contains("Computing the meeting plan"), "{text}");
    // The job's result is applied only when the loop hands it over: every
    // key here is handled while it runs.
    keys(&mut app, "2");
    assert_eq!(view(&app), View::Risks);
    keys(&mut app, "1j5");
    assert_eq!(view(&app), View::Grid);
    keys(&mut app, "4");
    assert!(screen(&app, 80, 24).contains("Computing the meeting plan"));
    settle(&mut app);
    assert!(!planning(&app));
    assert_eq!(ui::plan(&app).unwrap().steps.len(), 10);
    assert_eq!(sparkline_scores(&app).map(|s| s.len()), Some(13));
    assert!(!screen(&app, 120, 40).contains("Computing the meeting plan"));
    // Log step 1: while the plan is computed again its old steps stay on
    // screen, but Enter does not offer the meeting just logged again.
    keys(&mut app, "<Enter><C-s>");
    assert!(!dialog_open(&app), "{}", status(&app));
    assert!(planning(&app));
    keys(&mut app, "<Enter>");
    assert!(!dialog_open(&app), "a step of the old plan was offered");
    assert!(status(&app).contains("being updated"), "{}", status(&app));
    settle(&mut app);
    keys(&mut app, "<Enter>");
    assert!(dialog_open(&app), "the new plan's step 1 is offered");
}

// ---- the grid view -------------------------------------------------------

#[test]
fn enter_on_a_grid_cell_shows_its_people_and_esc_shows_everyone() {
    let (_dir, _path, mut app) = open_demo();
    // Technology (third team in file order), staff: four engineers.
    keys(&mut app, "5jj<Right><Right><Right>");
    let (label, ids) = grid_cell(&app).unwrap();
    assert_eq!(label, "Technology · staff");
    assert_eq!(ids.len(), 4);
    keys(&mut app, "<Enter>");
    assert_eq!(view(&app), View::People);
    assert_eq!(people_only(&app), Some((label.clone(), ids.clone())));
    let shown: Vec<String> = column(&app, Side::Partner)
        .iter()
        .map(|&i| id(&app, i))
        .collect();
    let mut sorted = shown.clone();
    sorted.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(sorted, expected);
    assert!(column(&app, Side::Ours).is_empty());
    assert!(screen(&app, 120, 40).contains("only Technology · staff"));
    keys(&mut app, "<Esc>");
    assert_eq!(people_only(&app), None);
    assert_eq!(column(&app, Side::Partner).len(), 22);
}

#[test]
fn an_empty_cell_says_so_and_stays() {
    let (_dir, _path, mut app) = open_demo();
    // Operations: senior is empty.
    keys(&mut app, "5<Right><Enter>");
    assert_eq!(view(&app), View::Grid);
    assert_eq!(status(&app), "No one in Operations · senior");
}

// ---- the sparkline -------------------------------------------------------

#[test]
fn the_header_sparkline_is_the_trend_of_the_last_twelve_months() {
    let (_dir, _path, app) = open_demo();
    let p = ui::partnership(&app);
    let rows = trend(p, &trend_days(year_before(AS_OF), AS_OF, Every::Month));
    let scores: Vec<u32> = rows.iter().map(|r| r.risk_score).collect();
    assert_eq!(sparkline_scores(&app), Some(scores.clone()));
    assert_eq!(scores.len(), 13);
    assert_eq!(scores.last(), Some(&149));
    let header = screen(&app, 120, 40).lines().next().unwrap().to_string();
    let line = partnermap::tui::views::trend::sparkline(&scores);
    assert!(
        header.contains(&format!("risk score 149 {line} ")),
        "{header}"
    );
    // It runs from the highest score, 260 eleven months ago, to the lowest.
    assert!(line.starts_with('█'), "{line}");
}

// ---- export --------------------------------------------------------------

#[test]
fn the_export_dialog_writes_the_leadership_review() {
    let (dir, _path, mut app) = open_demo();
    keys(&mut app, "er");
    settle(&mut app);
    let written = dir.path().join(format!("partnership-review-{AS_OF}.md"));
    let text =
        std::fs::read_to_string(&written).unwrap_or_else(|e| panic!("{e}: {}", status(&app)));
    assert!(
        status(&app).starts_with("Exported the leadership review as Markdown to"),
        "{}",
        status(&app)
    );
    let sections: Vec<&str> = text.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(
        sections,
        [
            "# Leadership review — Northwind × Contoso",
            "## Meeting plan",
            "## Partnership risks",
            "## Coverage by team and level",
            "## How to read this"
        ]
    );
    let p = ui::partnership(&app);
    let expected = partnermap::export::review(
        p,
        &partnermap::analysis::Analysis::run(p, &Scenario::on(AS_OF)),
        &plan(p, &Scenario::on(AS_OF), 10),
    );
    assert_eq!(text, expected);
}

#[test]
fn help_says_what_the_header_sparkline_is() {
    let (_dir, _path, mut app) = open_demo();
    keys(&mut app, "?");
    for _ in 0..40 {
        keys(&mut app, "<Down>");
    }
    let help = screen(&app, 120, 40);
    assert!(
        help.contains("▁▃█ by the risk score: its last 12 month ends and today"),
        "{help}"
    );
}

#[test]
fn a_long_name_is_shortened_before_the_counts_or_the_score_are_cut() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("partnership.json");
    let text = demo_text().replacen(
        "\"name\": \"Northwind × Contoso\"",
        "\"name\": \"Northwind Traders × Contoso Pharmaceuticals International\"",
        1,
    );
    assert!(text.contains("Contoso Pharmaceuticals"));
    std::fs::write(&path, text).unwrap();
    let mut app = tui::open(path, AS_OF, false).unwrap();
    keys(&mut app, "<Esc>");
    settle(&mut app);
    for width in [80, 100, 120] {
        let shown = screen(&app, width, 40);
        let header = shown.lines().next().unwrap();
        assert!(header.contains("Northwind"), "{header}");
        assert!(header.contains('…'), "the name is shortened: {header}");
        assert!(header.contains("score 149"), "{header}");
        // The last count, low, is whole.
        assert!(header.contains("· 9"), "{header}");
    }
}
