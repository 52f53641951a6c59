//! The coverage grid view (SPEC §7, §10): partner people by team (rows) and
//! level (columns), each cell coloured by the worst coverage of its people
//! and marked with that coverage's symbol (so it reads without colour);
//! `Enter` on a cell shows those people in the people view.

use super::Cursor;
use crate::analysis::{GridCell, GridRow, Reach, grid};
use crate::export::{cell_said, reach_tone, team_said};
use crate::model::Level;
use crate::text::{fit, printable};
use crate::tui::app::App;
use crate::tui::fuzzy::Matcher;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use tui_input::Input;

/// The grid view's state: the selected row (a team) and column (a level),
/// and its own filter, which narrows the teams.
#[derive(Debug, Clone, Default)]
pub struct GridView {
    pub cursor: Cursor,
    /// The selected level's column: executive 0 … staff 3.
    pub column: usize,
    pub filter: Input,
}

/// The grid's rows shown after the filter, in the grid's order.
pub fn shown(app: &App) -> Vec<GridRow> {
    let rows = grid(app.partnership(), &app.analysis);
    let query = app.grid_view.filter.value().trim();
    if query.is_empty() {
        return rows;
    }
    let mut hits: Vec<usize> = Matcher::default()
        .rank(query, rows.iter().map(team_said))
        .into_iter()
        .map(|(i, _)| i)
        .collect();
    hits.sort_unstable();
    hits.into_iter()
        .filter_map(|i| rows.get(i).cloned())
        .collect()
}

/// The selected cell and its row.
pub fn selected(app: &App) -> Option<(GridRow, usize)> {
    let row = shown(app).into_iter().nth(app.grid_view.cursor.selected)?;
    Some((row, app.grid_view.column.min(3)))
}

/// "Finance · senior" (or "(no team) · staff").
pub fn cell_label(row: &GridRow, column: usize) -> String {
    let level = Level::ALL.get(column).map_or("", |l| l.as_str());
    format!("{} · {level}", team_said(row))
}

/// Moves the column by `delta`, within the four levels.
pub fn step_column(app: &mut App, delta: isize) {
    app.grid_view.column = app.grid_view.column.saturating_add_signed(delta).min(3);
}

fn cell_style(cell: &GridCell, theme: Theme) -> Style {
    match reach_tone(cell.worst()) {
        Some(s) => theme.severity(s),
        None if cell.people.is_empty() => theme.dim(),
        None => theme.accent(),
    }
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let [list, detail] = Layout::vertical([Constraint::Min(5), Constraint::Length(6)]).areas(area);
    let rows = shown(app);
    let title = " Coverage by team × level · ✓ 2+ of ours  ~ 1  ! via colleagues  ‼ unreachable ";
    let block = theme.panel(title, true);
    let inner = block.inner(list);
    frame.render_widget(block, list);
    if rows.is_empty() {
        let text = if app.grid_view.filter.value().trim().is_empty() {
            "No active partner people yet."
        } else {
            "No team matches the filter — Esc clears it"
        };
        frame.render_widget(Paragraph::new(Span::styled(text, theme.dim())), inner);
        return;
    }
    let width = inner.width as usize;
    let team_w = if width >= 100 { 24 } else { 16 };
    let cell_w = (width.saturating_sub(team_w) / 4).max(4);
    let mut lines = vec![header(team_w, cell_w, theme)];
    let height = (inner.height as usize).saturating_sub(1);
    let mut cursor = app.grid_view.cursor;
    cursor.scroll_into_view(height);
    for (at, row) in rows.iter().enumerate().skip(cursor.offset).take(height) {
        let mut spans = vec![Span::raw(fit(&printable(team_said(row)), team_w))];
        for (column, cell) in row.cells.iter().enumerate() {
            let text = fit(&printable(&cell_said(cell)), cell_w.saturating_sub(1));
            let style = if at == cursor.selected && column == app.grid_view.column {
                theme.selected()
            } else {
                cell_style(cell, theme)
            };
            spans.push(Span::styled(text, style));
            spans.push(Span::raw(" "));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    selected_panel(app, frame, detail, theme);
}

fn header(team_w: usize, cell_w: usize, theme: Theme) -> Line<'static> {
    let mut spans = vec![Span::styled(fit("TEAM", team_w), theme.dim())];
    for level in Level::ALL {
        let name = level.as_str().to_uppercase();
        spans.push(Span::styled(
            format!("{} ", fit(&name, cell_w.saturating_sub(1))),
            theme.dim(),
        ));
    }
    Line::from(spans)
}

/// The selected cell in words, with its people, under the grid.
fn selected_panel(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let block = theme.panel(
        " Selected cell · Enter shows these people · ← → levels ",
        false,
    );
    let Some((row, column)) = selected(app) else {
        frame.render_widget(block, area);
        return;
    };
    let cell = &row.cells[column];
    let p = app.partnership();
    let counts = Reach::ALL.map(|r| cell.count(r));
    let said = format!(
        "{}: {} — ✓ {} covered by two or more of ours, ~ {} by one, ! {} only through colleagues, ‼ {} unreachable",
        cell_label(&row, column),
        crate::words::plural(cell.people.len(), "person", "people"),
        counts[0],
        counts[1],
        counts[2],
        counts[3]
    );
    let names: Vec<String> = cell
        .people
        .iter()
        .map(|&i| p.people[i].name.clone())
        .collect();
    let lines = vec![
        Line::styled(printable(&said).into_owned(), cell_style(cell, theme)),
        Line::raw(printable(&crate::words::name_list(&names)).into_owned()),
    ];
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
        area,
    );
}
