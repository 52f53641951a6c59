//! Calendar events into meetings (SPEC §11): cancelled events, declined
//! guests, rooms and events after the as-of date are left out; the
//! organiser and the guests are matched like contacts; an unknown guest
//! whose domain is a side's becomes a new person; an event with no one
//! from the partner, or that ties nobody, is skipped. An event imported
//! before is found by its `source`: unchanged it adds nothing, changed it
//! is left as it is and needs a look.

use super::book::Book;
use super::contact::{name_from_email, natural_order};
use super::ics::{Event, Guest};
use super::side::side_of_email;
use super::summary::{Added, Look, MeetingAdded, Skip, Summary, Unit};
use crate::model::{MAX_ATTENDEES, Meeting, Names, Partnership, Person, Side};
use crate::rules::{self, Field};
use jiff::civil::Date;
use std::collections::{BTreeSet, HashMap, HashSet};

/// Someone at an event: a person of the book, or a guest to add.
enum Attendee<'e> {
    Known(usize),
    New(&'e Guest, Side),
}

/// Turns events into meetings.
pub struct Calendar<'a> {
    pub book: &'a mut Book,
    pub names: &'a Names,
    pub as_of: Date,
    pub summary: &'a mut Summary,
    /// The meetings in the file, by source.
    sources: HashMap<&'a str, &'a Meeting>,
    /// The sources this import has taken.
    seen: HashSet<String>,
    unknown: BTreeSet<String>,
    /// Declined guests and rooms counted, by file, event and place in the
    /// event: an event that repeats counts each once.
    counted: HashSet<(usize, usize, usize)>,
    next_id: u64,
    taken_ids: HashSet<&'a str>,
    pub meetings: Vec<Meeting>,
}

impl<'a> Calendar<'a> {
    pub fn new(
        p: &'a Partnership,
        book: &'a mut Book,
        names: &'a Names,
        as_of: Date,
        summary: &'a mut Summary,
    ) -> Calendar<'a> {
        let sources = p
            .meetings
            .iter()
            .filter_map(|m| m.source.as_deref().map(|s| (s, m)))
            .collect();
        let highest = p
            .meetings
            .iter()
            .filter_map(|m| m.id.strip_prefix("m-")?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        Calendar {
            book,
            names,
            as_of,
            summary,
            sources,
            seen: HashSet::new(),
            unknown: BTreeSet::new(),
            counted: HashSet::new(),
            next_id: highest + 1,
            taken_ids: p.meetings.iter().map(|m| m.id.as_str()).collect(),
            meetings: Vec::new(),
        }
    }

    /// Takes one event: a meeting, or counted or skipped.
    pub fn take(&mut self, event: &Event) {
        let origin = event.origin;
        let skip = |summary: &mut Summary, skip: Skip| summary.skipped.push((origin, skip));
        if let Some(problem) = &event.problem {
            let title = event.title.clone();
            return skip(
                self.summary,
                Skip::Unusable {
                    title,
                    problem: problem.clone(),
                },
            );
        }
        if event.cancelled {
            self.summary.cancelled += 1;
            if let Some(m) = self.sources.get(event.source.as_str()) {
                let look = Look::EventCancelled {
                    meeting: m.id.clone(),
                };
                self.summary.look.push((origin, look));
            }
            return;
        }
        if event.date > self.as_of {
            self.summary.planned += 1;
            return;
        }
        if !self.seen.insert(event.source.clone()) {
            self.summary.already += 1;
            return;
        }
        if let Some(title) = &event.title
            && rules::length(Field::Title, title).is_some()
        {
            let name = title.chars().take(100).collect();
            return skip(
                self.summary,
                Skip::TooLong {
                    name,
                    field: "title",
                },
            );
        }
        let attendees = self.attendees(event);
        let title = event.title.clone();
        let partner = attendees
            .iter()
            .any(|a| self.side(a) == Some(Side::Partner));
        if !partner {
            return skip(self.summary, Skip::NoPartner { title });
        }
        let active = attendees
            .iter()
            .filter(|a| self.active(a, event.date))
            .count();
        if active < 2 || attendees.len() > MAX_ATTENDEES {
            let known = attendees.len();
            return skip(self.summary, Skip::TooFew { title, known });
        }
        if let Some(m) = self.sources.get(event.source.as_str()) {
            self.compare(m, event, &attendees);
            return;
        }
        self.add(event, attendees);
    }

