//! The aligned text table printed on a terminal, for any report: colour by
//! severity when allowed, a symbol always, and every data string made
//! printable. Every column is padded on the left; the last is not padded.

use super::Style;
use super::report::{Heading, Report};
use crate::analysis::Severity;
use crate::text::{printable, width};
use std::borrow::Cow;

const RESET: &str = "\x1b[0m";

fn severity_color(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "\x1b[1;31m",
        Severity::High => "\x1b[31m",
        Severity::Medium => "\x1b[33m",
        Severity::Low => "\x1b[2m",
    }
}

/// `report` as a table: its heading line, then its columns (those shown in
/// a table), or what it says when it has no rows.
pub fn write<R: Report>(report: &R, style: Style) -> String {
    let heading = report.heading();
    let mut out = title(&heading, style);
    let rows = report.rows();
    if rows.is_empty() {
        out.push_str(heading.empty);
        out.push('\n');
        return out;
    }
    let columns = report.columns();
    let shown: Vec<usize> = (0..columns.len())
        .filter(|&i| columns[i].in_table())
        .collect();
    let header: Vec<Cow<str>> = shown.iter().map(|&i| columns[i].table_heading()).collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            let cell = |i: usize| {
                row.cells
                    .get(i)
                    .map(|c| printable(&c.for_reader()).into_owned())
            };
            shown.iter().map(|&i| cell(i).unwrap_or_default()).collect()
        })
        .collect();
    let colors: Vec<Option<&str>> = rows.iter().map(|r| r.tone.map(severity_color)).collect();
    out.push_str(&layout(&header, &cells, &colors, style));
    out
}

/// Lays out rows in columns, padded by display width (a CJK or emoji name
/// takes two columns a character); the last column is not padded.
/// `colors[i]` is an ANSI colour for row `i`'s first cell.
fn layout(
    header: &[Cow<str>],
    rows: &[Vec<String>],
    colors: &[Option<&str>],
    style: Style,
) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let mut out = String::new();
    let mut line = |cells: Vec<&str>, color: Option<&str>| {
        let last = cells.len().saturating_sub(1);
        let mut text = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let pad = widths[i].saturating_sub(width(cell));
            let painted = match (i, color) {
                (0, Some(c)) if style.color => format!("{c}{cell}{RESET}"),
                _ => cell.to_string(),
            };
            text.push_str(&painted);
            if i < last {
                text.push_str(&" ".repeat(pad + 2));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    let bold = style.color.then_some("\x1b[1m");
    line(header.iter().map(|h| h.as_ref()).collect(), bold);
    for (row, color) in rows.iter().zip(colors) {
        line(row.iter().map(String::as_str).collect(), *color);
    }
    out
}

/// "Name — as of 2026-11-24 — bus factor 1 · …", then a blank line.
fn title(heading: &Heading, style: Style) -> String {
    let name = printable(&heading.partnership);
    let name = if style.color {
        format!("\x1b[1m{name}{RESET}")
    } else {
        name.into_owned()
    };
    let only = heading
        .only
        .as_ref()
        .map(|only| format!("Filtered: {}\n", printable(only)))
        .unwrap_or_default();
    format!(
        "{name} — as of {} — {}\n{only}\n",
        heading.as_of, heading.headline
    )
}
