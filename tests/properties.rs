//! Property tests: the fast analysis (linear-time dependency search, max-flow
//! bus factor) against a deliberately naive reference written straight from
//! the wording of SPEC §3–4, on small random partnerships.
//!
//! The naive reference removes people one at a time (and, for the bus factor,
//! every subset of people in increasing size) and re-runs a breadth-first
//! search, so it is slow but obviously right; the generated partnerships are
//! kept small (at most 12 people) so that it stays cheap.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::Date;
use partnermap::analysis::{Analysis, RiskFacts, Subject};
use partnermap::date::add_days;
use partnermap::graph::Scenario;
use partnermap::model::{Level, Meeting, Partnership, Person, Side, Tie};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

mod naive;

use naive::*;

// ---- Comparisons -------------------------------------------------------------

fn ids(p: &Partnership, people: impl IntoIterator<Item = usize>) -> BTreeSet<String> {
    people.into_iter().map(|i| p.people[i].id.clone()).collect()
}

fn is_sorted_by_id(p: &Partnership, people: &[usize]) -> bool {
    people
        .windows(2)
        .all(|w| p.people[w[0]].id < p.people[w[1]].id)
}

/// What is compared of a tie: last contact, live, declared, meetings, strength.
type TieFacts = (Option<Date>, bool, bool, u32, f64);

/// Rule-by-rule SPEC §3: the same active people and the same ties, each with
/// the same sources, last contact, strength and live/stale status.
fn check_live_graph(p: &Partnership, a: &Analysis, n: &Naive) -> Result<(), TestCaseError> {
    prop_assert_eq!(&a.live.active, &n.active, "active people");
    let key = |x: usize, y: usize| {
        let (x, y) = (&p.people[x].id, &p.people[y].id);
        if x < y {
            (x.clone(), y.clone())
        } else {
            (y.clone(), x.clone())
        }
    };
    let fast: BTreeMap<(String, String), TieFacts> = a
        .live
        .ties
        .iter()
        .map(|t| {
            (
                key(t.a, t.b),
                (t.last_contact, t.live, t.declared, t.meetings, t.strength),
            )
        })
        .collect();
    prop_assert_eq!(fast.len(), a.live.ties.len(), "one tie per pair");
    let slow: BTreeMap<(String, String), TieFacts> = n
        .ties
        .iter()
        .map(|(&(x, y), t)| {
            (
                key(x, y),
                (t.last_contact, t.live, t.declared, t.meetings, t.strength),
            )
        })
        .collect();
    prop_assert_eq!(
        fast.keys().collect::<Vec<_>>(),
        slow.keys().collect::<Vec<_>>(),
        "tie pairs"
    );
    for (pair, f) in &fast {
        let s = &slow[pair];
        prop_assert_eq!((f.0, f.1, f.2, f.3), (s.0, s.1, s.2, s.3), "tie {:?}", pair);
        prop_assert!(
            (f.4 - s.4).abs() < 1e-9,
            "strength of {:?}: {} vs {}",
            pair,
            f.4,
            s.4
        );
    }
    for t in &a.live.ties {
        prop_assert!(t.a < t.b && a.live.active[t.a] && a.live.active[t.b]);
    }
    prop_assert_eq!(
        a.live.live_tie_count(),
        n.ties.values().filter(|t| t.live).count()
    );
    Ok(())
}

/// SPEC §4 and the coverage rows of §6: reachable, depends on, direct
/// coverage and last contact of every active partner person.
fn check_coverage(p: &Partnership, a: &Analysis, n: &Naive) -> Result<(), TestCaseError> {
    let partners: Vec<usize> = (0..p.people.len())
        .filter(|&i| n.active[i] && is_partner(p, i))
        .collect();
    prop_assert_eq!(
        a.coverage.iter().map(|c| c.person).collect::<Vec<_>>(),
        partners.clone(),
        "one coverage row per active partner person, in file order"
    );
    for (row, &i) in a.coverage.iter().zip(&partners) {
        let who = &p.people[i].id;
        prop_assert_eq!(row.reachable, n.reachable[i], "reachable {}", who);
        prop_assert_eq!(
            a.dependency.reachable[i],
            n.reachable[i],
            "dependency.reachable {}",
            who
        );
        prop_assert_eq!(
            ids(p, row.depends_on.iter().copied()),
            ids(p, n.depends_on[i].iter().copied()),
            "depends on {}",
            who
        );
        prop_assert_eq!(
            ids(p, a.dependency.depends_on(i)),
            ids(p, n.depends_on[i].iter().copied()),
            "dependency.depends_on({})",
            who
        );
        prop_assert_eq!(row.depends_on.len(), n.depends_on[i].len(), "no repeats");
        prop_assert!(is_sorted_by_id(p, &row.depends_on), "depends on sorted");

        let covered_by: BTreeSet<usize> = n.adjacent[i]
            .iter()
            .copied()
            .filter(|&o| !is_partner(p, o))
            .collect();
        prop_assert_eq!(
            ids(p, row.covered_by.iter().copied()),
            ids(p, covered_by.iter().copied()),
            "covered by {}",
            who
        );
        prop_assert_eq!(row.direct(), covered_by.len());
        prop_assert!(is_sorted_by_id(p, &row.covered_by), "covered by sorted");

        let last_contact = n
            .ties
            .iter()
            .filter(|&(&(x, y), _)| (x == i && !is_partner(p, y)) || (y == i && !is_partner(p, x)))
            .filter_map(|(_, t)| t.last_contact)
            .max();
        prop_assert_eq!(row.last_contact, last_contact, "last contact {}", who);
    }
    // Reachability of our own people too (all active ones are reachable).
    for i in 0..p.people.len() {
        prop_assert_eq!(
            a.dependency.reachable[i],
            n.reachable[i],
            "dependency.reachable {}",
            p.people[i].id
        );
    }
    Ok(())
}

