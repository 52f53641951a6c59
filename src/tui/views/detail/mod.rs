//! The selected person's detail: who they are, their ties (last contact,
//! strength), recent meetings, what they depend on, who depends on them,
//! and their risks. What it says is a list of rows (`model.rs`); this file
//! keeps the pane's state and draws the rows.

pub mod model;

pub use model::{DetailRow, Look, rows};

use crate::model::Partnership;
use crate::text::printable;
use crate::tui::app::{App, Pane};
use crate::tui::screen::short_ago;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// The detail pane's state: how far it is scrolled, and which of its ties
/// and meetings is selected for `E` and `D`.
#[derive(Debug, Clone, Copy, Default)]
pub struct DetailView {
    /// How many lines the pane is scrolled down.
    pub scroll: u16,
    /// The selected tie or meeting, counting only those rows
    /// ([`DetailRow::selectable`]); `None`: the person themself.
    pub selected: Option<usize>,
}

/// How many rows the selected person's detail has (before wrapping),
/// counted on the model without drawing.
pub fn line_count(app: &App) -> usize {
    rows(app).len()
}

/// The inside of the detail pane on the screen last drawn.
fn pane(app: &App) -> Rect {
    let (width, height) = app.screen;
    let screen = Rect::new(0, 0, width, height);
    let [_, body, ..] = crate::tui::screen::areas(app, screen);
    let [_, _, pane] = super::people::areas(body);
    pane.inner(ratatui::layout::Margin::new(1, 1))
}

/// How many screen lines `rows` take at `width`, wrapped as drawn.
fn wrapped(app: &App, rows: &[DetailRow], width: u16) -> usize {
    let lines = lines(app, rows, None, Theme { color: false });
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .line_count(width)
}

/// How far the detail pane scrolls: until its last line is at the bottom
/// of the pane, on the screen last drawn. Rows can wrap, so this lays the
/// model's rows out at the pane's width (without a frame).
pub fn max_scroll(app: &App) -> usize {
    if app.selected().is_none() {
        return 0;
    }
    let inner = pane(app);
    let total = wrapped(app, &rows(app), inner.width);
    total.saturating_sub(inner.height as usize)
}

/// The tie or meeting row selected in the detail pane, while the pane has
/// the focus in the people view.
pub fn selected_row(app: &App) -> Option<DetailRow> {
    if app.people.pane != Pane::Detail || app.view != crate::tui::app::View::People {
        return None;
    }
    let k = app.detail.selected?;
    rows(app).into_iter().filter(DetailRow::selectable).nth(k)
}

/// `↑ ↓` in the detail pane: one step moves between the person's ties and
/// meetings (from none selected to the first; up from the first, back to
/// the person), scrolling to keep the selected one in view; past the last
/// one, and for longer moves, the pane scrolls (no further than its end).
pub fn step(app: &mut App, delta: isize) {
    let rows = rows(app);
    let selectable: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].selectable()).collect();
    let count = selectable.len();
    let next = match (app.detail.selected.filter(|&k| k < count), delta) {
        (None, 1) if count > 0 => Some(Some(0)),
        (Some(k), 1) if k + 1 < count => Some(Some(k + 1)),
        (Some(k), -1) if k > 0 => Some(Some(k - 1)),
        (Some(0), -1) => Some(None),
        (selected, _) if delta.abs() == 1 => {
            app.detail.selected = selected;
            None
        }
        _ => {
            app.detail.selected = None;
            None
        }
    };
    let inner = pane(app);
    let last = max_scroll(app);
    match next {
        Some(Some(k)) => {
            app.detail.selected = Some(k);
            // The lines above the row, and the row's own.
            let at = selectable.get(k).copied().unwrap_or(0);
            let top = wrapped(app, &rows[..at], inner.width);
            let bottom = wrapped(app, &rows[..=at], inner.width);
            let height = inner.height as usize;
            let mut scroll = (app.detail.scroll as usize).min(top);
            if bottom > scroll + height {
                scroll = bottom.saturating_sub(height);
            }
            app.detail.scroll = scroll.min(last) as u16;
        }
        Some(None) => app.detail.selected = None,
        None => {
            let scroll = (app.detail.scroll as isize)
                .saturating_add(delta)
                .clamp(0, last as isize);
            app.detail.scroll = scroll as u16;
        }
    }
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let focused = app.people.pane == Pane::Detail;
    let block = theme.panel(" Detail ", focused);
    let selected = selected_row(app).and(app.detail.selected);
    let lines = lines(app, &rows(app), selected, theme);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((app.detail.scroll, 0)),
        area,
    );
}

/// At most this many other attendees of a meeting are named.
const NAMED_ATTENDEES: usize = 6;

/// The other attendees of a meeting by name, the first few of them.
fn others(p: &Partnership, m: &crate::model::Meeting, id: &str) -> String {
    let others: Vec<&String> = m.attendees.iter().filter(|x| *x != id).collect();
    let mut names: Vec<String> = others
        .iter()
        .take(NAMED_ATTENDEES)
        .filter_map(|x| p.person(x).map(|y| printable(&y.name).into_owned()))
        .collect();
    if others.len() > NAMED_ATTENDEES {
        names.push(format!("{} more", others.len() - NAMED_ATTENDEES));
    }
    crate::text::join_names(&names)
}

