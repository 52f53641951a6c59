//! The terminal UI, driven through the same `on_key` the app uses and
//! rendered into ratatui's `TestBackend`: whole-frame snapshots of each
//! view at 120×40 and 80×24, and key sequences that change the file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::{Date, date};
use partnermap::analysis::RiskKind;
use partnermap::model::Side;
use partnermap::store;
use partnermap::tui::app::{App, Pane, Tone, View};
use partnermap::tui::testing::{
    self as ui, alert, analysis, check_file, chosen, column, dialog_open, filter, filtering, form,
    form_error, gone, keys, paste, quit_asked, risk_rows, screen, select, selected, status, view,
};
use partnermap::tui::{self};
use std::path::{Path, PathBuf};

const AS_OF: Date = date(2026, 11, 24);

fn demo_text() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/demo.json")).unwrap()
}

/// A copy of the demo in a fresh folder, opened as the app opens it.
fn open_demo() -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("partnership.json");
    std::fs::write(&path, demo_text()).unwrap();
    let app = tui::open(path.clone(), AS_OF, false).unwrap();
    (dir, path, app)
}

fn count(app: &App, kind: RiskKind, subject: &str) -> usize {
    let p = app.partnership();
    analysis(app)
        .risks
        .iter()
        .filter(|r| r.kind == kind && r.subject_id(p) == subject)
        .count()
}

// ---- snapshots -----------------------------------------------------------

#[test]
fn people_view_snapshots() {
    let (_dir, _path, mut app) = open_demo();
    select(&mut app, "li");
    insta::assert_snapshot!("people_120x40", screen(&app, 120, 40));
    insta::assert_snapshot!("people_80x24", screen(&app, 80, 24));
}

#[test]
fn risks_view_snapshots() {
    let (_dir, _path, mut app) = open_demo();
    keys(&mut app, "2jj");
    insta::assert_snapshot!("risks_120x40", screen(&app, 120, 40));
    insta::assert_snapshot!("risks_80x24", screen(&app, 80, 24));
}

#[test]
fn map_view_snapshots() {
    let (_dir, _path, mut app) = open_demo();
    select(&mut app, "sam");
    keys(&mut app, "3");
    insta::assert_snapshot!("map_120x40", screen(&app, 120, 40));
    // 22 partner people do not fit in 24 rows: the neighbourhood is drawn.
    let small = screen(&app, 80, 24);
    assert!(small.contains("two-hop neighbourhood"), "{small}");
    insta::assert_snapshot!("map_80x24", small);
}

#[test]
fn help_overlay_snapshots() {
    let (_dir, _path, mut app) = open_demo();
    keys(&mut app, "?");
    let big = screen(&app, 120, 40);
    // Help is generated from the keymap: every bound action is listed.
    for b in tui::keymap::MAIN.iter().filter(|b| !b.label.is_empty()) {
        assert!(
            big.contains(b.help.split_whitespace().next().unwrap()),
            "{}",
            b.label
        );
    }
    insta::assert_snapshot!("help_120x40", big);
    insta::assert_snapshot!("help_80x24", screen(&app, 80, 24));
    // At 80×24 help scrolls with the arrows instead of closing.
    assert!(!screen(&app, 80, 24).contains("Badges"));
    keys(&mut app, "jjjjjjjjjjjjjjjjjjjj");
    assert!(dialog_open(&app));
    assert!(screen(&app, 80, 24).contains("Badges"));
    keys(&mut app, "x");
    assert!(!dialog_open(&app), "any key closes help");
    assert!(!app.what_if(), "the key that closes help does nothing else");
}

#[test]
fn meeting_form_with_an_error_snapshot() {
    let (_dir, path, mut app) = open_demo();
    select(&mut app, "li");
    let before = std::fs::read(&path).unwrap();
    keys(&mut app, "m<BS><BS><BS><BS><BS>soon<C-s>");
    assert!(dialog_open(&app), "an invalid form stays open");
    insta::assert_snapshot!("meeting_form_error_120x40", screen(&app, 120, 40));
    insta::assert_snapshot!("meeting_form_error_80x24", screen(&app, 80, 24));
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing saved");
}

#[test]
fn what_if_snapshots() {
    let (_dir, _path, mut app) = open_demo();
    select(&mut app, "sam");
    keys(&mut app, "x");
    let big = screen(&app, 120, 40);
    assert!(big.contains("WHAT-IF, not saved: Sam Okafor gone"), "{big}");
    insta::assert_snapshot!("what_if_120x40", big);
    insta::assert_snapshot!("what_if_80x24", screen(&app, 80, 24));
}

#[test]
fn a_small_terminal_is_told_what_it_needs() {
    let (_dir, _path, app) = open_demo();
    let text = screen(&app, 60, 20);
    assert!(text.contains("at least 80×24"), "{text}");
    assert!(text.contains("this one is 60×20"), "{text}");
}

#[test]
fn control_characters_in_names_cannot_reach_the_terminal() {
    let (_dir, path, _) = open_demo();
    let text = demo_text().replace("\"Li Wei\"", "\"Li \\u001b]0;owned\\u0007Wei\"");
    std::fs::write(&path, text).unwrap();
    let mut app = tui::open(path, AS_OF, false).unwrap();
    select(&mut app, "li");
    for view in ["1", "2", "3"] {
        keys(&mut app, view);
        let shown = screen(&app, 120, 40);
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
            "{shown}"
        );
        assert!(shown.contains("Li \\u{1b}"), "view {view}: {shown}");
    }
}

// ---- key sequences -------------------------------------------------------

