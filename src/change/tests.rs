//! Every kind of change: made, then taken back exactly; refused when the
//! file no longer holds what it expects.

use super::*;
use crate::edit::NewMeeting;
use crate::model::Side;
use jiff::civil::date;

fn sample() -> Partnership {
    let mut p = Partnership::default();
    p.people.push(Person::new("ana", "Ana Ruiz", Side::Ours));
    p.people.push(Person::new("li", "Li Wei", Side::Partner));
    p
}

fn meeting(p: &Partnership) -> Meeting {
    let new = NewMeeting {
        date: Some(date(2026, 11, 20)),
        title: "Sync".into(),
        attendees: vec!["ana".into(), "li".into()],
        notes: String::new(),
    };
    edit::new_meeting(p, new).unwrap()
}

fn raw_meeting(id: &str, attendees: &[&str]) -> Meeting {
    Meeting {
        id: id.into(),
        date: date(2026, 1, 5),
        title: None,
        attendees: attendees.iter().map(|a| a.to_string()).collect(),
        notes: None,
        source: None,
        extra: Default::default(),
    }
}

/// Sam (ours, in the middle of the list) with ties, meetings and reports.
fn busy() -> Partnership {
    let mut p = sample();
    p.people
        .insert(1, Person::new("sam", "Sam Lee", Side::Ours));
    p.people.push(Person::new("bo", "Bo", Side::Ours));
    p.people.push(Person::new("cy", "Cy", Side::Ours));
    p.people[0].reports_to = Some("sam".into());
    p.people[3].reports_to = Some("sam".into());
    p.people[4].reports_to = Some("bo".into());
    p.ties.push(Tie::new("ana", "li"));
    p.ties.push(Tie::new("sam", "li"));
    p.ties.push(Tie::new("bo", "cy"));
    p.ties.push(Tie::new("ana", "sam"));
    p.meetings
        .push(raw_meeting("m-0001", &["ana", "sam", "li"]));
    p.meetings.push(raw_meeting("m-0002", &["sam"]));
    p.meetings.push(raw_meeting("m-0003", &["li", "bo"]));
    p.meetings.push(raw_meeting("m-0004", &["sam", "bo"]));
    p.meetings.push(raw_meeting("m-0005", &["sam"]));
    p
}

/// Applies `change`, checks it changed something and that its inverse
/// restores `p` exactly; returns the change as made.
fn round_trip(p: &Partnership, change: &Change) -> Change {
    let mut q = p.clone();
    let made = change.apply(&mut q).unwrap();
    assert_ne!(&q, p, "{change:?} changed nothing");
    assert!(rules::check(&q).is_empty(), "{:?}", rules::check(&q));
    made.inverse().apply(&mut q).unwrap();
    assert_eq!(&q, p, "{change:?}");
    made
}

#[test]
fn every_kind_of_change_is_taken_back_exactly() {
    let p = busy();
    let sam = p.people[1].clone();
    let mut renamed = sam.clone();
    renamed.name = "Samuel Lee".into();
    renamed.title = Some("CTO".into());
    let tie = p.ties[1].clone();
    let mut dated = tie.clone();
    dated.last_contact = Some(date(2026, 2, 1));
    let m = p.meetings[2].clone();
    let mut retitled = m.clone();
    retitled.title = Some("QBR".into());
    retitled.attendees.push("cy".into());
    let mut names = p.names.clone();
    names.name = "N × C".into();
    let mut settings = p.settings.clone();
    settings.stale_after_days = 30;
    let changes = [
        Change::AddMeeting(meeting(&p)),
        Change::AddPerson(Person::new("dee", "Dee", Side::Partner)),
        Change::AddTie(Tie::new("cy", "li")),
        Change::edit_person(&sam, renamed),
        Change::Edit(Edit::Tie {
            before: tie,
            after: dated,
        }),
        Change::Edit(Edit::Meeting {
            before: m,
            after: retitled,
        }),
        Change::Edit(Edit::Names {
            before: p.names.clone(),
            after: names,
        }),
        Change::Edit(Edit::Settings {
            before: p.settings.clone(),
            after: settings,
        }),
        Change::mark_left(&sam, Some(date(2026, 3, 1))),
        Change::set_stance(&sam, Some(crate::model::Stance::Champion)),
        Change::delete(&p, Record::Person(sam.clone())).unwrap(),
        Change::delete(&p, Record::Tie(p.ties[2].clone())).unwrap(),
        Change::delete(&p, Record::Meeting(p.meetings[0].clone())).unwrap(),
    ];
    for change in &changes {
        round_trip(&p, change);
    }
    round_trip(&p, &Change::Batch(changes[..3].to_vec()));
}

