//! Turns a [`Partnership`] into the JSON it is stored as: known fields in a
//! fixed order (the order of [`known`]), records in file order, and each
//! unknown field written back as the exact text it was read as, in its place
//! among the known ones ([`Anchor`]). Written straight from the model by
//! serde_json's pretty printer: nothing is built in between.

use crate::model::{
    Anchor, Domains, Extra, Meeting, Names, Partnership, Person, SCHEMA, Settings, Tie, known,
};
use jiff::civil::Date;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::value::RawValue;

/// Writes one record's fields: the known ones in the order of `order`, as
/// they are given, and the unknown ones at their anchors.
struct Fields<'a, M> {
    map: M,
    order: &'static [&'static str],
    /// How many of `order` are behind (their unknown fields written).
    done: usize,
    extra: &'a Extra,
}

impl<'a, M: SerializeMap> Fields<'a, M> {
    fn start(map: M, order: &'static [&'static str], extra: &'a Extra) -> Result<Self, M::Error> {
        let mut fields = Fields {
            map,
            order,
            done: 0,
            extra,
        };
        fields.unknown(Anchor::Start)?;
        Ok(fields)
    }

    fn unknown(&mut self, anchor: Anchor) -> Result<(), M::Error> {
        if self.extra.is_empty() {
            return Ok(());
        }
        for field in self.extra.at(anchor) {
            self.map
                .serialize_entry(&field.name, &*field.raw as &RawValue)?;
        }
        Ok(())
    }

    /// Writes the unknown fields after each known field before `name`.
    fn up_to(&mut self, name: &str) -> Result<(), M::Error> {
        while let Some(&known) = self.order.get(self.done) {
            if known == name {
                break;
            }
            self.unknown(Anchor::After(known))?;
            self.done += 1;
        }
        Ok(())
    }

    /// The known field `name` (one of `order`, after the ones given so far).
    fn field<T: Serialize + ?Sized>(
        mut self,
        name: &'static str,
        value: &T,
    ) -> Result<Self, M::Error> {
        self.up_to(name)?;
        self.map.serialize_entry(name, value)?;
        self.unknown(Anchor::After(name))?;
        self.done += 1;
        Ok(self)
    }

    /// The known field `name` when it has a value.
    fn optional<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: Option<&T>,
    ) -> Result<Self, M::Error> {
        match value {
            Some(value) => self.field(name, value),
            None => Ok(self),
        }
    }

    fn end(mut self) -> Result<M::Ok, M::Error> {
        self.up_to("")?;
        self.unknown(Anchor::End)?;
        self.map.end()
    }
}

fn record<'a, S: Serializer>(
    s: S,
    order: &'static [&'static str],
    extra: &'a Extra,
) -> Result<Fields<'a, S::SerializeMap>, S::Error> {
    Fields::start(s.serialize_map(None)?, order, extra)
}

/// A date as the file writes it, `YYYY-MM-DD`.
struct Day(Date);

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// A list of records, each written by `R`.
struct List<'a, T>(&'a [T]);

/// One record, borrowed.
struct Out<'a, T>(&'a T);

impl<'a, T> Serialize for List<'a, T>
where
    Out<'a, T>: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(Out))
    }
}

impl Serialize for Out<'_, Person> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = self.0;
        record(s, known::PERSON, &p.extra)?
            .field("id", &p.id)?
            .field("name", &p.name)?
            .field("side", p.side.as_str())?
            .optional("title", p.title.as_deref())?
            .field("level", p.level.as_str())?
            .optional("team", p.team.as_deref())?
            .optional("email", p.email.as_deref())?
            .field("key", &p.key)?
            .optional("stance", p.stance.map(|s| s.as_str()))?
            .field("left", &p.left.map(Day))?
            .field("reports_to", &p.reports_to)?
            .optional("notes", p.notes.as_deref())?
            .end()
    }
}

impl Serialize for Out<'_, Tie> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = self.0;
        record(s, known::TIE, &t.extra)?
            .field("a", &t.a)?
            .field("b", &t.b)?
            .optional("last_contact", t.last_contact.map(Day).as_ref())?
            .optional("note", t.note.as_deref())?
            .end()
    }
}

impl Serialize for Out<'_, Meeting> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let m = self.0;
        record(s, known::MEETING, &m.extra)?
            .field("id", &m.id)?
            .field("date", &Day(m.date))?
            .optional("title", m.title.as_deref())?
            .field("attendees", &m.attendees)?
            .optional("notes", m.notes.as_deref())?
            .optional("source", m.source.as_deref())?
            .end()
    }
}

impl Serialize for Out<'_, Domains> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        record(s, known::DOMAINS, &d.extra)?
            .field("ours", &d.ours)?
            .field("partner", &d.partner)?
            .end()
    }
}

impl Serialize for Out<'_, Names> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n = self.0;
        record(s, known::NAMES, &n.extra)?
            .field("name", &n.name)?
            .field("ours", &n.ours)?
            .field("partner", &n.partner)?
            .optional("domains", n.domains.as_ref().map(Out).as_ref())?
            .end()
    }
}

impl Serialize for Out<'_, Settings> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let x = self.0;
        record(s, known::SETTINGS, &x.extra)?
            .field("stale_after_days", &x.stale_after_days)?
            .field("half_life_days", &x.half_life_days)?
            .field("large_meeting", &x.large_meeting)?
            .end()
    }
}

impl Serialize for Out<'_, Partnership> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = self.0;
        record(s, known::TOP, &p.extra)?
            .field("schema", &SCHEMA)?
            .field("partnership", &Out(&p.names))?
            .field("settings", &Out(&p.settings))?
            .field("people", &List(&p.people))?
            .field("ties", &List(&p.ties))?
            .field("meetings", &List(&p.meetings))?
            .end()
    }
}

/// The file's text: pretty-printed JSON with a final newline.
pub fn to_text(p: &Partnership) -> String {
    // Writing to a string cannot fail: keys are strings, numbers whole, and
    // unknown fields are JSON text that was checked when it was read.
    let mut text = serde_json::to_string_pretty(&Out(p)).unwrap_or_default();
    text.push('\n');
    text
}
