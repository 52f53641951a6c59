//! The risk list (SPEC §5) as facts: each kind's rule and severity, what a
//! sentence about it needs (counts, dates, person indices — never words),
//! and the one sort order every view and export uses. `crate::words` says
//! them.

use super::{BusFactor, sort_by_id};
use crate::graph::{LiveGraph, LiveTie};
use crate::model::{Level, Partnership, Side};
use jiff::civil::Date;
use std::fmt;

/// How bad a risk is; `Critical` sorts first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Critical = 0,
    High = 1,
    Medium = 2,
    Low = 3,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kinds of risk, in the order the list sorts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RiskKind {
    BusFactor,
    Unreachable,
    SinglePoint,
    SingleThreaded,
    ExecGap,
    StaleTie,
}

impl RiskKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RiskKind::BusFactor => "bus-factor",
            RiskKind::Unreachable => "unreachable",
            RiskKind::SinglePoint => "single-point",
            RiskKind::SingleThreaded => "single-threaded",
            RiskKind::ExecGap => "exec-gap",
            RiskKind::StaleTie => "stale-tie",
        }
    }
}

impl fmt::Display for RiskKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a risk is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Subject {
    Partnership,
    Person(usize),
}

/// What a sentence about a risk needs beyond its kind, subject and people:
/// one variant per kind, the same as `Risk::kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiskFacts {
    /// `people` is one smallest set whose departure cuts the partner off.
    BusFactor {
        size: usize,
        /// Active partner people (0: nobody at the partner is on the map).
        partner_people: usize,
    },
    /// The latest last contact of the subject's ties with our active people.
    Unreachable {
        last_contact: Option<Date>,
    },
    /// `people` is the subject's exposure.
    SinglePoint,
    /// `people` is the one person covering the subject; their tie's last contact.
    SingleThreaded {
        last_contact: Option<Date>,
    },
    ExecGap,
    /// The subject is our end of a stale tie, `people` its partner end.
    StaleTie {
        last_contact: Option<Date>,
    },
}

impl RiskFacts {
    pub fn kind(&self) -> RiskKind {
        match self {
            RiskFacts::BusFactor { .. } => RiskKind::BusFactor,
            RiskFacts::Unreachable { .. } => RiskKind::Unreachable,
            RiskFacts::SinglePoint => RiskKind::SinglePoint,
            RiskFacts::SingleThreaded { .. } => RiskKind::SingleThreaded,
            RiskFacts::ExecGap => RiskKind::ExecGap,
            RiskFacts::StaleTie { .. } => RiskKind::StaleTie,
        }
    }
}

/// One risk.
#[derive(Debug, Clone, PartialEq)]
pub struct Risk {
    /// Always `facts.kind()`.
    pub kind: RiskKind,
    pub severity: Severity,
    pub subject: Subject,
    /// The people the risk is about (SPEC §6), sorted by id.
    pub people: Vec<usize>,
    pub facts: RiskFacts,
}

impl Risk {
    fn new(severity: Severity, subject: Subject, people: Vec<usize>, facts: RiskFacts) -> Risk {
        Risk {
            kind: facts.kind(),
            severity,
            subject,
            people,
            facts,
        }
    }

    pub fn subject_id<'a>(&self, p: &'a Partnership) -> &'a str {
        match self.subject {
            Subject::Partnership => "partnership",
            Subject::Person(i) => &p.people[i].id,
        }
    }

    pub fn subject_name<'a>(&self, p: &'a Partnership) -> &'a str {
        match self.subject {
            Subject::Partnership => &p.names.name,
            Subject::Person(i) => &p.people[i].name,
        }
    }

    pub fn side(&self, p: &Partnership) -> Option<Side> {
        match self.subject {
            Subject::Partnership => None,
            Subject::Person(i) => Some(p.people[i].side),
        }
    }
}

/// What the risk rules read: the live graph and what the analysis found in it.
pub(super) struct Found<'a> {
    pub p: &'a Partnership,
    pub live: &'a LiveGraph,
    pub reachable: &'a [bool],
    /// Per person: the partner people who depend on them, sorted by id.
    pub exposure: &'a [Vec<usize>],
    pub bus_factor: &'a BusFactor,
}

impl Found<'_> {
    /// Active partner people, in file order.
    fn partner_people(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.p.people.len())
            .filter(|&i| self.p.people[i].side == Side::Partner && self.live.active[i])
    }

    /// `person`'s ties (live or stale) with our side.
    fn ties_with_ours(&self, person: usize) -> impl Iterator<Item = &LiveTie> + '_ {
        self.live.ties_of[person]
            .iter()
            .map(|&t| &self.live.ties[t])
            .filter(move |t| self.p.people[t.other(person)].side == Side::Ours)
    }
}

/// Every risk, one rule per kind in SPEC §5's order, sorted.
pub(super) fn risks(found: &Found) -> Vec<Risk> {
    let mut out = Vec::new();
    bus_factor(found, &mut out);
    // `no-champion` comes here in SPEC §5; the model has no stance yet, so
    // nothing can raise it.
    unreachable(found, &mut out);
    single_point(found, &mut out);
    single_threaded(found, &mut out);
    exec_gap(found, &mut out);
    stale_tie(found, &mut out);
    sort_risks(found.p, &mut out);
    out
}