#[test]
fn logging_a_meeting_saves_it_and_the_risk_goes_away() {
    let (_dir, path, mut app) = open_demo();
    assert_eq!(count(&app, RiskKind::SingleThreaded, "li"), 1);
    let risks_before = analysis(&app).risks.len();
    // Li Wei is the second partner person; the form preselects them.
    keys(
        &mut app,
        "<Tab>jm<Tab>Budget review<Tab>ana<Space><Tab>Agreed the Q1 plan<Enter>",
    );
    assert!(!dialog_open(&app), "saved and closed: {}", status(&app));
    assert_eq!(count(&app, RiskKind::SingleThreaded, "li"), 0);
    assert_eq!(count(&app, RiskKind::ExecGap, "li"), 0);
    assert!(analysis(&app).risks.len() < risks_before);
    let said = status(&app);
    assert!(
        said.contains("Logged meeting m-0036 on 2026-11-24"),
        "{said}"
    );
    assert!(
        said.contains("Li Wei is no longer single-threaded"),
        "{said}"
    );
    // On disk, exactly as the library would write it.
    let saved = store::load(&path).unwrap();
    let m = saved.meetings.last().unwrap();
    assert_eq!(m.id, "m-0036");
    assert_eq!(m.date, AS_OF);
    assert_eq!(m.title.as_deref(), Some("Budget review"));
    assert_eq!(m.attendees, ["li", "ana"]);
    assert_eq!(m.notes.as_deref(), Some("Agreed the Q1 plan"));

    // Undo takes it back, on disk too: the file is the demo again, byte for byte.
    keys(&mut app, "u");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), demo_text());
    assert_eq!(count(&app, RiskKind::SingleThreaded, "li"), 1);
    assert!(
        status(&app).starts_with("Undone: logged meeting m-0036"),
        "{}",
        status(&app)
    );
    keys(&mut app, "u");
    assert_eq!(status(&app), "Nothing to undo in this session");
}

#[test]
fn what_if_on_a_single_point_raises_the_risks_that_follow() {
    let (_dir, path, mut app) = open_demo();
    let before = std::fs::read(&path).unwrap();
    select(&mut app, "sam");
    let exposed: Vec<String> = {
        let p = app.partnership();
        let sam = p.people.iter().position(|x| x.id == "sam").unwrap();
        analysis(&app).exposure[sam]
            .iter()
            .map(|&i| p.people[i].id.clone())
            .collect()
    };
    assert!(!exposed.is_empty(), "Sam is a single point in the demo");
    keys(&mut app, "x");
    assert!(app.what_if());
    for id in &exposed {
        assert_eq!(count(&app, RiskKind::Unreachable, id), 1, "{id} is cut off");
    }
    assert!(
        status(&app).contains("What-if: Sam Okafor gone"),
        "{}",
        status(&app)
    );
    assert!(status(&app).contains("now unreachable"), "{}", status(&app));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "a what-if is never saved"
    );
    keys(&mut app, "x");
    assert!(!app.what_if());
    for id in &exposed {
        assert_eq!(count(&app, RiskKind::Unreachable, id), 0);
    }
}

#[test]
fn the_filter_narrows_both_columns_and_esc_clears_it() {
    let (_dir, _path, mut app) = open_demo();
    keys(&mut app, "/cfo");
    let names = |rows: &[usize], app: &App| -> Vec<String> {
        rows.iter()
            .map(|&i| app.partnership().people[i].id.clone())
            .collect()
    };
    // Fuzzy, best first: "Chief … Officer" titles have c, f, o too.
    assert_eq!(names(&column(&app, Side::Partner), &app)[0], "li");
    let shown = column(&app, Side::Ours).len() + column(&app, Side::Partner).len();
    assert!(shown <= 5, "{shown} of 40 shown");
    keys(&mut app, "<Enter>");
    assert!(!filtering(&app), "Enter keeps the filter and leaves it");
    assert_eq!(
        column(&app, Side::Ours).len() + column(&app, Side::Partner).len(),
        shown
    );
    // A slip of the finger still finds the person.
    keys(&mut app, "/<BS><BS><BS>volkv");
    assert_eq!(names(&column(&app, Side::Partner), &app), ["dmitri"]);
    keys(&mut app, "<BS><BS><BS><BS><BS>engineer");
    assert!(column(&app, Side::Ours).len() >= 3 && column(&app, Side::Partner).len() >= 3);
    keys(&mut app, "<Esc>");
    assert_eq!(
        column(&app, Side::Ours).len() + column(&app, Side::Partner).len(),
        40
    );
}

#[test]
fn enter_on_a_risk_opens_its_subject() {
    let (_dir, _path, mut app) = open_demo();
    keys(&mut app, "2");
    let first = analysis(&app).risks[0]
        .subject_id(app.partnership())
        .to_string();
    keys(&mut app, "<Enter>");
    assert_eq!(view(&app), View::People);
    let selected = selected(&app).unwrap();
    assert_eq!(app.partnership().people[selected].id, first);
}

#[test]
fn adding_a_person_and_a_tie_through_the_forms() {
    let (_dir, path, mut app) = open_demo();
    // Tab to the partner column: the form's side follows it.
    keys(&mut app, "<Tab>a");
    keys(
        &mut app,
        "Zoe Quinn<Tab><Tab><Tab>Head of Data<Tab>Data<Tab>e<Tab>y<C-s>",
    );
    let saved = store::load(&path).unwrap();
    let zoe = saved.person("zoe").expect("saved with an id from the name");
    assert_eq!(zoe.side, Side::Partner);
    assert_eq!(zoe.title.as_deref(), Some("Head of Data"));
    assert_eq!(zoe.level.as_str(), "executive");
    assert!(zoe.key);
    assert_eq!(count(&app, RiskKind::Unreachable, "zoe"), 1);

    // A tie from Zoe (now selected? no: select her) to Ana.
    select(&mut app, "zoe");
    keys(&mut app, "tana<Space><Tab>-3d<Tab><Enter>");
    assert!(!dialog_open(&app), "{}", status(&app));
    let saved = store::load(&path).unwrap();
    let tie = saved.ties.last().unwrap();
    assert_eq!((tie.a.as_str(), tie.b.as_str()), ("zoe", "ana"));
    assert_eq!(tie.last_contact, Some(date(2026, 11, 21)));
    assert_eq!(count(&app, RiskKind::Unreachable, "zoe"), 0);

    // Undo twice: the tie, then the person.
    keys(&mut app, "uu");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), demo_text());
}

