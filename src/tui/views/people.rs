//! The people view: our people left, partner people right, the selected
//! person's detail beside or below them.

use super::{Cursor, detail};
use crate::model::{Level, Side};
use crate::text::{self, printable};
use crate::tui::app::{App, Pane};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use tui_input::Input;

/// The people view's state. The map view shows the same columns, filter
/// and selection.
#[derive(Debug, Clone)]
pub struct PeopleView {
    /// Rows shown in each column (person indices), after the filter.
    pub rows_ours: Vec<usize>,
    pub rows_partner: Vec<usize>,
    pub cursor_ours: Cursor,
    pub cursor_partner: Cursor,
    /// The people view's filter (the map follows it).
    pub filter: Input,
    /// The focused pane.
    pub pane: Pane,
    /// The column last focused; the selected person is its selection.
    pub side: Side,
    /// Only these people are listed (a grid cell's, SPEC §10), until Esc.
    pub only: Option<Only>,
}

/// A set of people the columns are narrowed to, and how the header names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Only {
    /// "Finance · senior".
    pub label: String,
    pub ids: Vec<String>,
}

impl Default for PeopleView {
    fn default() -> PeopleView {
        PeopleView {
            rows_ours: Vec::new(),
            rows_partner: Vec::new(),
            cursor_ours: Cursor::default(),
            cursor_partner: Cursor::default(),
            filter: Input::default(),
            pane: Pane::Ours,
            side: Side::Ours,
            only: None,
        }
    }
}

impl PeopleView {
    /// A column's rows and cursor.
    pub fn column(&self, side: Side) -> (&[usize], Cursor) {
        match side {
            Side::Ours => (&self.rows_ours, self.cursor_ours),
            Side::Partner => (&self.rows_partner, self.cursor_partner),
        }
    }

    pub fn cursor_mut(&mut self, side: Side) -> &mut Cursor {
        match side {
            Side::Ours => &mut self.cursor_ours,
            Side::Partner => &mut self.cursor_partner,
        }
    }

    /// The selected person, if the focused column has any rows.
    pub fn selected(&self) -> Option<usize> {
        let (rows, cursor) = self.column(self.side);
        rows.get(cursor.selected).copied()
    }
}

/// Below this width the detail pane goes under the two columns.
const WIDE: u16 = 110;

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let [left, right, detail_area] = areas(area);
    column(app, frame, left, Side::Ours, theme);
    column(app, frame, right, Side::Partner, theme);
    detail::render(app, frame, detail_area, theme);
}

/// Our column, the partner column and the detail pane, in the body.
pub fn areas(area: Rect) -> [Rect; 3] {
    let (lists, detail) = if area.width >= WIDE {
        let [lists, detail] =
            Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)])
                .areas(area);
        (lists, detail)
    } else {
        let [lists, detail] =
            Layout::vertical([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(area);
        (lists, detail)
    };
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(lists);
    [left, right, detail]
}

/// How a person in one column relates to the person selected in the other.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Link {
    None,
    Live,
    Stale,
}

/// For each person: their tie to `selected`, if any.
pub fn links_of(app: &App, selected: Option<usize>) -> Vec<Link> {
    let mut links = vec![Link::None; app.partnership().people.len()];
    let Some(s) = selected else {
        return links;
    };
    let live = &app.analysis.live;
    for &t in live.ties_of.get(s).unwrap_or_default() {
        let tie = &live.ties[t];
        links[tie.other(s)] = if tie.live { Link::Live } else { Link::Stale };
    }
    links
}

fn level_short(level: Level) -> &'static str {
    match level {
        Level::Executive => "exec",
        Level::Senior => "snr",
        Level::Manager => "mgr",
        Level::Staff => "staff",
    }
}

/// From this column width on, levels are written out ("executive").
const FULL_LEVELS: usize = 48;

/// A person's badge symbol: the worst risk about them; a tick only when
/// no risk names them and they depend on nobody; else nothing.
fn badge(app: &App, i: usize, theme: Theme) -> (&'static str, ratatui::style::Style) {
    let active = app.analysis.live.active.get(i).copied().unwrap_or(false);
    if app.gone.contains(&i) {
        // Gone in the what-if, whatever the analysis on screen still says.
        return (" ", theme.dim());
    }
    let exposed = app.exposed.get(i).copied().unwrap_or(false);
    match app.worst.get(i).copied().flatten() {
        Some(s) => (crate::words::symbol(s), theme.severity(s)),
        None if active && !exposed => ("✓", theme.accent()),
        None => (" ", theme.dim()),
    }
}

