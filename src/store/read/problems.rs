//! The problems found in a file, in the order a reader expects them (the
//! top level, the partnership's names, the settings, then each list record
//! by record, field by field) whatever order the file's keys are in and
//! whenever a check runs; at most [`MAX_PROBLEMS`] are listed.

use super::super::error::Problem;
use crate::text::clip;

/// At most this many problems are listed; the rest are counted.
pub const MAX_PROBLEMS: usize = 50;

/// Where a problem sorts: the part of the file, the record's index in its
/// list, the check's step within the record, and a position within the
/// step (an attendee's place in its list). Problems with equal keys keep
/// the order they were found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    pub part: Part,
    pub index: usize,
    pub step: u16,
    pub pos: usize,
}

/// The parts of the file, in the order their problems are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    Top,
    Names,
    Settings,
    People,
    /// The reporting lines, checked once every person is read.
    Lines,
    Ties,
    Meetings,
}

impl Key {
    /// The problems of `part` that are found in order.
    pub fn of(part: Part) -> Key {
        Key::at(part, 0, 0)
    }

    /// Step `step` of the record at `index`.
    pub fn at(part: Part, index: usize, step: u16) -> Key {
        Key {
            part,
            index,
            step,
            pos: 0,
        }
    }
}

/// The problems found so far: the first [`MAX_PROBLEMS`] by key, and how
/// many others there were. A problem that is not listed is never worded.
#[derive(Debug, Default)]
pub struct Problems {
    listed: Vec<(Key, usize, Problem)>,
    /// How many were found, listed or not.
    found: usize,
    /// The index in `listed` of the last one by key, once it is full.
    last: Option<usize>,
}

impl Problems {
    /// Adds the problem at `key`, worded by `word` (place, message) only
    /// when it is listed.
    pub fn add(&mut self, key: Key, word: impl FnOnce() -> (String, String)) {
        let seq = self.found;
        self.found += 1;
        if self.listed.len() < MAX_PROBLEMS {
            let (place, message) = word();
            self.listed.push((key, seq, Problem { place, message }));
            return;
        }
        let last = match self.last {
            Some(last) => last,
            None => self.find_last(),
        };
        let Some(slot) = self.listed.get_mut(last) else {
            return;
        };
        if key < slot.0 {
            let (place, message) = word();
            *slot = (key, seq, Problem { place, message });
            self.last = Some(self.find_last());
        }
    }

    fn find_last(&self) -> usize {
        self.listed
            .iter()
            .enumerate()
            .max_by_key(|(_, (key, seq, _))| (*key, *seq))
            .map_or(0, |(i, _)| i)
    }

    /// Adds the problems found apart in `other`.
    pub fn merge(&mut self, other: Problems) {
        let unlisted = other.found.saturating_sub(other.listed.len());
        let mut listed = other.listed;
        listed.sort_by_key(|(key, seq, _)| (*key, *seq));
        for (key, _, problem) in listed {
            self.add(key, || (problem.place, problem.message));
        }
        self.found += unlisted;
    }

    pub fn is_empty(&self) -> bool {
        self.found == 0
    }

    /// The listed problems in order, and how many more there were.
    pub fn finish(mut self) -> (Vec<Problem>, usize) {
        self.listed.sort_by_key(|(key, seq, _)| (*key, *seq));
        let more = self.found.saturating_sub(self.listed.len());
        (self.listed.into_iter().map(|(_, _, p)| p).collect(), more)
    }
}

/// Names a record in messages: `people[3] (id "li")`, `partnership`.
#[derive(Clone, Copy)]
pub enum Name<'a> {
    Top(&'static str),
    Item {
        list: &'static str,
        index: usize,
        id: Option<&'a str>,
    },
}

impl Name<'_> {
    pub fn record(self) -> String {
        match self {
            Name::Top(name) => name.to_string(),
            Name::Item {
                list,
                index,
                id: Some(id),
            } => format!("{list}[{index}] (id {:?})", clip(id)),
            Name::Item { list, index, .. } => format!("{list}[{index}]"),
        }
    }

    /// A field of the record: `people[3] (id "li"), field "level"`.
    pub fn field(self, field: &str) -> String {
        format!("{}, field {field:?}", self.record())
    }
}