#[test]
fn a_taken_id_is_refused_in_place_and_nothing_is_saved() {
    let (_dir, path, mut app) = open_demo();
    let before = std::fs::read(&path).unwrap();
    keys(&mut app, "aAna Other<Tab><BS><BS><BS><BS>ana<C-s>");
    let Some(form) = form(&app) else {
        panic!("the form stays open");
    };
    let id = form.field("Id").unwrap();
    assert_eq!(id.error.as_deref(), Some("\"ana\" is already taken"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // Something was typed: Esc asks first.
    keys(&mut app, "<Esc>");
    assert!(dialog_open(&app), "Esc asks before dropping what was typed");
    assert!(screen(&app, 120, 40).contains("Discard what you typed? y/n"));
    keys(&mut app, "y");
    assert!(!dialog_open(&app));
    assert_eq!(status(&app), "Cancelled: nothing was saved");
    // An id derived from a name is made unique.
    keys(&mut app, "aAna Lopez<C-s>");
    assert!(!dialog_open(&app), "{}", status(&app));
    assert!(store::load(&path).unwrap().person("ana2").is_some());
}

#[test]
fn export_writes_the_risk_list_next_to_the_data_file() {
    let (dir, _path, mut app) = open_demo();
    keys(&mut app, "ej");
    let json = dir.path().join("partnership-risks-2026-11-24.json");
    let text = std::fs::read_to_string(&json).unwrap();
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        report["risks"].as_array().unwrap().len(),
        analysis(&app).risks.len()
    );
    assert!(report.get("what_if_gone").is_none());
    assert!(
        status(&app).contains(&json.display().to_string()),
        "{}",
        status(&app)
    );

    // A what-if export is labelled in its name and its content.
    select(&mut app, "sam");
    keys(&mut app, "xe<Down><Down><Enter>");
    let md = dir.path().join("partnership-risks-2026-11-24-what-if.md");
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(
        text.contains("**What-if:** as if Sam Okafor had left"),
        "{text}"
    );
    keys(&mut app, "ej");
    let json = dir.path().join("partnership-risks-2026-11-24-what-if.json");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(report["what_if_gone"], serde_json::json!(["sam"]));
}

#[test]
fn export_never_writes_over_an_existing_file_or_through_a_planted_link() {
    let (dir, _path, mut app) = open_demo();
    let first = dir.path().join("partnership-risks-2026-11-24.csv");
    std::fs::write(&first, "my own notes").unwrap();
    let second = dir.path().join("partnership-risks-2026-11-24-2.csv");
    let target = dir.path().join("elsewhere.txt");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&target, &second).unwrap();
    #[cfg(not(unix))]
    std::fs::write(&second, "taken").unwrap();
    keys(&mut app, "e<Enter>");
    let third = dir.path().join("partnership-risks-2026-11-24-3.csv");
    assert_eq!(std::fs::read_to_string(&first).unwrap(), "my own notes");
    assert!(!target.exists(), "written through the planted link");
    let text = std::fs::read_to_string(&third).unwrap();
    assert!(text.starts_with("severity,"), "{text}");
    let said = status(&app);
    assert!(said.contains(&third.display().to_string()), "{said}");
    assert!(said.contains("left as it is"), "{said}");
}

#[test]
fn with_no_data_file_the_demo_opens_and_the_first_change_creates_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new").join("partnership.json");
    let mut app = tui::open(path.clone(), AS_OF, false).unwrap();
    // The start screen asks first: d opens the demo.
    assert!(screen(&app, 120, 40).contains("Look around the demo first"));
    keys(&mut app, "d");
    assert!(screen(&app, 120, 40).contains("DEMO"));
    assert!(!path.exists());
    keys(&mut app, "<Tab>jm<Tab><Tab>ana<Space><Tab><Enter>");
    assert!(!screen(&app, 120, 40).contains("DEMO"));
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.people.len(), 40);
    assert_eq!(saved.meetings.len(), 36);
    assert!(status(&app).contains("created"), "{}", status(&app));
    assert!(!screen(&app, 120, 40).contains("DEMO"));
}

#[test]
fn a_file_that_does_not_load_is_an_error_before_the_terminal_is_touched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    std::fs::write(&path, "{\"schema\": 1, \"people\": [").unwrap();
    let Err(e) = tui::open(path.clone(), AS_OF, false) else {
        panic!("a broken file must not open");
    };
    assert!(e.to_string().contains("broken.json"), "{e}");
}

/// Another writer: the real `partnermap meeting add`, as a separate process.
fn meeting_by_someone_else(path: &Path) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_partnermap"))
        .arg("--file")
        .arg(path)
        .args([
            "meeting",
            "add",
            "--date",
            "2026-11-24",
            "--title",
            "Call from the CLI",
        ])
        .args(["--with", "hana,ines"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_change_made_elsewhere_is_noticed_and_reloaded() {
    let (_dir, path, mut app) = open_demo();
    assert_eq!(count(&app, RiskKind::ExecGap, "hana"), 1);
    meeting_by_someone_else(&path);
    check_file(&mut app);
    assert_eq!(app.partnership().meetings.len(), 36);
    assert_eq!(count(&app, RiskKind::ExecGap, "hana"), 0);
    assert!(
        status(&app).contains("changed outside partnermap"),
        "{}",
        status(&app)
    );

    // A file broken elsewhere is reported once, and the view is kept.
    std::fs::write(&path, "{ not json").unwrap();
    check_file(&mut app);
    let alert = alert(&app).unwrap_or_default();
    assert!(alert.contains("no longer loads"), "{alert}");
    assert!(
        alert.contains("restore it with"),
        "names the backup: {alert}"
    );
    // A change is not saved over the broken file, and the form keeps what was typed.
    keys(&mut app, "<Tab>jm<Tab>Kept<Tab>ana<Space><Tab><Enter>");
    assert!(dialog_open(&app), "the form stays open");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "{ not json");
    assert_eq!(app.partnership().meetings.len(), 36);
}

#[test]
fn a_meeting_logged_in_the_ui_does_not_clobber_one_logged_elsewhere() {
    let (_dir, path, mut app) = open_demo();
    meeting_by_someone_else(&path); // the UI has not looked at the file yet
    keys(&mut app, "<Tab>jm<Tab><Tab>ana<Space><Tab><Enter>");
    let saved = store::load(&path).unwrap();
    let titles: Vec<_> = saved.meetings[35..]
        .iter()
        .map(|m| (m.id.as_str(), m.title.as_deref()))
        .collect();
    assert_eq!(
        titles,
        [("m-0036", Some("Call from the CLI")), ("m-0037", None)],
        "both meetings survive, the UI's renumbered"
    );
    assert!(status(&app).contains("merged"), "{}", status(&app));

    // In turn again: the CLI, then the UI (which has not looked at the file).
    meeting_by_someone_else(&path);
    keys(&mut app, "m<Tab>Third<Tab>ana<Space><Tab><Enter>");
    let saved = store::load(&path).unwrap();
    let titles: Vec<_> = saved.meetings[35..]
        .iter()
        .map(|m| m.title.as_deref())
        .collect();
    assert_eq!(
        titles,
        [
            Some("Call from the CLI"),
            None,
            Some("Call from the CLI"),
            Some("Third")
        ]
    );
}

// ---- found by trying it as a new user -------------------------------------

#[test]
fn in_the_risks_view_m_t_and_x_act_on_the_selected_risks_subject() {
    let (_dir, _path, mut app) = open_demo();
    keys(&mut app, "2jj");
    let risk = &analysis(&app).risks[2];
    let subject = risk.subject_id(app.partnership()).to_string();
    keys(&mut app, "m");
    let Some(form) = form(&app) else {
        panic!("the meeting form opens");
    };
    let Some(tui::dialogs::form::FieldKind::Pick(pick)) = form.field("Attendees").map(|f| &f.kind)
    else {
        panic!("attendees is a pick list");
    };
    let chosen: Vec<&str> = pick
        .chosen
        .iter()
        .map(|&i| app.partnership().people[i].id.as_str())
        .collect();
    assert_eq!(chosen, [subject.as_str()]);
    keys(&mut app, "<Esc>x");
    assert!(status(&app).contains("gone"), "{}", status(&app));
    let gone = gone(&app)[0].clone();
    assert_eq!(gone, subject);
}

#[test]
fn typing_a_date_replaces_the_default_today() {
    let (_dir, path, mut app) = open_demo();
    keys(&mut app, "m2026-11-20<Tab><Tab>li<Space><C-s>");
    assert!(!dialog_open(&app), "{}", status(&app));
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.meetings.last().unwrap().date, date(2026, 11, 20));
}

