//! The one place that changes the app: a key goes to the open dialog, the
//! filter or the keymap; an action changes the state; a change is saved at
//! once and the analysis re-runs.

use super::action::Action;
use super::app::{App, Pane, View};
use super::dialog::{Dialog, EXPORT_FORMATS, Export, export_path_numbered};
use super::form::{Outcome, build};
use super::keymap::action_for;
use crate::analysis::Subject;
use crate::change::Change;
use crate::export::{self, Style};
use crate::model::Side;
use crate::store::{self, CommitError, Loaded, Stamp};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use tui_input::backend::crossterm::to_input_request;

/// Rows moved by PgUp / PgDn.
const PAGE: isize = 10;

/// Handles one key event; releases and repeats of other kinds are ignored.
pub fn on_key(app: &mut App, key: KeyEvent) {
    if key.kind != KeyEventKind::Press {
        return;
    }
    if app.too_small {
        // Nothing shows what a key would do: only quit, or cancel a form.
        match key.code {
            KeyCode::Esc if app.dialog.is_some() => {
                app.dialog = None;
                app.note("Cancelled: nothing was saved");
            }
            KeyCode::Char('q') if app.dialog.is_none() => app.quit = true,
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => app.quit = true,
            _ => {}
        }
        return;
    }
    if app.help {
        // Arrows scroll help; any other key closes it, and `q` also quits.
        let scroll = match key.code {
            KeyCode::Up | KeyCode::Char('k') => Some(-1),
            KeyCode::Down | KeyCode::Char('j') => Some(1),
            KeyCode::PageUp => Some(-PAGE),
            KeyCode::PageDown => Some(PAGE),
            _ => None,
        };
        if let Some(delta) = scroll {
            app.help_scroll = (app.help_scroll as isize + delta).clamp(0, 60) as u16;
            return;
        }
        app.help = false;
        app.help_scroll = 0;
        if action_for(&key) == Some(Action::Quit) {
            app.quit = true;
        }
        return;
    }
    if app.dialog.is_some() {
        on_dialog_key(app, key);
        return;
    }
    if app.filtering {
        on_filter_key(app, key);
        return;
    }
    if let Some(action) = action_for(&key) {
        update(app, action);
    }
}

/// Pasted text goes into the text being typed (a form field, a pick
/// list's search or the filter), with line breaks made spaces; elsewhere
/// it is ignored rather than read as keys.
pub fn on_paste(app: &mut App, text: &str) {
    let text: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    if let Some(Dialog::Form(form)) = &mut app.dialog {
        form.paste(&text, &mut app.matcher, &app.doc.partnership);
    } else if app.filtering {
        for c in text.chars() {
            app.filter.handle(tui_input::InputRequest::InsertChar(c));
        }
        app.refresh_rows();
    }
}

