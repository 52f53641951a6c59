//! The rules about single values (ids, lengths, sides, levels, dates,
//! settings) and the bookkeeping for the rules across records (ids used
//! once, a pair tied once, an attendee listed once).

use super::{Fault, Field};
use crate::date::parse_date;
use crate::model::{
    Level, MAX_ATTENDEES, MAX_ID_CHARS, MAX_NOTES_CHARS, MAX_TEXT_CHARS, Side, Stance,
};
use foldhash::{HashMap, HashMapExt, HashSet};
use jiff::civil::Date;
use std::collections::hash_map::Entry;

/// The most characters `field` may hold: ids, notes, or other text.
pub fn max_chars(field: Field) -> usize {
    match field {
        Field::Id | Field::A | Field::B | Field::ReportsTo | Field::Attendees => MAX_ID_CHARS,
        Field::Notes | Field::Note => MAX_NOTES_CHARS,
        _ => MAX_TEXT_CHARS,
    }
}

/// Text longer than `field` allows.
pub fn length(field: Field, text: &str) -> Option<Fault> {
    let max = max_chars(field);
    // A string has at least as many bytes as characters: most need no count.
    if text.len() <= max {
        return None;
    }
    let chars = text.chars().count();
    (chars > max).then_some(Fault::TooLong { chars, max })
}

/// An id that is empty or has spaces at its ends (its length is checked
/// with [`length`]).
pub fn id(text: &str) -> Option<Fault> {
    if text.trim().is_empty() {
        Some(Fault::Empty)
    } else if text.trim() != text {
        Some(Fault::Spaces(text.to_string()))
    } else {
        None
    }
}

/// A side as the file writes it.
pub fn side(text: &str) -> Result<Side, Fault> {
    Side::parse(text).ok_or_else(|| Fault::UnknownSide(text.to_string()))
}

/// A level as the file writes it.
pub fn level(text: &str) -> Result<Level, Fault> {
    Level::parse(text).ok_or_else(|| Fault::UnknownLevel(text.to_string()))
}

/// A stance as the file writes it.
pub fn stance(text: &str) -> Result<Stance, Fault> {
    Stance::parse(text).ok_or_else(|| Fault::UnknownStance(text.to_string()))
}

/// An e-mail domain as the file writes it: lower case, no `@`, no spaces,
/// not empty, at most [`MAX_ID_CHARS`] characters.
pub fn domain(text: &str) -> Option<Fault> {
    let fits = !text.is_empty()
        && text.chars().count() <= MAX_ID_CHARS
        && !text
            .chars()
            .any(|c| c == '@' || c.is_whitespace() || c.is_control())
        && text.to_lowercase() == text;
    (!fits).then(|| Fault::BadDomain(text.to_string()))
}

/// A date as the file writes it.
pub fn date(text: &str) -> Result<Date, Fault> {
    parse_date(text).map_err(|e| Fault::BadDate(e.to_string()))
}

/// The smallest value of a setting, and its unit.
pub fn setting_floor(field: Field) -> (u32, &'static str) {
    match field {
        Field::LargeMeeting => (2, "attendees"),
        _ => (1, "days"),
    }
}

/// A setting's value: a whole number (that fits) at least its floor.
/// `got` shows the value in a refusal.
pub fn setting(
    field: Field,
    value: Option<u64>,
    got: impl FnOnce() -> String,
) -> Result<u32, Fault> {
    let (min, unit) = setting_floor(field);
    match value.and_then(|n| u32::try_from(n).ok()) {
        Some(n) if n >= min => Ok(n),
        _ => Err(Fault::NotWhole {
            got: got(),
            min,
            unit,
        }),
    }
}

/// Ids seen so far in one list, each with the index of its first holder.
#[derive(Debug, Default)]
pub struct UniqueIds<'a> {
    list: &'static str,
    seen: HashMap<&'a str, usize>,
}

impl<'a> UniqueIds<'a> {
    /// For the list named `list` (`people`, `meetings`).
    pub fn new(list: &'static str) -> Self {
        UniqueIds::with_capacity(list, 0)
    }

