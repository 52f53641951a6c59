//! Drawing a form: its fields, each error under its field, the open pick
//! list, and the question the form waits on.

use super::{Field, FieldKind, Form};
use crate::text::{printable, wrap};
use crate::tui::app::App;
use crate::tui::dialogs::popup;
use crate::tui::screen::fit;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Rows a pick list shows while it has the focus, at most.
const PICK_ROWS: usize = 8;
/// Width of the label column in forms.
const LABEL_W: usize = 14;

pub(super) fn render_form(app: &App, form: &Form, frame: &mut Frame, area: Rect, theme: Theme) {
    // Lines besides the open pick list's rows: fields, errors, the pick
    // list's search and count lines, a blank line and the footer, borders.
    let width: u16 = 76;
    let value_w = (width as usize).saturating_sub(LABEL_W + 4);
    let errors: usize = form
        .fields
        .iter()
        .filter_map(|f| f.error.as_deref())
        .map(|e| wrap(&format!("✗ {}", printable(e)), value_w).len())
        .sum();
    let fixed = form.fields.len() + errors + 2 + 2 + 2;
    let pick_rows = (area.height as usize)
        .saturating_sub(2 + fixed)
        .clamp(3, PICK_ROWS);
    let (mut lines, cursor) = field_lines(app, form, value_w, pick_rows, theme);
    lines.push(Line::raw(""));
    match &form.confirm {
        Some(confirm) => lines.push(Line::styled(
            printable(confirm.question()).into_owned(),
            theme.selected(),
        )),
        None => lines.push(Line::styled(footer(form), theme.dim())),
    }
    let height = lines.len() as u16 + 2;
    let rect = popup(frame, area, width, height);
    let block = theme.dialog(format!(" {} ", form.title));
    let inner = block.inner(rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
    if let Some((x, y)) = cursor
        && y < inner.height
        && x < inner.width
    {
        frame.set_cursor_position(Position::new(inner.x + x, inner.y + y));
    }
}

/// What the keys do, under the fields: a form of one field saves on Enter.
fn footer(form: &Form) -> &'static str {
    match form.fields.as_slice() {
        [one] if matches!(one.kind, FieldKind::Choice { .. }) => {
            "← → or a first letter chooses · Enter saves · Esc cancels"
        }
        [_] => "Enter saves · Esc cancels",
        _ => "Tab next field · Enter on the last field or Ctrl-S saves · Esc cancels",
    }
}

/// The form's fields as lines, each error under its field, the focused
/// pick list open; and where the cursor goes (row and column in the box).
fn field_lines(
    app: &App,
    form: &Form,
    value_w: usize,
    pick_rows: usize,
    theme: Theme,
) -> (Vec<Line<'static>>, Option<(u16, u16)>) {
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor: Option<(u16, u16)> = None;
    for (at, field) in form.fields.iter().enumerate() {
        let focused = at == form.focus;
        let label_style = if focused { theme.key() } else { theme.dim() };
        let marker = if focused { "›" } else { " " };
        let mut spans = vec![Span::styled(
            format!("{marker}{:<w$}", field.label, w = LABEL_W),
            label_style,
        )];
        match &field.kind {
            FieldKind::Text(input) | FieldKind::Date(input) => {
                let value = input.value();
                let scroll = input.visual_scroll(value_w);
                if value.is_empty() && !focused {
                    spans.push(Span::styled(field.placeholder, theme.dim()));
                } else {
                    let shown = from_column(&printable(value), scroll);
                    // A default not typed by the user is dim: typing replaces it.
                    let style = if field.fresh {
                        theme.dim()
                    } else {
                        ratatui::style::Style::new()
                    };
                    spans.push(Span::styled(fit(&shown, value_w), style));
                    if value.is_empty() {
                        spans.push(Span::styled(format!(" {}", field.placeholder), theme.dim()));
                    }
                }
                if focused {
                    let x = (LABEL_W + 1 + input.visual_cursor().saturating_sub(scroll)) as u16;
                    cursor = Some((x, lines.len() as u16));
                }
                lines.push(Line::from(spans));
            }
            FieldKind::Choice { options, selected } => {
                spans.extend(choice_spans(options, *selected, focused, theme));
                lines.push(Line::from(spans));
            }
            FieldKind::Pick(pick) => {
                let chosen: Vec<String> = pick
                    .chosen
                    .iter()
                    .filter_map(|&i| app.partnership().people.get(i))
                    .map(|x| printable(&x.name).into_owned())
                    .collect();
                let summary = if chosen.is_empty() {
                    Span::styled(field.placeholder, theme.dim())
                } else {
                    Span::styled(fit(&chosen.join(", "), value_w), theme.accent())
                };
                spans.push(summary);
                lines.push(Line::from(spans));
                if focused {
                    pick_lines(field, &mut lines, &mut cursor, value_w, pick_rows, theme);
                }
            }
        }
        // The reason in full, on as many lines as it takes.
        if let Some(error) = &field.error {
            for part in wrap(&format!("✗ {}", printable(error)), value_w) {
                lines.push(Line::from(vec![
                    Span::raw(" ".repeat(LABEL_W + 1)),
                    Span::styled(part, theme.error()),
                ]));
            }
        }
    }
    (lines, cursor)
}

