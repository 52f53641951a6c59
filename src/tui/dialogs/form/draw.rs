//! What opens over the main screen: the help overlay, a form, the export
//! dialog. Help is generated from the keymap table.

use super::{Field, FieldKind, Form};
use crate::analysis::Severity;
use crate::text::printable;
use crate::tui::app::App;
use crate::tui::dialogs::{Dialog, EXPORT_FORMATS, Export, free_export_path};
use crate::tui::keymap;
use crate::tui::screen::fit;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    match &app.dialog {
        Some(Dialog::Form(form)) => render_form(app, form, frame, area, theme),
        Some(Dialog::Export(export)) => render_export(app, *export, frame, area, theme),
        None => {}
    }
    if app.help {
        render_help(frame, area, app.help_scroll, theme);
    }
}

/// A box of `width` × `height` in the middle of `area`, cleared.
pub(crate) fn popup(frame: &mut Frame, area: Rect, width: u16, height: u16) -> Rect {
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

fn render_help(frame: &mut Frame, area: Rect, scroll: u16, theme: Theme) {
    let mut lines = vec![Line::styled("Keys", theme.title())];
    for b in keymap::MAIN.iter().filter(|b| !b.label.is_empty()) {
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<18}", b.label), theme.key()),
            Span::raw(b.help),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("In forms", theme.title()));
    for (key, what) in keymap::FORM {
        lines.push(Line::from(vec![
            Span::styled(format!("  {key:<18}"), theme.key()),
            Span::raw(*what),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Badges", theme.title()));
    let mut legend = vec![Span::raw("  ")];
    for s in Severity::ALL {
        legend.push(Span::styled(
            format!("{} {s}  ", s.symbol()),
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
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Every change is saved at once. ↑↓ scroll; any other key closes.",
        theme.dim(),
    ));
    // Help lines are short enough for 80 columns: no wrapping, so scrolling
    // counts rows exactly.
    let total = lines.len() as u16;
    let rect = popup(frame, area, 80, total + 2);
    let room = rect.height.saturating_sub(2);
    let scroll = scroll.min(total.saturating_sub(room));
    let more = if scroll + room < total {
        " ↓ more "
    } else {
        ""
    };
    let block = theme
        .dialog(" Help ")
        .title_bottom(Span::styled(more, theme.key()));
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
}

/// Rows a pick list shows while it has the focus, at most.
const PICK_ROWS: usize = 8;
/// Width of the label column in forms.
const LABEL_W: usize = 14;

fn render_form(app: &App, form: &Form, frame: &mut Frame, area: Rect, theme: Theme) {
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
                for (k, option) in options.iter().enumerate() {
                    let style = if k == *selected {
                        if focused {
                            theme.selected()
                        } else {
                            theme.accent()
                        }
                    } else {
                        theme.dim()
                    };
                    // Brackets mark the choice without colour too.
                    let text = if k == *selected {
                        format!("[{option}]")
                    } else {
                        format!(" {option} ")
                    };
                    spans.push(Span::styled(text, style));
                }
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
    lines.push(Line::raw(""));
    match &form.confirm {
        Some(confirm) => lines.push(Line::styled(
            printable(confirm.question()).into_owned(),
            theme.selected(),
        )),
        None => lines.push(Line::styled(
            "Tab next field · Enter on the last field or Ctrl-S saves · Esc cancels",
            theme.dim(),
        )),
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

/// Splits `text` into lines of at most `width` characters, at spaces
/// where it can.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while line.chars().count() > width.max(1) {
            let head: String = line.chars().take(width.max(1)).collect();
            line = line.chars().skip(width.max(1)).collect();
            out.push(head);
        }
    }
    out.push(line);
    out
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

fn render_export(app: &App, export: Export, frame: &mut Frame, area: Rect, theme: Theme) {
    let mut options = vec![Span::raw("  ")];
    for (k, format) in EXPORT_FORMATS.iter().enumerate() {
        let style = if k == export.selected {
            theme.selected()
        } else {
            theme.dim()
        };
        let label = match format {
            crate::export::Format::Markdown => "Markdown",
            crate::export::Format::Json => "JSON",
            _ => "CSV",
        };
        options.push(Span::styled(format!(" {label} "), style));
        options.push(Span::raw("  "));
    }
    let format = EXPORT_FORMATS
        .get(export.selected)
        .copied()
        .unwrap_or(crate::export::Format::Csv);
    let path = free_export_path(&app.path, app.as_of, app.what_if(), format);
    let (shown, all) = crate::tui::update::export_scope(app);
    let count = if shown == all {
        format!("{all}")
    } else {
        format!("{shown} of {all} (filtered)")
    };
    let mut lines = vec![
        Line::raw(format!(
            "Export the {count} risks as of {}{}",
            app.as_of,
            if app.what_if() {
                " — what-if, labelled as such"
            } else {
                ""
            }
        )),
        Line::raw(""),
        Line::from(options),
        Line::raw(""),
        Line::styled(format!("to {}", crate::text::path(&path)), theme.dim()),
        Line::raw(""),
        Line::styled(
            "← → choose · c j m pick a format and write · Enter writes · Esc cancels",
            theme.dim(),
        ),
    ];
    if app.what_if() {
        lines.insert(
            1,
            Line::styled(
                "The what-if is not the real state of the partnership.",
                theme.what_if(),
            ),
        );
    }
    let height = lines.len() as u16 + 2;
    let rect = popup(frame, area, 80, height);
    let block = theme.dialog(" Export the risk list ");
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
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
