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
use partnermap::date::{add_days, days_between};
use partnermap::graph::Scenario;
use partnermap::model::{Level, Meeting, Partnership, Person, Settings, Side, Tie};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

const AS_OF: Date = Date::constant(2026, 6, 15);
const MAX_PEOPLE: usize = 12;

// ---- Random partnerships ---------------------------------------------------

/// A random person: side, level, key, and `left` as a day offset from AS_OF.
type PersonParts = (bool, usize, bool, Option<i64>);
/// A random declared tie: two person indices and `last_contact` as an offset.
type TieParts = (usize, usize, Option<i64>);
/// A random meeting: distinct attendee indices and the date as an offset.
type MeetingParts = (Vec<usize>, i64);

fn person_parts() -> impl Strategy<Value = PersonParts> {
    let left = prop_oneof![
        8 => Just(None),
        1 => Just(Some(0)),
        2 => (-200i64..=200).prop_map(Some),
    ];
    (any::<bool>(), 0usize..4, prop::bool::weighted(0.2), left)
}

fn build(
    people: Vec<PersonParts>,
    ties: Vec<TieParts>,
    meetings: Vec<MeetingParts>,
    stale_after_days: u32,
    half_life_days: u32,
) -> Partnership {
    let mut p = Partnership::default();
    p.names.name = "Us × Them".into();
    p.names.ours = "Us".into();
    p.names.partner = "Them".into();
    p.settings = Settings {
        stale_after_days,
        half_life_days,
        ..Settings::default()
    };
    for (i, (partner, level, key, left)) in people.into_iter().enumerate() {
        let side = if partner { Side::Partner } else { Side::Ours };
        let mut person = Person::new(format!("p{i}"), format!("Person {i}"), side);
        person.level = Level::ALL[level];
        person.key = key;
        person.left = left.map(|d| add_days(AS_OF, d));
        p.people.push(person);
    }
    // SPEC §2: no self ties, each unordered pair declared at most once.
    let mut pairs = BTreeSet::new();
    for (a, b, last) in ties {
        if a == b || !pairs.insert((a.min(b), a.max(b))) {
            continue;
        }
        let mut tie = Tie::new(format!("p{a}"), format!("p{b}"));
        tie.last_contact = last.map(|d| add_days(AS_OF, d));
        p.ties.push(tie);
    }
    for (k, (attendees, day)) in meetings.into_iter().enumerate() {
        p.meetings.push(Meeting {
            id: format!("m-{:04}", k + 1),
            date: add_days(AS_OF, day),
            title: None,
            attendees: attendees.iter().map(|i| format!("p{i}")).collect(),
            notes: None,
            source: None,
            extra: Default::default(),
        });
    }
    p
}

/// A valid partnership (SPEC §2) of 0–12 people, with ties and meetings
/// dated within ±200 days of AS_OF.
fn partnership() -> impl Strategy<Value = Partnership> {
    partnership_of(0..=MAX_PEOPLE)
}