#[test]
fn space_in_a_pick_list_chooses_and_starts_the_search_afresh() {
    let (_dir, _path, mut app) = open_demo();
    select(&mut app, "li");
    keys(&mut app, "tana ruiz");
    let Some(form) = form(&app) else {
        panic!("the tie form opens");
    };
    let Some(tui::dialogs::form::FieldKind::Pick(pick)) = form.field("With").map(|f| &f.kind)
    else {
        panic!("with is a pick list");
    };
    let chosen: Vec<&str> = pick
        .chosen
        .iter()
        .map(|&i| app.partnership().people[i].id.as_str())
        .collect();
    assert_eq!(chosen, ["ana"], "typing the surname did not unchoose her");
    assert_eq!(pick.query.value(), "ruiz");
}

#[test]
fn keys_on_a_too_small_screen_do_nothing_hidden() {
    let (_dir, _path, mut app) = open_demo();
    ui::resize(&mut app, 60, 20);
    keys(&mut app, "m2x");
    assert!(!dialog_open(&app) && !app.what_if() && view(&app) == View::People);
    ui::resize(&mut app, 120, 40);
    keys(&mut app, "m");
    ui::resize(&mut app, 60, 20);
    keys(&mut app, "q");
    assert!(!quit_asked(&app), "q does not drop an open form");
    keys(&mut app, "<Esc>q");
    assert!(!dialog_open(&app) && quit_asked(&app));
}

#[test]
fn a_person_without_a_name_is_refused_on_the_name() {
    let (_dir, _path, mut app) = open_demo();
    keys(&mut app, "a<C-s>");
    let Some(form) = form(&app) else {
        panic!("the form stays open");
    };
    assert_eq!(
        form.field("Name").unwrap().error.as_deref(),
        Some("a name is required")
    );
    assert_eq!(form.field("Id").unwrap().error, None);
}

#[test]
fn the_detail_pane_does_not_scroll_past_its_end() {
    let (_dir, _path, mut app) = open_demo();
    keys(&mut app, "<Tab><Tab>");
    for _ in 0..200 {
        keys(&mut app, "j");
    }
    let lines = ui::detail_rows(&app);
    assert!(
        (ui::detail_scroll(&app).0) < lines,
        "{} of {lines}",
        ui::detail_scroll(&app).0
    );
    keys(&mut app, "<Tab>");
    keys(&mut app, "j");
    assert_eq!(
        ui::detail_scroll(&app).0,
        0,
        "another person starts at the top"
    );
}

#[test]
fn what_if_says_when_the_gone_persons_own_risks_stop_counting() {
    let (_dir, _path, mut app) = open_demo();
    // Julia Berg: unreachable, with a stale tie; nobody depends on her.
    select(&mut app, "julia");
    let before = analysis(&app).risks.len();
    keys(&mut app, "x");
    assert_eq!(analysis(&app).risks.len(), before - 2);
    assert!(
        status(&app).contains("2 risks about Julia Berg no longer count"),
        "{}",
        status(&app)
    );
}

#[test]
fn a_meeting_dated_after_today_says_it_counts_as_planned() {
    let (_dir, _path, mut app) = open_demo();
    keys(&mut app, "m2026-12-24<Tab><Tab>li<Space><C-s>");
    assert!(
        status(&app).contains("counts as planned"),
        "{}",
        status(&app)
    );
}

#[test]
fn in_the_risks_view_the_filter_narrows_the_risks() {
    let (_dir, _path, mut app) = open_demo();
    keys(&mut app, "2/stale-tie<Enter>");
    assert_eq!(view(&app), View::Risks);
    assert!(!risk_rows(&app).is_empty());
    for &at in &risk_rows(&app) {
        assert_eq!(analysis(&app).risks[at].kind, RiskKind::StaleTie);
    }
    assert!(screen(&app, 120, 40).contains("match the filter"));
    // Enter opens the subject of the risk under the cursor, not of the
    // unfiltered list's row.
    let first = risk_rows(&app)[0];
    let subject = analysis(&app).risks[first]
        .subject_id(app.partnership())
        .to_string();
    keys(&mut app, "<Enter>");
    let selected = selected(&app).unwrap();
    assert_eq!(app.partnership().people[selected].id, subject);
    keys(&mut app, "2<Esc>");
    assert_eq!(risk_rows(&app).len(), analysis(&app).risks.len());
}

