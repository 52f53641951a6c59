//! The `plan` report (SPEC §8): one row per step, and the JSON document
//! SPEC §8 shapes.

use super::SeverityCounts;
use super::report::{Cell, Column, Heading, Report, Row, Shown};
use crate::analysis::{Risk, Severity};
use crate::model::Partnership;
use crate::plan::{Plan, Standing, Step};
use crate::words::{empty_plan, plan_headline, risks_short};
use serde::Serialize;

/// A plan, as a report.
#[derive(Debug, Clone, Copy)]
pub struct PlanReport<'a> {
    p: &'a Partnership,
    plan: &'a Plan,
}

impl<'a> PlanReport<'a> {
    pub fn new(p: &'a Partnership, plan: &'a Plan) -> PlanReport<'a> {
        PlanReport { p, plan }
    }
}

impl Report for PlanReport<'_> {
    type Json = PlanJson;

    fn heading(&self) -> Heading {
        let (p, plan) = (self.p, self.plan);
        Heading {
            title: "Meeting plan",
            partnership: p.names.name.clone(),
            as_of: plan.scenario.as_of,
            headline: plan_headline(plan),
            what_if_gone: names(p, &plan.scenario.gone),
            empty: empty_plan(p, plan),
            only: None,
        }
    }

    fn columns(&self) -> Vec<Column> {
        vec![
            Column::new("rank", "Step").heading("#").right(),
            Column::new("action", "Action"),
            Column::csv("ours"),
            Column::new("ours_name", "Our person").heading("OURS"),
            Column::csv("partner"),
            Column::new("partner_name", "Partner person").heading("PARTNER"),
            // A name for a reader, an id in CSV.
            Column::new("via", "Via"),
            Column::new("last_contact", "Last contact").shown(Shown::NotInTable),
            Column::new("risk_score", "Score after")
                .heading("SCORE")
                .right(),
            Column::new("bus_factor", "Bus factor after")
                .heading("BUS")
                .right(),
            Column::csv("critical"),
            Column::csv("high"),
            Column::csv("medium"),
            Column::csv("low"),
            Column::new("removes_said", "Removes").shown(Shown::Reader),
            Column::new("adds_said", "Adds").shown(Shown::Reader),
            Column::csv("removes"),
            Column::csv("adds"),
        ]
    }

    fn rows(&self) -> Vec<Row> {
        let p = self.p;
        let row = |(k, s): (usize, &Step)| {
            let person = |i: usize| Cell::text(p.people[i].id.as_str());
            let name = |i: usize| Cell::text(p.people[i].name.as_str());
            let [critical, high, medium, low] = s.after.counts;
            Row {
                cells: vec![
                    Cell::Count(k + 1),
                    Cell::text(s.action.as_str()),
                    person(s.ours),
                    name(s.ours),
                    person(s.partner),
                    name(s.partner),
                    via_cell(p, s.via),
                    Cell::Date(s.last_contact),
                    Cell::Count(s.after.risk_score as usize),
                    Cell::Count(s.after.bus_factor),
                    Cell::Count(critical),
                    Cell::Count(high),
                    Cell::Count(medium),
                    Cell::Count(low),
                    Cell::Text(risks_short(p, &s.removes)),
                    Cell::Text(risks_short(p, &s.adds)),
                    Cell::Text(risk_keys(p, &s.removes)),
                    Cell::Text(risk_keys(p, &s.adds)),
                ],
                tone: s.removes.iter().map(|r| r.severity).min(),
            }
        };
        self.plan.steps.iter().enumerate().map(row).collect()
    }

    fn json(&self) -> PlanJson {
        let (p, plan) = (self.p, self.plan);
        PlanJson {
            as_of: plan.scenario.as_of.to_string(),
            partnership: p.names.name.clone(),
            what_if_gone: super::ids(p, &plan.scenario.gone),
            before: StandingJson::new(&plan.before),
            steps: plan
                .steps
                .iter()
                .enumerate()
                .map(|(k, s)| StepJson::new(p, k, s))
                .collect(),
        }
    }
}

/// Who can introduce them: a name for a reader ("—" for nobody), an id
/// (or nothing) in CSV.
fn via_cell(p: &Partnership, via: Option<usize>) -> Cell {
    match via {
        Some(v) => Cell::people(p, &[v]),
        None => Cell::People {
            ids: Vec::new(),
            names: vec!["—".into()],
        },
    }
}

fn names(p: &Partnership, people: &[usize]) -> Vec<String> {
    people.iter().map(|&i| p.people[i].name.clone()).collect()
}

/// "unreachable:victor;single-point:rosa" (CSV).
fn risk_keys(p: &Partnership, risks: &[Risk]) -> String {
    let keys: Vec<String> = risks
        .iter()
        .map(|r| format!("{}:{}", r.kind, r.subject_id(p)))
        .collect();
    keys.join(";")
}

/// The whole `plan --format json` document.
#[derive(Debug, Clone, Serialize)]
pub struct PlanJson {
    pub as_of: String,
    pub partnership: String,
    /// Ids of the people a what-if treats as gone; absent when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub what_if_gone: Vec<String>,
    pub before: StandingJson,
    pub steps: Vec<StepJson>,
}

/// Score, bus factor and risk counts at one point of the plan.
#[derive(Debug, Clone, Serialize)]
pub struct StandingJson {
    pub risk_score: u32,
    pub bus_factor: usize,
    pub risks: SeverityCounts,
}

impl StandingJson {
    pub fn new(s: &Standing) -> StandingJson {
        let [critical, high, medium, low] = s.counts;
        StandingJson {
            risk_score: s.risk_score,
            bus_factor: s.bus_factor,
            risks: SeverityCounts {
                critical,
                high,
                medium,
                low,
            },
        }
    }
}

/// One step, as SPEC §8 shapes it.
#[derive(Debug, Clone, Serialize)]
pub struct StepJson {
    pub rank: usize,
    pub action: &'static str,
    pub ours: String,
    pub ours_name: String,
    pub partner: String,
    pub partner_name: String,
    pub last_contact: Option<String>,
    pub via: Option<String>,
    pub after: StandingJson,
    pub removes: Vec<RiskKeyJson>,
    pub adds: Vec<RiskKeyJson>,
}

impl StepJson {
    fn new(p: &Partnership, k: usize, s: &Step) -> StepJson {
        let keys = |risks: &[Risk]| risks.iter().map(|r| RiskKeyJson::new(p, r)).collect();
        StepJson {
            rank: k + 1,
            action: s.action.as_str(),
            ours: p.people[s.ours].id.clone(),
            ours_name: p.people[s.ours].name.clone(),
            partner: p.people[s.partner].id.clone(),
            partner_name: p.people[s.partner].name.clone(),
            last_contact: s.last_contact.map(|d| d.to_string()),
            via: s.via.map(|v| p.people[v].id.clone()),
            after: StandingJson::new(&s.after),
            removes: keys(&s.removes),
            adds: keys(&s.adds),
        }
    }
}

/// A risk a step removes or adds: its kind, subject id and severity.
#[derive(Debug, Clone, Serialize)]
pub struct RiskKeyJson {
    pub kind: &'static str,
    pub subject: String,
    pub severity: &'static str,
}

impl RiskKeyJson {
    fn new(p: &Partnership, r: &Risk) -> RiskKeyJson {
        RiskKeyJson {
            kind: r.kind.as_str(),
            subject: r.subject_id(p).to_string(),
            severity: Severity::as_str(r.severity),
        }
    }
}
