//! JSON text to a [`Value`], as `serde_json::from_str` makes it, but noting
//! every key that appears twice in one object: serde_json keeps the last
//! value silently, which would lose the other one at the next save.
//!
//! Nesting is limited by serde_json (128 levels): deeper text is a syntax
//! error, never a stack overflow.

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
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

/// Parses `text` (one JSON value, nothing after it but white space).
pub fn from_str(text: &str) -> Result<(Value, Duplicates), serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let mut duplicates = Duplicates::default();
    let value = ValueSeed {
        at: &At::Root,
        duplicates: &mut duplicates,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok((value, duplicates))
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
            };
            match seq.next_element_seed(seed)? {
                Some(item) => items.push(item),
                None => break,
            }
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        // This object's `id`, once read (a copy: `map` is written meanwhile).
        let mut id: Option<String> = None;
        while let Some(key) = access.next_key::<String>()? {
            let value = access.next_value_seed(ValueSeed {
                at: &At::Key(self.at, &key, id.as_deref()),
                duplicates: &mut *self.duplicates,
            })?;
            if key == "id"
                && let Value::String(s) = &value
            {
                id = Some(s.clone());
            }
            if map.contains_key(&key) {
                if self.duplicates.noted.len() < MAX_NOTED {
                    let steps = self.at.steps();
                    // The record is two steps from the root: this object, or
                    // the one the third step leaves.
                    let record_id = match steps.get(2) {
                        Some((_, id)) => id.map(str::to_string),
                        None if steps.len() == 2 => id.clone(),
                        None => None,
                    };
                    self.duplicates.noted.push(Duplicate {
                        object: steps.into_iter().map(|(step, _)| step).collect(),
                        key: key.clone(),
                        record_id,
                    });
                } else {
                    self.duplicates.more += 1;
                }
            }
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn parses_like_serde_json() {
        let text = r#"{"a": [1, -2, 3.5, "x", null, true, {"b": {}}], "c": 18446744073709551615}"#;
        let (value, duplicates) = from_str(text).unwrap();
        assert_eq!(value, serde_json::from_str::<Value>(text).unwrap());
        assert!(duplicates.noted.is_empty());
    }

    #[test]
    fn notes_duplicate_keys_with_their_place() {
        let text =
            r#"{"x": 1, "people": [{"id": "a"}, {"id": "b", "name": "B", "name": "C"}], "x": 2}"#;
        let (value, duplicates) = from_str(text).unwrap();
        assert_eq!(value["x"], 2);
        assert_eq!(
            duplicates.noted,
            [
                Duplicate {
                    object: vec![Step::Key("people".into()), Step::Index(1)],
                    key: "name".into(),
                    record_id: Some("b".into()),
                },
                Duplicate {
                    object: vec![],
                    key: "x".into(),
                    record_id: None,
                },
            ]
        );
    }

    #[test]
    fn names_the_record_of_a_duplicate_deep_inside_it() {
        let text = r#"{"people": [{"id": "a", "x": {"y": [{"k": 1, "k": 2}]}}]}"#;
        let (_, duplicates) = from_str(text).unwrap();
        assert_eq!(duplicates.noted.len(), 1);
        assert_eq!(duplicates.noted[0].record_id.as_deref(), Some("a"));
        assert_eq!(duplicates.noted[0].key, "k");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        for open in ["[", "{\"a\":"] {
            let text = open.repeat(100_000);
            let err = from_str(&text).unwrap_err();
            assert!(err.to_string().contains("recursion limit"), "{err}");
        }
    }

    #[test]
    fn trailing_text_is_an_error() {
        assert!(from_str("{} x").is_err());
        assert!(from_str("{}\r\n \t").is_ok());
    }
}