#[test]
fn without_colour_no_cell_has_a_colour_and_symbols_carry_the_meaning() {
    use ratatui::style::Color;
    let (_dir, _path, mut app) = open_demo();
    select(&mut app, "sam");
    keys(&mut app, "x");
    for view in ["1", "2", "3", "?"] {
        keys(&mut app, view);
        let buffer = ui::buffer(&app, 120, 40);
        for cell in buffer.content() {
            assert_eq!(
                (cell.fg, cell.bg),
                (Color::Reset, Color::Reset),
                "view {view}: {cell:?}"
            );
        }
        if view == "?" {
            keys(&mut app, "<Esc>");
        }
    }
    let text = screen(&app, 120, 40);
    assert!(text.contains('‼') && text.contains("WHAT-IF"), "{text}");

    // With colour, critical risks are the brighter red.
    ui::set_color(&mut app, true);
    assert!(
        ui::buffer(&app, 120, 40)
            .content()
            .iter()
            .any(|c| c.symbol() == "‼" && c.fg == Color::LightRed)
    );
}

#[test]
fn bringing_someone_back_says_their_risks_count_again() {
    let (_dir, _path, mut app) = open_demo();
    select(&mut app, "julia");
    keys(&mut app, "xx");
    assert!(!app.what_if());
    let said = status(&app);
    assert!(said.starts_with("Julia Berg is back"), "{said}");
    assert!(
        said.contains("2 risks about Julia Berg count again"),
        "{said}"
    );
    assert!(!said.contains("went stale"), "{said}");
}

#[test]
fn a_file_put_back_while_the_ui_waits_clears_the_broken_file_message() {
    let (_dir, path, mut app) = open_demo();
    let good = std::fs::read(&path).unwrap();
    std::fs::write(&path, "{").unwrap();
    check_file(&mut app);
    assert!(alert(&app).is_some());
    std::fs::write(&path, good).unwrap();
    check_file(&mut app);
    assert!(
        alert(&app).is_none(),
        "the warning goes when the file loads again"
    );
    assert_eq!(ui::tone(&app).unwrap(), Tone::Done);
    assert!(status(&app).contains("loads again"), "{}", status(&app));
}

#[test]
fn a_long_status_gets_a_second_line_instead_of_being_cut() {
    let (_dir, _path, mut app) = open_demo();
    let long = format!("{} END", "word ".repeat(30));
    app.warn(long);
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("END"), "{shown}");
}

#[test]
fn each_view_keeps_its_own_filter() {
    let (_dir, _path, mut app) = open_demo();
    // A risks filter does not follow you into the people view…
    keys(&mut app, "2/stale-tie<Enter>1");
    assert_eq!(
        column(&app, Side::Ours).len() + column(&app, Side::Partner).len(),
        40
    );
    assert!(!screen(&app, 120, 40).contains("Nobody matches"));
    // …nor a people filter into the risks view; each is kept for its view.
    keys(&mut app, "/cfo<Enter>2");
    assert_eq!(filter(&app), "stale-tie");
    for &at in &risk_rows(&app) {
        assert_eq!(analysis(&app).risks[at].kind, RiskKind::StaleTie);
    }
    keys(&mut app, "<Esc>1");
    assert_eq!(filter(&app), "cfo");
    keys(&mut app, "2");
    assert_eq!(risk_rows(&app).len(), analysis(&app).risks.len());
}

#[test]
fn an_empty_file_and_a_one_person_file_work_in_every_view() {
    let empty = r#"{"schema": 1, "partnership": {"name": "A × B", "ours": "A", "partner": "B"}, "people": []}"#;
    let one = r#"{"schema": 1, "partnership": {"name": "A × B", "ours": "A", "partner": "B"},
        "people": [{"id": "ana", "name": "Ana", "side": "ours"}]}"#;
    for text in [empty, one] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        std::fs::write(&path, text).unwrap();
        let mut app = tui::open(path.clone(), AS_OF, false).unwrap();
        for script in [
            "1",
            "2",
            "3",
            "<Tab><Tab><Tab>",
            "jjkk<Enter>",
            "x",
            "t<Esc>",
            "m<Esc>",
            "/zz<Esc>",
            "ej",
            "u",
            "2<Enter>",
            "3jk",
        ] {
            keys(&mut app, script);
            for (w, h) in [(120, 40), (80, 24)] {
                let shown = screen(&app, w, h);
                assert!(shown.contains("A × B"), "{script}: {shown}");
            }
        }
        // The bus factor is 0 and said so.
        assert_eq!(analysis(&app).bus_factor.size, 0);
        assert!(screen(&app, 120, 40).contains("bus factor 0"));
        // Adding the first partner person through the form works.
        keys(&mut app, "1aLi Wei<Tab><Tab>p<C-s>");
        assert!(!dialog_open(&app), "{}", status(&app));
        assert!(store::load(&path).unwrap().person("li").is_some());
    }
}

#[test]
fn a_paste_goes_into_the_field_as_text_and_never_acts_as_enter() {
    let (_dir, path, mut app) = open_demo();
    let before = std::fs::read(&path).unwrap();
    select(&mut app, "li");
    keys(&mut app, "m<Tab><Tab><Tab>");
    // A multi-line paste into Notes, the last field: Enter there would save.
    paste(&mut app, "Agreed the plan.\nNext: budget.\r\n");
    let Some(form) = form(&app) else {
        panic!("the form is still open");
    };
    assert_eq!(
        form.field("Notes").unwrap().value(),
        "Agreed the plan. Next: budget.  "
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "nothing saved by the paste"
    );
    // Into the fresh date, a paste replaces the default; into a pick list, it searches.
    keys(&mut app, "<Esc>ym");
    paste(&mut app, "2026-11-20");
    keys(&mut app, "<Tab><Tab>");
    paste(&mut app, "ana");
    keys(&mut app, "<Space><C-s>");
    let saved = store::load(&path).unwrap();
    let m = saved.meetings.last().unwrap();
    assert_eq!(
        (m.date, m.attendees.clone()),
        (
            date(2026, 11, 20),
            vec!["li".to_string(), "ana".to_string()]
        )
    );
    // In the filter; elsewhere ignored.
    keys(&mut app, "/");
    paste(&mut app, "cfo");
    assert_eq!(filter(&app), "cfo");
    keys(&mut app, "<Esc>");
    paste(&mut app, "mxq");
    assert!(!dialog_open(&app) && !quit_asked(&app) && !app.what_if());
}

