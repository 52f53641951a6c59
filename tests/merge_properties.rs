//! Property tests of the three-way merge on random partnerships, each side
//! changed by random edits made as the UI and the command line make them
//! (`change::Change`): a side that changed nothing takes the other's
//! version whole, the same edits on both sides are no conflict, the merge
//! always loads, and which records it keeps does not depend on which side
//! is "ours".

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::{Date, date};
use partnermap::change::{Change, Record};
use partnermap::date::add_days;
use partnermap::merge::{Merged, merge};
use partnermap::model::{Level, Meeting, Partnership, Person, Side, Tie};
use partnermap::{rules, store};
use proptest::prelude::*;
use std::collections::BTreeSet;

const DAY: Date = date(2026, 6, 1);

/// A small partnership: `sides[i]` says whether person i is a partner;
/// ties and meetings by person index (bad ones are left out).
fn build(sides: &[bool], ties: &[(usize, usize)], meetings: &[(usize, usize, i64)]) -> Partnership {
    let mut p = Partnership::default();
    p.names.name = "Us × Them".into();
    p.names.ours = "Us".into();
    p.names.partner = "Them".into();
    for (i, partner) in sides.iter().enumerate() {
        let side = if *partner { Side::Partner } else { Side::Ours };
        p.people
            .push(Person::new(format!("p{i}"), format!("Person {i}"), side));
    }
    let n = sides.len();
    for &(a, b) in ties {
        let (a, b) = (format!("p{}", a % n), format!("p{}", b % n));
        if a != b && !p.ties.iter().any(|t| t.joins(&a, &b)) {
            p.ties.push(Tie::new(a, b));
        }
    }
    for &(a, b, day) in meetings {
        let (a, b) = (a % n, b % n);
        if a != b {
            let id = p.next_meeting_id();
            p.meetings.push(Meeting {
                id,
                date: add_days(DAY, day),
                title: None,
                attendees: vec![format!("p{a}"), format!("p{b}")],
                notes: None,
                source: None,
                extra: Default::default(),
            });
        }
    }
    assert!(rules::check(&p).is_empty());
    p
}

/// One edit, with indices into whatever the side holds when it is made.
#[derive(Debug, Clone)]
enum Op {
    AddPerson(bool),
    Title(usize, u8),
    Level(usize, usize),
    AddTie(usize, usize),
    AddMeeting(usize, usize, i64),
    RetitleMeeting(usize, u8),
    DeletePerson(usize),
    DeleteTie(usize),
    DeleteMeeting(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        any::<bool>().prop_map(Op::AddPerson),
        (any::<usize>(), 0u8..3).prop_map(|(i, t)| Op::Title(i, t)),
        (any::<usize>(), 0usize..4).prop_map(|(i, l)| Op::Level(i, l)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::AddTie(a, b)),
        (any::<usize>(), any::<usize>(), 0i64..30).prop_map(|(a, b, d)| Op::AddMeeting(a, b, d)),
        (any::<usize>(), 0u8..3).prop_map(|(i, t)| Op::RetitleMeeting(i, t)),
        any::<usize>().prop_map(Op::DeletePerson),
        any::<usize>().prop_map(Op::DeleteTie),
        any::<usize>().prop_map(Op::DeleteMeeting),
    ]
}

/// The change `op` asks of `p`, if it can be made.
fn change(p: &Partnership, op: &Op, added: &mut usize) -> Option<Change> {
    let person = |i: usize| p.people.get(i % p.people.len().max(1));
    let edit = |i: usize, f: &dyn Fn(&mut Person)| {
        let before = person(i)?;
        let mut after = before.clone();
        f(&mut after);
        Some(Change::edit_person(before, after))
    };
    match *op {
        Op::AddPerson(partner) => {
            *added += 1;
            let side = if partner { Side::Partner } else { Side::Ours };
            Some(Change::AddPerson(Person::new(
                format!("n{added}"),
                format!("New {added}"),
                side,
            )))
        }
        Op::Title(i, t) => edit(i, &|x| x.title = Some(format!("Title {t}"))),
        Op::Level(i, l) => edit(i, &|x| x.level = Level::ALL[l]),
        Op::AddTie(a, b) => Some(Change::AddTie(Tie::new(&person(a)?.id, &person(b)?.id))),
        Op::AddMeeting(a, b, day) => Some(Change::AddMeeting(Meeting {
            id: p.next_meeting_id(),
            date: add_days(DAY, day),
            title: Some(format!("Meeting on day {day}")),
            attendees: vec![person(a)?.id.clone(), person(b)?.id.clone()],
            notes: None,
            source: None,
            extra: Default::default(),
        })),
        Op::RetitleMeeting(i, t) => {
            let before = p.meetings.get(i % p.meetings.len().max(1))?;
            let after = Meeting {
                title: Some(format!("Retitled {t}")),
                ..before.clone()
            };
            Some(Change::Edit(partnermap::change::Edit::Meeting {
                before: before.clone(),
                after,
            }))
        }
        Op::DeletePerson(i) => Change::delete(p, Record::Person(person(i)?.clone())),
        Op::DeleteTie(i) => {
            let tie = p.ties.get(i % p.ties.len().max(1))?;
            Change::delete(p, Record::Tie(tie.clone()))
        }
        Op::DeleteMeeting(i) => {
            let m = p.meetings.get(i % p.meetings.len().max(1))?;
            Change::delete(p, Record::Meeting(m.clone()))
        }
    }
}

