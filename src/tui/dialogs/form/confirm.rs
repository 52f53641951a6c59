//! The yes/no questions a form asks: before dropping what was typed, and
//! before saving something that may be a mistake.

use super::{Form, Outcome};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

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

    /// `y` does what the question asks; `n` or Esc goes back to the form.
    pub(super) fn on_confirm_key(&mut self, key: KeyEvent) -> Outcome {
        match key.code {
            KeyCode::Char('y' | 'Y') => match self.confirm.take() {
                Some(Confirm::Discard) => Outcome::Cancel,
                Some(Confirm::Save(_)) => {
                    self.confirmed = true;
                    Outcome::Submit
                }
                None => Outcome::Stay,
            },
            KeyCode::Char('n' | 'N') | KeyCode::Esc => {
                self.confirm = None;
                Outcome::Stay
            }
            _ => Outcome::Stay,
        }
    }
}
