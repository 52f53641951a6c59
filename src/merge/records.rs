//! Each kind of record merged field by field, in the order the file writes
//! its fields; `base` is `None` for a record both sides added.

use super::fields::{Fields, differing, set_merge};
use super::{Conflict, RecordKey};
use crate::model::{Extra, Meeting, Names, Partnership, Person, Settings, Tie};

/// The partnership's names and the file's unknown top-level fields.
pub(super) fn names(
    base: &Partnership,
    ours: &Partnership,
    theirs: &Partnership,
    conflicts: &mut Vec<Conflict>,
) -> (Names, Extra) {
    let mut f = Fields::new(RecordKey::Partnership, conflicts);
    let (b, o, t) = (&base.names, &ours.names, &theirs.names);
    let names = Names {
        name: f.pick("name", Some(&b.name), &o.name, &t.name),
        ours: f.pick("ours", Some(&b.ours), &o.ours, &t.ours),
        partner: f.pick("partner", Some(&b.partner), &o.partner, &t.partner),
        domains: f.pick("domains", Some(&b.domains), &o.domains, &t.domains),
        extra: f.extra(Some(&b.extra), &o.extra, &t.extra),
    };
    let extra = f.extra(Some(&base.extra), &ours.extra, &theirs.extra);
    (names, extra)
}

pub(super) fn settings(
    base: &Partnership,
    ours: &Partnership,
    theirs: &Partnership,
    conflicts: &mut Vec<Conflict>,
) -> Settings {
    let mut f = Fields::new(RecordKey::Settings, conflicts);
    let (b, o, t) = (&base.settings, &ours.settings, &theirs.settings);
    Settings {
        stale_after_days: f.pick(
            "stale_after_days",
            Some(&b.stale_after_days),
            &o.stale_after_days,
            &t.stale_after_days,
        ),
        half_life_days: f.pick(
            "half_life_days",
            Some(&b.half_life_days),
            &o.half_life_days,
            &t.half_life_days,
        ),
        large_meeting: f.pick(
            "large_meeting",
            Some(&b.large_meeting),
            &o.large_meeting,
            &t.large_meeting,
        ),
        extra: f.extra(Some(&b.extra), &o.extra, &t.extra),
    }
}

pub(super) fn person(
    b: Option<&Person>,
    o: &Person,
    t: &Person,
    conflicts: &mut Vec<Conflict>,
) -> Person {
    let mut f = Fields::new(RecordKey::Person(o.id.clone()), conflicts);
    Person {
        id: o.id.clone(),
        name: f.pick("name", b.map(|b| &b.name), &o.name, &t.name),
        side: f.pick("side", b.map(|b| &b.side), &o.side, &t.side),
        title: f.pick("title", b.map(|b| &b.title), &o.title, &t.title),
        level: f.pick("level", b.map(|b| &b.level), &o.level, &t.level),
        team: f.pick("team", b.map(|b| &b.team), &o.team, &t.team),
        email: f.pick("email", b.map(|b| &b.email), &o.email, &t.email),
        key: f.pick("key", b.map(|b| &b.key), &o.key, &t.key),
        stance: f.pick("stance", b.map(|b| &b.stance), &o.stance, &t.stance),
        left: f.pick("left", b.map(|b| &b.left), &o.left, &t.left),
        reports_to: f.pick(
            "reports_to",
            b.map(|b| &b.reports_to),
            &o.reports_to,
            &t.reports_to,
        ),
        notes: f.pick("notes", b.map(|b| &b.notes), &o.notes, &t.notes),
        extra: f.extra(b.map(|b| &b.extra), &o.extra, &t.extra),
    }
}

/// The fields in which two versions of a person differ.
pub(super) fn person_changes(a: &Person, b: &Person) -> Vec<String> {
    differing(&[
        ("name", a.name == b.name),
        ("side", a.side == b.side),
        ("title", a.title == b.title),
        ("level", a.level == b.level),
        ("team", a.team == b.team),
        ("email", a.email == b.email),
        ("key", a.key == b.key),
        ("stance", a.stance == b.stance),
        ("left", a.left == b.left),
        ("reports_to", a.reports_to == b.reports_to),
        ("notes", a.notes == b.notes),
        ("unknown fields", a.extra == b.extra),
    ])
}

/// A tie keeps our orientation (`a`–`b` and `b`–`a` are the same pair).
pub(super) fn tie(b: Option<&Tie>, o: &Tie, t: &Tie, conflicts: &mut Vec<Conflict>) -> Tie {
    let mut f = Fields::new(RecordKey::Tie(o.a.clone(), o.b.clone()), conflicts);
    Tie {
        a: o.a.clone(),
        b: o.b.clone(),
        last_contact: f.pick(
            "last_contact",
            b.map(|b| &b.last_contact),
            &o.last_contact,
            &t.last_contact,
        ),
        note: f.pick("note", b.map(|b| &b.note), &o.note, &t.note),
        extra: f.extra(b.map(|b| &b.extra), &o.extra, &t.extra),
    }
}

pub(super) fn tie_changes(a: &Tie, b: &Tie) -> Vec<String> {
    differing(&[
        ("last_contact", a.last_contact == b.last_contact),
        ("note", a.note == b.note),
        ("unknown fields", a.extra == b.extra),
    ])
}

/// A meeting keeps our id: two sides that added the same meeting (the
/// same `source`) under two ids have one meeting, with ours. Its
/// attendees are merged as a set (one side took out a person it deleted,
/// the other added someone): both are done.
pub(super) fn meeting(
    b: Option<&Meeting>,
    o: &Meeting,
    t: &Meeting,
    conflicts: &mut Vec<Conflict>,
) -> Meeting {
    let mut f = Fields::new(RecordKey::Meeting(o.id.clone()), conflicts);
    Meeting {
        id: o.id.clone(),
        date: f.pick("date", b.map(|b| &b.date), &o.date, &t.date),
        title: f.pick("title", b.map(|b| &b.title), &o.title, &t.title),
        attendees: match b {
            Some(b) => set_merge(&b.attendees, &o.attendees, &t.attendees),
            None => f.pick("attendees", None, &o.attendees, &t.attendees),
        },
        notes: f.pick("notes", b.map(|b| &b.notes), &o.notes, &t.notes),
        source: f.pick("source", b.map(|b| &b.source), &o.source, &t.source),
        extra: f.extra(b.map(|b| &b.extra), &o.extra, &t.extra),
    }
}

pub(super) fn meeting_changes(a: &Meeting, b: &Meeting) -> Vec<String> {
    differing(&[
        ("date", a.date == b.date),
        ("title", a.title == b.title),
        ("attendees", a.attendees == b.attendees),
        ("notes", a.notes == b.notes),
        ("source", a.source == b.source),
        ("unknown fields", a.extra == b.extra),
    ])
}
