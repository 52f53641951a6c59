//! What opens over the main screen, on a stack: forms, the export dialog,
//! the message log and help. Each dialog owns its keys (a table in
//! [`crate::tui::keymap`]'s shape), its drawing and its hints. The top of
//! the stack takes the keys and answers with a [`Reply`], which may open
//! another dialog over it (later: a plan step opening the meeting form,
//! an import path opening its preview).

pub mod delete;
pub mod export;
mod export_file;
pub mod form;
pub mod help;
pub mod import;
mod import_path;
pub mod log;
pub mod start;

pub use export::{
    EXPORT_FORMATS, EXPORT_ITEMS, Export, ExportItem, export_path, export_path_numbered,
    export_scope, free_export_path, map_path_numbered,
};

use super::app::App;
use super::theme::Theme;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;

/// What the top dialog wants after a key.
pub enum Reply {
    /// Stay open.
    Keep,
    /// Close (it has said what happened, if anything).
    Close,
    /// Stay open and open another over it.
    Open(Box<dyn Dialog>),
    /// Close and open another in its place.
    Replace(Box<dyn Dialog>),
}

/// A dialog on the stack.
pub trait Dialog {
    /// Handles one key press. The dialog is off the stack while it acts,
    /// so it may change anything in the app, the stack included.
    fn on_key(&mut self, key: KeyEvent, app: &mut App) -> Reply;

    /// Pasted text (line breaks already made spaces); ignored unless the
    /// dialog takes text.
    fn on_paste(&mut self, _text: &str, _app: &mut App) {}

    /// Draws the dialog over `area`, the whole screen.
    fn draw(&self, app: &App, frame: &mut Frame, area: Rect, theme: Theme);

    /// The hint bar while this dialog is on top, from its key table.
    fn hints(&self) -> Vec<(&'static str, &'static str)>;

    /// Holds something typed or chosen: on a screen too small to show it,
    /// Esc cancels it and `q` does not quit.
    fn holds_input(&self) -> bool {
        true
    }

    /// The form, when the dialog is one (for tests and the harness).
    fn form(&self) -> Option<&form::Form> {
        None
    }

    /// Part of starting with no data file (the start screen or its form):
    /// closed when the file appears meanwhile.
    fn start_screen(&self) -> bool {
        false
    }
}

/// The open dialogs, bottom first.
#[derive(Default)]
pub struct Stack(Vec<Box<dyn Dialog>>);

impl Stack {
    pub fn open(&mut self, dialog: Box<dyn Dialog>) {
        self.0.push(dialog);
    }

    pub fn top(&self) -> Option<&dyn Dialog> {
        self.0.last().map(|d| &**d)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Closes the top dialog.
    pub fn close(&mut self) -> Option<Box<dyn Dialog>> {
        self.0.pop()
    }

    fn iter(&self) -> impl Iterator<Item = &dyn Dialog> {
        self.0.iter().map(|d| &**d)
    }
}

/// Hands a key to the top dialog and does what it replies.
pub fn on_key(app: &mut App, key: KeyEvent) {
    let Some(mut top) = app.dialogs.close() else {
        return;
    };
    match top.on_key(key, app) {
        Reply::Keep => app.dialogs.open(top),
        Reply::Close => {}
        Reply::Open(next) => {
            app.dialogs.open(top);
            app.dialogs.open(next);
        }
        Reply::Replace(next) => app.dialogs.open(next),
    }
}

/// Hands pasted text to the top dialog.
pub fn on_paste(app: &mut App, text: &str) {
    if let Some(mut top) = app.dialogs.close() {
        top.on_paste(text, app);
        app.dialogs.open(top);
    }
}

/// Draws the open dialogs, bottom first.
pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    for dialog in app.dialogs.iter() {
        dialog.draw(app, frame, area, theme);
    }
}

/// A box of `width` × `height` in the middle of `area`, cleared.
pub fn popup(frame: &mut Frame, area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width.saturating_sub(2));
    let height = height.min(area.height.saturating_sub(2));
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    blank_cut_wide_characters(frame, rect);
    frame.render_widget(Clear, rect);
    rect
}

/// A character two columns wide whose second half lies under the box (or
/// whose first half does, beside its right edge) would be drawn across the
/// box's border by the terminal: blank what is left of it outside the box.
fn blank_cut_wide_characters(frame: &mut Frame, rect: Rect) {
    let buffer = frame.buffer_mut();
    let area = buffer.area;
    for y in rect.top()..rect.bottom() {
        if rect.left() > area.left()
            && let Some(cell) = buffer.cell_mut((rect.left() - 1, y))
            && crate::text::width(cell.symbol()) > 1
        {
            cell.set_symbol(" ");
        }
        if rect.right() < area.right()
            && let Some(cell) = buffer.cell_mut((rect.right(), y))
            && cell.symbol().is_empty()
        {
            cell.set_symbol(" ");
        }
    }
}

/// Scrolls an overlay by a key of its table; the scroll is clamped when drawn.
pub(super) fn scroll(at: &mut u16, delta: isize) {
    *at = (*at as isize + delta).clamp(0, u16::MAX as isize / 2) as u16;
}
