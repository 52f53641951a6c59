//! Reports as table, CSV, JSON or Markdown — the same code for the command
//! line and the terminal UI. Each report is one model ([`Report`]: heading,
//! columns, rows, JSON shape; `risks.rs`, `coverage.rs`); one writer per
//! format lays out any of them.

mod coverage;
mod csv;
mod json;
pub mod map;
mod markdown;
mod people;
mod report;
mod risks;
mod table;

pub use self::csv::{cell as csv_cell, guard};
pub use coverage::{CoverageJson, CoverageReport, CoverageRow};
pub use people::{PeopleJson, PeopleReport, PersonRow};
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
