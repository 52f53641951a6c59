//! The yes/no questions a form asks: before dropping what was typed, and
//! before saving something that may be a mistake.

use super::{Form, FormAction, Outcome};

/// A question a form asks before it goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// Esc with something typed.
    Discard,
    /// Saving something that may be a mistake; the question says what.
    Save(String),
}

impl Confirm {
    pub fn question(&self) -> &str {
        match self {
            Confirm::Discard => "Discard what you typed? y/n",
            Confirm::Save(question) => question,
        }
    }
}

impl Form {
    /// Esc: at once when nothing was typed, else after asking.
    pub(super) fn cancel(&mut self) -> Outcome {
        if !self.touched {
            return Outcome::Cancel;
        }
        self.confirm = Some(Confirm::Discard);
        Outcome::Stay
    }

    /// `y` does what the question asks; `n` or Esc goes back to the form;
    /// any other key leaves the question up.
    pub(super) fn on_confirm(&mut self, action: Option<FormAction>) -> Outcome {
        match action {
            Some(FormAction::Yes) => match self.confirm.take() {
                Some(Confirm::Discard) => Outcome::Cancel,
                Some(Confirm::Save(_)) => {
                    self.confirmed = true;
                    Outcome::Submit
                }
                None => Outcome::Stay,
            },
            Some(FormAction::No) => {
                self.confirm = None;
                Outcome::Stay
            }
            _ => Outcome::Stay,
        }
    }
}
