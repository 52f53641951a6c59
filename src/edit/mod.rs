//! Changes to a partnership in memory, each checked against the rules of the
//! file format ([`crate::rules`]) and the rules for new records before it is
//! made, so that a saved file is always valid. The command line and the
//! terminal UI make every change through here or [`crate::change`].

// Edits come from keyboards: no index may panic.
#![deny(clippy::indexing_slicing)]

use crate::model::{MAX_ATTENDEES, Meeting, Partnership, Person, Tie};
use crate::rules::{self, AttendeeList, Fault, Field, Problem};
use jiff::civil::Date;

mod start;
mod suggest;

pub use start::{
    NewPartnership, StartError, StartField, default_name, new_partnership, split_domains,
    typed_domain,
};
pub(crate) use suggest::one_edit_apart;
pub use suggest::{suggest_id, suggest_person_id};

/// Why a change was refused; names the field at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct EditError {
    pub field: Field,
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
    pub fn new(field: Field, message: impl Into<String>) -> EditError {
        EditError {
            field,
            message: message.into(),
            kind: Refusal::Invalid,
        }
    }

    /// A broken rule of the file, in the words of the edit path.
    pub fn from_problem(problem: &Problem) -> EditError {
        EditError::new(problem.field, words(problem.field, &problem.fault))
    }
}

/// A fault as a refusal of an edit says it (shorter than a file's problem
/// list: the record is the one being edited).
fn words(field: Field, fault: &Fault) -> String {
    match (field, fault) {
        (Field::Id, Fault::Empty) => "an id is required".into(),
        (Field::Id, Fault::Spaces(_)) => "an id cannot start or end with spaces".into(),
        (_, Fault::IdTaken { id, .. }) => format!("{id:?} is already taken"),
        (_, Fault::UnknownPerson(id)) => format!("no person has the id {id:?}"),
        (_, Fault::OtherSide { boss_name, .. }) => format!("{boss_name} is on the other side"),
        (_, Fault::SameEnds(_)) => "a tie joins two different people".into(),
        (_, Fault::TiedTwice { .. }) => "these two are already tied".into(),
        (_, Fault::TooManyAttendees(n)) => {
            format!("{n} attendees; a meeting has at most {MAX_ATTENDEES}")
        }
        (_, Fault::AttendeeTwice(id)) => format!("{id:?} is listed twice"),
        (_, other) => other.to_string(),
    }
}

fn refuse<T>(field: Field, message: impl Into<String>) -> Result<T, EditError> {
    Err(EditError::new(field, message))
}

/// Refuses a broken rule in the words of the edit path.
fn refuse_fault<T>(field: Field, fault: &Fault) -> Result<T, EditError> {
    Err(EditError::new(field, words(field, fault)))
}

/// Why a meeting needs two people, said the same way everywhere.
pub const TWO_PEOPLE: &str = "a meeting ties the people who meet, so it needs at least two";

