//! The risk list (SPEC §5): each kind's rule, its severity, a line a person
//! can read aloud, and the one sort order every view and export uses.

use super::{Analysis, sort_by_id};
use crate::date::days_between;
use crate::model::{Level, Partnership, Person, Side};
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

    /// A symbol that carries the severity without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Severity::Critical => "‼",
            Severity::High => "!",
            Severity::Medium => "~",
            Severity::Low => "·",
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

/// One risk.
#[derive(Debug, Clone, PartialEq)]
pub struct Risk {
    pub kind: RiskKind,
    pub severity: Severity,
    pub subject: Subject,
    /// The people the risk is about (SPEC §6), sorted by id.
    pub people: Vec<usize>,
    pub detail: String,
}

impl Risk {
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

/// "Li Wei (CFO)", or just the name when there is no title.
pub fn label(person: &Person) -> String {
    match person.title() {
        Some(title) => format!("{} ({title})", person.name),
        None => person.name.clone(),
    }
}

/// "today", "1 day ago", "143 days ago".
pub fn days_ago(date: Date, as_of: Date) -> String {
    match days_between(date, as_of) {
        0 => "today".to_string(),
        1 => "1 day ago".to_string(),
        n if n < 0 => format!("in {} days", -n),
        n => format!("{n} days ago"),
    }
}

/// "A", "A and B", "A, B and C", "A, B, C and 4 more".
fn name_list(names: &[String]) -> String {
    const SHOWN: usize = 3;
    if names.len() <= SHOWN {
        return crate::text::join_names(names);
    }
    let mut shown: Vec<String> = names.iter().take(SHOWN).cloned().collect();
    shown.push(format!("{} more", names.len() - SHOWN));
    crate::text::join_names(&shown)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Every risk of the analysed scenario, sorted.
pub fn risks(p: &Partnership, a: &Analysis) -> Vec<Risk> {
    let as_of = a.scenario.as_of;
    let ours = &p.names.ours;
    let partner = &p.names.partner;
    let mut out = Vec::new();

    let bus = &a.bus_factor;
    if bus.size <= 2 {
        let names: Vec<String> = bus.people.iter().map(|&i| label(&p.people[i])).collect();
        let detail = if bus.size == 0 {
            if !a.coverage.is_empty() {
                format!(
                    "No one at {partner} can be reached from {ours}: no live relationship is left"
                )
            } else {
                format!("No one at {partner} is on the map: add the people you work with there")
            }
        } else {
            format!(
                "The partnership hangs on {}: {}",
                plural(bus.size, "person", "people"),
                name_list(&names)
            )
        };
        let mut people = bus.people.clone();
        sort_by_id(p, &mut people);
        out.push(Risk {
            kind: RiskKind::BusFactor,
            severity: if bus.size <= 1 {
                Severity::Critical
            } else {
                Severity::High
            },
            subject: Subject::Partnership,
            people,
            detail,
        });
    }

    for row in &a.coverage {
        let person = &p.people[row.person];
        if !row.reachable {
            let contact = match row.last_contact {
                Some(d) => format!("last contact {}", days_ago(d, as_of)),
                None => "no contact on record".to_string(),
            };
            out.push(Risk {
                kind: RiskKind::Unreachable,
                severity: if person.is_vip() {
                    Severity::Critical
                } else {
                    Severity::High
                },
                subject: Subject::Person(row.person),
                people: Vec::new(),
                detail: format!(
                    "{} at {partner} has no live path from {ours}; {contact}",
                    label(person)
                ),
            });
        }
        if let [only] = row.covered_by[..] {
            let tie = a.live.ties_of[row.person]
                .iter()
                .map(|&t| &a.live.ties[t])
                .find(|t| t.other(row.person) == only);
            let contact = match tie.and_then(|t| t.last_contact) {
                Some(d) => format!("last contact {}", days_ago(d, as_of)),
                None => "no date on record".to_string(),
            };
            out.push(Risk {
                kind: RiskKind::SingleThreaded,
                severity: if person.is_vip() {
                    Severity::High
                } else if person.level == Level::Senior {
                    Severity::Medium
                } else {
                    Severity::Low
                },
                subject: Subject::Person(row.person),
                people: vec![only],
                detail: format!(
                    "{} is covered only by {}; {contact}",
                    label(person),
                    label(&p.people[only])
                ),
            });
        }
        if person.level == Level::Executive {
            let has_exec = a.live.ties_of[row.person].iter().any(|&t| {
                let tie = &a.live.ties[t];
                let other = &p.people[tie.other(row.person)];
                tie.live && other.side == Side::Ours && other.level == Level::Executive
            });
            if !has_exec {
                out.push(Risk {
                    kind: RiskKind::ExecGap,
                    severity: Severity::Medium,
                    subject: Subject::Person(row.person),
                    people: Vec::new(),
                    detail: format!(
                        "{} has no live tie to an executive at {ours}",
                        label(person)
                    ),
                });
            }
        }
    }

    for (v, exposed) in a.exposure.iter().enumerate() {
        if exposed.is_empty() || !a.live.active[v] {
            continue;
        }
        let severity = if exposed.iter().any(|&x| p.people[x].is_vip()) {
            Severity::Critical
        } else if exposed.len() >= 3 {
            Severity::High
        } else {
            Severity::Medium
        };
        let names: Vec<String> = exposed.iter().map(|&i| label(&p.people[i])).collect();
        out.push(Risk {
            kind: RiskKind::SinglePoint,
            severity,
            subject: Subject::Person(v),
            people: exposed.clone(),
            detail: format!(
                "{} is the only path to {} at {partner}: {}",
                label(&p.people[v]),
                plural(exposed.len(), "person", "people"),
                name_list(&names)
            ),
        });
    }

    for tie in a.live.ties.iter().filter(|t| !t.live) {
        let (x, y) = (&p.people[tie.a], &p.people[tie.b]);
        let (our_end, their_end) = match (x.side, y.side) {
            (Side::Ours, Side::Partner) => (tie.a, tie.b),
            (Side::Partner, Side::Ours) => (tie.b, tie.a),
            _ => continue,
        };
        let (o, t) = (&p.people[our_end], &p.people[their_end]);
        let when = tie
            .last_contact
            .map_or_else(|| "long ago".to_string(), |d| days_ago(d, as_of));
        out.push(Risk {
            kind: RiskKind::StaleTie,
            severity: if o.is_vip() || t.is_vip() {
                Severity::Medium
            } else {
                Severity::Low
            },
            subject: Subject::Person(our_end),
            people: vec![their_end],
            detail: format!(
                "{} and {} last met {when} (stale after {} days)",
                label(o),
                label(t),
                p.settings.stale_after_days
            ),
        });
    }

    sort_risks(p, &mut out);
    out
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
