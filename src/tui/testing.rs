//! Drives the UI as a user would, for tests and benches: press keys,
//! paste, resize, read the screen, the status line or the file. Tests
//! go through these helpers rather than the app's fields, so that the
//! state can move without rewriting them.

use super::app::{App, Pane, Tone, View};
use crate::analysis::{Analysis, Risk};
use crate::model::{Partnership, Side};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;

/// The key event a name stands for: a character, or `<Tab>`, `<S-Tab>`,
/// `<Enter>`, `<Esc>`, `<Space>`, `<Up>`, `<Down>`, `<Left>`, `<Right>`,
/// `<PgUp>`, `<PgDn>`, `<Home>`, `<End>`, `<BS>`, `<C-x>` for Ctrl and a letter.
/// `None` for a name it does not know.
pub fn key(name: &str) -> Option<KeyEvent> {
    let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(plain(KeyCode::Char(c)));
    }
    let inner = name.strip_prefix('<')?.strip_suffix('>')?;
    if let Some(c) = inner.strip_prefix("C-") {
        let c = c.chars().next()?;
        return Some(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    }
    Some(match inner {
        "Tab" => plain(KeyCode::Tab),
        "S-Tab" => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
        "Enter" => plain(KeyCode::Enter),
        "Esc" => plain(KeyCode::Esc),
        "Space" => plain(KeyCode::Char(' ')),
        "Up" => plain(KeyCode::Up),
        "Down" => plain(KeyCode::Down),
        "Left" => plain(KeyCode::Left),
        "Right" => plain(KeyCode::Right),
        "PgUp" => plain(KeyCode::PageUp),
        "PgDn" => plain(KeyCode::PageDown),
        "Home" => plain(KeyCode::Home),
        "End" => plain(KeyCode::End),
        "BS" => plain(KeyCode::Backspace),
        _ => return None,
    })
}

/// Presses one key, named as [`key`] names it, and waits for the save it
/// started, if any (as a person would look at the screen after it); see
/// [`press_only`] for the save still being written.
///
/// # Panics
/// On a key name [`key`] does not know: a mistake in the test.
#[allow(clippy::panic)]
pub fn press(app: &mut App, name: &str) {
    let Some(event) = key(name) else {
        panic!("unknown key {name}");
    };
    super::update::on_key(app, event);
    super::saving::finish(app);
}

/// Presses one key and leaves a save it started being written, as the
/// running app does.
///
/// # Panics
/// On a key name [`key`] does not know: a mistake in the test.
#[allow(clippy::panic)]
pub fn press_only(app: &mut App, name: &str) {
    let Some(event) = key(name) else {
        panic!("unknown key {name}");
    };
    super::update::on_key(app, event);
}

/// Waits for the save being written, as quitting does; false when it
/// failed.
pub fn finish_save(app: &mut App) -> bool {
    super::saving::finish(app)
}

/// A change is being made or written.
pub fn saving(app: &App) -> bool {
    app.saving.busy()
}

/// Makes changes on the save's thread whatever the file's size, as on a
/// big file (see `tui::saving`).
pub fn save_in_background(app: &mut App) {
    app.saving.at_once_up_to = 0;
}

/// Presses the keys of a script: characters, and names in angle brackets
/// ("m<Tab>Budget<C-s>").
///
/// # Panics
/// On an unclosed or unknown key name.
#[allow(clippy::panic)]
pub fn keys(app: &mut App, script: &str) {
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        let used = if c == '<' {
            match rest.find('>') {
                Some(end) => end + 1,
                None => panic!("unclosed key name in {script}"),
            }
        } else {
            c.len_utf8()
        };
        press(app, &rest[..used]);
        rest = &rest[used..];
    }
}

/// Pastes text, as a terminal with bracketed paste sends it.
pub fn paste(app: &mut App, text: &str) {
    super::update::on_paste(app, text);
}

/// The terminal is now `width` × `height`.
pub fn resize(app: &mut App, width: u16, height: u16) {
    super::update::on_resize(app, width, height);
}

/// Looks at the data file now, as the UI does every second.
pub fn check_file(app: &mut App) {
    super::update::check_file(app);
}

/// Looks at the data file, and reloads it, on a thread whatever its size,
/// as for a big file (see `tui::update::check_file`).
pub fn reload_in_background(app: &mut App) {
    app.reloading.in_background_from = 0;
}

/// A look at the data file (and its reload) is under way on a thread.
pub fn reloading(app: &App) -> bool {
    app.reloading.busy()
}

