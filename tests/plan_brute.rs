//! The plan (SPEC §8) against brute force: at every step, every meeting
//! between an active person of ours and an active partner person without
//! a live tie is tried with the whole analysis, and the best one by SPEC
//! §8's order must be the plan's step — with the same action, figures,
//! `via`, and risks removed and added (compared here literally, by kind
//! and subject) — on small random partnerships whose names collide in
//! lower case (so that every tie-break is reached), with and without a
//! what-if, on generated partnerships and on the demo.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod naive;

use jiff::civil::Date;
use naive::*;
use partnermap::analysis::{Analysis, Risk, Severity};
use partnermap::graph::Scenario;
use partnermap::model::{Meeting, Partnership, Side};
use partnermap::plan::{Action, plan};
use proptest::prelude::*;
use std::cmp::Reverse;

/// A risk as a step lists it: kind, subject id, severity.
type Listed = (String, String, Severity);

/// A step, all of it: our id, their id, the action, the score, bus factor
/// and counts after, who can introduce them, the last contact of a stale
/// tie, and the risks it removes and adds.
#[derive(Debug, Clone, PartialEq)]
struct Found {
    ours: String,
    partner: String,
    action: Action,
    score: u32,
    bus: usize,
    counts: [usize; 4],
    via: Option<String>,
    last_contact: Option<Date>,
    removes: Vec<Listed>,
    adds: Vec<Listed>,
}

/// SPEC §8's order among steps: score after, bus factor after (higher
/// first), renew first, exposure now, level distance, names, ids.
type Key = (
    u32,
    Reverse<usize>,
    bool,
    usize,
    u8,
    String,
    String,
    String,
    String,
);

/// Names that collide once in lower case, so that SPEC §8's name and id
/// tie-breaks decide.
const NAMES: [&str; 6] = ["Ana", "ana", "Bo", "BO", "Émile", "Zoë"];

fn renamed(mut p: Partnership, names: &[usize]) -> Partnership {
    for (person, &k) in p.people.iter_mut().zip(names) {
        person.name = NAMES[k].to_string();
    }
    p
}

