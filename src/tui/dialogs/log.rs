//! The message log on `!`: every message of this session in full, newest
//! first, wrapped to the box and scrolled with the arrows.

use super::form::draw::popup;
use crate::text::printable;
use crate::tui::app::{App, Tone};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    if !app.log_open {
        return;
    }
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
    let scroll = app.log_scroll.min(total.saturating_sub(room));
    let more = if scroll + room < total {
        " ↓ more "
    } else {
        ""
    };
    let block = theme
        .dialog(" Messages, newest first · Esc closes ")
        .title_bottom(Span::styled(more, theme.key()));
    frame.render_widget(paragraph.block(block).scroll((scroll, 0)), rect);
}
