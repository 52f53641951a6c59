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

/// What [`UniqueIds`] finds in a whole list at once: of the `n` records
/// whose index in the list and id `record` gives (`None`: not counted),
/// each that holds an id an earlier record holds, with its fault (naming
/// that earlier record), in order: `(k, fault)` for the `k`th record.
///
/// For a million meetings: their ids' hashes are sorted and only equal
/// hashes compared, which reads memory in order, where a set of a million
/// ids waits on memory at every id. (The hash's seed is random, so a file
/// cannot be made to collide.)
pub fn ids_taken<'a>(
    list: &'static str,
    n: usize,
    record: impl Fn(usize) -> Option<(usize, &'a str)>,
) -> Vec<(usize, Fault)> {
    use std::hash::BuildHasher;
    let state = foldhash::fast::RandomState::default();
    let mut hashed: Vec<(u64, usize)> = (0..n)
        .filter_map(|k| Some((state.hash_one(record(k)?.1), k)))
        .collect();
    hashed.sort_unstable();
    let mut taken = Vec::new();
    for run in hashed
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
    {
        // In the records' order: the first with the id holds it.
        for (j, &(_, k)) in run.iter().enumerate().skip(1) {
            let Some((_, id)) = record(k) else { continue };
            let earlier = run.get(..j).unwrap_or_default();
            let first = earlier
                .iter()
                .find_map(|&(_, e)| record(e).filter(|r| r.1 == id));
            if let Some((first, _)) = first {
                let id = id.to_string();
                taken.push((k, Fault::IdTaken { id, list, first }));
            }
        }
    }
    taken.sort_unstable_by_key(|t| t.0);
    taken
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

#[cfg(test)]
mod tests {
    use super::{UniqueIds, ids_taken};
    use proptest::prelude::*;

    /// What [`UniqueIds`] finds one record at a time.
    fn one_by_one(ids: &[Option<String>]) -> Vec<(usize, String)> {
        let mut unique = UniqueIds::new("meetings");
        let mut taken = Vec::new();
        for (k, id) in ids.iter().enumerate() {
            if let Some(fault) = id.as_deref().and_then(|id| unique.check(id, k * 2)) {
                taken.push((k, fault.to_string()));
            }
        }
        taken
    }

    fn at_once(ids: &[Option<String>]) -> Vec<(usize, String)> {
        let record = |k: usize| Some((k * 2, ids.get(k)?.as_deref()?));
        ids_taken("meetings", ids.len(), record)
            .into_iter()
            .map(|(k, fault)| (k, fault.to_string()))
            .collect()
    }

    #[test]
    fn names_the_first_holder_of_each_id_taken() {
        let ids: Vec<Option<String>> = ["a", "b", "a", "", "a", "b", "", "c"]
            .iter()
            .map(|s| Some((*s).to_string()))
            .chain([None, Some("c".to_string())])
            .collect();
        let taken = at_once(&ids);
        let at: Vec<usize> = taken.iter().map(|t| t.0).collect();
        assert_eq!(at, [2, 4, 5, 6, 9]);
        let said = |k: usize| taken.get(k).map(|t| t.1.as_str());
        assert_eq!(said(0), Some("\"a\" is already the id of meetings[0]"));
        assert_eq!(said(4), Some("\"c\" is already the id of meetings[14]"));
        assert_eq!(taken, one_by_one(&ids));
        assert!(at_once(&[]).is_empty());
    }

    proptest! {
        #[test]
        fn finds_what_one_by_one_finds(
            ids in prop::collection::vec(prop::option::weighted(0.9, "[ab]{0,3}"), 0..60)
        ) {
            prop_assert_eq!(at_once(&ids), one_by_one(&ids));
        }
    }
}
