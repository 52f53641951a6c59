//! Changes to a partnership in memory, each checked against the rules of the
//! file format before it is made, so that a saved file is always valid.
//! The command line and the terminal UI make every change through here.

// Edits come from keyboards: no index may panic.
#![deny(clippy::indexing_slicing)]

use crate::model::{MAX_ATTENDEES, Meeting, Partnership, Person, Tie, too_long};
use jiff::civil::Date;
use std::collections::HashSet;

/// Why a change was refused; names the field at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct EditError {
    pub field: &'static str,
    pub message: String,
    pub kind: Refusal,
}

/// What a refusal is about: a value that breaks a rule of the file, or a
/// request that makes no sense as asked (the command line's bad usage).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Refusal {
    #[default]
    Invalid,
    /// A meeting with fewer than two active people: it would tie nobody.
    TooFewPeople,
}

impl EditError {
    /// A refusal of a value for `field`.
    pub fn new(field: &'static str, message: impl Into<String>) -> EditError {
        EditError {
            field,
            message: message.into(),
            kind: Refusal::Invalid,
        }
    }
}

fn refuse<T>(field: &'static str, message: impl Into<String>) -> Result<T, EditError> {
    Err(EditError::new(field, message))
}

/// Why a meeting needs two people, said the same way everywhere.
pub const TWO_PEOPLE: &str = "a meeting ties the people who meet, so it needs at least two";

/// Refuses text longer than the file format allows for `field`.
fn check_length(field: &'static str, text: Option<&str>) -> Result<(), EditError> {
    match text.and_then(|t| too_long(field, t)) {
        Some(message) => refuse(field, message),
        None => Ok(()),
    }
}

/// A meeting to log.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewMeeting {
    pub date: Option<Date>,
    pub title: String,
    pub attendees: Vec<String>,
    pub notes: String,
}

/// Logs a meeting; returns its new id.
pub fn add_meeting(p: &mut Partnership, new: NewMeeting) -> Result<String, EditError> {
    let meeting = new_meeting(p, new)?;
    let id = meeting.id.clone();
    p.meetings.push(meeting);
    Ok(id)
}

/// The meeting `new` describes, checked and given the next free id, but not
/// yet added.
pub fn new_meeting(p: &Partnership, new: NewMeeting) -> Result<Meeting, EditError> {
    let Some(date) = new.date else {
        return refuse("date", "a meeting needs a date");
    };
    let meeting = Meeting {
        id: p.next_meeting_id(),
        date,
        title: non_empty(new.title),
        attendees: new.attendees,
        notes: non_empty(new.notes),
        extra: Default::default(),
    };
    check_meeting(p, &meeting)?;
    Ok(meeting)
}

/// Checks that a meeting can be added: a free id, every attendee known and
/// listed once, and at least two different people active on its date.
pub fn check_meeting(p: &Partnership, meeting: &Meeting) -> Result<(), EditError> {
    if p.meetings.iter().any(|m| m.id == meeting.id) {
        return refuse("id", format!("{:?} is already taken", meeting.id));
    }
    check_length("title", meeting.title.as_deref())?;
    check_length("notes", meeting.notes.as_deref())?;
    if meeting.attendees.len() > MAX_ATTENDEES {
        return refuse(
            "attendees",
            format!(
                "{} attendees; a meeting has at most {MAX_ATTENDEES}",
                meeting.attendees.len()
            ),
        );
    }
    let index = p.person_index();
    let mut seen = HashSet::new();
    let mut twice = None;
    for id in &meeting.attendees {
        if !index.contains_key(id.as_str()) {
            let hint = match suggest_id(p, id) {
                Some(person) => format!("; did you mean {:?} ({})?", person.id, person.name),
                None => String::new(),
            };
            return refuse("attendees", format!("no person has the id {id:?}{hint}"));
        }
        if !seen.insert(id.as_str()) && twice.is_none() {
            twice = Some(id);
        }
    }
    // Fewer than two different people is said first (`--with sam,sam`).
    check_two_active(p, meeting, &index)?;
    match twice {
        Some(id) => refuse("attendees", format!("{id:?} is listed twice")),
        None => Ok(()),
    }
}

/// A meeting ties the people who meet: it needs two people active on its
/// date (SPEC §6). Says who had left when that is why.
fn check_two_active(
    p: &Partnership,
    meeting: &Meeting,
    index: &std::collections::HashMap<&str, usize>,
) -> Result<(), EditError> {
    let mut unique = HashSet::new();
    let people: Vec<&Person> = meeting
        .attendees
        .iter()
        .filter(|id| unique.insert(id.as_str()))
        .filter_map(|id| index.get(id.as_str()).and_then(|&i| p.people.get(i)))
        .collect();
    let active = people
        .iter()
        .filter(|x| x.is_active_on(meeting.date))
        .count();
    if active >= 2 {
        return Ok(());
    }
    let left: Vec<String> = people
        .iter()
        .filter_map(|x| {
            x.left
                .filter(|_| !x.is_active_on(meeting.date))
                .map(|d| (x, d))
        })
        .map(|(x, d)| format!("{} left on {d}", x.name))
        .collect();
    let message = if left.is_empty() {
        format!("{TWO_PEOPLE} different people")
    } else {
        format!(
            "{TWO_PEOPLE} people active on {}; {}",
            meeting.date,
            left.join(", ")
        )
    };
    Err(EditError {
        field: "attendees",
        message,
        kind: Refusal::TooFewPeople,
    })
}

