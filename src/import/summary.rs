//! What an import found, as facts (the words are in [`crate::words`]):
//! what it adds, matches and fills, what it skips and why, and what needs
//! a look, each with the file and the line or event it came from.

use crate::model::{Level, Side};
use jiff::civil::Date;
use std::path::PathBuf;

/// Where a record came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Origin {
    /// The file's place among the files imported.
    pub file: usize,
    /// Its first line in the file (1-based).
    pub line: usize,
    pub unit: Unit,
}

/// What kind of record, and which one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unit {
    /// A CSV row (its line says which).
    #[default]
    Row,
    /// The nth card of a vCard file.
    Card(usize),
    /// The nth event of a calendar, and the day of the occurrence meant
    /// when it repeats.
    Event(usize, Option<Date>),
}

/// What a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    LinkedIn,
    GoogleContacts,
    Outlook,
    Salesforce,
    HubSpot,
    OrgChart,
    /// A CSV read with `--columns`, or by its header names alone.
    Csv,
    VCard,
    Calendar,
}

/// One file imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRead {
    pub path: PathBuf,
    pub format: Format,
    /// Rows, cards or events read.
    pub records: usize,
}

/// A person added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    pub id: String,
    pub name: String,
    pub side: Side,
    pub origin: Origin,
    /// The level guessed from the title, when there was a title.
    pub guessed: Option<(String, Level)>,
    /// Added as an unknown attendee of a meeting (named from the calendar).
    pub attendee: bool,
}

/// A contact that is a person already in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched {
    pub id: String,
    pub name: String,
    pub origin: Origin,
    /// The empty fields filled, by their names in the file.
    pub filled: Vec<&'static str>,
}

/// A meeting added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingAdded {
    pub id: String,
    pub date: Date,
    pub title: Option<String>,
    pub attendees: usize,
    pub origin: Origin,
}

/// Why a record was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// A row or card that names nobody.
    NoName,
    /// Neither `--side`, an e-mail domain nor the company puts it on a side.
    NoSide {
        name: String,
        company: Option<String>,
    },
    /// A value longer than the file allows (`field`: its name).
    TooLong { name: String, field: &'static str },
    /// An event with no one from the partner side.
    NoPartner { title: Option<String> },
    /// An event that ties nobody: fewer than two known active people.
    TooFew { title: Option<String>, known: usize },
    /// An event the calendar does not say enough about (its words).
    Unusable {
        title: Option<String>,
        problem: String,
    },
}

/// What the user should check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Look {
    /// A calendar event imported before that has changed since; the
    /// meeting was left as it is.
    EventChanged {
        meeting: String,
        title: Option<String>,
        was: Date,
        now: Date,
        people_changed: bool,
    },
    /// A calendar event imported before that is now cancelled.
    EventCancelled { meeting: String },
    /// A manager named in the file who is no one on that side.
    ManagerUnknown { name: String, manager: String },
    /// A manager who would make a reporting line loop.
    ManagerLoop { name: String, manager: String },
    /// A contact matched to a person on the other side than `--side` says.
    OtherSide { name: String, side: Side },
}

/// Everything an import found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    pub files: Vec<FileRead>,
    /// Domains added to `partnership.domains`.
    pub domains: Vec<(Side, String)>,
    pub added: Vec<Added>,
    pub matched: Vec<Matched>,
    pub meetings: Vec<MeetingAdded>,
    /// Events whose meeting is already in the file, unchanged.
    pub already: usize,
    /// Cancelled events and occurrences.
    pub cancelled: usize,
    /// Events after the as-of date: planned, not held.
    pub planned: usize,
    /// Declined guests, and rooms and resources, left out of meetings.
    pub declined: usize,
    pub rooms: usize,
    /// Attendees who are no one in the file and whose domain is no side's,
    /// by address (each once).
    pub unknown_attendees: Vec<String>,
    pub skipped: Vec<(Origin, Skip)>,
    pub look: Vec<(Origin, Look)>,
    pub as_of: Option<Date>,
}

impl Summary {
    /// The people whose level was guessed from a title.
    pub fn guessed(&self) -> impl Iterator<Item = &Added> {
        self.added.iter().filter(|a| a.guessed.is_some())
    }

    /// The matched people with a field filled.
    pub fn filled(&self) -> impl Iterator<Item = &Matched> {
        self.matched.iter().filter(|m| !m.filled.is_empty())
    }

    /// Whether the import changes nothing.
    pub fn changes_nothing(&self) -> bool {
        self.domains.is_empty()
            && self.added.is_empty()
            && self.meetings.is_empty()
            && self.filled().next().is_none()
    }
}