/// The frame drawn at `width` × `height`, before it is sent to the
/// terminal: every cell the UI means to show (the terminal is sent only
/// what changed, and skips the cell after a wide character).
///
/// # Panics
/// Never: the test backend does not fail.
#[allow(clippy::expect_used)]
pub fn buffer(app: &App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    let drawn = terminal
        .draw(|frame| super::screen::render(app, frame))
        .expect("test backend");
    drawn.buffer.clone()
}

/// The screen drawn at `width` × `height`, as text, one line per row.
#[allow(clippy::expect_used)]
pub fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|frame| super::screen::render(app, frame))
        .expect("test backend");
    terminal.backend().to_string()
}

/// The status line's message, whole (empty when there is none).
pub fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// What kind of message the status line shows.
pub fn tone(app: &App) -> Option<Tone> {
    app.status.as_ref().map(|s| s.tone)
}

/// Every message of this session, oldest first, in full.
pub fn log(app: &App) -> Vec<String> {
    app.log.iter().map(|s| s.text.clone()).collect()
}

/// The warning that stays until dismissed, if one is shown.
pub fn alert(app: &App) -> Option<String> {
    app.alert.clone()
}

/// The data file as JSON.
///
/// # Panics
/// When the file cannot be read or is not JSON.
#[allow(clippy::expect_used)]
pub fn file(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("the data file reads");
    serde_json::from_str(&text).expect("the data file is JSON")
}

/// The partnership shown.
pub fn partnership(app: &App) -> &Partnership {
    app.partnership()
}

/// The analysis shown (of the what-if, when one is on).
pub fn analysis(app: &App) -> &Analysis {
    &app.analysis
}

/// Selects a person by id, as moving the cursor to them would.
///
/// # Panics
/// When nobody has that id.
#[allow(clippy::panic)]
pub fn select(app: &mut App, id: &str) {
    let Some(i) = app.partnership().people.iter().position(|p| p.id == id) else {
        panic!("nobody has the id {id}");
    };
    app.select_person(i);
}

/// The selected person (an index into the people).
pub fn selected(app: &App) -> Option<usize> {
    app.selected()
}

/// The selected person's id.
pub fn selected_id(app: &App) -> Option<String> {
    let i = app.selected()?;
    Some(app.partnership().people.get(i)?.id.clone())
}

/// The risk under the cursor in the risks view.
pub fn selected_risk(app: &App) -> Option<Risk> {
    app.selected_risk().cloned()
}

/// The view shown.
pub fn view(app: &App) -> View {
    app.view
}

/// The focused pane.
pub fn pane(app: &App) -> Pane {
    app.people.pane
}

/// The people a column lists, in its order (indices into the people).
pub fn column(app: &App, side: Side) -> Vec<usize> {
    app.people.column(side).0.to_vec()
}

/// The risks the risks view lists, in its order (indices into the
/// analysis's risks).
pub fn risk_rows(app: &App) -> Vec<usize> {
    app.risks_view.rows.clone()
}

/// The current view's filter text.
pub fn filter(app: &App) -> String {
    app.filter().value().to_string()
}

/// Keys go into the filter.
pub fn filtering(app: &App) -> bool {
    app.filtering
}

/// A dialog (a form, export, help or the message log) is open.
pub fn dialog_open(app: &App) -> bool {
    !app.dialogs.is_empty()
}

/// The open form, if the top dialog is one.
pub fn form(app: &App) -> Option<&super::dialogs::form::Form> {
    app.dialogs.top()?.form()
}

/// The reason a field of the open form is marked wrong.
pub fn form_error(app: &App, label: &str) -> Option<String> {
    form(app)?.field(label)?.error.clone()
}

/// The open form's pick list `label`.
pub fn pick<'a>(app: &'a App, label: &str) -> Option<&'a super::dialogs::form::pick::PickList> {
    match &form(app)?.field(label)?.kind {
        super::dialogs::form::FieldKind::Pick(pick) => Some(pick),
        _ => None,
    }
}

/// The ids chosen in the open form's pick list `label`, in order.
///
/// # Panics
/// When no form is open or `label` is not a pick list in it.
#[allow(clippy::panic)]
pub fn chosen(app: &App, label: &str) -> Vec<String> {
    let Some(pick) = pick(app, label) else {
        panic!("no form open with a pick list {label}");
    };
    pick.chosen
        .iter()
        .filter_map(|&i| app.partnership().people.get(i))
        .map(|p| p.id.clone())
        .collect()
}

/// The ids of the people the what-if marks as gone, in marking order.
pub fn gone(app: &App) -> Vec<String> {
    app.gone
        .iter()
        .filter_map(|&i| app.partnership().people.get(i))
        .map(|p| p.id.clone())
        .collect()
}

/// `q` (or a signal) asked the UI to end.
pub fn quit_asked(app: &App) -> bool {
    app.quit
}