/// The person someone most likely meant by `typed`: the same id in another
/// case, a name or first name typed as an id, or an id one letter off.
pub fn suggest_id<'a>(p: &'a Partnership, typed: &str) -> Option<&'a Person> {
    let typed = typed.trim().to_lowercase();
    if typed.is_empty() {
        return None;
    }
    let by = |f: &dyn Fn(&Person) -> bool| p.people.iter().find(|x| f(x));
    by(&|x| x.id.to_lowercase() == typed)
        .or_else(|| by(&|x| x.name.to_lowercase() == typed))
        .or_else(|| {
            by(&|x| {
                x.name
                    .split_whitespace()
                    .any(|part| part.to_lowercase() == typed)
            })
        })
        .or_else(|| by(&|x| one_edit_apart(&x.id.to_lowercase(), &typed)))
}

/// Whether two strings differ by one inserted, deleted or changed character.
pub(crate) fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    if short.len() == long.len() {
        return short
            .iter()
            .zip(long.iter())
            .filter(|(x, y)| x != y)
            .count()
            == 1;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    short.get(prefix..) == long.get(prefix + 1..)
}

fn non_empty(s: String) -> Option<String> {
    let trimmed = s.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// Adds a person; the id is checked for uniqueness and shape, and
/// `reports_to` must be someone on the same side.
pub fn add_person(p: &mut Partnership, person: Person) -> Result<(), EditError> {
    if person.id.trim().is_empty() {
        return refuse("id", "an id is required");
    }
    if person.id.trim() != person.id {
        return refuse("id", "an id cannot start or end with spaces");
    }
    if p.person(&person.id).is_some() {
        return refuse("id", format!("{:?} is already taken", person.id));
    }
    if person.name.trim().is_empty() {
        return refuse("name", "a name is required");
    }
    check_length("id", Some(&person.id))?;
    check_length("name", Some(&person.name))?;
    check_length("title", person.title.as_deref())?;
    check_length("team", person.team.as_deref())?;
    check_length("email", person.email.as_deref())?;
    check_length("notes", person.notes.as_deref())?;
    if let Some(boss) = &person.reports_to {
        match p.person(boss) {
            None => return refuse("reports_to", format!("no person has the id {boss:?}")),
            Some(b) if b.side != person.side => {
                return refuse("reports_to", format!("{} is on the other side", b.name));
            }
            Some(_) => {}
        }
    }
    p.people.push(person);
    Ok(())
}

/// A fresh id for a person named `name`: lower-case letters of the name,
/// made unique with a number.
pub fn suggest_person_id(p: &Partnership, name: &str) -> String {
    let taken = |id: &str| p.person(id).is_some();
    let base: String = name
        .split_whitespace()
        .next()
        .unwrap_or("person")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let base = if base.is_empty() {
        "person".to_string()
    } else {
        base
    };
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

/// Declares a tie between two different people who are not tied yet.
pub fn add_tie(p: &mut Partnership, tie: Tie) -> Result<(), EditError> {
    for (field, id) in [("a", &tie.a), ("b", &tie.b)] {
        if p.person(id).is_none() {
            return refuse(field, format!("no person has the id {id:?}"));
        }
    }
    if tie.a == tie.b {
        return refuse("b", "a tie joins two different people");
    }
    check_length("note", tie.note.as_deref())?;
    if p.ties.iter().any(|t| t.joins(&tie.a, &tie.b)) {
        return refuse("b", "these two are already tied");
    }
    p.ties.push(tie);
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
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
            Err("attendees")
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
        assert_eq!((err.field, err.kind), ("attendees", Refusal::TooFewPeople));
        assert!(err.message.contains("ties the people who meet"), "{err}");
        p.people[1].left = Some(Date::constant(2025, 12, 31));
        let err = add_meeting(&mut p, new.clone()).unwrap_err();
        assert_eq!(err.kind, Refusal::TooFewPeople);
        assert!(err.message.contains("Li Wei left on 2025-12-31"), "{err}");
        p.people[1].left = None;
        let undated = NewMeeting { date: None, ..new };
        assert_eq!(
            add_meeting(&mut p, undated).map_err(|e| e.field),
            Err("date")
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
            Err("reports_to")
        );
        assert_eq!(suggest_person_id(&p, "Ana Lopez"), "ana2");
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
            Err("name")
        );
        let long_id = Person::new("x".repeat(MAX_ID_CHARS + 1), "X", Side::Ours);
        assert_eq!(add_person(&mut p, long_id).map_err(|e| e.field), Err("id"));
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
            Err("title")
        );
        let notes = NewMeeting {
            title: "ok".into(),
            notes: "n".repeat(MAX_NOTES_CHARS + 1),
            ..new
        };
        assert_eq!(
            add_meeting(&mut p, notes).map_err(|e| e.field),
            Err("notes")
        );
        let mut tie = Tie::new("ana", "li");
        tie.note = Some("n".repeat(MAX_NOTES_CHARS + 1));
        assert_eq!(add_tie(&mut p, tie).map_err(|e| e.field), Err("note"));
    }
}
