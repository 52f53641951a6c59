//! Reading one JSON object's known fields as typed values: wrong JSON types
//! and missing fields are reported here, each value's own rules through
//! [`crate::rules`].

use super::super::error::Problem;
use crate::model::Extra;
use crate::rules::{self, Fault, Field};
use crate::text::clip;
use jiff::civil::Date;
use serde_json::{Map, Value};

use super::super::read::MAX_PROBLEMS;

/// Problems found so far.
#[derive(Default)]
pub struct Problems {
    pub listed: Vec<Problem>,
    pub more: usize,
}

impl Problems {
    pub(super) fn add(&mut self, place: impl Into<String>, message: impl Into<String>) {
        if self.listed.len() < MAX_PROBLEMS {
            self.listed.push(Problem {
                place: place.into(),
                message: message.into(),
            });
        } else {
            self.more += 1;
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.listed.is_empty() && self.more == 0
    }
}

/// Names the record a field belongs to: `people[3] (id "li")`.
#[derive(Clone)]
pub(super) struct Record {
    pub(super) name: String,
}

impl Record {
    pub(super) fn new(list: &str, index: usize, id: Option<&str>) -> Record {
        let name = match id {
            Some(id) => format!("{list}[{index}] (id {:?})", clip(id)),
            None => format!("{list}[{index}]"),
        };
        Record { name }
    }

    pub(super) fn top(name: &str) -> Record {
        Record {
            name: name.to_string(),
        }
    }

    pub(super) fn field(&self, field: &str) -> String {
        format!("{}, field {field:?}", self.name)
    }
}

/// A value as a message shows it: numbers and short strings as they are,
/// anything else by its kind, so that a huge value is never echoed.
pub(super) fn describe(value: &Value) -> String {
    match value {
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("{:?}", clip(s)),
        other => kind_of(other).to_string(),
    }
}

pub(super) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Reads one record's known fields; its unknown fields were kept as text
/// by the parser and come along in `extra`.
pub(super) struct Fields<'p> {
    map: Map<String, Value>,
    extra: Extra,
    record: Record,
    problems: &'p mut Problems,
}

impl<'p> Fields<'p> {
    pub(super) fn new(
        map: Map<String, Value>,
        extra: Option<Extra>,
        record: Record,
        problems: &'p mut Problems,
    ) -> Self {
        Fields {
            map,
            extra: extra.unwrap_or_default(),
            record,
            problems,
        }
    }

    pub(super) fn problem(&mut self, field: Field, message: impl Into<String>) {
        let place = self.record.field(field.as_str());
        self.problems.add(place, message);
    }

    /// Reports a broken rule of `field`.
    pub(super) fn fault(&mut self, field: Field, fault: &Fault) {
        self.problem(field, fault.to_string());
    }

    /// The field's value; `null` counts as absent.
    pub(super) fn take(&mut self, field: Field) -> Option<Value> {
        match self.map.shift_remove(field.as_str()) {
            None | Some(Value::Null) => None,
            Some(value) => Some(value),
        }
    }

    /// Reports a field that should be there and is not.
    fn missing(&mut self, field: Field, required: bool, message: &str) {
        if required {
            self.problem(field, message);
        }
    }

    fn wrong_type(&mut self, field: Field, expected: &str, got: &Value) {
        let message = format!("expected {expected}, got {}", kind_of(got));
        self.problem(field, message);
    }

    pub(super) fn string(&mut self, field: Field, required: bool) -> Option<String> {
        match self.take(field) {
            Some(Value::String(s)) => match rules::length(field, &s) {
                None => Some(s),
                Some(fault) => {
                    self.fault(field, &fault);
                    None
                }
            },
            Some(other) => {
                self.wrong_type(field, "a string", &other);
                None
            }
            None => {
                self.missing(field, required, "is required");
                None
            }
        }
    }

    pub(super) fn id(&mut self, field: Field) -> Option<String> {
        let id = self.string(field, true)?;
        match rules::id(&id) {
            None => Some(id),
            Some(fault) => {
                self.fault(field, &fault);
                None
            }
        }
    }

    /// A string that a rule turns into a typed value.
    pub(super) fn parsed<T>(
        &mut self,
        field: Field,
        required: bool,
        rule: impl Fn(&str) -> Result<T, Fault>,
    ) -> Option<T> {
        let text = self.string(field, required)?;
        rule(&text).map_err(|fault| self.fault(field, &fault)).ok()
    }

    pub(super) fn date(&mut self, field: Field, required: bool) -> Option<Date> {
        self.parsed(field, required, rules::date)
    }

    pub(super) fn bool(&mut self, field: Field) -> bool {
        match self.take(field) {
            Some(Value::Bool(b)) => b,
            Some(other) => {
                self.wrong_type(field, "true or false", &other);
                false
            }
            None => false,
        }
    }

    /// A setting: a whole number at least the setting's floor.
    pub(super) fn setting(&mut self, field: Field) -> Option<u32> {
        let value = self.take(field)?;
        rules::setting(field, value.as_u64(), || describe(&value))
            .map_err(|fault| self.fault(field, &fault))
            .ok()
    }

    pub(super) fn list(&mut self, field: Field, required: bool) -> Vec<Value> {
        match self.take(field) {
            Some(Value::Array(items)) => items,
            Some(other) => {
                self.wrong_type(field, "a list", &other);
                Vec::new()
            }
            None => {
                self.missing(field, required, "is required (a list, possibly empty)");
                Vec::new()
            }
        }
    }

    pub(super) fn object(&mut self, field: Field, required: bool) -> Option<Map<String, Value>> {
        match self.take(field) {
            Some(Value::Object(map)) => Some(map),
            Some(other) => {
                self.wrong_type(field, "an object", &other);
                None
            }
            None => {
                self.missing(field, required, "is required");
                None
            }
        }
    }

    /// A list of e-mail domains (absent: none).
    pub(super) fn domains(&mut self, field: Field) -> Vec<String> {
        let mut out = Vec::new();
        for value in self.list(field, false) {
            match value {
                Value::String(d) => match rules::domain(&d) {
                    None => out.push(d),
                    Some(fault) => self.fault(field, &fault),
                },
                other => {
                    let message = format!("expected domains (strings), got {}", kind_of(&other));
                    self.problem(field, message);
                }
            }
        }
        out
    }

    /// The problem list, for reading a nested record.
    pub(super) fn problems(&mut self) -> &mut Problems {
        self.problems
    }

    pub(super) fn rest(self) -> Extra {
        self.extra
    }
}
