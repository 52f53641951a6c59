//! JSON text to a [`Value`], as `serde_json::from_str` makes it, but noting
//! every key that appears twice in one object (serde_json keeps the last
//! value silently, which would lose the other one at the next save), and
//! keeping the unknown fields of each record as their exact JSON text
//! ([`Extra`]), so that they are written back byte for byte, in place.
//!
//! Nesting is limited by serde_json (128 levels): deeper text is a syntax
//! error, never a stack overflow.

use super::read::{At, Duplicates};
use crate::model::{Anchor, Extra, ExtraField, known};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Number, Value};
use std::collections::HashMap;
use std::fmt;

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
    fn note_duplicate(&mut self, key: &str, id: Option<&str>) {
        self.duplicates.note(self.at, key, id);
    }

    fn check_raw(&mut self, raw: &RawValue, key: &str, id: Option<&str>) -> Result<(), String> {
        self.duplicates.check_raw(self.at, raw, key, id)
    }
}

#[cfg(test)]
#[path = "strict_tests.rs"]
mod tests;
