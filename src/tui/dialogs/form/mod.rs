//! Forms made of small typed fields, each with its own keys and its own
//! error shown in place. What a form builds is in `build.rs`.

pub mod build;
mod confirm;
pub mod draw;
pub mod pick;

pub use confirm::Confirm;

use crate::model::Partnership;
use crate::tui::fuzzy::Matcher;
use pick::PickList;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_input::Input;
use tui_input::backend::crossterm::to_input_request;

/// What a field holds and how it takes keys.
#[derive(Debug, Clone)]
pub enum FieldKind {
    Text(Input),
    /// A date typed as `YYYY-MM-DD`, `today`, `yesterday`, `tomorrow`, `-3d`
    /// or `+3d` ([`crate::date::parse_relative`]).
    Date(Input),
    /// One of a few options, changed with `← →` or `Space`.
    Choice {
        options: Vec<&'static str>,
        selected: usize,
    },
    Pick(PickList),
}

/// One field of a form.
#[derive(Debug, Clone)]
pub struct Field {
    pub label: &'static str,
    pub kind: FieldKind,
    /// What is wrong with the value, shown under the field.
    pub error: Option<String>,
    /// Shown beside an empty field, e.g. "optional".
    pub placeholder: &'static str,
    /// Holds a default not typed by the user: the first character typed
    /// replaces it instead of being added to it.
    pub fresh: bool,
}

impl Field {
    pub fn text(label: &'static str, value: &str, placeholder: &'static str) -> Field {
        Field {
            label,
            kind: FieldKind::Text(Input::new(value.to_string())),
            error: None,
            placeholder,
            fresh: false,
        }
    }

    pub fn date(label: &'static str, value: &str, placeholder: &'static str) -> Field {
        Field {
            label,
            kind: FieldKind::Date(Input::new(value.to_string())),
            error: None,
            placeholder,
            fresh: false,
        }
    }

    pub fn choice(label: &'static str, options: Vec<&'static str>, selected: usize) -> Field {
        Field {
            label,
            kind: FieldKind::Choice { options, selected },
            error: None,
            placeholder: "",
            fresh: false,
        }
    }

    pub fn pick(label: &'static str, pick: PickList, placeholder: &'static str) -> Field {
        Field {
            label,
            kind: FieldKind::Pick(pick),
            error: None,
            placeholder,
            fresh: false,
        }
    }

    /// The typed text of a text or date field.
    pub fn value(&self) -> &str {
        match &self.kind {
            FieldKind::Text(input) | FieldKind::Date(input) => input.value(),
            FieldKind::Choice { options, selected } => {
                options.get(*selected).copied().unwrap_or("")
            }
            FieldKind::Pick(pick) => pick.query.value(),
        }
    }
}

/// Which form is open, with what it needs besides its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    Meeting,
    Person {
        /// The id was typed by hand: stop deriving it from the name.
        id_typed: bool,
    },
    Tie {
        from: usize,
    },
}

/// An open form.
#[derive(Debug, Clone)]
pub struct Form {
    pub kind: FormKind,
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Something was typed or chosen: Esc asks before dropping it.
    pub touched: bool,
    /// A yes/no question the form waits on.
    pub confirm: Option<Confirm>,
    /// The user said yes to saving anyway.
    pub confirmed: bool,
}

/// What a key did to a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    Submit,
    Cancel,
}

impl Form {
    /// A form with `fields`, the first focused, nothing typed yet.
    pub fn new(kind: FormKind, title: impl Into<String>, fields: Vec<Field>) -> Form {
        Form {
            kind,
            title: title.into(),
            fields,
            focus: 0,
            touched: false,
            confirm: None,
            confirmed: false,
        }
    }

    /// Whether the focused field is a pick list.
    pub fn in_pick_list(&self) -> bool {
        matches!(
            self.fields.get(self.focus).map(|f| &f.kind),
            Some(FieldKind::Pick(_))
        )
    }

