//! The `ties` list: each record's own fields checked as soon as it is read;
//! the people it names once every person is.

use super::fields::Check;
use super::path::{At, Duplicates};
use super::problems::{Key, Name, Part, Problems};
use super::raw::{Fields, Raw, RawSeed, Shaped};
use crate::model::Ids;
use crate::model::{Extra, Tie, known};
use crate::rules::{self, Fault, Field, TiePairs};
use jiff::civil::Date;
use serde::de::MapAccess;

/// One tie's known fields as read, in the order of [`known::TIE`].
#[derive(Default)]
pub struct TieFields<'de> {
    fields: [Option<Raw<'de>>; 4],
    extra: Extra,
}

impl<'de> Fields<'de> for TieFields<'de> {
    const KNOWN: &'static [&'static str] = known::TIE;

    fn read<A: MapAccess<'de>>(
        &mut self,
        k: usize,
        access: &mut A,
        at: &At<'_>,
        dups: &mut Duplicates,
    ) -> Result<(), A::Error> {
        let value = access.next_value_seed(RawSeed { at, dups })?;
        if let Some(slot) = self.fields.get_mut(k) {
            *slot = Some(value);
        }
        Ok(())
    }

    fn null(&self, k: usize) -> bool {
        matches!(self.fields.get(k), Some(Some(Raw::Null)))
    }

    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

/// The steps of a tie's checks: its fields, then its two ends together.
const A: u16 = 0;
const B: u16 = 1;
const ENDS: u16 = 4;

/// A tie whose own fields were read: each end's id when it is a string.
struct Read {
    index: usize,
    a: Option<String>,
    b: Option<String>,
    last_contact: Option<Date>,
    note: Option<String>,
    extra: Extra,
}

/// The ties read so far.
#[derive(Default)]
pub struct Ties {
    read: Vec<Read>,
}

fn check<'p>(problems: &'p mut Problems, index: usize) -> Check<'p, 'static> {
    Check {
        problems,
        name: Name::Item {
            list: "ties",
            index,
            id: None,
        },
        key: Key::at(Part::Ties, index, 0),
    }
}

impl Ties {
    /// Checks the record at `index` of the list but the people it names.
    pub fn close(
        &mut self,
        index: usize,
        value: Shaped<'_, TieFields<'_>>,
        problems: &mut Problems,
    ) {
        let record = match value {
            Shaped::Expected(record) => record,
            Shaped::Other(raw) => return super::not_an_object(problems, Part::Ties, index, &raw),
        };
        let [a, b, last_contact, note] = record.fields;
        let mut c = check(problems, index);
        let a = c.owned(A, Field::A, a, true);
        let b = c.owned(B, Field::B, b, true);
        let last_contact = c.date(2, Field::LastContact, last_contact, false);
        let note = c.owned(3, Field::Note, note, false);
        self.read.push(Read {
            index,
            a,
            b,
            last_contact,
            note,
            extra: record.extra,
        });
    }

    /// Once every person is read: the ends, and each pair declared once.
    pub fn finish(self, ids: &Ids<'_>, problems: &mut Problems) -> Vec<Tie> {
        let mut ties = Vec::with_capacity(self.read.len());
        let mut pairs = TiePairs::default();
        for tie in self.read {
            let mut c = check(problems, tie.index);
            let mut end = |step, field, id: Option<String>| {
                let id = id?;
                if ids.contains(&id) {
                    Some(id)
                } else {
                    c.fault(step, field, &Fault::UnknownPerson(id));
                    None
                }
            };
            let a = end(A, Field::A, tie.a);
            let b = end(B, Field::B, tie.b);
            let (Some(a), Some(b)) = (a, b) else {
                continue;
            };
            if let Some(fault) = rules::same_ends(&a, &b) {
                c.fault(ENDS, Field::B, &fault);
                continue;
            }
            let (Some(ia), Some(ib)) = (ids.get(&a), ids.get(&b)) else {
                continue;
            };
            if let Some(fault) = pairs.check((&a, ia), (&b, ib), tie.index) {
                c.fault(ENDS, Field::B, &fault);
                continue;
            }
            ties.push(Tie {
                a,
                b,
                last_contact: tie.last_contact,
                note: tie.note,
                extra: tie.extra,
            });
        }
        ties
    }
}
