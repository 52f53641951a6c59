//! The forms that change a record already in the file: `E` on a person, a
//! declared tie or a meeting, `L` (the day someone left) and `s` (their
//! stance). Each holds the record as it was when it opened and makes one
//! [`Change::Edit`] (`build::submit` calls the function for the form's
//! kind); the library checks it like any other change, and a refusal is
//! shown on the field at fault.

use super::build::{
    self, ATTENDEES, DATE, LAST_CONTACT, LEFT, NOTE, NOTES, TITLE, date_field, optional,
    people_items, picked,
};
use super::pick::PickList;
use super::{Field, Form, FormKind};
use crate::change::{Change, Edit};
use crate::model::{Meeting, Partnership, Person, Stance, Tie};
use crate::text::printable;
use jiff::civil::Date;

/// `E` on a person: the person form filled in; the id cannot change.
pub fn edit_person(p: &Partnership, x: &Person) -> Form {
    Form::new(
        FormKind::EditPerson { before: x.clone() },
        format!("Edit {} (id {})", printable(&x.name), printable(&x.id)),
        build::person_fields(p, x, false),
    )
}

/// `E` on a declared tie: its last contact and note (its two ends are
/// what it is: to tie someone else, declare another).
pub fn edit_tie(p: &Partnership, t: &Tie) -> Form {
    let name = |id: &str| printable(p.person(id).map_or(id, |x| &x.name)).into_owned();
    let last = t.last_contact.map(|d| d.to_string()).unwrap_or_default();
    Form::new(
        FormKind::EditTie { before: t.clone() },
        format!("Edit the tie {} – {}", name(&t.a), name(&t.b)),
        vec![
            Field::date(
                LAST_CONTACT,
                &last,
                "YYYY-MM-DD, today, -3d; empty: undated",
            ),
            Field::text(NOTE, t.note.as_deref().unwrap_or_default(), "optional"),
        ],
    )
}

/// `E` on a meeting: its date, title, attendees (anyone in the file, those
/// who have left too: it may be an old meeting) and notes.
pub fn edit_meeting(p: &Partnership, m: &Meeting) -> Form {
    let index = p.person_index();
    let chosen = m
        .attendees
        .iter()
        .filter_map(|a| index.get(a.as_str()).copied())
        .collect();
    let pick = PickList::new(people_items(p, |_, _| true), chosen, true);
    Form::new(
        FormKind::EditMeeting { before: m.clone() },
        format!("Edit meeting {}", printable(&m.id)),
        vec![
            Field::date(
                DATE,
                &m.date.to_string(),
                "YYYY-MM-DD, today, tomorrow, -3d or +3d",
            ),
            Field::text(TITLE, m.title.as_deref().unwrap_or_default(), "optional"),
            Field::pick(
                ATTENDEES,
                pick,
                "at least one: type to narrow, Space or Enter to choose",
            ),
            Field::text(NOTES, m.notes.as_deref().unwrap_or_default(), "optional"),
        ],
    )
}

/// `L`: the day `x` left, today unless they have a day already; emptied,
/// they have not left.
pub fn left(x: &Person) -> Form {
    let mut field = build::left_field(x.left);
    if x.left.is_none() {
        // A default not typed by the user: typing replaces it.
        field.kind = super::FieldKind::Date(tui_input::Input::new("today".into()));
        field.fresh = true;
    }
    Form::new(
        FormKind::Left { before: x.clone() },
        format!("{} has left", printable(&x.name)),
        vec![field],
    )
}

/// `s`: `x`'s stance toward the partnership.
pub fn stance(x: &Person) -> Form {
    Form::new(
        FormKind::Stance { before: x.clone() },
        format!("Stance of {}", printable(&x.name)),
        vec![build::stance_field(x.stance)],
    )
}

/// `E` on a person: `before` with the form's fields, or `None` with the
/// faulty fields marked.
pub fn person(form: &mut Form, p: &Partnership, today: Date, before: Person) -> Option<Change> {
    let mut after = build::person_from(form, p, today, before.clone())?;
    // Text the form shows trimmed is kept as it was when not changed.
    for (was, is) in [
        (&before.title, &mut after.title),
        (&before.team, &mut after.team),
        (&before.email, &mut after.email),
    ] {
        if trimmed(was) == trimmed(is) {
            is.clone_from(was);
        }
    }
    if before.name.trim() == after.name {
        after.name.clone_from(&before.name);
    }
    Some(Change::edit_person(&before, after))
}

/// `E` on a declared tie: its new last contact and note.
pub fn tie(form: &mut Form, today: Date, before: Tie) -> Option<Change> {
    let last_contact = build::last_contact(form, today)?;
    let note = kept(&before.note, optional(form, NOTE));
    let after = Tie {
        last_contact,
        note,
        ..before.clone()
    };
    Some(Change::Edit(Edit::Tie { before, after }))
}

/// `E` on a meeting: its new date, title, attendees and notes; the file's
/// rules about attendees are checked when the change is made.
pub fn meeting(form: &mut Form, p: &Partnership, today: Date, before: Meeting) -> Option<Change> {
    let date = date_field(form, DATE, today, true).ok()??;
    let attendees = picked(form, ATTENDEES)
        .iter()
        .filter_map(|&i| p.people.get(i).map(|x| x.id.clone()))
        .collect();
    let after = Meeting {
        date,
        title: kept(&before.title, optional(form, TITLE)),
        attendees,
        notes: kept(&before.notes, optional(form, NOTES)),
        ..before.clone()
    };
    Some(Change::Edit(Edit::Meeting { before, after }))
}

/// `L`: the day typed, or none (has not left).
pub fn left_on(form: &mut Form, today: Date, before: &Person) -> Option<Change> {
    let left = date_field(form, LEFT, today, false).ok()?;
    Some(Change::mark_left(before, left))
}

/// `s`: the stance chosen ("unknown" is none).
pub fn stance_of(form: &Form, before: &Person) -> Change {
    let stance = form
        .field(build::STANCE)
        .and_then(|f| Stance::parse(f.value()));
    Change::set_stance(before, stance)
}

/// Whether an edit leaves its record as it was (then nothing is saved).
pub fn unchanged(change: &Change) -> bool {
    match change {
        Change::Edit(Edit::Person { before, after }) => before == after,
        Change::Edit(Edit::Tie { before, after }) => before == after,
        Change::Edit(Edit::Meeting { before, after }) => before == after,
        _ => false,
    }
}

fn trimmed(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// The text typed, or the text as it was when only spaces around it differ.
fn kept(was: &Option<String>, typed: Option<String>) -> Option<String> {
    if trimmed(was) == typed.as_deref() {
        was.clone()
    } else {
        typed
    }
}
