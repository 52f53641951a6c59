//! What a change to a record did, and what a delete would take along, in
//! words: the status line after an edit, a departure, a stance or a delete
//! (and after their undo), and the question asked before a delete.

use super::plural;
use crate::change::{Change, Counts, Deletion, Edit, Record};
use crate::model::{Meeting, Partnership, Person, Stance, Tie};
use crate::text::join_names;

/// What `change` did, in a few words starting in lower case: "marked Ana
/// Ruiz as left on 2026-11-30". Names are looked up in `p`.
pub fn done(p: &Partnership, change: &Change) -> String {
    match change {
        Change::Edit(e) => edited(p, e),
        Change::Delete(d) => deleted(p, d),
        Change::Restore(d) => format!("put back {}", record(p, &d.record)),
        Change::Batch(changes) => changes
            .iter()
            .map(|c| done(p, c))
            .collect::<Vec<_>>()
            .join("; "),
        Change::AddMeeting(_) | Change::AddPerson(_) | Change::AddTie(_) => change.describe(p),
    }
}

/// A stance as said: "champion", or "unknown" when there is none.
pub fn stance(stance: Option<Stance>) -> &'static str {
    stance.map_or("unknown", Stance::as_str)
}

/// The question before deleting: what goes, and what goes with it.
pub fn delete_question(p: &Partnership, d: &Deletion) -> String {
    match &d.record {
        Record::Person(x) => {
            let along = along(d.cascade.counts());
            let with = if along.is_empty() {
                "Nothing else goes with them.".to_string()
            } else {
                format!("With them go {}.", join_names(&along))
            };
            format!(
                "Delete {} ({})? {with} Someone who has left is better marked with L: they stay on record.",
                x.name,
                p.names.of(x.side)
            )
        }
        Record::Tie(t) => format!(
            "Delete the declared tie {}? Meetings they shared stay, and still tie them.",
            ends(p, t)
        ),
        Record::Meeting(m) => format!(
            "Delete {} with {}? Nothing else goes with it.",
            meeting(m),
            plural(m.attendees.len(), "attendee", "attendees")
        ),
    }
}

/// What a person's delete takes along, each as a phrase.
fn along(c: Counts) -> Vec<String> {
    let mut out = Vec::new();
    match c.ties {
        0 => {}
        1 => out.push("their declared tie".to_string()),
        n => out.push(format!("their {n} declared ties")),
    }
    if c.meetings > 0 {
        let mut place = format!(
            "their place in {}",
            plural(c.meetings, "meeting", "meetings")
        );
        if c.emptied > 0 {
            place.push_str(&format!(
                " ({} with nobody else, deleted too)",
                plural(c.emptied, "meeting", "meetings")
            ));
        }
        out.push(place);
    }
    if c.reports > 0 {
        out.push(plural(
            c.reports,
            "reporting line to them",
            "reporting lines to them",
        ));
    }
    out
}

fn deleted(p: &Partnership, d: &Deletion) -> String {
    let what = record(p, &d.record);
    let along = along(d.cascade.counts());
    if along.is_empty() {
        format!("deleted {what}")
    } else {
        format!("deleted {what} with {}", join_names(&along))
    }
}

/// A record by name: a person's name, "the tie A – B", "meeting m-0001 on
/// 2026-11-03".
fn record(p: &Partnership, r: &Record) -> String {
    match r {
        Record::Person(x) => x.name.clone(),
        Record::Tie(t) => format!("the tie {}", ends(p, t)),
        Record::Meeting(m) => meeting(m),
    }
}

fn meeting(m: &Meeting) -> String {
    match m.title.as_deref().filter(|t| !t.trim().is_empty()) {
        Some(title) => format!("meeting {} on {} ({title})", m.id, m.date),
        None => format!("meeting {} on {}", m.id, m.date),
    }
}

/// "Ana Ruiz – Li Wei", by id when someone is not in `p`.
fn ends(p: &Partnership, t: &Tie) -> String {
    let name = |id: &str| p.person(id).map_or(id, |x| x.name.as_str()).to_string();
    format!("{} – {}", name(&t.a), name(&t.b))
}

fn edited(p: &Partnership, e: &Edit) -> String {
    match e {
        Edit::Person { before, after } => edited_person(before, after),
        Edit::Tie { before, after } => {
            let fields = changed(&[
                ("last contact", before.last_contact != after.last_contact),
                ("note", before.note != after.note),
            ]);
            with_fields(&fields, &format!("the tie {}", ends(p, after)))
        }
        Edit::Meeting { before, after } => {
            let fields = changed(&[
                ("date", before.date != after.date),
                ("title", before.title != after.title),
                ("attendees", before.attendees != after.attendees),
                ("notes", before.notes != after.notes),
            ]);
            with_fields(&fields, &meeting(after))
        }
        Edit::Names { .. } => "edited the partnership's names".to_string(),
        Edit::Settings { .. } => "edited the settings".to_string(),
    }
}