/// `bus-factor`: the partnership, when the bus factor is 2 or less.
fn bus_factor(found: &Found, out: &mut Vec<Risk>) {
    let bus = found.bus_factor;
    if bus.size > 2 {
        return;
    }
    let mut people = bus.people.clone();
    sort_by_id(found.p, &mut people);
    let severity = if bus.size <= 1 {
        Severity::Critical
    } else {
        Severity::High
    };
    let facts = RiskFacts::BusFactor {
        size: bus.size,
        partner_people: found.partner_people().count(),
    };
    out.push(Risk::new(severity, Subject::Partnership, people, facts));
}

/// `unreachable`: an active partner person with no live path from us.
fn unreachable(found: &Found, out: &mut Vec<Risk>) {
    for i in found.partner_people().filter(|&i| !found.reachable[i]) {
        let last_contact = found.ties_with_ours(i).filter_map(|t| t.last_contact).max();
        let severity = if found.p.people[i].is_vip() {
            Severity::Critical
        } else {
            Severity::High
        };
        let facts = RiskFacts::Unreachable { last_contact };
        out.push(Risk::new(severity, Subject::Person(i), Vec::new(), facts));
    }
}

/// `single-point`: an active person whose departure alone cuts someone off.
fn single_point(found: &Found, out: &mut Vec<Risk>) {
    let p = found.p;
    for (v, exposed) in found.exposure.iter().enumerate() {
        if exposed.is_empty() || !found.live.active[v] {
            continue;
        }
        let severity = if exposed.iter().any(|&x| p.people[x].is_vip()) {
            Severity::Critical
        } else if exposed.len() >= 3 {
            Severity::High
        } else {
            Severity::Medium
        };
        let people = exposed.clone();
        out.push(Risk::new(
            severity,
            Subject::Person(v),
            people,
            RiskFacts::SinglePoint,
        ));
    }
}

/// `single-threaded`: an active partner person covered by exactly one of us.
fn single_threaded(found: &Found, out: &mut Vec<Risk>) {
    for i in found.partner_people() {
        let mut covering = found.ties_with_ours(i).filter(|t| t.live);
        let (Some(tie), None) = (covering.next(), covering.next()) else {
            continue;
        };
        let person = &found.p.people[i];
        let severity = if person.is_vip() {
            Severity::High
        } else if person.level == Level::Senior {
            Severity::Medium
        } else {
            Severity::Low
        };
        let facts = RiskFacts::SingleThreaded {
            last_contact: tie.last_contact,
        };
        out.push(Risk::new(
            severity,
            Subject::Person(i),
            vec![tie.other(i)],
            facts,
        ));
    }
}

/// `exec-gap`: an active partner executive with no live tie to one of ours.
fn exec_gap(found: &Found, out: &mut Vec<Risk>) {
    let p = found.p;
    for i in found.partner_people() {
        if p.people[i].level != Level::Executive {
            continue;
        }
        let has_exec = found
            .ties_with_ours(i)
            .any(|t| t.live && p.people[t.other(i)].level == Level::Executive);
        if !has_exec {
            let risk = Risk::new(
                Severity::Medium,
                Subject::Person(i),
                Vec::new(),
                RiskFacts::ExecGap,
            );
            out.push(risk);
        }
    }
}

/// `stale-tie`: a tie between one of ours and a partner person gone stale.
fn stale_tie(found: &Found, out: &mut Vec<Risk>) {
    let p = found.p;
    for tie in found.live.ties.iter().filter(|t| !t.live) {
        let (our_end, their_end) = match (p.people[tie.a].side, p.people[tie.b].side) {
            (Side::Ours, Side::Partner) => (tie.a, tie.b),
            (Side::Partner, Side::Ours) => (tie.b, tie.a),
            _ => continue,
        };
        let severity = if p.people[our_end].is_vip() || p.people[their_end].is_vip() {
            Severity::Medium
        } else {
            Severity::Low
        };
        let facts = RiskFacts::StaleTie {
            last_contact: tie.last_contact,
        };
        out.push(Risk::new(
            severity,
            Subject::Person(our_end),
            vec![their_end],
            facts,
        ));
    }
}

fn ids<'a>(p: &'a Partnership, people: &'a [usize]) -> impl Iterator<Item = &'a str> {
    people.iter().map(|&i| p.people[i].id.as_str())
}

/// Sorts by severity, kind, subject name in lower case, subject name,
/// subject id, then the people's ids — all by code point.
pub fn sort_risks(p: &Partnership, risks: &mut [Risk]) {
    // Lower-case each name once, not once per comparison.
    let lower: Vec<String> = p.people.iter().map(|x| x.name.to_lowercase()).collect();
    let partnership_lower = p.names.name.to_lowercase();
    let lower_of = |r: &Risk| -> &str {
        match r.subject {
            Subject::Partnership => &partnership_lower,
            Subject::Person(i) => &lower[i],
        }
    };
    risks.sort_by(|x, y| {
        (x.severity, x.kind)
            .cmp(&(y.severity, y.kind))
            .then_with(|| lower_of(x).cmp(lower_of(y)))
            .then_with(|| x.subject_name(p).cmp(y.subject_name(p)))
            .then_with(|| x.subject_id(p).cmp(y.subject_id(p)))
            .then_with(|| ids(p, &x.people).cmp(ids(p, &y.people)))
    });
}
