//! The three forms — log a meeting, add a person, declare a tie — and how
//! each turns its fields into a [`Change`]. The checks themselves live in
//! the library (`edit`, `change`); a refusal is shown on the field at fault.
//! The forms that edit a record are in `records.rs`, and share the person
//! form's fields and the date fields with these.

use super::pick::PickList;
use super::{Field, FieldKind, Form, FormKind, records};
use crate::change::Change;
use crate::date::parse_relative;
use crate::edit::{EditError, NewMeeting, suggest_person_id, unnumbered_meeting};
use crate::model::{Level, Partnership, Person, Side, Stance, Tie};
use crate::rules::Field as RuleField;
use jiff::civil::Date;

pub const DATE: &str = "Date";
pub const TITLE: &str = "Title";
pub const ATTENDEES: &str = "Attendees";
pub const NOTES: &str = "Notes";
pub const NAME: &str = "Name";
pub const ID: &str = "Id";
pub const SIDE: &str = "Side";
pub const TEAM: &str = "Team";
pub const LEVEL: &str = "Level";
pub const KEY: &str = "Key person";
pub const EMAIL: &str = "Email";
pub const REPORTS_TO: &str = "Reports to";
pub const WITH: &str = "With";
pub const LAST_CONTACT: &str = "Last contact";
pub const NOTE: &str = "Note";
pub const STANCE: &str = "Stance";
pub const LEFT: &str = "Left on";

const LEVELS: [&str; 4] = ["staff", "manager", "senior", "executive"];
const SIDES: [&str; 2] = ["ours", "partner"];
const YES_NO: [&str; 2] = ["no", "yes"];

/// Every person as a pick-list item: "Li Wei · CFO · Contoso".
pub(super) fn people_items(
    p: &Partnership,
    keep: impl Fn(usize, &Person) -> bool,
) -> Vec<(usize, String)> {
    p.people
        .iter()
        .enumerate()
        .filter(|(i, x)| keep(*i, x))
        .map(|(i, x)| {
            let org = p.names.of(x.side);
            let mut text = x.name.clone();
            if let Some(title) = x.title() {
                text.push_str(" · ");
                text.push_str(title);
            }
            text.push_str(" · ");
            text.push_str(org);
            (i, crate::text::printable(&text).into_owned())
        })
        .collect()
}

/// The meeting form, with `selected` among the attendees.
pub fn meeting(p: &Partnership, as_of: Date, selected: &[usize]) -> Form {
    let active = |_: usize, x: &Person| x.is_active_on(as_of);
    let pick = PickList::new(people_items(p, active), selected.to_vec(), true);
    Form::new(
        FormKind::Meeting,
        "Log a meeting",
        vec![
            today_field(DATE, "YYYY-MM-DD, today, tomorrow, -3d or +3d"),
            Field::text(TITLE, "", "optional"),
            Field::pick(
                ATTENDEES,
                pick,
                "two or more: type to narrow, Space or Enter to choose",
            ),
            Field::text(NOTES, "", "optional"),
        ],
    )
}

/// A date field holding "today", shown dim: typing replaces it.
fn today_field(label: &'static str, placeholder: &'static str) -> Field {
    Field {
        fresh: true,
        ..Field::date(label, "today", placeholder)
    }
}

/// The add-person form, on `side`.
pub fn person(p: &Partnership, side: Side) -> Form {
    Form::new(
        FormKind::Person { id_typed: false },
        "Add a person",
        person_fields(p, &Person::new("", "", side), true),
    )
}

/// The person form's fields, filled in from `x`; the id field only when
/// adding (an id never changes once written).
pub(super) fn person_fields(p: &Partnership, x: &Person, with_id: bool) -> Vec<Field> {
    let others = |_: usize, y: &Person| y.id != x.id || with_id;
    let boss = x
        .reports_to
        .as_deref()
        .and_then(|b| p.people.iter().position(|y| y.id == b));
    let pick = PickList::new(people_items(p, others), boss.into_iter().collect(), false);
    let at = |options: &[&str], value: &str| options.iter().position(|o| *o == value).unwrap_or(0);
    let mut fields = vec![Field::text(NAME, &x.name, "required")];
    if with_id {
        fields.push(Field::text(ID, &x.id, "from the name"));
    }
    fields.extend([
        Field::choice(SIDE, SIDES.to_vec(), at(&SIDES, x.side.as_str())),
        Field::text(TITLE, x.title.as_deref().unwrap_or_default(), "optional"),
        Field::text(TEAM, x.team.as_deref().unwrap_or_default(), "optional"),
        Field::choice(LEVEL, LEVELS.to_vec(), at(&LEVELS, x.level.as_str())),
        Field::choice(KEY, YES_NO.to_vec(), usize::from(x.key)),
        stance_field(x.stance),
        Field::text(EMAIL, x.email.as_deref().unwrap_or_default(), "optional"),
        Field::pick(REPORTS_TO, pick, "optional; Space or Enter to choose"),
        left_field(x.left),
    ]);
    fields
}

