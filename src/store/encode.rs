//! Turns a [`Partnership`] into the JSON it is stored as: known fields in a
//! fixed order (the order of [`known`]), records in file order, and each
//! unknown field written back as the exact text it was read as, in its place
//! among the known ones ([`Anchor`]). Written straight from the model by
//! serde_json with the pretty printer's layout (the top-level object by
//! hand, so that its long lists are encoded on several threads): nothing
//! is built in between.

use super::in_order;
use super::pretty::{self, Pretty};
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
    fn field<T: Serialize + ?Sized>(self, name: &'static str, value: &T) -> Result<Self, M::Error> {
        self.field_with(name, |map| map.serialize_entry(name, value))
    }

    /// The known field `name`, written by `write`.
    fn field_with(
        mut self,
        name: &'static str,
        write: impl FnOnce(&mut M) -> Result<(), M::Error>,
    ) -> Result<Self, M::Error> {
        self.up_to(name)?;
        write(&mut self.map)?;
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
        // Written by hand for the years of four digits (a million meetings
        // each have a date); others as jiff writes them.
        match four_digit_year(self.0) {
            Some(digits) => s.serialize_str(std::str::from_utf8(&digits).unwrap_or_default()),
            None => s.collect_str(&self.0),
        }
    }
}

/// `YYYY-MM-DD` for a year from 0 to 9999, as jiff's `Display` writes it.
fn four_digit_year(date: Date) -> Option<[u8; 10]> {
    let year = u16::try_from(date.year()).ok().filter(|&y| y <= 9999)?;
    let digit = |n: u16, place: u16| b'0' + u8::try_from(n / place % 10).unwrap_or(0);
    let month = u16::try_from(date.month()).ok()?;
    let day = u16::try_from(date.day()).ok()?;
    Some([
        digit(year, 1000),
        digit(year, 100),
        digit(year, 10),
        digit(year, 1),
        b'-',
        digit(month, 10),
        digit(month, 1),
        b'-',
        digit(day, 10),
        digit(day, 1),
    ])
}

/// A list of records, as serde_json writes it (the tests' reference).
#[cfg(test)]
struct List<'a, T>(&'a [T]);

/// One record, borrowed.
struct Out<'a, T>(&'a T);

#[cfg(test)]
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

/// The whole file, as serde_json's pretty printer would write it (the
/// reference the tests compare [`write_to`] with).
#[cfg(test)]
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

/// Writes the file's text ([`to_text`]) to `w` as it is made, so that a
/// save holds no copy of it. The lists of people, ties and meetings are
/// encoded on several threads ([`in_order`]); the text is the same.
pub fn write_to<W: std::io::Write>(p: &Partnership, mut w: W) -> std::io::Result<()> {
    Fields::start(Top::start(&mut w)?, known::TOP, &p.extra)
        .and_then(|f| {
            f.field("schema", &SCHEMA)?
                .field("partnership", &Out(&p.names))?
                .field("settings", &Out(&p.settings))?
                .field_with("people", |top| top.list("people", &p.people))?
                .field_with("ties", |top| top.list("ties", &p.ties))?
                .field_with("meetings", |top| top.list("meetings", &p.meetings))?
                .end()
        })
        .map_err(std::io::Error::from)?;
    w.write_all(b"\n")
}

/// The file's top-level object, written as [`Pretty`] writes it (one
/// level deep), with each field's value written by serde_json, or, for
/// the lists of records, a chunk at a time ([`Top::list`]).
struct Top<'w, W> {
    w: &'w mut W,
    first: bool,
}

impl<'w, W: std::io::Write> Top<'w, W> {
    fn start(w: &'w mut W) -> std::io::Result<Self> {
        w.write_all(b"{")?;
        Ok(Top { w, first: true })
    }

    /// The field `name`, a list of records encoded on several threads.
    fn list<T: Sync>(&mut self, name: &str, items: &[T]) -> Result<(), serde_json::Error>
    where
        for<'a> Out<'a, T>: Serialize,
    {
        self.serialize_key(name)?;
        let mut list = || -> std::io::Result<()> {
            self.w.write_all(b"[")?;
            in_order::write_in_order(self.w, items, |buf, index, item| {
                pretty::line(buf, index > 0, 2)?;
                let mut at = serde_json::Serializer::with_formatter(buf, Pretty::at(2));
                Out(item).serialize(&mut at).map_err(std::io::Error::from)
            })?;
            if !items.is_empty() {
                pretty::line(self.w, false, 1)?;
            }
            self.w.write_all(b"]")
        };
        list().map_err(serde_json::Error::io)
    }
}

