//! The lists of records matched across the three versions (people by id,
//! ties by pair, meetings by id and `source`) and merged one record at a
//! time. The merged list has our records in our order, then the records
//! only theirs has, in their order (their order throughout when ours is
//! the base's).

use super::records;
use super::{Clash, Conflict, RecordKey, Renumbered, Who};
use crate::model::{Meeting, Partnership, Person, Tie};
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// One record as each version has it.
struct Triple<'a, T> {
    base: Option<&'a T>,
    ours: Option<&'a T>,
    theirs: Option<&'a T>,
}

/// The records of the three versions matched by key (`keys` gives the key
/// of each record of a list), in our order then theirs that ours lacks —
/// or, when our list is the base's (same records, same order), in their
/// order, so that a side that changed nothing takes the other's list as it
/// is. A record gone from both sides is in none.
///
/// The three lists mostly agree, record for record, up to the first change
/// (records are added at the end): that common start is matched by
/// position, and only the rest through hash maps.
fn triples<'a, T, K: Hash + Eq>(
    base: &'a [T],
    ours: &'a [T],
    theirs: &'a [T],
    keys: [Vec<K>; 3],
) -> Vec<Triple<'a, T>> {
    let [kb, ko, kt] = keys;
    let same = kb
        .iter()
        .zip(&ko)
        .zip(&kt)
        .take_while(|((b, o), t)| b == o && o == t)
        .count();
    let mut out: Vec<Triple<'a, T>> = Vec::with_capacity(ko.len().max(kt.len()));
    out.extend(
        base.iter()
            .zip(ours)
            .zip(theirs)
            .take(same)
            .map(|((b, o), t)| Triple {
                base: Some(b),
                ours: Some(o),
                theirs: Some(t),
            }),
    );
    fn rest<'k, 'r, K: Hash + Eq, T>(
        keys: &'k [K],
        records: &'r [T],
        skip: usize,
    ) -> HashMap<&'k K, &'r T> {
        keys.iter().zip(records).skip(skip).collect()
    }
    let (b, o, t) = (
        rest(&kb, base, same),
        rest(&ko, ours, same),
        rest(&kt, theirs, same),
    );
    let (first, then) = if ko == kb { (&kt, &ko) } else { (&ko, &kt) };
    let mut seen: HashSet<&K> = HashSet::with_capacity(first.len() - same);
    out.extend(
        first
            .iter()
            .skip(same)
            .chain(then.iter().skip(same))
            .filter(|k| seen.insert(k))
            .map(|k| Triple {
                base: b.get(k).copied(),
                ours: o.get(k).copied(),
                theirs: t.get(k).copied(),
            }),
    );
    out
}

/// How one kind of record is merged: its fields, the names of the fields
/// two versions differ in, and its key in a conflict.
struct Kind<T> {
    fields: fn(Option<&T>, &T, &T, &mut Vec<Conflict>) -> T,
    changes: fn(&T, &T) -> Vec<String>,
    key: fn(&T) -> RecordKey,
}

/// Merges matched records. A record deleted on one side is deleted when
/// the other side left it as it was; when the other side changed it, it
/// is kept as changed and the conflict is noted.
fn merge_all<T: Clone + PartialEq>(
    all: Vec<Triple<'_, T>>,
    kind: &Kind<T>,
    conflicts: &mut Vec<Conflict>,
) -> Vec<T> {
    let mut out = Vec::with_capacity(all.len());
    for Triple { base, ours, theirs } in all {
        let merged = match (ours, theirs) {
            (Some(o), Some(t)) if o == t || base == Some(t) => o.clone(),
            (Some(o), Some(t)) if base == Some(o) => t.clone(),
            (Some(o), Some(t)) => (kind.fields)(base, o, t, conflicts),
            (Some(kept), None) | (None, Some(kept)) => match base {
                None => kept.clone(),
                Some(b) if b == kept => continue,
                Some(b) => {
                    let deleted_by = if ours.is_none() {
                        Who::Ours
                    } else {
                        Who::Theirs
                    };
                    conflicts.push(Conflict {
                        record: (kind.key)(kept),
                        clash: Clash::DeletedChanged {
                            deleted_by,
                            changed: (kind.changes)(b, kept),
                        },
                    });
                    kept.clone()
                }
            },
            (None, None) => continue,
        };
        out.push(merged);
    }
    out
}

pub(super) fn people(
    base: &Partnership,
    ours: &Partnership,
    theirs: &Partnership,
    conflicts: &mut Vec<Conflict>,
) -> Vec<Person> {
    fn keys(p: &Partnership) -> Vec<&str> {
        p.people.iter().map(|x| x.id.as_str()).collect()
    }
    let all = triples(
        &base.people,
        &ours.people,
        &theirs.people,
        [keys(base), keys(ours), keys(theirs)],
    );
    let kind = Kind {
        fields: records::person,
        changes: records::person_changes,
        key: |p: &Person| RecordKey::Person(p.id.clone()),
    };
    merge_all(all, &kind, conflicts)
}