    /// For the list named `list`, with room for `n` ids.
    pub fn with_capacity(list: &'static str, n: usize) -> Self {
        UniqueIds {
            list,
            seen: HashMap::with_capacity(n),
        }
    }

    /// Notes `id` at `index`, or says which earlier record holds it.
    pub fn check(&mut self, id: &'a str, index: usize) -> Option<Fault> {
        // One look-up, not a look-up and an insert: a million meetings' ids.
        match self.seen.entry(id) {
            Entry::Occupied(first) => Some(Fault::IdTaken {
                id: id.to_string(),
                list: self.list,
                first: *first.get(),
            }),
            Entry::Vacant(slot) => {
                slot.insert(index);
                None
            }
        }
    }
}

/// Meeting sources seen so far: two meetings never share one.
#[derive(Default)]
pub struct UniqueSources<'a> {
    seen: HashMap<&'a str, usize>,
}

impl<'a> UniqueSources<'a> {
    /// Notes `source` at `index`, or says which earlier meeting has it.
    pub fn check(&mut self, source: &'a str, index: usize) -> Option<Fault> {
        match self.seen.entry(source) {
            Entry::Occupied(first) => Some(Fault::SourceTaken {
                source: source.to_string(),
                first: *first.get(),
            }),
            Entry::Vacant(slot) => {
                slot.insert(index);
                None
            }
        }
    }
}

/// A tie whose two ends are one person.
pub fn same_ends(a: &str, b: &str) -> Option<Fault> {
    (a == b).then(|| Fault::SameEnds(a.to_string()))
}

/// The pairs declared so far, each with the index of its tie.
#[derive(Debug, Default)]
pub struct TiePairs {
    pairs: HashMap<(usize, usize), usize>,
}

impl TiePairs {
    /// Notes the tie at `index` between `a` and `b` (people at `ia`, `ib`),
    /// or says which earlier tie declares the pair.
    pub fn check(
        &mut self,
        (a, ia): (&str, usize),
        (b, ib): (&str, usize),
        index: usize,
    ) -> Option<Fault> {
        let pair = (ia.min(ib), ia.max(ib));
        match self.pairs.get(&pair) {
            Some(&first) => Some(Fault::TiedTwice {
                a: a.to_string(),
                b: b.to_string(),
                first,
            }),
            None => {
                self.pairs.insert(pair, index);
                None
            }
        }
    }
}

/// One meeting's attendees as they are read.
#[derive(Debug, Default)]
pub struct AttendeeList<'a> {
    /// The known attendees so far: a list while there are few (most
    /// meetings), a set past that.
    few: Vec<&'a str>,
    many: HashSet<&'a str>,
}

/// How many attendees [`AttendeeList`] keeps in a list before a set.
const FEW: usize = 16;

impl<'a> AttendeeList<'a> {
    /// A list longer than a meeting may have.
    pub fn count(n: usize) -> Option<Fault> {
        (n > MAX_ATTENDEES).then_some(Fault::TooManyAttendees(n))
    }

    /// Notes the attendee `id`; `known` says whether a person has it.
    pub fn check(&mut self, id: &'a str, known: bool) -> Option<Fault> {
        if !known {
            return Some(Fault::UnknownPerson(id.to_string()));
        }
        let new = if self.many.is_empty() && self.few.len() < FEW {
            let new = !self.few.contains(&id);
            if new {
                self.few.push(id);
            }
            new
        } else {
            self.many.extend(self.few.drain(..));
            self.many.insert(id)
        };
        (!new).then(|| Fault::AttendeeTwice(id.to_string()))
    }

    /// At the end of the list: a meeting with no known attendee.
    pub fn finish(&self) -> Option<Fault> {
        (self.few.is_empty() && self.many.is_empty()).then_some(Fault::NoAttendee)
    }

    /// Empties the list for the next meeting, keeping its room.
    pub fn clear(&mut self) {
        self.few.clear();
        self.many.clear();
    }
}
