//! Editing a record: `before` → `after`, made only when the record is
//! still as `before` says.

use super::delete::gone;
use crate::edit::EditError;
use crate::model::{Meeting, Names, Partnership, Person, Settings, Tie};
use crate::rules::{Fault, Field, Place};

/// One record changed, as it was and as it becomes.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// A person; the id never changes (SPEC §2).
    Person {
        before: Person,
        after: Person,
    },
    Tie {
        before: Tie,
        after: Tie,
    },
    Meeting {
        before: Meeting,
        after: Meeting,
    },
    /// The partnership's names.
    Names {
        before: Names,
        after: Names,
    },
    Settings {
        before: Settings,
        after: Settings,
    },
}

impl Edit {
    /// The edit that takes this one back.
    pub fn reversed(&self) -> Edit {
        match self.clone() {
            Edit::Person { before, after } => Edit::Person {
                before: after,
                after: before,
            },
            Edit::Tie { before, after } => Edit::Tie {
                before: after,
                after: before,
            },
            Edit::Meeting { before, after } => Edit::Meeting {
                before: after,
                after: before,
            },
            Edit::Names { before, after } => Edit::Names {
                before: after,
                after: before,
            },
            Edit::Settings { before, after } => Edit::Settings {
                before: after,
                after: before,
            },
        }
    }

    /// The record edited, by name: a person's name, a meeting's id, a
    /// tie's ends, the partnership's name.
    pub fn label(&self) -> String {
        match self {
            Edit::Person { after, .. } => after.name.clone(),
            Edit::Tie { after, .. } => format!("{} – {}", after.a, after.b),
            Edit::Meeting { after, .. } => after.id.clone(),
            Edit::Names { after, .. } => after.name.clone(),
            Edit::Settings { .. } => Field::Settings.to_string(),
        }
    }

    /// Makes the edit on `p`; returns the record to check.
    pub(super) fn make(&self, p: &mut Partnership) -> Result<Place, EditError> {
        match self {
            Edit::Person { before, after } => {
                if after.id != before.id {
                    return Err(EditError::new(Field::Id, Fault::IdChanged.to_string()));
                }
                let i = swap(&mut p.people, before, after, Field::Person, &before.id)?;
                Ok(Place::Person(i))
            }
            Edit::Tie { before, after } => {
                let label = format!("{}–{}", before.a, before.b);
                Ok(Place::Tie(swap(
                    &mut p.ties,
                    before,
                    after,
                    Field::Tie,
                    &label,
                )?))
            }
            Edit::Meeting { before, after } => {
                let i = swap(&mut p.meetings, before, after, Field::Meeting, &before.id)?;
                Ok(Place::Meeting(i))
            }
            Edit::Names { before, after } => {
                if &p.names != before {
                    return Err(gone(Field::Partnership, &before.name));
                }
                p.names = after.clone();
                Ok(Place::Names)
            }
            Edit::Settings { before, after } => {
                if &p.settings != before {
                    return Err(gone(Field::Partnership, "settings"));
                }
                p.settings = after.clone();
                Ok(Place::Settings)
            }
        }
    }
}

/// Replaces the item equal to `before` with `after`; returns its index.
fn swap<T: PartialEq + Clone>(
    items: &mut [T],
    before: &T,
    after: &T,
    field: Field,
    label: &str,
) -> Result<usize, EditError> {
    let i = items
        .iter()
        .position(|x| x == before)
        .ok_or_else(|| gone(field, label))?;
    if let Some(slot) = items.get_mut(i) {
        *slot = after.clone();
    }
    Ok(i)
}