#[test]
fn deleting_a_person_takes_along_what_names_them_and_puts_it_back_in_place() {
    let p = busy();
    let sam = p.people[1].clone();
    let cascade = Cascade::of(&p, "sam");
    assert_eq!(
        cascade.counts(),
        Counts {
            ties: 2,
            meetings: 4,
            emptied: 2,
            reports: 2
        }
    );
    let mut q = p.clone();
    let made = Change::delete(&p, Record::Person(sam))
        .unwrap()
        .apply(&mut q)
        .unwrap();
    let ids = |q: &Partnership| q.people.iter().map(|x| x.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&q), ["ana", "li", "bo", "cy"]);
    assert_eq!(q.ties, [Tie::new("ana", "li"), Tie::new("bo", "cy")]);
    let meetings: Vec<(&str, usize)> = q
        .meetings
        .iter()
        .map(|m| (m.id.as_str(), m.attendees.len()))
        .collect();
    assert_eq!(meetings, [("m-0001", 2), ("m-0003", 2), ("m-0004", 1)]);
    assert_eq!(q.people[0].reports_to, None);
    assert_eq!(q.people[3].reports_to.as_deref(), Some("bo"));
    assert!(rules::check(&q).is_empty());
    let Change::Delete(d) = &made else {
        panic!("not a delete")
    };
    assert_eq!((d.at, d.cascade.counts()), (1, cascade.counts()));
    made.inverse().apply(&mut q).unwrap();
    assert_eq!(q, p);
}

#[test]
fn a_change_whose_record_is_no_longer_as_it_was_is_refused() {
    let p = busy();
    let sam = p.people[1].clone();
    let mut theirs = p.clone();
    theirs.people[1].title = Some("changed elsewhere".into());
    let mut renamed = sam.clone();
    renamed.name = "Samuel".into();
    for change in [
        Change::edit_person(&sam, renamed),
        Change::mark_left(&sam, Some(date(2026, 1, 1))),
        Change::delete(&p, Record::Person(sam.clone())).unwrap(),
    ] {
        let before = theirs.clone();
        let err = change.apply(&mut theirs).unwrap_err();
        assert_eq!(err.field, crate::rules::Field::Person);
        assert!(
            err.message.contains("no longer in the file as it was"),
            "{err}"
        );
        assert_eq!(theirs, before, "a refused change leaves the file alone");
    }
    let m = meeting(&p);
    let err = Change::Delete(Deletion::of(Record::Meeting(m)))
        .apply(&mut theirs)
        .unwrap_err();
    assert!(err.message.contains("no longer in the file"), "{err}");
}

#[test]
fn a_delete_replayed_onto_a_newer_file_takes_along_what_it_holds_now() {
    let p = busy();
    let sam = p.people[1].clone();
    let delete = Change::delete(&p, Record::Person(sam)).unwrap();
    let mut theirs = p.clone();
    Change::AddTie(Tie::new("cy", "sam"))
        .apply(&mut theirs)
        .unwrap();
    let before = theirs.clone();
    let made = delete.apply(&mut theirs).unwrap();
    assert!(theirs.ties.iter().all(|t| t.a != "sam" && t.b != "sam"));
    made.inverse().apply(&mut theirs).unwrap();
    assert_eq!(theirs, before);
}

#[test]
fn a_restore_that_no_longer_fits_is_refused() {
    let p = busy();
    let sam = p.people[1].clone();
    let mut q = p.clone();
    let made = Change::delete(&p, Record::Person(sam))
        .unwrap()
        .apply(&mut q)
        .unwrap();
    // Someone else adds another "sam" meanwhile.
    Change::AddPerson(Person::new("sam", "Other Sam", Side::Partner))
        .apply(&mut q)
        .unwrap();
    let err = made.inverse().apply(&mut q).unwrap_err();
    assert_eq!(err.message, "\"sam\" is already taken");
}

#[test]
fn a_batch_is_made_whole_or_not_at_all_and_undone_in_reverse() {
    let p = sample();
    let dee = Person::new("dee", "Dee", Side::Ours);
    let batch = Change::Batch(vec![
        Change::AddPerson(dee.clone()),
        Change::AddTie(Tie::new("dee", "li")),
        Change::mark_left(&dee, Some(date(2026, 1, 1))),
    ]);
    let made = round_trip(&p, &batch);
    let Change::Batch(inner) = made.inverse() else {
        panic!("not a batch")
    };
    assert!(matches!(inner[0], Change::Edit(_)));
    assert!(matches!(inner[2], Change::Delete(_)));
    let bad = Change::Batch(vec![
        Change::AddPerson(dee),
        Change::AddTie(Tie::new("dee", "nobody")),
    ]);
    let mut q = p.clone();
    assert!(bad.apply(&mut q).is_err());
    assert_eq!(q, p);
}