    pub fn field(&self, label: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.label == label)
    }

    pub fn field_mut(&mut self, label: &str) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.label == label)
    }

    /// Marks `label` as wrong and moves the focus to it.
    pub fn mark(&mut self, label: &str, error: String) {
        if let Some(at) = self.fields.iter().position(|f| f.label == label) {
            self.fields[at].error = Some(error);
            self.focus = at;
        }
    }

    pub fn clear_errors(&mut self) {
        for field in &mut self.fields {
            field.error = None;
        }
    }

    fn step_focus(&mut self, delta: isize) {
        let len = self.fields.len() as isize;
        self.focus = (self.focus as isize + delta).rem_euclid(len.max(1)) as usize;
    }

    /// Handles one key press.
    /// `p` is the partnership the form edits (for ids derived from names).
    pub fn on_key(&mut self, key: KeyEvent, matcher: &mut Matcher, p: &Partnership) -> Outcome {
        if self.confirm.is_some() {
            return self.on_confirm_key(key);
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return self.cancel(),
            KeyCode::Char('s') if ctrl => return Outcome::Submit,
            KeyCode::Char('c') if ctrl => return self.cancel(),
            KeyCode::Tab if key.modifiers.contains(KeyModifiers::SHIFT) => self.step_focus(-1),
            KeyCode::BackTab => self.step_focus(-1),
            KeyCode::Tab => self.step_focus(1),
            // In a pick list Enter chooses, as in fzf; Tab moves on.
            KeyCode::Enter if self.in_pick_list() => self.on_field_key(key, matcher, p),
            KeyCode::Enter => {
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
        if field.label == build::NAME {
            build::name_changed(self, p);
        }
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
            FieldKind::Choice { options, selected } => {
                let len = options.len().max(1);
                match key.code {
                    KeyCode::Left | KeyCode::Up => *selected = (*selected + len - 1) % len,
                    KeyCode::Right | KeyCode::Down | KeyCode::Char(' ') => {
                        *selected = (*selected + 1) % len
                    }
                    KeyCode::Char(c) => {
                        // A letter picks the first option starting with it.
                        if let Some(at) = options.iter().position(|o| o.starts_with(c)) {
                            *selected = at;
                        }
                    }
                    _ => {}
                }
            }
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn form() -> Form {
        Form::new(
            FormKind::Meeting,
            "t",
            vec![
                Field::text("Title", "", ""),
                Field::choice("Level", vec!["staff", "executive"], 0),
            ],
        )
    }

    #[test]
    fn typing_goes_into_the_focused_field_and_enter_on_the_last_submits() {
        let mut f = form();
        let mut m = Matcher::default();
        for c in "QBR".chars() {
            f.on_key(key(KeyCode::Char(c)), &mut m, &Partnership::default());
        }
        assert_eq!(f.fields[0].value(), "QBR");
        assert_eq!(
            f.on_key(key(KeyCode::Enter), &mut m, &Partnership::default()),
            Outcome::Stay
        );
        assert_eq!(f.focus, 1);
        f.on_key(key(KeyCode::Char('e')), &mut m, &Partnership::default());
        assert_eq!(f.fields[1].value(), "executive");
        assert_eq!(
            f.on_key(key(KeyCode::Enter), &mut m, &Partnership::default()),
            Outcome::Submit
        );
        // Something was typed: Esc asks first; n goes back, y drops it.
        assert_eq!(
            f.on_key(key(KeyCode::Esc), &mut m, &Partnership::default()),
            Outcome::Stay
        );
        assert_eq!(f.confirm, Some(Confirm::Discard));
        f.on_key(key(KeyCode::Char('n')), &mut m, &Partnership::default());
        assert_eq!(f.confirm, None);
        f.on_key(key(KeyCode::Esc), &mut m, &Partnership::default());
        assert_eq!(
            f.on_key(key(KeyCode::Char('y')), &mut m, &Partnership::default()),
            Outcome::Cancel
        );
        // Nothing typed: Esc cancels at once.
        assert_eq!(
            form().on_key(key(KeyCode::Esc), &mut m, &Partnership::default()),
            Outcome::Cancel
        );
    }

    #[test]
    fn tab_wraps_both_ways() {
        let mut f = form();
        let mut m = Matcher::default();
        f.on_key(key(KeyCode::BackTab), &mut m, &Partnership::default());
        assert_eq!(f.focus, 1);
        f.on_key(key(KeyCode::Tab), &mut m, &Partnership::default());
        assert_eq!(f.focus, 0);
    }
}
