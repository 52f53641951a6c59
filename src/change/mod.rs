//! One change to a partnership as a value: what the UI's undo reverses and
//! what a save replays onto a file that someone else changed meanwhile.
//!
//! Every edit the SPEC names goes through here: adding a person, a tie or
//! a meeting; editing any record (`before` → `after`, which is also how a
//! person is marked as left and how a stance is set); deleting a record
//! with everything it takes along; and a batch of changes made as one (an
//! import, a merge). [`Change::apply`] first checks that what the change
//! expects is still in the file, so replaying it onto a newer file either
//! fits or is refused; then it checks the records it touched against the
//! file's rules ([`crate::rules`]). [`Change::inverse`] takes it back.

// Changes replay onto files someone else wrote: no index may panic.
#![deny(clippy::indexing_slicing)]

mod batch;
mod delete;
mod replace;

pub use delete::{Cascade, Counts, Deletion, Record};
pub use replace::Edit;

use crate::edit::{self, EditError};
use crate::model::{Meeting, Partnership, Person, Stance, Tie};
use crate::rules::{self, Place};
use delete::gone;
use jiff::civil::Date;

/// One change, as saved.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    AddMeeting(Meeting),
    AddPerson(Person),
    AddTie(Tie),
    /// Any field of one record: `before` must still be in the file.
    Edit(Edit),
    /// A record, and what it takes along (a person's ties, their places in
    /// meetings, `reports_to` that named them).
    Delete(Deletion),
    /// Puts back what a delete took, at the same positions (its undo).
    Restore(Deletion),
    /// Changes made as one, in order: all of them or none.
    Batch(Vec<Change>),
}

impl Change {
    /// Marks `person` as having left on `left` (or as not having left).
    pub fn mark_left(person: &Person, left: Option<Date>) -> Change {
        let after = Person {
            left,
            ..person.clone()
        };
        Change::edit_person(person, after)
    }

    /// Sets `person`'s stance, or makes it unknown (`None`).
    pub fn set_stance(person: &Person, stance: Option<Stance>) -> Change {
        let after = Person {
            stance,
            ..person.clone()
        };
        Change::edit_person(person, after)
    }

    /// Changes `before` into `after` (same id).
    pub fn edit_person(before: &Person, after: Person) -> Change {
        Change::Edit(Edit::Person {
            before: before.clone(),
            after,
        })
    }

    /// Deletes `record` as `p` holds it, with what it takes along; `None`
    /// when `p` does not hold it.
    pub fn delete(p: &Partnership, record: Record) -> Option<Change> {
        Deletion::planned(p, record).map(Change::Delete)
    }

    /// Makes the change on `p`, or refuses it and leaves `p` as it was.
    /// A meeting without an id, or whose id was taken meanwhile, gets the
    /// next free id; a delete takes along what `p` holds now. The change
    /// returned is the one that was made: its inverse takes it back exactly.
    pub fn apply(&self, p: &mut Partnership) -> Result<Change, EditError> {
        let (q, made) = self.applied(p)?;
        *p = q;
        Ok(made)
    }

    /// [`Change::apply`] on a copy of `p`: the partnership with the change
    /// made, and the change as made (`p` is left alone).
    pub fn applied(&self, p: &Partnership) -> Result<(Partnership, Change), EditError> {
        self.apply_owned(p.clone())
    }

    /// [`Change::apply`] on `p` itself, which is dropped when the change is
    /// refused: for a partnership nobody else needs (one just loaded).
    pub fn apply_owned(&self, mut p: Partnership) -> Result<(Partnership, Change), EditError> {
        let mut touched = Vec::new();
        let made = self.make(&mut p, &mut touched)?;
        if let Some(problem) = rules::check_records(&p, &touched).first() {
            return Err(EditError::from_problem(problem));
        }
        Ok((p, made))
    }

    /// Makes the change on `p`, noting the records to check in `touched`;
    /// `p` may be half changed when it refuses.
    fn make(&self, p: &mut Partnership, touched: &mut Vec<Place>) -> Result<Change, EditError> {
        match self {
            Change::AddMeeting(m) => {
                let mut m = m.clone();
                if m.id.is_empty() || p.meetings.iter().any(|x| x.id == m.id) {
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
            Change::Edit(e) => {
                touched.push(e.make(p)?);
                Ok(self.clone())
            }
            Change::Delete(d) => {
                let made = Deletion::planned(p, d.record.clone())
                    .ok_or_else(|| gone(d.record.field(), &d.record.label()))?;
                made.remove_from(p);
                Ok(Change::Delete(made))
            }
            Change::Restore(d) => {
                touched.extend(d.put_back(p)?);
                Ok(self.clone())
            }
            Change::Batch(changes) => batch::make_batch(changes, p, touched),
        }
    }

    /// The change that takes this one back (apply it to the partnership
    /// this one was made on).
    pub fn inverse(&self) -> Change {
        match self {
            Change::AddMeeting(m) => Change::Delete(Deletion::of(Record::Meeting(m.clone()))),
            Change::AddPerson(x) => Change::Delete(Deletion::of(Record::Person(x.clone()))),
            Change::AddTie(t) => Change::Delete(Deletion::of(Record::Tie(t.clone()))),
            Change::Edit(e) => Change::Edit(e.reversed()),
            Change::Delete(d) => Change::Restore(d.clone()),
            Change::Restore(d) => Change::Delete(d.clone()),
            Change::Batch(changes) => {
                Change::Batch(changes.iter().rev().map(Change::inverse).collect())
            }
        }
    }

    /// A short description for the status line, e.g. `logged meeting m-0036`.
    /// Edits and batches have no words of their own yet (the phrasing
    /// module will give them theirs): an edit is described by its record,
    /// a batch by its changes.
    pub fn describe(&self, p: &Partnership) -> String {
        let name = |id: &str| p.person(id).map_or(id, |x| x.name.as_str()).to_string();
        let added = |record: &Record| match record {
            Record::Meeting(m) => format!("logged meeting {} on {}", m.id, m.date),
            Record::Person(x) => format!("added {}", x.name),
            Record::Tie(t) => format!("declared a tie {} – {}", name(&t.a), name(&t.b)),
        };
        let removed = |record: &Record| match record {
            Record::Meeting(m) => format!("removed meeting {} on {}", m.id, m.date),
            Record::Person(x) => format!("removed {}", x.name),
            Record::Tie(t) => format!("removed the tie {} – {}", name(&t.a), name(&t.b)),
        };
        match self {
            Change::AddMeeting(m) => added(&Record::Meeting(m.clone())),
            Change::AddPerson(x) => added(&Record::Person(x.clone())),
            Change::AddTie(t) => added(&Record::Tie(t.clone())),
            Change::Delete(d) => removed(&d.record),
            Change::Restore(d) => added(&d.record),
            Change::Edit(e) => e.label(),
            // An import is thousands of changes: the first few, and a count.
            Change::Batch(changes) => {
                const SHOWN: usize = 3;
                let mut said: Vec<String> =
                    changes.iter().take(SHOWN).map(|c| c.describe(p)).collect();
                if changes.len() > SHOWN {
                    said.push(format!("{} more changes", changes.len() - SHOWN));
                }
                said.join("; ")
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]
mod tests;
