//! JSON text to a [`Value`], as `serde_json::from_str` makes it, but noting
//! every key that appears twice in one object (serde_json keeps the last
//! value silently, which would lose the other one at the next save), and
//! keeping the unknown fields of each record as their exact JSON text
//! ([`Extra`]), so that they are written back byte for byte, in place.
//!
//! Nesting is limited by serde_json (128 levels): deeper text is a syntax
//! error, never a stack overflow.

use super::raw_keys::{MAX_DEPTH, scan_keys};
use crate::model::{Anchor, Extra, ExtraField, known};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Number, Value};
use std::collections::HashMap;
use std::fmt;

/// One step from the root of the document to a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A key that appears more than once in one object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// The object's place: the steps from the root to it.
    pub object: Vec<Step>,
    pub key: String,
    /// The `id` of the record (the object two steps from the root, such as
    /// `people[3]`) that holds the duplicate, when it was read before it.
    pub record_id: Option<String>,
}

/// At most this many duplicates are noted; the rest are counted.
const MAX_NOTED: usize = 1_000;

/// The duplicates found, and how many more there were.
#[derive(Debug, Default)]
pub struct Duplicates {
    pub noted: Vec<Duplicate>,
    pub more: usize,
}

/// A record of the file whose unknown fields are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordAt {
    Top,
    Names,
    /// The partnership's `domains`.
    Domains,
    Settings,
    Person(usize),
    Tie(usize),
    Meeting(usize),
}

impl RecordAt {
    /// The record an object at `at` is, if it is one.
    fn of(at: &At<'_>) -> Option<RecordAt> {
        match at {
            At::Root => Some(RecordAt::Top),
            At::Key(At::Root, "partnership", _) => Some(RecordAt::Names),
            At::Key(At::Key(At::Root, "partnership", _), "domains", _) => Some(RecordAt::Domains),
            At::Key(At::Root, "settings", _) => Some(RecordAt::Settings),
            At::Index(At::Key(At::Root, list, _), i) => match *list {
                "people" => Some(RecordAt::Person(*i)),
                "ties" => Some(RecordAt::Tie(*i)),
                "meetings" => Some(RecordAt::Meeting(*i)),
                _ => None,
            },
            _ => None,
        }
    }

    /// The record's known fields, in the order they are written.
    fn known(self) -> &'static [&'static str] {
        match self {
            RecordAt::Top => known::TOP,
            RecordAt::Names => known::NAMES,
            RecordAt::Domains => known::DOMAINS,
            RecordAt::Settings => known::SETTINGS,
            RecordAt::Person(_) => known::PERSON,
            RecordAt::Tie(_) => known::TIE,
            RecordAt::Meeting(_) => known::MEETING,
        }
    }
}

/// The unknown fields of each record that has any.
pub type Extras = HashMap<RecordAt, Extra>;

/// What [`from_str`] reads: the known fields as a value (unknown fields of
/// records left out), the keys that appear twice, and the unknown fields.
#[derive(Debug)]
pub struct Parsed {
    pub value: Value,
    pub duplicates: Duplicates,
    pub extras: Extras,
}

/// Parses `text` (one JSON value, nothing after it but white space).
pub fn from_str(text: &str) -> Result<Parsed, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let mut duplicates = Duplicates::default();
    let mut extras = Extras::new();
    let value = ValueSeed {
        at: &At::Root,
        duplicates: &mut duplicates,
        extras: &mut extras,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok(Parsed {
        value,
        duplicates,
        extras,
    })
}

/// Where the value being read is, as a chain back to the root (no
/// allocation unless a duplicate is found).
enum At<'a> {
    Root,
    /// A field: the object it is in, its key, and that object's `id` as far
    /// as it was read.
    Key(&'a At<'a>, &'a str, Option<&'a str>),
    Index(&'a At<'a>, usize),
}

impl At<'_> {
    /// The steps from the root, each with the `id` of the object it leaves.
    fn steps(&self) -> Vec<(Step, Option<&str>)> {
        let mut steps = Vec::new();
        let mut at = self;
        loop {
            match at {
                At::Root => break,
                At::Key(up, key, id) => {
                    steps.push((Step::Key((*key).to_string()), *id));
                    at = up;
                }
                At::Index(up, i) => {
                    steps.push((Step::Index(*i), None));
                    at = up;
                }
            }
        }
        steps.reverse();
        steps
    }
}