fn named_partnership(sizes: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = Partnership> {
    (
        partnership_of(sizes),
        prop::collection::vec(0..NAMES.len(), MAX_PEOPLE),
    )
        .prop_map(|(p, names)| renamed(p, &names))
}

fn with_meeting(p: &Partnership, as_of: Date, u: usize, q: usize, k: usize) -> Partnership {
    let mut next = p.clone();
    next.meetings.push(Meeting {
        id: format!("brute-{k}"),
        date: as_of,
        title: None,
        attendees: vec![p.people[u].id.clone(), p.people[q].id.clone()],
        notes: None,
        source: None,
        extra: Default::default(),
    });
    next
}

/// Who introduces someone to `q`: the active person with the strongest
/// live tie, ours first, then name in lower case, then id.
fn via(p: &Partnership, now: &Analysis, q: usize) -> Option<String> {
    let key = |i: usize, strength: f64| {
        (
            p.people[i].side != Side::Ours,
            // Strengths are never negative: their bits order them.
            Reverse(strength.to_bits()),
            p.people[i].name.to_lowercase(),
            p.people[i].id.clone(),
        )
    };
    now.live
        .ties
        .iter()
        .filter(|t| t.live && (t.a == q || t.b == q))
        .map(|t| key(t.other(q), t.strength))
        .min()
        .map(|k| k.3)
}

/// The risks of `list` that `other` has not, compared by (kind, subject):
/// missing there, or there with another severity or other people; in the
/// order of `list` (the risk-list order).
fn not_in(p: &Partnership, list: &[Risk], other: &[Risk]) -> Vec<Listed> {
    list.iter()
        .filter(|r| {
            !other.iter().any(|o| {
                o.kind == r.kind
                    && o.subject == r.subject
                    && o.severity == r.severity
                    && o.people == r.people
            })
        })
        .map(|r| {
            (
                r.kind.as_str().to_string(),
                r.subject_id(p).to_string(),
                r.severity,
            )
        })
        .collect()
}

fn counts(risks: &[Risk]) -> [usize; 4] {
    let mut counts = [0; 4];
    for r in risks {
        counts[r.severity as usize] += 1;
    }
    counts
}

/// The best step by brute force: every candidate, the whole analysis each.
fn best_step(
    work: &Partnership,
    now: &Analysis,
    scenario: &Scenario,
) -> Option<(Key, usize, usize)> {
    let people = &work.people;
    let active = |i: usize| now.live.active[i];
    let mut best: Option<(Key, usize, usize)> = None;
    for u in (0..people.len()).filter(|&u| active(u) && people[u].side == Side::Ours) {
        for q in (0..people.len()).filter(|&q| active(q) && people[q].side == Side::Partner) {
            let tie = now
                .live
                .ties
                .iter()
                .find(|t| (t.a, t.b) == (u.min(q), u.max(q)));
            if tie.is_some_and(|t| t.live) {
                continue;
            }
            let after =
                Analysis::risks_only(&with_meeting(work, scenario.as_of, u, q, 0), scenario);
            let key = (
                after.risk_score(),
                Reverse(after.bus_factor.size),
                tie.is_none(),
                now.exposure[u].len(),
                (people[u].level as u8).abs_diff(people[q].level as u8),
                people[q].name.to_lowercase(),
                people[u].name.to_lowercase(),
                people[q].id.clone(),
                people[u].id.clone(),
            );
            if best.as_ref().is_none_or(|(k, ..)| key < *k) {
                best = Some((key, u, q));
            }
        }
    }
    best
}

/// The greedy plan by brute force.
fn brute(p: &Partnership, scenario: &Scenario, limit: usize) -> Vec<Found> {
    let mut work = p.clone();
    let mut steps = Vec::new();
    while steps.len() < limit {
        let now = Analysis::run(&work, scenario);
        let Some((key, u, q)) = best_step(&work, &now, scenario) else {
            break;
        };
        if key.0 >= now.risk_score() {
            break;
        }
        let stale = now
            .live
            .ties
            .iter()
            .find(|t| (t.a, t.b) == (u.min(q), u.max(q)));
        let next = with_meeting(&work, scenario.as_of, u, q, steps.len() + 1);
        let after = Analysis::risks_only(&next, scenario);
        let before = Analysis::risks_only(&work, scenario);
        let id = |i: usize| work.people[i].id.clone();
        steps.push(Found {
            ours: id(u),
            partner: id(q),
            action: if stale.is_some() {
                Action::Renew
            } else {
                Action::Introduce
            },
            score: after.risk_score(),
            bus: after.bus_factor.size,
            counts: counts(&after.risks),
            via: if stale.is_some() {
                None
            } else {
                via(&work, &now, q)
            },
            last_contact: stale.and_then(|t| t.last_contact),
            removes: not_in(&work, &before.risks, &after.risks),
            adds: not_in(&work, &after.risks, &before.risks),
        });
        work = next;
    }
    steps
}

fn planned(p: &Partnership, scenario: &Scenario, limit: usize) -> Vec<Found> {
    let plan = plan(p, scenario, limit);
    let listed = |risks: &[Risk]| -> Vec<Listed> {
        risks
            .iter()
            .map(|r| {
                (
                    r.kind.as_str().to_string(),
                    r.subject_id(p).to_string(),
                    r.severity,
                )
            })
            .collect()
    };
    plan.steps
        .iter()
        .map(|s| {
            let id = |i: usize| p.people[i].id.clone();
            Found {
                ours: id(s.ours),
                partner: id(s.partner),
                action: s.action,
                score: s.after.risk_score,
                bus: s.after.bus_factor,
                counts: s.after.counts,
                via: s.via.map(id),
                last_contact: s.last_contact,
                removes: listed(&s.removes),
                adds: listed(&s.adds),
            }
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn the_plan_is_the_greedy_optimum_by_brute_force(p in named_partnership(0..=MAX_PEOPLE)) {
        let scenario = Scenario::on(AS_OF);
        prop_assert_eq!(planned(&p, &scenario, 5), brute(&p, &scenario, 5));
    }

    #[test]
    fn during_a_what_if_the_plan_is_for_the_partnership_without_them(
        p in named_partnership(3..=MAX_PEOPLE),
        gone in prop::collection::vec(0usize..MAX_PEOPLE, 1..=2),
    ) {
        let mut gone: Vec<usize> = gone.iter().map(|g| g % p.people.len()).collect();
        gone.sort_unstable();
        gone.dedup();
        let scenario = Scenario { as_of: AS_OF, gone };
        prop_assert_eq!(planned(&p, &scenario, 4), brute(&p, &scenario, 4));
    }
}

#[test]
fn on_the_demo_the_plan_is_the_greedy_optimum_by_brute_force() {
    let day = jiff::civil::date(2026, 11, 24);
    let p = partnermap::demo::demo(day);
    let scenario = Scenario::on(day);
    let plan = planned(&p, &scenario, 10);
    assert_eq!(plan.len(), 10, "the demo has ten steps to take");
    assert_eq!(plan, brute(&p, &scenario, 10));
}

#[test]
fn on_generated_partnerships_the_plan_is_the_greedy_optimum_by_brute_force() {
    let day = jiff::civil::date(2026, 11, 24);
    for seed in 1..=3 {
        let p = partnermap::generate::partnership(partnermap::generate::Spec {
            people: 50,
            meetings: 120,
            seed,
            as_of: day,
        });
        let scenario = Scenario::on(day);
        assert_eq!(
            planned(&p, &scenario, 5),
            brute(&p, &scenario, 5),
            "seed {seed}"
        );
    }
}