/// `base` after the edits that can be made (the others are skipped, as the
/// UI would refuse them). `tag` keeps two sides' new people apart.
fn edited(base: &Partnership, ops: &[Op], tag: usize) -> Partnership {
    let mut p = base.clone();
    let mut added = tag * 100;
    for op in ops {
        if let Some(c) = change(&p, op, &mut added) {
            let _ = c.apply(&mut p);
        }
    }
    p
}

fn partnership() -> impl Strategy<Value = Partnership> {
    (
        prop::collection::vec(any::<bool>(), 2..8),
        prop::collection::vec((0usize..8, 0usize..8), 0..8),
        prop::collection::vec((0usize..8, 0usize..8, 0i64..30), 0..8),
    )
        .prop_map(|(sides, ties, meetings)| build(&sides, &ties, &meetings))
}

fn edits() -> impl Strategy<Value = Vec<Op>> {
    prop::collection::vec(op(), 0..8)
}

fn merged(b: &Partnership, o: &Partnership, t: &Partnership) -> Merged {
    let m = merge(b, o, t).expect("these edits always merge");
    let problems = rules::check(&m.partnership);
    assert!(problems.is_empty(), "{problems:?}");
    let text = store::to_text(&m.partnership);
    let back = store::parse(&text, "merged.json".as_ref()).expect("the merge loads");
    assert_eq!(back, m.partnership);
    m
}

/// What a merge keeps, whichever side is ours: the people, the pairs
/// tied, and the meetings' ids (a meeting of the other side renumbered
/// gets the same new id either way round).
fn kept(
    p: &Partnership,
) -> (
    BTreeSet<String>,
    BTreeSet<(String, String)>,
    BTreeSet<String>,
) {
    let people = p.people.iter().map(|x| x.id.clone()).collect();
    let pairs = p
        .ties
        .iter()
        .map(|t| {
            let (a, b) = (t.a.clone(), t.b.clone());
            if a <= b { (a, b) } else { (b, a) }
        })
        .collect();
    let meetings = p.meetings.iter().map(|m| m.id.clone()).collect();
    (people, pairs, meetings)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_side_that_changed_nothing_takes_the_other_whole(
        base in partnership(), ops in edits()
    ) {
        let x = edited(&base, &ops, 1);
        let m = merged(&base, &x, &base);
        prop_assert!(m.conflicts.is_empty() && m.renumbered.is_empty());
        prop_assert_eq!(&m.partnership, &x);
        let m = merged(&base, &base, &x);
        prop_assert!(m.conflicts.is_empty() && m.renumbered.is_empty());
        prop_assert_eq!(&m.partnership, &x);
    }

    #[test]
    fn the_same_edits_on_both_sides_merge_to_them(base in partnership(), ops in edits()) {
        let x = edited(&base, &ops, 1);
        let m = merged(&base, &x, &x);
        prop_assert!(m.conflicts.is_empty());
        prop_assert_eq!(&m.partnership, &x);
    }

    #[test]
    fn any_two_sides_merge_into_a_file_that_loads_and_keeps_the_same_records_either_way(
        base in partnership(), ours in edits(), theirs in edits()
    ) {
        let x = edited(&base, &ours, 1);
        let y = edited(&base, &theirs, 2);
        let xy = merged(&base, &x, &y);
        let yx = merged(&base, &y, &x);
        prop_assert_eq!(kept(&xy.partnership), kept(&yx.partnership));
        prop_assert_eq!(xy.conflicts.len(), yx.conflicts.len());
        // Every addition of either side is there.
        let (people, _, _) = kept(&xy.partnership);
        for p in x.people.iter().chain(&y.people) {
            if base.person(&p.id).is_none() {
                prop_assert!(people.contains(&p.id), "{} lost", p.id);
            }
        }
    }
}
