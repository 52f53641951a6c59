//! `D`: a delete waits here, as a value, until `y` confirms it. The
//! question says what goes and what goes with it (a person's declared ties,
//! their places in meetings, a meeting left with nobody, the `reports_to`
//! that named them); `y` saves it as one change, which `u` undoes.

use super::{Dialog, Reply, popup};
use crate::change::Change;
use crate::store::CommitError;
use crate::tui::app::{App, Tone};
use crate::tui::dialogs::form::capitalised;
use crate::tui::keymap::{self, Binding, Key, also, bind};
use crate::tui::theme::Theme;
use crate::tui::update::change::{one_line, save, tell};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// What a key does while a delete waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeleteAction {
    Yes,
    No,
}

/// The question's keys: `y` deletes; `n`, Esc or `q` keeps.
pub const KEYS: &[Binding<DeleteAction>] = &[
    bind(
        &[Key::Char('y'), Key::Char('Y')],
        "",
        DeleteAction::Yes,
        "",
        Some(("y", "delete")),
    ),
    bind(
        &[Key::Char('n'), Key::Char('N'), Key::Esc],
        "",
        DeleteAction::No,
        "",
        Some(("n / Esc", "keep it")),
    ),
    also(&[Key::Char('q'), Key::Ctrl('c')], DeleteAction::No),
];

/// A delete asked about: the change, and the question that says it.
#[derive(Debug, Clone)]
pub struct ConfirmDelete {
    pub change: Change,
    pub question: String,
}

impl ConfirmDelete {
    /// The question for `change`, a [`Change::Delete`] planned on the
    /// partnership shown.
    pub fn new(app: &App, change: Change) -> ConfirmDelete {
        let question = match &change {
            Change::Delete(d) => crate::words::delete_question(app.partnership(), d),
            other => crate::words::done(app.partnership(), other),
        };
        ConfirmDelete {
            change,
            question: crate::text::printable(&question).into_owned(),
        }
    }
}

impl Dialog for ConfirmDelete {
    fn on_key(&mut self, key: KeyEvent, app: &mut App) -> Reply {
        match keymap::lookup(KEYS, &key) {
            Some(DeleteAction::Yes) => {
                let done = Box::new(|app: &mut App, said: Vec<String>, made: &Change| {
                    let what = crate::words::done(app.partnership(), made);
                    tell(
                        app,
                        format!("{} (u undoes it)", capitalised(&what)),
                        &said,
                        Tone::Done,
                    );
                });
                let failed = Box::new(|app: &mut App, e: &CommitError| {
                    app.warn(format!("Nothing was deleted: {}", one_line(e)));
                });
                if let Err(e) = save(app, self.change.clone(), done, failed) {
                    app.warn(format!("Nothing was deleted: {}", one_line(&e)));
                }
                Reply::Close
            }
            Some(DeleteAction::No) => {
                app.note("Nothing was deleted");
                Reply::Close
            }
            None => Reply::Keep,
        }
    }

    fn draw(&self, _app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
        const WIDTH: u16 = 64;
        let text = vec![
            Line::raw(self.question.clone()),
            Line::raw(""),
            Line::styled("y deletes · n or Esc keeps it", theme.selected()),
        ];
        let inner = WIDTH
            .saturating_sub(2)
            .min(area.width.saturating_sub(4))
            .max(1);
        let paragraph = Paragraph::new(text).wrap(Wrap { trim: true });
        let height = paragraph.line_count(inner) as u16 + 2;
        let rect = popup(frame, area, WIDTH, height);
        frame.render_widget(paragraph.block(theme.dialog(" Delete ")), rect);
    }

    fn hints(&self) -> Vec<(&'static str, &'static str)> {
        keymap::hints(KEYS)
    }
}