struct ValueSeed<'a, 'd> {
    at: &'a At<'a>,
    duplicates: &'d mut Duplicates,
    extras: &'d mut Extras,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_, '_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_, '_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        loop {
            let seed = ValueSeed {
                at: &At::Index(self.at, items.len()),
                duplicates: &mut *self.duplicates,
                extras: &mut *self.extras,
            };
            match seq.next_element_seed(seed)? {
                Some(item) => items.push(item),
                None => break,
            }
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut access: A) -> Result<Value, A::Error> {
        let record = RecordAt::of(self.at);
        let mut map = Map::new();
        // This object's `id`, once read (a copy: `map` is written meanwhile).
        let mut id: Option<String> = None;
        // The known field the next unknown one follows.
        let mut anchor = Anchor::Start;
        while let Some(key) = access.next_key::<String>()? {
            let known = record.map(|r| r.known().iter().find(|k| **k == key).copied());
            if let (Some(record), Some(None)) = (record, known) {
                let raw: Box<RawValue> = access.next_value()?;
                self.check_raw(&raw, &key, id.as_deref())
                    .map_err(de::Error::custom)?;
                let extra = self.extras.entry(record).or_default();
                if extra.contains_key(&key) {
                    self.note_duplicate(&key, id.as_deref());
                } else {
                    extra.push(ExtraField {
                        name: key,
                        raw,
                        anchor,
                    });
                }
                continue;
            }
            let value = access.next_value_seed(ValueSeed {
                at: &At::Key(self.at, &key, id.as_deref()),
                duplicates: &mut *self.duplicates,
                extras: &mut *self.extras,
            })?;
            if let Some(Some(known)) = known {
                anchor = Anchor::After(known);
            }
            if key == "id"
                && let Value::String(s) = &value
            {
                id = Some(s.clone());
            }
            if map.contains_key(&key) {
                self.note_duplicate(&key, id.as_deref());
            }
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
}

impl ValueSeed<'_, '_> {
    /// Notes `key` appearing twice in the object at `self.at`, whose `id`
    /// (as far as it was read) is `id`.
    fn note_duplicate(&mut self, key: &str, id: Option<&str>) {
        if self.duplicates.noted.len() >= MAX_NOTED {
            self.duplicates.more += 1;
            return;
        }
        let steps = self.at.steps();
        // The record is two steps from the root: this object, or the one
        // the third step leaves.
        let record_id = match steps.get(2) {
            Some((_, id)) => id.map(str::to_string),
            None if steps.len() == 2 => id.map(str::to_string),
            None => None,
        };
        self.duplicates.noted.push(Duplicate {
            object: steps.into_iter().map(|(step, _)| step).collect(),
            key: key.to_string(),
            record_id,
        });
    }

    /// Reads an unknown field's text again to note the keys that appear
    /// twice inside it: the text is kept as it is, but another program
    /// reading the file would keep only one of the two values. Numbers are
    /// never converted (a `1e400` in an unknown field is kept, not refused).
    fn check_raw(&mut self, raw: &RawValue, key: &str, id: Option<&str>) -> Result<(), String> {
        let field = At::Key(self.at, key, id);
        let base = field.steps();
        let room = MAX_DEPTH.saturating_sub(base.len());
        let found = scan_keys(raw.get(), room)
            .ok_or_else(|| format!("in the field {key:?}: recursion limit exceeded"))?;
        for (inside, duplicate) in found {
            if self.duplicates.noted.len() >= MAX_NOTED {
                self.duplicates.more += 1;
                continue;
            }
            let record_id = base.get(2).and_then(|(_, id)| id.map(str::to_string));
            let mut object: Vec<Step> = base.iter().map(|(step, _)| step.clone()).collect();
            object.extend(inside);
            self.duplicates.noted.push(Duplicate {
                object,
                key: duplicate,
                record_id,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "strict_tests.rs"]
mod tests;