// ---- issue 14: what a new user trips over --------------------------------

#[test]
fn u_in_a_what_if_takes_back_the_last_marking_never_a_saved_change() {
    let (_dir, path, mut app) = open_demo();
    select(&mut app, "li");
    keys(&mut app, "m<Tab>Budget<Tab>ana<Space><Tab><Enter>");
    assert!(!dialog_open(&app), "{}", status(&app));
    let saved = std::fs::read(&path).unwrap();
    select(&mut app, "sam");
    keys(&mut app, "x");
    select(&mut app, "carlos");
    keys(&mut app, "x");
    keys(&mut app, "u");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        saved,
        "the meeting stays on disk"
    );
    assert!(
        status(&app).starts_with("Carlos Mendes is back"),
        "{}",
        status(&app)
    );
    assert_eq!(gone(&app).len(), 1, "the last marking only");
    keys(&mut app, "u");
    assert!(
        status(&app).starts_with("Sam Okafor is back"),
        "{}",
        status(&app)
    );
    assert!(!app.what_if());
    assert_eq!(std::fs::read(&path).unwrap(), saved);
    // With nobody marked gone, u undoes the saved change as before.
    keys(&mut app, "u");
    assert!(
        status(&app).starts_with("Undone: logged meeting"),
        "{}",
        status(&app)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), demo_text());
}

#[test]
fn enter_in_the_attendee_pick_list_chooses_the_highlighted_match() {
    let (_dir, path, mut app) = open_demo();
    select(&mut app, "li");
    keys(&mut app, "m<Tab><Tab>sam<Enter>");
    assert_eq!(chosen(&app, "Attendees"), ["li", "sam"]);
    // Enter again toggles the highlighted one (Sam, shown after the search cleared).
    keys(&mut app, "<Enter>");
    assert_eq!(chosen(&app, "Attendees"), ["li"]);
    keys(&mut app, "sam<Enter><Tab>Notes here<Enter>");
    assert!(!dialog_open(&app), "{}", status(&app));
    let m = store::load(&path).unwrap().meetings.pop().unwrap();
    assert_eq!(m.attendees, ["li", "sam"]);
}

#[test]
fn a_full_name_typed_in_the_pick_list_leaves_that_person_chosen() {
    let (_dir, _path, mut app) = open_demo();
    select(&mut app, "li");
    // The space chooses Sam; "okafor" finds him again, and Enter keeps him
    // chosen instead of taking him off.
    keys(&mut app, "m<Tab><Tab>sam okafor<Enter>");
    assert_eq!(chosen(&app, "Attendees"), ["li", "sam"]);
    // With nothing typed, Enter still takes the highlighted one off.
    keys(&mut app, "<Enter>");
    assert_eq!(chosen(&app, "Attendees"), ["li"]);
}

#[test]
fn q_in_help_closes_help_and_keeps_the_app_open() {
    let (_dir, _path, mut app) = open_demo();
    keys(&mut app, "?");
    assert!(dialog_open(&app));
    keys(&mut app, "q");
    assert!(!dialog_open(&app) && !quit_asked(&app));
    keys(&mut app, "q");
    assert!(quit_asked(&app));
}

#[test]
fn a_meeting_needs_two_active_people_and_the_form_says_why_in_place() {
    let (_dir, path, mut app) = open_demo();
    let before = std::fs::read(&path).unwrap();
    select(&mut app, "li");
    // Li alone.
    keys(&mut app, "m<C-s>");
    let error = form_error(&app, "Attendees").unwrap_or_default();
    assert!(
        error.contains("a meeting ties the people who meet"),
        "{error}"
    );
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("the people who meet, so it needs at least"),
        "{shown}"
    );
    // Ben Carter left on 2026-09-30: the list does not offer him.
    keys(&mut app, "carter");
    let Some(form) = form(&app) else {
        panic!("the form stays open");
    };
    let Some(tui::dialogs::form::FieldKind::Pick(pick)) = form.field("Attendees").map(|f| &f.kind)
    else {
        panic!("a pick list");
    };
    assert!(pick.shown.is_empty(), "{:?}", pick.shown);
    keys(&mut app, "<Esc>y");
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing saved");
}

#[test]
fn a_departure_says_what_it_takes_away_never_that_a_tie_came_back() {
    let (_dir, _path, mut app) = open_demo();
    // Omar Farouk's only tie with us, a stale one, is with Hugo Laurent.
    select(&mut app, "hugo");
    keys(&mut app, "x");
    let said = status(&app);
    assert!(!said.contains("live again"), "{said}");
    assert!(
        said.contains(
            "Omar Farouk's stale tie with Hugo Laurent no longer counts: Hugo Laurent gone"
        ),
        "{said}"
    );
    keys(&mut app, "x");
    let said = status(&app);
    assert!(!said.contains("went stale"), "{said}");
}

#[test]
fn a_tick_only_for_someone_no_risk_names_who_depends_on_nobody() {
    let (_dir, _path, app) = open_demo();
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("0✓ Leo Grant"), "{shown}");
    // Ken Watanabe has no risk of his own but is cut off if any one of
    // Dmitri, Hana or Rosa leaves.
    assert!(shown.contains("0  Ken Watanabe"), "{shown}");
}

#[test]
fn the_risks_filter_matches_severity_and_kind() {
    let (_dir, _path, mut app) = open_demo();
    keys(&mut app, "2/critical<Enter>");
    assert_eq!(risk_rows(&app).len(), 3);
    for &at in &risk_rows(&app) {
        assert_eq!(analysis(&app).risks[at].severity.as_str(), "critical");
    }
    // The export writes what is shown, and says so.
    let (dir, _path, mut app) = open_demo();
    keys(&mut app, "2/critical<Enter>ec");
    let csv = dir.path().join("partnership-risks-2026-11-24.csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.lines().count(), 4, "{text}");
    let total = analysis(&app).risks.len();
    assert!(
        status(&app).contains(&format!("3 of {total} risks (filtered)")),
        "{}",
        status(&app)
    );
    // Without a filter, all of them.
    keys(&mut app, "<Esc>ej");
    assert!(
        status(&app).contains(&format!("Exported {total} risks")),
        "{}",
        status(&app)
    );
}

#[test]
fn a_bad_date_is_said_in_full_in_the_form() {
    let (_dir, _path, mut app) = open_demo();
    keys(&mut app, "mtomorrow-morning-at-nine<C-s>");
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("\"tomorrow-morning-at-nine\""), "{shown}");
}

