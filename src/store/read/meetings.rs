//! The `meetings` list: each record's own fields checked as soon as it is
//! read; ids and sources used once, and the attendees, once every person is.

use super::fields::Check;
use super::path::{At, Duplicates};
use super::problems::{Key, Name, Part, Problems};
use super::raw::{Fields, Raw, RawSeed, Shaped, Strings, StringsSeed, in_order};
use crate::model::{Extra, Meeting, known};
use crate::model::{Ids, Lookups};
use crate::rules::{AttendeeList, Field, UniqueSources, ids_taken};
use serde::de::MapAccess;
use std::borrow::Cow;

/// The position of `attendees` in [`known::MEETING`].
const ATTENDEES: usize = 3;

/// One meeting's known fields as read: `attendees` apart, the others in
/// the order of [`known::MEETING`].
#[derive(Default)]
pub struct MeetingFields<'de> {
    fields: [Option<Raw<'de>>; 6],
    attendees: Option<Shaped<'de, Strings>>,
    extra: Extra,
}

impl<'de> Fields<'de> for MeetingFields<'de> {
    const KNOWN: &'static [&'static str] = known::MEETING;
    const ID: Option<usize> = Some(0);

    fn read<A: MapAccess<'de>>(
        &mut self,
        k: usize,
        access: &mut A,
        at: &At<'_>,
        dups: &mut Duplicates,
    ) -> Result<(), A::Error> {
        if k == ATTENDEES {
            self.attendees = Some(access.next_value_seed(StringsSeed { at, dups })?);
        } else {
            let value = access.next_value_seed(RawSeed { at, dups })?;
            if let Some(slot) = self.fields.get_mut(k) {
                *slot = Some(value);
            }
        }
        Ok(())
    }

    fn text(&self, k: usize) -> Option<Cow<'de, str>> {
        self.fields.get(k)?.as_ref()?.text().cloned()
    }

    fn null(&self, k: usize) -> bool {
        matches!(self.fields.get(k), Some(Some(Raw::Null)))
    }

    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

/// The steps of a meeting's checks, in the order they are listed.
const ID: u16 = 0;
const SOURCE_TAKEN: u16 = 5;
const ATTENDEE: u16 = 6;
const ID_TAKEN: u16 = 7;

/// What the checks once every person is read need to know of a meeting.
#[derive(Clone, Copy)]
struct Facts {
    /// The index in the file's `meetings` list.
    index: usize,
    /// The id is a string (`Meeting::id`, possibly an unusable one).
    id_text: bool,
    /// The id is usable.
    id_ok: bool,
    /// The attendees are to be checked (not too many to read).
    attendees: bool,
    /// The date is usable.
    date_ok: bool,
}

/// The meetings read so far: each with the facts the later checks need,
/// unusable fields left empty.
#[derive(Default)]
pub struct Meetings {
    meetings: Vec<Meeting>,
    facts: Vec<Facts>,
    /// For the meetings whose attendees include items that are not
    /// strings: the position in `meetings`, and those items' places.
    odd: Vec<(usize, Vec<(usize, &'static str)>)>,
    /// Whether a person has each attendee id, meeting after meeting, when
    /// they were looked up as they were read ([`Meetings::close`]).
    looked_up: Option<Vec<bool>>,
}

impl Meetings {
    /// Checks the record at `index` of the list but the uniqueness of its
    /// id and source and the people it names.
    /// With `lookups`, its attendees are looked up there.
    pub fn close(
        &mut self,
        index: usize,
        value: Shaped<'_, MeetingFields<'_>>,
        problems: &mut Problems,
        lookups: Option<&mut Lookups<'_, '_>>,
    ) {
        let record = match value {
            Shaped::Expected(record) => record,
            Shaped::Other(raw) => {
                return super::not_an_object(problems, Part::Meetings, index, &raw);
            }
        };
        let [id, date, title, _, notes, source] = record.fields;
        let peek = id.as_ref().and_then(Raw::text).cloned();
        let mut c = Check {
            problems,
            name: Name::Item {
                list: "meetings",
                index,
                id: peek.as_deref(),
            },
            key: Key::at(Part::Meetings, index, 0),
        };
        let id_ok = c.id(ID, Field::Id, id).is_some();
        let date = c.date(1, Field::Date, date, true);
        let title = c.owned(2, Field::Title, title, false);
        let notes = c.owned(3, Field::Notes, notes, false);
        let source = c.owned(4, Field::Source, source, false);
        let mut attendees = c
            .shaped(ATTENDEE, Field::Attendees, record.attendees, true, true)
            .unwrap_or_default();
        let count_fault = AttendeeList::count(attendees.len());
        if let Some(fault) = &count_fault {
            c.fault(ATTENDEE, Field::Attendees, fault);
            attendees = Strings::default();
        }
        if let Some(lookups) = lookups {
            for id in &attendees.items {
                lookups.push(id);
            }
        }
        let odd = std::mem::take(&mut attendees.odd);
        if !odd.is_empty() {
            self.odd.push((self.meetings.len(), odd));
        }
        self.facts.push(Facts {
            index,
            id_text: peek.is_some(),
            id_ok,
            attendees: count_fault.is_none(),
            date_ok: date.is_some(),
        });
        self.meetings.push(Meeting {
            id: peek.map(Cow::into_owned).unwrap_or_default(),
            date: date.unwrap_or_default(),
            title,
            attendees: attendees.items,
            notes,
            source,
            extra: record.extra,
        });
    }

    /// What [`Lookups::finish`] said of the attendees of the meetings
    /// closed with it.
    pub fn looked_up(&mut self, known: Vec<bool>) {
        // Were there two lists, the answers would not line up: none.
        self.looked_up = self.looked_up.is_none().then_some(known);
    }

    /// Once every person is read: ids and sources used once, and each
    /// meeting's attendees known and listed once. The meetings, when they
    /// are all usable.
    pub fn finish(self, ids: &Ids<'_>, problems: &mut Problems) -> Vec<Meeting> {
        // The two checks share nothing but what they read: with many
        // meetings, the attendees are checked on another thread.
        let (usable, unique, people) = if self.meetings.len() >= PARALLEL {
            std::thread::scope(|scope| {
                let people = scope.spawn(|| self.check_attendees(ids));
                let (usable, unique) = self.check_unique();
                let people = people
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e));
                (usable, unique, people)
            })
        } else {
            let (usable, unique) = self.check_unique();
            (usable, unique, self.check_attendees(ids))
        };
        problems.merge(unique);
        problems.merge(people);
        if usable { self.meetings } else { Vec::new() }
    }