/// Refuses text longer than the file format allows for `field`.
fn check_length(field: Field, text: Option<&str>) -> Result<(), EditError> {
    match text.and_then(|t| rules::length(field, t)) {
        Some(fault) => refuse(field, fault.to_string()),
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
    let mut meeting = unnumbered_meeting(p, new)?;
    meeting.id = p.next_meeting_id();
    Ok(meeting)
}

/// [`new_meeting`] without its id (empty): [`crate::change::Change`] gives
/// it the next free one when it is made. Finding that id reads every
/// meeting's, which on a big file takes longer than a keystroke should.
pub fn unnumbered_meeting(p: &Partnership, new: NewMeeting) -> Result<Meeting, EditError> {
    let Some(date) = new.date else {
        return refuse(Field::Date, "a meeting needs a date");
    };
    let meeting = Meeting {
        id: String::new(),
        date,
        title: non_empty(new.title),
        attendees: new.attendees,
        notes: non_empty(new.notes),
        source: None,
        extra: Default::default(),
    };
    // The id is not checked: it is given one that is free.
    let index = p.person_index();
    check_meeting_with(p, &meeting, false, &|id| index.get(id).copied())?;
    Ok(meeting)
}

/// Checks that a meeting can be added: a free id, every attendee known and
/// listed once, and at least two different people active on its date.
pub fn check_meeting(p: &Partnership, meeting: &Meeting) -> Result<(), EditError> {
    let index = p.person_index();
    let taken = p.meetings.iter().any(|m| m.id == meeting.id);
    check_meeting_with(p, meeting, taken, &|id| index.get(id).copied())
}

/// [`check_meeting`] with what a batch of changes keeps at hand: whether
/// the meeting's id is `taken`, and the place of a person by id.
pub fn check_meeting_with(
    p: &Partnership,
    meeting: &Meeting,
    taken: bool,
    person_at: &dyn Fn(&str) -> Option<usize>,
) -> Result<(), EditError> {
    if taken {
        return refuse(Field::Id, format!("{:?} is already taken", meeting.id));
    }
    check_length(Field::Title, meeting.title.as_deref())?;
    check_length(Field::Notes, meeting.notes.as_deref())?;
    if let Some(fault) = AttendeeList::count(meeting.attendees.len()) {
        return refuse_fault(Field::Attendees, &fault);
    }
    let mut list = AttendeeList::default();
    let mut twice = None;
    for id in &meeting.attendees {
        match list.check(id, person_at(id).is_some()) {
            Some(Fault::UnknownPerson(_)) => {
                let hint = match suggest_id(p, id) {
                    Some(person) => format!("; did you mean {:?} ({})?", person.id, person.name),
                    None => String::new(),
                };
                return refuse(
                    Field::Attendees,
                    format!("no person has the id {id:?}{hint}"),
                );
            }
            Some(fault) => {
                twice.get_or_insert(fault);
            }
            None => {}
        }
    }
    // Fewer than two different people is said first (`--with sam,sam`).
    check_two_active(p, meeting, person_at)?;
    match twice {
        Some(fault) => refuse_fault(Field::Attendees, &fault),
        None => Ok(()),
    }
}

/// A meeting ties the people who meet: it needs two people active on its
/// date (SPEC §6). Says who had left when that is why.
fn check_two_active(
    p: &Partnership,
    meeting: &Meeting,
    person_at: &dyn Fn(&str) -> Option<usize>,
) -> Result<(), EditError> {
    let mut unique = std::collections::HashSet::new();
    let people: Vec<&Person> = meeting
        .attendees
        .iter()
        .filter(|id| unique.insert(id.as_str()))
        .filter_map(|id| person_at(id).and_then(|i| p.people.get(i)))
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
        field: Field::Attendees,
        message,
        kind: Refusal::TooFewPeople,
    })
}

fn non_empty(s: String) -> Option<String> {
    let trimmed = s.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// Adds a person; the id is checked for uniqueness and shape, and
/// `reports_to` must be someone on the same side.
pub fn add_person(p: &mut Partnership, person: Person) -> Result<(), EditError> {
    check_new_person(p, &person)?;
    p.people.push(person);
    Ok(())
}

/// Checks that `person` can be added to `p`.
pub fn check_new_person(p: &Partnership, person: &Person) -> Result<(), EditError> {
    check_new_person_with(p, person, &|id| p.people.iter().position(|x| x.id == id))
}

/// [`check_new_person`] with the place of a person by id at hand.
pub fn check_new_person_with(
    p: &Partnership,
    person: &Person,
    person_at: &dyn Fn(&str) -> Option<usize>,
) -> Result<(), EditError> {
    if let Some(fault) = rules::id(&person.id) {
        return refuse_fault(Field::Id, &fault);
    }
    if person_at(&person.id).is_some() {
        return refuse(Field::Id, format!("{:?} is already taken", person.id));
    }
    if person.name.trim().is_empty() {
        return refuse(Field::Name, "a name is required");
    }
    check_length(Field::Id, Some(&person.id))?;
    check_length(Field::Name, Some(&person.name))?;
    check_length(Field::Title, person.title.as_deref())?;
    check_length(Field::Team, person.team.as_deref())?;
    check_length(Field::Email, person.email.as_deref())?;
    check_length(Field::Notes, person.notes.as_deref())?;
    if let Some(boss) = &person.reports_to {
        match person_at(boss).and_then(|i| p.people.get(i)) {
            None => return refuse(Field::ReportsTo, format!("no person has the id {boss:?}")),
            Some(b) if b.side != person.side => {
                return refuse(Field::ReportsTo, format!("{} is on the other side", b.name));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Declares a tie between two different people who are not tied yet.
pub fn add_tie(p: &mut Partnership, tie: Tie) -> Result<(), EditError> {
    check_new_tie(p, &tie)?;
    p.ties.push(tie);
    Ok(())
}

/// Checks that `tie` can be declared in `p`.
pub fn check_new_tie(p: &Partnership, tie: &Tie) -> Result<(), EditError> {
    for (field, id) in [(Field::A, &tie.a), (Field::B, &tie.b)] {
        if p.person(id).is_none() {
            return refuse_fault(field, &Fault::UnknownPerson(id.clone()));
        }
    }
    if let Some(fault) = rules::same_ends(&tie.a, &tie.b) {
        return refuse_fault(Field::B, &fault);
    }
    check_length(Field::Note, tie.note.as_deref())?;
    if p.ties.iter().any(|t| t.joins(&tie.a, &tie.b)) {
        return refuse(Field::B, "these two are already tied");
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests;
