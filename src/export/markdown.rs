//! Markdown for a leadership review, for any report: a heading, the
//! headline numbers and a table, with pipes, HTML and line breaks in the
//! data made inert.

use super::report::{Align, Cell, Heading, Report};
use std::fmt::Write;

/// Escapes a table cell: pipes, HTML, Markdown emphasis and line breaks.
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '*' | '_' | '`' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => out.push(' '),
            c if crate::text::needs_escape(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out
}

/// A cell as written: escaped, but a "no" worth noticing in bold.
fn written(c: &Cell) -> String {
    match c {
        Cell::Flag(false) => "**no**".to_string(),
        c => cell(&c.for_reader()),
    }
}

/// `report` in Markdown: a title, the date and headline numbers, a
/// what-if warning when it is one, then its columns (those not for CSV
/// only), or what it says when it has no rows.
pub fn write<R: Report>(report: &R) -> String {
    let heading = report.heading();
    let mut out = String::new();
    front(&heading, &mut out);
    body(report, &heading, &mut out);
    out
}

/// A document's top: its title, the date and headline numbers, and the
/// notes under them.
pub fn front(heading: &Heading, out: &mut String) {
    let _ = writeln!(
        out,
        "# {} — {}\n",
        heading.title,
        cell(&heading.partnership)
    );
    let _ = writeln!(out, "As of {} · {}\n", heading.as_of, heading.headline);
    notes(heading, out);
}

/// `report` as a section of a longer document (the leadership review): a
/// second-level title, its headline numbers, then its rows.
pub fn section<R: Report>(report: &R) -> String {
    let heading = report.heading();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## {}\n\n{}\n",
        heading.title,
        capitalised(&heading.headline)
    );
    if let Some(only) = &heading.only {
        let _ = writeln!(out, "**Filtered:** {}.\n", cell(only));
    }
    body(report, &heading, &mut out);
    out
}

/// The what-if warning and the filter's note, under a document's title.
fn notes(heading: &Heading, out: &mut String) {
    if !heading.what_if_gone.is_empty() {
        let _ = writeln!(
            out,
            "**What-if:** as if {} had left. This is not the real state of the partnership.\n",
            cell(&crate::text::join_names(&heading.what_if_gone))
        );
    }
    if let Some(only) = &heading.only {
        let _ = writeln!(
            out,
            "**Filtered:** {}. The counts above are the whole partnership's.\n",
            cell(only)
        );
    }
}

/// The report's table, or what it says when it has no rows.
fn body<R: Report>(report: &R, heading: &Heading, out: &mut String) {
    let rows = report.rows();
    if rows.is_empty() {
        out.push_str(heading.empty);
        out.push('\n');
        return;
    }
    let columns = report.columns();
    let shown: Vec<usize> = (0..columns.len())
        .filter(|&i| columns[i].in_markdown())
        .collect();
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    out.push_str(&line(
        shown
            .iter()
            .map(|&i| columns[i].label.to_string())
            .collect(),
    ));
    out.push('|');
    for &i in &shown {
        out.push_str(match columns[i].align {
            Align::Left => "---|",
            Align::Right => "--:|",
        });
    }
    out.push('\n');
    for row in &rows {
        let cells = shown
            .iter()
            .map(|&i| row.cells.get(i).map(written).unwrap_or_default());
        out.push_str(&line(cells.collect()));
    }
}

/// "Risk score 88 → 19 …": a headline that starts a paragraph.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_inert() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("<script>x</script>"), "&lt;script&gt;x&lt;/script&gt;");
        assert_eq!(cell("line\nbreak"), "line break");
        assert_eq!(cell("*bold* [x](y)"), "\\*bold\\* \\[x\\](y)");
    }
}
