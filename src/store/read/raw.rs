//! Reading JSON values straight from the text, in one pass: a value of an
//! unexpected shape as a [`Raw`] (its kind, or the scalar itself), a record
//! as its known fields with its unknown ones kept as text ([`Extra`]), and
//! every key that appears twice noted on the way.

use super::path::{At, Duplicates};
use crate::model::{Anchor, Extra, ExtraField};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::Number;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

/// A value as read where a scalar was expected, or where the value is not
/// of the expected shape: scalars as they are, lists and objects by kind.
#[derive(Debug, Clone)]
pub enum Raw<'de> {
    Null,
    Bool(bool),
    Number(Number),
    Str(Cow<'de, str>),
    List,
    Object,
}

impl<'de> Raw<'de> {
    /// What the value is, as a message says it.
    pub fn kind(&self) -> &'static str {
        match self {
            Raw::Null => "null",
            Raw::Bool(_) => "true or false",
            Raw::Number(_) => "a number",
            Raw::Str(_) => "a string",
            Raw::List => "a list",
            Raw::Object => "an object",
        }
    }

    /// The value as a message shows it: numbers and short strings as they
    /// are, anything else by its kind, so that a huge value is never echoed.
    pub fn describe(&self) -> String {
        match self {
            Raw::Number(n) => n.to_string(),
            Raw::Str(s) => format!("{:?}", crate::text::clip(s)),
            other => other.kind().to_string(),
        }
    }

    /// The text of a string.
    pub fn text(&self) -> Option<&Cow<'de, str>> {
        match self {
            Raw::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// A value read as `T` when it has the expected shape (a list, an object),
/// else as a [`Raw`].
pub enum Shaped<'de, T> {
    Expected(T),
    Other(Raw<'de>),
}

/// The visits of scalars, each wrapped by `$wrap`.
macro_rules! scalars {
    ($wrap:expr) => {
        fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
            Ok($wrap(Raw::Bool(v)))
        }

        fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
            Ok($wrap(Raw::Number(v.into())))
        }

        fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
            Ok($wrap(Raw::Number(v.into())))
        }

        fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
            Ok($wrap(Number::from_f64(v).map_or(Raw::Null, Raw::Number)))
        }

        fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok($wrap(Raw::Str(Cow::Borrowed(v))))
        }

        fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
            Ok($wrap(Raw::Str(Cow::Owned(v.to_string()))))
        }

        fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
            Ok($wrap(Raw::Str(Cow::Owned(v))))
        }

        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok($wrap(Raw::Null))
        }

        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok($wrap(Raw::Null))
        }
    };
}

/// Reads any value as a [`Raw`], noting the keys twice inside it.
pub struct RawSeed<'a, 'd> {
    pub at: &'a At<'a>,
    pub dups: &'d mut Duplicates,
}

impl<'de> DeserializeSeed<'de> for RawSeed<'_, '_> {
    type Value = Raw<'de>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Raw<'de>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RawSeed<'_, '_> {
    type Value = Raw<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    scalars!(std::convert::identity);

    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Raw<'de>, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Raw<'de>, A::Error> {
        walk_seq(seq, self.at, self.dups)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Raw<'de>, A::Error> {
        walk_map(map, self.at, self.dups)
    }
}

/// Reads a list that is not of the expected shape, noting keys twice.
pub fn walk_seq<'de, A: SeqAccess<'de>>(
    mut seq: A,
    at: &At<'_>,
    dups: &mut Duplicates,
) -> Result<Raw<'de>, A::Error> {
    let mut index = 0;
    while seq
        .next_element_seed(RawSeed {
            at: &At::Index(at, index),
            dups: &mut *dups,
        })?
        .is_some()
    {
        index += 1;
    }
    Ok(Raw::List)
}

