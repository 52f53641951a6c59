//! Rendering: a pure function of the app's state. The header, the current
//! view, the status line and the hint bar, then any overlay on top.

use super::app::{App, Tone, View};
use super::keymap;
use super::theme::Theme;
use super::views::{background, grid, map, people, plan, risks, trend};
use crate::analysis::Severity;
use crate::text::printable;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// The smallest screen the full layout fits.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let theme = Theme { color: app.color };
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(
            frame,
            area,
            app.dialogs.top().is_some_and(|d| d.holds_input()),
            theme,
        );
        return;
    }
    let [header, body, alert, status, hints] = areas(app, area);
    if app.loading.is_some() {
        super::loading::render(app, frame, [header, body, hints], theme);
        render_status(app, frame, status, theme);
        super::dialogs::draw(app, frame, area, theme);
        return;
    }
    render_header(app, frame, header, theme);
    match app.view {
        View::People => people::render(app, frame, body, theme),
        View::Risks => risks::render(app, frame, body, theme),
        View::Map => map::render(app, frame, body, theme),
        View::Plan => plan::render(app, frame, body, theme),
        View::Grid => grid::render(app, frame, body, theme),
    }
    render_alert(app, frame, alert, theme);
    render_status(app, frame, status, theme);
    render_hints(app, frame, hints, theme);
    super::dialogs::draw(app, frame, area, theme);
}

/// Rows a message may take before it is cut (the log on `!` has it all).
const MESSAGE_ROWS: usize = 2;

/// The rows `text` needs after a two-column mark, up to [`MESSAGE_ROWS`].
fn message_rows(text: &str, width: u16) -> u16 {
    let needed = printable(text).chars().count() + 2;
    needed
        .div_ceil(width.max(1) as usize)
        .clamp(1, MESSAGE_ROWS) as u16
}

/// The screen's parts: header, body, a warning that stays, the status
/// line and the hint bar. A long message gets a second line rather than
/// being cut.
pub fn areas(app: &App, area: Rect) -> [Rect; 5] {
    let status_rows = app
        .status
        .as_ref()
        .map_or(1, |s| message_rows(&s.text, area.width));
    let alert_rows = app
        .alert
        .as_ref()
        .map_or(0, |text| message_rows(text, area.width));
    Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(0),
        Constraint::Length(alert_rows),
        Constraint::Length(status_rows),
        Constraint::Length(1),
    ])
    .areas(area)
}

fn too_small(frame: &mut Frame, area: Rect, form_open: bool, theme: Theme) {
    let what = if form_open {
        "Make the window larger to finish the form, or press Esc to cancel it."
    } else {
        "Make the window larger, or press q to quit."
    };
    let text = vec![
        Line::styled("partnermap", theme.title()),
        Line::raw(format!(
            "needs a terminal of at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}.",
            area.width, area.height
        )),
        Line::raw(what),
    ];
    let top = area.height.saturating_sub(3) / 2;
    let area = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        area,
    );
}

/// Counts by severity as styled spans: "‼ 3 critical  ! 6 high …", or
/// without the words when `compact`.
pub fn severity_counts(counts: [usize; 4], theme: Theme, compact: bool) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (s, n) in Severity::ALL.into_iter().zip(counts) {
        let style = if n == 0 {
            theme.dim()
        } else {
            theme.severity(s)
        };
        let text = if compact {
            format!("{} {n}", crate::words::symbol(s))
        } else {
            format!("{} {n} {s}", crate::words::symbol(s))
        };
        spans.push(Span::styled(text, style));
        spans.push(Span::raw("  "));
    }
    spans
}

/// "risk score 93" (lower is better), or "score 93" when `compact`.
fn risk_score(score: u32, theme: Theme, compact: bool) -> Span<'static> {
    let words = if compact { "score" } else { "risk score" };
    let style = if score == 0 {
        theme.dim()
    } else {
        theme.accent()
    };
    Span::styled(format!("{words} {score}"), style)
}

