//! Turns a [`Partnership`] into the JSON it is stored as: known fields in a
//! fixed order (the order of [`known`]), records in file order, and each
//! unknown field written back as the exact text it was read as, in its place
//! among the known ones ([`Anchor`]).

use crate::model::{Anchor, Domains, Extra, Meeting, Partnership, Person, SCHEMA, Tie, known};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::value::RawValue;

/// A value to write, borrowed from the partnership.
enum Out<'a> {
    Str(&'a str),
    Date(String),
    Bool(bool),
    Null,
    Number(u64),
    List(Vec<Out<'a>>),
    Object(Object<'a>),
}

/// An object: its known fields (a subset of `order`, in that order) and
/// its unknown fields, placed by their anchors.
struct Object<'a> {
    order: &'static [&'static str],
    fields: Vec<(&'static str, Out<'a>)>,
    extra: &'a Extra,
}

impl<'a> Object<'a> {
    fn new(order: &'static [&'static str], extra: &'a Extra) -> Self {
        Object {
            order,
            fields: Vec::with_capacity(order.len()),
            extra,
        }
    }

    fn field(mut self, name: &'static str, value: Out<'a>) -> Self {
        self.fields.push((name, value));
        self
    }

    fn optional(self, name: &'static str, value: Option<Out<'a>>) -> Self {
        match value {
            Some(value) => self.field(name, value),
            None => self,
        }
    }
}

impl Serialize for Out<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Out::Str(text) => s.serialize_str(text),
            Out::Date(text) => s.serialize_str(text),
            Out::Bool(b) => s.serialize_bool(*b),
            Out::Null => s.serialize_unit(),
            Out::Number(n) => s.serialize_u64(*n),
            Out::List(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Out::Object(object) => object.serialize(s),
        }
    }
}

impl Serialize for Object<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.fields.len() + self.extra.len()))?;
        let unknown = |map: &mut S::SerializeMap, anchor| {
            self.extra
                .at(anchor)
                .try_for_each(|f| map.serialize_entry(&f.name, &*f.raw as &RawValue))
        };
        unknown(&mut map, Anchor::Start)?;
        let mut fields = self.fields.iter().peekable();
        for &name in self.order {
            if let Some((_, value)) = fields.next_if(|(field, _)| *field == name) {
                map.serialize_entry(name, value)?;
            }
            unknown(&mut map, Anchor::After(name))?;
        }
        unknown(&mut map, Anchor::End)?;
        map.end()
    }
}

fn text(s: &str) -> Out<'_> {
    Out::Str(s)
}

fn optional(s: &Option<String>) -> Option<Out<'_>> {
    s.as_deref().map(text)
}

fn date(d: jiff::civil::Date) -> Out<'static> {
    Out::Date(d.to_string())
}

fn person(p: &Person) -> Out<'_> {
    Out::Object(
        Object::new(known::PERSON, &p.extra)
            .field("id", text(&p.id))
            .field("name", text(&p.name))
            .field("side", text(p.side.as_str()))
            .optional("title", optional(&p.title))
            .field("level", text(p.level.as_str()))
            .optional("team", optional(&p.team))
            .optional("email", optional(&p.email))
            .field("key", Out::Bool(p.key))
            .optional("stance", p.stance.map(|s| text(s.as_str())))
            .field("left", p.left.map_or(Out::Null, date))
            .field("reports_to", optional(&p.reports_to).unwrap_or(Out::Null))
            .optional("notes", optional(&p.notes)),
    )
}

fn tie(t: &Tie) -> Out<'_> {
    Out::Object(
        Object::new(known::TIE, &t.extra)
            .field("a", text(&t.a))
            .field("b", text(&t.b))
            .optional("last_contact", t.last_contact.map(date))
            .optional("note", optional(&t.note)),
    )
}

fn meeting(m: &Meeting) -> Out<'_> {
    Out::Object(
        Object::new(known::MEETING, &m.extra)
            .field("id", text(&m.id))
            .field("date", date(m.date))
            .optional("title", optional(&m.title))
            .field(
                "attendees",
                Out::List(m.attendees.iter().map(|a| text(a)).collect()),
            )
            .optional("notes", optional(&m.notes))
            .optional("source", optional(&m.source)),
    )
}

fn domains(d: &Domains) -> Out<'_> {
    fn list(items: &[String]) -> Out<'_> {
        Out::List(items.iter().map(|x| text(x)).collect())
    }
    Out::Object(
        Object::new(known::DOMAINS, &d.extra)
            .field("ours", list(&d.ours))
            .field("partner", list(&d.partner)),
    )
}

fn file(p: &Partnership) -> Object<'_> {
    let names = Object::new(known::NAMES, &p.names.extra)
        .field("name", text(&p.names.name))
        .field("ours", text(&p.names.ours))
        .field("partner", text(&p.names.partner))
        .optional("domains", p.names.domains.as_ref().map(domains));
    let s = &p.settings;
    let settings = Object::new(known::SETTINGS, &s.extra)
        .field("stale_after_days", Out::Number(s.stale_after_days.into()))
        .field("half_life_days", Out::Number(s.half_life_days.into()))
        .field("large_meeting", Out::Number(s.large_meeting.into()));
    Object::new(known::TOP, &p.extra)
        .field("schema", Out::Number(SCHEMA))
        .field("partnership", Out::Object(names))
        .field("settings", Out::Object(settings))
        .field("people", Out::List(p.people.iter().map(person).collect()))
        .field("ties", Out::List(p.ties.iter().map(tie).collect()))
        .field(
            "meetings",
            Out::List(p.meetings.iter().map(meeting).collect()),
        )
}

/// The file's text: pretty-printed JSON with a final newline.
pub fn to_text_old(p: &Partnership) -> String {
    // Writing to a string cannot fail: keys are strings, numbers whole, and
    // unknown fields are JSON text that was checked when it was read.
    let mut text = serde_json::to_string_pretty(&file(p)).unwrap_or_default();
    text.push('\n');
    text
}