    /// The people at `event`, each once: the organiser, then the guests
    /// who did not decline and are no room. Unknown guests are counted.
    fn attendees<'e>(&mut self, event: &'e Event) -> Vec<Attendee<'e>> {
        let mut out: Vec<Attendee<'e>> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        let number = match event.origin.unit {
            Unit::Event(n, _) => n,
            _ => 0,
        };
        let declined = |key: &str| event.guests.iter().any(|g| g.declined && g.key == key);
        for (at, guest) in event.organizer.iter().chain(&event.guests).enumerate() {
            if guest.resource || guest.declined {
                let first = self.counted.insert((event.origin.file, number, at));
                let count = if guest.resource {
                    &mut self.summary.rooms
                } else {
                    &mut self.summary.declined
                };
                *count += usize::from(first);
                continue;
            }
            if declined(&guest.key) || seen.contains(&guest.key.as_str()) {
                continue;
            }
            seen.push(&guest.key);
            let side = side_of_email(&guest.key, self.names);
            let found = self
                .book
                .by_lower_email(&guest.key)
                .or_else(|| side.and_then(|side| self.book.by_name(side, &guest_name(guest))));
            match found {
                Some(i) => {
                    if !out
                        .iter()
                        .any(|a| matches!(a, Attendee::Known(j) if *j == i))
                    {
                        out.push(Attendee::Known(i));
                    }
                }
                None => match side {
                    Some(side) => out.push(Attendee::New(guest, side)),
                    None => {
                        self.unknown.insert(guest.key.clone());
                    }
                },
            }
        }
        out
    }

    fn side(&self, a: &Attendee<'_>) -> Option<Side> {
        match a {
            Attendee::Known(i) => self.book.person(*i).map(|p| p.side),
            Attendee::New(_, side) => Some(*side),
        }
    }

    fn active(&self, a: &Attendee<'_>, day: Date) -> bool {
        match a {
            Attendee::Known(i) => self.book.person(*i).is_some_and(|p| p.is_active_on(day)),
            Attendee::New(..) => true,
        }
    }

    /// An event imported before: unchanged, it adds nothing; changed, it
    /// is left as it is and needs a look.
    fn compare(&mut self, m: &Meeting, event: &Event, attendees: &[Attendee<'_>]) {
        let now: BTreeSet<Option<&str>> = attendees
            .iter()
            .map(|a| match a {
                Attendee::Known(i) => self.book.person(*i).map(|p| p.id.as_str()),
                Attendee::New(..) => None,
            })
            .collect();
        let was: BTreeSet<Option<&str>> = m.attendees.iter().map(|a| Some(a.as_str())).collect();
        if m.date == event.date && now == was {
            self.summary.already += 1;
            return;
        }
        let look = Look::EventChanged {
            meeting: m.id.clone(),
            title: event.title.clone(),
            was: m.date,
            now: event.date,
            people_changed: now != was,
        };
        self.summary.look.push((event.origin, look));
    }

    /// Adds the meeting, and the new people it needs first.
    fn add(&mut self, event: &Event, attendees: Vec<Attendee<'_>>) {
        let mut ids = Vec::with_capacity(attendees.len());
        for a in attendees {
            let i = match a {
                Attendee::Known(i) => i,
                Attendee::New(guest, side) => self.add_guest(guest, side, event),
            };
            if let Some(p) = self.book.person(i) {
                ids.push(p.id.clone());
            }
        }
        let id = self.next_meeting_id();
        self.summary.meetings.push(MeetingAdded {
            id: id.clone(),
            date: event.date,
            title: event.title.clone(),
            attendees: ids.len(),
            origin: event.origin,
        });
        self.meetings.push(Meeting {
            id,
            date: event.date,
            title: event.title.clone(),
            attendees: ids,
            notes: None,
            source: Some(event.source.clone()),
            extra: Default::default(),
        });
    }

    /// A guest no one knows, whose domain is `side`'s, as a new person.
    fn add_guest(&mut self, guest: &Guest, side: Side, event: &Event) -> usize {
        let name: String = guest_name(guest)
            .chars()
            .take(crate::model::MAX_TEXT_CHARS)
            .collect();
        let mut person = Person::new("", name, side);
        person.email =
            Some(guest.email.clone()).filter(|e| rules::length(Field::Email, e).is_none());
        let i = self.book.add(person);
        if let Some(p) = self.book.person(i) {
            self.summary.added.push(Added {
                id: p.id.clone(),
                name: p.name.clone(),
                side,
                origin: event.origin,
                guessed: None,
                attendee: true,
            });
        }
        i
    }

    fn next_meeting_id(&mut self) -> String {
        loop {
            let id = format!("m-{:04}", self.next_id);
            self.next_id += 1;
            if !self.taken_ids.contains(id.as_str()) {
                return id;
            }
        }
    }

    /// The attendees left out as unknown, each once.
    pub fn finish(self) -> Vec<Meeting> {
        self.summary.unknown_attendees = self.unknown.into_iter().collect();
        self.meetings
    }
}

/// A guest's name: `CN` ("Wei, Li" is Li Wei), else from the address.
fn guest_name(guest: &Guest) -> String {
    match guest.name.as_deref().map(str::trim) {
        Some(cn) if !cn.is_empty() && !cn.contains('@') => natural_order(cn),
        _ => name_from_email(&guest.email),
    }
}
