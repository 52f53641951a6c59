//! CSV for any report: a header row (the columns' keys), one row per record, lists joined with `;`, every
//! control and bidirectional character escaped as in the table (`\u{1b}`),
//! wherever the CSV goes (a file, a pipe, a terminal), and every cell that a
//! spreadsheet would run as a formula defused with a leading `'`.

#![deny(clippy::indexing_slicing)]

use super::report::Report;

/// A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
/// gets a leading `'` so that a spreadsheet shows it instead of running it.
pub fn guard(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// A cell as written: control and bidirectional characters escaped (so that
/// `| cat` or a spreadsheet cannot be sent an escape sequence), then guarded.
pub fn cell(text: &str) -> String {
    guard(&crate::text::printable(text)).into_owned()
}

fn write_rows(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = out.write_record(header);
    for row in rows {
        let _ = out.write_record(row.iter().map(|c| cell(c)));
    }
    let bytes = out.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// `report` in CSV: every column but those for readers only, headed by its
/// key, one row per record.
pub fn write<R: Report>(report: &R) -> String {
    let columns = report.columns();
    let shown: Vec<usize> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.in_csv())
        .map(|(i, _)| i)
        .collect();
    let header: Vec<&str> = columns
        .iter()
        .filter(|c| c.in_csv())
        .map(|c| c.key.as_ref())
        .collect();
    let rows = report.rows().into_iter().map(|row| {
        let cell = |i: usize| row.cells.get(i).map(|c| c.for_csv().into_owned());
        shown
            .iter()
            .map(|&i| cell(i).unwrap_or_default())
            .collect::<Vec<String>>()
    });
    write_rows(&header, rows)
}

#[cfg(test)]
mod tests {
    use super::{cell, guard, write_rows};

    #[test]
    fn control_and_bidi_characters_are_escaped_in_every_cell() {
        let text = write_rows(
            &["a", "b"],
            [vec![
                "\u{1b}]0;owned\u{7}".to_string(),
                "x\u{9b}31m\u{202e}y\nz".to_string(),
            ]]
            .into_iter(),
        );
        assert!(
            !text.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}']),
            "{text:?}"
        );
        assert_eq!(
            text,
            "a,b\n\\u{1b}]0;owned\\u{7},x\\u{9b}31m\\u{202e}y\\u{a}z\n"
        );
    }

    #[test]
    fn cells_are_escaped_then_guarded() {
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("\tx"), "\\u{9}x");
        assert_eq!(cell("-\u{1b}"), "'-\\u{1b}");
        assert_eq!(cell("Zoë"), "Zoë");
    }

    #[test]
    fn formula_cells_are_defused() {
        for cell in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(guard(cell), format!("'{cell}"));
        }
        for cell in ["Ana", "", "1-2", " =x", "'=x"] {
            assert_eq!(guard(cell), cell);
        }
    }
}
