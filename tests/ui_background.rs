//! The analysis after a what-if or a saved change, run in the background
//! as on a big file (`testing::analyse_in_background` makes the demo take
//! that path): what the screen shows between the key and the result, keys
//! during the job (a second `x`, `u`, a save, `q`), and results equal to
//! what the keystroke itself computes on a small file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::{Date, date};
use partnermap::store;
use partnermap::tui::app::App;
use partnermap::tui::testing::{
    self as ui, analyse_in_background, analysing, analysis, gone, keys, log, quit_asked, risk_rows,
    screen, select, settle, status,
};
use partnermap::tui::{self};
use std::path::PathBuf;

const AS_OF: Date = date(2026, 11, 24);

/// Two copies of the demo, each in a fresh folder: one analysed in the
/// keystroke (as a small file is), one in the background.
fn both() -> [(tempfile::TempDir, PathBuf, App); 2] {
    [false, true].map(|background| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("partnership.json");
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/demo.json"))
            .unwrap();
        std::fs::write(&path, text).unwrap();
        let mut app = tui::open(path.clone(), AS_OF, false).unwrap();
        if background {
            analyse_in_background(&mut app);
        }
        (dir, path, app)
    })
}

/// The two apps show the same analysis, rows, message and screen.
fn assert_same(inline: &App, background: &App) {
    assert!(!analysing(background));
    assert_eq!(analysis(inline).risks, analysis(background).risks);
    assert_eq!(analysis(inline).coverage, analysis(background).coverage);
    assert_eq!(analysis(inline).exposure, analysis(background).exposure);
    assert_eq!(risk_rows(inline), risk_rows(background));
    assert_eq!(gone(inline), gone(background));
    assert_eq!(status(inline), status(background));
    assert_eq!(log(inline).last(), log(background).last());
    assert_eq!(screen(inline, 120, 40), screen(background, 120, 40));
}

#[test]
fn a_what_if_worked_out_in_the_background_is_what_the_keystroke_gives() {
    let [(_a, _, mut inline), (_b, _, mut background)] = both();
    for app in [&mut inline, &mut background] {
        select(app, "sam");
        keys(app, "x");
    }
    settle(&mut background);
    assert_same(&inline, &background);
    assert!(status(&background).starts_with("What-if: Sam Okafor gone: "));
    // Bringing him back, and the risks view's filter after it.
    for app in [&mut inline, &mut background] {
        keys(app, "x");
    }
    settle(&mut background);
    assert_same(&inline, &background);
    for app in [&mut inline, &mut background] {
        keys(app, "2/exec");
    }
    assert_same(&inline, &background);
}

#[test]
fn between_the_key_and_the_result_the_marks_show_at_once_and_a_progress_line_says_why() {
    let [(_a, _, _), (_b, _, mut app)] = both();
    let before = analysis(&app).risks.clone();
    select(&mut app, "sam");
    keys(&mut app, "x");
    assert!(analysing(&app));
    // Marked gone at once; the analysis shown is the last one until the
    // new one arrives.
    assert_eq!(gone(&app), ["sam"]);
    assert_eq!(analysis(&app).risks, before);
    let big = screen(&app, 120, 40);
    assert!(big.contains("WHAT-IF, not saved: Sam Okafor gone"), "{big}");
    assert!(
        big.contains("What-if: Sam Okafor gone: working out what changes…"),
        "{big}"
    );
    insta::assert_snapshot!("what_if_progress_120x40", big);
    insta::assert_snapshot!("what_if_progress_80x24", screen(&app, 80, 24));
    // The risks view shows the last list, dimmed and marked as updating.
    keys(&mut app, "2");
    let risks = screen(&app, 120, 40);
    assert!(risks.contains("· updating…"), "{risks}");
    insta::assert_snapshot!("what_if_progress_risks_120x40", risks);
    insta::assert_snapshot!("what_if_progress_risks_80x24", screen(&app, 80, 24));
    settle(&mut app);
    assert!(!screen(&app, 120, 40).contains("updating…"));
    assert_ne!(analysis(&app).risks, before);
}

#[test]
fn x_x_u_during_the_job_ends_as_the_keys_say_and_the_newest_result_wins() {
    let [(_a, _, mut inline), (_b, _, mut background)] = both();
    // Sam gone, then Carlos gone, then u takes back the last marking:
    // Sam alone is gone.
    for app in [&mut inline, &mut background] {
        select(app, "sam");
        keys(app, "x");
        select(app, "carlos");
        keys(app, "xu");
    }
    assert_eq!(gone(&background), ["sam"]);
    assert!(analysing(&background));
    settle(&mut background);
    assert!(!analysing(&background));
    assert_eq!(analysis(&inline).risks, analysis(&background).risks);
    assert_eq!(analysis(&inline).exposure, analysis(&background).exposure);
    assert_eq!(risk_rows(&inline), risk_rows(&background));
    // One message for the three keys, with what changed since the screen
    // last showed a result: what Sam's departure takes away.
    let said = status(&background);
    assert!(
        said.starts_with(
            "What-if: Sam Okafor gone; What-if: Carlos Mendes gone; Carlos Mendes is back: "
        ),
        "{said}"
    );
    let [(_c, _, mut alone), _] = both();
    select(&mut alone, "sam");
    keys(&mut alone, "x");
    let alone = status(&alone);
    let (_, what) = alone.split_once(": ").unwrap();
    let what = what.strip_prefix("Sam Okafor gone: ").unwrap();
    assert!(said.ends_with(what), "{said}\n{what}");
}

