//! The one place that changes the app: a key goes to the open overlay,
//! dialog, the filter or the keymap; an action changes the state; a change
//! is saved at once and the analysis re-runs. Changes and the what-if are
//! in `change.rs`, dialogs in `dialog.rs`, the file watch in `file.rs`.

pub(crate) mod change;
mod file;
mod record;

pub use file::{Reloading, check_file};

use super::action::Action;
use super::app::{App, Pane, View};
use super::dialogs::form::build;
use super::dialogs::help::Help;
use super::dialogs::log::Log;
use super::dialogs::{self, Export};
use super::event::Event;
use super::keymap::{self, FILTER, FilterAction, action_for};
use super::views::people::Only;
use super::views::{grid, plan};
use crate::analysis::{RiskKind, Subject};
use crate::model::Side;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use tui_input::backend::crossterm::to_input_request;

/// Rows moved by PgUp / PgDn.
const PAGE: isize = 10;

/// Handles one key event; releases and repeats of other kinds are ignored.
pub fn on_key(app: &mut App, key: KeyEvent) {
    if key.kind != KeyEventKind::Press {
        return;
    }
    if app.too_small {
        on_small_screen_key(app, key);
    } else if !app.dialogs.is_empty() {
        dialogs::on_key(app, key);
    } else if app.filtering {
        on_filter_key(app, key);
    } else if let Some(action) = action_for(&key)
        && !super::loading::waits(app, action)
    {
        update(app, action);
    }
    super::views::background::keep_current(app);
}

/// Nothing shows what a key would do: only quit, or cancel a form.
fn on_small_screen_key(app: &mut App, key: KeyEvent) {
    let input = app.dialogs.top().is_some_and(|d| d.holds_input());
    match key.code {
        KeyCode::Esc if input => {
            app.dialogs.close();
            app.note("Cancelled: nothing was saved");
        }
        KeyCode::Char('q') if !input => app.quit = true,
        KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => app.quit = true,
        _ => {}
    }
}

/// Handles one event from the channel.
pub fn handle(app: &mut App, event: Event) {
    match event {
        Event::Key(key) => on_key(app, key),
        Event::Paste(text) => on_paste(app, &text),
        Event::Resize(width, height) => on_resize(app, width, height),
        // While a big file loads there is nothing to compare it with yet;
        // while a change is written the file is ours (looked at after).
        Event::Tick if app.loading.is_some() || app.saving.busy() => {}
        Event::Tick => {
            let now = super::app::modified(&app.path);
            if now != app.seen {
                app.seen = now;
                check_file(app);
            }
        }
        Event::Signal(number) => app.signal = Some(number),
        Event::Saved => super::saving::arrived(app),
        Event::Done(done) => {
            if done.is_current() && done.is_main() {
                app.progress = None;
            }
            done.apply(app);
        }
        // The loop ends on it before handing events here.
        Event::InputFailed(_) => {}
    }
    super::views::background::keep_current(app);
}

/// The terminal was resized: below the smallest size, keys are held back.
pub fn on_resize(app: &mut App, width: u16, height: u16) {
    app.too_small = width < super::screen::MIN_WIDTH || height < super::screen::MIN_HEIGHT;
    app.screen = (width, height);
}

/// Pasted text goes into the text being typed (a form field, a pick
/// list's search or the filter), with line breaks made spaces; elsewhere
/// it is ignored rather than read as keys.
pub fn on_paste(app: &mut App, text: &str) {
    let text: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    if !app.dialogs.is_empty() {
        dialogs::on_paste(app, &text);
    } else if app.filtering {
        for c in text.chars() {
            app.filter_mut()
                .handle(tui_input::InputRequest::InsertChar(c));
        }
        app.refilter();
    }
}

fn on_filter_key(app: &mut App, key: KeyEvent) {
    match keymap::lookup(FILTER, &key) {
        Some(FilterAction::Clear) => {
            app.filtering = false;
            app.filter_mut().reset();
            app.refilter();
        }
        Some(FilterAction::Keep) => app.filtering = false,
        Some(FilterAction::Up) => update(app, Action::Up),
        Some(FilterAction::Down) => update(app, Action::Down),
        Some(FilterAction::Quit) => app.quit = true,
        Some(FilterAction::Type) | None => {
            if let Some(request) = to_input_request(&ratatui::crossterm::event::Event::Key(key))
                && app.filter_mut().handle(request).is_some_and(|c| c.value)
            {
                app.refilter();
            }
        }
    }
}

/// Carries out one action of the main screen.
pub fn update(app: &mut App, action: Action) {
    match action {
        Action::Up => step(app, -1),
        Action::Down => step(app, 1),
        Action::PageUp => step(app, -PAGE),
        Action::PageDown => step(app, PAGE),
        Action::Top => step(app, isize::MIN / 2),
        Action::Bottom => step(app, isize::MAX / 2),
        Action::NextPane => cycle_pane(app, true),
        Action::PrevPane => cycle_pane(app, false),
        Action::Open => open(app),
        Action::PeopleView => app.view = View::People,
        Action::RisksView => {
            app.view = View::Risks;
            app.refresh_risk_rows();
        }
        Action::MapView => {
            app.view = View::Map;
            if app.people.pane == Pane::Detail {
                app.people.pane = Pane::of(app.people.side);
            }
        }
        Action::PlanView => app.view = View::Plan,
        Action::GridView => app.view = View::Grid,
        Action::Left => grid::step_column(app, -1),
        Action::Right => grid::step_column(app, 1),
        Action::Filter => app.filtering = true,
        Action::ClearFilter => escape(app),
        Action::LogMeeting => {
            let people = meeting_people(app);
            let form = build::meeting(app.partnership(), app.as_of, &people);
            open_form(app, form);
        }
        Action::AddPerson => {
            let form = build::person(app.partnership(), app.people.side);
            open_form(app, form);
        }
        Action::AddTie => match app.acting_person() {
            Some(from) => {
                let form = build::tie(app.partnership(), from);
                open_form(app, form);
            }
            None => app.warn("Select a person first: a tie goes from the selected person"),
        },
        Action::WhatIf => change::what_if(app),
        Action::Export => app.dialogs.open(Box::new(Export::default())),
        Action::Import => open_import(app),
        Action::Undo => change::undo(app),
        Action::MessageLog => app.dialogs.open(Box::new(Log::default())),
        Action::Help => app.dialogs.open(Box::new(Help::default())),
        Action::Quit => app.quit = true,
        Action::Edit => record::edit(app),
        Action::MarkLeft => record::left(app),
        Action::Delete => record::delete(app),
        Action::Stance => record::stance(app),
    }
}

