//! The risk list (SPEC §5) as facts: each kind's rule and severity, what a
//! sentence about it needs (counts, dates, person indices — never words),
//! and the one sort order every view and export uses. `crate::words` says
//! them.

use super::BusFactor;
use super::order::Order;
use super::with_ours::WithOurs;
use crate::graph::{LiveGraph, LiveTie};
use crate::model::{Level, Partnership, Person, Side, Stance};
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
    NoChampion,
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
            RiskKind::NoChampion => "no-champion",
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
    /// No active partner champion is reachable; `champions` counts the
    /// active partner champions (all unreachable).
    NoChampion {
        champions: usize,
    },
    /// The latest last contact of the subject's ties with our active people.
    Unreachable {
        last_contact: Option<Date>,
    },
    /// `people` is the subject's exposure.
    SinglePoint,
    /// `people` is the one person covering the subject (empty: reached
    /// only through their colleagues); their tie's last contact.
    SingleThreaded {
        last_contact: Option<Date>,
    },
    ExecGap,
    /// The subject is a partner person with direct coverage 0 or 1,
    /// `people` our people whose tie with them is stale; the latest last
    /// contact of those ties.
    StaleTie {
        last_contact: Option<Date>,
    },
}

impl RiskFacts {
    pub fn kind(&self) -> RiskKind {
        match self {
            RiskFacts::BusFactor { .. } => RiskKind::BusFactor,
            RiskFacts::NoChampion { .. } => RiskKind::NoChampion,
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
    /// What it would cost (SPEC §5's weight table); the risk score is the
    /// sum over the risks.
    pub weight: u32,
    pub facts: RiskFacts,
}

impl Risk {
    fn new(
        (severity, weight): (Severity, u32),
        subject: Subject,
        people: Vec<usize>,
        facts: RiskFacts,
    ) -> Risk {
        Risk {
            kind: facts.kind(),
            severity,
            subject,
            people,
            weight,
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
    pub order: &'a Order,
    /// Per person: their ties with our side (active partner people).
    pub with_ours: &'a [WithOurs],
}

impl Found<'_> {
    /// Active partner people, in file order.
    fn partner_people(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.p.people.len()).filter(|&i| !self.order.is_ours(i) && self.live.active[i])
    }

    /// `person`'s ties (live or stale) with our side.
    fn ties_with_ours(&self, person: usize) -> impl Iterator<Item = &LiveTie> + '_ {
        self.live.ties_of[person]
            .iter()
            .map(|&t| &self.live.ties[t])
            .filter(move |t| self.order.is_ours(t.other(person)))
    }
}

/// How much losing a partner person would matter (SPEC §5): 9 for an
/// executive, a key person or a champion, 3 for a senior, 1 otherwise.
pub fn importance(person: &Person) -> u32 {
    if person.is_vip() {
        9
    } else if person.level == Level::Senior {
        3
    } else {
        1
    }
}

/// The risk score of a risk list: the sum of its weights (0: nothing to fix).
pub fn risk_score(risks: &[Risk]) -> u32 {
    risks.iter().map(|r| r.weight).sum()
}

/// Every risk, one rule per kind in SPEC §5's order, sorted.
pub(super) fn risks(found: &Found) -> Vec<Risk> {
    let mut out = Vec::new();
    let with_ours = found.with_ours;
    bus_factor(found, &mut out);
    no_champion(found, &mut out);
    unreachable(found, with_ours, &mut out);
    single_point(found, &mut out);
    single_threaded(found, with_ours, &mut out);
    exec_gap(found, with_ours, &mut out);
    stale_tie(found, with_ours, &mut out);
    sort_risks_in(found.p, found.order, &mut out);
    out
}

/// `bus-factor`: the partnership, when the bus factor is 2 or less.
fn bus_factor(found: &Found, out: &mut Vec<Risk>) {
    let bus = found.bus_factor;
    if bus.size > 2 {
        return;
    }
    let mut people = bus.people.clone();
    found.order.sort_by_id(&mut people);
    let severity = if bus.size <= 1 {
        Severity::Critical
    } else {
        Severity::High
    };
    let facts = RiskFacts::BusFactor {
        size: bus.size,
        partner_people: found.partner_people().count(),
    };
    // 27, 18 or 9: bus.size is at most 2 here.
    let weight = 9 * (3 - bus.size as u32);
    out.push(Risk::new(
        (severity, weight),
        Subject::Partnership,
        people,
        facts,
    ));
}

/// `no-champion`: the partnership, when no active partner champion is
/// reachable (including when there is none at all).
fn no_champion(found: &Found, out: &mut Vec<Risk>) {
    let is_champion = |i: usize| found.p.people[i].stance == Some(Stance::Champion);
    let champions: Vec<usize> = found.partner_people().filter(|&i| is_champion(i)).collect();
    if champions.iter().any(|&i| found.reachable[i]) {
        return;
    }
    let facts = RiskFacts::NoChampion {
        champions: champions.len(),
    };
    let risk = Risk::new((Severity::High, 9), Subject::Partnership, Vec::new(), facts);
    out.push(risk);
}

/// `unreachable`: an active partner person with no live path from us.
fn unreachable(found: &Found, with_ours: &[WithOurs], out: &mut Vec<Risk>) {
    for i in found.partner_people().filter(|&i| !found.reachable[i]) {
        let last_contact = with_ours[i].last_contact;
        let person = &found.p.people[i];
        let severity = if person.is_vip() {
            Severity::Critical
        } else {
            Severity::High
        };
        let facts = RiskFacts::Unreachable { last_contact };
        let weight = 3 * importance(person);
        out.push(Risk::new(
            (severity, weight),
            Subject::Person(i),
            Vec::new(),
            facts,
        ));
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
        let weight = exposed.iter().map(|&x| importance(&p.people[x])).sum();
        out.push(Risk::new(
            (severity, weight),
            Subject::Person(v),
            exposed.clone(),
            RiskFacts::SinglePoint,
        ));
    }
}

/// `single-threaded`: a reachable active partner executive, key person,
/// champion or senior whom at most one of our people covers directly.
fn single_threaded(found: &Found, with_ours: &[WithOurs], out: &mut Vec<Risk>) {
    for i in found.partner_people().filter(|&i| found.reachable[i]) {
        let person = &found.p.people[i];
        if !person.is_vip() && person.level != Level::Senior {
            continue;
        }
        if with_ours[i].live() > 1 {
            continue;
        }
        let first = with_ours[i].first_live.map(|t| &found.live.ties[t]);
        let severity = if person.is_vip() {
            Severity::High
        } else {
            Severity::Medium
        };
        let facts = RiskFacts::SingleThreaded {
            last_contact: first.and_then(|t| t.last_contact),
        };
        let people = first.map(|t| t.other(i)).into_iter().collect();
        let weight = importance(person);
        out.push(Risk::new(
            (severity, weight),
            Subject::Person(i),
            people,
            facts,
        ));
    }
}

/// `exec-gap`: an active partner executive with no live tie to one of ours.
fn exec_gap(found: &Found, with_ours: &[WithOurs], out: &mut Vec<Risk>) {
    let p = found.p;
    for i in found.partner_people() {
        if p.people[i].level != Level::Executive {
            continue;
        }
        if !with_ours[i].exec {
            let risk = Risk::new(
                (Severity::Medium, 3),
                Subject::Person(i),
                Vec::new(),
                RiskFacts::ExecGap,
            );
            out.push(risk);
        }
    }
}

/// `stale-tie`: an active partner person covered directly by at most one
/// of our people, with a stale tie to renew with at least one of ours.
fn stale_tie(found: &Found, with_ours: &[WithOurs], out: &mut Vec<Risk>) {
    let p = found.p;
    for i in found.partner_people() {
        if with_ours[i].live() > 1 || with_ours[i].stale == 0 {
            continue;
        }
        let mut stale = Vec::new();
        let mut last_contact = None;
        for tie in found.ties_with_ours(i).filter(|t| !t.live) {
            stale.push(tie.other(i));
            last_contact = last_contact.max(tie.last_contact);
        }
        found.order.sort_by_id(&mut stale);
        let severity = if p.people[i].is_vip() {
            Severity::Medium
        } else {
            Severity::Low
        };
        let facts = RiskFacts::StaleTie { last_contact };
        out.push(Risk::new((severity, 1), Subject::Person(i), stale, facts));
    }
}

/// Sorts by severity, kind, subject name in lower case, subject name,
/// subject id, then the people's ids — all by code point.
pub fn sort_risks(p: &Partnership, risks: &mut [Risk]) {
    sort_risks_in(p, &Order::of(p), risks);
}

/// As [`sort_risks`], with the people's places in those orders found.
pub(crate) fn sort_risks_in(p: &Partnership, order: &Order, risks: &mut [Risk]) {
    let partnership_lower = p.names.name.to_lowercase();
    // Only a person's risk meets a partnership's here when a kind had both
    // (none has): compared by the strings themselves.
    let by_strings = |x: &Risk, y: &Risk| {
        let lower_of = |r: &Risk| match r.subject {
            Subject::Partnership => partnership_lower.clone(),
            Subject::Person(i) => p.people[i].name.to_lowercase(),
        };
        lower_of(x)
            .cmp(&lower_of(y))
            .then_with(|| x.subject_name(p).cmp(y.subject_name(p)))
            .then_with(|| x.subject_id(p).cmp(y.subject_id(p)))
    };
    risks.sort_by(|x, y| {
        (x.severity, x.kind)
            .cmp(&(y.severity, y.kind))
            .then_with(|| match (x.subject, y.subject) {
                (Subject::Person(a), Subject::Person(b)) => {
                    order.name_place(a).cmp(&order.name_place(b))
                }
                (Subject::Partnership, Subject::Partnership) => std::cmp::Ordering::Equal,
                _ => by_strings(x, y),
            })
            .then_with(|| {
                let place = |&i: &usize| order.id_place(i);
                x.people.iter().map(place).cmp(y.people.iter().map(place))
            })
    });
}