/// The header's first line: the partnership's name, bus factor, risk score
/// with its sparkline, the counts, and "as of" when it fits whole.
fn headline(app: &App, width: u16, theme: Theme) -> Vec<Span<'static>> {
    let p = app.partnership();
    let a = &app.analysis;
    let bus = a.bus_factor.size;
    let bus_style = match bus {
        0 | 1 => theme.severity(Severity::Critical),
        2 => theme.severity(Severity::High),
        _ => theme.accent(),
    };
    let compact = width < 110;
    let gap = if compact { "  " } else { "   " };
    // The figures come first: when the line is too narrow the sparkline
    // goes, then the partnership's name is shortened ("…"), so that the
    // counts are never cut off.
    let mut figures = vec![
        Span::raw(gap),
        Span::styled(format!("bus factor {bus}"), bus_style),
        Span::raw(gap),
        risk_score(a.risk_score(), theme, compact),
    ];
    let mut counts = severity_counts(a.severity_counts(), theme, compact);
    // Each count is followed by a spacer: the last one only before "as of".
    let spacer = counts.pop();
    let name = printable(&p.names.name).into_owned();
    let room = |spans: &[Span]| spans.iter().map(Span::width).sum::<usize>();
    let fixed = room(&figures) + gap.len() + room(&counts);
    if let Some(line) = trend::span(app, theme)
        && crate::text::width(&name).min(20) + fixed + 1 + line.width() <= width as usize
    {
        figures.push(Span::raw(" "));
        figures.push(line);
    }
    figures.push(Span::raw(gap));
    figures.extend(counts);
    let left = (width as usize).saturating_sub(room(&figures)).max(8);
    let mut first = vec![Span::styled(
        crate::text::cut(&name, left).into_owned(),
        theme.title(),
    )];
    first.extend(figures);
    // Whole or not at all: "as of 2026-11" cut short reads as a month.
    let as_of = format!("as of {}", app.as_of);
    if app.as_of == app.today
        && let Some(spacer) = spacer
        && room(&first) + spacer.width() + as_of.len() <= width as usize
    {
        first.push(spacer);
        first.push(Span::styled(as_of, theme.dim()));
    }
    first
}

fn render_header(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let first = headline(app, area.width, theme);
    let mut second = Vec::new();
    for (key, name, view) in [
        ("1", "People", View::People),
        ("2", "Risks", View::Risks),
        ("3", "Map", View::Map),
        ("4", "Plan", View::Plan),
        ("5", "Grid", View::Grid),
    ] {
        let style = if app.view == view {
            theme.selected()
        } else {
            Style::new()
        };
        second.push(Span::styled(format!(" {key} {name} "), style));
        second.push(Span::raw(" "));
    }
    let used: usize = second.iter().map(Span::width).sum();
    second.extend(marks(
        app,
        (area.width as usize).saturating_sub(used),
        theme,
    ));
    if let Some(only) = app
        .people
        .only
        .as_ref()
        .filter(|_| matches!(app.view, View::People | View::Map))
    {
        second.push(Span::styled(
            format!(" only {} (Esc: everyone) ", printable(&only.label)),
            theme.accent(),
        ));
    }
    if app.filtering || !app.filter().value().is_empty() {
        let style = if app.filtering {
            theme.accent()
        } else {
            theme.dim()
        };
        second.push(Span::styled(
            format!("/{}", printable(app.filter().value())),
            style,
        ));
        if app.filtering {
            // The cursor sits after the filter text while typing it.
            let used: usize = second.iter().map(Span::width).sum();
            let x = area.x + (used as u16).min(area.width.saturating_sub(1));
            frame.set_cursor_position((x, area.y + 1));
        }
    }
    frame.render_widget(
        Paragraph::new(vec![Line::from(first), Line::from(second)]),
        area,
    );
}

/// The header's marks after the view tabs, the what-if first: its names
/// are cut so that "not saved" and the as-of mark fit in `room`; then the
/// as-of date when it is not today, read-only, and the demo.
fn marks(app: &App, room: usize, theme: Theme) -> Vec<Span<'static>> {
    let mut after = Vec::new();
    if app.as_of != app.today {
        after.push(Span::styled(
            format!(" as of {}, not today ", app.as_of),
            theme.what_if(),
        ));
    }
    if app.read_only {
        after.push(Span::styled(" read-only ", theme.error()));
    }
    if app.demo {
        after.push(Span::styled(
            " DEMO — not your data; the first change saves it ",
            theme.demo(),
        ));
    }
    let mut out = Vec::new();
    if app.what_if() {
        let p = app.partnership();
        let names: Vec<String> = app
            .gone
            .iter()
            .filter_map(|&i| p.people.get(i))
            .map(|x| printable(&x.name).into_owned())
            .collect();
        const LEAST: &str = " WHAT-IF, not saved: … ";
        let reserved = after.first().map_or(0, |s| s.width() + 1);
        let room = room.saturating_sub(reserved + 1).max(LEAST.chars().count());
        let text = what_if_mark(&names, room);
        out.push(Span::styled(fit(&text, room), theme.what_if()));
        out.push(Span::raw(" "));
    }
    for mark in after {
        out.push(mark);
        out.push(Span::raw(" "));
    }
    out
}

/// The what-if's mark: who is gone, by name when the names fit in `room`
/// columns, else how many (a name cut short would hide the others).
pub(crate) fn what_if_mark(names: &[String], room: usize) -> String {
    let named = format!(
        " WHAT-IF, not saved: {} gone ",
        crate::text::join_names(names)
    );
    if names.len() < 2 || crate::text::width(&named) <= room {
        return named;
    }
    let counted = format!(" WHAT-IF, not saved: {} gone ", names.len());
    if crate::text::width(&counted) <= room {
        counted
    } else {
        format!(" WHAT-IF: {} gone ", names.len())
    }
}

