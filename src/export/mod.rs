//! Reports as table, CSV, JSON or Markdown — the same code for the command
//! line and the terminal UI. Each report is one model ([`Report`]: heading,
//! columns, rows, JSON shape; `risks.rs`, `coverage.rs`); one writer per
//! format lays out any of them.

mod coverage;
mod csv;
mod json;
mod markdown;
mod report;
mod risks;
mod table;

pub use self::csv::{cell as csv_cell, guard};
pub use coverage::{CoverageJson, CoverageReport, CoverageRow};
pub use report::{Align, Cell, Column, Heading, Report, Row, Shown};
pub use risks::{RiskReport, RiskRow, RisksJson, SeverityCounts, Summary};

use crate::analysis::Analysis;
use crate::model::Partnership;
use std::fmt;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Table,
    Csv,
    Json,
    Markdown,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Table, Format::Csv, Format::Json, Format::Markdown];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Markdown => "markdown",
        }
    }

    /// The file extension for an export in this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Table => "txt",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Markdown => "md",
        }
    }

    /// The format a file name asks for by its extension, if any.
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            "txt" => Some(Format::Table),
            _ => None,
        }
    }
}

/// The format to write, from `--format` (`given`) and the output file's
/// name: the extension decides when no format is given (`.csv`, `.json`,
/// `.md`, `.txt` for a table); a format that contradicts the extension is
/// refused, naming both. With neither, a table — and when the output file
/// has a name that says no format, the second value says so, for a note.
pub fn format_for(
    given: Option<Format>,
    output: Option<&std::path::Path>,
) -> Result<(Format, Option<String>), String> {
    let from_name = output.and_then(Format::from_extension);
    match (given, from_name) {
        (Some(f), Some(e)) if f != e => Err(format!(
            "--format {f} does not match the output file's name, which says {e} (.{}); change one of them",
            e.extension()
        )),
        (Some(f), _) | (None, Some(f)) => Ok((f, None)),
        (None, None) => {
            let note = output.map(|out| {
                format!(
                    "{}: the file's name says no format, so a table was written; use --format csv, json or markdown (or name it .csv, .json, .md)",
                    crate::text::path(out)
                )
            });
            Ok((Format::Table, note))
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether the table may use colour (only on a terminal, never with `NO_COLOR`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    pub color: bool,
}

/// The risk list in `format`.
pub fn risks(p: &Partnership, a: &Analysis, format: Format, style: Style) -> String {
    write(&RiskReport::new(p, a), format, style)
}

/// The coverage table in `format`.
pub fn coverage(p: &Partnership, a: &Analysis, format: Format, style: Style) -> String {
    write(&CoverageReport::new(p, a), format, style)
}

/// Any report in `format`.
pub fn write<R: Report>(report: &R, format: Format, style: Style) -> String {
    match format {
        Format::Table => table::write(report, style),
        Format::Csv => csv::write(report),
        Format::Json => json::write(report),
        Format::Markdown => markdown::write(report),
    }
}

/// Ids for person indices, in the order given.
fn ids(p: &Partnership, people: &[usize]) -> Vec<String> {
    people.iter().map(|&i| p.people[i].id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::{Format, format_for};
    use std::path::Path;

    #[test]
    fn the_extension_decides_and_a_contradiction_is_refused() {
        let csv = Some(Path::new("r.csv"));
        assert_eq!(format_for(None, csv), Ok((Format::Csv, None)));
        assert_eq!(format_for(Some(Format::Csv), csv), Ok((Format::Csv, None)));
        let refused = format_for(Some(Format::Json), csv)
            .err()
            .unwrap_or_default();
        assert!(
            refused.contains("--format json") && refused.contains(".csv"),
            "{refused}"
        );
        assert_eq!(
            format_for(None, Some(Path::new("r.TXT"))),
            Ok((Format::Table, None))
        );
        assert_eq!(format_for(None, None), Ok((Format::Table, None)));
        assert_eq!(
            format_for(Some(Format::Json), Some(Path::new("r.out"))),
            Ok((Format::Json, None))
        );
        let chosen = format_for(None, Some(Path::new("r.out")));
        assert!(
            matches!(&chosen, Ok((Format::Table, Some(note))) if note.contains("says no format")),
            "{chosen:?}"
        );
    }
}
