//! The three-way merge (SPEC §12), case by case: what each side changed is
//! taken, additions from both are kept, a meeting id taken on both sides
//! is renumbered, and each kind of conflict keeps what it says it keeps,
//! in a file that loads.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::date;
use partnermap::change::{Change, Record};
use partnermap::merge::{Clash, Conflict, Merged, RecordKey, Renumbered, Who, merge};
use partnermap::model::{Level, Meeting, Partnership, Person, Side, Tie};
use partnermap::{rules, store, words};

fn meeting(id: &str, day: i8, attendees: &[&str]) -> Meeting {
    Meeting {
        id: id.into(),
        date: date(2026, 11, day),
        title: Some(format!("Meeting {id}")),
        attendees: attendees.iter().map(|a| (*a).to_string()).collect(),
        notes: None,
        source: None,
        extra: Default::default(),
    }
}

/// Ana and Sam (ours), Li and Wu (partner); a tie ana–li; two meetings.
fn base() -> Partnership {
    let mut p = Partnership::default();
    p.names.name = "N × C".into();
    p.names.ours = "N".into();
    p.names.partner = "C".into();
    let mut ana = Person::new("ana", "Ana Ruiz", Side::Ours);
    ana.level = Level::Executive;
    ana.title = Some("VP Alliances".into());
    let sam = Person::new("sam", "Sam Okafor", Side::Ours);
    let mut li = Person::new("li", "Li Wei", Side::Partner);
    li.level = Level::Executive;
    let wu = Person::new("wu", "Wu Fang", Side::Partner);
    p.people = vec![ana, sam, li, wu];
    p.ties = vec![Tie::new("ana", "li")];
    p.meetings = vec![
        meeting("m-0001", 2, &["ana", "li"]),
        meeting("m-0002", 3, &["sam", "wu", "li"]),
    ];
    assert!(rules::check(&p).is_empty());
    p
}

fn person_mut<'a>(p: &'a mut Partnership, id: &str) -> &'a mut Person {
    p.people.iter_mut().find(|x| x.id == id).unwrap()
}

fn clean(b: &Partnership, o: &Partnership, t: &Partnership) -> Partnership {
    let m = merge(b, o, t).unwrap();
    assert_eq!(m.conflicts, [], "expected a clean merge");
    loads(&m);
    m.partnership
}

/// The merge written out loads, and says the same.
fn loads(m: &Merged) {
    let text = store::to_text(&m.partnership);
    let back = store::parse(&text, "merged.json".as_ref()).unwrap();
    assert_eq!(back, m.partnership);
}

fn with_conflicts(b: &Partnership, o: &Partnership, t: &Partnership) -> Merged {
    let m = merge(b, o, t).unwrap();
    assert!(!m.conflicts.is_empty(), "expected conflicts");
    loads(&m);
    m
}

#[test]
fn different_fields_of_one_person_are_both_taken() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    person_mut(&mut o, "ana").title = Some("VP Sales".into());
    person_mut(&mut t, "ana").level = Level::Senior;
    person_mut(&mut t, "wu").team = Some("Finance".into());
    let m = clean(&b, &o, &t);
    let ana = m.person("ana").unwrap();
    assert_eq!(ana.title.as_deref(), Some("VP Sales"));
    assert_eq!(ana.level, Level::Senior);
    assert_eq!(m.person("wu").unwrap().team.as_deref(), Some("Finance"));
}

#[test]
fn the_same_change_on_both_sides_is_no_conflict() {
    let b = base();
    let mut o = b.clone();
    person_mut(&mut o, "li").key = true;
    o.people.push(Person::new("zoe", "Zoe", Side::Partner));
    let t = o.clone();
    assert_eq!(clean(&b, &o, &t), o);
}

#[test]
fn the_same_field_changed_differently_keeps_ours_and_names_both_values() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    person_mut(&mut o, "ana").title = Some("VP Sales".into());
    person_mut(&mut t, "ana").title = Some("Chief Alliances Officer".into());
    person_mut(&mut t, "ana").team = Some("Alliances".into());
    let m = with_conflicts(&b, &o, &t);
    assert_eq!(
        m.conflicts,
        [Conflict {
            record: RecordKey::Person("ana".into()),
            clash: Clash::Field {
                field: "title".into(),
                ours: Some("\"VP Sales\"".into()),
                theirs: Some("\"Chief Alliances Officer\"".into()),
            },
        }]
    );
    let ana = m.partnership.person("ana").unwrap();
    assert_eq!(ana.title.as_deref(), Some("VP Sales"));
    assert_eq!(ana.team.as_deref(), Some("Alliances"), "the rest is merged");
    assert_eq!(
        words::merge::conflict(&m.partnership, &m.conflicts[0]),
        "person \"ana\" (Ana Ruiz), field \"title\": ours \"VP Sales\", theirs \"Chief Alliances Officer\"; ours kept"
    );
}

