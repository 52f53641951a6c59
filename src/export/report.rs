//! What every report is made of, whatever it is written as: a heading,
//! columns, rows of typed cells and a JSON shape. One writer per format
//! (`table.rs`, `csv.rs`, `markdown.rs`, `json.rs`) lays out any report,
//! so a new report is one struct that implements [`Report`].

use crate::analysis::{Analysis, Severity};
use crate::model::Partnership;
use jiff::civil::Date;
use serde::Serialize;
use std::borrow::Cow;

/// One report: the risk list, the coverage table, and those to come.
pub trait Report {
    /// The JSON document, field for field as SPEC §6 shapes it.
    type Json: Serialize;

    fn heading(&self) -> Heading;
    fn columns(&self) -> Vec<Column>;
    fn rows(&self) -> Vec<Row>;
    fn json(&self) -> Self::Json;
}

/// What the report is, for whom and as of when, above the rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// "Partnership risks" (Markdown's title).
    pub title: &'static str,
    /// The partnership's name.
    pub partnership: String,
    pub as_of: Date,
    /// The headline numbers ([`crate::words::headline`]).
    pub headline: String,
    /// Names of the people a what-if treats as gone (Markdown says so).
    pub what_if_gone: Vec<String>,
    /// Said instead of the rows when there are none: "No risks found."
    pub empty: &'static str,
    /// When only some rows are written: which, in words ("3 of 44 risks,
    /// those matching “critical”"). Markdown and the table say so.
    pub only: Option<String>,
}

impl Heading {
    /// The heading of a report on analysis `a` of `p`.
    pub fn of(p: &Partnership, a: &Analysis, title: &'static str, empty: &'static str) -> Heading {
        Heading {
            title,
            partnership: p.names.name.clone(),
            as_of: a.scenario.as_of,
            headline: crate::words::headline(a),
            // In the order the what-if marked them.
            what_if_gone: names(p, &a.scenario.gone),
            empty,
            only: None,
        }
    }
}

/// How a column's cells line up where the format can say so (Markdown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Right,
}

/// Where a column is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// Every format.
    Everywhere,
    /// CSV only: ids and codes a reader sees as names elsewhere.
    Csv,
    /// CSV and Markdown, not the terminal's table (too wide for it).
    NotInTable,
    /// The table and Markdown, not CSV (CSV has the same in columns of
    /// its own, for a spreadsheet).
    Reader,
}

/// One column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The machine's name: the CSV header (and the JSON field it mirrors).
    pub key: Cow<'static, str>,
    /// The reader's name: Markdown's header.
    pub label: Cow<'static, str>,
    /// The table's header; the label in capitals unless set.
    pub heading: Option<Cow<'static, str>>,
    pub align: Align,
    pub shown: Shown,
}

impl Column {
    /// A column shown everywhere, aligned left.
    pub const fn new(key: &'static str, label: &'static str) -> Column {
        Column {
            key: Cow::Borrowed(key),
            label: Cow::Borrowed(label),
            heading: None,
            align: Align::Left,
            shown: Shown::Everywhere,
        }
    }

    /// A column for machines only (CSV).
    pub const fn csv(key: &'static str) -> Column {
        Column::new(key, key).shown(Shown::Csv)
    }

    pub const fn shown(mut self, shown: Shown) -> Column {
        self.shown = shown;
        self
    }

    pub const fn right(mut self) -> Column {
        self.align = Align::Right;
        self
    }

    /// The table's header, when it is not the label in capitals.
    pub fn heading(mut self, heading: &'static str) -> Column {
        self.heading = Some(Cow::Borrowed(heading));
        self
    }

    /// The table's header.
    pub fn table_heading(&self) -> Cow<'_, str> {
        match &self.heading {
            Some(h) => Cow::Borrowed(h),
            None => Cow::Owned(self.label.to_uppercase()),
        }
    }

    pub fn in_table(&self) -> bool {
        matches!(self.shown, Shown::Everywhere | Shown::Reader)
    }

    pub fn in_markdown(&self) -> bool {
        self.shown != Shown::Csv
    }

    pub fn in_csv(&self) -> bool {
        self.shown != Shown::Reader
    }
}

