//! The aligned text table printed on a terminal: colour by severity when
//! allowed, a symbol always, and every data string made printable.

use super::{Style, headline, joined_names};
use crate::analysis::{Analysis, Severity};
use crate::model::Partnership;
use crate::text::{printable, width};
use crate::words::{risk_detail, symbol};

const RESET: &str = "\x1b[0m";

fn severity_color(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "\x1b[1;31m",
        Severity::High => "\x1b[31m",
        Severity::Medium => "\x1b[33m",
        Severity::Low => "\x1b[2m",
    }
}

/// Lays out rows in columns, padded by display width (a CJK or emoji name
/// takes two columns a character); the last column is not padded.
/// `colors[i]` is an ANSI colour for row `i`'s first cell.
fn layout(header: &[&str], rows: &[Vec<String>], colors: &[Option<&str>], style: Style) -> String {
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
    line(header.to_vec(), bold);
    for (row, color) in rows.iter().zip(colors) {
        line(row.iter().map(String::as_str).collect(), *color);
    }
    out
}

fn title(p: &Partnership, a: &Analysis, style: Style) -> String {
    let name = printable(&p.names.name);
    let name = if style.color {
        format!("\x1b[1m{name}{RESET}")
    } else {
        name.into_owned()
    };
    format!("{name} — as of {} — {}\n\n", a.scenario.as_of, headline(a))
}

pub fn risks(p: &Partnership, a: &Analysis, style: Style) -> String {
    let mut out = title(p, a, style);
    if a.risks.is_empty() {
        out.push_str("No risks found.\n");
        return out;
    }
    let rows: Vec<Vec<String>> = a
        .risks
        .iter()
        .map(|r| {
            vec![
                format!("{} {}", symbol(r.severity), r.severity),
                r.kind.to_string(),
                printable(r.subject_name(p)).into_owned(),
                printable(&risk_detail(p, a.scenario.as_of, r)).into_owned(),
            ]
        })
        .collect();
    let colors: Vec<Option<&str>> = a
        .risks
        .iter()
        .map(|r| Some(severity_color(r.severity)))
        .collect();
    out.push_str(&layout(
        &["SEVERITY", "KIND", "SUBJECT", "DETAIL"],
        &rows,
        &colors,
        style,
    ));
    out
}

pub fn coverage(p: &Partnership, a: &Analysis, style: Style) -> String {
    let mut out = title(p, a, style);
    if a.coverage.is_empty() {
        out.push_str("No active partner people.\n");
        return out;
    }
    let rows: Vec<Vec<String>> = a
        .coverage
        .iter()
        .map(|c| {
            let person = &p.people[c.person];
            vec![
                printable(&person.name).into_owned(),
                person.level.to_string(),
                c.direct().to_string(),
                printable(&joined_names(p, &c.covered_by)).into_owned(),
                printable(&joined_names(p, &c.depends_on)).into_owned(),
                if c.reachable { "yes" } else { "NO" }.to_string(),
                c.last_contact
                    .map_or_else(|| "—".to_string(), |d| d.to_string()),
            ]
        })
        .collect();
    let colors: Vec<Option<&str>> = a
        .coverage
        .iter()
        .map(|c| match (c.reachable, c.direct()) {
            (false, _) => Some(severity_color(Severity::Critical)),
            (true, 0 | 1) => Some(severity_color(Severity::Medium)),
            _ => None,
        })
        .collect();
    out.push_str(&layout(
        &[
            "PARTNER PERSON",
            "LEVEL",
            "DIRECT",
            "COVERED BY",
            "DEPENDS ON",
            "REACHABLE",
            "LAST CONTACT",
        ],
        &rows,
        &colors,
        style,
    ));
    out
}
