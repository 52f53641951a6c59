//! Contacts into people (SPEC §11): each contact is matched to a person
//! or added on its side; a match fills only empty fields; managers named
//! in the files become `reports_to` once everyone is known.

use super::book::Book;
use super::contact::{Contact, ManagerRef};
use super::level;
use super::side::side_of;
use super::summary::{Added, Look, Matched, Origin, Skip, Summary};
use crate::model::{Names, Person, Side};
use crate::rules::{self, Field};
use std::collections::HashMap;

/// A manager named for the person at `person`, to resolve at the end.
struct Named {
    person: usize,
    manager: ManagerRef,
    origin: Origin,
    /// The summary's entry for the contact, when it was a match.
    matched: Option<usize>,
}

/// The most passes over the contacts (each fills an empty field or adds
/// someone, so a few are enough).
const MAX_PASSES: usize = 10;

/// What became of a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// On no side, and no one's address or name on a side.
    Unplaced,
    /// Added as this new person.
    Added(usize),
    /// The same person as this one.
    Matched(usize),
}

/// Takes contacts into the book, noting in the summary what happened to each.
pub struct Intake<'a> {
    pub book: &'a mut Book,
    pub names: &'a Names,
    pub side: Option<Side>,
    pub summary: &'a mut Summary,
    named: Vec<Named>,
    /// Org-chart ids, by file and id, to the person of that row.
    rows: HashMap<(usize, String), usize>,
}

