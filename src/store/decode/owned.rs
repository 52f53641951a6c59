//! The bookkeeping of `rules` as it was (owned keys), for the old loader
//! until it goes.

use crate::model::MAX_ATTENDEES;
use crate::rules::Fault;
use std::collections::{HashMap, HashSet};

/// Ids seen so far in one list, each with the index of its first holder.
#[derive(Debug, Default)]
pub struct UniqueIds {
    list: &'static str,
    seen: HashMap<String, usize>,
}

impl UniqueIds {
    /// For the list named `list` (`people`, `meetings`).
    pub fn new(list: &'static str) -> UniqueIds {
        UniqueIds {
            list,
            seen: HashMap::new(),
        }
    }

    /// Notes `id` at `index`, or says which earlier record holds it.
    pub fn check(&mut self, id: &str, index: usize) -> Option<Fault> {
        match self.seen.get(id) {
            Some(&first) => Some(Fault::IdTaken {
                id: id.to_string(),
                list: self.list,
                first,
            }),
            None => {
                self.seen.insert(id.to_string(), index);
                None
            }
        }
    }
}

/// Meeting sources seen so far: two meetings never share one.
#[derive(Default)]
pub struct UniqueSources {
    seen: HashMap<String, usize>,
}

impl UniqueSources {
    /// Notes `source` at `index`, or says which earlier meeting has it.
    pub fn check(&mut self, source: &str, index: usize) -> Option<Fault> {
        match self.seen.get(source) {
            Some(&first) => Some(Fault::SourceTaken {
                source: source.to_string(),
                first,
            }),
            None => {
                self.seen.insert(source.to_string(), index);
                None
            }
        }
    }
}

/// One meeting's attendees as they are read.
#[derive(Debug, Default)]
pub struct AttendeeList {
    unique: HashSet<String>,
}

impl AttendeeList {
    /// A list longer than a meeting may have.
    pub fn count(n: usize) -> Option<Fault> {
        (n > MAX_ATTENDEES).then_some(Fault::TooManyAttendees(n))
    }

    /// Notes the attendee `id`; `known` says whether a person has it.
    pub fn check(&mut self, id: &str, known: bool) -> Option<Fault> {
        if !known {
            Some(Fault::UnknownPerson(id.to_string()))
        } else if !self.unique.insert(id.to_string()) {
            Some(Fault::AttendeeTwice(id.to_string()))
        } else {
            None
        }
    }

    /// At the end of the list: a meeting with no known attendee.
    pub fn finish(&self) -> Option<Fault> {
        self.unique.is_empty().then_some(Fault::NoAttendee)
    }
}
