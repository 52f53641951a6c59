//! What the map shows, hand-computed on small partnerships: teams in the
//! order of their first person, no team last, levels in order inside a
//! team; badges and marks; and, when a side is too long, the people with
//! risks worst first, then those tied to them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::{Date, date};
use partnermap::analysis::{Analysis, Severity};
use partnermap::export::map::layout::{Badge, MapModel};
use partnermap::graph::Scenario;
use partnermap::model::{Level, Meeting, Partnership, Person, Side, Stance, Tie};

const AS_OF: Date = date(2026, 11, 24);

fn person(id: &str, side: Side, level: Level, team: Option<&str>) -> Person {
    let mut p = Person::new(id, id.to_uppercase(), side);
    p.level = level;
    p.team = team.map(str::to_string);
    p
}

fn meeting(id: &str, attendees: &[&str]) -> Meeting {
    meeting_on(id, date(2026, 11, 1), attendees)
}

fn meeting_on(id: &str, day: Date, attendees: &[&str]) -> Meeting {
    Meeting {
        id: id.into(),
        date: day,
        title: None,
        attendees: attendees.iter().map(|a| (*a).to_string()).collect(),
        notes: None,
        source: None,
        extra: Default::default(),
    }
}

/// The ids of a column, team by team.
fn column(m: &MapModel, side: usize) -> Vec<(Option<String>, Vec<String>)> {
    m.columns[side]
        .groups
        .iter()
        .map(|g| {
            let ids = g.nodes.iter().map(|&n| m.nodes[n].id.clone()).collect();
            (g.team.clone(), ids)
        })
        .collect()
}

fn build(p: &Partnership, max: usize) -> MapModel {
    MapModel::build(p, &Analysis::run(p, &Scenario::on(AS_OF)), max)
}

#[test]
fn teams_in_file_order_no_team_last_levels_inside() {
    use Level::*;
    let mut p = Partnership::default();
    p.names.name = "N × C".into();
    p.names.ours = "N".into();
    p.names.partner = "C".into();
    p.people = vec![
        person("a", Side::Ours, Staff, Some("Sales")),
        person("b", Side::Ours, Staff, None),
        person("c", Side::Ours, Executive, Some("Legal")),
        person("d", Side::Ours, Executive, Some("Sales")),
        person("e", Side::Ours, Manager, Some("Sales")),
        person("x", Side::Partner, Staff, Some("Ops")),
        person("y", Side::Partner, Senior, Some("Ops")),
    ];
    let mut left = person("z", Side::Partner, Executive, Some("Ops"));
    left.left = Some(date(2026, 1, 1));
    p.people.push(left);
    p.people[5].stance = Some(Stance::Champion);
    p.ties = vec![Tie::new("d", "y")];
    p.meetings = vec![
        meeting("m-0001", &["a", "x"]),
        meeting("m-0002", &["x", "y"]),
    ];
    let m = build(&p, 60);
    let s = |x: &str| Some(x.to_string());
    let ids = |xs: &[&str]| xs.iter().map(|x| (*x).to_string()).collect::<Vec<_>>();
    assert_eq!(
        column(&m, 0),
        [
            (s("Sales"), ids(&["d", "e", "a"])),
            (s("Legal"), ids(&["c"])),
            (None, ids(&["b"]))
        ]
    );
    // z has left: not on the map.
    assert_eq!(column(&m, 1), [(s("Ops"), ids(&["y", "x"]))]);
    assert_eq!((m.columns[1].active, m.columns[1].shown), (2, 2));
    assert!(!m.is_partial());
    // Both ties are live and drawn; x is the champion.
    assert_eq!(m.edges.len(), 3);
    let node = |id: &str| m.nodes.iter().find(|n| n.id == id).unwrap();
    assert!(node("x").champion && !node("y").champion);
    // y is reached only through d (the tie) or a–x–y: no single point; the
    // partner side is reachable through two of ours.
    assert!(!node("x").unreachable && !node("y").unreachable);
    assert_eq!(node("c").badge, Badge::Clear);
}

#[test]
fn a_side_too_long_shows_its_worst_people_then_those_tied_to_them() {
    let mut p = Partnership::default();
    p.names.name = "N × C".into();
    p.names.ours = "N".into();
    p.names.partner = "C".into();
    let ours = ["ana", "bo"].map(|id| person(id, Side::Ours, Level::Executive, None));
    p.people.extend(ours);
    // Partner: w1 (staff) and w2 (executive) unreachable; r2 reached by
    // both of ours, the one path to r1; q reached by both of ours, long ago.
    for (id, level) in [
        ("w1", Level::Staff),
        ("w2", Level::Executive),
        ("r1", Level::Staff),
        ("r2", Level::Staff),
        ("q", Level::Staff),
    ] {
        p.people.push(person(id, Side::Partner, level, None));
    }
    let recent = date(2026, 11, 20);
    let older = date(2026, 9, 1);
    p.meetings = vec![
        meeting_on("m-0001", recent, &["ana", "r2"]),
        meeting_on("m-0002", recent, &["bo", "r2"]),
        meeting_on("m-0003", recent, &["r2", "r1"]),
        meeting_on("m-0004", older, &["ana", "q"]),
        meeting_on("m-0005", older, &["bo", "q"]),
    ];
    let a = Analysis::run(&p, &Scenario::on(AS_OF));
    let worst = a.worst_severity(p.people.len());
    let of = |id: &str| worst[p.people.iter().position(|x| x.id == id).unwrap()];
    // w2: an unreachable executive; w1: unreachable staff; r2: the one
    // path to r1 (a single point over one staff member).
    assert_eq!(of("w2"), Some(Severity::Critical));
    assert_eq!(of("w1"), Some(Severity::High));
    assert_eq!(of("r2"), Some(Severity::Medium));
    assert_eq!((of("r1"), of("q")), (None, None));
    let shown = |max: usize| -> Vec<String> {
        let m = MapModel::build(&p, &a, max);
        m.columns[1]
            .groups
            .iter()
            .flat_map(|g| g.nodes.iter().map(|&n| m.nodes[n].id.clone()))
            .collect()
    };
    // Worst first (then by level), shown by level then file order.
    assert_eq!(shown(1), ["w2"]);
    assert_eq!(shown(2), ["w2", "w1"]);
    assert_eq!(shown(3), ["w2", "w1", "r2"]);
    // With every risk shown, the person tied most strongly to someone
    // shown: r1 (met r2 four days ago) before q (met us 84 days ago).
    assert_eq!(shown(4), ["w2", "w1", "r1", "r2"]);
    let m = MapModel::build(&p, &a, 3);
    assert_eq!((m.columns[1].active, m.columns[1].shown), (5, 3));
    assert!(m.is_partial());
    // Drawn: ana–r2, bo–r2; left out: r2–r1, ana–q, bo–q.
    assert_eq!((m.edges.len(), m.edges_left_out), (2, 3));
    let node = |id: &str| m.nodes.iter().find(|n| n.id == id).unwrap();
    assert!(node("w2").unreachable && node("r2").single_point);
    assert_eq!(node("w1").badge, Badge::Risk(Severity::High));
    let full = MapModel::build(&p, &a, 5);
    assert!(!full.is_partial());
    let node = |id: &str| full.nodes.iter().find(|n| n.id == id).unwrap();
    assert_eq!(node("r1").badge, Badge::Reached);
    assert_eq!(node("q").badge, Badge::Clear);
}
