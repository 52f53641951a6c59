//! The message log on `!`: every message of this session in full, newest
//! first, wrapped to the box and scrolled with the arrows.

use super::help::{PAGE, Scroll, on_scroll_key, scroll_keys};
use super::{Dialog, Reply, Scrolled, popup};
use crate::text::printable;
use crate::tui::app::{App, Tone};
use crate::tui::keymap::{self, Binding, Key, also, bind};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// The log's keys: arrows scroll; any other key closes it, `q`
/// included (as in `less`: quitting from help would lose a what-if);
/// Ctrl-C still quits.
pub const KEYS: &[Binding<Scroll>] = scroll_keys!(bind(
    &[Key::Esc],
    "",
    Scroll::Close,
    "",
    Some(("Esc", "close"))
));

/// The message log, scrolled this far.
#[derive(Debug, Default)]
pub struct Log {
    pub scroll: Scrolled,
}

impl Dialog for Log {
    fn on_key(&mut self, key: KeyEvent, app: &mut App) -> Reply {
        on_scroll_key(KEYS, key, &mut self.scroll, app)
    }

    fn draw(&self, app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
        render(app, &self.scroll, frame, area, theme);
    }

    fn hints(&self) -> Vec<(&'static str, &'static str)> {
        keymap::hints(KEYS)
    }

    fn holds_input(&self) -> bool {
        false
    }
}

fn render(app: &App, scroll: &Scrolled, frame: &mut Frame, area: Rect, theme: Theme) {
    let mut lines: Vec<Line> = Vec::new();
    if app.log.is_empty() {
        lines.push(Line::styled(
            "No messages yet in this session.",
            theme.dim(),
        ));
    }
    for status in app.log.iter().rev() {
        let (mark, style) = match status.tone {
            Tone::Done => ("✓ ", theme.accent()),
            Tone::Note => ("· ", theme.key()),
            Tone::Error => ("✗ ", theme.error()),
        };
        lines.push(Line::from(vec![
            Span::styled(mark, style),
            Span::raw(printable(&status.text).into_owned()),
        ]));
    }
    let width = area.width.saturating_sub(4).min(110);
    let rect = popup(frame, area, width, area.height.saturating_sub(4));
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let room = rect.height.saturating_sub(2);
    let total = paragraph.line_count(rect.width.saturating_sub(2)) as u16;
    let first = scroll.fit(total, room);
    let more = if scroll.more_below(total, room) {
        " ↓ more "
    } else {
        ""
    };
    let block = theme
        .dialog(" Messages, newest first · Esc closes ")
        .title_bottom(Span::styled(more, theme.key()));
    frame.render_widget(paragraph.block(block).scroll((first, 0)), rect);
}
