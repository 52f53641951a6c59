//! The plan (SPEC §8) against brute force: at every step, every meeting
//! between an active person of ours and an active partner person without
//! a live tie is tried with the whole analysis, and the best one by SPEC
//! §8's order must be the plan's step — on small random partnerships, with
//! and without a what-if, and on the demo.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod naive;

use jiff::civil::Date;
use naive::*;
use partnermap::analysis::Analysis;
use partnermap::graph::Scenario;
use partnermap::model::{Meeting, Partnership, Side};
use partnermap::plan::{Action, plan};
use proptest::prelude::*;
use std::cmp::Reverse;

/// A step as brute force finds it: our id, their id, the action, the score
/// and bus factor after, and who can introduce them.
type Found = (String, String, Action, u32, usize, Option<String>);

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

/// The greedy plan by brute force: the whole analysis for every candidate.
fn brute(p: &Partnership, scenario: &Scenario, limit: usize) -> Vec<Found> {
    let mut work = p.clone();
    let mut steps = Vec::new();
    while steps.len() < limit {
        let now = Analysis::run(&work, scenario);
        let active = |i: usize| now.live.active[i];
        let people = &work.people;
        let mut best: Option<(Key, usize, usize, Action, usize)> = None;
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
                    Analysis::risks_only(&with_meeting(&work, scenario.as_of, u, q, 0), scenario);
                let action = if tie.is_some() {
                    Action::Renew
                } else {
                    Action::Introduce
                };
                let key = (
                    after.risk_score(),
                    Reverse(after.bus_factor.size),
                    action == Action::Introduce,
                    now.exposure[u].len(),
                    (people[u].level as u8).abs_diff(people[q].level as u8),
                    people[q].name.to_lowercase(),
                    people[u].name.to_lowercase(),
                    people[q].id.clone(),
                    people[u].id.clone(),
                );
                if best.as_ref().is_none_or(|(k, ..)| key < *k) {
                    best = Some((key, u, q, action, after.bus_factor.size));
                }
            }
        }
        let Some((key, u, q, action, bus)) = best else {
            break;
        };
        if key.0 >= now.risk_score() {
            break;
        }
        let via = match action {
            Action::Renew => None,
            Action::Introduce => via(&work, &now, q),
        };
        steps.push((
            people[u].id.clone(),
            people[q].id.clone(),
            action,
            key.0,
            bus,
            via,
        ));
        work = with_meeting(&work, scenario.as_of, u, q, steps.len());
    }
    steps
}

fn planned(p: &Partnership, scenario: &Scenario, limit: usize) -> Vec<Found> {
    let plan = plan(p, scenario, limit);
    plan.steps
        .iter()
        .map(|s| {
            let id = |i: usize| p.people[i].id.clone();
            let via = s.via.map(id);
            (
                id(s.ours),
                id(s.partner),
                s.action,
                s.after.risk_score,
                s.after.bus_factor,
                via,
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    #[test]
    fn the_plan_is_the_greedy_optimum_by_brute_force(p in partnership()) {
        let scenario = Scenario::on(AS_OF);
        prop_assert_eq!(planned(&p, &scenario, 4), brute(&p, &scenario, 4));
    }

    #[test]
    fn during_a_what_if_the_plan_is_for_the_partnership_without_them(
        p in partnership_of(3..=MAX_PEOPLE),
        gone in 0usize..MAX_PEOPLE,
    ) {
        let scenario = Scenario { as_of: AS_OF, gone: vec![gone % p.people.len()] };
        prop_assert_eq!(planned(&p, &scenario, 3), brute(&p, &scenario, 3));
    }
}

#[test]
fn on_the_demo_the_plan_is_the_greedy_optimum_by_brute_force() {
    let day = jiff::civil::date(2026, 11, 24);
    let p = partnermap::demo::demo(day);
    let scenario = Scenario::on(day);
    assert_eq!(planned(&p, &scenario, 10), brute(&p, &scenario, 10));
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