#[test]
fn x_twice_during_the_job_leaves_nobody_gone_and_the_analysis_as_it_was() {
    let [(_a, _, inline), (_b, _, mut app)] = both();
    select(&mut app, "sam");
    keys(&mut app, "xx");
    assert!(gone(&app).is_empty());
    settle(&mut app);
    assert_eq!(analysis(&app).risks, analysis(&inline).risks);
    assert!(
        status(&app).contains("the what-if is over (u now undoes saved changes)"),
        "{}",
        status(&app)
    );
}

#[test]
fn u_during_a_what_if_job_takes_back_the_marking_never_a_saved_change() {
    let [(_a, _, _), (_b, path, mut app)] = both();
    select(&mut app, "li");
    keys(&mut app, "m<Tab><Tab>sam<Enter><C-s>");
    // Saved at once, before its analysis arrives.
    assert_eq!(store::load(&path).unwrap().meetings.len(), 36);
    assert!(analysing(&app));
    select(&mut app, "sam");
    keys(&mut app, "xu");
    assert!(gone(&app).is_empty());
    settle(&mut app);
    assert_eq!(store::load(&path).unwrap().meetings.len(), 36);
    // The next u, with no what-if on, undoes the meeting.
    keys(&mut app, "u");
    assert_eq!(store::load(&path).unwrap().meetings.len(), 35);
    settle(&mut app);
    assert!(
        status(&app).starts_with("Undone: logged meeting"),
        "{}",
        status(&app)
    );
}

#[test]
fn a_save_during_a_what_if_job_is_written_at_once_and_its_result_matches_the_keystroke() {
    let [(_a, inline_path, mut inline), (_b, path, mut background)] = both();
    for app in [&mut inline, &mut background] {
        select(app, "sam");
        keys(app, "x");
        select(app, "li");
        keys(app, "m<Tab><Tab>dmitri<Enter><C-s>");
    }
    // The meeting is in the file before any analysis has arrived.
    assert!(analysing(&background));
    let meetings = store::load(&path).unwrap().meetings;
    assert_eq!(meetings.last().unwrap().attendees, ["li", "dmitri"]);
    settle(&mut background);
    assert_eq!(analysis(&inline).risks, analysis(&background).risks);
    assert_eq!(gone(&background), ["sam"]);
    assert_eq!(
        store::load(&inline_path).unwrap().meetings.len(),
        meetings.len()
    );
    // Both keys' messages, then what changed since the screen's analysis.
    let said = status(&background);
    assert!(
        said.starts_with("What-if: Sam Okafor gone; Logged meeting"),
        "{said}"
    );
}

#[test]
fn quitting_during_a_job_quits() {
    let [(_a, _, _), (_b, _, mut app)] = both();
    select(&mut app, "sam");
    keys(&mut app, "xq");
    assert!(quit_asked(&app));
    drop(app);
}

#[test]
fn a_change_of_who_is_in_the_file_is_analysed_at_once() {
    let [(_a, _, mut inline), (_b, _, mut background)] = both();
    for app in [&mut inline, &mut background] {
        select(app, "ben");
        keys(app, "Dy");
    }
    // The people's places changed: the analysis on the screen could not be
    // read against the new list, so it was made in the keystroke.
    assert!(!analysing(&background));
    assert_same(&inline, &background);
}

#[test]
fn the_risk_filters_texts_arrive_with_the_analysis() {
    let [(_a, _, _), (_b, _, mut app)] = both();
    select(&mut app, "sam");
    keys(&mut app, "x");
    settle(&mut app);
    assert_eq!(app.risks_view.texts.len(), analysis(&app).risks.len());
    let expected = tui::views::risks::texts(ui::partnership(&app), analysis(&app));
    assert_eq!(app.risks_view.texts, expected);
}

#[test]
fn an_export_waits_for_the_analysis_of_the_last_key() {
    let [(_a, _, _), (dir, _, mut app)] = both();
    select(&mut app, "sam");
    keys(&mut app, "xej");
    let json = dir.path().join("partnership-risks-2026-11-24-what-if.json");
    // The risks on screen are still those with Sam: not written as his what-if.
    assert!(!json.exists());
    assert!(
        status(&app).starts_with("Not exported yet"),
        "{}",
        status(&app)
    );
    settle(&mut app);
    keys(&mut app, "ej");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(report["what_if_gone"], serde_json::json!(["sam"]));
}

#[test]
fn while_a_person_comes_back_their_row_never_reads_left_nor_their_ties_none() {
    let [(_a, _, _), (_b, _, mut app)] = both();
    select(&mut app, "sam");
    keys(&mut app, "x");
    settle(&mut app);
    // The gone mark: the row's count gives way to †.
    let gone_screen = screen(&app, 120, 40);
    assert!(gone_screen.contains("†  Sam Okafor"), "{gone_screen}");
    keys(&mut app, "x");
    assert!(analysing(&app));
    let back = screen(&app, 120, 40);
    let row = back
        .lines()
        .find(|l| l.contains("Sam Okafor"))
        .expect("Sam's row");
    assert!(!row.contains("left"), "{row}");
    assert!(!row.contains('†'), "{row}");
    assert!(
        back.contains("Back from the what-if: working out their"),
        "{back}"
    );
    assert!(!back.contains("none — log a meeting"), "{back}");
    settle(&mut app);
    let after = screen(&app, 120, 40);
    assert!(after.contains("Ties · "), "{after}");
}
