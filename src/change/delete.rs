//! Deleting a record, and putting it back exactly. Deleting a person takes
//! along their declared ties, their places in meetings (a meeting left with
//! no attendee goes too) and the `reports_to` that named them (SPEC §7);
//! the [`Deletion`] keeps all of it with its positions, so that undoing it
//! restores the partnership as it was.

use crate::edit::EditError;
use crate::model::{Meeting, Partnership, Person, Tie};
use crate::rules::{Field, Place};

/// The refusal of a change whose record is not in the file as it was.
pub(super) fn gone(field: Field, label: &str) -> EditError {
    EditError::new(
        field,
        format!("the {field} {label} is no longer in the file as it was"),
    )
}

/// A record of a partnership.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Person(Person),
    Tie(Tie),
    Meeting(Meeting),
}

impl Record {
    /// The field that stands for the record as a whole.
    pub fn field(&self) -> Field {
        match self {
            Record::Person(_) => Field::Person,
            Record::Tie(_) => Field::Tie,
            Record::Meeting(_) => Field::Meeting,
        }
    }

    /// How a refusal names it: an id, or a tie's two ends.
    pub fn label(&self) -> String {
        match self {
            Record::Person(x) => x.id.clone(),
            Record::Tie(t) => format!("{}–{}", t.a, t.b),
            Record::Meeting(m) => m.id.clone(),
        }
    }

    /// Where the record is in `p`, when it is there exactly as it was.
    pub(super) fn find(&self, p: &Partnership) -> Option<usize> {
        match self {
            Record::Person(x) => p.people.iter().position(|y| y == x),
            Record::Tie(t) => p.ties.iter().position(|y| y == t),
            Record::Meeting(m) => p.meetings.iter().position(|y| y == m),
        }
    }
}

/// What deleting a person takes along, with the positions it had.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cascade {
    /// The person's declared ties, each with its index, in list order.
    pub ties: Vec<(usize, Tie)>,
    /// The person's places in meetings that keep other attendees: the
    /// meeting's id and the person's position among its attendees.
    pub places: Vec<(String, usize)>,
    /// The meetings left with no attendee, each with its index, as they were.
    pub meetings: Vec<(usize, Meeting)>,
    /// The people whose `reports_to` named the person, by id.
    pub reports: Vec<String>,
}

/// How much a delete takes along: what a confirmation says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Declared ties removed.
    pub ties: usize,
    /// Meetings the person is taken out of, the emptied ones included.
    pub meetings: usize,
    /// Meetings left with no attendee, which go too.
    pub emptied: usize,
    /// `reports_to` cleared.
    pub reports: usize,
}

impl Cascade {
    /// What deleting the person `id` would take along from `p`.
    pub fn of(p: &Partnership, id: &str) -> Cascade {
        let ties = p
            .ties
            .iter()
            .enumerate()
            .filter(|(_, t)| t.a == id || t.b == id)
            .map(|(i, t)| (i, t.clone()))
            .collect();
        let mut places = Vec::new();
        let mut meetings = Vec::new();
        for (i, m) in p.meetings.iter().enumerate() {
            let Some(at) = m.attendees.iter().position(|a| a == id) else {
                continue;
            };
            if m.attendees.len() == 1 {
                meetings.push((i, m.clone()));
            } else {
                places.push((m.id.clone(), at));
            }
        }
        let reports = p
            .people
            .iter()
            .filter(|x| x.reports_to.as_deref() == Some(id))
            .map(|x| x.id.clone())
            .collect();
        Cascade {
            ties,
            places,
            meetings,
            reports,
        }
    }

    pub fn counts(&self) -> Counts {
        Counts {
            ties: self.ties.len(),
            meetings: self.places.len() + self.meetings.len(),
            emptied: self.meetings.len(),
            reports: self.reports.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.counts() == Counts::default()
    }
}

/// A record deleted, where it stood, and what went with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Deletion {
    pub record: Record,
    /// The record's index in its list, as found when the delete was made.
    pub at: usize,
    pub cascade: Cascade,
}

