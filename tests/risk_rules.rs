//! The risk rules, weights and score of SPEC §5 against a naive reading of
//! the table on small random partnerships, and the property §5 states: a
//! new live tie between one of our people and a partner person who is
//! already reachable never raises the risk score and never adds a risk.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod naive;

use naive::*;
use partnermap::analysis::{Analysis, RiskKind};
use partnermap::graph::Scenario;
use partnermap::model::{Level, Meeting, Partnership, Person, Side, Stance};
use proptest::prelude::*;
use std::collections::BTreeSet;

/// A risk as the table states it: kind, subject id, severity, weight and
/// people ids (sorted). The bus-factor risk's people (one smallest set
/// among possibly several) are left out.
type Said = (&'static str, String, &'static str, u32, Vec<String>);

fn vip(x: &Person) -> bool {
    x.key || x.level == Level::Executive || x.stance == Some(Stance::Champion)
}

fn importance(x: &Person) -> u32 {
    if vip(x) {
        9
    } else if x.level == Level::Senior {
        3
    } else {
        1
    }
}

fn sorted_ids(p: &Partnership, people: impl IntoIterator<Item = usize>) -> Vec<String> {
    let mut ids: Vec<String> = people.into_iter().map(|i| p.people[i].id.clone()).collect();
    ids.sort();
    ids
}

/// The tie between `i` and `j` in the naive graph, if any.
fn tie(n: &Naive, i: usize, j: usize) -> Option<&NaiveTie> {
    n.ties.get(&(i.min(j), i.max(j)))
}

/// SPEC §5's table, read literally, one rule per row.
#[allow(clippy::too_many_lines)]
fn table(p: &Partnership, n: &Naive) -> BTreeSet<Said> {
    let mut out = BTreeSet::new();
    let active = |i: usize| n.active[i];
    let partner: Vec<usize> = (0..p.people.len())
        .filter(|&i| active(i) && p.people[i].side == Side::Partner)
        .collect();
    let ours: Vec<usize> = (0..p.people.len())
        .filter(|&i| active(i) && p.people[i].side == Side::Ours)
        .collect();
    let name = || "partnership".to_string();
    if n.bus_factor <= 2 {
        let severity = if n.bus_factor <= 1 {
            "critical"
        } else {
            "high"
        };
        let weight = 9 * (3 - n.bus_factor as u32);
        out.insert(("bus-factor", name(), severity, weight, Vec::new()));
    }
    let champion = |i: usize| p.people[i].stance == Some(Stance::Champion);
    if !partner.iter().any(|&i| champion(i) && n.reachable[i]) {
        out.insert(("no-champion", name(), "high", 9, Vec::new()));
    }
    for &i in &partner {
        let x = &p.people[i];
        let covering: Vec<usize> = ours
            .iter()
            .copied()
            .filter(|&o| tie(n, i, o).is_some_and(|t| t.live))
            .collect();
        if !n.reachable[i] {
            let severity = if vip(x) { "critical" } else { "high" };
            out.insert((
                "unreachable",
                x.id.clone(),
                severity,
                3 * importance(x),
                Vec::new(),
            ));
        }
        if n.reachable[i] && (vip(x) || x.level == Level::Senior) && covering.len() <= 1 {
            let severity = if vip(x) { "high" } else { "medium" };
            let people = sorted_ids(p, covering.iter().copied());
            out.insert((
                "single-threaded",
                x.id.clone(),
                severity,
                importance(x),
                people,
            ));
        }
        if x.level == Level::Executive {
            let exec = |o: usize| p.people[o].level == Level::Executive;
            if !covering.iter().any(|&o| exec(o)) {
                out.insert(("exec-gap", x.id.clone(), "medium", 3, Vec::new()));
            }
        }
        let stale: Vec<usize> = ours
            .iter()
            .copied()
            .filter(|&o| tie(n, i, o).is_some_and(|t| !t.live))
            .collect();
        if covering.len() <= 1 && !stale.is_empty() {
            let severity = if vip(x) { "medium" } else { "low" };
            out.insert(("stale-tie", x.id.clone(), severity, 1, sorted_ids(p, stale)));
        }
    }
    for v in (0..p.people.len()).filter(|&v| active(v)) {
        let exposed = &n.exposure[v];
        if exposed.is_empty() {
            continue;
        }
        let severity = if exposed.iter().any(|&x| vip(&p.people[x])) {
            "critical"
        } else if exposed.len() >= 3 {
            "high"
        } else {
            "medium"
        };
        let weight = exposed.iter().map(|&x| importance(&p.people[x])).sum();
        let people = sorted_ids(p, exposed.iter().copied());
        out.insert((
            "single-point",
            p.people[v].id.clone(),
            severity,
            weight,
            people,
        ));
    }
    out
}