fn column(app: &App, frame: &mut Frame, area: Rect, side: Side, theme: Theme) {
    let p = app.partnership();
    let (rows, mut cursor) = app.people.column(side);
    let focused = app.people.pane == Pane::of(side);
    let org = p.names.of(side);
    let title = format!(" {} · {} ", printable(org), rows.len());
    let block = theme.panel(title, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if rows.is_empty() {
        let text = if app.people.only.is_some() {
            "No one here from the grid's cell. Esc shows everyone."
        } else if app.people.filter.value().is_empty() {
            "Nobody yet — press a to add a person, or i to import contacts"
        } else {
            "Nobody matches the filter. Esc clears it."
        };
        let text = Paragraph::new(Span::styled(text, theme.dim())).wrap(Wrap { trim: true });
        frame.render_widget(text, inner);
        return;
    }
    let height = inner.height as usize;
    cursor.scroll_into_view(height);
    // Highlight, in this column, the ties of the person selected in the other.
    let other = if app.people.side != side {
        app.selected()
    } else {
        None
    };
    let links = links_of(app, other);
    let width = inner.width as usize;
    let mut lines = Vec::with_capacity(height);
    for (row, &i) in rows.iter().enumerate().skip(cursor.offset).take(height) {
        let at = Row {
            person: i,
            selected: row == cursor.selected,
            side,
            focused,
            width,
        };
        lines.push(person_line(app, &at, &links, theme));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Where a person's line sits: which person, in which column, how wide,
/// and whether it is the column's selection.
struct Row {
    person: usize,
    selected: bool,
    side: Side,
    focused: bool,
    width: usize,
}

/// One person's line in a column: tie mark, badge, name, title, level.
fn person_line(app: &App, at: &Row, links: &[Link], theme: Theme) -> Line<'static> {
    let Row {
        person: i,
        selected,
        side,
        focused,
        width,
    } = *at;
    let p = app.partnership();
    let person = &p.people[i];
    let gone = app.gone.contains(&i);
    // Until a what-if's analysis arrives (worked out in the background on a
    // big file), the marks follow the keys, not the analysis on screen.
    let coming_back = !gone && app.analysis.scenario.gone.contains(&i);
    let active = app.analysis.live.active[i] && !gone;
    let (mark, mark_style) = match links[i] {
        Link::Live => ("●", theme.accent()),
        Link::Stale => ("○", theme.dim()),
        Link::None => (" ", theme.dim()),
    };
    let (symbol, sym_style) = badge(app, i, theme);
    let count = app.analysis.live.ties_of[i]
        .iter()
        .filter(|&&t| {
            let tie = &app.analysis.live.ties[t];
            tie.live && p.people[tie.other(i)].side != side
        })
        .count();
    let badge = if gone {
        " †".to_string()
    } else if active {
        format!("{count:>2}")
    } else {
        "  ".to_string()
    };
    let full = width >= FULL_LEVELS;
    let level = if !active && !gone && !coming_back {
        "left"
    } else if full {
        person.level.as_str()
    } else {
        level_short(person.level)
    };
    let level_w = if full { 9 } else { 5 };
    let key = if person.key { "★" } else { " " };
    // Dim text on a highlighted row is unreadable: the row's style wins.
    let quiet = if selected {
        ratatui::style::Style::new()
    } else {
        theme.dim()
    };
    // mark, space, badge(2), symbol, key, name, space, title, level
    let rest = width.saturating_sub(8 + level_w);
    let name_w = (rest * 3 / 5).max(6);
    let title_w = rest.saturating_sub(name_w + 1);
    // Padded by display width: a CJK or emoji name keeps the columns in line.
    let name = text::fit(&printable(&person.name), name_w);
    let title = text::fit(&printable(person.title().unwrap_or("")), title_w);
    let mut line = Line::from(vec![
        Span::styled(mark, mark_style),
        Span::raw(" "),
        Span::raw(badge),
        Span::styled(symbol, sym_style),
        Span::raw(key),
        Span::raw(format!("{name} ")),
        Span::styled(title, quiet),
        Span::styled(format!(" {level:>level_w$}"), quiet),
    ]);
    if !active {
        line = line.style(theme.dim().add_modifier(Modifier::CROSSED_OUT));
    }
    if selected {
        let style = if focused || (app.people.pane == Pane::Detail && app.people.side == side) {
            theme.selected()
        } else {
            theme.selected_unfocused()
        };
        line = line.style(style);
    }
    line
}