impl<'a> Intake<'a> {
    pub fn new(
        book: &'a mut Book,
        names: &'a Names,
        side: Option<Side>,
        summary: &'a mut Summary,
    ) -> Intake<'a> {
        Intake {
            book,
            names,
            side,
            summary,
            named: Vec::new(),
            rows: HashMap::new(),
        }
    }

    /// Takes the contacts: each matched, added or skipped. A contact can
    /// make another matchable (an address it fills in or adds), so the
    /// contacts are taken again until a pass changes nothing: importing
    /// the same files again then finds everything as it is.
    pub fn take_all(&mut self, contacts: Vec<Contact>) {
        let mut usable = Vec::with_capacity(contacts.len());
        for contact in contacts {
            let origin = contact.origin;
            if contact.name.trim().is_empty() {
                self.summary.skipped.push((origin, Skip::NoName));
            } else if let Some(field) = too_long(&contact) {
                let name = contact.name.chars().take(100).collect();
                let skip = Skip::TooLong { name, field };
                self.summary.skipped.push((origin, skip));
            } else {
                usable.push(contact);
            }
        }
        let mut fates = vec![Fate::Unplaced; usable.len()];
        let mut filled: Vec<Vec<&'static str>> = vec![Vec::new(); usable.len()];
        for _ in 0..MAX_PASSES {
            let mut changed = false;
            for (k, contact) in usable.iter().enumerate() {
                let (Some(fate), Some(fills)) = (fates.get_mut(k), filled.get_mut(k)) else {
                    continue;
                };
                changed |= self.place(contact, fate, fills);
            }
            if !changed {
                break;
            }
        }
        for ((contact, fate), fills) in usable.into_iter().zip(fates).zip(filled) {
            self.report(contact, fate, fills);
        }
    }

    /// Matches or adds one contact; returns whether anything changed.
    fn place(&mut self, contact: &Contact, fate: &mut Fate, fills: &mut Vec<&'static str>) -> bool {
        let side = side_of(
            self.side,
            &contact.emails,
            contact.company.as_deref(),
            self.names,
        );
        match self.book.find(&contact.emails, side, &contact.name) {
            Some(i) => {
                let new = self.fill_in(i, contact);
                let changed = !new.is_empty();
                fills.extend(new);
                if !matches!(fate, Fate::Added(_)) {
                    *fate = Fate::Matched(i);
                }
                changed
            }
            None => match side {
                Some(side) => {
                    *fate = Fate::Added(self.add(contact, side));
                    true
                }
                None => false,
            },
        }
    }

    /// What became of a contact, in the summary; its manager and org-chart
    /// id noted for [`Intake::managers`].
    fn report(&mut self, contact: Contact, fate: Fate, mut fills: Vec<&'static str>) {
        let origin = contact.origin;
        let (person, matched) = match fate {
            Fate::Unplaced => {
                let skip = Skip::NoSide {
                    name: contact.name,
                    company: contact.company,
                };
                self.summary.skipped.push((origin, skip));
                return;
            }
            Fate::Added(i) => {
                self.report_added(i, &contact);
                (i, None)
            }
            Fate::Matched(i) => {
                if !self.book.existing(i) {
                    // A second contact for someone this import adds.
                    fills.clear();
                }
                (i, Some(self.report_matched(i, &contact, fills)))
            }
        };
        if let Some(id) = contact.row_id {
            self.rows.entry((origin.file, id)).or_insert(person);
        }
        if let Some(manager) = contact.manager {
            self.named.push(Named {
                person,
                manager,
                origin,
                matched,
            });
        }
    }

    /// Fills the empty fields of the person at `i`; returns their names.
    fn fill_in(&mut self, i: usize, contact: &Contact) -> Vec<&'static str> {
        let mut filled = Vec::new();
        if let Some(person) = self.book.person_mut(i) {
            fill(
                &mut person.title,
                contact.title.as_deref(),
                "title",
                &mut filled,
            );
            fill(
                &mut person.team,
                contact.team.as_deref(),
                "team",
                &mut filled,
            );
            let email = contact.emails.first().map(String::as_str);
            fill(&mut person.email, email, "email", &mut filled);
        }
        if filled.contains(&"email") {
            self.book.noted_email(i);
        }
        filled
    }

    /// Notes a match in the summary; returns its entry.
    fn report_matched(&mut self, i: usize, contact: &Contact, filled: Vec<&'static str>) -> usize {
        let person = self.book.person(i);
        if let (Some(forced), Some(person)) = (self.side, person)
            && person.side != forced
        {
            let look = Look::OtherSide {
                name: person.name.clone(),
                side: person.side,
            };
            self.summary.look.push((contact.origin, look));
        }
        self.summary.matched.push(Matched {
            id: person.map(|x| x.id.clone()).unwrap_or_default(),
            name: person.map(|x| x.name.clone()).unwrap_or_default(),
            origin: contact.origin,
            filled,
        });
        self.summary.matched.len() - 1
    }

    /// Adds a new person for `contact` on `side`, the level guessed from
    /// the title.
    fn add(&mut self, contact: &Contact, side: Side) -> usize {
        let mut person = Person::new("", contact.name.trim(), side);
        person.title = contact.title.clone();
        person.team = contact.team.clone();
        person.email = contact.emails.first().cloned();
        if let Some(title) = &person.title {
            person.level = level::from_title(title).unwrap_or_default();
        }
        self.book.add(person)
    }

    /// Notes in the summary the person added for `contact`.
    fn report_added(&mut self, i: usize, contact: &Contact) {
        if let Some(person) = self.book.person(i) {
            let guessed = contact.title.as_ref().map(|t| (t.clone(), person.level));
            self.summary.added.push(Added {
                id: person.id.clone(),
                name: person.name.clone(),
                side: person.side,
                origin: contact.origin,
                guessed,
                attendee: false,
            });
        }
    }

    /// Makes the managers named in the files `reports_to` where it is
    /// empty and the manager is someone on the same side; a line that
    /// would loop is left out. Each that cannot be used needs a look.
    pub fn managers(&mut self) {
        for named in std::mem::take(&mut self.named) {
            let Some(person) = self.book.person(named.person).cloned() else {
                continue;
            };
            if person.reports_to.is_some() {
                continue;
            }
            let boss = match &named.manager {
                ManagerRef::Name(name) => self.book.by_name(person.side, name),
                ManagerRef::Email(email) => self.book.by_email(email),
                ManagerRef::RowId(id) => self.rows.get(&(named.origin.file, id.clone())).copied(),
            }
            .filter(|&b| self.book.person(b).is_some_and(|b| b.side == person.side));
            let manager = match &named.manager {
                ManagerRef::Name(x) | ManagerRef::Email(x) | ManagerRef::RowId(x) => x.clone(),
            };
            let name = person.name.clone();
            let Some(boss) = boss.filter(|&b| b != named.person) else {
                let look = Look::ManagerUnknown { name, manager };
                self.summary.look.push((named.origin, look));
                continue;
            };
            if self.would_loop(named.person, boss) {
                let look = Look::ManagerLoop { name, manager };
                self.summary.look.push((named.origin, look));
                continue;
            }
            let boss_id = self.book.person(boss).map(|b| b.id.clone());
            if let Some(person) = self.book.person_mut(named.person) {
                person.reports_to = boss_id;
            }
            let in_file = self.book.existing(named.person);
            let entry = named
                .matched
                .filter(|_| in_file)
                .and_then(|m| self.summary.matched.get_mut(m));
            if let Some(entry) = entry {
                entry.filled.push(Field::ReportsTo.as_str());
            }
        }
    }

    /// Whether `person` reporting to `boss` would close a loop.
    fn would_loop(&self, person: usize, boss: usize) -> bool {
        let mut at = Some(boss);
        let mut steps = 0;
        while let Some(i) = at {
            if i == person || steps > self.book.drafts.len() {
                return true;
            }
            steps += 1;
            at = self
                .book
                .person(i)
                .and_then(|x| x.reports_to.as_deref())
                .and_then(|id| self.book.by_id(id));
        }
        false
    }
}

/// Sets an empty `slot` to `value`, noting `field` in `filled`.
fn fill(
    slot: &mut Option<String>,
    value: Option<&str>,
    field: &'static str,
    filled: &mut Vec<&'static str>,
) {
    let empty = slot.as_deref().is_none_or(|s| s.trim().is_empty());
    if let Some(value) = value.filter(|_| empty) {
        *slot = Some(value.to_string());
        filled.push(field);
    }
}

/// The first field of `contact` longer than the file allows, by name.
fn too_long(contact: &Contact) -> Option<&'static str> {
    let fields = [
        (Field::Name, Some(contact.name.as_str())),
        (Field::Title, contact.title.as_deref()),
        (Field::Team, contact.team.as_deref()),
        (Field::Email, contact.emails.first().map(String::as_str)),
    ];
    fields
        .into_iter()
        .find(|(field, text)| text.is_some_and(|t| rules::length(*field, t).is_some()))
        .map(|(field, _)| field.as_str())
}