    /// The check of meeting `at` (its position in `meetings`), reporting
    /// to `problems`.
    fn check<'p>(
        &'p self,
        at: usize,
        problems: &'p mut Problems,
    ) -> Option<(Check<'p, 'p>, Facts)> {
        let (m, facts) = (self.meetings.get(at)?, *self.facts.get(at)?);
        let check = Check {
            problems,
            name: Name::Item {
                list: "meetings",
                index: facts.index,
                id: facts.id_text.then_some(m.id.as_str()),
            },
            key: Key::at(Part::Meetings, facts.index, 0),
        };
        Some((check, facts))
    }

    /// Ids and sources used once; whether every meeting is usable.
    fn check_unique(&self) -> (bool, Problems) {
        let mut problems = Problems::default();
        let mut sources = UniqueSources::default();
        let mut usable = true;
        for (at, m) in self.meetings.iter().enumerate() {
            let Some((mut c, facts)) = self.check(at, &mut problems) else {
                continue;
            };
            if let Some(fault) = m
                .source
                .as_deref()
                .and_then(|s| sources.check(s, facts.index))
            {
                c.fault(SOURCE_TAKEN, Field::Source, &fault);
            }
            usable &= facts.id_ok && facts.date_ok;
        }
        // A meeting with too many attendees to read is not counted.
        let counted = |at: usize| {
            let (m, facts) = (self.meetings.get(at)?, self.facts.get(at)?);
            (facts.attendees && facts.id_ok).then_some((facts.index, m.id.as_str()))
        };
        for (at, fault) in ids_taken("meetings", self.meetings.len(), counted) {
            if let Some((mut c, _)) = self.check(at, &mut problems) {
                c.fault(ID_TAKEN, Field::Id, &fault);
            }
        }
        (usable, problems)
    }

    /// Each meeting's attendees known and listed once.
    fn check_attendees(&self, ids: &Ids<'_>) -> Problems {
        let count: usize = self.meetings.iter().map(|m| m.attendees.len()).sum();
        match &self.looked_up {
            Some(known) if known.len() == count => {
                self.check_attendees_known(known.iter().copied())
            }
            // Else every attendee looked up at once, in order (much faster
            // than one by one).
            _ => {
                let all = self
                    .meetings
                    .iter()
                    .flat_map(|m| m.attendees.iter().map(String::as_str));
                self.check_attendees_known(ids.get_all(all).map(|f| f.is_some()))
            }
        }
    }

    /// [`Meetings::check_attendees`], `found` saying of each attendee, in
    /// order, whether a person has it.
    fn check_attendees_known(&self, mut found: impl Iterator<Item = bool>) -> Problems {
        let mut problems = Problems::default();
        let mut list = AttendeeList::default();
        let mut odd = self.odd.iter().peekable();
        let mut known = Vec::new();
        for (at, m) in self.meetings.iter().enumerate() {
            // Each meeting takes as many answers as it has ids.
            known.clear();
            known.extend(found.by_ref().take(m.attendees.len()));
            let Some((mut c, facts)) = self.check(at, &mut problems) else {
                continue;
            };
            let odd = odd
                .next_if(|(i, _)| *i == at)
                .map_or(&[][..], |(_, odd)| odd);
            if facts.attendees {
                list.clear();
                attendees(&mut c, &mut list, &m.attendees, odd, &known);
            }
        }
        problems
    }
}

/// From how many meetings the attendees are checked on a thread of their own.
const PARALLEL: usize = 20_000;

/// Checks a meeting's attendees: each known and listed once, and at least
/// one known; `odd` are the items that are not strings, with their places,
/// and `known` says of each string whether a person has it.
fn attendees<'a>(
    c: &mut Check<'_, '_>,
    list: &mut AttendeeList<'a>,
    items: &'a [String],
    odd: &'a [(usize, &'static str)],
    known: &[bool],
) {
    let mut known = known.iter();
    for (pos, item) in in_order(items, odd) {
        // The list itself is reported at place 0, its items after it.
        let place = pos + 1;
        match item {
            Ok(a) => {
                let known = known.next().copied().unwrap_or(false);
                if let Some(fault) = list.check(a, known) {
                    c.fault_at(ATTENDEE, place, Field::Attendees, &fault);
                }
            }
            Err(kind) => c.problem_at(ATTENDEE, place, Field::Attendees, || {
                format!("expected person ids (strings), got {kind}")
            }),
        }
    }
    if let Some(fault) = list.finish() {
        c.fault_at(ATTENDEE, usize::MAX, Field::Attendees, &fault);
    }
}