/// One cell, typed so that each format writes it its own way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Count(usize),
    /// "‼ critical" for a reader, "critical" in CSV.
    Severity(Severity),
    /// Names joined with ", " for a reader, ids joined with ";" in CSV.
    People {
        ids: Vec<String>,
        names: Vec<String>,
    },
    /// A yes or no where no is the answer to notice: "yes" / "NO" in the
    /// table, "yes" / "**no**" in Markdown, "true" / "false" in CSV.
    Flag(bool),
    /// A day, or none: "—" for a reader, empty in CSV.
    Date(Option<Date>),
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell::Text(text.into())
    }

    /// People by index, in the order given.
    pub fn people(p: &Partnership, people: &[usize]) -> Cell {
        Cell::People {
            ids: super::ids(p, people),
            names: names(p, people),
        }
    }

    /// The cell for a reader (table or Markdown), before escaping; a flag
    /// is the table's "yes" / "NO".
    pub fn for_reader(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(text) => Cow::Borrowed(text),
            Cell::Count(n) => Cow::Owned(n.to_string()),
            Cell::Severity(s) => Cow::Owned(format!("{} {s}", crate::words::symbol(*s))),
            Cell::People { names, .. } => Cow::Owned(names.join(", ")),
            Cell::Flag(yes) => Cow::Borrowed(if *yes { "yes" } else { "NO" }),
            Cell::Date(day) => Cow::Owned(day.map_or_else(|| "—".to_string(), |d| d.to_string())),
        }
    }

    /// The cell in CSV, before escaping.
    pub fn for_csv(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(text) => Cow::Borrowed(text),
            Cell::Count(n) => Cow::Owned(n.to_string()),
            Cell::Severity(s) => Cow::Borrowed(s.as_str()),
            Cell::People { ids, .. } => Cow::Owned(ids.join(";")),
            Cell::Flag(yes) => Cow::Borrowed(if *yes { "true" } else { "false" }),
            Cell::Date(day) => Cow::Owned(day.map(|d| d.to_string()).unwrap_or_default()),
        }
    }
}

/// One row: its cells, one per column, and the severity its first cell is
/// painted with where colour is allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub tone: Option<Severity>,
}

fn names(p: &Partnership, people: &[usize]) -> Vec<String> {
    people.iter().map(|&i| p.people[i].name.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::{Cell, Column, Heading, Report, Row, Shown};
    use crate::analysis::Severity;
    use crate::export::{Format, Style, write};
    use jiff::civil::date;

    /// A new report is one struct: this one lists two people.
    struct Pairs;

    impl Report for Pairs {
        type Json = Vec<(&'static str, usize)>;

        fn heading(&self) -> Heading {
            Heading {
                title: "Pairs",
                partnership: "N × C".into(),
                as_of: date(2026, 11, 24),
                headline: "2 pairs".into(),
                what_if_gone: Vec::new(),
                empty: "No pairs.",
                only: None,
            }
        }

        fn columns(&self) -> Vec<Column> {
            vec![
                Column::csv("id"),
                Column::new("name", "Name"),
                Column::new("meetings", "Meetings").right(),
                Column::new("ok", "Fine").shown(Shown::NotInTable),
            ]
        }

        fn rows(&self) -> Vec<Row> {
            let row = |id: &str, name: &str, n, ok, tone| Row {
                cells: vec![
                    Cell::text(id),
                    Cell::text(name),
                    Cell::Count(n),
                    Cell::Flag(ok),
                ],
                tone,
            };
            vec![
                row("ana", "Ana | Ruiz", 3, true, None),
                row("li", "=Li", 12, false, Some(Severity::High)),
            ]
        }

        fn json(&self) -> Self::Json {
            vec![("ana", 3), ("li", 12)]
        }
    }

    #[test]
    fn one_report_is_written_in_every_format() {
        let style = Style::default();
        assert_eq!(
            write(&Pairs, Format::Table, style),
            "N × C — as of 2026-11-24 — 2 pairs\n\nNAME        MEETINGS\nAna | Ruiz  3\n=Li         12\n"
        );
        assert_eq!(
            write(&Pairs, Format::Csv, style),
            "id,name,meetings,ok\nana,Ana | Ruiz,3,true\nli,'=Li,12,false\n"
        );
        assert_eq!(
            write(&Pairs, Format::Markdown, style),
            "# Pairs — N × C\n\nAs of 2026-11-24 · 2 pairs\n\n| Name | Meetings | Fine |\n|---|--:|---|\n| Ana \\| Ruiz | 3 | yes |\n| =Li | 12 | **no** |\n"
        );
        assert_eq!(
            write(&Pairs, Format::Json, style),
            "[\n  [\n    \"ana\",\n    3\n  ],\n  [\n    \"li\",\n    12\n  ]\n]\n"
        );
        let colored = write(&Pairs, Format::Table, Style { color: true });
        assert!(colored.contains("\x1b[31m=Li\x1b[0m"), "{colored:?}");
    }
}
