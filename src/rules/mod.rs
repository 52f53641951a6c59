//! Every rule of the data file about records (SPEC §2), once. The loader
//! applies them to every record of a file; every [`crate::change::Change`]
//! applies them to the records it touches. A broken rule is a [`Problem`]:
//! the record, the field (typed) and the [`Fault`], a fact that the loader
//! and the edit path each put in their own words.

// Rules read records from files and keyboards: no index may panic.
#![deny(clippy::indexing_slicing)]

mod check;
mod fault;
mod lines;
mod values;

pub use check::{check, check_records};
pub use fault::Fault;
pub use lines::reporting_lines;
pub use values::{
    AttendeeList, TiePairs, UniqueIds, UniqueSources, date, domain, id, ids_taken, length, level,
    max_chars, same_ends, setting, setting_floor, side, stance,
};

use std::fmt;

/// A field of a record, as the file names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    // Top level.
    Schema,
    Partnership,
    Settings,
    People,
    Ties,
    Meetings,
    // The partnership's names.
    Ours,
    Partner,
    Domains,
    // Settings.
    StaleAfterDays,
    HalfLifeDays,
    LargeMeeting,
    // A person (`Name` and `Notes` are also the names' and a meeting's).
    Id,
    Name,
    Side,
    Title,
    Level,
    Team,
    Email,
    Key,
    Stance,
    Left,
    ReportsTo,
    Notes,
    // A tie.
    A,
    B,
    LastContact,
    Note,
    // A meeting.
    Date,
    Attendees,
    Source,
    /// A person as a whole (a record that is gone or changed meanwhile).
    Person,
    /// A tie as a whole.
    Tie,
    /// A meeting as a whole.
    Meeting,
}

impl Field {
    /// The field's name in the file (`reports_to`), or the record's kind
    /// for a whole record (`person`).
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Schema => "schema",
            Field::Partnership => "partnership",
            Field::Settings => "settings",
            Field::People => "people",
            Field::Ties => "ties",
            Field::Meetings => "meetings",
            Field::Ours => "ours",
            Field::Partner => "partner",
            Field::Domains => "domains",
            Field::StaleAfterDays => "stale_after_days",
            Field::HalfLifeDays => "half_life_days",
            Field::LargeMeeting => "large_meeting",
            Field::Id => "id",
            Field::Name => "name",
            Field::Side => "side",
            Field::Title => "title",
            Field::Level => "level",
            Field::Team => "team",
            Field::Email => "email",
            Field::Key => "key",
            Field::Stance => "stance",
            Field::Left => "left",
            Field::ReportsTo => "reports_to",
            Field::Notes => "notes",
            Field::A => "a",
            Field::B => "b",
            Field::LastContact => "last_contact",
            Field::Note => "note",
            Field::Date => "date",
            Field::Attendees => "attendees",
            Field::Source => "source",
            Field::Person => "person",
            Field::Tie => "tie",
            Field::Meeting => "meeting",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A record of a partnership, by its index in its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    Names,
    Settings,
    Person(usize),
    Tie(usize),
    Meeting(usize),
}

/// One broken rule: where, which field, and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub place: Place,
    pub field: Field,
    pub fault: Fault,
}

impl Problem {
    pub fn new(place: Place, field: Field, fault: Fault) -> Problem {
        Problem {
            place,
            field,
            fault,
        }
    }

    /// What is wrong, in the words of a file's problem list.
    pub fn message(&self) -> String {
        self.fault.to_string()
    }
}