fn render_status(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let Some(status) = &app.status else {
        // A background job's progress, when nothing else is said.
        if let Some(what) = app.progress.clone().or_else(|| background::progress(app)) {
            let line = Line::from(vec![
                Span::styled("⋯ ", theme.key()),
                Span::raw(format!("{}…", printable(&what))),
            ]);
            frame.render_widget(Paragraph::new(line), area);
        }
        return;
    };
    let (mark, style) = match status.tone {
        Tone::Done => ("✓ ", theme.accent()),
        Tone::Note => ("· ", theme.key()),
        Tone::Error => ("✗ ", theme.error()),
    };
    let text = cut_message(&status.text, area);
    let text_style = if status.tone == Tone::Error {
        theme.error()
    } else {
        Style::new()
    };
    let line = Line::from(vec![
        Span::styled(mark, style),
        Span::styled(text, text_style),
    ]);
    frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: false }), area);
}

/// A message cut to its rows; when cut, it says where to read it whole.
fn cut_message(text: &str, area: Rect) -> String {
    const MORE: &str = " (! shows all)";
    // Words wrap, not characters: leave some slack at each row's end.
    let slack = (area.height as usize).saturating_sub(1) * 12;
    let room = (area.width as usize * area.height as usize).saturating_sub(2 + slack);
    let text = printable(text);
    if text.chars().count() <= room {
        return text.into_owned();
    }
    let mut cut = fit(&text, room.saturating_sub(MORE.len()));
    cut.push_str(MORE);
    cut
}

/// The warning that stays until Esc dismisses it.
fn render_alert(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let Some(text) = &app.alert else {
        return;
    };
    let line = Line::from(vec![
        Span::styled("✗ ", theme.error()),
        Span::styled(cut_message(text, area), theme.error()),
    ]);
    frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: false }), area);
}

fn render_hints(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let pairs = if let Some(top) = app.dialogs.top() {
        top.hints()
    } else if app.filtering {
        keymap::hints(keymap::FILTER)
    } else {
        keymap::hints(keymap::MAIN)
    };
    let pairs = fit_hints(pairs, area.width as usize);
    let mut spans = Vec::new();
    for (key, what) in pairs {
        spans.push(Span::styled(key.to_string(), theme.key()));
        spans.push(Span::raw(format!(" {what}  ")));
    }
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(Style::new().add_modifier(Modifier::empty())),
        area,
    );
}

/// Too wide: drops the hints a user needs least, then from the front, but
/// never help or quit: `?` lists everything else.
fn fit_hints<'a>(mut pairs: Vec<(&'a str, &'a str)>, room: usize) -> Vec<(&'a str, &'a str)> {
    const DROP_FIRST: [&str; 12] = [
        "messages", "move", "stance", "left", "tie", "pane", "export", "delete", "edit", "add",
        "undo", "views",
    ];
    const KEEP: [&str; 2] = ["help", "quit"];
    let width = |pairs: &[(&str, &str)]| -> usize {
        pairs
            .iter()
            .map(|(k, w)| crate::text::width(k) + crate::text::width(w) + 3)
            .sum()
    };
    for least in DROP_FIRST {
        if width(&pairs) <= room {
            break;
        }
        pairs.retain(|(_, what)| *what != least);
    }
    while width(&pairs) > room {
        match pairs.iter().position(|(_, what)| !KEEP.contains(what)) {
            Some(at) if pairs.len() > 1 => {
                pairs.remove(at);
            }
            _ => break,
        }
    }
    pairs
}

/// Cuts `text` to `width` columns, ending with "…" when cut (not padded:
/// [`crate::text::fit`] pads too).
pub fn fit(text: &str, width: usize) -> String {
    crate::text::cut(text, width).into_owned()
}

/// "today", "12 d ago", "in 3 d".
pub fn short_ago(date: jiff::civil::Date, as_of: jiff::civil::Date) -> String {
    match crate::date::days_between(date, as_of) {
        0 => "today".into(),
        n if n < 0 => format!("in {} d", -n),
        n => format!("{n} d ago"),
    }
}

#[cfg(test)]
mod tests {
    use super::what_if_mark;

    #[test]
    fn the_what_if_mark_names_who_is_gone_or_says_how_many() {
        let two = ["Ana Ruiz".to_string(), "Ben Carter".to_string()];
        assert_eq!(
            what_if_mark(&two, 80),
            " WHAT-IF, not saved: Ana Ruiz and Ben Carter gone "
        );
        assert_eq!(what_if_mark(&two, 40), " WHAT-IF, not saved: 2 gone ");
        assert_eq!(what_if_mark(&two, 20), " WHAT-IF: 2 gone ");
        // One name is cut by the caller rather than counted.
        let one = ["Ana Ruiz".to_string()];
        assert_eq!(
            what_if_mark(&one, 10),
            " WHAT-IF, not saved: Ana Ruiz gone "
        );
    }
}
