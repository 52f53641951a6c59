//! The `coverage --grid` report (SPEC §10): one row per team, a cell per
//! level, and the JSON document SPEC §10 shapes. Readers see each cell as
//! "people: how covered" ("3: ✓1 ~1 ‼1"); CSV has a column per number.

use super::report::{Cell, Column, Heading, Report, Row, Shown};
use crate::analysis::{Analysis, GridCell, GridRow, Reach, Severity};
use crate::model::{Level, Partnership};
use serde::Serialize;
use std::borrow::Cow;

/// The grid of one analysis.
#[derive(Debug, Clone)]
pub struct GridReport<'a> {
    p: &'a Partnership,
    a: &'a Analysis,
    rows: Vec<GridRow>,
}

impl<'a> GridReport<'a> {
    pub fn new(p: &'a Partnership, a: &'a Analysis) -> GridReport<'a> {
        GridReport {
            p,
            a,
            rows: crate::analysis::grid(p, a),
        }
    }
}

/// The symbol of a way of being covered, worst loudest: ✓ two or more of
/// ours, ~ one, ! only through colleagues, ‼ unreachable.
pub fn reach_symbol(reach: Reach) -> &'static str {
    match reach {
        Reach::Direct2 => "✓",
        Reach::Direct1 => crate::words::symbol(Severity::Medium),
        Reach::Indirect => crate::words::symbol(Severity::High),
        Reach::Unreachable => crate::words::symbol(Severity::Critical),
    }
}

/// The severity a cell or row is painted with: its worst coverage.
pub fn reach_tone(reach: Option<Reach>) -> Option<Severity> {
    match reach? {
        Reach::Direct2 => None,
        Reach::Direct1 => Some(Severity::Medium),
        Reach::Indirect => Some(Severity::High),
        Reach::Unreachable => Some(Severity::Critical),
    }
}

/// "3: ✓1 ~1 ‼1" (the counts that are not 0), or "—" for no one.
pub fn cell_said(cell: &GridCell) -> String {
    if cell.people.is_empty() {
        return "—".to_string();
    }
    let parts: Vec<String> = Reach::ALL
        .into_iter()
        .filter(|&r| cell.count(r) > 0)
        .map(|r| format!("{}{}", reach_symbol(r), cell.count(r)))
        .collect();
    format!("{}: {}", cell.people.len(), parts.join(" "))
}

/// "(no team)" for the people without one.
pub fn team_said(row: &GridRow) -> &str {
    row.team.as_deref().unwrap_or("(no team)")
}

/// The legend and totals: "22 partner people: ✓ 4 covered by two or more of ours, …".
fn legend(rows: &[GridRow]) -> String {
    let mut totals = [0usize; 4];
    for cell in rows.iter().flat_map(|r| r.cells.iter()) {
        for (t, n) in totals.iter_mut().zip(cell.counts) {
            *t += n;
        }
    }
    let [two, one, indirect, unreachable] = totals;
    format!(
        "{} partner people: ✓ {two} covered by two or more of ours, ~ {one} by one, ! {indirect} only through colleagues, ‼ {unreachable} unreachable",
        totals.iter().sum::<usize>()
    )
}

impl Report for GridReport<'_> {
    type Json = GridJson;

    fn heading(&self) -> Heading {
        let mut heading = Heading::of(
            self.p,
            self.a,
            "Coverage by team and level",
            "No active partner people.",
        );
        heading.headline = legend(&self.rows);
        heading
    }

    fn columns(&self) -> Vec<Column> {
        let mut columns = vec![Column::new("team", "Team")];
        for level in Level::ALL {
            columns.push(Column {
                key: Cow::Owned(format!("{level}_said")),
                label: Cow::Owned(capitalised(level.as_str())),
                heading: None,
                align: Default::default(),
                shown: Shown::Reader,
            });
        }
        for level in Level::ALL {
            let key = |what: &str| Column {
                key: Cow::Owned(format!("{level}_{what}")),
                label: Cow::Owned(format!("{level}_{what}")),
                heading: None,
                align: Default::default(),
                shown: Shown::Csv,
            };
            columns.push(key("people"));
            for reach in Reach::ALL {
                columns.push(key(reach.as_str()));
            }
        }
        columns
    }

    fn rows(&self) -> Vec<Row> {
        let row = |r: &GridRow| {
            let mut cells = vec![Cell::text(team_said(r))];
            cells.extend(r.cells.iter().map(|c| Cell::Text(cell_said(c))));
            for c in &r.cells {
                cells.push(Cell::Count(c.people.len()));
                cells.extend(c.counts.iter().map(|&n| Cell::Count(n)));
            }
            let worst = r.cells.iter().filter_map(GridCell::worst).max();
            Row {
                cells,
                tone: reach_tone(worst),
            }
        };
        self.rows.iter().map(row).collect()
    }

    fn json(&self) -> GridJson {
        GridJson {
            as_of: self.a.scenario.as_of.to_string(),
            what_if_gone: super::ids(self.p, &self.a.scenario.gone),
            rows: self.rows.iter().map(GridRowJson::new).collect(),
        }
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The whole `coverage --grid --format json` document.
#[derive(Debug, Clone, Serialize)]
pub struct GridJson {
    pub as_of: String,
    /// Ids of the people a what-if treats as gone; absent when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub what_if_gone: Vec<String>,
    pub rows: Vec<GridRowJson>,
}

/// One team's row, as SPEC §10 shapes it.
#[derive(Debug, Clone, Serialize)]
pub struct GridRowJson {
    pub team: Option<String>,
    pub cells: Vec<GridCellJson>,
}

impl GridRowJson {
    fn new(row: &GridRow) -> GridRowJson {
        GridRowJson {
            team: row.team.clone(),
            cells: Level::ALL
                .into_iter()
                .zip(&row.cells)
                .map(|(level, c)| GridCellJson {
                    level: level.as_str(),
                    people: c.people.len(),
                    direct_2: c.count(Reach::Direct2),
                    direct_1: c.count(Reach::Direct1),
                    indirect: c.count(Reach::Indirect),
                    unreachable: c.count(Reach::Unreachable),
                })
                .collect(),
        }
    }
}

/// One cell, as SPEC §10 shapes it.
#[derive(Debug, Clone, Serialize)]
pub struct GridCellJson {
    pub level: &'static str,
    pub people: usize,
    pub direct_2: usize,
    pub direct_1: usize,
    pub indirect: usize,
    pub unreachable: usize,
}
