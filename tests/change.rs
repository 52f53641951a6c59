//! Changes on generated partnerships: deleting any record and taking the
//! delete back is the identity, and what a delete leaves passes the file's
//! rules (SPEC §2, §7).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::Date;
use partnermap::change::{Cascade, Change, Record};
use partnermap::model::{Meeting, Partnership, Person, Side, Tie};
use partnermap::{rules, store};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::path::Path;

/// A person: side, and whom they report to (an earlier person, when on
/// the same side, so that lines never loop).
type PersonParts = (bool, Option<prop::sample::Index>);

fn build(
    people: Vec<PersonParts>,
    ties: Vec<(usize, usize)>,
    meetings: Vec<Vec<usize>>,
) -> Partnership {
    let mut p = Partnership::default();
    p.names.name = "Us × Them".into();
    for (i, (partner, boss)) in people.into_iter().enumerate() {
        let side = if partner { Side::Partner } else { Side::Ours };
        let mut x = Person::new(format!("p{i}"), format!("Person {i}"), side);
        if i > 0
            && let Some(boss) = boss.map(|b| b.index(i))
            && p.people[boss].side == side
        {
            x.reports_to = Some(format!("p{boss}"));
        }
        p.people.push(x);
    }
    let mut pairs = BTreeSet::new();
    for (a, b) in ties {
        if a != b && pairs.insert((a.min(b), a.max(b))) {
            p.ties.push(Tie::new(format!("p{a}"), format!("p{b}")));
        }
    }
    for (k, attendees) in meetings.into_iter().enumerate() {
        p.meetings.push(Meeting {
            id: format!("m-{:04}", k + 1),
            date: Date::constant(2026, 1, 1 + (k % 28) as i8),
            title: None,
            attendees: attendees.iter().map(|i| format!("p{i}")).collect(),
            notes: None,
            source: None,
            extra: Default::default(),
        });
    }
    p
}

fn partnership() -> impl Strategy<Value = Partnership> {
    (1usize..=8)
        .prop_flat_map(|n| {
            let people = prop::collection::vec(
                (
                    any::<bool>(),
                    prop::option::of(any::<prop::sample::Index>()),
                ),
                n,
            );
            let ties = prop::collection::vec((0..n, 0..n), 0..=2 * n);
            let attendees =
                prop::sample::subsequence((0..n).collect::<Vec<_>>(), 1..=n.min(4)).prop_shuffle();
            let meetings = prop::collection::vec(attendees, 0..=n + 2);
            (people, ties, meetings)
        })
        .prop_map(|(people, ties, meetings)| build(people, ties, meetings))
}

/// Any record of `p`, picked by `kind` and `pick`.
fn record(p: &Partnership, kind: u8, pick: prop::sample::Index) -> Option<Record> {
    match kind {
        0 if !p.ties.is_empty() => Some(Record::Tie(p.ties[pick.index(p.ties.len())].clone())),
        1 if !p.meetings.is_empty() => Some(Record::Meeting(
            p.meetings[pick.index(p.meetings.len())].clone(),
        )),
        _ => Some(Record::Person(p.people[pick.index(p.people.len())].clone())),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_delete_then_its_inverse_is_the_identity(
        p in partnership(),
        kind in 0u8..3,
        pick in any::<prop::sample::Index>(),
    ) {
        prop_assert!(rules::check(&p).is_empty(), "the generator makes valid files");
        let record = record(&p, kind, pick).unwrap();
        let change = Change::delete(&p, record.clone()).unwrap();
        if let Record::Person(x) = &record {
            let Change::Delete(d) = &change else { panic!("not a delete") };
            prop_assert_eq!(d.cascade.counts(), Cascade::of(&p, &x.id).counts());
        }
        let mut q = p.clone();
        let made = change.apply(&mut q).unwrap();
        prop_assert!(rules::check(&q).is_empty(), "{:?}", rules::check(&q));
        // What is left loads as it is.
        let loaded = store::parse(&store::to_text(&q), Path::new("x.json")).unwrap();
        prop_assert_eq!(&loaded, &q);
        made.inverse().apply(&mut q).unwrap();
        prop_assert_eq!(q, p);
    }

    #[test]
    fn a_batch_of_deletes_is_taken_back_in_reverse(
        p in partnership(),
        picks in prop::collection::vec((0u8..3, any::<prop::sample::Index>()), 1..4),
    ) {
        let mut q = p.clone();
        let mut deletes = Vec::new();
        for (kind, pick) in picks {
            let Some(record) = record(&q, kind, pick) else { continue };
            let change = Change::delete(&q, record).unwrap();
            change.apply(&mut q).unwrap();
            deletes.push(change);
            if q.people.is_empty() {
                break;
            }
        }
        let mut r = p.clone();
        let made = Change::Batch(deletes).apply(&mut r).unwrap();
        prop_assert_eq!(&r, &q);
        made.inverse().apply(&mut r).unwrap();
        prop_assert_eq!(r, p);
    }
}
