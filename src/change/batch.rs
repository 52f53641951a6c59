//! A batch made in one pass: the people's places and the meeting ids are
//! kept at hand while new people and meetings are added, so that a batch
//! of thousands (an import) costs what its changes cost, not their number
//! times the size of the file.

use super::Change;
use crate::edit::{self, EditError};
use crate::model::Partnership;
use crate::rules::Place;
use std::collections::{HashMap, HashSet};

/// People's places by id and the meeting ids, for the partnership as the
/// batch has made it so far; rebuilt after any other kind of change.
#[derive(Default)]
struct Lookup {
    built: bool,
    people: HashMap<String, usize>,
    meetings: HashSet<String>,
}

impl Lookup {
    fn of(&mut self, p: &Partnership) -> &mut Lookup {
        if !self.built {
            self.people.clear();
            // The first holder of an id, as `Partnership::person` finds it.
            for (i, person) in p.people.iter().enumerate().rev() {
                self.people.insert(person.id.clone(), i);
            }
            self.meetings = p.meetings.iter().map(|m| m.id.clone()).collect();
            self.built = true;
        }
        self
    }
}

/// Makes `changes` on `p` in order, as [`Change::make`] makes each.
pub(super) fn make_batch(
    changes: &[Change],
    p: &mut Partnership,
    touched: &mut Vec<Place>,
) -> Result<Change, EditError> {
    let mut lookup = Lookup::default();
    let mut made = Vec::with_capacity(changes.len());
    for change in changes {
        match change {
            Change::AddPerson(person) => {
                let at = lookup.of(p);
                edit::check_new_person_with(p, person, &|id| at.people.get(id).copied())?;
                at.people.entry(person.id.clone()).or_insert(p.people.len());
                p.people.push(person.clone());
                made.push(change.clone());
            }
            Change::AddMeeting(m) => {
                let at = lookup.of(p);
                let mut m = m.clone();
                if m.id.is_empty() || at.meetings.contains(&m.id) {
                    m.id = p.next_meeting_id();
                }
                edit::check_meeting_with(p, &m, false, &|id| at.people.get(id).copied())?;
                at.meetings.insert(m.id.clone());
                p.meetings.push(m.clone());
                made.push(Change::AddMeeting(m));
            }
            other => {
                made.push(other.make(p, touched)?);
                lookup.built = false;
            }
        }
    }
    Ok(Change::Batch(made))
}
