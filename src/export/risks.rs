//! The `risks` report: one row per risk, the headline numbers, and the
//! JSON document SPEC §6 shapes.

use super::report::{Cell, Column, Heading, Report, Row, Shown};
use crate::analysis::{Analysis, Risk};
use crate::model::Partnership;
use crate::words::risk_detail;
use serde::Serialize;

/// The risk list of one analysis.
#[derive(Debug, Clone, Copy)]
pub struct RiskReport<'a> {
    p: &'a Partnership,
    a: &'a Analysis,
    /// Only these risks (indices into `a.risks`), chosen by `filter`.
    only: Option<(&'a [usize], &'a str)>,
}

impl<'a> RiskReport<'a> {
    pub fn new(p: &'a Partnership, a: &'a Analysis) -> RiskReport<'a> {
        RiskReport { p, a, only: None }
    }

    /// Only the risks at `rows` (indices into the analysis's list, in list
    /// order), chosen by the filter `filter`. The headline numbers and the
    /// JSON summary stay the whole partnership's, and the report says it
    /// is filtered.
    pub fn only(
        p: &'a Partnership,
        a: &'a Analysis,
        rows: &'a [usize],
        filter: &'a str,
    ) -> RiskReport<'a> {
        RiskReport {
            p,
            a,
            only: Some((rows, filter)),
        }
    }

    fn risks(&self) -> Vec<&'a Risk> {
        match self.only {
            Some((rows, _)) => rows.iter().filter_map(|&i| self.a.risks.get(i)).collect(),
            None => self.a.risks.iter().collect(),
        }
    }

    fn filtered(&self) -> Option<Filtered> {
        self.only.map(|(rows, query)| Filtered {
            query: query.to_string(),
            shown: rows.len(),
            of: self.a.risks.len(),
        })
    }
}

/// What a filtered export holds: the rows matching `query`, `shown` of `of`.
#[derive(Debug, Clone, Serialize)]
pub struct Filtered {
    pub query: String,
    pub shown: usize,
    pub of: usize,
}

impl Report for RiskReport<'_> {
    type Json = RisksJson;

    fn heading(&self) -> Heading {
        let mut heading = Heading::of(self.p, self.a, "Partnership risks", "No risks found.");
        heading.only = self.filtered().map(|f| {
            format!(
                "{} of {} risks, those matching “{}”",
                f.shown, f.of, f.query
            )
        });
        heading
    }

    fn columns(&self) -> Vec<Column> {
        vec![
            Column::new("severity", "Severity"),
            Column::new("kind", "Kind"),
            Column::new("weight", "Weight").right(),
            Column::csv("subject"),
            Column::new("subject_name", "Subject"),
            Column::csv("side"),
            Column::new("people", "People").shown(Shown::NotInTable),
            Column::new("detail", "Detail"),
        ]
    }

    fn rows(&self) -> Vec<Row> {
        let (p, as_of) = (self.p, self.a.scenario.as_of);
        let row = |r: &Risk| Row {
            cells: vec![
                Cell::Severity(r.severity),
                Cell::text(r.kind.as_str()),
                Cell::Count(r.weight as usize),
                Cell::text(r.subject_id(p)),
                Cell::text(r.subject_name(p)),
                Cell::text(r.side(p).map_or("", |s| s.as_str())),
                Cell::people(p, &r.people),
                Cell::Text(risk_detail(p, as_of, r)),
            ],
            tone: Some(r.severity),
        };
        self.risks().into_iter().map(row).collect()
    }

    fn json(&self) -> RisksJson {
        let (p, a) = (self.p, self.a);
        RisksJson {
            as_of: a.scenario.as_of.to_string(),
            partnership: p.names.name.clone(),
            summary: Summary::new(p, a),
            what_if_gone: what_if_gone(p, a),
            filtered: self.filtered(),
            risks: self
                .risks()
                .into_iter()
                .map(|r| RiskRow::new(p, a, r))
                .collect(),
        }
    }
}

/// The whole `risks --format json` document.
#[derive(Debug, Clone, Serialize)]
pub struct RisksJson {
    pub as_of: String,
    pub partnership: String,
    pub summary: Summary,
    /// Ids of the people a what-if treats as gone; absent from the JSON
    /// when empty, so the command line's output is exactly SPEC §6.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub what_if_gone: Vec<String>,
    /// Which risks a filtered export from the terminal UI holds; absent
    /// otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filtered: Option<Filtered>,
    pub risks: Vec<RiskRow>,
}

/// One risk, as SPEC §6 shapes it.
#[derive(Debug, Clone, Serialize)]
pub struct RiskRow {
    pub kind: &'static str,
    pub severity: &'static str,
    pub weight: u32,
    pub subject: String,
    pub subject_name: String,
    pub side: Option<&'static str>,
    pub people: Vec<String>,
    pub detail: String,
}

impl RiskRow {
    pub fn new(p: &Partnership, a: &Analysis, risk: &Risk) -> RiskRow {
        RiskRow {
            kind: risk.kind.as_str(),
            severity: risk.severity.as_str(),
            weight: risk.weight,
            subject: risk.subject_id(p).to_string(),
            subject_name: risk.subject_name(p).to_string(),
            side: risk.side(p).map(|s| s.as_str()),
            people: super::ids(p, &risk.people),
            detail: risk_detail(p, a.scenario.as_of, risk),
        }
    }
}

/// Risk counts by severity.
#[derive(Debug, Clone, Serialize)]
pub struct SeverityCounts {
    pub critical: usize,
    pub high: usize,
    pub medium: usize,
    pub low: usize,
}

/// The headline numbers of a risk report.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub people: usize,
    pub partner_people: usize,
    pub live_ties: usize,
    pub stale_ties: usize,
    pub bus_factor: usize,
    pub risk_score: u32,
    pub risks: SeverityCounts,
}

impl Summary {
    pub fn new(p: &Partnership, a: &Analysis) -> Summary {
        let [critical, high, medium, low] = a.severity_counts();
        // Counted as `check` and the UI count: active people only.
        let count = a.headcount(p);
        Summary {
            people: count.active(),
            partner_people: count.partner,
            live_ties: a.live.live_tie_count(),
            stale_ties: a.live.stale_tie_count(),
            bus_factor: a.bus_factor.size,
            risk_score: a.risk_score(),
            risks: SeverityCounts {
                critical,
                high,
                medium,
                low,
            },
        }
    }
}

/// Ids of the people the scenario treats as gone, sorted.
fn what_if_gone(p: &Partnership, a: &Analysis) -> Vec<String> {
    let mut gone = a.scenario.gone.clone();
    crate::analysis::sort_by_id(p, &mut gone);
    super::ids(p, &gone)
}