/// SPEC §4: exposure of every person (empty for inactive people).
fn check_exposure(p: &Partnership, a: &Analysis, n: &Naive) -> Result<(), TestCaseError> {
    prop_assert_eq!(a.exposure.len(), p.people.len());
    for (v, exposure) in a.exposure.iter().enumerate() {
        prop_assert_eq!(
            ids(p, exposure.iter().copied()),
            ids(p, n.exposure[v].iter().copied()),
            "exposure of {}",
            p.people[v].id
        );
        prop_assert_eq!(exposure.len(), n.exposure[v].len(), "no repeats");
        prop_assert!(is_sorted_by_id(p, exposure), "exposure sorted");
    }
    Ok(())
}

/// SPEC §4: bus factor size, and the returned people really cut the partner off.
fn check_bus_factor(p: &Partnership, a: &Analysis, n: &Naive) -> Result<(), TestCaseError> {
    let bf = &a.bus_factor;
    prop_assert_eq!(bf.size, n.bus_factor, "bus factor size");
    prop_assert_eq!(
        bf.people.len(),
        bf.size,
        "bus factor people: {:?}",
        bf.people
    );
    let distinct: BTreeSet<usize> = bf.people.iter().copied().collect();
    prop_assert_eq!(distinct.len(), bf.people.len(), "no repeats");
    for &i in &bf.people {
        prop_assert!(n.active[i], "{} in the cut is not active", p.people[i].id);
    }
    prop_assert!(
        partner_cut_off(p, n, &bf.people),
        "removing {:?} leaves a partner person reachable",
        ids(p, bf.people.iter().copied())
    );
    Ok(())
}

fn check_all(p: &Partnership, a: &Analysis, n: &Naive) -> Result<(), TestCaseError> {
    check_live_graph(p, a, n)?;
    check_coverage(p, a, n)?;
    check_exposure(p, a, n)?;
    check_bus_factor(p, a, n)
}

fn run(p: &Partnership) -> (Analysis, Naive) {
    (Analysis::run(p, &Scenario::on(AS_OF)), naive(p, AS_OF))
}

// ---- Properties ----------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn live_graph_matches_naive(p in partnership()) {
        let (a, n) = run(&p);
        check_live_graph(&p, &a, &n)?;
    }

    #[test]
    fn reachable_and_depends_on_match_naive(p in partnership()) {
        let (a, n) = run(&p);
        check_coverage(&p, &a, &n)?;
    }

    #[test]
    fn exposure_matches_naive(p in partnership()) {
        let (a, n) = run(&p);
        check_exposure(&p, &a, &n)?;
    }

    #[test]
    fn bus_factor_matches_brute_force(p in partnership()) {
        let (a, n) = run(&p);
        check_bus_factor(&p, &a, &n)?;
    }

    #[test]
    fn what_if_gone_equals_having_left(p in partnership_of(1..=MAX_PEOPLE), pick in any::<prop::sample::Index>()) {
        let gone = pick.index(p.people.len());
        let a = Analysis::run(&p, &Scenario { as_of: AS_OF, gone: vec![gone] });
        let mut left = p.clone();
        left.people[gone].left = Some(AS_OF);
        let n = naive(&left, AS_OF);
        prop_assert!(!a.live.active[gone]);
        check_all(&p, &a, &n)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The plan's cheap path finds exactly what the whole analysis finds.
    #[test]
    fn risks_only_matches_the_whole_analysis(p in partnership(), pick in any::<prop::sample::Index>()) {
        let mut scenario = Scenario::on(AS_OF);
        if !p.people.is_empty() && pick.index(2) == 0 {
            scenario.gone.push(pick.index(p.people.len()));
        }
        let a = Analysis::run(&p, &scenario);
        let only = Analysis::risks_only(&p, &scenario);
        prop_assert_eq!(&only.bus_factor, &a.bus_factor);
        prop_assert_eq!(&only.risks, &a.risks);
    }

    /// The risk rules read the graph directly; what they find agrees with
    /// the coverage rows the views show.
    #[test]
    fn risk_facts_agree_with_coverage(p in partnership()) {
        let a = Analysis::run(&p, &Scenario::on(AS_OF));
        for row in &a.coverage {
            let of = |kind| a.risks.iter().find(|r| r.kind == kind && r.subject == Subject::Person(row.person));
            let unreachable = of(partnermap::analysis::RiskKind::Unreachable);
            prop_assert_eq!(unreachable.is_some(), !row.reachable);
            if let Some(r) = unreachable {
                prop_assert_eq!(r.facts, RiskFacts::Unreachable { last_contact: row.last_contact });
            }
            let single = of(partnermap::analysis::RiskKind::SingleThreaded);
            let person = &p.people[row.person];
            let senior_or_more = person.is_vip() || person.level == Level::Senior;
            prop_assert_eq!(single.is_some(), row.reachable && senior_or_more && row.direct() <= 1);
            if let Some(r) = single {
                prop_assert_eq!(&r.people, &row.covered_by);
            }
        }
    }
}

