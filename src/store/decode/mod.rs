//! Turns parsed JSON into a [`Partnership`]: wrong JSON types are reported
//! here, every rule of the file format through [`crate::rules`], and every
//! problem (up to a cap) is collected with its place.

// The loader reads files anyone may have written: no index may panic.
#![deny(clippy::indexing_slicing)]

mod fields;
mod links;
mod owned;
mod people;

pub use fields::Problems;

use super::strict::{Extras, Parsed, RecordAt};
use crate::model::{Domains, Names, Partnership, SCHEMA, Settings};
use crate::rules::Field;
use fields::{Fields, Record, describe, kind_of};
use links::{decode_meetings, decode_ties};
use people::{check_reports_to, decode_people};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Every problem in `root`, or the partnership it describes.
/// `duplicates` are the keys that appear twice in one object of the text.
pub fn decode(parsed: Parsed) -> Result<Partnership, Problems> {
    let Parsed {
        value: root,
        duplicates,
        mut extras,
    } = parsed;
    let mut problems = Problems::default();
    // With a key twice, what the file means is unclear (and one value would
    // be lost): say so, and nothing else, which might only follow from it.
    for (place, message) in super::read::duplicates::described(&duplicates) {
        problems.add(place, message);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let Value::Object(map) = root else {
        problems.add(
            "the file",
            format!("expected a JSON object, got {}", kind_of(&root)),
        );
        return Err(problems);
    };
    let mut top = Fields::new(
        map,
        extras.remove(&RecordAt::Top),
        Record::top("top level"),
        &mut problems,
    );
    if !schema(&mut top) {
        return Err(problems);
    }
    let names = top.object(Field::Partnership, true);
    let settings = top.object(Field::Settings, false);
    let people = top.list(Field::People, true);
    let ties = top.list(Field::Ties, false);
    let meetings = top.list(Field::Meetings, false);
    let extra = top.rest();

    let names = names
        .map(|map| read_names(map, &mut extras, &mut problems))
        .unwrap_or_default();
    let settings = settings
        .map(|map| read_settings(map, &mut extras, &mut problems))
        .unwrap_or_default();
    let decoded = decode_people(people, &mut extras, &mut problems);
    // With a duplicated id, references go to its first holder.
    let mut ids: HashMap<&str, usize> = HashMap::with_capacity(decoded.people.len());
    for (i, person) in decoded.people.iter().enumerate() {
        ids.entry(person.id.as_str()).or_insert(i);
    }
    check_reports_to(&decoded, &ids, &mut problems);
    let ties = decode_ties(ties, &ids, &mut extras, &mut problems);
    let meetings = decode_meetings(meetings, &ids, &mut extras, &mut problems);

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Partnership {
        names,
        settings,
        people: decoded.people,
        ties,
        meetings,
        extra,
    })
}

/// Checks the schema number; false when the file is from a newer
/// partnermap and nothing else should be read.
fn schema(top: &mut Fields<'_>) -> bool {
    match top.take(Field::Schema) {
        Some(Value::Number(n)) if n.as_u64() == Some(SCHEMA) => {}
        Some(Value::Number(n)) if n.as_u64().is_some_and(|n| n > SCHEMA) => {
            top.problem(
                Field::Schema,
                format!(
                    "schema {n} was written by a newer partnermap (this one reads schema {SCHEMA}); \
                     upgrade partnermap. The file was not changed"
                ),
            );
            return false;
        }
        Some(other) => top.problem(
            Field::Schema,
            format!("expected 1, got {}", describe(&other)),
        ),
        None => top.problem(Field::Schema, "is required (1)"),
    }
    true
}

fn read_names(map: Map<String, Value>, extras: &mut Extras, problems: &mut Problems) -> Names {
    let extra = extras.remove(&RecordAt::Names);
    let mut f = Fields::new(map, extra, Record::top("partnership"), problems);
    let name = f.string(Field::Name, true).unwrap_or_default();
    let ours = f.string(Field::Ours, true).unwrap_or_default();
    let partner = f.string(Field::Partner, true).unwrap_or_default();
    let domains = f
        .object(Field::Domains, false)
        .map(|map| read_domains(map, extras, f.problems()));
    Names {
        name,
        ours,
        partner,
        domains,
        extra: f.rest(),
    }
}

fn read_domains(map: Map<String, Value>, extras: &mut Extras, problems: &mut Problems) -> Domains {
    let extra = extras.remove(&RecordAt::Domains);
    let mut f = Fields::new(map, extra, Record::top("partnership.domains"), problems);
    let ours = f.domains(Field::Ours);
    let partner = f.domains(Field::Partner);
    Domains {
        ours,
        partner,
        extra: f.rest(),
    }
}

fn read_settings(
    map: Map<String, Value>,
    extras: &mut Extras,
    problems: &mut Problems,
) -> Settings {
    let extra = extras.remove(&RecordAt::Settings);
    let mut f = Fields::new(map, extra, Record::top("settings"), problems);
    let defaults = Settings::default();
    let stale_after_days = f.setting(Field::StaleAfterDays);
    let half_life_days = f.setting(Field::HalfLifeDays);
    let large_meeting = f.setting(Field::LargeMeeting);
    Settings {
        stale_after_days: stale_after_days.unwrap_or(defaults.stale_after_days),
        half_life_days: half_life_days.unwrap_or(defaults.half_life_days),
        large_meeting: large_meeting.unwrap_or(defaults.large_meeting),
        extra: f.rest(),
    }
}

/// The record at `list[index]` as an object, or a problem.
fn object_record(
    item: Value,
    list: &str,
    index: usize,
    problems: &mut Problems,
) -> Option<Map<String, Value>> {
    match item {
        Value::Object(map) => Some(map),
        other => {
            problems.add(
                format!("{list}[{index}]"),
                format!("expected an object, got {}", kind_of(&other)),
            );
            None
        }
    }
}

/// The `id` of a record, read without taking it, to name the record in messages.
fn peek_id(map: &Map<String, Value>, field: &str) -> Option<String> {
    map.get(field).and_then(Value::as_str).map(str::to_string)
}