/// A choice of stance, `stance` chosen: "unknown" (none) first, then the
/// stances from champion to blocker.
pub(super) fn stance_field(stance: Option<Stance>) -> Field {
    let options: Vec<&'static str> = std::iter::once(None)
        .chain(Stance::ALL.map(Some))
        .map(crate::words::stance)
        .collect();
    let at = stance.map_or(0, |s| {
        options.iter().position(|o| *o == s.as_str()).unwrap_or(0)
    });
    Field::choice(STANCE, options, at)
}

/// The day someone left, or empty when they have not.
pub(super) fn left_field(left: Option<Date>) -> Field {
    let value = left.map(|d| d.to_string()).unwrap_or_default();
    Field::date(
        LEFT,
        &value,
        "empty: has not left; or YYYY-MM-DD, today, -3d",
    )
}

/// The declare-a-tie form from `from`.
pub fn tie(p: &Partnership, from: usize) -> Form {
    let others = |i: usize, _: &Person| i != from;
    let pick = PickList::new(people_items(p, others), Vec::new(), false);
    let name = p.people.get(from).map_or("", |x| x.name.as_str());
    Form::new(
        FormKind::Tie { from },
        format!("Declare a tie from {}", crate::text::printable(name)),
        vec![
            Field::pick(WITH, pick, "type to narrow, Space or Enter to choose"),
            today_field(LAST_CONTACT, "YYYY-MM-DD, today, -3d; empty: undated"),
            Field::text(NOTE, "", "optional"),
        ],
    )
}

/// The question to ask before adding `person` when someone on the same
/// side already has that name (once case, width and invisible characters
/// are set aside); `None` when nobody does.
pub fn namesake_question(p: &Partnership, person: &Person) -> Option<String> {
    let folded = crate::lookalike::fold(&person.name);
    let other = p
        .people
        .iter()
        .find(|x| x.side == person.side && crate::lookalike::fold(&x.name) == folded)?;
    Some(format!(
        "There is already a {} on {}'s side: save anyway? y/n",
        crate::text::printable(&other.name),
        crate::text::printable(p.names.of(person.side))
    ))
}

/// Keeps a person's id derived from their name until the id is typed.
pub fn name_changed(form: &mut Form, p: &Partnership) {
    if form.kind != (FormKind::Person { id_typed: false }) {
        return;
    }
    let name = form.field(NAME).map(|f| f.value().to_string());
    if let (Some(name), Some(field)) = (name, form.field_mut(ID)) {
        let id = if name.trim().is_empty() {
            String::new()
        } else {
            suggest_person_id(p, &name)
        };
        field.kind = FieldKind::Text(tui_input::Input::new(id));
    }
}

pub(super) fn picked(form: &Form, label: &str) -> Vec<usize> {
    match form.field(label).map(|f| &f.kind) {
        Some(FieldKind::Pick(pick)) => pick.chosen.clone(),
        _ => Vec::new(),
    }
}

pub(super) fn optional(form: &Form, label: &str) -> Option<String> {
    let value = form.field(label)?.value().trim();
    (!value.is_empty()).then(|| value.to_string())
}

pub(super) fn date_field(
    form: &mut Form,
    label: &str,
    today: Date,
    required: bool,
) -> Result<Option<Date>, ()> {
    let text = form
        .field(label)
        .map(|f| f.value().trim().to_string())
        .unwrap_or_default();
    if text.is_empty() {
        if required {
            form.mark(label, "a date is required".into());
            return Err(());
        }
        return Ok(None);
    }
    match parse_relative(&text, today) {
        Ok(date) => Ok(Some(date)),
        Err(e) => {
            form.mark(label, e.to_string());
            Err(())
        }
    }
}

/// The person the person form describes, `base` with the fields set
/// (an edit keeps what the form does not show: notes, unknown fields);
/// `None` with the faulty fields marked.
pub(super) fn person_from(
    form: &mut Form,
    p: &Partnership,
    today: Date,
    base: Person,
) -> Option<Person> {
    let name = form
        .field(NAME)
        .map(|f| f.value().trim().to_string())
        .unwrap_or_default();
    if name.is_empty() {
        form.mark(NAME, "a name is required".into());
        return None;
    }
    let left = date_field(form, LEFT, today, false).ok()?;
    let mut person = Person { name, left, ..base };
    person.side = match form.field(SIDE).map(Field::value) {
        Some("partner") => Side::Partner,
        _ => Side::Ours,
    };
    person.title = optional(form, TITLE);
    person.team = optional(form, TEAM);
    person.email = optional(form, EMAIL);
    person.level = form
        .field(LEVEL)
        .and_then(|f| Level::parse(f.value()))
        .unwrap_or_default();
    person.key = form.field(KEY).map(Field::value) == Some("yes");
    person.stance = form.field(STANCE).and_then(|f| Stance::parse(f.value()));
    let boss = picked(form, REPORTS_TO)
        .first()
        .and_then(|&i| p.people.get(i));
    person.reports_to = boss.map(|b| b.id.clone());
    Some(person)
}