/// Esc on the main screen: dismisses a warning that stays, else clears
/// the view's filter, else shows everyone again after a grid cell's
/// people, else clears the status line.
fn escape(app: &mut App) {
    if app.alert.take().is_some() {
        return;
    }
    let people_view = matches!(app.view, View::People | View::Map);
    if app.filter().value().is_empty() && people_view && app.people.only.is_some() {
        app.people.only = None;
        app.refresh_rows();
    } else if app.filter().value().is_empty() {
        app.status = None;
    } else {
        app.filter_mut().reset();
        app.refilter();
    }
}

/// `i`: the import dialog, with a clear status line.
fn open_import(app: &mut App) {
    app.status = None;
    app.dialogs
        .open(Box::new(super::dialogs::import::ImportDialog::default()));
}

/// A new form starts with a clear status line.
fn open_form(app: &mut App, form: super::dialogs::form::Form) {
    app.status = None;
    app.dialogs.open(Box::new(form));
}

/// Who a new meeting starts with: on a plan's step its two people, on a
/// stale-tie risk both ends of the tie, else the person `m` acts on.
fn meeting_people(app: &App) -> Vec<usize> {
    if app.view == View::Plan {
        return plan::selected(app)
            .map(|s| vec![s.ours, s.partner])
            .unwrap_or_default();
    }
    if app.view == View::Risks
        && let Some(risk) = app.selected_risk()
        && risk.kind == RiskKind::StaleTie
        && let Subject::Person(subject) = risk.subject
    {
        return std::iter::once(subject)
            .chain(risk.people.first().copied())
            .collect();
    }
    app.acting_person().into_iter().collect()
}

fn step(app: &mut App, delta: isize) {
    if app.view == View::Risks {
        let len = app.risks_view.rows.len();
        app.risks_view.cursor.step(delta, len);
        return;
    }
    if app.view == View::Plan {
        let len = plan::shown(app).len();
        app.plan_view.cursor.step(delta, len);
        return;
    }
    if app.view == View::Grid {
        let len = grid::shown(app).len();
        app.grid_view.cursor.step(delta, len);
        return;
    }
    if app.people.pane == Pane::Detail && app.view == View::People {
        super::views::detail::step(app, delta);
        return;
    }
    let len = app.people.column(app.people.side).0.len();
    app.people.cursor_mut(app.people.side).step(delta, len);
    app.detail = Default::default();
}

fn cycle_pane(app: &mut App, forward: bool) {
    let order: &[Pane] = match app.view {
        View::People => &[Pane::Ours, Pane::Partner, Pane::Detail],
        View::Map => &[Pane::Ours, Pane::Partner],
        View::Risks | View::Plan => return,
        View::Grid => {
            grid::step_column(app, if forward { 1 } else { -1 });
            return;
        }
    };
    let at = order
        .iter()
        .position(|&p| p == app.people.pane)
        .unwrap_or(0);
    let len = order.len();
    let next = if forward {
        (at + 1) % len
    } else {
        (at + len - 1) % len
    };
    app.people.pane = order[next];
    match app.people.pane {
        Pane::Ours => app.people.side = Side::Ours,
        Pane::Partner => app.people.side = Side::Partner,
        Pane::Detail => {}
    }
}

fn open(app: &mut App) {
    match app.view {
        View::People => {
            app.people.pane = match app.people.pane {
                Pane::Detail => Pane::of(app.people.side),
                _ => Pane::Detail,
            };
        }
        View::Map => app.view = View::People,
        View::Plan if plan::selected(app).is_some() => update(app, Action::LogMeeting),
        View::Plan if !plan::current(app) => {
            app.note("The plan is being updated for your change; its steps follow in a moment");
        }
        View::Plan => {}
        View::Grid => show_cell(app),
        View::Risks => {
            let Some(risk) = app.selected_risk() else {
                return;
            };
            let person = match risk.subject {
                Subject::Person(i) => Some(i),
                Subject::Partnership => risk.people.first().copied(),
            };
            if let Some(person) = person {
                app.select_person(person);
                app.view = View::People;
            }
        }
    }
}

/// Enter on a grid cell: the people view, narrowed to that cell's people
/// (Esc shows everyone again).
fn show_cell(app: &mut App) {
    let Some((row, column)) = grid::selected(app) else {
        return;
    };
    let label = grid::cell_label(&row, column);
    let cell = &row.cells[column];
    if cell.people.is_empty() {
        app.note(format!("No one in {}", crate::text::printable(&label)));
        return;
    }
    let p = app.partnership();
    let ids = cell
        .people
        .iter()
        .map(|&i| p.people[i].id.clone())
        .collect();
    app.people.only = Some(Only { label, ids });
    app.people.filter.reset();
    app.view = View::People;
    app.refresh_rows();
    if let Some(&first) = cell.people.first() {
        app.select_person(first);
    }
}
