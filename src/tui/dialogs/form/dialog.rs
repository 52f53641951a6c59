//! The form as a dialog: keys go to the form; a valid form is saved
//! (after a question when it adds a namesake), an invalid one stays open
//! with the faults marked.

use super::{Confirm, Form, FormKind, Outcome, build, records};
use crate::change::Change;
use crate::store::CommitError;
use crate::tui::app::{App, Tone};
use crate::tui::dialogs::start::{self, StartScreen};
use crate::tui::dialogs::{Dialog, Reply};
use crate::tui::keymap;
use crate::tui::theme::Theme;
use crate::tui::update::change::{one_line, save, tell};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

impl Dialog for Form {
    fn on_key(&mut self, key: KeyEvent, app: &mut App) -> Reply {
        match self.take_key(key, &mut app.matcher, &app.doc.partnership) {
            Outcome::Stay => Reply::Keep,
            Outcome::Cancel => {
                app.note("Cancelled: nothing was saved");
                if matches!(self.kind, FormKind::Start { .. }) {
                    // Back to the choice between a new partnership and the demo.
                    return Reply::Replace(Box::new(StartScreen));
                }
                Reply::Close
            }
            Outcome::Submit => submit(app, self),
        }
    }

    fn on_paste(&mut self, text: &str, app: &mut App) {
        self.paste(text, &mut app.matcher, &app.doc.partnership);
    }

    fn draw(&self, app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
        if matches!(self.kind, FormKind::Start { .. }) {
            start::backdrop(frame, area);
        }
        super::draw::render_form(app, self, frame, area, theme);
    }

    fn hints(&self) -> Vec<(&'static str, &'static str)> {
        keymap::hints(self.keys())
    }

    fn form(&self) -> Option<&Form> {
        Some(self)
    }

    fn start_screen(&self) -> bool {
        matches!(self.kind, FormKind::Start { .. })
    }
}

/// Saves what a valid form describes; an invalid one stays open with the
/// faults marked, and a second person of the same name on one side is
/// asked about first.
fn submit(app: &mut App, form: &mut Form) -> Reply {
    if matches!(form.kind, FormKind::Start { .. }) {
        return start::create(app, form);
    }
    let Some(change) = build::submit(form, app.partnership(), app.as_of) else {
        return Reply::Keep;
    };
    if records::unchanged(&change) {
        app.note("Nothing changed, so nothing was saved");
        return Reply::Close;
    }
    if let Change::AddPerson(person) = &change
        && !form.confirmed
        && let Some(question) = build::namesake_question(app.partnership(), person)
    {
        form.confirm = Some(Confirm::Save(question));
        return Reply::Keep;
    }
    // On a big file the change is made and written on a thread: when it
    // is refused or cannot be written, the form opens again as it was.
    let again = form.clone();
    let failed = Box::new(move |app: &mut App, e: &CommitError| {
        let mut form = again;
        if let CommitError::Refused(e) = e {
            build::refused(&mut form, e);
        } else {
            app.warn(format!(
                "Not saved: {}; the form is open again with what was typed",
                one_line(e)
            ));
        }
        app.dialogs.open(Box::new(form));
    });
    match save(app, change, Box::new(saved), failed) {
        Ok(()) => Reply::Close,
        Err(CommitError::Refused(e)) => {
            build::refused(form, &e);
            Reply::Keep
        }
        Err(e) => {
            // Keep the form open: nothing typed is lost.
            app.warn(format!("Not saved: {}", one_line(&e)));
            Reply::Keep
        }
    }
}

/// Says what a form saved; a new person is selected.
fn saved(app: &mut App, mut said: Vec<String>, made: &Change) {
    let what = crate::words::done(app.partnership(), made);
    match made {
        Change::AddMeeting(m) if m.date > app.as_of => said.insert(
            0,
            "dated after today, it counts as planned until then".into(),
        ),
        Change::AddPerson(person) => {
            let id = person.id.clone();
            if let Some(i) = app.partnership().people.iter().position(|x| x.id == id) {
                app.select_person(i);
            }
        }
        _ => {}
    }
    tell(app, capitalised(&what), &said, Tone::Done);
}

pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