#[test]
fn a_broken_file_warning_stays_until_esc_and_the_log_shows_it_whole() {
    let (_dir, path, mut app) = open_demo();
    // A backup to restore from, so the warning names it.
    select(&mut app, "li");
    keys(&mut app, "m<Tab><Tab>ana<Space><Tab><Enter>");
    std::fs::write(&path, "{ not json").unwrap();
    check_file(&mut app);
    let alert = alert(&app).unwrap();
    assert!(alert.contains("no longer loads"), "{alert}");
    // Other messages do not hide it.
    select(&mut app, "sam");
    keys(&mut app, "xx");
    assert!(screen(&app, 80, 24).contains("The file on disk no longer loads"));
    // The log on ! has it in full, newest first.
    keys(&mut app, "!");
    let log = screen(&app, 120, 40);
    assert!(log.contains("Messages, newest first"), "{log}");
    let tail: String = alert
        .chars()
        .rev()
        .take(20)
        .collect::<String>()
        .chars()
        .rev()
        .collect();
    assert!(
        log.replace(['│', '\n', '"'], "").contains(tail.trim()),
        "{tail}: {log}"
    );
    let newest = log.find("Sam Okafor is back").unwrap();
    let older = log.find("What-if: Sam Okafor gone").unwrap();
    assert!(newest < older, "newest first");
    keys(&mut app, "<Esc>");
    assert!(!dialog_open(&app));
    assert!(
        ui::alert(&app).is_some(),
        "closing the log leaves the warning"
    );
    keys(&mut app, "<Esc>");
    assert!(ui::alert(&app).is_none(), "Esc dismisses it");
}

#[test]
fn at_80_columns_the_what_if_banner_says_not_saved_and_the_hints_keep_help() {
    let (_dir, _path, mut app) = open_demo();
    select(&mut app, "sam");
    keys(&mut app, "x");
    select(&mut app, "carlos");
    keys(&mut app, "x");
    select(&mut app, "rosa");
    keys(&mut app, "x");
    let shown = screen(&app, 80, 24);
    // Three names do not fit: how many are gone, never one name cut short.
    assert!(shown.contains("WHAT-IF, not saved: 3 gone"), "{shown}");
    let wide = screen(&app, 160, 24);
    assert!(
        wide.contains("WHAT-IF, not saved: Sam Okafor, Carlos Mendes and Rosa Alvarez gone"),
        "{wide}"
    );
    let hints = shown.lines().last().unwrap().to_string();
    assert!(
        hints.contains("? help") && hints.contains("q quit"),
        "{hints}"
    );
}

#[test]
fn a_new_form_starts_with_a_clear_status_line() {
    let (_dir, _path, mut app) = open_demo();
    keys(&mut app, "x");
    assert!(!status(&app).is_empty());
    keys(&mut app, "m");
    assert!(status(&app).is_empty());
}

#[test]
fn the_header_marks_an_as_of_date_that_is_not_today() {
    let (_dir, _path, mut app) = open_demo();
    assert!(!screen(&app, 120, 40).contains("not today"));
    ui::set_today(&mut app, date(2026, 12, 1));
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("as of 2026-11-24, not today"), "{shown}");
}

#[test]
fn the_detail_pane_shows_the_id_and_e_mail_and_wide_columns_write_levels_out() {
    let (_dir, _path, mut app) = open_demo();
    select(&mut app, "li");
    assert!(screen(&app, 80, 24).contains("id li · li@contoso.example"));
    let wide = screen(&app, 180, 40);
    assert!(wide.contains("executive │"), "{wide}");
    assert!(!wide.contains(" exec │"), "{wide}");
    // Declared without a date: "undated", not the age of an old meeting.
    assert!(wide.contains("Grace Liu            undated"), "{wide}");
}

#[test]
fn the_tie_form_defaults_to_today() {
    let (dir, _path, mut app) = open_demo();
    select(&mut app, "li");
    keys(&mut app, "tleo<Enter><Tab><Tab><Enter>");
    assert!(!dialog_open(&app), "{}", status(&app));
    let saved = store::load(&dir.path().join("partnership.json")).unwrap();
    let tie = saved.ties.last().unwrap();
    assert_eq!((tie.b.as_str(), tie.last_contact), ("leo", Some(AS_OF)));
    // One Backspace clears the default: the tie is undated.
    keys(&mut app, "tdev<Enter><Tab><BS><C-s>");
    let saved = store::load(&dir.path().join("partnership.json")).unwrap();
    let tie = saved.ties.last().unwrap();
    assert_eq!((tie.b.as_str(), tie.last_contact), ("dev", None));
}

#[test]
fn m_on_a_stale_tie_risk_picks_both_people() {
    let (_dir, _path, mut app) = open_demo();
    keys(&mut app, "2");
    let at = risk_rows(&app)
        .iter()
        .position(|&i| analysis(&app).risks[i].kind == RiskKind::StaleTie)
        .unwrap();
    for _ in 0..at {
        keys(&mut app, "j");
    }
    assert_eq!(ui::selected_risk(&app).unwrap().kind, RiskKind::StaleTie);
    let risk = ui::selected_risk(&app).unwrap();
    keys(&mut app, "m");
    let p = app.partnership();
    let subject = risk.subject_id(p).to_string();
    let other = p.people[risk.people[0]].id.clone();
    assert_eq!(chosen(&app, "Attendees"), [subject, other]);
}

#[test]
fn a_second_person_of_the_same_name_on_one_side_is_asked_about() {
    let (_dir, path, mut app) = open_demo();
    let before = std::fs::read(&path).unwrap();
    keys(&mut app, "aSam Okafor<C-s>");
    let shown = screen(&app, 120, 40);
    assert!(
        shown.contains("There is already a Sam Okafor on Northwind's side: save anyway? y/n"),
        "{shown}"
    );
    keys(&mut app, "n");
    assert!(dialog_open(&app), "n goes back to the form");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    keys(&mut app, "<C-s>y");
    assert!(!dialog_open(&app), "{}", status(&app));
    assert!(store::load(&path).unwrap().person("sam2").is_some());
}

