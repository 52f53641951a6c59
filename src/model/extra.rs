//! Unknown fields: what a newer tool (or a person) wrote into a record that
//! this version does not know. They are kept as the exact JSON text the file
//! held, so that a save writes them back byte for byte (a 30-digit integer
//! stays that integer, `1e-400` stays `1e-400`, escapes stay as written), in
//! their place among the known fields.

use serde_json::value::RawValue;
use std::fmt;

/// Where an unknown field stood among its record's known fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// Before every known field.
    Start,
    /// Right after this known field (in the order the file format writes
    /// them), whether or not that field is written.
    After(&'static str),
    /// After every known field: where a field added in code goes.
    End,
}

/// One unknown field.
#[derive(Clone)]
pub struct ExtraField {
    pub name: String,
    /// The value's JSON text exactly as it was read.
    pub raw: Box<RawValue>,
    pub anchor: Anchor,
}

impl ExtraField {
    /// The value as JSON text.
    pub fn json(&self) -> &str {
        self.raw.get()
    }
}

impl PartialEq for ExtraField {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.raw.get() == other.raw.get() && self.anchor == other.anchor
    }
}

impl fmt::Debug for ExtraField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {} ({:?})", self.name, self.raw.get(), self.anchor)
    }
}

/// The unknown fields of one record, in file order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extra(Vec<ExtraField>);

impl Extra {
    pub fn new() -> Extra {
        Extra(Vec::new())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, ExtraField> {
        self.0.iter()
    }

    /// The field named `name`, if the record has one.
    pub fn get(&self, name: &str) -> Option<&ExtraField> {
        self.0.iter().find(|f| f.name == name)
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Adds a field read from a file. A record's field names are unique
    /// (the loader refuses a name twice), so nothing is replaced.
    pub fn push(&mut self, field: ExtraField) {
        self.0.push(field);
    }

    /// Sets the field `name` to the JSON text of `value`: in its place when
    /// the record has it, else after every known field.
    pub fn insert(&mut self, name: impl Into<String>, value: &serde_json::Value) {
        let name = name.into();
        let Ok(raw) = serde_json::value::to_raw_value(value) else {
            return;
        };
        match self.0.iter_mut().find(|f| f.name == name) {
            Some(field) => field.raw = raw,
            None => self.0.push(ExtraField {
                name,
                raw,
                anchor: Anchor::End,
            }),
        }
    }

    /// Removes the field `name` and returns it.
    pub fn remove(&mut self, name: &str) -> Option<ExtraField> {
        let at = self.0.iter().position(|f| f.name == name)?;
        Some(self.0.remove(at))
    }

    /// The fields anchored at `anchor`, in file order.
    pub fn at(&self, anchor: Anchor) -> impl Iterator<Item = &ExtraField> {
        self.0.iter().filter(move |f| f.anchor == anchor)
    }
}

impl<'a> IntoIterator for &'a Extra {
    type Item = &'a ExtraField;
    type IntoIter = std::slice::Iter<'a, ExtraField>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// The known fields of each kind of record, in the order a file is written.
/// Everything else is an unknown field ([`Extra`]).
pub mod known {
    pub const TOP: &[&str] = &[
        "schema",
        "partnership",
        "settings",
        "people",
        "ties",
        "meetings",
    ];
    pub const NAMES: &[&str] = &["name", "ours", "partner", "domains"];
    pub const DOMAINS: &[&str] = &["ours", "partner"];
    pub const SETTINGS: &[&str] = &["stale_after_days", "half_life_days", "large_meeting"];
    pub const PERSON: &[&str] = &[
        "id",
        "name",
        "side",
        "title",
        "level",
        "team",
        "email",
        "key",
        "stance",
        "left",
        "reports_to",
        "notes",
    ];
    pub const TIE: &[&str] = &["a", "b", "last_contact", "note"];
    pub const MEETING: &[&str] = &["id", "date", "title", "attendees", "notes", "source"];
}
