//! The help overlay on `?`: generated from the main screen's and the
//! form's key tables, scrolled with the arrows; any other key closes it.

use super::{Dialog, Reply, Scrolled, popup};
use crate::analysis::Severity;
use crate::tui::app::App;
use crate::tui::keymap::{self, Binding, Key, also, bind};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// What a key does in an overlay that scrolls (help, the message log).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scroll {
    By(isize),
    /// Any key not in the table closes the overlay.
    Close,
    /// Closes it and quits.
    Quit,
}

/// A key in a scrolling overlay (help, the log): scroll, close, or quit.
pub fn on_scroll_key(
    keys: &[Binding<Scroll>],
    key: KeyEvent,
    at: &mut Scrolled,
    app: &mut App,
) -> Reply {
    match keymap::lookup(keys, &key) {
        Some(Scroll::By(delta)) => {
            at.by(delta);
            Reply::Keep
        }
        Some(Scroll::Quit) => {
            app.quit = true;
            Reply::Close
        }
        Some(Scroll::Close) | None => Reply::Close,
    }
}

/// Rows moved by PgUp / PgDn.
pub const PAGE: isize = 10;

/// The scrolling keys shared by help and the message log.
macro_rules! scroll_keys {
    ($close:expr) => {
        &[
            bind(
                &[Key::Up, Key::Char('k')],
                "",
                Scroll::By(-1),
                "",
                Some(("↑↓", "scroll")),
            ),
            also(&[Key::Down, Key::Char('j')], Scroll::By(1)),
            also(&[Key::PageUp], Scroll::By(-PAGE)),
            also(&[Key::PageDown], Scroll::By(PAGE)),
            also(&[Key::Ctrl('c')], Scroll::Quit),
            $close,
        ]
    };
}
pub(super) use scroll_keys;

/// Help's keys: arrows scroll; any other key closes it, `q`
/// included (as in `less`: quitting from help would lose a what-if);
/// Ctrl-C still quits.
pub const KEYS: &[Binding<Scroll>] = scroll_keys!(bind(
    &[],
    "",
    Scroll::Close,
    "",
    Some(("any other key", "close help"))
));

/// The help overlay, scrolled this far.
#[derive(Debug, Default)]
pub struct Help {
    pub scroll: Scrolled,
}

impl Dialog for Help {
    fn on_key(&mut self, key: KeyEvent, app: &mut App) -> Reply {
        on_scroll_key(KEYS, key, &mut self.scroll, app)
    }

    fn draw(&self, _app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
        render(frame, area, &self.scroll, theme);
    }

    fn hints(&self) -> Vec<(&'static str, &'static str)> {
        keymap::hints(KEYS)
    }

    fn holds_input(&self) -> bool {
        false
    }
}

/// The help text: the main screen's keys, the form's keys, the badges.
fn lines(theme: Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled("Keys", theme.title())];
    let row = |(label, help): (&'static str, &'static str)| {
        Line::from(vec![
            Span::styled(format!("  {label:<18}"), theme.key()),
            Span::raw(help),
        ])
    };
    lines.extend(keymap::help_rows(keymap::MAIN).map(row));
    lines.push(Line::raw(""));
    lines.push(Line::styled("In forms", theme.title()));
    lines.extend(keymap::help_rows(super::form::KEYS).map(row));
    lines.push(Line::raw(""));
    lines.push(Line::styled("Badges", theme.title()));
    let mut legend = vec![Span::raw("  ")];
    for s in Severity::ALL {
        legend.push(Span::styled(
            format!("{} {s}  ", crate::words::symbol(s)),
            theme.severity(s),
        ));
    }
    legend.push(Span::styled("✓ no risk, depends on nobody", theme.accent()));
    lines.push(Line::from(legend));
    lines.push(Line::raw("  The number: live ties to the other side."));
    lines.push(Line::raw(
        "  ● / ○ a live / stale tie to the selected person.",
    ));
    lines.push(Line::raw(
        "  ★ key person · † gone in the what-if · crossed out: has left",
    ));
    lines.push(Line::raw(
        "  ▁▃█ by the risk score: its last 12 month ends and today, lowest",
    ));
    lines.push(Line::raw(
        "  to highest (lower is better; the file as saved, not a what-if).",
    ));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Every change is saved at once. ↑↓ scroll; any other key closes.",
        theme.dim(),
    ));
    lines
}

fn render(frame: &mut Frame, area: Rect, scroll: &Scrolled, theme: Theme) {
    let lines = lines(theme);
    // Help lines are short enough for 80 columns: no wrapping, so scrolling
    // counts rows exactly.
    let total = lines.len() as u16;
    let rect = popup(frame, area, 80, total + 2);
    let room = rect.height.saturating_sub(2);
    let first = scroll.fit(total, room);
    let more = if scroll.more_below(total, room) {
        " ↓ more "
    } else {
        ""
    };
    let block = theme
        .dialog(" Help ")
        .title_bottom(Span::styled(more, theme.key()));
    frame.render_widget(Paragraph::new(lines).block(block).scroll((first, 0)), rect);
}
