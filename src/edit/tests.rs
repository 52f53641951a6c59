//! The edit path's refusals, field by field.

use super::*;
use crate::model::Side;

fn sample() -> Partnership {
    let mut p = Partnership::default();
    p.people.push(Person::new("ana", "Ana Ruiz", Side::Ours));
    p.people.push(Person::new("li", "Li Wei", Side::Partner));
    p
}

#[test]
fn meetings_get_fresh_ids_and_are_checked() {
    let mut p = sample();
    let new = NewMeeting {
        date: Some(Date::constant(2026, 1, 1)),
        title: " QBR ".into(),
        attendees: vec!["ana".into(), "li".into()],
        notes: String::new(),
    };
    assert_eq!(add_meeting(&mut p, new.clone()), Ok("m-0001".into()));
    assert_eq!(add_meeting(&mut p, new.clone()), Ok("m-0002".into()));
    assert_eq!(p.meetings[0].title.as_deref(), Some("QBR"));
    assert_eq!(p.meetings[0].notes, None);
    let twice = NewMeeting {
        attendees: vec!["ana".into(), "ana".into()],
        ..new.clone()
    };
    assert_eq!(
        add_meeting(&mut p, twice).map_err(|e| e.field),
        Err(Field::Attendees)
    );
    let nobody = NewMeeting {
        attendees: vec![],
        ..new.clone()
    };
    assert!(add_meeting(&mut p, nobody).is_err());
    let alone = NewMeeting {
        attendees: vec!["ana".into()],
        ..new.clone()
    };
    let err = add_meeting(&mut p, alone).unwrap_err();
    assert_eq!(
        (err.field, err.kind),
        (Field::Attendees, Refusal::TooFewPeople)
    );
    assert!(err.message.contains("ties the people who meet"), "{err}");
    p.people[1].left = Some(Date::constant(2025, 12, 31));
    let err = add_meeting(&mut p, new.clone()).unwrap_err();
    assert_eq!(err.kind, Refusal::TooFewPeople);
    assert!(err.message.contains("Li Wei left on 2025-12-31"), "{err}");
    p.people[1].left = None;
    let undated = NewMeeting { date: None, ..new };
    assert_eq!(
        add_meeting(&mut p, undated).map_err(|e| e.field),
        Err(Field::Date)
    );
    assert_eq!(p.meetings.len(), 2);
}

#[test]
fn unknown_attendees_get_a_suggestion() {
    let p = sample();
    let find = |typed: &str| suggest_id(&p, typed).map(|x| x.id.as_str());
    assert_eq!(find("ANA"), Some("ana"));
    assert_eq!(find("Li Wei"), Some("li"));
    assert_eq!(find("ruiz"), Some("ana"));
    assert_eq!(find("lii"), Some("li"));
    assert_eq!(find("an"), Some("ana"));
    assert_eq!(find("lx"), Some("li"));
    assert_eq!(find("zed"), None);
    assert_eq!(find(""), None);
    let mut q = sample();
    let err = add_meeting(
        &mut q,
        NewMeeting {
            date: Some(Date::constant(2026, 1, 1)),
            attendees: vec!["Ana".into()],
            ..NewMeeting::default()
        },
    )
    .unwrap_err();
    assert!(
        err.message.contains("did you mean \"ana\" (Ana Ruiz)?"),
        "{err}"
    );
}

#[test]
fn people_and_ties_are_checked() {
    let mut p = sample();
    assert!(add_person(&mut p, Person::new("ana", "Other", Side::Ours)).is_err());
    assert!(add_person(&mut p, Person::new(" x", "X", Side::Ours)).is_err());
    let mut wu = Person::new("wu", "Wu", Side::Partner);
    wu.reports_to = Some("ana".into());
    assert_eq!(
        add_person(&mut p, wu).map_err(|e| e.field),
        Err(Field::ReportsTo)
    );
    assert_eq!(suggest_person_id(&p, "Ana Lopez"), "ana2");
    assert_eq!(suggest_person_id(&p, "🐉🐉 Dragon"), "dragon");
    assert_eq!(suggest_person_id(&p, "👩‍💻"), "person");
    assert_eq!(suggest_person_id(&p, "王小明"), "王小明");
    assert!(add_tie(&mut p, Tie::new("ana", "li")).is_ok());
    assert!(add_tie(&mut p, Tie::new("li", "ana")).is_err());
    assert!(add_tie(&mut p, Tie::new("li", "li")).is_err());
    assert!(add_tie(&mut p, Tie::new("li", "zed")).is_err());
}

#[test]
fn text_longer_than_the_file_allows_is_refused() {
    use crate::model::{MAX_ID_CHARS, MAX_NOTES_CHARS, MAX_TEXT_CHARS};
    let mut p = sample();
    let long_name = Person::new("x", "x".repeat(MAX_TEXT_CHARS + 1), Side::Ours);
    assert_eq!(
        add_person(&mut p, long_name).map_err(|e| e.field),
        Err(Field::Name)
    );
    let long_id = Person::new("x".repeat(MAX_ID_CHARS + 1), "X", Side::Ours);
    assert_eq!(
        add_person(&mut p, long_id).map_err(|e| e.field),
        Err(Field::Id)
    );
    // Characters count, not bytes.
    let wide = Person::new(
        "é".repeat(MAX_ID_CHARS),
        "É".repeat(MAX_TEXT_CHARS),
        Side::Ours,
    );
    assert!(add_person(&mut p, wide).is_ok());
    let new = NewMeeting {
        date: Some(Date::constant(2026, 1, 1)),
        title: "t".repeat(MAX_TEXT_CHARS + 1),
        attendees: vec!["ana".into(), "li".into()],
        notes: String::new(),
    };
    assert_eq!(
        add_meeting(&mut p, new.clone()).map_err(|e| e.field),
        Err(Field::Title)
    );
    let notes = NewMeeting {
        title: "ok".into(),
        notes: "n".repeat(MAX_NOTES_CHARS + 1),
        ..new
    };
    assert_eq!(
        add_meeting(&mut p, notes).map_err(|e| e.field),
        Err(Field::Notes)
    );
    let mut tie = Tie::new("ana", "li");
    tie.note = Some("n".repeat(MAX_NOTES_CHARS + 1));
    assert_eq!(add_tie(&mut p, tie).map_err(|e| e.field), Err(Field::Note));
}
