//! The `ties` and `meetings` lists: the records that name people.

use super::fields::{Fields, Problems, Record, kind_of};
use super::owned::{AttendeeList, UniqueIds, UniqueSources};
use super::{object_record, peek_id};
use crate::model::{Meeting, Tie};
use crate::rules::{self, Fault, Field, TiePairs};
use crate::store::strict::{Extras, RecordAt};
use serde_json::Value;
use std::collections::HashMap;

/// A field naming a person: their id, when someone has it.
fn person_ref(f: &mut Fields<'_>, field: Field, ids: &HashMap<&str, usize>) -> Option<String> {
    let id = f.string(field, true)?;
    if ids.contains_key(id.as_str()) {
        Some(id)
    } else {
        f.fault(field, &Fault::UnknownPerson(id));
        None
    }
}

pub(super) fn decode_ties(
    items: Vec<Value>,
    ids: &HashMap<&str, usize>,
    extras: &mut Extras,
    problems: &mut Problems,
) -> Vec<Tie> {
    let mut ties = Vec::with_capacity(items.len());
    let mut pairs = TiePairs::default();
    for (index, item) in items.into_iter().enumerate() {
        let Some(map) = object_record(item, "ties", index, problems) else {
            continue;
        };
        let extra = extras.remove(&RecordAt::Tie(index));
        let mut f = Fields::new(map, extra, Record::new("ties", index, None), problems);
        let a = person_ref(&mut f, Field::A, ids);
        let b = person_ref(&mut f, Field::B, ids);
        let last_contact = f.date(Field::LastContact, false);
        let note = f.string(Field::Note, false);
        let (Some(a), Some(b)) = (a, b) else {
            continue;
        };
        if let Some(fault) = rules::same_ends(&a, &b) {
            f.fault(Field::B, &fault);
            continue;
        }
        let (Some(&ia), Some(&ib)) = (ids.get(a.as_str()), ids.get(b.as_str())) else {
            continue;
        };
        if let Some(fault) = pairs.check((&a, ia), (&b, ib), index) {
            f.fault(Field::B, &fault);
            continue;
        }
        let extra = f.rest();
        ties.push(Tie {
            a,
            b,
            last_contact,
            note,
            extra,
        });
    }
    ties
}

pub(super) fn decode_meetings(
    items: Vec<Value>,
    ids: &HashMap<&str, usize>,
    extras: &mut Extras,
    problems: &mut Problems,
) -> Vec<Meeting> {
    let mut meetings = Vec::with_capacity(items.len());
    let mut seen = UniqueIds::new("meetings");
    let mut sources = UniqueSources::default();
    for (index, item) in items.into_iter().enumerate() {
        let Some(map) = object_record(item, "meetings", index, problems) else {
            continue;
        };
        let record = Record::new("meetings", index, peek_id(&map, "id").as_deref());
        let extra = extras.remove(&RecordAt::Meeting(index));
        let mut f = Fields::new(map, extra, record, problems);
        let id = f.id(Field::Id);
        let date = f.date(Field::Date, true);
        let title = f.string(Field::Title, false);
        let notes = f.string(Field::Notes, false);
        let source = f.string(Field::Source, false);
        if let Some(fault) = source.as_deref().and_then(|s| sources.check(s, index)) {
            f.fault(Field::Source, &fault);
        }
        let Some(attendees) = attendees(&mut f, ids) else {
            continue;
        };
        if let Some(fault) = id.as_deref().and_then(|id| seen.check(id, index)) {
            f.fault(Field::Id, &fault);
        }
        let extra = f.rest();
        if let (Some(id), Some(date)) = (id, date) {
            meetings.push(Meeting {
                id,
                date,
                title,
                attendees,
                notes,
                source,
                extra,
            });
        }
    }
    meetings
}

/// A meeting's attendees, the known ones; `None` for a list too long to read.
fn attendees(f: &mut Fields<'_>, ids: &HashMap<&str, usize>) -> Option<Vec<String>> {
    let raw = f.list(Field::Attendees, true);
    if let Some(fault) = AttendeeList::count(raw.len()) {
        f.fault(Field::Attendees, &fault);
        return None;
    }
    let mut attendees = Vec::with_capacity(raw.len());
    let mut list = AttendeeList::default();
    for value in raw {
        match value {
            Value::String(a) => match list.check(&a, ids.contains_key(a.as_str())) {
                Some(fault) => f.fault(Field::Attendees, &fault),
                None => attendees.push(a),
            },
            other => f.problem(
                Field::Attendees,
                format!("expected person ids (strings), got {}", kind_of(&other)),
            ),
        }
    }
    if let Some(fault) = list.finish() {
        f.fault(Field::Attendees, &fault);
    }
    Some(attendees)
}
