//! The risks view: the list exactly as `risks` sorts it, and the selected
//! risk's whole detail underneath.

use crate::analysis::{Analysis, Subject};
use crate::model::Partnership;
use crate::text::printable;
use crate::tui::app::App;
use crate::tui::screen::fit;
use crate::tui::theme::Theme;
use crate::tui::views::Cursor;
use crate::words;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use tui_input::Input;

/// The risks view's state: its own filter, the rows it leaves and the cursor.
#[derive(Debug, Clone, Default)]
pub struct RisksView {
    /// Risks shown (indices into the analysis's list), after the filter.
    pub rows: Vec<usize>,
    pub cursor: Cursor,
    /// The risks view's filter: each view keeps its own.
    pub filter: Input,
    /// What the filter matches each risk against (its severity, kind,
    /// subject and detail), made with each analysis ([`texts`], on the
    /// worker when the analysis runs there): a keystroke only matches.
    pub texts: Vec<String>,
}

impl RisksView {
    /// The selected risk's index in the analysis's list.
    pub fn selected(&self) -> Option<usize> {
        self.rows.get(self.cursor.selected).copied()
    }
}

/// What the filter matches each risk of `analysis` against: every column
/// the view shows (severity, kind, subject and detail).
pub fn texts(p: &Partnership, analysis: &Analysis) -> Vec<String> {
    let as_of = analysis.scenario.as_of;
    analysis
        .risks
        .iter()
        .map(|r| {
            format!(
                "{} {} {} {}",
                r.severity.as_str(),
                r.kind,
                r.subject_name(p),
                words::risk_detail(p, as_of, r)
            )
        })
        .collect()
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let [list, detail] = Layout::vertical([Constraint::Min(5), Constraint::Length(5)]).areas(area);
    let p = app.partnership();
    let as_of = app.analysis.scenario.as_of;
    let risks = &app.analysis.risks;
    let rows = &app.risks_view.rows;
    let title = if rows.len() == risks.len() {
        format!(" Risks · {} ", risks.len())
    } else {
        format!(
            " Risks · {} of {} match the filter ",
            rows.len(),
            risks.len()
        )
    };
    // The analysis is being worked out again: these rows are the last one's.
    let stale = app.reanalysis.running();
    let title = if stale {
        format!("{title}· updating… ")
    } else {
        title
    };
    let block = theme.panel(title, true);
    let inner = block.inner(list);
    frame.render_widget(block, list);
    if risks.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled("✓ No risks found.", theme.accent())),
            inner,
        );
    } else if rows.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(
                "No risk matches the filter — Esc clears it",
                theme.dim(),
            )),
            inner,
        );
    } else {
        let height = inner.height as usize;
        let mut cursor = app.risks_view.cursor;
        cursor.scroll_into_view(height);
        let width = inner.width as usize;
        let subject_w = 20;
        let detail_w = width.saturating_sub(12 + 16 + subject_w + 3);
        let lines: Vec<Line> = rows
            .iter()
            .filter_map(|&at| risks.get(at))
            .enumerate()
            .skip(cursor.offset)
            .take(height)
            .map(|(row, r)| {
                let mut line = Line::from(vec![
                    Span::styled(
                        format!("{} {:<10}", words::symbol(r.severity), r.severity.as_str()),
                        theme.severity(r.severity),
                    ),
                    Span::raw(format!("{:<16}", r.kind.as_str())),
                    Span::raw(format!(
                        "{} ",
                        crate::text::fit(&printable(r.subject_name(p)), subject_w)
                    )),
                    Span::styled(
                        fit(&printable(&words::risk_detail(p, as_of, r)), detail_w),
                        theme.dim(),
                    ),
                ]);
                if row == cursor.selected {
                    line = line.style(theme.selected());
                } else if stale {
                    line = line.style(theme.dim());
                }
                line
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }
    selected_panel(app, frame, detail, theme);
}

/// The selected risk in full, under the list.
fn selected_panel(app: &App, frame: &mut Frame, detail: Rect, theme: Theme) {
    let p = app.partnership();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim())
        .title(Span::styled(
            " Selected risk · Enter opens its subject ",
            theme.dim(),
        ));
    let text = match app.selected_risk() {
        Some(r) => {
            let about = match r.subject {
                Subject::Partnership => "the partnership".to_string(),
                Subject::Person(i) => printable(&p.people[i].name).into_owned(),
            };
            vec![
                Line::from(vec![
                    Span::styled(
                        format!("{} {} {} ", words::symbol(r.severity), r.severity, r.kind),
                        theme.severity(r.severity),
                    ),
                    Span::raw(format!("· {about}")),
                ]),
                Line::raw(
                    printable(&words::risk_detail(p, app.analysis.scenario.as_of, r)).into_owned(),
                ),
            ]
        }
        None => Vec::new(),
    };
    frame.render_widget(
        Paragraph::new(text).block(block).wrap(Wrap { trim: true }),
        detail,
    );
}