fn on_filter_key(app: &mut App, key: KeyEvent) {
    match key.code {
        KeyCode::Esc => {
            app.filtering = false;
            app.filter.reset();
            app.refresh_rows();
        }
        KeyCode::Enter | KeyCode::Tab | KeyCode::BackTab => app.filtering = false,
        KeyCode::Up => update(app, Action::Up),
        KeyCode::Down => update(app, Action::Down),
        KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => app.quit = true,
        _ => {
            if let Some(request) = to_input_request(&Event::Key(key))
                && app.filter.handle(request).is_some_and(|c| c.value)
            {
                app.refresh_rows();
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
            if app.pane == Pane::Detail {
                app.pane = Pane::of(app.side);
            }
        }
        Action::Filter => app.filtering = true,
        Action::ClearFilter => {
            if app.filter.value().is_empty() {
                app.status = None;
            } else {
                app.filter.reset();
                app.refresh_rows();
            }
        }
        Action::LogMeeting => {
            let form = build::meeting(app.partnership(), app.as_of, app.acting_person());
            app.dialog = Some(Dialog::Form(form));
        }
        Action::AddPerson => {
            let form = build::person(app.partnership(), app.side);
            app.dialog = Some(Dialog::Form(form));
        }
        Action::AddTie => match app.acting_person() {
            Some(from) => {
                let form = build::tie(app.partnership(), from);
                app.dialog = Some(Dialog::Form(form));
            }
            None => app.warn("Select a person first: a tie goes from the selected person"),
        },
        Action::WhatIf => what_if(app),
        Action::Export => app.dialog = Some(Dialog::Export(Export { selected: 0 })),
        Action::Undo => undo(app),
        Action::Help => app.help = true,
        Action::Quit => app.quit = true,
    }
}

fn step(app: &mut App, delta: isize) {
    if app.view == View::Risks {
        let len = app.rows_risks.len();
        app.cursor_risks.step(delta, len);
        return;
    }
    if app.pane == Pane::Detail && app.view == View::People {
        // No further than the last line at the top of the pane.
        let last = super::view::detail::line_count(app).saturating_sub(1) as isize;
        let scroll = (app.detail_scroll as isize)
            .saturating_add(delta)
            .clamp(0, last);
        app.detail_scroll = scroll as u16;
        return;
    }
    let len = app.column(app.side).0.len();
    app.cursor_mut(app.side).step(delta, len);
    app.detail_scroll = 0;
}

fn cycle_pane(app: &mut App, forward: bool) {
    let order: &[Pane] = match app.view {
        View::People => &[Pane::Ours, Pane::Partner, Pane::Detail],
        View::Map => &[Pane::Ours, Pane::Partner],
        View::Risks => return,
    };
    let at = order.iter().position(|&p| p == app.pane).unwrap_or(0);
    let len = order.len();
    let next = if forward {
        (at + 1) % len
    } else {
        (at + len - 1) % len
    };
    app.pane = order[next];
    match app.pane {
        Pane::Ours => app.side = Side::Ours,
        Pane::Partner => app.side = Side::Partner,
        Pane::Detail => {}
    }
}

fn open(app: &mut App) {
    match app.view {
        View::People => {
            app.pane = match app.pane {
                Pane::Detail => Pane::of(app.side),
                _ => Pane::Detail,
            };
        }
        View::Map => app.view = View::People,
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

fn what_if(app: &mut App) {
    let Some(person) = app.acting_person() else {
        app.warn("Select a person first: what-if marks the selected person as gone");
        return;
    };
    let p = app.partnership();
    let name = crate::text::printable(&p.people[person].name).into_owned();
    let removing = app.gone.contains(&person);
    if !removing && !app.analysis.live.active[person] {
        app.warn(format!(
            "{name} is not active on {}: nothing changes",
            app.as_of
        ));
        return;
    }
    if removing {
        app.gone.retain(|&g| g != person);
    } else {
        app.gone.push(person);
    }
    let said = app.reanalyse(None);
    let head = if removing {
        format!("{name} is back")
    } else {
        format!("What-if: {name} gone")
    };
    app.say(sentence(head, &said));
}

/// "head: a; b; c and 2 more".
fn sentence(head: String, said: &[String]) -> String {
    const SHOWN: usize = 3;
    if said.is_empty() {
        return format!("{head}: no risk changes");
    }
    let mut text = format!("{head}: {}", said[..said.len().min(SHOWN)].join("; "));
    if said.len() > SHOWN {
        text.push_str(&format!(" and {} more", said.len() - SHOWN));
    }
    crate::text::printable(&text).into_owned()
}

fn undo(app: &mut App) {
    let Some(last) = app.undo.pop() else {
        app.note("Nothing to undo in this session");
        return;
    };
    let inverse = last.inverse();
    let what = last.describe(app.partnership());
    match save(app, &inverse) {
        Ok(said) => app.say(sentence(format!("Undone: {what}"), &said)),
        Err(e) => {
            app.undo.push(last);
            app.warn(format!("Could not undo: {}", one_line(&e)));
        }
    }
}

fn one_line(e: &CommitError) -> String {
    e.to_string().replace('\n', " ")
}

/// Saves one change to the data file and re-runs the analysis. Returns
/// what changed in the risks.
fn save(app: &mut App, change: &Change) -> Result<Vec<String>, CommitError> {
    let committed = store::commit(&app.path, &app.doc, change)?;
    let doc = Loaded {
        partnership: committed.partnership,
        stamp: committed.stamp,
    };
    let created = app.demo;
    let warning = committed.warning.clone();
    let mut said = app.replace(doc);
    app.demo = false;
    if committed.merged {
        said.insert(0, "merged with changes made elsewhere".into());
    }
    if created {
        said.insert(0, format!("created {}", crate::text::path(&app.path)));
    }
    if let Some(warning) = warning {
        said.insert(0, format!("warning: {warning}"));
    }
    // Undo takes back the change as made (a merged meeting may have a new id).
    if !matches!(
        change,
        Change::RemoveMeeting(_) | Change::RemovePerson(_) | Change::RemoveTie(_)
    ) {
        app.undo.push(committed.change);
    }
    Ok(said)
}

fn on_dialog_key(app: &mut App, key: KeyEvent) {
    match app.dialog.take() {
        Some(Dialog::Form(mut form)) => {
            match form.on_key(key, &mut app.matcher, &app.doc.partnership) {
                Outcome::Stay => app.dialog = Some(Dialog::Form(form)),
                Outcome::Cancel => app.note("Cancelled: nothing was saved"),
                Outcome::Submit => {
                    let Some(change) = build::submit(&mut form, app.partnership(), app.as_of)
                    else {
                        app.dialog = Some(Dialog::Form(form));
                        return;
                    };
                    let what = change.describe(app.partnership());
                    match save(app, &change) {
                        Ok(mut said) => {
                            let what = match app.undo.last() {
                                Some(made) => made.describe(app.partnership()),
                                None => what,
                            };
                            if let Some(Change::AddMeeting(m)) = app.undo.last()
                                && m.date > app.as_of
                            {
                                said.insert(
                                    0,
                                    "dated after today, it counts as planned until then".into(),
                                );
                            }
                            app.say(sentence(capitalised(&what), &said));
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

fn capitalised(text: &str) -> String {
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
/// over, and the message says which name was used.
fn write_export(app: &mut App, at: usize) {
    let Some(&format) = EXPORT_FORMATS.get(at) else {
        return;
    };
    let text = export::risks(app.partnership(), &app.analysis, format, Style::default());
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
                    "Exported {} risks{label} as {format} to {}{taken}",
                    app.analysis.risks.len(),
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

/// Looks at the data file; when someone else changed it, reloads it and
/// says so. A file that no longer loads is reported and left alone.
pub fn check_file(app: &mut App) {
    let Ok(now) = Stamp::read(&app.path) else {
        return;
    };
    if Some(now) == app.ignored_stamp {
        return;
    }
    if now == app.doc.stamp {
        // Put back (e.g. by `restore`) to what the UI shows: say so once.
        if app.ignored_stamp.take().is_some() {
            app.say("The file on disk loads again and holds what is shown");
        }
        return;
    }
    if now == Stamp::Absent {
        app.ignored_stamp = Some(now);
        app.warn(format!(
            "{} was removed or moved outside partnermap; showing what was loaded",
            crate::text::path(&app.path)
        ));
        return;
    }
    match store::load_stamped(&app.path) {
        Ok(doc) => {
            let said = app.replace(doc);
            app.demo = false;
            app.ignored_stamp = None;
            app.say(sentence(
                "The file was changed outside partnermap and has been reloaded".into(),
                &said,
            ));
        }
        Err(e) => {
            app.ignored_stamp = Some(now);
            let first = e.to_string().lines().next().unwrap_or_default().to_string();
            let how = match store::restore_hint(&app.path) {
                Some(hint) => hint.trim_start_matches("hint: ").to_string(),
                None => "fix the file".to_string(),
            };
            app.warn(format!(
                "The file on disk no longer loads ({first}); showing what was loaded, and not saving over it. {how}"
            ));
        }
    }
}
