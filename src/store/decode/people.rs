//! The `people` list: each record's fields, ids used once, reporting lines.

use super::fields::{Fields, Problems, Record};
use super::owned::UniqueIds;
use super::{object_record, peek_id};
use crate::model::{Level, Person, Side};
use crate::rules::{self, Field};
use crate::store::strict::{Extras, RecordAt};
use crate::text::clip;
use serde_json::Value;
use std::collections::HashMap;

/// The people read from the file, with where each came from.
pub(super) struct People {
    pub(super) people: Vec<Person>,
    /// Per person: index in the file's `people` list.
    file_index: Vec<usize>,
    /// Per person: whether `side` was valid (else a placeholder is stored).
    side_known: Vec<bool>,
}

pub(super) fn decode_people(
    items: Vec<Value>,
    extras: &mut Extras,
    problems: &mut Problems,
) -> People {
    let mut people = Vec::with_capacity(items.len());
    let mut file_index = Vec::with_capacity(items.len());
    let mut side_known = Vec::with_capacity(items.len());
    let mut seen = UniqueIds::new("people");
    for (index, item) in items.into_iter().enumerate() {
        let Some(map) = object_record(item, "people", index, problems) else {
            continue;
        };
        let record = Record::new("people", index, peek_id(&map, "id").as_deref());
        let extra = extras.remove(&RecordAt::Person(index));
        let mut f = Fields::new(map, extra, record, problems);
        let (person, side) = read_person(&mut f);
        if let Some(fault) = person.as_ref().and_then(|x| seen.check(&x.id, index)) {
            f.fault(Field::Id, &fault);
        }
        let extra = f.rest();
        // A record without a usable id cannot be referred to: it is left out.
        // One with a broken side is kept, so that ties and meetings naming it
        // are not reported as naming nobody.
        if let Some(person) = person {
            file_index.push(index);
            side_known.push(side);
            people.push(Person { extra, ..person });
        }
    }
    People {
        people,
        file_index,
        side_known,
    }
}

/// One person's known fields (without `extra`) when the id is usable, and
/// whether the side was.
fn read_person(f: &mut Fields<'_>) -> (Option<Person>, bool) {
    let id = f.id(Field::Id);
    let name = f.string(Field::Name, true).unwrap_or_default();
    let side = f.parsed(Field::Side, true, rules::side);
    let title = f.string(Field::Title, false);
    let level = f.parsed(Field::Level, false, rules::level);
    let team = f.string(Field::Team, false);
    let email = f.string(Field::Email, false);
    let key = f.bool(Field::Key);
    let stance = f.parsed(Field::Stance, false, rules::stance);
    let left = f.date(Field::Left, false);
    let reports_to = f.string(Field::ReportsTo, false);
    let notes = f.string(Field::Notes, false);
    let person = id.map(|id| Person {
        title,
        level: level.unwrap_or(Level::Staff),
        team,
        email,
        key,
        stance,
        left,
        reports_to,
        notes,
        ..Person::new(id, name, side.unwrap_or(Side::Ours))
    });
    (person, side.is_some())
}

/// Reports every broken reporting line, at the person whose line it is.
pub(super) fn check_reports_to(
    decoded: &People,
    ids: &HashMap<&str, usize>,
    problems: &mut Problems,
) {
    let people = &decoded.people;
    let side_known = |i: usize| decoded.side_known.get(i).copied().unwrap_or(false);
    for (i, fault) in rules::reporting_lines(people, &|id| ids.get(id).copied(), &side_known) {
        let place = format!(
            "people[{}] (id {:?}), field \"reports_to\"",
            decoded.file_index.get(i).copied().unwrap_or(i),
            clip(people.get(i).map_or("", |x| x.id.as_str()))
        );
        problems.add(place, fault.to_string());
    }
}
