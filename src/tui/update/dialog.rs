//! Keys in an open dialog: a form (saved when valid, after a question
//! when it adds a namesake) or the export dialog.

use super::change::{one_line, save, tell};
use crate::change::Change;
use crate::export::{self, Style};
use crate::store::{self, CommitError};
use crate::tui::app::{App, Tone, View};
use crate::tui::dialogs::form::{Confirm, Form, Outcome, build};
use crate::tui::dialogs::{Dialog, EXPORT_FORMATS, export_path_numbered};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

pub(super) fn on_dialog_key(app: &mut App, key: KeyEvent) {
    match app.dialog.take() {
        Some(Dialog::Form(mut form)) => {
            match form.on_key(key, &mut app.matcher, &app.doc.partnership) {
                Outcome::Stay => app.dialog = Some(Dialog::Form(form)),
                Outcome::Cancel => app.note("Cancelled: nothing was saved"),
                Outcome::Submit => submit(app, form),
            }
        }
        Some(Dialog::Export(mut dialog)) => {
            let len = EXPORT_FORMATS.len();
            match key.code {
                KeyCode::Esc => app.note("Export cancelled"),
                KeyCode::Char('q') => app.note("Export cancelled"),
                KeyCode::Left | KeyCode::Up | KeyCode::BackTab => {
                    dialog.selected = (dialog.selected + len - 1) % len;
                    app.dialog = Some(Dialog::Export(dialog));
                }
                KeyCode::Right | KeyCode::Down | KeyCode::Tab => {
                    dialog.selected = (dialog.selected + 1) % len;
                    app.dialog = Some(Dialog::Export(dialog));
                }
                KeyCode::Char(c) => {
                    match EXPORT_FORMATS
                        .iter()
                        .position(|f| f.as_str().starts_with(c))
                    {
                        Some(at) => write_export(app, at),
                        None => app.dialog = Some(Dialog::Export(dialog)),
                    }
                }
                KeyCode::Enter => write_export(app, dialog.selected),
                _ => app.dialog = Some(Dialog::Export(dialog)),
            }
        }
        None => {}
    }
}

/// Saves what a valid form describes; an invalid one stays open with the
/// faults marked, and a second person of the same name on one side is
/// asked about first.
fn submit(app: &mut App, mut form: Form) {
    let Some(change) = build::submit(&mut form, app.partnership(), app.as_of) else {
        app.dialog = Some(Dialog::Form(form));
        return;
    };
    if let Change::AddPerson(person) = &change
        && !form.confirmed
        && let Some(question) = build::namesake_question(app.partnership(), person)
    {
        form.confirm = Some(Confirm::Save(question));
        app.dialog = Some(Dialog::Form(form));
        return;
    }
    let what = change.describe(app.partnership());
    match save(app, &change) {
        Ok(mut said) => {
            let what = match app.undo.last() {
                Some(made) => made.describe(app.partnership()),
                None => what,
            };
            match app.undo.last() {
                Some(Change::AddMeeting(m)) if m.date > app.as_of => said.insert(
                    0,
                    "dated after today, it counts as planned until then".into(),
                ),
                Some(Change::AddPerson(person)) => {
                    let id = person.id.clone();
                    if let Some(i) = app.partnership().people.iter().position(|x| x.id == id) {
                        app.select_person(i);
                    }
                }
                _ => {}
            }
            tell(app, capitalised(&what), &said, Tone::Done);
        }
        Err(CommitError::Refused(e)) => {
            build::refused(&mut form, &e);
            app.dialog = Some(Dialog::Form(form));
        }
        Err(e) => {
            // Keep the form open: nothing typed is lost.
            app.warn(format!("Not saved: {}", one_line(&e)));
            app.dialog = Some(Dialog::Form(form));
        }
    }
}

pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How many numbered names an export tries before giving up.
const EXPORT_NAMES: u32 = 1000;

/// Writes the risk list beside the data file, under the first name that
/// is free: an existing file (or a link planted there) is never written
/// over, and the message says which name was used. With the risks view's
/// filter on, the rows it shows are written, and the message says so.
fn write_export(app: &mut App, at: usize) {
    let Some(&format) = EXPORT_FORMATS.get(at) else {
        return;
    };
    let (text, count) = export_text(app, format);
    let name = |n| export_path_numbered(&app.path, app.as_of, app.what_if(), format, n);
    let first = name(1);
    for n in 1..=EXPORT_NAMES {
        let path = name(n);
        match store::write_new(&path, text.as_bytes()) {
            Ok(()) => {
                let label = if app.what_if() { " (what-if)" } else { "" };
                let taken = if n > 1 {
                    format!(
                        " ({} exists and was left as it is)",
                        crate::text::path(&first)
                    )
                } else {
                    String::new()
                };
                app.say(format!(
                    "Exported {count}{label} as {format} to {}{taken}",
                    crate::text::path(&path)
                ));
                return;
            }
            Err(store::SaveError::Exists { .. }) => {}
            Err(e) => {
                app.warn(format!("Export failed: {e}"));
                return;
            }
        }
    }
    app.warn(format!(
        "Export failed: {} and {EXPORT_NAMES} numbered names after it exist",
        crate::text::path(&first)
    ));
}

/// How many risks an export writes now, and of how many: the rows the
/// risks view shows when its filter is on, else all.
pub fn export_scope(app: &App) -> (usize, usize) {
    let all = app.analysis.risks.len();
    if app.view != View::Risks || app.filter_risks.value().trim().is_empty() {
        (all, all)
    } else {
        (app.rows_risks.len(), all)
    }
}

/// The export's text and how many risks it holds, in words: all of them,
/// or "12 of 40 risks (filtered)" when the risks view's filter is on.
fn export_text(app: &App, format: export::Format) -> (String, String) {
    let all = app.analysis.risks.len();
    if export_scope(app) == (all, all) {
        let text = export::risks(app.partnership(), &app.analysis, format, Style::default());
        return (text, format!("{all} risks"));
    }
    // Rows in the list's own order, so that the file reads as the list does.
    let mut rows = app.rows_risks.clone();
    rows.sort_unstable();
    let risks = rows
        .iter()
        .filter_map(|&i| app.analysis.risks.get(i).cloned())
        .collect();
    // Exports are rare: a copy of the analysis is cheap enough.
    let mut shown = app.analysis.clone();
    shown.risks = risks;
    let text = export::risks(app.partnership(), &shown, format, Style::default());
    (text, format!("{} of {all} risks (filtered)", rows.len()))
}
