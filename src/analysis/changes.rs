//! What changed between two analyses, in words: "Li Wei is no longer
//! single-threaded". The UI says this after a change or a what-if.

use super::{Analysis, Risk, RiskKind, Subject};
use crate::model::Partnership;
use std::collections::{HashMap, HashSet};

/// Identifies a risk across two analyses (person indices may differ, ids do
/// not): its kind, its subject's id, and for a stale tie the other end's id.
type Key<'p> = (RiskKind, &'p str, Option<&'p str>);

fn key<'p>(p: &'p Partnership, risk: &Risk) -> Key<'p> {
    // Only a stale tie is told apart by its other end (it has exactly one);
    // the other kinds' people lists change without being another risk.
    let other = match risk.kind {
        RiskKind::StaleTie => risk.people.first().map(|&i| p.people[i].id.as_str()),
        _ => None,
    };
    (risk.kind, risk.subject_id(p), other)
}

fn keyed<'p, 'a>(p: &'p Partnership, a: &'a Analysis) -> HashMap<Key<'p>, &'a Risk> {
    a.risks.iter().map(|r| (key(p, r), r)).collect()
}

/// Sentences describing what changed from `before` to `after`, the most
/// important first: the bus factor, then risks gone, then new risks.
pub fn risk_changes(
    p_before: &Partnership,
    before: &Analysis,
    p_after: &Partnership,
    after: &Analysis,
) -> Vec<String> {
    let mut out = Vec::new();
    let (was, now) = (before.bus_factor.size, after.bus_factor.size);
    if was != now {
        out.push(format!("bus factor {was} → {now}"));
    }
    let old = keyed(p_before, before);
    let new = keyed(p_after, after);
    // In list order, so that the sentences come out in a stable order.
    let mut gone: Vec<&Risk> = before
        .risks
        .iter()
        .filter(|r| !new.contains_key(&key(p_before, r)))
        .collect();
    let mut came: Vec<&Risk> = after
        .risks
        .iter()
        .filter(|r| !old.contains_key(&key(p_after, r)))
        .collect();
    // A subject that got a new risk is told by the new one only, and the
    // risks of someone no longer active (left, or gone in a what-if) went
    // with them: saying they went away is noise.
    let worse: HashSet<Subject> = came.iter().map(|r| r.subject).collect();
    // Likewise the risks of someone back (a what-if undone) came with them.
    let mut back_with: Vec<(usize, usize)> = Vec::new();
    came.retain(|r| match r.subject {
        Subject::Person(i) => {
            let was_active = before.live.active.get(i).copied().unwrap_or(true);
            if !was_active {
                tally(&mut back_with, i);
            }
            was_active
        }
        Subject::Partnership => true,
    });
    let mut went_with: Vec<(usize, usize)> = Vec::new(); // (person, risks)
    gone.retain(|r| match r.subject {
        Subject::Person(i) => {
            let active = after.live.active.get(i).copied().unwrap_or(false);
            if !active {
                tally(&mut went_with, i);
            }
            active && !worse.contains(&r.subject)
        }
        Subject::Partnership => true,
    });
    let mut all: Vec<(&Risk, bool)> = came.iter().map(|r| (*r, true)).collect();
    all.extend(gone.iter().map(|r| (*r, false)));
    all.sort_by_key(|(r, new)| (r.severity, !*new, r.kind));
    // A risk that went because someone left (or came back because someone
    // returned) is said as what the departure took away, never as a fix.
    let moves = Moves::between(p_before, before, p_after, after);
    out.extend(all.iter().filter_map(|(r, new)| {
        let p = if *new { p_after } else { p_before };
        let cause = if *new { &moves.back } else { &moves.gone };
        match cause.is_empty() {
            true => sentence(p, r, *new),
            false => consequence(p, r, *new, cause),
        }
    }));
    for (i, n) in went_with {
        if let Some(person) = p_before.people.get(i) {
            out.push(counted(n, &person.name, "no longer count"));
        }
    }
    for (i, n) in back_with {
        if let Some(person) = p_after.people.get(i) {
            out.push(counted(n, &person.name, "count again"));
        }
    }
    out
}

/// "1 risk about Ana Ruiz no longer counts", "3 risks about … count again".
fn counted(n: usize, name: &str, verb: &str) -> String {
    if n == 1 {
        // The verb phrase is plural; its first word takes an s for one risk.
        let verb = verb.replacen("count", "counts", 1);
        format!("1 risk about {name} {verb}")
    } else {
        format!("{n} risks about {name} {verb}")
    }
}

/// Counts one more risk for `person`.
fn tally(counts: &mut Vec<(usize, usize)>, person: usize) {
    match counts.iter_mut().find(|(p, _)| *p == person) {
        Some((_, n)) => *n += 1,
        None => counts.push((person, 1)),
    }
}

/// Who stopped being active between two analyses ("Carlos Mendes gone",
/// "Ben Carter left") and who became active again ("Carlos Mendes back").
struct Moves {
    gone: String,
    back: String,
}

impl Moves {
    fn between(
        p_before: &Partnership,
        before: &Analysis,
        p_after: &Partnership,
        after: &Analysis,
    ) -> Moves {
        let mut index = None;
        let mut gone = Vec::new();
        let mut back = Vec::new();
        for (i, person) in p_after.people.iter().enumerate() {
            // The same index in both, unless a change moved people about.
            let was = match p_before.people.get(i) {
                Some(x) if x.id == person.id => Some(i),
                _ => index
                    .get_or_insert_with(|| p_before.person_index())
                    .get(person.id.as_str())
                    .copied(),
            };
            let Some(was) = was else { continue };
            let active_then = before.live.active.get(was).copied().unwrap_or(false);
            let active_now = after.live.active.get(i).copied().unwrap_or(false);
            if active_then && !active_now {
                let how = if after.scenario.gone.contains(&i) {
                    "gone"
                } else {
                    "left"
                };
                gone.push(format!("{} {how}", person.name));
            } else if !active_then && active_now {
                back.push(format!("{} back", person.name));
            }
        }
        Moves {
            gone: gone.join(", "),
            back: back.join(", "),
        }
    }
}

