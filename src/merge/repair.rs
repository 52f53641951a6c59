//! What makes a merged file load: people that records still name are
//! kept, and a record that would break a rule of the file is taken as our
//! side has it. Each such step is a conflict.

use super::{BrokenRule, Clash, Conflict, RecordKey, Unmergeable, Who};
use crate::model::Partnership;
use crate::rules::{self, Place, Problem};
use std::collections::{HashMap, HashSet};

/// How many labels a conflict keeps of the records that name a person.
const NAMED_IN: usize = 5;

/// Keeps each person deleted on one side whom a merged record (a tie, a
/// meeting, a `reports_to`) still names, as the other side has them (and
/// those their `reports_to` names in turn); whether anyone was kept.
fn keep_named_people(
    merged: &mut Partnership,
    ours: &Partnership,
    theirs: &Partnership,
    conflicts: &mut Vec<Conflict>,
) -> bool {
    let before = merged.people.len();
    loop {
        let count = merged.people.len();
        for (id, named_in) in unknown_names(merged) {
            let (person, deleted_by) = match (ours.person(&id), theirs.person(&id)) {
                (Some(p), None) => (p, Who::Theirs),
                (None, Some(p)) => (p, Who::Ours),
                // In both (then it is not missing) or in neither (the
                // rules' check says so).
                _ => continue,
            };
            merged.people.push(person.clone());
            conflicts.push(Conflict {
                record: RecordKey::Person(id),
                clash: Clash::StillNamed {
                    deleted_by,
                    named_in,
                },
            });
        }
        if merged.people.len() == count {
            return merged.people.len() > before;
        }
    }
}

/// The ids that merged records name but no merged person has, in the
/// order first named, each with up to [`NAMED_IN`] of the records naming it.
fn unknown_names(p: &Partnership) -> Vec<(String, Vec<String>)> {
    let ids: HashSet<&str> = p.people.iter().map(|x| x.id.as_str()).collect();
    let mut order: Vec<(String, Vec<String>)> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    let mut note = |id: &str, label: &dyn Fn() -> String| {
        if ids.contains(id) {
            return;
        }
        let i = *at.entry(id.to_string()).or_insert_with(|| {
            order.push((id.to_string(), Vec::new()));
            order.len() - 1
        });
        if let Some((_, named_in)) = order.get_mut(i).filter(|(_, n)| n.len() < NAMED_IN) {
            named_in.push(label());
        }
    };
    for person in &p.people {
        if let Some(boss) = &person.reports_to {
            note(boss, &|| format!("reports_to of {}", person.id));
        }
    }
    for tie in &p.ties {
        for end in [&tie.a, &tie.b] {
            note(end, &|| format!("tie {}–{}", tie.a, tie.b));
        }
    }
    for meeting in &p.meetings {
        for attendee in &meeting.attendees {
            note(attendee, &|| format!("meeting {}", meeting.id));
        }
    }
    order
}

/// At most this many rounds of keeping people or taking our records.
const ROUNDS: usize = 4;

/// Makes `merged` load: when a rule of the file breaks, keeps the people
/// its records name, else takes our side's version of each record that
/// breaks a rule (a `reports_to` loop made of two sides' edits, a
/// `source` two meetings share), until none does; refuses when that is
/// not enough. A merge that breaks nothing costs one check.
pub(super) fn settle(
    merged: &mut Partnership,
    ours: &Partnership,
    theirs: &Partnership,
    conflicts: &mut Vec<Conflict>,
) -> Result<(), Unmergeable> {
    for _ in 0..ROUNDS {
        let problems = rules::check(merged);
        if problems.is_empty() {
            return Ok(());
        }
        if keep_named_people(merged, ours, theirs, conflicts) {
            continue;
        }
        let mut changed = false;
        let mut done = HashSet::new();
        for problem in &problems {
            if !done.insert(problem.place) {
                continue;
            }
            for record in take_ours(merged, ours, problem.place) {
                changed = true;
                conflicts.push(broken(record, problem));
            }
        }
        if !changed {
            return Err(unmergeable(merged, &problems));
        }
    }
    let problems = rules::check(merged);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(unmergeable(merged, &problems))
    }
}

