//! Forms made of small typed fields, each with its own keys and its own
//! error shown in place. What a form builds is in `build.rs`.

pub mod build;
mod confirm;
mod dialog;
pub mod draw;
pub mod keys;
pub mod pick;
pub mod records;
pub mod start;

pub use confirm::Confirm;
pub use dialog::capitalised;
pub use keys::{CONFIRM, FormAction, KEYS, PICK};

use crate::model::{Meeting, Person, Tie};
use pick::PickList;
use tui_input::Input;

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

/// Which form is open, with what it needs besides its fields. An edit
/// holds the record as it was when the form opened: saving replaces that
/// record (and is refused when someone else changed it meanwhile).
#[derive(Debug, Clone, PartialEq)]
pub enum FormKind {
    Meeting,
    Person {
        /// The id was typed by hand: stop deriving it from the name.
        id_typed: bool,
    },
    Tie {
        from: usize,
    },
    /// `E` on a person: the person form without the id, which never changes.
    EditPerson {
        before: Person,
    },
    /// `E` on a declared tie: its last contact and note.
    EditTie {
        before: Tie,
    },
    /// `E` on a meeting.
    EditMeeting {
        before: Meeting,
    },
    /// `L`: the day the person left (empty: has not left).
    Left {
        before: Person,
    },
    /// `s`: the person's stance.
    Stance {
        before: Person,
    },
    /// A new partnership, when there is no data file yet.
    Start {
        /// The partnership's name was typed: stop deriving it.
        name_typed: bool,
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
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::Partnership;
    use crate::tui::fuzzy::Matcher;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
            f.take_key(key(KeyCode::Char(c)), &mut m, &Partnership::default());
        }
        assert_eq!(f.fields[0].value(), "QBR");
        assert_eq!(
            f.take_key(key(KeyCode::Enter), &mut m, &Partnership::default()),
            Outcome::Stay
        );
        assert_eq!(f.focus, 1);
        f.take_key(key(KeyCode::Char('e')), &mut m, &Partnership::default());
        assert_eq!(f.fields[1].value(), "executive");
        assert_eq!(
            f.take_key(key(KeyCode::Enter), &mut m, &Partnership::default()),
            Outcome::Submit
        );
        // Something was typed: Esc asks first; n goes back, y drops it.
        assert_eq!(
            f.take_key(key(KeyCode::Esc), &mut m, &Partnership::default()),
            Outcome::Stay
        );
        assert_eq!(f.confirm, Some(Confirm::Discard));
        f.take_key(key(KeyCode::Char('n')), &mut m, &Partnership::default());
        assert_eq!(f.confirm, None);
        f.take_key(key(KeyCode::Esc), &mut m, &Partnership::default());
        assert_eq!(
            f.take_key(key(KeyCode::Char('y')), &mut m, &Partnership::default()),
            Outcome::Cancel
        );
        // Nothing typed: Esc cancels at once.
        assert_eq!(
            form().take_key(key(KeyCode::Esc), &mut m, &Partnership::default()),
            Outcome::Cancel
        );
    }

    #[test]
    fn tab_wraps_both_ways() {
        let mut f = form();
        let mut m = Matcher::default();
        f.take_key(key(KeyCode::BackTab), &mut m, &Partnership::default());
        assert_eq!(f.focus, 1);
        f.take_key(key(KeyCode::Tab), &mut m, &Partnership::default());
        assert_eq!(f.focus, 0);
    }
}