// ---- Edge cases ------------------------------------------------------------------

fn sample(people: &[(&str, Side)]) -> Partnership {
    let mut p = Partnership::default();
    for &(id, side) in people {
        p.people.push(Person::new(id, id.to_uppercase(), side));
    }
    p
}

#[test]
fn empty_partnership_has_bus_factor_zero_and_no_coverage() {
    let p = Partnership::default();
    let (a, n) = run(&p);
    assert_eq!(a.bus_factor.size, 0);
    assert!(a.bus_factor.people.is_empty());
    assert!(a.coverage.is_empty());
    assert!(a.live.ties.is_empty());
    assert!(a.exposure.is_empty());
    check_all(&p, &a, &n).unwrap();
}

#[test]
fn a_lone_partner_person_is_unreachable_and_bus_factor_is_zero() {
    let p = sample(&[("li", Side::Partner)]);
    let (a, n) = run(&p);
    assert_eq!(a.bus_factor.size, 0);
    assert!(a.bus_factor.people.is_empty());
    assert_eq!(a.coverage.len(), 1);
    assert!(!a.coverage[0].reachable);
    assert!(a.coverage[0].depends_on.is_empty());
    assert_eq!(a.coverage[0].direct(), 0);
    assert_eq!(a.coverage[0].last_contact, None);
    check_all(&p, &a, &n).unwrap();
}

#[test]
fn everyone_left_before_the_as_of_date() {
    let mut p = sample(&[
        ("ana", Side::Ours),
        ("bo", Side::Ours),
        ("li", Side::Partner),
        ("wu", Side::Partner),
    ]);
    for (k, person) in p.people.iter_mut().enumerate() {
        person.left = Some(add_days(AS_OF, -(k as i64)));
    }
    p.ties.push(Tie::new("ana", "li"));
    p.ties.push(Tie::new("bo", "wu"));
    p.meetings.push(Meeting {
        id: "m-0001".into(),
        date: add_days(AS_OF, -400),
        title: None,
        attendees: vec!["ana".into(), "bo".into(), "li".into(), "wu".into()],
        notes: None,
        source: None,
        extra: Default::default(),
    });
    let (a, n) = run(&p);
    assert!(a.live.active.iter().all(|&x| !x));
    assert!(a.live.ties.is_empty());
    assert!(a.coverage.is_empty());
    assert_eq!(a.bus_factor.size, 0);
    assert!(a.bus_factor.people.is_empty());
    assert!(a.exposure.iter().all(Vec::is_empty));
    check_all(&p, &a, &n).unwrap();
}

#[test]
fn a_chain_through_one_partner_person_depends_on_every_link() {
    // ana — li — wu: wu depends on li and on ana (our only person).
    let mut p = sample(&[
        ("ana", Side::Ours),
        ("li", Side::Partner),
        ("wu", Side::Partner),
    ]);
    p.ties.push(Tie::new("ana", "li"));
    p.ties.push(Tie::new("li", "wu"));
    let (a, n) = run(&p);
    assert_eq!(a.bus_factor.size, 1);
    assert_eq!(a.dependency.depends_on(2).len(), 2);
    check_all(&p, &a, &n).unwrap();
}

#[test]
fn a_declared_last_contact_after_the_as_of_date_counts_as_absent() {
    let mut p = sample(&[("ana", Side::Ours), ("li", Side::Partner)]);
    let mut tie = Tie::new("li", "ana");
    tie.last_contact = Some(add_days(AS_OF, 30));
    p.ties.push(tie);
    let (a, n) = run(&p);
    assert_eq!(a.live.ties.len(), 1);
    assert!(a.live.ties[0].live);
    assert_eq!(a.live.ties[0].last_contact, None);
    assert_eq!(a.bus_factor.size, 1);
    check_all(&p, &a, &n).unwrap();
}
