//! One record's fields merged one by one: a field changed on one side is
//! taken; changed to two different values, ours is kept and the conflict
//! noted with both values as JSON text.

use super::{Clash, Conflict, RecordKey};
use crate::model::{Domains, Extra, ExtraField, Level, Side, Stance};
use jiff::civil::Date;
use std::collections::HashSet;

/// A field's value as JSON text, for a conflict's message.
pub(super) trait Json {
    fn json(&self) -> String;
}

fn quoted(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

impl Json for String {
    fn json(&self) -> String {
        quoted(self)
    }
}

impl Json for bool {
    fn json(&self) -> String {
        self.to_string()
    }
}

impl Json for u32 {
    fn json(&self) -> String {
        self.to_string()
    }
}

impl Json for Date {
    fn json(&self) -> String {
        quoted(&self.to_string())
    }
}

impl Json for Side {
    fn json(&self) -> String {
        quoted(self.as_str())
    }
}

impl Json for Level {
    fn json(&self) -> String {
        quoted(self.as_str())
    }
}

impl Json for Stance {
    fn json(&self) -> String {
        quoted(self.as_str())
    }
}

impl<T: Json> Json for Option<T> {
    fn json(&self) -> String {
        self.as_ref().map_or_else(|| "null".to_string(), Json::json)
    }
}

impl Json for Vec<String> {
    fn json(&self) -> String {
        serde_json::Value::from(self.clone()).to_string()
    }
}

impl Json for Domains {
    fn json(&self) -> String {
        serde_json::json!({ "ours": self.ours, "partner": self.partner }).to_string()
    }
}

/// The fields of one record being merged, and where its conflicts go.
pub(super) struct Fields<'a> {
    record: RecordKey,
    conflicts: &'a mut Vec<Conflict>,
}

impl<'a> Fields<'a> {
    pub(super) fn new(record: RecordKey, conflicts: &'a mut Vec<Conflict>) -> Fields<'a> {
        Fields { record, conflicts }
    }

    /// The field `name`: the side that changed it from `base` (absent when
    /// both sides added the record), else ours, noting a conflict when
    /// both changed it differently.
    pub(super) fn pick<T: PartialEq + Clone + Json>(
        &mut self,
        name: &str,
        base: Option<&T>,
        ours: &T,
        theirs: &T,
    ) -> T {
        if ours == theirs || base == Some(theirs) {
            return ours.clone();
        }
        if base == Some(ours) {
            return theirs.clone();
        }
        self.clash(name, Some(ours.json()), Some(theirs.json()));
        ours.clone()
    }

    fn clash(&mut self, field: &str, ours: Option<String>, theirs: Option<String>) {
        self.conflicts.push(Conflict {
            record: self.record.clone(),
            clash: Clash::Field {
                field: field.to_string(),
                ours,
                theirs,
            },
        });
    }

    /// The unknown fields, each merged like a known one by its name and
    /// exact text; one removed on one side and left as it was on the other
    /// is removed. Ours come in their order, then theirs that ours lacks.
    pub(super) fn extra(&mut self, base: Option<&Extra>, ours: &Extra, theirs: &Extra) -> Extra {
        if ours == theirs || base == Some(theirs) {
            return ours.clone();
        }
        if base == Some(ours) {
            return theirs.clone();
        }
        let text = |f: Option<&ExtraField>| f.map(|f| f.json().to_string());
        let mut seen = HashSet::new();
        let names = ours.iter().chain(theirs.iter()).map(|f| f.name.as_str());
        let mut out = Extra::new();
        for name in names.filter(|&n| seen.insert(n)) {
            let b = base.and_then(|b| b.get(name));
            let (o, t) = (ours.get(name), theirs.get(name));
            let chosen = if text(o) == text(t) || text(b) == text(t) {
                o
            } else if text(b) == text(o) {
                t
            } else {
                self.clash(name, text(o), text(t));
                o
            };
            if let Some(field) = chosen {
                out.push(field.clone());
            }
        }
        out
    }
}

/// A list merged as a set (a meeting's attendees): what one side added is
/// added, what one side removed is removed; ours in our order, then
/// theirs' additions in their order. Never a conflict.
pub(super) fn set_merge(base: &[String], ours: &[String], theirs: &[String]) -> Vec<String> {
    if ours == theirs || base == theirs {
        return ours.to_vec();
    }
    if base == ours {
        return theirs.to_vec();
    }
    let b: HashSet<&str> = base.iter().map(String::as_str).collect();
    let o: HashSet<&str> = ours.iter().map(String::as_str).collect();
    let t: HashSet<&str> = theirs.iter().map(String::as_str).collect();
    let kept = ours
        .iter()
        .filter(|x| !b.contains(x.as_str()) || t.contains(x.as_str()));
    let added = theirs
        .iter()
        .filter(|x| !b.contains(x.as_str()) && !o.contains(x.as_str()));
    kept.chain(added).cloned().collect()
}

/// The names of the fields in which `a` and `b` differ, for "changed
/// (title, level)".
pub(super) fn differing(pairs: &[(&str, bool)]) -> Vec<String> {
    pairs
        .iter()
        .filter(|(_, same)| !same)
        .map(|(name, _)| (*name).to_string())
        .collect()
}