/// Reads an object that is not a record, noting keys twice.
pub fn walk_map<'de, A: MapAccess<'de>>(
    mut map: A,
    at: &At<'_>,
    dups: &mut Duplicates,
) -> Result<Raw<'de>, A::Error> {
    let mut keys: HashSet<Cow<'de, str>> = HashSet::new();
    // This object's `id`, once read.
    let mut id: Option<Cow<'de, str>> = None;
    while let Some(key) = map.next_key_seed(KeySeed)? {
        let value = map.next_value_seed(RawSeed {
            at: &At::Key(at, &key, id.as_deref()),
            dups: &mut *dups,
        })?;
        if key == "id"
            && let Raw::Str(s) = value
        {
            id = Some(s);
        }
        if keys.contains(&key) {
            dups.note(at, &key, id.as_deref());
        } else {
            keys.insert(key);
        }
    }
    Ok(Raw::Object)
}

/// Reads a key, borrowed from the text when it has no escapes.
pub struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// How one kind of record reads its known fields.
pub trait Fields<'de> {
    /// The known fields, in the order they are written.
    const KNOWN: &'static [&'static str];
    /// The position of `id` in [`Fields::KNOWN`], for records that have one.
    const ID: Option<usize> = None;

    /// Reads the value of the known field `KNOWN[k]`, which is at `at`.
    fn read<A: MapAccess<'de>>(
        &mut self,
        k: usize,
        access: &mut A,
        at: &At<'_>,
        dups: &mut Duplicates,
    ) -> Result<(), A::Error>;

    /// The known field `k` when it holds a string.
    fn text(&self, _k: usize) -> Option<Cow<'de, str>> {
        None
    }

    /// Whether the known field `k` was read as `null`: no value, which is
    /// not written back, so an unknown field after it follows the known
    /// field before it (as it will when the file is read again).
    fn null(&self, _k: usize) -> bool {
        false
    }

    /// Where the record's unknown fields go.
    fn extra(&mut self) -> &mut Extra;
}

/// Reads a record at `at` into `record`: its known fields through
/// [`Fields::read`], its unknown fields as their exact text, in place
/// (after the last known field with a value before them).
pub fn read_record<'de, A: MapAccess<'de>, R: Fields<'de>>(
    mut access: A,
    record: &mut R,
    at: &At<'_>,
    dups: &mut Duplicates,
) -> Result<(), A::Error> {
    // The known fields read so far, one bit each.
    let mut seen: u32 = 0;
    // The known field the next unknown one follows.
    let mut anchor = Anchor::Start;
    // The record's `id`, once read.
    let mut id: Option<Cow<'de, str>> = None;
    while let Some(key) = access.next_key_seed(KeySeed)? {
        let known = R::KNOWN.iter().position(|k| *k == key);
        let Some((k, &name)) = known.and_then(|k| Some((k, R::KNOWN.get(k)?))) else {
            let raw: Box<RawValue> = access.next_value()?;
            dups.check_raw(at, &raw, &key, id.as_deref())
                .map_err(de::Error::custom)?;
            let extra = record.extra();
            if extra.contains_key(&key) {
                dups.note(at, &key, id.as_deref());
            } else {
                extra.push(ExtraField {
                    name: key.into_owned(),
                    raw,
                    anchor,
                });
            }
            continue;
        };
        record.read(k, &mut access, &At::Key(at, name, id.as_deref()), dups)?;
        if !record.null(k) {
            anchor = Anchor::After(name);
        }
        if R::ID == Some(k)
            && let Some(text) = record.text(k)
        {
            id = Some(text);
        }
        let bit = 1u32 << k;
        if seen & bit != 0 {
            dups.note(at, name, id.as_deref());
        }
        seen |= bit;
    }
    Ok(())
}

/// Reads a record when the value is an object, else a [`Raw`].
pub struct RecordSeed<'a, 'd, R> {
    pub at: &'a At<'a>,
    pub dups: &'d mut Duplicates,
    pub record: R,
}

