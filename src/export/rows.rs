//! The records every export format writes: one per risk, one per covered
//! partner person, with ids and names resolved. JSON serialises them as they
//! are; CSV, Markdown and the table lay them out.

use crate::analysis::{Analysis, Coverage, Risk};
use crate::model::Partnership;
use jiff::civil::Date;
use serde::Serialize;

/// One risk, as SPEC §6 shapes it.
#[derive(Debug, Clone, Serialize)]
pub struct RiskRow {
    pub kind: &'static str,
    pub severity: &'static str,
    pub subject: String,
    pub subject_name: String,
    pub side: Option<&'static str>,
    pub people: Vec<String>,
    pub detail: String,
}

impl RiskRow {
    pub fn new(p: &Partnership, as_of: Date, risk: &Risk) -> RiskRow {
        RiskRow {
            kind: risk.kind.as_str(),
            severity: risk.severity.as_str(),
            subject: risk.subject_id(p).to_string(),
            subject_name: risk.subject_name(p).to_string(),
            side: risk.side(p).map(|s| s.as_str()),
            people: ids(p, &risk.people),
            detail: crate::words::risk_detail(p, as_of, risk),
        }
    }
}

/// One active partner person's coverage, as SPEC §6 shapes it.
#[derive(Debug, Clone, Serialize)]
pub struct CoverageRow {
    pub id: String,
    pub name: String,
    pub level: &'static str,
    pub key: bool,
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
            direct: row.direct(),
            covered_by: ids(p, &row.covered_by),
            depends_on: ids(p, &row.depends_on),
            reachable: row.reachable,
            last_contact: row.last_contact.map(|d| d.to_string()),
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
            risks: SeverityCounts {
                critical,
                high,
                medium,
                low,
            },
        }
    }
}

/// The whole `risks` report.
#[derive(Debug, Clone, Serialize)]
pub struct RiskReport {
    pub as_of: String,
    pub partnership: String,
    pub summary: Summary,
    /// Ids of the people a what-if treats as gone; absent from the JSON
    /// when empty, so the command line's output is exactly SPEC §6.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub what_if_gone: Vec<String>,
    pub risks: Vec<RiskRow>,
}

impl RiskReport {
    pub fn new(p: &Partnership, a: &Analysis) -> RiskReport {
        RiskReport {
            as_of: a.scenario.as_of.to_string(),
            partnership: p.names.name.clone(),
            summary: Summary::new(p, a),
            what_if_gone: what_if_gone(p, a),
            risks: a
                .risks
                .iter()
                .map(|r| RiskRow::new(p, a.scenario.as_of, r))
                .collect(),
        }
    }
}

/// The whole `coverage` report.
#[derive(Debug, Clone, Serialize)]
pub struct CoverageReport {
    pub as_of: String,
    pub people: Vec<CoverageRow>,
}

impl CoverageReport {
    pub fn new(p: &Partnership, a: &Analysis) -> CoverageReport {
        CoverageReport {
            as_of: a.scenario.as_of.to_string(),
            people: a.coverage.iter().map(|c| CoverageRow::new(p, c)).collect(),
        }
    }
}

fn ids(p: &Partnership, people: &[usize]) -> Vec<String> {
    people.iter().map(|&i| p.people[i].id.clone()).collect()
}

/// Ids of the people the scenario treats as gone, sorted.
fn what_if_gone(p: &Partnership, a: &Analysis) -> Vec<String> {
    let mut gone = a.scenario.gone.clone();
    crate::analysis::sort_by_id(p, &mut gone);
    ids(p, &gone)
}