/// The number of active attendees of `m` when it is a large event, which
/// ties nobody (SPEC §3). `index` maps ids to people, built when needed.
fn large_event<'p>(
    app: &'p App,
    m: &crate::model::Meeting,
    index: &mut Option<std::collections::HashMap<&'p str, usize>>,
) -> Option<usize> {
    let p = &app.doc.partnership;
    if !crate::graph::is_large_event(m.attendees.len(), p) {
        return None;
    }
    let index = index.get_or_insert_with(|| p.person_index());
    let active = &app.analysis.live.active;
    let count = m
        .attendees
        .iter()
        .filter(|a| {
            index
                .get(a.as_str())
                .is_some_and(|&i| active.get(i).copied().unwrap_or(false))
        })
        .count();
    crate::graph::is_large_event(count, p).then_some(count)
}

/// A small bar for a tie's strength: one block per meeting's worth, up to five.
fn strength_bar(strength: f64) -> String {
    let full = (strength.round().clamp(0.0, 5.0)) as usize;
    let full = if strength > 0.0 { full.max(1) } else { 0 };
    format!("{}{}", "▰".repeat(full), "▱".repeat(5 - full))
}

/// The style of a look.
fn style(look: Look, theme: Theme) -> Style {
    match look {
        Look::Plain => Style::default(),
        Look::Title => theme.title(),
        Look::Dim => theme.dim(),
        Look::Accent => theme.accent(),
        Look::Error => theme.error(),
        Look::WhatIf => theme.what_if(),
        Look::Severity(s) => theme.severity(s),
    }
}

/// The selected person's rows as lines, in the theme's styles; the
/// `selected`-th tie or meeting row highlighted.
fn lines(
    app: &App,
    rows: &[DetailRow],
    selected: Option<usize>,
    theme: Theme,
) -> Vec<Line<'static>> {
    let mut index = None;
    let p = app.partnership();
    // A meeting's line names the attendees other than the selected person.
    let id = app.selected().map_or("", |i| p.people[i].id.as_str());
    let mut selectable = 0;
    rows.iter()
        .map(|row| {
            let line = line(app, row, id, theme, &mut index);
            if !row.selectable() {
                return line;
            }
            selectable += 1;
            if selected == Some(selectable - 1) {
                line.style(theme.selected())
            } else {
                line
            }
        })
        .collect()
}

/// One row as a line.
fn line<'p>(
    app: &'p App,
    row: &DetailRow,
    id: &str,
    theme: Theme,
    index: &mut Option<std::collections::HashMap<&'p str, usize>>,
) -> Line<'static> {
    match row {
        DetailRow::Heading(text) => Line::styled(text.clone(), theme.title()),
        DetailRow::Blank => Line::raw(""),
        DetailRow::Text(look, text) => Line::styled(text.clone(), style(*look, theme)),
        DetailRow::Spans(spans) => Line::from(
            spans
                .iter()
                .map(|(look, text)| Span::styled(text.clone(), style(*look, theme)))
                .collect::<Vec<_>>(),
        ),
        DetailRow::Tie { tie, other } => tie_line(app, *tie, *other, theme),
        DetailRow::Meeting { meeting } => meeting_line(app, *meeting, id, theme, index),
    }
}

/// A tie's line: live or stale mark, the other person, how long since
/// they last met, and the tie's strength.
fn tie_line(app: &App, t: usize, other: usize, theme: Theme) -> Line<'static> {
    let tie = &app.analysis.live.ties[t];
    // A declared tie without a date is live whatever its meetings:
    // the age of an old meeting would say otherwise.
    let when = match tie.last_contact {
        Some(d) if !tie.undated => short_ago(d, app.as_of),
        _ => "undated".into(),
    };
    let (mark, style) = if tie.live {
        ("● ", theme.accent())
    } else {
        ("○ ", theme.dim())
    };
    Line::from(vec![
        Span::styled(format!("  {mark}"), style),
        Span::raw(crate::text::fit(&model::name(app, other), 18)),
        Span::styled(format!(" {when:>9} "), style),
        Span::styled(strength_bar(tie.strength), style),
    ])
}

/// A meeting's line: its date (planned when after the as-of date), title
/// and the attendees other than `id`.
fn meeting_line<'p>(
    app: &'p App,
    meeting: usize,
    id: &str,
    theme: Theme,
    index: &mut Option<std::collections::HashMap<&'p str, usize>>,
) -> Line<'static> {
    let p = app.partnership();
    let m = &p.meetings[meeting];
    let planned = if m.date > app.as_of { " (planned)" } else { "" };
    let title = m.title.as_deref().map(printable).unwrap_or_default();
    let who = match large_event(app, m, index) {
        Some(active) => format!("a large event: {active} attendees, ties nobody"),
        None => others(p, m, id),
    };
    Line::from(vec![
        Span::styled(format!("  {}{planned} ", m.date), theme.dim()),
        Span::raw(match (title.is_empty(), who.is_empty()) {
            (_, true) => title.to_string(),
            (true, false) => who,
            (false, false) => format!("{title} — {who}"),
        }),
    ])
}
