//! The rules applied to typed records: a whole partnership, or the records
//! a change touched.

use super::values::{
    AttendeeList, TiePairs, UniqueIds, UniqueSources, domain, id, length, same_ends, setting,
};
use super::{Fault, Field, Place, Problem, reporting_lines};
use crate::model::{Meeting, Names, Partnership, Person, Settings, Tie};
use std::collections::HashMap;

/// Every problem in `p`, record by record in file order, as the loader
/// finds them.
pub fn check(p: &Partnership) -> Vec<Problem> {
    let mut out = Vec::new();
    names(&p.names, &mut out);
    settings(&p.settings, &mut out);
    let ids = first_holders(p);
    let mut unique = UniqueIds::new("people");
    for (i, person) in p.people.iter().enumerate() {
        person_alone(person, i, &mut out);
        if let Some(fault) = unique.check(&person.id, i) {
            out.push(Problem::new(Place::Person(i), Field::Id, fault));
        }
    }
    for (i, fault) in reporting_lines(&p.people, &|id| ids.get(id).copied(), &|_| true) {
        // A line too long to be an id is reported as such, and only so.
        let too_long = p.people.get(i).and_then(|x| x.reports_to.as_deref());
        if too_long.and_then(|b| length(Field::ReportsTo, b)).is_none() {
            out.push(Problem::new(Place::Person(i), Field::ReportsTo, fault));
        }
    }
    let mut pairs = TiePairs::default();
    for (i, tie) in p.ties.iter().enumerate() {
        if tie_alone(tie, i, &ids, &mut out) {
            let (Some(&ia), Some(&ib)) = (ids.get(tie.a.as_str()), ids.get(tie.b.as_str())) else {
                continue;
            };
            if let Some(fault) = pairs.check((&tie.a, ia), (&tie.b, ib), i) {
                out.push(Problem::new(Place::Tie(i), Field::B, fault));
            }
        }
    }
    let mut unique = UniqueIds::new("meetings");
    let mut sources = UniqueSources::default();
    for (i, meeting) in p.meetings.iter().enumerate() {
        meeting_alone(meeting, i, &ids, &mut out);
        if let Some(fault) = unique.check(&meeting.id, i) {
            out.push(Problem::new(Place::Meeting(i), Field::Id, fault));
        }
        let source = meeting.source.as_deref();
        if let Some(fault) = source.and_then(|s| sources.check(s, i)) {
            out.push(Problem::new(Place::Meeting(i), Field::Source, fault));
        }
    }
    out
}

/// The problems of the records at `touched` in `p`, and of the records
/// that depend on them (the people reporting to a touched person).
pub fn check_records(p: &Partnership, touched: &[Place]) -> Vec<Problem> {
    let mut out = Vec::new();
    let ids = first_holders(p);
    for &place in touched {
        match place {
            Place::Names => names(&p.names, &mut out),
            Place::Settings => settings(&p.settings, &mut out),
            Place::Person(i) => {
                if let Some(person) = p.people.get(i) {
                    person_alone(person, i, &mut out);
                    let ids = p.people.iter().map(|x| &x.id);
                    if let Some(fault) = taken(ids, &person.id, i, "people") {
                        out.push(Problem::new(place, Field::Id, fault));
                    }
                }
            }
            Place::Tie(i) => tie_in(p, i, &ids, &mut out),
            Place::Meeting(i) => {
                if let Some(meeting) = p.meetings.get(i) {
                    meeting_alone(meeting, i, &ids, &mut out);
                    let ids = p.meetings.iter().map(|x| &x.id);
                    if let Some(fault) = taken(ids, &meeting.id, i, "meetings") {
                        out.push(Problem::new(place, Field::Id, fault));
                    }
                    if let Some(fault) = source_taken(p, i) {
                        out.push(Problem::new(place, Field::Source, fault));
                    }
                }
            }
        }
    }
    if touched.iter().any(|t| matches!(t, Place::Person(_))) {
        lines_of(p, touched, &ids, &mut out);
    }
    out
}

/// The rules about the tie at `i` among the others.
fn tie_in(p: &Partnership, i: usize, ids: &HashMap<&str, usize>, out: &mut Vec<Problem>) {
    let Some(tie) = p.ties.get(i) else { return };
    if !tie_alone(tie, i, ids, out) {
        return;
    }
    let other = |j: usize| j != i && p.ties.get(j).is_some_and(|t| t.joins(&tie.a, &tie.b));
    if let Some(first) = (0..p.ties.len()).find(|&j| other(j)) {
        let (a, b) = (tie.a.clone(), tie.b.clone());
        let fault = Fault::TiedTwice { a, b, first };
        out.push(Problem::new(Place::Tie(i), Field::B, fault));
    }
}

/// The broken reporting lines that involve a touched person: their own
/// line, the lines of the people reporting to them, and any loop.
fn lines_of(
    p: &Partnership,
    touched: &[Place],
    ids: &HashMap<&str, usize>,
    out: &mut Vec<Problem>,
) {
    let people: Vec<&str> = touched
        .iter()
        .filter_map(|place| match place {
            Place::Person(i) => p.people.get(*i).map(|x| x.id.as_str()),
            _ => None,
        })
        .collect();
    for (i, fault) in reporting_lines(&p.people, &|id| ids.get(id).copied(), &|_| true) {
        let involved = p.people.get(i).is_some_and(|x| {
            people.contains(&x.id.as_str())
                || x.reports_to.as_deref().is_some_and(|b| people.contains(&b))
        });
        if involved || matches!(fault, Fault::Loop(_)) {
            out.push(Problem::new(Place::Person(i), Field::ReportsTo, fault));
        }
    }
}

