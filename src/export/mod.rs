//! The risk list and the coverage table as table, CSV, JSON or Markdown —
//! the same code for the command line and the terminal UI.

mod csv;
mod markdown;
mod rows;
mod table;

pub use self::csv::{cell as csv_cell, guard};
pub use rows::{CoverageReport, CoverageRow, RiskReport, RiskRow, SeverityCounts, Summary};

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
    match format {
        Format::Table => table::risks(p, a, style),
        Format::Csv => csv::risks(&RiskReport::new(p, a)),
        Format::Json => json(&RiskReport::new(p, a)),
        Format::Markdown => markdown::risks(p, a),
    }
}

/// The coverage table in `format`.
pub fn coverage(p: &Partnership, a: &Analysis, format: Format, style: Style) -> String {
    match format {
        Format::Table => table::coverage(p, a, style),
        Format::Csv => csv::coverage(&CoverageReport::new(p, a)),
        Format::Json => json(&CoverageReport::new(p, a)),
        Format::Markdown => markdown::coverage(p, a),
    }
}

fn json<T: serde::Serialize>(report: &T) -> String {
    // These reports hold only strings, numbers, booleans and lists: they always serialise.
    let text = serde_json::to_string_pretty(report).unwrap_or_default();
    // serde_json leaves C1 controls and bidirectional overrides raw: escape
    // them too, so that the JSON is safe to show on a terminal.
    let mut text = crate::text::json_escape_controls(&text).into_owned();
    text.push('\n');
    text
}

/// A line of headline numbers: "bus factor 1 · 3 critical, 5 high, 4 medium, 2 low".
pub fn headline(a: &Analysis) -> String {
    let [critical, high, medium, low] = a.severity_counts();
    format!(
        "bus factor {} · {critical} critical, {high} high, {medium} medium, {low} low",
        a.bus_factor.size
    )
}

/// Display names for person indices, joined with ", ".
fn joined_names(p: &Partnership, people: &[usize]) -> String {
    people
        .iter()
        .map(|&i| p.people[i].name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