#[test]
fn a_meeting_id_taken_on_both_sides_is_renumbered() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.meetings.push(meeting("m-0003", 10, &["ana", "wu"]));
    t.meetings.push(meeting("m-0003", 11, &["sam", "li"]));
    t.meetings.push(meeting("m-0004", 12, &["sam", "wu"]));
    let m = merge(&b, &o, &t).unwrap();
    assert_eq!(m.conflicts, []);
    loads(&m);
    let ids: Vec<&str> = m
        .partnership
        .meetings
        .iter()
        .map(|x| x.id.as_str())
        .collect();
    assert_eq!(ids, ["m-0001", "m-0002", "m-0003", "m-0005", "m-0004"]);
    assert_eq!(m.partnership.meetings[3].date, date(2026, 11, 11));
    assert_eq!(
        m.renumbered,
        [Renumbered {
            was: "m-0003".into(),
            now: "m-0005".into()
        }]
    );
    assert_eq!(
        words::merge::renumbered(&m.renumbered[0]),
        "their meeting \"m-0003\" is now \"m-0005\" (ours has a meeting \"m-0003\")"
    );
}

#[test]
fn one_meeting_added_on_both_sides_stays_one() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    // The same record under the same id (the same branch merged twice).
    o.meetings.push(meeting("m-0003", 10, &["ana", "wu"]));
    t.meetings.push(meeting("m-0003", 10, &["ana", "wu"]));
    // The same calendar event imported on both sides under two ids.
    let mut ours_import = meeting("m-0004", 12, &["sam", "li"]);
    ours_import.source = Some("ics:event-1".into());
    let mut theirs_import = meeting("m-0009", 12, &["sam", "li"]);
    theirs_import.title.clone_from(&ours_import.title);
    theirs_import.source = Some("ics:event-1".into());
    o.meetings.push(ours_import.clone());
    t.meetings.push(theirs_import);
    let m = clean(&b, &o, &t);
    assert_eq!(m.meetings.len(), 4);
    assert_eq!(m.meetings[3], ours_import);
}

#[test]
fn a_record_deleted_on_one_side_is_deleted_unless_the_other_changed_it() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    // Ours deletes a meeting that theirs left alone: gone.
    let m1 = b.meetings[0].clone();
    Change::delete(&o, Record::Meeting(m1))
        .unwrap()
        .apply(&mut o)
        .unwrap();
    // Theirs deletes the tie, which ours left alone: gone.
    let tie = b.ties[0].clone();
    Change::delete(&t, Record::Tie(tie))
        .unwrap()
        .apply(&mut t)
        .unwrap();
    let m = clean(&b, &o, &t);
    assert_eq!(m.meetings.len(), 1);
    assert!(m.ties.is_empty());

    // Ours deletes the second meeting, theirs renames it: kept as renamed.
    let (mut o, mut t) = (b.clone(), b.clone());
    let m2 = b.meetings[1].clone();
    Change::delete(&o, Record::Meeting(m2))
        .unwrap()
        .apply(&mut o)
        .unwrap();
    t.meetings[1].title = Some("Renamed".into());
    let m = with_conflicts(&b, &o, &t);
    assert_eq!(
        m.conflicts[0].clash,
        Clash::DeletedChanged {
            deleted_by: Who::Ours,
            changed: vec!["title".into()]
        }
    );
    assert_eq!(m.partnership.meetings[1].title.as_deref(), Some("Renamed"));
    let said = words::merge::conflict(&m.partnership, &m.conflicts[0]);
    assert_eq!(
        said,
        "meeting \"m-0002\": deleted on our side, changed on their side (title); kept as changed"
    );
}

#[test]
fn a_person_deleted_on_one_side_whom_the_other_still_names_is_kept() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    let wu = b.person("wu").unwrap().clone();
    Change::delete(&o, Record::Person(wu.clone()))
        .unwrap()
        .apply(&mut o)
        .unwrap();
    t.meetings.push(meeting("m-0003", 20, &["ana", "wu"]));
    let m = with_conflicts(&b, &o, &t);
    assert_eq!(
        m.conflicts,
        [Conflict {
            record: RecordKey::Person("wu".into()),
            clash: Clash::StillNamed {
                deleted_by: Who::Ours,
                named_in: vec!["meeting m-0003".into()],
            },
        }]
    );
    assert_eq!(m.partnership.person("wu"), Some(&wu));
    // Ours' cascade (wu out of m-0002) is kept.
    assert_eq!(m.partnership.meetings[1].attendees, ["sam", "li"]);
}

