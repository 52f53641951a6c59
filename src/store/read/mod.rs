//! The loader: JSON text to a [`Partnership`] in one pass over the text,
//! typed as it is read (no tree of JSON values), strings borrowed from the
//! text until the model keeps them.
//!
//! Each record is checked as soon as it is read: wrong JSON types, missing
//! fields and every rule about one value, through [`crate::rules`]. What
//! needs the whole file (ids used once, the people a tie, a meeting or a
//! reporting line names) is checked once the text is read, on the typed
//! records. Every problem is listed with its place, in the order of the
//! file's records and fields ([`problems::Key`]) whatever order the keys
//! are in; keys that appear twice are noted on the way ([`path`]), and
//! unknown fields are kept as their exact text, in place.
//!
//! Nesting is limited by serde_json (128 levels): deeper text is a syntax
//! error, never a stack overflow.

// The loader reads files anyone may have written: no index may panic.
#![deny(clippy::indexing_slicing)]

pub mod duplicates;
mod fields;
mod meetings;
mod path;
mod people;
mod problems;
mod raw;
mod ties;
mod top;

pub use path::{At, Duplicates, Step};
pub use problems::MAX_PROBLEMS;

use super::error::Problem;
use crate::model::Partnership;
use problems::{Key, Part, Problems};
use raw::{Raw, RecordSeed, Shaped};
use serde::de::DeserializeSeed;
use top::TopFields;

/// Why a text is not a partnership.
#[derive(Debug)]
pub enum Failure {
    /// Not JSON (or nested too deep): serde_json's error, with its place.
    Syntax(serde_json::Error),
    /// The problems listed, in order, and how many more there were.
    Invalid(Vec<Problem>, usize),
}

/// The records of the lists, each checked as it is read.
#[derive(Default)]
pub struct Lists {
    people: people::People,
    ties: ties::Ties,
    meetings: meetings::Meetings,
    problems: Problems,
}

/// Reads a data file's text (without a byte-order mark).
pub fn parse(text: &str) -> Result<Partnership, Failure> {
    let mut de = serde_json::Deserializer::from_str(text);
    let mut dups = Duplicates::default();
    let mut lists = Lists::default();
    let root = RecordSeed {
        at: &At::Root,
        dups: &mut dups,
        record: TopFields::new(&mut lists),
    }
    .deserialize(&mut de)
    .map_err(Failure::Syntax)?;
    de.end().map_err(Failure::Syntax)?;
    // With a key twice, what the file means is unclear (and one value would
    // be lost): say so, and nothing else, which might only follow from it.
    let described = duplicates::described(&dups);
    if !described.is_empty() {
        let mut problems = Problems::default();
        for (place, message) in described {
            problems.add(Key::of(Part::Top), || (place, message));
        }
        return Err(invalid(problems));
    }
    let top = match root {
        Shaped::Expected(top) => top.done(),
        Shaped::Other(raw) => return Err(only("the file", not_json_object(&raw))),
    };
    let Lists {
        people,
        ties,
        meetings,
        mut problems,
    } = lists;
    let (names, settings, extra) = top
        .check(&mut problems)
        .map_err(|p| Failure::Invalid(vec![p], 0))?;
    let (ties, meetings) = {
        let ids = people.check(&mut problems);
        (
            ties.finish(&ids, &mut problems),
            meetings.finish(&ids, &mut problems),
        )
    };
    if !problems.is_empty() {
        return Err(invalid(problems));
    }
    Ok(Partnership {
        names,
        settings,
        people: people.people,
        ties,
        meetings,
        extra,
    })
}

fn not_json_object(raw: &Raw<'_>) -> String {
    format!("expected a JSON object, got {}", raw.kind())
}

fn only(place: &str, message: String) -> Failure {
    Failure::Invalid(
        vec![Problem {
            place: place.to_string(),
            message,
        }],
        0,
    )
}

fn invalid(problems: Problems) -> Failure {
    let (listed, more) = problems.finish();
    Failure::Invalid(listed, more)
}

/// Reports the item at `index` of a list of records that is not an object.
fn not_an_object(problems: &mut Problems, part: Part, index: usize, raw: &Raw<'_>) {
    let list = match part {
        Part::People => "people",
        Part::Ties => "ties",
        _ => "meetings",
    };
    let kind = raw.kind();
    problems.add(Key::at(part, index, 0), || {
        (
            format!("{list}[{index}]"),
            format!("expected an object, got {kind}"),
        )
    });
}
