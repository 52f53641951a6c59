//! Checking one record's known fields as read: wrong JSON types and missing
//! fields are reported here, each value's own rules through [`crate::rules`].

use super::problems::{Key, Name, Problems};
use super::raw::{Raw, Shaped, Strings};
use crate::rules::{self, Fault, Field};
use jiff::civil::Date;
use std::borrow::Cow;

/// The field's value; `null` counts as absent.
pub fn present<'de>(raw: Option<Raw<'de>>) -> Option<Raw<'de>> {
    raw.filter(|r| !matches!(r, Raw::Null))
}

/// A list or object field's value; `null` counts as absent.
pub fn present_shaped<'de, T>(value: Option<Shaped<'de, T>>) -> Option<Shaped<'de, T>> {
    value.filter(|v| !matches!(v, Shaped::Other(Raw::Null)))
}

/// Checks the fields of one record, reporting at `key` (each check at its
/// own step) in the record's name.
pub struct Check<'p, 'n> {
    pub problems: &'p mut Problems,
    pub name: Name<'n>,
    pub key: Key,
}

impl Check<'_, '_> {
    /// Reports `message` about `field` at `step`.
    pub fn problem(&mut self, step: u16, field: Field, message: impl FnOnce() -> String) {
        self.problem_at(step, 0, field, message);
    }

    /// Reports `message` about `field` at `step`, at `pos` within it.
    pub fn problem_at(
        &mut self,
        step: u16,
        pos: usize,
        field: Field,
        message: impl FnOnce() -> String,
    ) {
        let name = self.name;
        let key = Key {
            step,
            pos,
            ..self.key
        };
        self.problems
            .add(key, || (name.field(field.as_str()), message()));
    }

    /// Reports a broken rule of `field` at `step`.
    pub fn fault(&mut self, step: u16, field: Field, fault: &Fault) {
        self.fault_at(step, 0, field, fault);
    }

    /// Reports a broken rule of `field` at `step`, at `pos` within it.
    pub fn fault_at(&mut self, step: u16, pos: usize, field: Field, fault: &Fault) {
        self.problem_at(step, pos, field, || fault.to_string());
    }

    fn wrong_type(&mut self, step: u16, field: Field, expected: &str, got: &Raw<'_>) {
        let kind = got.kind();
        self.problem(step, field, || format!("expected {expected}, got {kind}"));
    }

    pub fn string<'de>(
        &mut self,
        step: u16,
        field: Field,
        raw: Option<Raw<'de>>,
        required: bool,
    ) -> Option<Cow<'de, str>> {
        match present(raw) {
            Some(Raw::Str(s)) => match rules::length(field, &s) {
                None => Some(s),
                Some(fault) => {
                    self.fault(step, field, &fault);
                    None
                }
            },
            Some(other) => {
                self.wrong_type(step, field, "a string", &other);
                None
            }
            None => {
                if required {
                    self.problem(step, field, || "is required".to_string());
                }
                None
            }
        }
    }

    /// A string field as the model keeps it.
    pub fn owned(
        &mut self,
        step: u16,
        field: Field,
        raw: Option<Raw<'_>>,
        required: bool,
    ) -> Option<String> {
        self.string(step, field, raw, required).map(Cow::into_owned)
    }

    pub fn id<'de>(
        &mut self,
        step: u16,
        field: Field,
        raw: Option<Raw<'de>>,
    ) -> Option<Cow<'de, str>> {
        let id = self.string(step, field, raw, true)?;
        match rules::id(&id) {
            None => Some(id),
            Some(fault) => {
                self.fault(step, field, &fault);
                None
            }
        }
    }

    /// A string that a rule turns into a typed value.
    pub fn parsed<T>(
        &mut self,
        step: u16,
        field: Field,
        raw: Option<Raw<'_>>,
        required: bool,
        rule: impl Fn(&str) -> Result<T, Fault>,
    ) -> Option<T> {
        let text = self.string(step, field, raw, required)?;
        rule(&text)
            .map_err(|fault| self.fault(step, field, &fault))
            .ok()
    }

    pub fn date(
        &mut self,
        step: u16,
        field: Field,
        raw: Option<Raw<'_>>,
        required: bool,
    ) -> Option<Date> {
        self.parsed(step, field, raw, required, rules::date)
    }

    pub fn bool(&mut self, step: u16, field: Field, raw: Option<Raw<'_>>) -> bool {
        match present(raw) {
            Some(Raw::Bool(b)) => b,
            Some(other) => {
                self.wrong_type(step, field, "true or false", &other);
                false
            }
            None => false,
        }
    }

    /// A setting: a whole number at least the setting's floor.
    pub fn setting(&mut self, step: u16, field: Field, raw: Option<Raw<'_>>) -> Option<u32> {
        let value = present(raw)?;
        let number = match &value {
            Raw::Number(n) => n.as_u64(),
            _ => None,
        };
        rules::setting(field, number, || value.describe())
            .map_err(|fault| self.fault(step, field, &fault))
            .ok()
    }

    /// A field that holds a list (`list` true) or an object: its value when
    /// it has that shape; a problem when it has another or, if `required`,
    /// none.
    pub fn shaped<T>(
        &mut self,
        step: u16,
        field: Field,
        value: Option<Shaped<'_, T>>,
        list: bool,
        required: bool,
    ) -> Option<T> {
        match present_shaped(value) {
            Some(Shaped::Expected(value)) => Some(value),
            Some(Shaped::Other(other)) => {
                let expected = if list { "a list" } else { "an object" };
                self.wrong_type(step, field, expected, &other);
                None
            }
            None => {
                if required {
                    let message = if list {
                        "is required (a list, possibly empty)"
                    } else {
                        "is required"
                    };
                    self.problem(step, field, || message.to_string());
                }
                None
            }
        }
    }

    /// A list of e-mail domains (absent: none).
    pub fn domains(
        &mut self,
        step: u16,
        field: Field,
        value: Option<Shaped<'_, Strings>>,
    ) -> Vec<String> {
        let Some(list) = self.shaped(step, field, value, true, false) else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(list.items.len());
        for (_, item) in list.each() {
            match item {
                Ok(d) => match rules::domain(d) {
                    None => out.push(d.to_string()),
                    Some(fault) => self.fault(step, field, &fault),
                },
                Err(kind) => self.problem(step, field, || {
                    format!("expected domains (strings), got {kind}")
                }),
            }
        }
        out
    }
}