impl<W: std::io::Write> SerializeMap for Top<'_, W> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Self::Error> {
        pretty::line(self.w, !self.first, 1).map_err(serde_json::Error::io)?;
        self.first = false;
        key.serialize(&mut serde_json::Serializer::with_formatter(
            &mut *self.w,
            Pretty::default(),
        ))?;
        self.w.write_all(b": ").map_err(serde_json::Error::io)
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        value.serialize(&mut serde_json::Serializer::with_formatter(
            &mut *self.w,
            Pretty::at(1),
        ))
    }

    fn end(self) -> Result<(), Self::Error> {
        if !self.first {
            pretty::line(self.w, false, 0).map_err(serde_json::Error::io)?;
        }
        self.w.write_all(b"}").map_err(serde_json::Error::io)
    }
}

/// The file's text: pretty-printed JSON with a final newline.
pub fn to_text(p: &Partnership) -> String {
    // Writing to a string cannot fail: keys are strings, numbers whole, and
    // unknown fields are JSON text that was checked when it was read.
    let mut text = Vec::with_capacity(4096);
    let _ = write_to(p, &mut text);
    String::from_utf8(text).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Every date is written as jiff writes it, the years of four
        /// digits by hand included.
        #[test]
        fn dates_are_written_as_jiff_writes_them(days in -4_371_587i32..=2_932_896) {
            let epoch = Date::constant(1970, 1, 1);
            let Ok(date) = epoch.checked_add(jiff::Span::new().days(days)) else {
                return Ok(());
            };
            let written = serde_json::to_string(&Day(date)).unwrap_or_default();
            proptest::prop_assert_eq!(written, format!("\"{date}\""));
        }
    }

    #[test]
    fn written_as_it_is_made_the_text_is_the_same() {
        // More records than a chunk (so written on several threads), in
        // each list that is cut into chunks.
        let generated = crate::generate::partnership(crate::generate::Spec {
            people: 9_000,
            meetings: 20_000,
            seed: 7,
            as_of: Date::constant(2026, 11, 24),
        });
        let odd = r#"{"x": [1, {"y": 1e400}], "schema": 1, "partnership": {"name": "N", "ours": "A", "partner": "B", "z": null},
            "people": [{"id": "a\u0007", "name": "A", "side": "ours", "w": 12345678901234567890123}]}"#;
        let odd = crate::store::parse(odd, std::path::Path::new("odd.json"));
        assert!(odd.is_ok(), "{odd:?}");
        let odd = odd.unwrap_or_default();
        assert_eq!(odd.extra.len(), 1);
        // Unknown top-level fields around each list and at the end, which
        // the top-level object written by hand must put back in place.
        let around = r#"{"schema": 1, "partnership": {"name": "N", "ours": "A", "partner": "B"},
            "a": [], "people": [{"id": "a", "name": "A", "side": "ours"}], "b": {"x": [1, {}]},
            "ties": [], "c": "", "meetings": [{"id": "m-1", "date": "2026-01-02", "attendees": ["a"]}],
            "d": null, "e": [[], {}]}"#;
        let around = crate::store::parse(around, std::path::Path::new("around.json"));
        assert!(around.is_ok(), "{around:?}");
        let around = around.unwrap_or_default();
        assert_eq!(around.extra.len(), 5);
        for p in [generated, odd, around] {
            let mut written = Vec::new();
            assert!(write_to(&p, &mut written).is_ok());
            let text = to_text(&p);
            assert_eq!(String::from_utf8(written).unwrap_or_default(), text);
            // serde_json's own pretty printer, as the text was written
            // before `Pretty`.
            let mut serde = serde_json::to_string_pretty(&Out(&p)).unwrap_or_default();
            serde.push('\n');
            assert_eq!(text, serde);
        }
    }

    #[test]
    fn years_with_fewer_or_more_digits_are_left_to_jiff() {
        for (date, text) in [
            (Date::constant(7, 3, 9), "0007-03-09"),
            (Date::constant(2026, 11, 24), "2026-11-24"),
            (Date::constant(9999, 12, 31), "9999-12-31"),
            (Date::constant(-1, 1, 1), "-000001-01-01"),
        ] {
            assert_eq!(four_digit_year(date).is_some(), !text.starts_with('-'));
            assert_eq!(
                serde_json::to_string(&Day(date)).unwrap_or_default(),
                format!("\"{text}\"")
            );
        }
    }
}
