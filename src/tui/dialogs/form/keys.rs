//! A form's keys: one table per place the focus can be (a field, a pick
//! list, a yes/no question), read by dispatch, help and the hint bar; and
//! what a key does inside the focused field.

use super::{FieldKind, Form, FormKind, Outcome, build};
use crate::model::Partnership;
use crate::tui::fuzzy::Matcher;
use crate::tui::keymap::{self, Binding, Key, also, bind};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::to_input_request;

/// What a key does in a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormAction {
    Next,
    Prev,
    /// The next field; on the last one, save.
    NextOrSave,
    Save,
    Cancel,
    /// Goes to the focused field (typing, choosing, moving in a list).
    Field,
    Yes,
    No,
}

/// A form's keys with the focus on a text, date or choice field; help's
/// "In forms" lists these rows.
pub const KEYS: &[Binding<FormAction>] = &[
    bind(
        &[Key::Tab],
        "Tab / Shift-Tab",
        FormAction::Next,
        "next / previous field",
        Some(("Tab", "next field")),
    ),
    also(&[Key::BackTab], FormAction::Prev),
    bind(
        &[Key::Enter],
        "Enter",
        FormAction::NextOrSave,
        "next field; on the last field, save",
        Some(("Enter", "next / save on the last")),
    ),
    bind(
        &[Key::Ctrl('s')],
        "Ctrl-S",
        FormAction::Save,
        "save now",
        Some(("Ctrl-S", "save")),
    ),
    bind(
        &[],
        "Space / Enter",
        FormAction::Field,
        "pick list: choose / unchoose; clears the search",
        None,
    ),
    bind(
        &[],
        "↑ ↓",
        FormAction::Field,
        "pick list: move; choice: change it",
        None,
    ),
    bind(
        &[],
        "type",
        FormAction::Field,
        "pick list: narrow it (fuzzy)",
        None,
    ),
    bind(
        &[Key::Ctrl('u')],
        "Ctrl-U",
        FormAction::Field,
        "clear the field",
        None,
    ),
    bind(
        &[Key::Esc, Key::Ctrl('c')],
        "Esc",
        FormAction::Cancel,
        "cancel: nothing is saved (asks first when you typed)",
        Some(("Esc", "cancel")),
    ),
];

/// A form's keys with the focus on a pick list: Enter and Space choose,
/// as in fzf; Tab moves on.
pub const PICK: &[Binding<FormAction>] = &[
    bind(&[], "", FormAction::Field, "", Some(("type", "narrow"))),
    bind(
        &[Key::Char(' '), Key::Enter],
        "",
        FormAction::Field,
        "",
        Some(("Space/Enter", "choose")),
    ),
    bind(
        &[Key::Tab],
        "",
        FormAction::Next,
        "",
        Some(("Tab", "next field")),
    ),
    also(&[Key::BackTab], FormAction::Prev),
    bind(
        &[Key::Ctrl('s')],
        "",
        FormAction::Save,
        "",
        Some(("Ctrl-S", "save")),
    ),
    bind(
        &[Key::Esc, Key::Ctrl('c')],
        "",
        FormAction::Cancel,
        "",
        Some(("Esc", "cancel")),
    ),
];

/// A form's keys while it asks a yes/no question.
pub const CONFIRM: &[Binding<FormAction>] = &[
    bind(
        &[Key::Char('y'), Key::Char('Y')],
        "",
        FormAction::Yes,
        "",
        Some(("y", "yes")),
    ),
    bind(
        &[Key::Char('n'), Key::Char('N'), Key::Esc],
        "",
        FormAction::No,
        "",
        Some(("n", "no, back to the form")),
    ),
];