/// The last contact of a declared tie: a day that has passed, or none.
pub(super) fn last_contact(form: &mut Form, today: Date) -> Option<Option<Date>> {
    let last_contact = date_field(form, LAST_CONTACT, today, false).ok()?;
    if last_contact.is_some_and(|d| d > today) {
        // The file would read it as undated until that day (SPEC §3).
        form.mark(
            LAST_CONTACT,
            "a last contact is a day that has passed; log a planned meeting with m".into(),
        );
        return None;
    }
    Some(last_contact)
}

/// The change the form describes, or `None` with the faulty fields marked.
pub fn submit(form: &mut Form, p: &Partnership, today: Date) -> Option<Change> {
    form.clear_errors();
    let ids = |people: &[usize]| -> Vec<String> {
        people
            .iter()
            .filter_map(|&i| p.people.get(i).map(|x| x.id.clone()))
            .collect()
    };
    match form.kind.clone() {
        FormKind::Meeting => {
            let date = date_field(form, DATE, today, true).ok()?;
            let new = NewMeeting {
                date,
                title: form
                    .field(TITLE)
                    .map(|f| f.value().to_string())
                    .unwrap_or_default(),
                attendees: ids(&picked(form, ATTENDEES)),
                notes: form
                    .field(NOTES)
                    .map(|f| f.value().to_string())
                    .unwrap_or_default(),
            };
            // Numbered when made (on a big file, off this thread).
            match unnumbered_meeting(p, new) {
                Ok(meeting) => Some(Change::AddMeeting(meeting)),
                Err(e) => {
                    refused(form, &e);
                    None
                }
            }
        }
        FormKind::Person { .. } => {
            let name = form.field(NAME).map(|f| f.value().trim().to_string());
            let id = match (optional(form, ID), name) {
                (Some(id), _) => id,
                (None, Some(name)) if !name.is_empty() => suggest_person_id(p, &name),
                (None, _) => String::new(),
            };
            let base = Person::new(id, "", Side::Ours);
            person_from(form, p, today, base).map(Change::AddPerson)
        }
        FormKind::Tie { from } => {
            let with = ids(&picked(form, WITH));
            let Some(other) = with.into_iter().next() else {
                form.mark(WITH, "choose the other person (Space or Enter)".into());
                return None;
            };
            let last_contact = last_contact(form, today)?;
            let mut tie = Tie::new(ids(&[from]).into_iter().next().unwrap_or_default(), other);
            tie.last_contact = last_contact;
            tie.note = optional(form, NOTE);
            Some(Change::AddTie(tie))
        }
        FormKind::EditPerson { before } => records::person(form, p, today, before),
        FormKind::EditTie { before } => records::tie(form, today, before),
        FormKind::EditMeeting { before } => records::meeting(form, p, today, before),
        FormKind::Left { before } => records::left_on(form, today, &before),
        FormKind::Stance { before } => Some(records::stance_of(form, &before)),
        // A new partnership is a new file, not a change: `start.rs` saves it.
        FormKind::Start { .. } => None,
    }
}

/// Shows a refusal from the library on the field it names.
pub fn refused(form: &mut Form, e: &EditError) {
    let label = match (&form.kind, e.field) {
        (_, RuleField::Date) => DATE,
        (_, RuleField::Attendees) => ATTENDEES,
        (FormKind::Person { .. }, RuleField::Id) => ID,
        (_, RuleField::Name) => NAME,
        (_, RuleField::ReportsTo) => REPORTS_TO,
        (FormKind::Tie { .. }, _) => WITH,
        (FormKind::Meeting, _) => ATTENDEES,
        (_, field) => match label_of(field).filter(|l| form.field(l).is_some()) {
            Some(label) => label,
            // The record as a whole (changed meanwhile): the first field.
            None => form.fields.first().map_or(NAME, |f| f.label),
        },
    };
    form.mark(label, e.message.clone());
}

/// The field of a form that shows a field of a record.
fn label_of(field: RuleField) -> Option<&'static str> {
    Some(match field {
        RuleField::Title => TITLE,
        RuleField::Team => TEAM,
        RuleField::Email => EMAIL,
        RuleField::Side => SIDE,
        RuleField::Level => LEVEL,
        RuleField::Stance => STANCE,
        RuleField::Left => LEFT,
        RuleField::Notes => NOTES,
        RuleField::Note => NOTE,
        RuleField::LastContact => LAST_CONTACT,
        _ => return None,
    })
}