fn said(p: &Partnership, a: &Analysis) -> BTreeSet<Said> {
    a.risks
        .iter()
        .map(|r| {
            let people = if r.kind == RiskKind::BusFactor {
                Vec::new()
            } else {
                r.people.iter().map(|&i| p.people[i].id.clone()).collect()
            };
            (
                r.kind.as_str(),
                r.subject_id(p).to_string(),
                r.severity.as_str(),
                r.weight,
                people,
            )
        })
        .collect()
}

/// The pairs (one of ours, a reachable partner person) with no live tie,
/// both active.
fn new_tie_candidates(p: &Partnership, a: &Analysis) -> Vec<(usize, usize)> {
    let live: BTreeSet<(usize, usize)> = a
        .live
        .ties
        .iter()
        .filter(|t| t.live)
        .map(|t| (t.a.min(t.b), t.a.max(t.b)))
        .collect();
    let mut out = Vec::new();
    for u in 0..p.people.len() {
        for q in 0..p.people.len() {
            let fits = a.live.active[u]
                && a.live.active[q]
                && p.people[u].side == Side::Ours
                && p.people[q].side == Side::Partner
                && a.dependency.reachable[q]
                && !live.contains(&(u.min(q), u.max(q)));
            if fits {
                out.push((u, q));
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// Every risk, its severity, weight and people, as the table says.
    #[test]
    fn risks_follow_the_table(p in partnership()) {
        let a = Analysis::run(&p, &Scenario::on(AS_OF));
        let n = naive(&p, AS_OF);
        prop_assert_eq!(said(&p, &a), table(&p, &n));
        let sum: u32 = a.risks.iter().map(|r| r.weight).sum();
        prop_assert_eq!(a.risk_score(), sum);
    }

    /// SPEC §5: a new live tie between one of ours and a reachable partner
    /// person never raises the score and never adds a risk.
    #[test]
    fn a_new_tie_to_a_reachable_partner_person_never_makes_things_worse(
        p in partnership_of(2..=MAX_PEOPLE),
        pick in any::<prop::sample::Index>(),
    ) {
        let a = Analysis::run(&p, &Scenario::on(AS_OF));
        let candidates = new_tie_candidates(&p, &a);
        prop_assume!(!candidates.is_empty());
        let (u, q) = candidates[pick.index(candidates.len())];
        let mut after = p.clone();
        after.meetings.push(Meeting {
            id: "m-new".into(),
            date: AS_OF,
            title: None,
            attendees: vec![p.people[u].id.clone(), p.people[q].id.clone()],
            notes: None,
            source: None,
            extra: Default::default(),
        });
        let b = Analysis::run(&after, &Scenario::on(AS_OF));
        prop_assert!(b.risk_score() <= a.risk_score(), "{} → {}", a.risk_score(), b.risk_score());
        let before: BTreeSet<(RiskKind, &str)> =
            a.risks.iter().map(|r| (r.kind, r.subject_id(&p))).collect();
        for r in &b.risks {
            prop_assert!(
                before.contains(&(r.kind, r.subject_id(&after))),
                "new risk {} on {}", r.kind, r.subject_id(&after)
            );
        }
    }
}