/// A choice field's options, the chosen one in brackets.
fn choice_spans(
    options: &[&'static str],
    selected: usize,
    focused: bool,
    theme: Theme,
) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (k, option) in options.iter().enumerate() {
        let style = if k == selected {
            if focused {
                theme.selected()
            } else {
                theme.accent()
            }
        } else {
            theme.dim()
        };
        // Brackets mark the choice without colour too.
        let text = if k == selected {
            format!("[{option}]")
        } else {
            format!(" {option} ")
        };
        spans.push(Span::styled(text, style));
    }
    spans
}

fn pick_lines(
    field: &Field,
    lines: &mut Vec<Line>,
    cursor: &mut Option<(u16, u16)>,
    value_w: usize,
    rows: usize,
    theme: Theme,
) {
    let FieldKind::Pick(pick) = &field.kind else {
        return;
    };
    let indent = " ".repeat(LABEL_W + 1);
    let query = pick.query.value();
    let prompt = format!("find: {}", printable(query));
    *cursor = Some((
        (LABEL_W + 1 + 6 + pick.query.visual_cursor()) as u16,
        lines.len() as u16,
    ));
    lines.push(Line::from(vec![
        Span::raw(indent.clone()),
        Span::styled(prompt, theme.key()),
    ]));
    let mut view = pick.cursor;
    view.scroll_into_view(rows);
    if pick.shown.is_empty() {
        lines.push(Line::from(vec![
            Span::raw(indent.clone()),
            Span::styled("nobody matches", theme.dim()),
        ]));
    }
    for (row, &at) in pick.shown.iter().enumerate().skip(view.offset).take(rows) {
        let Some((person, text)) = pick.items.get(at) else {
            continue;
        };
        let mark = if pick.is_chosen(*person) {
            "[x] "
        } else {
            "[ ] "
        };
        let style = if row == view.selected {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::from(vec![
            Span::raw(indent.clone()),
            Span::styled(
                format!("{mark}{}", fit(text, value_w.saturating_sub(4))),
                style,
            ),
        ]));
    }
    if pick.shown.len() > rows {
        lines.push(Line::from(vec![
            Span::raw(indent),
            Span::styled(
                format!("{} in all · ↑↓ to scroll", pick.shown.len()),
                theme.dim(),
            ),
        ]));
    }
}

/// `text` from display column `column` on: the input scrolls by columns,
/// and a wide character is two of them.
fn from_column(text: &str, column: usize) -> String {
    let mut used = 0;
    text.chars()
        .skip_while(|c| {
            let skip = used < column;
            used += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
            skip
        })
        .collect()
}
