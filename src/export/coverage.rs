//! The `coverage` report: one row per active partner person, in file
//! order, and the JSON document SPEC §6 shapes.

use super::report::{Cell, Column, Heading, Report, Row};
use crate::analysis::{Analysis, Coverage, Severity};
use crate::model::Partnership;
use serde::Serialize;

/// The coverage table of one analysis.
#[derive(Debug, Clone, Copy)]
pub struct CoverageReport<'a> {
    p: &'a Partnership,
    a: &'a Analysis,
}

impl<'a> CoverageReport<'a> {
    pub fn new(p: &'a Partnership, a: &'a Analysis) -> CoverageReport<'a> {
        CoverageReport { p, a }
    }
}

impl Report for CoverageReport<'_> {
    type Json = CoverageJson;

    fn heading(&self) -> Heading {
        Heading::of(
            self.p,
            self.a,
            "Partner coverage",
            "No active partner people.",
        )
    }

    fn columns(&self) -> Vec<Column> {
        vec![
            Column::csv("id"),
            Column::new("name", "Person").heading("PARTNER PERSON"),
            Column::new("level", "Level"),
            Column::csv("key"),
            Column::new("stance", "Stance"),
            Column::new("direct", "Direct").right(),
            Column::new("covered_by", "Covered by"),
            Column::new("depends_on", "Depends on"),
            Column::new("reachable", "Reachable"),
            Column::new("last_contact", "Last contact"),
        ]
    }

    fn rows(&self) -> Vec<Row> {
        let p = self.p;
        let row = |c: &Coverage| {
            let person = &p.people[c.person];
            Row {
                cells: vec![
                    Cell::text(person.id.as_str()),
                    Cell::text(person.name.as_str()),
                    Cell::text(person.level.as_str()),
                    Cell::Flag(person.key),
                    Cell::text(person.stance.map_or("", |s| s.as_str())),
                    Cell::Count(c.direct()),
                    Cell::people(p, &c.covered_by),
                    Cell::people(p, &c.depends_on),
                    Cell::Flag(c.reachable),
                    Cell::Date(c.last_contact),
                ],
                // Unreachable is critical; one thread or none is worth a look.
                tone: match (c.reachable, c.direct()) {
                    (false, _) => Some(Severity::Critical),
                    (true, 0 | 1) => Some(Severity::Medium),
                    _ => None,
                },
            }
        };
        self.a.coverage.iter().map(row).collect()
    }

    fn json(&self) -> CoverageJson {
        CoverageJson {
            as_of: self.a.scenario.as_of.to_string(),
            people: self
                .a
                .coverage
                .iter()
                .map(|c| CoverageRow::new(self.p, c))
                .collect(),
        }
    }
}

/// The whole `coverage --format json` document.
#[derive(Debug, Clone, Serialize)]
pub struct CoverageJson {
    pub as_of: String,
    pub people: Vec<CoverageRow>,
}

/// One active partner person's coverage, as SPEC §6 shapes it.
#[derive(Debug, Clone, Serialize)]
pub struct CoverageRow {
    pub id: String,
    pub name: String,
    pub level: &'static str,
    pub key: bool,
    pub stance: Option<&'static str>,
    pub direct: usize,
    pub covered_by: Vec<String>,
    pub depends_on: Vec<String>,
    pub reachable: bool,
    pub last_contact: Option<String>,
}

impl CoverageRow {
    pub fn new(p: &Partnership, row: &Coverage) -> CoverageRow {
        let person = &p.people[row.person];
        CoverageRow {
            id: person.id.clone(),
            name: person.name.clone(),
            level: person.level.as_str(),
            key: person.key,
            stance: person.stance.map(|s| s.as_str()),
            direct: row.direct(),
            covered_by: super::ids(p, &row.covered_by),
            depends_on: super::ids(p, &row.depends_on),
            reachable: row.reachable,
            last_contact: row.last_contact.map(|d| d.to_string()),
        }
    }
}
