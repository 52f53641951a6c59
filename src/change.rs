//! One change to a partnership as a value: what the UI's undo reverses and
//! what a save replays onto a file that someone else changed meanwhile.
//!
//! Every change is an append or the removal of one record the same session
//! appended, so replaying it onto a newer file is safe whenever
//! [`Change::apply`] accepts it.

// Changes replay onto files someone else wrote: no index may panic.
#![deny(clippy::indexing_slicing)]

use crate::edit::{self, EditError};
use crate::model::{Meeting, Partnership, Person, Tie};
use crate::rules::Field;

/// One change, as saved.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    AddMeeting(Meeting),
    AddPerson(Person),
    AddTie(Tie),
    /// Takes back a meeting this session added (undo).
    RemoveMeeting(Meeting),
    /// Takes back a person this session added (undo).
    RemovePerson(Person),
    /// Takes back a tie this session declared (undo).
    RemoveTie(Tie),
}

impl Change {
    /// Makes the change on `p`. A meeting whose id was taken meanwhile gets
    /// the next free id; the change returned is the one that was made.
    pub fn apply(&self, p: &mut Partnership) -> Result<Change, EditError> {
        match self {
            Change::AddMeeting(m) => {
                let mut m = m.clone();
                if p.meetings.iter().any(|x| x.id == m.id) {
                    m.id = p.next_meeting_id();
                }
                edit::check_meeting(p, &m)?;
                p.meetings.push(m.clone());
                Ok(Change::AddMeeting(m))
            }
            Change::AddPerson(person) => {
                edit::add_person(p, person.clone())?;
                Ok(self.clone())
            }
            Change::AddTie(tie) => {
                edit::add_tie(p, tie.clone())?;
                Ok(self.clone())
            }
            Change::RemoveMeeting(m) => {
                let at = position(&p.meetings, |x| x == m, Field::Meeting, &m.id)?;
                p.meetings.remove(at);
                Ok(self.clone())
            }
            Change::RemovePerson(person) => {
                let at = position(&p.people, |x| x == person, Field::Person, &person.id)?;
                let id = person.id.as_str();
                let used = p.ties.iter().any(|t| t.a == id || t.b == id)
                    || p.meetings
                        .iter()
                        .any(|m| m.attendees.iter().any(|a| a == id))
                    || p.people.iter().any(|x| x.reports_to.as_deref() == Some(id));
                if used {
                    return Err(EditError::new(
                        Field::Person,
                        format!(
                            "{} now appears in other records; remove those first",
                            person.name
                        ),
                    ));
                }
                p.people.remove(at);
                Ok(self.clone())
            }
            Change::RemoveTie(tie) => {
                let at = position(
                    &p.ties,
                    |x| x == tie,
                    Field::Tie,
                    &format!("{}–{}", tie.a, tie.b),
                )?;
                p.ties.remove(at);
                Ok(self.clone())
            }
        }
    }

    /// The change that takes this one back.
    pub fn inverse(&self) -> Change {
        match self {
            Change::AddMeeting(m) => Change::RemoveMeeting(m.clone()),
            Change::AddPerson(x) => Change::RemovePerson(x.clone()),
            Change::AddTie(t) => Change::RemoveTie(t.clone()),
            Change::RemoveMeeting(m) => Change::AddMeeting(m.clone()),
            Change::RemovePerson(x) => Change::AddPerson(x.clone()),
            Change::RemoveTie(t) => Change::AddTie(t.clone()),
        }
    }

    /// A short description for the status line, e.g. `logged meeting m-0036`.
    pub fn describe(&self, p: &Partnership) -> String {
        let name = |id: &str| p.person(id).map_or(id, |x| x.name.as_str()).to_string();
        match self {
            Change::AddMeeting(m) => format!("logged meeting {} on {}", m.id, m.date),
            Change::AddPerson(x) => format!("added {}", x.name),
            Change::AddTie(t) => format!("declared a tie {} – {}", name(&t.a), name(&t.b)),
            Change::RemoveMeeting(m) => format!("removed meeting {} on {}", m.id, m.date),
            Change::RemovePerson(x) => format!("removed {}", x.name),
            Change::RemoveTie(t) => format!("removed the tie {} – {}", name(&t.a), name(&t.b)),
        }
    }
}

fn position<T>(
    items: &[T],
    matches: impl Fn(&T) -> bool,
    what: Field,
    id: &str,
) -> Result<usize, EditError> {
    items.iter().position(matches).ok_or_else(|| {
        EditError::new(
            what,
            format!("the {what} {id} is no longer in the file as it was"),
        )
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
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
        let mut scratch = p.clone();
        let new = NewMeeting {
            date: Some(date(2026, 11, 20)),
            title: "Sync".into(),
            attendees: vec!["ana".into(), "li".into()],
            notes: String::new(),
        };
        edit::add_meeting(&mut scratch, new).unwrap();
        scratch.meetings.pop().unwrap()
    }

    #[test]
    fn apply_then_inverse_restores_the_partnership() {
        let p = sample();
        let changes = [
            Change::AddMeeting(meeting(&p)),
            Change::AddPerson(Person::new("sam", "Sam Lee", Side::Ours)),
            Change::AddTie(Tie::new("ana", "li")),
        ];
        for change in changes {
            let mut q = p.clone();
            let made = change.apply(&mut q).unwrap();
            assert_ne!(q, p);
            made.inverse().apply(&mut q).unwrap();
            assert_eq!(q, p, "{change:?}");
        }
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
    fn removing_a_person_someone_now_refers_to_is_refused() {
        let mut p = sample();
        let sam = Person::new("sam", "Sam Lee", Side::Ours);
        Change::AddPerson(sam.clone()).apply(&mut p).unwrap();
        Change::AddTie(Tie::new("sam", "li")).apply(&mut p).unwrap();
        let err = Change::RemovePerson(sam).apply(&mut p).unwrap_err();
        assert!(err.message.contains("other records"), "{err}");
    }

    #[test]
    fn removing_what_is_gone_is_refused() {
        let mut p = sample();
        let m = meeting(&p);
        let err = Change::RemoveMeeting(m).apply(&mut p).unwrap_err();
        assert!(err.message.contains("no longer in the file"), "{err}");
    }
}