/// A departure or a stance said as such; any other edit with the fields
/// it changed.
fn edited_person(before: &Person, after: &Person) -> String {
    let fields = changed(&[
        ("name", before.name != after.name),
        ("side", before.side != after.side),
        ("title", before.title != after.title),
        ("level", before.level != after.level),
        ("team", before.team != after.team),
        ("e-mail", before.email != after.email),
        ("key person", before.key != after.key),
        ("stance", before.stance != after.stance),
        ("left date", before.left != after.left),
        ("reporting line", before.reports_to != after.reports_to),
        ("notes", before.notes != after.notes),
    ]);
    let name = &after.name;
    match (fields.as_slice(), after.left) {
        (["left date"], Some(day)) => format!("marked {name} as left on {day}"),
        (["left date"], None) => format!("{name} is no longer marked as left"),
        (["stance"], _) => format!("set {name}'s stance to {}", stance(after.stance)),
        _ => with_fields(&fields, name),
    }
}

fn changed(fields: &[(&'static str, bool)]) -> Vec<&'static str> {
    fields
        .iter()
        .filter(|(_, changed)| *changed)
        .map(|(name, _)| *name)
        .collect()
}

/// "edited the title and team of Ana Ruiz"; "edited Ana Ruiz" when no
/// field changed.
fn with_fields(fields: &[&str], record: &str) -> String {
    if fields.is_empty() {
        format!("edited {record}")
    } else {
        format!("edited the {} of {record}", join_names(fields))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::model::{Side, Tie};
    use jiff::civil::date;

    fn sample() -> Partnership {
        let mut p = Partnership::default();
        p.names.ours = "Acme".into();
        p.names.partner = "Globex".into();
        p.people.push(Person::new("ana", "Ana Ruiz", Side::Ours));
        p.people.push(Person::new("li", "Li Wei", Side::Partner));
        let mut bo = Person::new("bo", "Bo Lund", Side::Ours);
        bo.reports_to = Some("ana".into());
        p.people.push(bo);
        p.ties.push(Tie::new("ana", "li"));
        for (id, who) in [("m-0001", vec!["ana", "li"]), ("m-0002", vec!["ana"])] {
            p.meetings.push(Meeting {
                id: id.into(),
                date: date(2026, 11, 3),
                title: None,
                attendees: who.into_iter().map(String::from).collect(),
                notes: None,
                source: None,
                extra: Default::default(),
            });
        }
        p
    }

    #[test]
    fn a_departure_and_a_stance_are_said_as_such() {
        let p = sample();
        let ana = &p.people[0];
        let left = Change::mark_left(ana, Some(date(2026, 11, 30)));
        assert_eq!(done(&p, &left), "marked Ana Ruiz as left on 2026-11-30");
        let Change::Edit(e) = &left else { panic!() };
        let back = Change::Edit(e.reversed());
        assert_eq!(done(&p, &back), "Ana Ruiz is no longer marked as left");
        let stance = Change::set_stance(ana, Some(Stance::Champion));
        assert_eq!(done(&p, &stance), "set Ana Ruiz's stance to champion");
        let unknown = Change::set_stance(&p.people[1], None);
        assert_eq!(done(&p, &unknown), "edited Li Wei");
        let mut after = ana.clone();
        after.title = Some("CEO".into());
        after.team = Some("Board".into());
        let edit = Change::edit_person(ana, after);
        assert_eq!(done(&p, &edit), "edited the title and team of Ana Ruiz");
    }

    #[test]
    fn a_delete_says_what_goes_with_it() {
        let p = sample();
        let ana = Change::delete(&p, Record::Person(p.people[0].clone())).unwrap();
        let Change::Delete(d) = &ana else { panic!() };
        assert_eq!(
            delete_question(&p, d),
            "Delete Ana Ruiz (Acme)? With them go their declared tie, their place in 2 meetings \
             (1 meeting with nobody else, deleted too) and 1 reporting line to them. \
             Someone who has left is better marked with L: they stay on record."
        );
        assert_eq!(
            done(&p, &ana),
            "deleted Ana Ruiz with their declared tie, their place in 2 meetings \
             (1 meeting with nobody else, deleted too) and 1 reporting line to them"
        );
        let li = Change::delete(&p, Record::Person(p.people[2].clone())).unwrap();
        let Change::Delete(d) = &li else { panic!() };
        assert!(delete_question(&p, d).contains("Nothing else goes with them."));
        let tie = Change::delete(&p, Record::Tie(p.ties[0].clone())).unwrap();
        let Change::Delete(d) = &tie else { panic!() };
        assert_eq!(
            delete_question(&p, d),
            "Delete the declared tie Ana Ruiz – Li Wei? Meetings they shared stay, and still tie them."
        );
        let m = Change::delete(&p, Record::Meeting(p.meetings[0].clone())).unwrap();
        let Change::Delete(d) = &m else { panic!() };
        assert_eq!(
            delete_question(&p, d),
            "Delete meeting m-0001 on 2026-11-03 with 2 attendees? Nothing else goes with it."
        );
        assert_eq!(
            done(&p, &m.inverse()),
            "put back meeting m-0001 on 2026-11-03"
        );
    }
}