/// A risk taken away by a departure ("… no longer counts: Carlos Mendes
/// gone") or brought back by a return ("… counts again: Carlos Mendes back").
fn consequence(p: &Partnership, risk: &Risk, new: bool, cause: &str) -> Option<String> {
    let Subject::Person(i) = risk.subject else {
        return None;
    };
    let name = &p.people[i].name;
    let what = match risk.kind {
        RiskKind::StaleTie => {
            let other: Vec<&str> = risk
                .people
                .iter()
                .map(|&j| p.people[j].name.as_str())
                .collect();
            format!("{name}'s stale tie with {}", other.join(", "))
        }
        RiskKind::BusFactor => return None,
        kind => format!("the {kind} risk on {name}"),
    };
    let verb = if new {
        "counts again"
    } else {
        "no longer counts"
    };
    Some(format!("{what} {verb}: {cause}"))
}

fn sentence(p: &Partnership, risk: &Risk, new: bool) -> Option<String> {
    let Subject::Person(i) = risk.subject else {
        return None; // the bus factor is said by its numbers
    };
    let name = &p.people[i].name;
    let other = || {
        risk.people
            .iter()
            .map(|&j| p.people[j].name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    Some(match (risk.kind, new) {
        (RiskKind::SingleThreaded, false) => format!("{name} is no longer single-threaded"),
        (RiskKind::SingleThreaded, true) => format!("{name} is now single-threaded"),
        (RiskKind::SinglePoint, false) => format!("{name} is no longer a single point"),
        (RiskKind::SinglePoint, true) => format!("{name} is now a single point"),
        (RiskKind::Unreachable, false) => format!("{name} is reachable again"),
        (RiskKind::Unreachable, true) => format!("{name} is now unreachable"),
        (RiskKind::ExecGap, false) => format!("{name} now has an executive counterpart"),
        (RiskKind::ExecGap, true) => format!("{name} has no executive counterpart"),
        (RiskKind::StaleTie, false) => format!("{name} – {} is live again", other()),
        (RiskKind::StaleTie, true) => format!("{name} – {} went stale", other()),
        (RiskKind::BusFactor, _) => return None,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::graph::Scenario;
    use crate::model::{Meeting, Person, Side};
    use jiff::civil::date;

    fn meeting(id: &str, day: jiff::civil::Date, who: &[&str]) -> Meeting {
        Meeting {
            id: id.into(),
            date: day,
            title: None,
            attendees: who.iter().map(|s| s.to_string()).collect(),
            notes: None,
            extra: Default::default(),
        }
    }

    #[test]
    fn a_second_thread_is_reported_in_words() {
        let mut p = Partnership::default();
        p.people.push(Person::new("ana", "Ana Ruiz", Side::Ours));
        p.people.push(Person::new("sam", "Sam Lee", Side::Ours));
        p.people.push(Person::new("li", "Li Wei", Side::Partner));
        p.people.push(Person::new("wu", "Wu Fang", Side::Partner));
        let day = date(2026, 11, 24);
        p.meetings
            .push(meeting("m-0001", day, &["ana", "li", "wu"]));
        let s = Scenario::on(day);
        let before = Analysis::run(&p, &s);
        let mut q = p.clone();
        q.meetings
            .push(meeting("m-0002", day, &["sam", "li", "wu"]));
        let after = Analysis::run(&q, &s);
        let said = risk_changes(&p, &before, &q, &after);
        assert_eq!(
            said,
            [
                "bus factor 1 → 2",
                "Ana Ruiz is no longer a single point",
                "Li Wei is no longer single-threaded",
                "Wu Fang is no longer single-threaded",
            ]
        );
        assert!(risk_changes(&q, &after, &q, &after).is_empty());
    }

    #[test]
    fn a_departure_takes_a_stale_tie_away_and_never_brings_it_to_life() {
        let mut p = Partnership::default();
        p.people
            .push(Person::new("marcus", "Marcus Bell", Side::Ours));
        p.people.push(Person::new("ana", "Ana Ruiz", Side::Ours));
        p.people
            .push(Person::new("carlos", "Carlos Mendes", Side::Partner));
        let day = date(2026, 11, 24);
        p.meetings
            .push(meeting("m-0001", date(2026, 5, 1), &["marcus", "carlos"]));
        p.meetings.push(meeting("m-0002", day, &["ana", "carlos"]));
        let now = Scenario::on(day);
        let before = Analysis::run(&p, &now);
        let what_if = Scenario {
            as_of: day,
            gone: vec![2],
        };
        let after = Analysis::run(&p, &what_if);
        let said = risk_changes(&p, &before, &p, &after).join("; ");
        assert!(
            said.contains(
                "Marcus Bell's stale tie with Carlos Mendes no longer counts: Carlos Mendes gone"
            ),
            "{said}"
        );
        assert!(!said.contains("live again"), "{said}");
        let back = risk_changes(&p, &after, &p, &before).join("; ");
        assert!(
            back.contains(
                "Marcus Bell's stale tie with Carlos Mendes counts again: Carlos Mendes back"
            ),
            "{back}"
        );
        assert!(!back.contains("went stale"), "{back}");
    }
}
