//! The `people` list: each record checked as soon as it is read; ids used
//! once and reporting lines once every person is.

use super::fields::Check;
use super::path::{At, Duplicates};
use super::problems::{Key, Name, Part, Problems};
use super::raw::{Fields, Raw, RawSeed, Shaped};
use crate::model::Ids;
use crate::model::{Extra, Level, Person, Side, known};
use crate::rules::{self, Field, UniqueIds};
use crate::text::clip;
use serde::de::MapAccess;
use std::borrow::Cow;

/// One person's known fields as read, in the order of [`known::PERSON`].
#[derive(Default)]
pub struct PersonFields<'de> {
    fields: [Option<Raw<'de>>; 12],
    extra: Extra,
}

impl<'de> Fields<'de> for PersonFields<'de> {
    const KNOWN: &'static [&'static str] = known::PERSON;
    const ID: Option<usize> = Some(0);

    fn read<A: MapAccess<'de>>(
        &mut self,
        k: usize,
        access: &mut A,
        at: &At<'_>,
        dups: &mut Duplicates,
    ) -> Result<(), A::Error> {
        let value = access.next_value_seed(RawSeed { at, dups })?;
        if let Some(slot) = self.fields.get_mut(k) {
            *slot = Some(value);
        }
        Ok(())
    }

    fn text(&self, k: usize) -> Option<Cow<'de, str>> {
        self.fields.get(k)?.as_ref()?.text().cloned()
    }

    /// Only the fields not written back without a value: `left` and
    /// `reports_to` are written as `null`, so an unknown field after one
    /// of them still follows it.
    fn null(&self, k: usize) -> bool {
        const DROPPED: [&str; 5] = ["title", "team", "email", "stance", "notes"];
        let dropped = Self::KNOWN
            .get(k)
            .is_some_and(|name| DROPPED.contains(name));
        dropped && matches!(self.fields.get(k), Some(Some(Raw::Null)))
    }

    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

/// The step of the check that an id is used once, after every field's.
const ID_TAKEN: u16 = 12;

/// The people read so far, with where each came from.
#[derive(Default)]
pub struct People {
    pub people: Vec<Person>,
    /// Per person: index in the file's `people` list.
    file_index: Vec<usize>,
    /// Per person: whether `side` was valid (else a placeholder is stored).
    side_known: Vec<bool>,
}

impl People {
    /// Checks the record at `index` of the list; keeps the person when
    /// the id is usable.
    pub fn close(
        &mut self,
        index: usize,
        value: Shaped<'_, PersonFields<'_>>,
        problems: &mut Problems,
    ) {
        let record = match value {
            Shaped::Expected(record) => record,
            Shaped::Other(raw) => return super::not_an_object(problems, Part::People, index, &raw),
        };
        let [
            id,
            name,
            side,
            title,
            level,
            team,
            email,
            key,
            stance,
            left,
            reports_to,
            notes,
        ] = record.fields;
        let peek = id.as_ref().and_then(Raw::text).cloned();
        let mut c = Check {
            problems,
            name: Name::Item {
                list: "people",
                index,
                id: peek.as_deref(),
            },
            key: Key::at(Part::People, index, 0),
        };
        let id = c.id(0, Field::Id, id);
        let name = c.owned(1, Field::Name, name, true).unwrap_or_default();
        let side = c.parsed(2, Field::Side, side, true, rules::side);
        let title = c.owned(3, Field::Title, title, false);
        let level = c.parsed(4, Field::Level, level, false, rules::level);
        let team = c.owned(5, Field::Team, team, false);
        let email = c.owned(6, Field::Email, email, false);
        let key = c.bool(7, Field::Key, key);
        let stance = c.parsed(8, Field::Stance, stance, false, rules::stance);
        let left = c.date(9, Field::Left, left, false);
        let reports_to = c.owned(10, Field::ReportsTo, reports_to, false);
        let notes = c.owned(11, Field::Notes, notes, false);
        // A record without a usable id cannot be referred to: it is left out.
        // One with a broken side is kept, so that ties and meetings naming it
        // are not reported as naming nobody.
        let Some(id) = id else {
            return;
        };
        self.file_index.push(index);
        self.side_known.push(side.is_some());
        self.people.push(Person {
            id: id.into_owned(),
            name,
            side: side.unwrap_or(Side::Ours),
            title,
            level: level.unwrap_or(Level::Staff),
            team,
            email,
            key,
            stance,
            left,
            reports_to,
            notes,
            extra: record.extra,
        });
    }

    /// Once every person is read: ids used twice and broken reporting
    /// lines; the ids (a duplicated one goes to its first holder).
    pub fn check(&self, problems: &mut Problems) -> Ids<'_> {
        let mut seen = UniqueIds::with_capacity("people", self.people.len());
        for (person, &index) in self.people.iter().zip(&self.file_index) {
            if let Some(fault) = seen.check(&person.id, index) {
                let name = Name::Item {
                    list: "people",
                    index,
                    id: Some(&person.id),
                };
                let key = Key::at(Part::People, index, ID_TAKEN);
                problems.add(key, || (name.field("id"), fault.to_string()));
            }
        }
        let ids = Ids::new(self.people.iter().map(|x| x.id.as_str()));
        let side_known = |i: usize| self.side_known.get(i).copied().unwrap_or(false);
        for (i, fault) in rules::reporting_lines(&self.people, &|id| ids.get(id), &side_known) {
            problems.add(Key::of(Part::Lines), || {
                let place = format!(
                    "people[{}] (id {:?}), field \"reports_to\"",
                    self.file_index.get(i).copied().unwrap_or(i),
                    clip(self.people.get(i).map_or("", |x| x.id.as_str()))
                );
                (place, fault.to_string())
            });
        }
        ids
    }
}