/// A tie's pair, whichever way round it is written.
fn pair(t: &Tie) -> (&str, &str) {
    if t.a <= t.b {
        (&t.a, &t.b)
    } else {
        (&t.b, &t.a)
    }
}

pub(super) fn ties(
    base: &Partnership,
    ours: &Partnership,
    theirs: &Partnership,
    conflicts: &mut Vec<Conflict>,
) -> Vec<Tie> {
    fn keys(p: &Partnership) -> Vec<(&str, &str)> {
        p.ties.iter().map(pair).collect()
    }
    let all = triples(
        &base.ties,
        &ours.ties,
        &theirs.ties,
        [keys(base), keys(ours), keys(theirs)],
    );
    let kind = Kind {
        fields: records::tie,
        changes: records::tie_changes,
        key: |t: &Tie| RecordKey::Tie(t.a.clone(), t.b.clone()),
    };
    merge_all(all, &kind, conflicts)
}

/// What makes two meetings of two versions the same meeting.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum MeetingKey<'a> {
    /// A meeting the base has: its id.
    Base(&'a str),
    /// A new meeting with a `source`: the same event, whatever its id.
    Source(&'a str),
    /// A new meeting without one: its id, shared only by an identical
    /// meeting of the other side.
    New(&'a str),
    /// A new meeting of theirs whose id ours took for another meeting.
    Theirs(usize),
}

/// The keys of the meetings of `p`; `same_new` says whether a new meeting
/// without a source is the one the other side has under its id.
fn meeting_keys<'a>(
    p: &'a Partnership,
    in_base: &HashSet<&str>,
    same_new: &dyn Fn(&Meeting) -> bool,
) -> Vec<MeetingKey<'a>> {
    p.meetings
        .iter()
        .enumerate()
        .map(|(i, m)| match &m.source {
            _ if in_base.contains(m.id.as_str()) => MeetingKey::Base(&m.id),
            Some(source) => MeetingKey::Source(source),
            None if same_new(m) => MeetingKey::New(&m.id),
            None => MeetingKey::Theirs(i),
        })
        .collect()
}

/// The merged meetings, and theirs renumbered because ours took their id.
pub(super) fn meetings(
    base: &Partnership,
    ours: &Partnership,
    theirs: &Partnership,
    conflicts: &mut Vec<Conflict>,
) -> (Vec<Meeting>, Vec<Renumbered>) {
    let in_base: HashSet<&str> = base.meetings.iter().map(|m| m.id.as_str()).collect();
    // Only new meetings are matched this way: ours are few.
    let ours_new: HashMap<&str, &Meeting> = ours
        .meetings
        .iter()
        .filter(|m| !in_base.contains(m.id.as_str()))
        .map(|m| (m.id.as_str(), m))
        .collect();
    let keys = [
        meeting_keys(base, &in_base, &|_| true),
        meeting_keys(ours, &in_base, &|_| true),
        meeting_keys(theirs, &in_base, &|m| {
            ours_new.get(m.id.as_str()).is_some_and(|o| *o == m)
        }),
    ];
    let all = triples(&base.meetings, &ours.meetings, &theirs.meetings, keys);
    let kind = Kind {
        fields: records::meeting,
        changes: records::meeting_changes,
        key: |m: &Meeting| RecordKey::Meeting(m.id.clone()),
    };
    let mut merged = merge_all(all, &kind, conflicts);
    // Each side took out a different person (each deleted): none is left,
    // and a meeting with no attendee goes, as either side's delete does.
    merged.retain(|m| !m.attendees.is_empty());
    let renumbered = renumber(&mut merged);
    (merged, renumbered)
}

/// Gives each meeting whose id an earlier one holds the next free id
/// (`m-0037` after the highest `m-` number of all): the later of two
/// meetings both sides added under one id, theirs.
fn renumber(meetings: &mut [Meeting]) -> Vec<Renumbered> {
    let highest = meetings
        .iter()
        .filter_map(|m| m.id.strip_prefix("m-")?.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    let mut next = highest.saturating_add(1);
    let mut taken: HashSet<String> = HashSet::with_capacity(meetings.len());
    let mut out = Vec::new();
    for m in meetings.iter_mut() {
        if taken.contains(&m.id) {
            // Above every number in use, so free.
            let now = format!("m-{next:04}");
            next = next.saturating_add(1);
            out.push(Renumbered {
                was: std::mem::replace(&mut m.id, now.clone()),
                now,
            });
        }
        taken.insert(m.id.clone());
    }
    out
}