#[test]
fn a_reports_to_loop_made_by_two_sides_keeps_ours() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    person_mut(&mut o, "ana").reports_to = Some("sam".into());
    person_mut(&mut t, "sam").reports_to = Some("ana".into());
    let m = with_conflicts(&b, &o, &t);
    assert!(
        m.conflicts.iter().all(|c| matches!(
            &c.clash,
            Clash::Broken { field, .. } if field == "reports_to"
        )),
        "{:?}",
        m.conflicts
    );
    let p = &m.partnership;
    assert_eq!(p.person("ana").unwrap().reports_to.as_deref(), Some("sam"));
    assert_eq!(p.person("sam").unwrap().reports_to, None);
}

#[test]
fn a_merge_that_cannot_load_is_refused() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    person_mut(&mut o, "sam").side = Side::Partner;
    let mut zed = Person::new("zed", "Zed", Side::Ours);
    zed.reports_to = Some("sam".into());
    t.people.push(zed);
    let refused = merge(&b, &o, &t).unwrap_err();
    assert_eq!(refused.problems.len(), 1);
    assert_eq!(refused.problems[0].record, RecordKey::Person("zed".into()));
    let said = words::merge::unmergeable(&o, &refused);
    assert!(
        said.contains("person \"zed\", field \"reports_to\""),
        "{said}"
    );
}

#[test]
fn unknown_fields_merge_like_fields_and_keep_their_text() {
    let text = |extra: &str| {
        format!(
            r#"{{"schema": 1, "partnership": {{"name": "N × C", "ours": "N", "partner": "C"}},
             "people": [{{"id": "ana", "name": "Ana", "side": "ours"{extra}}},
                        {{"id": "li", "name": "Li", "side": "partner"}}]}}"#
        )
    };
    let parse = |t: &str| store::parse(t, "x.json".as_ref()).unwrap();
    let b = parse(&text(""));
    let o = parse(&text(r#", "crm": 123456789012345678901234567890"#));
    let t = parse(&text(r#", "badge": 1e-400"#));
    let m = clean(&b, &o, &t);
    let out = store::to_text(&m);
    assert!(
        out.contains("\"crm\": 123456789012345678901234567890"),
        "{out}"
    );
    assert!(out.contains("\"badge\": 1e-400"), "{out}");

    // Set to two values: ours kept, both values said as written.
    let t2 = parse(&text(r#", "crm": 7"#));
    let m = with_conflicts(&b, &o, &t2);
    assert_eq!(
        m.conflicts[0].clash,
        Clash::Field {
            field: "crm".into(),
            ours: Some("123456789012345678901234567890".into()),
            theirs: Some("7".into())
        }
    );
}

#[test]
fn a_tie_is_its_pair_whichever_way_round() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.ties[0].note = Some("ex-colleagues".into());
    // Theirs deleted ana–li and declared it again as li–ana with a date.
    let mut again = Tie::new("li", "ana");
    again.last_contact = Some(date(2026, 10, 2));
    t.ties = vec![again];
    let m = clean(&b, &o, &t);
    assert_eq!(m.ties.len(), 1);
    assert_eq!((m.ties[0].a.as_str(), m.ties[0].b.as_str()), ("ana", "li"));
    assert_eq!(m.ties[0].note.as_deref(), Some("ex-colleagues"));
    assert_eq!(m.ties[0].last_contact, Some(date(2026, 10, 2)));
}

#[test]
fn with_no_common_version_equal_fields_merge_and_others_conflict() {
    let empty = Partnership::default();
    let o = base();
    let mut t = base();
    person_mut(&mut t, "li").title = Some("CFO".into());
    t.people.push(Person::new("zoe", "Zoe", Side::Ours));
    let m = with_conflicts(&empty, &o, &t);
    // li's title: ours has none, theirs "CFO"; both "added" li.
    assert_eq!(m.conflicts.len(), 1, "{:?}", m.conflicts);
    assert!(m.partnership.person("zoe").is_some());
    assert_eq!(m.partnership.person("li").unwrap().title, None);
}

#[test]
fn attendees_merge_as_a_set() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    // Ours deletes Wu (out of m-0002 with him); theirs adds Ana to m-0002.
    let wu = b.person("wu").unwrap().clone();
    Change::delete(&o, Record::Person(wu))
        .unwrap()
        .apply(&mut o)
        .unwrap();
    t.meetings[1].attendees.push("ana".into());
    let m = clean(&b, &o, &t);
    assert_eq!(m.meetings[1].attendees, ["sam", "li", "ana"]);
    assert!(m.person("wu").is_none());

    // Each side takes out the other person of a meeting of two: it goes.
    let (mut o, mut t) = (b.clone(), b.clone());
    o.meetings[0].attendees = vec!["li".into()];
    t.meetings[0].attendees = vec!["ana".into()];
    let m = clean(&b, &o, &t);
    assert_eq!(m.meetings.len(), 1);
    assert_eq!(m.meetings[0].id, "m-0002");
}