/// How far the detail pane is scrolled, and how far it can go on the
/// screen last drawn.
pub fn detail_scroll(app: &App) -> (usize, usize) {
    (
        app.detail.scroll as usize,
        super::views::detail::max_scroll(app),
    )
}

/// The tie or meeting selected in the detail pane (`↑ ↓` there), as a test
/// reads it: `tie A B` (the ids of its ends, in the file's order of
/// people) or `meeting ID`; `None` when the person themself is.
pub fn detail_selected(app: &App) -> Option<String> {
    let p = app.partnership();
    match super::views::detail::selected_row(app)? {
        super::views::detail::DetailRow::Tie { tie, .. } => {
            let live = app.analysis.live.ties.get(tie)?;
            let id = |i: usize| p.people.get(i).map(|x| x.id.clone());
            Some(format!("tie {} {}", id(live.a)?, id(live.b)?))
        }
        super::views::detail::DetailRow::Meeting { meeting } => {
            Some(format!("meeting {}", p.meetings.get(meeting)?.id))
        }
        _ => None,
    }
}

/// How many rows the selected person's detail has (before wrapping).
pub fn detail_rows(app: &App) -> usize {
    super::views::detail::line_count(app)
}

/// Pretends today is `today` (the header marks an as-of date that is not).
pub fn set_today(app: &mut App, today: jiff::civil::Date) {
    app.today = today;
}

/// Draws with colour or without.
pub fn set_color(app: &mut App, color: bool) {
    app.color = color;
}

/// Waits for the background work started so far (the plan, the
/// sparkline's trend, an export on the main worker) and applies each
/// result through `update::handle`, as the running app would; work that
/// a result starts is waited for too.
///
/// # Panics
/// When nothing arrives for a minute: a job that never ends.
#[allow(clippy::panic)]
pub fn settle(app: &mut App) {
    while super::views::background::pending(app) || app.progress.is_some() || app.reloading.busy() {
        match app.events.recv_timeout(std::time::Duration::from_secs(60)) {
            Some(event) => super::update::handle(app, event),
            None => panic!("background work did not finish within a minute"),
        }
    }
}

/// The plan the plan view shows, if one has arrived.
pub fn plan(app: &App) -> Option<&crate::plan::Plan> {
    app.plan_view.plan.as_ref().map(|(_, plan)| plan)
}

/// A plan is being computed in the background.
pub fn planning(app: &App) -> bool {
    app.plan_view.running()
}

/// The risk scores the header's sparkline draws, once they have arrived.
pub fn sparkline_scores(app: &App) -> Option<Vec<u32>> {
    let (_, rows) = app.trend.rows.as_ref()?;
    Some(rows.iter().map(|r| r.risk_score).collect())
}

/// The label and ids of the people the people view is narrowed to (a grid
/// cell's), if it is.
pub fn people_only(app: &App) -> Option<(String, Vec<String>)> {
    let only = app.people.only.as_ref()?;
    Some((only.label.clone(), only.ids.clone()))
}

/// The grid view's selected cell: its label and its people's ids.
pub fn grid_cell(app: &App) -> Option<(String, Vec<String>)> {
    let (row, column) = super::views::grid::selected(app)?;
    let ids = row.cells[column]
        .people
        .iter()
        .map(|&i| app.partnership().people[i].id.clone())
        .collect();
    Some((super::views::grid::cell_label(&row, column), ids))
}
/// Waits for the background jobs started so far (an import being read)
/// and applies their results, as the event loop does.
pub fn finish_jobs(app: &mut App) {
    while app.progress.is_some() {
        match app.events.recv_timeout(std::time::Duration::from_secs(60)) {
            Some(event @ super::event::Event::Done(_)) => super::update::handle(app, event),
            Some(_) => {}
            None => break,
        }
    }
}

/// Waits for a big file's load (see `tui::loading`) and applies its
/// result, as the event loop does.
pub fn finish_loading(app: &mut App) {
    while app.loading.as_ref().is_some_and(|l| l.failed.is_none()) {
        match app.events.recv_timeout(std::time::Duration::from_secs(60)) {
            Some(event @ super::event::Event::Done(_)) => super::update::handle(app, event),
            Some(_) => {}
            None => break,
        }
    }
}

/// Runs the analysis after a what-if or a saved change in the background
/// whatever the file's size, as on a big file (see `tui::reanalysis`).
pub fn analyse_in_background(app: &mut App) {
    app.reanalysis.at_once_up_to = 0;
}

/// The analysis after a what-if or a change is still being worked out.
pub fn analysing(app: &App) -> bool {
    app.reanalysis.running()
}
