//! The people an import works on: everyone in the file and everyone it
//! adds, found by e-mail (in any case) or by name on a side (case and
//! spacing ignored), as SPEC §11 matches contacts.

use super::ids::new_id;
use crate::change::{Change, Edit};
use crate::model::{Partnership, Person, Side};
use std::collections::{HashMap, HashSet};
use unicode_normalization::UnicodeNormalization;

/// A person as the import leaves them.
#[derive(Debug, Clone)]
pub struct Draft {
    pub person: Person,
    /// Whether the person is in the file (else the import adds them).
    pub existing: bool,
    /// The person as the file holds them, kept once the import changes them.
    before: Option<Person>,
}

/// Everyone, with the indexes that find them.
#[derive(Debug)]
pub struct Book {
    pub drafts: Vec<Draft>,
    by_email: HashMap<String, usize>,
    by_name: HashMap<(Side, String), usize>,
    by_id: HashMap<String, usize>,
    taken: HashSet<String>,
}

/// A name as compared: case and spacing ignored.
pub fn name_key(name: &str) -> String {
    name.nfc()
        .collect::<String>()
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Book {
    /// The people of `p`.
    pub fn new(p: &Partnership) -> Book {
        let mut book = Book {
            drafts: Vec::with_capacity(p.people.len()),
            by_email: HashMap::with_capacity(p.people.len()),
            by_name: HashMap::with_capacity(p.people.len()),
            by_id: HashMap::with_capacity(p.people.len()),
            taken: HashSet::with_capacity(p.people.len()),
        };
        for person in &p.people {
            book.push(Draft {
                person: person.clone(),
                existing: true,
                before: None,
            });
        }
        book
    }

    fn push(&mut self, draft: Draft) -> usize {
        let i = self.drafts.len();
        let person = &draft.person;
        self.taken.insert(person.id.clone());
        self.by_id.entry(person.id.clone()).or_insert(i);
        self.index_email(person.email.as_deref(), i);
        self.by_name
            .entry((person.side, name_key(&person.name)))
            .or_insert(i);
        self.drafts.push(draft);
        i
    }

    fn index_email(&mut self, email: Option<&str>, i: usize) {
        if let Some(email) = email.map(str::trim).filter(|e| !e.is_empty()) {
            self.by_email.entry(email.to_lowercase()).or_insert(i);
        }
    }

    /// The person with one of `emails`, else the one named `name` on
    /// `side` (when the side is known).
    pub fn find(&self, emails: &[String], side: Option<Side>, name: &str) -> Option<usize> {
        emails
            .iter()
            .find_map(|e| self.by_email.get(&e.to_lowercase()).copied())
            .or_else(|| side.and_then(|s| self.by_name(s, name)))
    }

    /// The person named `name` on `side`.
    pub fn by_name(&self, side: Side, name: &str) -> Option<usize> {
        self.by_name.get(&(side, name_key(name))).copied()
    }

    /// The person with the e-mail address `email`.
    pub fn by_email(&self, email: &str) -> Option<usize> {
        self.by_email.get(&email.to_lowercase()).copied()
    }

    /// The person with the e-mail address `key`, already in lower case.
    pub fn by_lower_email(&self, key: &str) -> Option<usize> {
        self.by_email.get(key).copied()
    }

    /// The person with the id `id`.
    pub fn by_id(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Adds `person` with a new id made from the name; returns its place.
    pub fn add(&mut self, mut person: Person) -> usize {
        person.id = new_id(&person.name, &mut self.taken);
        self.push(Draft {
            person,
            existing: false,
            before: None,
        })
    }

    /// Notes a new e-mail address of the person at `i` (just filled).
    pub fn noted_email(&mut self, i: usize) {
        let email = self.drafts.get(i).and_then(|d| d.person.email.clone());
        self.index_email(email.as_deref(), i);
    }

    /// The person at `i`.
    pub fn person(&self, i: usize) -> Option<&Person> {
        self.drafts.get(i).map(|d| &d.person)
    }

    /// The person at `i`, to change (as they were is kept for the edit).
    pub fn person_mut(&mut self, i: usize) -> Option<&mut Person> {
        let draft = self.drafts.get_mut(i)?;
        if draft.existing && draft.before.is_none() {
            draft.before = Some(draft.person.clone());
        }
        Some(&mut draft.person)
    }

    /// Whether the person at `i` is in the file.
    pub fn existing(&self, i: usize) -> bool {
        self.drafts.get(i).is_some_and(|d| d.existing)
    }

    /// The changes that make the drafts: the new people (each after the
    /// new person they report to), then the edits of people in the file.
    pub fn changes(&self) -> Vec<Change> {
        let mut out = Vec::new();
        let mut placed = vec![false; self.drafts.len()];
        for i in 0..self.drafts.len() {
            self.place(i, &mut placed, &mut out, 0);
        }
        for draft in &self.drafts {
            if let Some(before) = &draft.before
                && before != &draft.person
            {
                out.push(Change::Edit(Edit::Person {
                    before: before.clone(),
                    after: draft.person.clone(),
                }));
            }
        }
        out
    }

    /// Adds the new person at `i` after the new person they report to.
    /// Chains never loop (the import refuses a line that would), and the
    /// depth bound keeps a mistake from recursing without end.
    fn place(&self, i: usize, placed: &mut [bool], out: &mut Vec<Change>, depth: usize) {
        let Some(draft) = self.drafts.get(i) else {
            return;
        };
        if draft.existing || placed.get(i).copied().unwrap_or(true) {
            return;
        }
        if let Some(slot) = placed.get_mut(i) {
            *slot = true;
        }
        if depth < self.drafts.len()
            && let Some(boss) = draft
                .person
                .reports_to
                .as_deref()
                .and_then(|b| self.by_id(b))
        {
            self.place(boss, placed, out, depth + 1);
        }
        out.push(Change::AddPerson(draft.person.clone()));
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn people_are_found_by_email_in_any_case_else_by_name_on_a_side() {
        let mut p = Partnership::default();
        let mut li = Person::new("li", "Li  Wei", Side::Partner);
        li.email = Some("Li@Contoso.example".into());
        p.people.push(li);
        p.people.push(Person::new("ana", "Ana Ruiz", Side::Ours));
        let book = Book::new(&p);
        let mail = |e: &str| vec![e.to_string()];
        assert_eq!(book.find(&mail("li@CONTOSO.example"), None, "x"), Some(0));
        assert_eq!(book.find(&[], Some(Side::Partner), " li wei "), Some(0));
        assert_eq!(book.find(&[], Some(Side::Ours), "Li Wei"), None);
        assert_eq!(book.find(&[], None, "Ana Ruiz"), None);
        assert_eq!(
            book.find(&mail("x@y.example"), Some(Side::Ours), "ANA RUIZ"),
            Some(1)
        );
    }

    #[test]
    fn new_people_come_after_the_new_people_they_report_to() {
        let p = Partnership::default();
        let mut book = Book::new(&p);
        let a = book.add(Person::new("", "Amy Ng", Side::Partner));
        let b = book.add(Person::new("", "Bo Li", Side::Partner));
        let boss = book.drafts[b].person.id.clone();
        book.person_mut(a).unwrap().reports_to = Some(boss);
        let ids: Vec<String> = book
            .changes()
            .into_iter()
            .filter_map(|c| match c {
                Change::AddPerson(x) => Some(x.id),
                _ => None,
            })
            .collect();
        assert_eq!(ids, ["bo-li", "amy-ng"]);
    }
}
