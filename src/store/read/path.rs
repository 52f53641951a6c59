//! Where a value is in the document, and the keys that appear twice in one
//! object (serde_json keeps the last value silently, which would lose the
//! other one at the next save), noted with their place.

use super::super::raw_keys::{MAX_DEPTH, scan_keys};
use serde_json::value::RawValue;

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

/// Where the value being read is, as a chain back to the root (no
/// allocation unless a duplicate is found).
pub enum At<'a> {
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

    /// How many steps from the root.
    fn depth(&self) -> usize {
        let mut depth = 0;
        let mut at = self;
        while let At::Key(up, ..) | At::Index(up, _) = at {
            depth += 1;
            at = up;
        }
        depth
    }
}

impl Duplicates {
    /// Notes `key` appearing twice in the object at `at`, whose `id` (as
    /// far as it was read) is `id`.
    pub fn note(&mut self, at: &At<'_>, key: &str, id: Option<&str>) {
        if self.noted.len() >= MAX_NOTED {
            self.more += 1;
            return;
        }
        let steps = at.steps();
        // The record is two steps from the root: this object, or the one
        // the third step leaves.
        let record_id = match steps.get(2) {
            Some((_, id)) => id.map(str::to_string),
            None if steps.len() == 2 => id.map(str::to_string),
            None => None,
        };
        self.noted.push(Duplicate {
            object: steps.into_iter().map(|(step, _)| step).collect(),
            key: key.to_string(),
            record_id,
        });
    }

    /// Reads the text of an unknown field `key` of the object at `at` again
    /// to note the keys that appear twice inside it: the text is kept as it
    /// is, but another program reading the file would keep only one of the
    /// two values. Numbers are never converted (a `1e400` in an unknown
    /// field is kept, not refused). An error when it nests too deep.
    pub fn check_raw(
        &mut self,
        at: &At<'_>,
        raw: &RawValue,
        key: &str,
        id: Option<&str>,
    ) -> Result<(), String> {
        let field = At::Key(at, key, id);
        let room = MAX_DEPTH.saturating_sub(field.depth());
        let found = scan_keys(raw.get(), room)
            .ok_or_else(|| format!("in the field {key:?}: recursion limit exceeded"))?;
        if found.is_empty() {
            return Ok(());
        }
        let base = field.steps();
        for (inside, duplicate) in found {
            if self.noted.len() >= MAX_NOTED {
                self.more += 1;
                continue;
            }
            let record_id = base.get(2).and_then(|(_, id)| id.map(str::to_string));
            let mut object: Vec<Step> = base.iter().map(|(step, _)| step.clone()).collect();
            object.extend(inside);
            self.noted.push(Duplicate {
                object,
                key: duplicate,
                record_id,
            });
        }
        Ok(())
    }
}