impl<'de, R: Fields<'de>> DeserializeSeed<'de> for RecordSeed<'_, '_, R> {
    type Value = Shaped<'de, R>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, R: Fields<'de>> Visitor<'de> for RecordSeed<'_, '_, R> {
    type Value = Shaped<'de, R>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    scalars!(Shaped::Other);

    fn visit_some<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        walk_seq(seq, self.at, self.dups).map(Shaped::Other)
    }

    fn visit_map<A: MapAccess<'de>>(mut self, map: A) -> Result<Self::Value, A::Error> {
        read_record(map, &mut self.record, self.at, self.dups)?;
        Ok(Shaped::Expected(self.record))
    }
}

/// A list of strings as read (a meeting's attendees, a side's domains):
/// the strings in order, and the items that are not strings, with their
/// places in the list.
#[derive(Debug, Default)]
pub struct Strings {
    pub items: Vec<String>,
    pub odd: Vec<(usize, &'static str)>,
}

impl Strings {
    /// How many items the list has, strings or not.
    pub fn len(&self) -> usize {
        self.items.len() + self.odd.len()
    }

    /// The items in list order: a string, or the kind of what is not one.
    pub fn each(&self) -> impl Iterator<Item = (usize, Result<&str, &'static str>)> {
        in_order(&self.items, &self.odd)
    }
}

/// The items of a list of strings in order, each with its place: a string
/// of `items`, or the kind of an item of `odd` (which holds its place).
pub fn in_order<'a>(
    items: &'a [String],
    odd: &'a [(usize, &'static str)],
) -> impl Iterator<Item = (usize, Result<&'a str, &'static str>)> {
    let mut strings = items.iter();
    let mut odd = odd.iter().peekable();
    (0..items.len() + odd.len()).filter_map(move |pos| match odd.next_if(|(at, _)| *at == pos) {
        Some((_, kind)) => Some((pos, Err(*kind))),
        None => strings.next().map(|s| (pos, Ok(s.as_str()))),
    })
}

/// Reads a list of strings, else a [`Raw`].
pub struct StringsSeed<'a, 'd> {
    pub at: &'a At<'a>,
    pub dups: &'d mut Duplicates,
}

impl<'de> DeserializeSeed<'de> for StringsSeed<'_, '_> {
    type Value = Shaped<'de, Strings>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StringsSeed<'_, '_> {
    type Value = Shaped<'de, Strings>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of strings")
    }

    scalars!(Shaped::Other);

    fn visit_some<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut list = Strings::default();
        loop {
            let pos = list.len();
            let seed = RawSeed {
                at: &At::Index(self.at, pos),
                dups: &mut *self.dups,
            };
            match seq.next_element_seed(seed)? {
                Some(Raw::Str(s)) => list.items.push(s.into_owned()),
                Some(other) => list.odd.push((pos, other.kind())),
                None => return Ok(Shaped::Expected(list)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        walk_map(map, self.at, self.dups).map(Shaped::Other)
    }
}

/// Reads a list of records, handing each to `each` with its index as soon
/// as it is read, else a [`Raw`].
pub struct ListSeed<'a, 'd, R, F> {
    pub at: &'a At<'a>,
    pub dups: &'d mut Duplicates,
    pub each: F,
    pub record: std::marker::PhantomData<R>,
}

impl<'de, R, F> DeserializeSeed<'de> for ListSeed<'_, '_, R, F>
where
    R: Fields<'de> + Default,
    F: FnMut(usize, Shaped<'de, R>),
{
    type Value = Shaped<'de, ()>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, R, F> Visitor<'de> for ListSeed<'_, '_, R, F>
where
    R: Fields<'de> + Default,
    F: FnMut(usize, Shaped<'de, R>),
{
    type Value = Shaped<'de, ()>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }

    scalars!(Shaped::Other);

    fn visit_some<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut index = 0;
        loop {
            let seed = RecordSeed {
                at: &At::Index(self.at, index),
                dups: &mut *self.dups,
                record: R::default(),
            };
            match seq.next_element_seed(seed)? {
                Some(item) => (self.each)(index, item),
                None => return Ok(Shaped::Expected(())),
            }
            index += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        walk_map(map, self.at, self.dups).map(Shaped::Other)
    }
}