#[test]
fn a_new_person_is_selected_and_listed_with_their_level() {
    let (_dir, _path, mut app) = open_demo();
    keys(&mut app, "<Tab>aZoe Quinn<Tab><Tab><Tab><Tab><Tab>e<C-s>");
    assert!(!dialog_open(&app), "{}", status(&app));
    let selected = selected(&app).unwrap();
    assert_eq!(app.partnership().people[selected].id, "zoe");
    let rows = column(&app, Side::Partner);
    let at = rows.iter().position(|&i| i == selected).unwrap();
    let levels: Vec<_> = rows
        .iter()
        .map(|&i| app.partnership().people[i].level)
        .collect();
    assert!(levels.windows(2).all(|w| w[0] <= w[1]), "sorted by level");
    assert_eq!(levels[at].as_str(), "executive");
    assert!(at < 6, "among the executives, not at the bottom: {at}");
}

#[test]
fn a_read_only_file_or_folder_is_said_in_the_header() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path, app) = open_demo();
    assert!(!screen(&app, 120, 40).contains("read-only"));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let app = tui::open(path.clone(), AS_OF, false).unwrap();
    assert!(screen(&app, 80, 24).contains("read-only"));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let app = tui::open(path.clone(), AS_OF, false).unwrap();
    let shown = screen(&app, 80, 24);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(shown.contains("read-only"), "{shown}");
}

#[test]
fn enter_in_the_people_view_moves_to_the_detail_pane_which_stops_at_its_end() {
    let (_dir, _path, mut app) = open_demo();
    select(&mut app, "li");
    keys(&mut app, "<Enter>");
    assert_eq!(ui::pane(&app), Pane::Detail);
    ui::resize(&mut app, 80, 24);
    for _ in 0..100 {
        keys(&mut app, "j");
    }
    let end = ui::detail_scroll(&app).1;
    assert!(end > 0);
    assert_eq!(ui::detail_scroll(&app).0, end);
    // The last line is at the bottom of the pane, not above a blank one.
    let shown = screen(&app, 80, 24);
    let rows: Vec<&str> = shown.lines().collect();
    let bottom = rows.iter().rposition(|l| l.contains('└')).unwrap();
    assert!(
        rows[bottom - 1].chars().any(|c| c.is_alphanumeric()),
        "{shown}"
    );
}

// ---- after a new-user review ---------------------------------------------

#[test]
fn the_map_says_when_the_people_filter_narrows_it() {
    let (_dir, _path, mut app) = open_demo();
    keys(&mut app, "/fin<Enter>3");
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("Map · the people matching /fin"), "{shown}");
    assert!(!shown.contains("every active person"), "{shown}");
}

#[test]
fn the_export_dialog_names_the_file_it_will_write_and_what_it_holds() {
    let (dir, _path, mut app) = open_demo();
    keys(&mut app, "ec");
    let total = analysis(&app).risks.len();
    assert!(
        status(&app).contains(&format!("Exported {total} risks")),
        "{}",
        status(&app)
    );
    // The first name is taken now: the dialog shows the next one.
    keys(&mut app, "e");
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("-2.csv"), "{shown}");
    keys(&mut app, "<Esc>2/critical<Enter>e");
    let shown = screen(&app, 120, 40);
    assert!(
        shown.contains(&format!("Export the 3 of {total} (filtered) risks")),
        "{shown}"
    );
    drop(dir);
}

#[test]
fn ending_a_what_if_says_that_u_now_undoes_saved_changes() {
    let (_dir, _path, mut app) = open_demo();
    select(&mut app, "sam");
    keys(&mut app, "x");
    select(&mut app, "carlos");
    keys(&mut app, "xu");
    assert!(
        !status(&app).contains("what-if is over"),
        "{}",
        status(&app)
    );
    keys(&mut app, "u");
    assert!(
        status(&app).contains("the what-if is over (u now undoes saved changes)"),
        "{}",
        status(&app)
    );
}

#[test]
fn a_declared_tie_cannot_have_its_last_contact_in_the_future() {
    let (_dir, path, mut app) = open_demo();
    let before = std::fs::read(&path).unwrap();
    select(&mut app, "ana");
    keys(&mut app, "tmei<Enter><Tab><BS>+3d<C-s>");
    let error = form_error(&app, "Last contact").unwrap_or_default();
    assert!(error.contains("a day that has passed"), "{error}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_what_if_is_a_note_and_the_log_holds_every_change() {
    let (_dir, _path, mut app) = open_demo();
    select(&mut app, "sam");
    keys(&mut app, "x");
    let shown = status(&app);
    assert!(shown.contains("and 10 more (! shows all)"), "{shown}");
    assert_eq!(ui::tone(&app), Some(Tone::Note));
    let full = ui::log(&app).last().cloned().unwrap_or_default();
    assert!(!full.contains("more"), "{full}");
    assert_eq!(full.matches("; ").count(), 12, "{full}");
}

#[test]
fn a_filtered_export_keeps_the_whole_partnerships_counts_and_says_it_is_filtered() {
    let (dir, _path, mut app) = open_demo();
    let [critical, high, medium, low] = app.analysis.severity_counts();
    let total = app.analysis.risks.len();
    keys(&mut app, "2/critical<Enter>emej");
    let md = std::fs::read_to_string(dir.path().join("partnership-risks-2026-11-24.md")).unwrap();
    assert!(
        md.contains(&format!(
            "{critical} critical, {high} high, {medium} medium, {low} low"
        )),
        "{md}"
    );
    assert!(
        md.contains(&format!(
            "**Filtered:** 3 of {total} risks, those matching “critical”"
        )),
        "{md}"
    );
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("partnership-risks-2026-11-24.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(json["summary"]["risks"]["high"], high);
    assert_eq!(json["filtered"]["shown"], 3);
    assert_eq!(json["filtered"]["of"], total);
    assert_eq!(json["filtered"]["query"], "critical");
    assert_eq!(json["risks"].as_array().unwrap().len(), 3);
}
