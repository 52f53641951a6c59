//! The what-if's shortcut ([`Base`]: the live graph with nobody gone, built
//! once, and a scenario's graph made from it by dropping the gone people's
//! ties) against the whole analysis run from scratch, on random small
//! partnerships, random sets of people gone and random large-event limits
//! (a gone person can stop a meeting from being a large event, which then
//! ties the others: the shortcut must notice and build the graph again).
//! Every field is compared: the analyses' debug texts, which spell out
//! every tie (strength to the last bit), node, edge, risk and coverage row.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use partnermap::analysis::{Analysis, Base};
use partnermap::date::add_days;
use partnermap::graph::{LiveGraph, Scenario};
use partnermap::model::Partnership;
use proptest::prelude::*;

mod naive;

use naive::{AS_OF, partnership};

/// A partnership with a large-event limit of 1–5 (the random meetings have
/// up to four attendees) or the default, and some of its people gone.
fn case() -> impl Strategy<Value = (Partnership, Vec<usize>)> {
    (partnership(), prop::option::of(1u32..=5)).prop_flat_map(|(mut p, large)| {
        if let Some(large) = large {
            p.settings.large_meeting = large;
        }
        let everyone: Vec<usize> = (0..p.people.len()).collect();
        let most = everyone.len();
        let gone = prop::sample::subsequence(everyone, 0..=most).prop_shuffle();
        (Just(p), gone)
    })
}

fn same(base: &Base, p: &Partnership, scenario: &Scenario) -> Result<(), TestCaseError> {
    let full = Analysis::run(p, scenario);
    let fast = base.run(p, scenario);
    prop_assert_eq!(&fast.live.active, &full.live.active);
    prop_assert_eq!(&fast.live.ties, &full.live.ties);
    prop_assert_eq!(&fast.risks, &full.risks);
    prop_assert_eq!(&fast.bus_factor, &full.bus_factor);
    prop_assert_eq!(&fast.coverage, &full.coverage);
    prop_assert_eq!(format!("{fast:?}"), format!("{full:?}"));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// A what-if through the base is the whole analysis of that what-if.
    #[test]
    fn a_what_if_from_the_base_is_the_whole_analysis((p, gone) in case()) {
        let base = Base::new(&p, AS_OF);
        same(&base, &p, &Scenario { as_of: AS_OF, gone })?;
    }

    /// So is the scenario with nobody gone, and a scenario on another day
    /// (the base is of one day: it builds that one in full).
    #[test]
    fn the_base_day_and_another_day_are_the_whole_analysis((p, gone) in case(), days in -30i64..=30) {
        let base = Base::new(&p, AS_OF);
        same(&base, &p, &Scenario::on(AS_OF))?;
        same(&base, &p, &Scenario { as_of: add_days(AS_OF, days), gone })?;
    }

    /// The graph alone, as `LiveGraph::build` makes it, node for node.
    #[test]
    fn the_live_graph_from_the_base_is_built_the_same((p, gone) in case()) {
        let base = Base::new(&p, AS_OF);
        let scenario = Scenario { as_of: AS_OF, gone };
        let fast = base.live_graph(&p, &scenario);
        let full = LiveGraph::build(&p, &scenario);
        prop_assert_eq!(format!("{fast:?}"), format!("{full:?}"));
    }
}

/// A hand-made case of the trap: three people meet with a limit of 2, a
/// large event that ties nobody; with one of them gone it is a meeting of
/// two, which ties them. The shortcut must build that tie.
#[test]
fn a_gone_person_can_turn_a_large_event_into_a_tie() {
    use partnermap::model::{Meeting, Person, Side};
    let mut p = Partnership::default();
    p.settings.large_meeting = 2;
    for (id, side) in [
        ("a", Side::Ours),
        ("b", Side::Partner),
        ("c", Side::Partner),
    ] {
        p.people.push(Person::new(id, id.to_uppercase(), side));
    }
    p.meetings.push(Meeting {
        id: "m-1".into(),
        date: add_days(AS_OF, -3),
        title: None,
        attendees: vec!["a".into(), "b".into(), "c".into()],
        notes: None,
        source: None,
        extra: Default::default(),
    });
    let base = Base::new(&p, AS_OF);
    let nobody = base.run(&p, &Scenario::on(AS_OF));
    assert!(nobody.live.ties.is_empty(), "a large event ties nobody");
    let c_gone = base.run(
        &p,
        &Scenario {
            as_of: AS_OF,
            gone: vec![2],
        },
    );
    assert_eq!(c_gone.live.ties.len(), 1, "a meeting of two ties them");
    assert_eq!((c_gone.live.ties[0].a, c_gone.live.ties[0].b), (0, 1));
    assert!(c_gone.live.ties[0].live);
}
