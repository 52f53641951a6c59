//! What the property tests share: random small partnerships (SPEC §2
//! valid, at most 12 people) and a deliberately naive reference of the
//! live graph, coverage, dependency and bus factor, written straight from
//! the wording of SPEC §3–4 (remove people one at a time, every subset for
//! the bus factor, breadth-first search each time).

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::Date;
use partnermap::date::{add_days, days_between};
use partnermap::model::{Level, Meeting, Partnership, Person, Settings, Side, Stance, Tie};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

pub const AS_OF: Date = Date::constant(2026, 6, 15);
pub const MAX_PEOPLE: usize = 12;

// ---- Random partnerships ---------------------------------------------------

/// A random person: side, level, key, and `left` as a day offset from AS_OF.
pub type PersonParts = (bool, usize, bool, Option<i64>, usize);
/// A random declared tie: two person indices and `last_contact` as an offset.
pub type TieParts = (usize, usize, Option<i64>);
/// A random meeting: distinct attendee indices and the date as an offset.
pub type MeetingParts = (Vec<usize>, i64);

pub fn person_parts() -> impl Strategy<Value = PersonParts> {
    let left = prop_oneof![
        8 => Just(None),
        1 => Just(Some(0)),
        2 => (-200i64..=200).prop_map(Some),
    ];
    // Stance: 0..5 one of the five, 5..8 unknown.
    (
        any::<bool>(),
        0usize..4,
        prop::bool::weighted(0.2),
        left,
        0usize..8,
    )
}

pub fn build(
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
    for (i, (partner, level, key, left, stance)) in people.into_iter().enumerate() {
        let side = if partner { Side::Partner } else { Side::Ours };
        let mut person = Person::new(format!("p{i}"), format!("Person {i}"), side);
        person.level = Level::ALL[level];
        person.key = key;
        person.stance = Stance::ALL.get(stance).copied();
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
pub fn partnership() -> impl Strategy<Value = Partnership> {
    partnership_of(0..=MAX_PEOPLE)
}

/// As [`partnership`], with a number of people in `sizes`.
pub fn partnership_of(
    sizes: std::ops::RangeInclusive<usize>,
) -> impl Strategy<Value = Partnership> {
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
pub struct NaiveTie {
    pub declared: bool,
    pub meetings: u32,
    pub last_contact: Option<Date>,
    pub strength: f64,
    pub live: bool,
}

/// Everything the naive reference computes, keyed by person index.
#[derive(Debug)]
pub struct Naive {
    pub active: Vec<bool>,
    /// Keyed by (smaller index, larger index).
    pub ties: BTreeMap<(usize, usize), NaiveTie>,
    /// Neighbours over live ties, per person.
    pub adjacent: Vec<BTreeSet<usize>>,
    pub reachable: Vec<bool>,
    pub depends_on: Vec<BTreeSet<usize>>,
    pub exposure: Vec<BTreeSet<usize>>,
    pub bus_factor: usize,
}

/// Breadth-first search from "our organisation" over live ties, with the
/// people in `removed` taken out as well. Returns who is reached.
pub fn reach(p: &Partnership, n: &Naive, removed: &[usize]) -> Vec<bool> {
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

pub fn is_partner(p: &Partnership, i: usize) -> bool {
    p.people[i].side == Side::Partner
}

/// Whether, with `removed` gone, no active partner person is reachable.
pub fn partner_cut_off(p: &Partnership, n: &Naive, removed: &[usize]) -> bool {
    let seen = reach(p, n, removed);
    (0..p.people.len()).all(|i| !(is_partner(p, i) && seen[i]))
}

/// All k-element subsets of `items`, in lexicographic order.
pub fn subsets(items: &[usize], k: usize) -> Vec<Vec<usize>> {
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
pub fn naive(p: &Partnership, as_of: Date) -> Naive {
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