#[test]
fn a_stance_set_by_an_edit_survives_the_file() {
    let p = busy();
    let change = Change::set_stance(&p.people[1], Some(crate::model::Stance::Skeptic));
    let mut q = p.clone();
    let made = change.apply(&mut q).unwrap();
    let text = crate::store::to_text(&q);
    assert!(text.contains("\"stance\": \"skeptic\""), "{text}");
    let loaded = crate::store::parse(&text, "x.json".as_ref()).unwrap();
    assert_eq!(loaded, q);
    let mut again = loaded;
    made.inverse().apply(&mut again).unwrap();
    assert_eq!(again, p);
    let unknown = Change::set_stance(&q.people[1], None);
    unknown.apply(&mut q).unwrap();
    assert_eq!(q, p);
}

#[test]
fn edits_are_checked_against_the_rules() {
    let p = busy();
    let bo = p.people[3].clone();
    let mut looped = p.people[1].clone();
    looped.reports_to = Some("ana".into());
    let err = Change::edit_person(&p.people[1], looped)
        .apply(&mut p.clone())
        .unwrap_err();
    assert!(err.message.contains("reporting lines loop"), "{err}");
    let mut moved = bo.clone();
    moved.side = Side::Partner;
    // Bo reports to Sam (and Cy to Bo): Bo cannot move to the other side alone.
    let err = Change::edit_person(&bo, moved)
        .apply(&mut p.clone())
        .unwrap_err();
    assert_eq!(err.message, "Sam Lee is on the other side");
    let mut q = p.clone();
    let mut unlinked = bo.clone();
    unlinked.reports_to = None;
    Change::edit_person(&bo, unlinked.clone())
        .apply(&mut q)
        .unwrap();
    let mut moved = unlinked.clone();
    moved.side = Side::Partner;
    let err = Change::edit_person(&unlinked, moved)
        .apply(&mut q)
        .unwrap_err();
    assert_eq!(
        err.message, "Bo is on the other side",
        "Cy still reports to Bo"
    );
    let mut renamed = bo.clone();
    renamed.id = "bob".into();
    let err = Change::edit_person(&bo, renamed)
        .apply(&mut p.clone())
        .unwrap_err();
    assert_eq!(err.field, crate::rules::Field::Id);
}

#[test]
fn a_meeting_whose_id_was_taken_meanwhile_is_renumbered() {
    let p = sample();
    let ours = meeting(&p);
    let mut theirs = p.clone();
    Change::AddMeeting(ours.clone()).apply(&mut theirs).unwrap();
    let made = Change::AddMeeting(ours.clone()).apply(&mut theirs).unwrap();
    let Change::AddMeeting(m) = made else {
        panic!("not a meeting")
    };
    assert_eq!(m.id, "m-0002");
    assert_eq!(theirs.meetings.len(), 2);
}

#[test]
fn removing_what_is_gone_is_refused() {
    let mut p = sample();
    let m = meeting(&p);
    let err = Change::AddMeeting(m).inverse().apply(&mut p).unwrap_err();
    assert_eq!(
        err.to_string(),
        "meeting: the meeting m-0001 is no longer in the file as it was"
    );
}

#[test]
fn a_large_batch_is_made_in_one_pass_taken_back_and_said_briefly() {
    let mut p = sample();
    let mut changes: Vec<Change> = (0..5)
        .map(|i| {
            Change::AddPerson(Person::new(
                format!("p{i}"),
                format!("P {i}"),
                Side::Partner,
            ))
        })
        .collect();
    let mut boss = Person::new("boss", "Boss", Side::Partner);
    boss.reports_to = Some("p4".into());
    changes.push(Change::AddPerson(boss));
    changes.push(Change::AddMeeting(raw_meeting("m-0001", &["ana", "p0"])));
    // Taken meanwhile: renumbered, as a single meeting would be.
    changes.push(Change::AddMeeting(raw_meeting("m-0001", &["ana", "p1"])));
    let batch = Change::Batch(changes);
    let before = p.clone();
    let made = batch.apply(&mut p).unwrap();
    assert_eq!(p.people.len(), 8);
    let ids: Vec<&str> = p.meetings.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["m-0001", "m-0002"]);
    assert_eq!(
        made.describe(&p),
        "added P 0; added P 1; added P 2; 5 more changes"
    );
    made.inverse().apply(&mut p).unwrap();
    assert_eq!(p, before);
    // A person twice, or a meeting with someone unknown, refuses the whole batch.
    let twice = Change::Batch(vec![
        Change::AddPerson(Person::new("x", "X", Side::Ours)),
        Change::AddPerson(Person::new("x", "X again", Side::Ours)),
    ]);
    assert!(twice.apply(&mut p).is_err());
    let unknown = Change::Batch(vec![Change::AddMeeting(raw_meeting(
        "m-0009",
        &["ana", "nobody"],
    ))]);
    assert!(unknown.apply(&mut p).is_err());
    assert_eq!(p, before);
}