impl Form {
    /// The key table for where the form is: a question, a pick list, or
    /// any other field.
    pub fn keys(&self) -> &'static [Binding<FormAction>] {
        if self.confirm.is_some() {
            CONFIRM
        } else if self.in_pick_list() {
            PICK
        } else {
            KEYS
        }
    }

    /// Handles one key press through the table for where the form is.
    /// `p` is the partnership the form edits (for ids derived from names).
    pub fn take_key(&mut self, key: KeyEvent, matcher: &mut Matcher, p: &Partnership) -> Outcome {
        let action = keymap::lookup(self.keys(), &key);
        if self.confirm.is_some() {
            return self.on_confirm(action);
        }
        match action {
            Some(FormAction::Cancel) => return self.cancel(),
            Some(FormAction::Save) => return Outcome::Submit,
            Some(FormAction::Prev) => self.step_focus(-1),
            Some(FormAction::Next) => self.step_focus(1),
            Some(FormAction::NextOrSave) => {
                if self.focus + 1 == self.fields.len() {
                    return Outcome::Submit;
                }
                self.step_focus(1);
            }
            _ => self.on_field_key(key, matcher, p),
        }
        Outcome::Stay
    }

    /// Inserts pasted text into the focused field (a default not typed by
    /// the user is replaced).
    pub fn paste(&mut self, text: &str, matcher: &mut Matcher, p: &Partnership) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        self.touched = true;
        let insert = |input: &mut Input| {
            for c in text.chars() {
                input.handle(tui_input::InputRequest::InsertChar(c));
            }
        };
        match &mut field.kind {
            FieldKind::Text(input) | FieldKind::Date(input) => {
                if field.fresh {
                    input.reset();
                    field.fresh = false;
                }
                insert(input);
                field.error = None;
            }
            FieldKind::Pick(pick) => {
                insert(&mut pick.query);
                pick.refilter(matcher);
            }
            FieldKind::Choice { .. } => {}
        }
        let label = field.label;
        if label == build::NAME {
            build::name_changed(self, p);
        }
        super::start::edited(self, label);
    }

    fn on_field_key(&mut self, key: KeyEvent, matcher: &mut Matcher, p: &Partnership) {
        let focus = self.focus;
        let Some(field) = self.fields.get_mut(focus) else {
            return;
        };
        let mut focus_delta = 0;
        let mut edited = None;
        let moves = matches!(
            key.code,
            KeyCode::Up | KeyCode::Down | KeyCode::PageUp | KeyCode::PageDown
        );
        if !moves || matches!(field.kind, FieldKind::Choice { .. }) {
            self.touched = true;
        }
        match &mut field.kind {
            FieldKind::Choice { options, selected } => choose(options, selected, key.code),
            FieldKind::Pick(pick) => match key.code {
                KeyCode::Up => pick.step(-1),
                KeyCode::Down => pick.step(1),
                KeyCode::PageUp => pick.step(-5),
                KeyCode::PageDown => pick.step(5),
                KeyCode::Char(' ') | KeyCode::Enter => pick.choose(matcher),
                _ => {
                    if let Some(request) = to_input_request(&Event::Key(key))
                        && pick.query.handle(request).is_some_and(|c| c.value)
                    {
                        pick.refilter(matcher);
                    }
                }
            },
            FieldKind::Text(input) | FieldKind::Date(input) => match key.code {
                KeyCode::Up => focus_delta = -1,
                KeyCode::Down => focus_delta = 1,
                _ => {
                    if let Some(request) = to_input_request(&Event::Key(key)) {
                        // Typing or deleting replaces a default as a whole.
                        if field.fresh && replaces(&request) {
                            input.reset();
                            field.error = None;
                            field.fresh = false;
                            if !matches!(request, tui_input::InputRequest::InsertChar(_)) {
                                return;
                            }
                        }
                        field.fresh = false;
                    }
                    if let Some(request) = to_input_request(&Event::Key(key))
                        && input.handle(request).is_some_and(|c| c.value)
                    {
                        field.error = None;
                        edited = Some(field.label);
                    }
                }
            },
        }
        if focus_delta != 0 {
            self.step_focus(focus_delta);
        }
        match edited {
            Some(build::NAME) => build::name_changed(self, p),
            Some(build::ID) => {
                if let FormKind::Person { id_typed } = &mut self.kind {
                    *id_typed = true;
                }
            }
            _ => {}
        }
        if let Some(label) = edited {
            super::start::edited(self, label);
        }
    }
}

/// A key in a choice: `← →`, `↑ ↓` or `Space` move through the options; a
/// letter picks the next option starting with it (`s` again goes from
/// supporter to skeptic).
fn choose(options: &[&'static str], selected: &mut usize, code: KeyCode) {
    let len = options.len().max(1);
    match code {
        KeyCode::Left | KeyCode::Up => *selected = (*selected + len - 1) % len,
        KeyCode::Right | KeyCode::Down | KeyCode::Char(' ') => *selected = (*selected + 1) % len,
        KeyCode::Char(c) => {
            let next = (1..=len)
                .map(|k| (*selected + k) % len)
                .find(|&at| options.get(at).is_some_and(|o| o.starts_with(c)));
            if let Some(at) = next {
                *selected = at;
            }
        }
        _ => {}
    }
}

/// Whether a request typed into a default replaces it: a character, or
/// any deletion.
fn replaces(request: &tui_input::InputRequest) -> bool {
    use tui_input::InputRequest as R;
    matches!(
        request,
        R::InsertChar(_)
            | R::DeletePrevChar
            | R::DeleteNextChar
            | R::DeletePrevWord
            | R::DeleteNextWord
            | R::DeleteLine
            | R::DeleteTillEnd
    )
}