impl Deletion {
    /// The deletion of `record`, to be located when it is applied.
    pub fn of(record: Record) -> Deletion {
        Deletion {
            record,
            at: 0,
            cascade: Cascade::default(),
        }
    }

    /// The deletion of `record` as `p` holds it: where it stands and what
    /// it takes along. `None` when `p` does not hold it as it is.
    pub fn planned(p: &Partnership, record: Record) -> Option<Deletion> {
        let at = record.find(p)?;
        let cascade = match &record {
            Record::Person(x) => Cascade::of(p, &x.id),
            _ => Cascade::default(),
        };
        Some(Deletion {
            record,
            at,
            cascade,
        })
    }

    /// Makes the deletion on `p` (which holds the record, at `at`).
    pub(super) fn remove_from(&self, p: &mut Partnership) {
        let c = &self.cascade;
        for id in &c.reports {
            if let Some(x) = p.people.iter_mut().find(|x| &x.id == id) {
                x.reports_to = None;
            }
        }
        for (i, _) in c.ties.iter().rev() {
            remove_at(&mut p.ties, *i);
        }
        for (id, at) in &c.places {
            if let Some(m) = p.meetings.iter_mut().find(|m| &m.id == id) {
                remove_at(&mut m.attendees, *at);
            }
        }
        for (i, _) in c.meetings.iter().rev() {
            remove_at(&mut p.meetings, *i);
        }
        match &self.record {
            Record::Person(_) => remove_at(&mut p.people, self.at),
            Record::Tie(_) => remove_at(&mut p.ties, self.at),
            Record::Meeting(_) => remove_at(&mut p.meetings, self.at),
        }
    }

    /// Puts everything back at its position (or at the end of a list that
    /// has become shorter). Returns the records to check; refuses when a
    /// meeting or a person it goes back into is not as it was left.
    pub(super) fn put_back(&self, p: &mut Partnership) -> Result<Vec<Place>, EditError> {
        let mut touched = Vec::new();
        match &self.record {
            Record::Person(x) => {
                touched.push(Place::Person(insert_at(&mut p.people, self.at, x.clone())));
            }
            Record::Tie(t) => touched.push(Place::Tie(insert_at(&mut p.ties, self.at, t.clone()))),
            Record::Meeting(m) => {
                let i = insert_at(&mut p.meetings, self.at, m.clone());
                touched.push(Place::Meeting(i));
            }
        }
        let c = &self.cascade;
        let id = match &self.record {
            Record::Person(x) => x.id.clone(),
            _ => String::new(),
        };
        for (i, m) in &c.meetings {
            touched.push(Place::Meeting(insert_at(&mut p.meetings, *i, m.clone())));
        }
        for (meeting, at) in &c.places {
            let i = p.meetings.iter().position(|m| &m.id == meeting);
            let Some((i, m)) = i.and_then(|i| Some((i, p.meetings.get_mut(i)?))) else {
                return Err(gone(Field::Meeting, meeting));
            };
            insert_at(&mut m.attendees, *at, id.clone());
            touched.push(Place::Meeting(i));
        }
        for (i, t) in &c.ties {
            touched.push(Place::Tie(insert_at(&mut p.ties, *i, t.clone())));
        }
        for report in &c.reports {
            let i = p.people.iter().position(|x| &x.id == report);
            let Some((i, x)) = i.and_then(|i| Some((i, p.people.get_mut(i)?))) else {
                return Err(gone(Field::Person, report));
            };
            if x.reports_to.is_some() {
                return Err(gone(Field::Person, report));
            }
            x.reports_to = Some(id.clone());
            touched.push(Place::Person(i));
        }
        Ok(touched)
    }
}

fn remove_at<T>(items: &mut Vec<T>, at: usize) {
    if at < items.len() {
        items.remove(at);
    }
}

/// Inserts at `at`, or at the end when the list is shorter; returns where.
fn insert_at<T>(items: &mut Vec<T>, at: usize, item: T) -> usize {
    let at = at.min(items.len());
    items.insert(at, item);
    at
}