/// As [`partnership`], with a number of people in `sizes`.
fn partnership_of(sizes: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = Partnership> {
    sizes
        .prop_flat_map(|n| {
            let people = prop::collection::vec(person_parts(), n);
            let index = 0..n.max(1);
            let ties = prop::collection::vec(
                (
                    index.clone(),
                    index,
                    prop::option::weighted(0.6, -200i64..=200),
                ),
                0..=2 * n,
            );
            let meetings = if n == 0 {
                Just(Vec::new()).boxed()
            } else {
                let attendees = prop::sample::subsequence((0..n).collect::<Vec<_>>(), 1..=n.min(4))
                    .prop_shuffle();
                prop::collection::vec((attendees, -200i64..=200), 0..=n + 2).boxed()
            };
            (people, ties, meetings, 1u32..=120, 1u32..=365)
        })
        .prop_map(|(people, ties, meetings, stale, half_life)| {
            build(people, ties, meetings, stale, half_life)
        })
}

// ---- The naive reference ----------------------------------------------------

/// One tie of the naive live graph.
#[derive(Debug, Clone, PartialEq)]
struct NaiveTie {
    declared: bool,
    meetings: u32,
    last_contact: Option<Date>,
    strength: f64,
    live: bool,
}

/// Everything the naive reference computes, keyed by person index.
#[derive(Debug)]
struct Naive {
    active: Vec<bool>,
    /// Keyed by (smaller index, larger index).
    ties: BTreeMap<(usize, usize), NaiveTie>,
    /// Neighbours over live ties, per person.
    adjacent: Vec<BTreeSet<usize>>,
    reachable: Vec<bool>,
    depends_on: Vec<BTreeSet<usize>>,
    exposure: Vec<BTreeSet<usize>>,
    bus_factor: usize,
}

/// Breadth-first search from "our organisation" over live ties, with the
/// people in `removed` taken out as well. Returns who is reached.
fn reach(p: &Partnership, n: &Naive, removed: &[usize]) -> Vec<bool> {
    let count = p.people.len();
    let present = |i: usize| n.active[i] && !removed.contains(&i);
    let mut seen = vec![false; count];
    let mut queue = VecDeque::new();
    // Our organisation is joined to every active person on our side.
    for (i, person) in p.people.iter().enumerate() {
        if present(i) && person.side == Side::Ours {
            seen[i] = true;
            queue.push_back(i);
        }
    }
    while let Some(v) = queue.pop_front() {
        for &w in &n.adjacent[v] {
            if present(w) && !seen[w] {
                seen[w] = true;
                queue.push_back(w);
            }
        }
    }
    seen
}

fn is_partner(p: &Partnership, i: usize) -> bool {
    p.people[i].side == Side::Partner
}

/// Whether, with `removed` gone, no active partner person is reachable.
fn partner_cut_off(p: &Partnership, n: &Naive, removed: &[usize]) -> bool {
    let seen = reach(p, n, removed);
    (0..p.people.len()).all(|i| !(is_partner(p, i) && seen[i]))
}

/// All k-element subsets of `items`, in lexicographic order.
fn subsets(items: &[usize], k: usize) -> Vec<Vec<usize>> {
    if k == 0 {
        return vec![Vec::new()];
    }
    let mut out = Vec::new();
    for (pos, &first) in items.iter().enumerate() {
        for mut rest in subsets(&items[pos + 1..], k - 1) {
            rest.insert(0, first);
            out.push(rest);
        }
    }
    out
}

// Longer than a screen on purpose: the naive reference, kept in one piece so that it reads as the SPEC does.
#[allow(clippy::too_many_lines)]
fn naive(p: &Partnership, as_of: Date) -> Naive {
    let count = p.people.len();
    let id_of: BTreeMap<&str, usize> = p
        .people
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id.as_str(), i))
        .collect();

    // Rule 1: active unless `left` is set and left <= D.
    let active: Vec<bool> = p
        .people
        .iter()
        .map(|x| match x.left {
            Some(left) => left > as_of,
            None => true,
        })
        .collect();

    // Rules 2–3: the sources of each pair's tie.
    #[derive(Default)]
    struct Sources {
        declared: bool,
        declared_date: Option<Date>,
        meeting_dates: Vec<Date>,
    }
    let mut sources: BTreeMap<(usize, usize), Sources> = BTreeMap::new();
    for meeting in &p.meetings {
        if meeting.date > as_of {
            continue; // planned, not held
        }
        let present: Vec<usize> = meeting
            .attendees
            .iter()
            .map(|id| id_of[id.as_str()])
            .filter(|&i| active[i])
            .collect();
        for &x in &present {
            for &y in &present {
                if x < y {
                    sources
                        .entry((x, y))
                        .or_default()
                        .meeting_dates
                        .push(meeting.date);
                }
            }
        }
    }
    for tie in &p.ties {
        let (a, b) = (id_of[tie.a.as_str()], id_of[tie.b.as_str()]);
        if !(active[a] && active[b]) {
            continue;
        }
        let s = sources.entry((a.min(b), a.max(b))).or_default();
        s.declared = true;
        // A last contact after D counts as absent.
        s.declared_date = tie.last_contact.filter(|&d| d <= as_of);
    }

    // Rules 4–6.
    let stale_after = i64::from(p.settings.stale_after_days);
    let half_life = f64::from(p.settings.half_life_days);
    let mut ties = BTreeMap::new();
    for (&pair, s) in &sources {
        let mut last_contact = s.declared_date;
        for &d in &s.meeting_dates {
            if last_contact.is_none_or(|l| d > l) {
                last_contact = Some(d);
            }
        }
        let undated_declaration = s.declared && s.declared_date.is_none();
        let recent = last_contact.is_some_and(|l| days_between(l, as_of) <= stale_after);
        let mut strength = if s.declared { 1.0 } else { 0.0 };
        for &d in &s.meeting_dates {
            strength += 0.5f64.powf(days_between(d, as_of) as f64 / half_life);
        }
        ties.insert(
            pair,
            NaiveTie {
                declared: s.declared,
                meetings: s.meeting_dates.len() as u32,
                last_contact,
                strength,
                live: undated_declaration || recent,
            },
        );
    }

    let mut adjacent = vec![BTreeSet::new(); count];
    for (&(a, b), tie) in &ties {
        if tie.live {
            adjacent[a].insert(b);
            adjacent[b].insert(a);
        }
    }

    let mut n = Naive {
        active,
        ties,
        adjacent,
        reachable: Vec::new(),
        depends_on: vec![BTreeSet::new(); count],
        exposure: vec![BTreeSet::new(); count],
        bus_factor: 0,
    };
    n.reachable = reach(p, &n, &[]);

    // Depends on: every active v != p whose removal alone cuts p off.
    for target in 0..count {
        if !(n.active[target] && is_partner(p, target) && n.reachable[target]) {
            continue;
        }
        for v in 0..count {
            if v != target && n.active[v] && !reach(p, &n, &[v])[target] {
                n.depends_on[target].insert(v);
            }
        }
    }
    // Exposure: the partner people whose "depends on" holds v.
    for target in 0..count {
        for &v in &n.depends_on[target] {
            n.exposure[v].insert(target);
        }
    }

    // Bus factor: the smallest set of active people that cuts every partner
    // person off; 0 when none is reachable now.
    let actives: Vec<usize> = (0..count).filter(|&i| n.active[i]).collect();
    n.bus_factor = (0..=actives.len())
        .find(|&k| {
            subsets(&actives, k)
                .iter()
                .any(|set| partner_cut_off(p, &n, set))
        })
        .expect("removing everyone cuts everyone off");
    n
}

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
            prop_assert_eq!(single.is_some(), row.direct() == 1);
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