fn unmergeable(merged: &Partnership, problems: &[Problem]) -> Unmergeable {
    let problems = problems
        .iter()
        .map(|problem| BrokenRule {
            record: key_at(merged, problem.place),
            field: problem.field.as_str().to_string(),
            problem: problem.message(),
        })
        .collect();
    Unmergeable { problems }
}

/// The key of the record at `place`.
fn key_at(p: &Partnership, place: Place) -> RecordKey {
    let missing = || RecordKey::Partnership;
    match place {
        Place::Names => RecordKey::Partnership,
        Place::Settings => RecordKey::Settings,
        Place::Person(i) => p
            .people
            .get(i)
            .map_or_else(missing, |x| RecordKey::Person(x.id.clone())),
        Place::Tie(i) => p
            .ties
            .get(i)
            .map_or_else(missing, |t| RecordKey::Tie(t.a.clone(), t.b.clone())),
        Place::Meeting(i) => p
            .meetings
            .get(i)
            .map_or_else(missing, |m| RecordKey::Meeting(m.id.clone())),
    }
}

fn broken(record: RecordKey, problem: &Problem) -> Conflict {
    Conflict {
        record,
        clash: Clash::Broken {
            field: problem.field.as_str().to_string(),
            problem: problem.message(),
        },
    }
}

/// Puts our version of the record at `place` in `merged` (for a person,
/// also of everyone up their reporting line, where a loop or a change of
/// side made on the other side shows); the keys of the records changed.
fn take_ours(merged: &mut Partnership, ours: &Partnership, place: Place) -> Vec<RecordKey> {
    fn swap<T: Clone + PartialEq>(slot: &mut T, ours: Option<&T>) -> bool {
        match ours {
            Some(o) if o != slot => {
                *slot = o.clone();
                true
            }
            _ => false,
        }
    }
    let key = |changed: bool, key: RecordKey| if changed { vec![key] } else { vec![] };
    match place {
        Place::Names => key(
            swap(&mut merged.names, Some(&ours.names)),
            RecordKey::Partnership,
        ),
        Place::Settings => key(
            swap(&mut merged.settings, Some(&ours.settings)),
            RecordKey::Settings,
        ),
        Place::Person(i) => {
            let mut changed = Vec::new();
            for at in reporting_line(merged, i) {
                let Some(slot) = merged.people.get_mut(at) else {
                    continue;
                };
                if swap(slot, ours.person(&slot.id)) {
                    changed.push(RecordKey::Person(slot.id.clone()));
                }
            }
            changed
        }
        Place::Tie(i) => match merged.ties.get_mut(i) {
            Some(slot) => {
                let k = RecordKey::Tie(slot.a.clone(), slot.b.clone());
                let mine = ours.ties.iter().find(|t| t.joins(&slot.a, &slot.b));
                key(swap(slot, mine), k)
            }
            None => vec![],
        },
        Place::Meeting(i) => match merged.meetings.get_mut(i) {
            Some(slot) => {
                let k = RecordKey::Meeting(slot.id.clone());
                let mine = ours.meetings.iter().find(|m| m.id == slot.id);
                key(swap(slot, mine), k)
            }
            None => vec![],
        },
    }
}

/// The person at `start` and everyone up their reporting line, each once.
fn reporting_line(p: &Partnership, start: usize) -> Vec<usize> {
    let index = p.person_index();
    let mut line = vec![start];
    let mut seen: HashSet<usize> = HashSet::from([start]);
    let mut at = start;
    while let Some(next) = p
        .people
        .get(at)
        .and_then(|x| x.reports_to.as_deref())
        .and_then(|boss| index.get(boss).copied())
    {
        if !seen.insert(next) {
            break;
        }
        line.push(next);
        at = next;
    }
    line
}