/// The index of another record holding `id`, as a fault.
fn taken<'a>(
    ids: impl Iterator<Item = &'a String>,
    id: &str,
    at: usize,
    list: &'static str,
) -> Option<Fault> {
    let first = ids
        .enumerate()
        .find(|&(j, other)| j != at && other == id)?
        .0;
    Some(Fault::IdTaken {
        id: id.to_string(),
        list,
        first,
    })
}

/// The index of another meeting with the `source` of meeting `at`, as a fault.
fn source_taken(p: &Partnership, at: usize) -> Option<Fault> {
    let source = p.meetings.get(at)?.source.as_deref()?;
    let first = p
        .meetings
        .iter()
        .enumerate()
        .find(|&(j, m)| j != at && m.source.as_deref() == Some(source))?
        .0;
    Some(Fault::SourceTaken {
        source: source.to_string(),
        first,
    })
}

/// Each id's first holder in `people`.
fn first_holders(p: &Partnership) -> HashMap<&str, usize> {
    let mut ids = HashMap::with_capacity(p.people.len());
    for (i, person) in p.people.iter().enumerate() {
        ids.entry(person.id.as_str()).or_insert(i);
    }
    ids
}

fn lengths(place: Place, fields: &[(Field, Option<&str>)], out: &mut Vec<Problem>) {
    for &(field, text) in fields {
        if let Some(fault) = text.and_then(|t| length(field, t)) {
            out.push(Problem::new(place, field, fault));
        }
    }
}

fn names(n: &Names, out: &mut Vec<Problem>) {
    let fields = [
        (Field::Name, Some(n.name.as_str())),
        (Field::Ours, Some(n.ours.as_str())),
        (Field::Partner, Some(n.partner.as_str())),
    ];
    lengths(Place::Names, &fields, out);
    let domains = n.domains.iter().flat_map(|d| {
        let ours = d.ours.iter().map(|x| (Field::Ours, x));
        ours.chain(d.partner.iter().map(|x| (Field::Partner, x)))
    });
    for (field, d) in domains {
        if let Some(fault) = domain(d) {
            out.push(Problem::new(Place::Names, field, fault));
        }
    }
}

fn settings(s: &Settings, out: &mut Vec<Problem>) {
    for (field, value) in [
        (Field::StaleAfterDays, s.stale_after_days),
        (Field::HalfLifeDays, s.half_life_days),
        (Field::LargeMeeting, s.large_meeting),
    ] {
        if let Err(fault) = setting(field, Some(value.into()), || value.to_string()) {
            out.push(Problem::new(Place::Settings, field, fault));
        }
    }
}

/// The rules about one person on their own: id and lengths.
fn person_alone(x: &Person, i: usize, out: &mut Vec<Problem>) {
    let place = Place::Person(i);
    let id_fault = length(Field::Id, &x.id).or_else(|| id(&x.id));
    if let Some(fault) = id_fault {
        out.push(Problem::new(place, Field::Id, fault));
    }
    let fields = [
        (Field::Name, Some(x.name.as_str())),
        (Field::Title, x.title.as_deref()),
        (Field::Team, x.team.as_deref()),
        (Field::Email, x.email.as_deref()),
        (Field::ReportsTo, x.reports_to.as_deref()),
        (Field::Notes, x.notes.as_deref()),
    ];
    lengths(place, &fields, out);
}

/// The rules about one tie but the pair's uniqueness; whether its ends are
/// two known people (so that the pair can be checked).
fn tie_alone(t: &Tie, i: usize, ids: &HashMap<&str, usize>, out: &mut Vec<Problem>) -> bool {
    let place = Place::Tie(i);
    let mut ends_ok = true;
    for (field, end) in [(Field::A, &t.a), (Field::B, &t.b)] {
        let fault = length(field, end).or_else(|| {
            (!ids.contains_key(end.as_str())).then(|| Fault::UnknownPerson(end.clone()))
        });
        if let Some(fault) = fault {
            out.push(Problem::new(place, field, fault));
            ends_ok = false;
        }
    }
    lengths(place, &[(Field::Note, t.note.as_deref())], out);
    if !ends_ok {
        return false;
    }
    match same_ends(&t.a, &t.b) {
        Some(fault) => {
            out.push(Problem::new(place, Field::B, fault));
            false
        }
        None => true,
    }
}

/// The rules about one meeting but its id's uniqueness.
fn meeting_alone(m: &Meeting, i: usize, ids: &HashMap<&str, usize>, out: &mut Vec<Problem>) {
    let place = Place::Meeting(i);
    if let Some(fault) = length(Field::Id, &m.id).or_else(|| id(&m.id)) {
        out.push(Problem::new(place, Field::Id, fault));
    }
    let fields = [
        (Field::Title, m.title.as_deref()),
        (Field::Notes, m.notes.as_deref()),
        (Field::Source, m.source.as_deref()),
    ];
    lengths(place, &fields, out);
    if let Some(fault) = AttendeeList::count(m.attendees.len()) {
        out.push(Problem::new(place, Field::Attendees, fault));
        return;
    }
    let mut list = AttendeeList::default();
    for a in &m.attendees {
        if let Some(fault) = list.check(a, ids.contains_key(a.as_str())) {
            out.push(Problem::new(place, Field::Attendees, fault));
        }
    }
    if let Some(fault) = list.finish() {
        out.push(Problem::new(place, Field::Attendees, fault));
    }
}
