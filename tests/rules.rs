//! The file's rules (SPEC §2) and the loader agree: a partnership the rules
//! accept encodes to text that loads back as itself, and one they refuse
//! encodes to text the loader refuses, with the same places and messages.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::Date;
use partnermap::model::{Meeting, Partnership, Person, Settings, Side, Tie};
use partnermap::rules::{self, Field, Place};
use partnermap::store;
use proptest::prelude::*;
use std::path::Path;

/// Ids from a small pool, so that some repeat; a few are blank, padded or
/// too long.
fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => (0u8..6).prop_map(|n| format!("p{n}")),
        1 => Just(String::new()),
        1 => Just(" p1".to_string()),
        1 => Just("x".repeat(201)),
    ]
}

type PersonParts = (String, bool, Option<String>);

fn person() -> impl Strategy<Value = PersonParts> {
    (id(), any::<bool>(), prop::option::weighted(0.4, id()))
}

fn rough() -> impl Strategy<Value = Partnership> {
    let people = prop::collection::vec(person(), 0..6);
    let ties = prop::collection::vec((id(), id()), 0..6);
    let meetings = prop::collection::vec(
        (
            prop_oneof![
                Just("m-1".to_string()),
                Just("m-2".to_string()),
                Just("m-3".to_string())
            ],
            prop::collection::vec(id(), 0..4),
        ),
        0..4,
    );
    (people, ties, meetings, 0u32..3, 1u32..4).prop_map(|(people, ties, meetings, stale, large)| {
        let mut p = Partnership::default();
        p.names.name = "N".into();
        p.settings = Settings {
            stale_after_days: stale,
            large_meeting: large,
            ..Settings::default()
        };
        for (id, partner, boss) in people {
            let side = if partner { Side::Partner } else { Side::Ours };
            let mut x = Person::new(id.clone(), format!("Name {id}"), side);
            x.reports_to = boss;
            p.people.push(x);
        }
        for (a, b) in ties {
            p.ties.push(Tie::new(a, b));
        }
        for (id, attendees) in meetings {
            p.meetings.push(Meeting {
                id,
                date: Date::constant(2026, 1, 2),
                title: None,
                attendees,
                notes: None,
                source: None,
                extra: Default::default(),
            });
        }
        p
    })
}

/// A place as the loader names it.
fn place(p: &Partnership, problem: &rules::Problem) -> String {
    let record = match problem.place {
        Place::Names => "partnership".to_string(),
        Place::Settings => "settings".to_string(),
        Place::Person(i) => format!("people[{i}] (id {:?})", p.people[i].id),
        Place::Tie(i) => format!("ties[{i}]"),
        Place::Meeting(i) => format!("meetings[{i}] (id {:?})", p.meetings[i].id),
    };
    format!("{record}, field {:?}", problem.field.as_str())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_rules_and_the_loader_agree(p in rough()) {
        let problems = rules::check(&p);
        let text = store::to_text(&p);
        match store::parse(&text, Path::new("x.json")) {
            Ok(loaded) => {
                prop_assert!(problems.is_empty(), "loaded, but the rules say {problems:?}");
                prop_assert_eq!(loaded, p);
            }
            Err(e) => {
                prop_assert!(!problems.is_empty(), "the rules accept what the loader refuses: {e}");
                // Records the loader could not read are left out, which
                // can move later places: compare when none was.
                let dropped = p.people.iter().any(|x| rules::id(&x.id).is_some() || x.id.len() > 200)
                    || p.meetings.iter().any(|m| rules::AttendeeList::count(m.attendees.len()).is_some());
                if !dropped {
                    let ours: Vec<String> = problems
                        .iter()
                        .map(|x| format!("{}: {}", place(&p, x), x.message()))
                        .collect();
                    let theirs: Vec<String> = e.problems().iter().map(|x| x.to_string()).collect();
                    prop_assert_eq!(ours, theirs);
                }
            }
        }
    }
}

#[test]
fn problems_name_a_typed_field() {
    let mut p = Partnership::default();
    p.people.push(Person::new("ana", "Ana", Side::Ours));
    p.people.push(Person::new("li", "Li", Side::Partner));
    p.people[0].reports_to = Some("li".into());
    p.ties.push(Tie::new("ana", "ana"));
    let problems = rules::check(&p);
    let fields: Vec<(Place, Field)> = problems.iter().map(|x| (x.place, x.field)).collect();
    assert_eq!(
        fields,
        [
            (Place::Person(0), Field::ReportsTo),
            (Place::Tie(0), Field::B)
        ]
    );
    assert_eq!(
        problems[0].message(),
        "\"li\" is on the partner side; reports_to must stay on the ours side"
    );
}

#[test]
fn reporting_lines_that_loop_are_found() {
    let mut p = Partnership::default();
    for id in ["a", "b", "c"] {
        p.people.push(Person::new(id, id, Side::Ours));
    }
    p.people[0].reports_to = Some("b".into());
    p.people[1].reports_to = Some("c".into());
    p.people[2].reports_to = Some("a".into());
    let problems = rules::check(&p);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].message(), "reporting lines loop: a → b → c → a");
    // A change touching one person of the loop sees it too.
    assert_eq!(rules::check_records(&p, &[Place::Person(1)]).len(), 1);
}
