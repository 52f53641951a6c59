//! Bringing in what users already have (SPEC §11): contacts from CSV
//! exports (LinkedIn, Google Contacts, Outlook, Salesforce, HubSpot, org
//! charts, any CSV through `--columns`) and vCards, meetings from
//! iCalendar files. [`plan`] turns files into ONE [`Change`] (a batch of
//! new people, filled fields and new meetings, after the domains added to
//! the partnership's names) and a [`Summary`] of what it found; saving it
//! is the store's, like every other change, and undoing it is its inverse.
//!
//! The format is found from the content ([`read`]); contacts are matched
//! and added in [`people`] through the [`book`], events become meetings in
//! [`meetings`]. Nothing here prints: the words are in
//! [`crate::words::import_summary`].

// Everything here reads files from elsewhere: no index may panic.
#![deny(clippy::indexing_slicing)]

mod book;
mod contact;
mod csv;
mod ics;
mod ics_values;
mod ids;
mod level;
mod meetings;
mod people;
mod read;
mod side;
mod summary;
mod vcard;

pub use csv::{COLUMN_KEYS, ColumnMap};
pub use level::from_title as level_from_title;
pub use side::company_key;
pub use summary::{
    Added, FileRead, Format, Look, Matched, MeetingAdded, Origin, Skip, Summary, Unit,
};

use crate::change::{Change, Edit};
use crate::model::{Domains, Names, Partnership, Side};
use jiff::civil::Date;
use std::path::{Path, PathBuf};

/// One file to import: where it is (for messages) and what it holds.
#[derive(Debug, Clone)]
pub struct Input {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

impl Input {
    /// Reads the file at `path` (a regular file of at most 2 GiB).
    pub fn read(path: &Path) -> Result<Input, ImportError> {
        let bytes = crate::store::read_bytes(path).map_err(|e| ImportError {
            path: path.to_path_buf(),
            line: None,
            problem: unreadable(e),
        })?;
        Ok(Input {
            path: path.to_path_buf(),
            bytes,
        })
    }
}

/// Why a file to import could not be read, in the words of an import
/// (the store's errors speak of data files, and name the path again).
fn unreadable(e: crate::store::LoadError) -> String {
    use crate::store::LoadError;
    match e {
        LoadError::NotFound { .. } => "no such file".to_string(),
        LoadError::Io { reason, .. } => format!("cannot read the file: {reason}"),
        LoadError::NotAFile { kind, .. } => {
            format!("this is {kind}, not a contact or calendar file")
        }
        LoadError::TooLarge { size, .. } => format!(
            "the file is too large to import ({} MB; the limit is 2 GiB)",
            size / 1_000_000
        ),
        other => other.to_string(),
    }
}

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Every contact goes to this side (`--side`).
    pub side: Option<Side>,
    /// Events after this day are planned, not held (`--as-of`).
    pub as_of: Date,
    /// Which columns hold what in a CSV (`--columns`).
    pub columns: Option<ColumnMap>,
    /// Domains to add to each side (`--ours-domain`, `--partner-domain`).
    pub ours_domains: Vec<String>,
    pub partner_domains: Vec<String>,
}

/// What an import would do.
#[derive(Debug, Clone)]
pub struct Import {
    /// The one change to save; `None` when there is nothing to change.
    pub change: Option<Change>,
    pub summary: Summary,
}

/// A file that cannot be imported: nothing of the import is made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {problem}", crate::text::path(path), line.map(|l| format!(": line {l}")).unwrap_or_default())]
pub struct ImportError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub problem: String,
}

/// What is wrong in a file, before its path is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub line: Option<usize>,
    pub problem: String,
}

impl ReadError {
    fn of(self, path: &Path) -> ImportError {
        ImportError {
            path: path.to_path_buf(),
            line: self.line,
            problem: self.problem,
        }
    }
}

/// A file read: its contacts or its events.
enum Read {
    Contacts(Vec<contact::Contact>),
    Events(Vec<ics::Event>),
}

/// What importing `inputs` into `p` would change, and what it found.
/// Contact files are taken before calendars, so that a meeting's guests
/// can be the people the same import brings in.
pub fn plan(p: &Partnership, inputs: &[Input], options: &Options) -> Result<Import, ImportError> {
    let mut summary = Summary {
        as_of: Some(options.as_of),
        ..Summary::default()
    };
    let mut read = Vec::with_capacity(inputs.len());
    for (file, input) in inputs.iter().enumerate() {
        let (format, records, found) =
            read_one(file, input, options).map_err(|e| e.of(&input.path))?;
        summary.files.push(FileRead {
            path: input.path.clone(),
            format,
            records,
        });
        read.push(found);
    }
    let names = with_domains(&p.names, options, &mut summary)
        .map_err(|e| e.of(Path::new("--ours-domain/--partner-domain")))?;
    let mut book = book::Book::new(p);
    let mut intake = people::Intake::new(&mut book, &names, options.side, &mut summary);
    let contacts: Vec<contact::Contact> = read
        .iter_mut()
        .filter_map(|found| match found {
            Read::Contacts(contacts) => Some(std::mem::take(contacts)),
            Read::Events(_) => None,
        })
        .flatten()
        .collect();
    intake.take_all(contacts);
    intake.managers();
    let mut calendar = meetings::Calendar::new(p, &mut book, &names, options.as_of, &mut summary);
    for found in &read {
        if let Read::Events(events) = found {
            for event in events {
                calendar.take(event);
            }
        }
    }
    let meetings = calendar.finish();
    summary
        .skipped
        .sort_by_key(|(origin, _)| (origin.file, origin.line));
    let mut changes = Vec::new();
    if names != p.names {
        changes.push(Change::Edit(Edit::Names {
            before: p.names.clone(),
            after: names,
        }));
    }
    changes.extend(book.changes());
    changes.extend(meetings.into_iter().map(Change::AddMeeting));
    Ok(Import {
        change: (!changes.is_empty()).then_some(Change::Batch(changes)),
        summary,
    })
}

/// One file: its format, how many records it holds, and what they are.
fn read_one(
    file: usize,
    input: &Input,
    options: &Options,
) -> Result<(Format, usize, Read), ReadError> {
    let text = read::text(&input.bytes)?;
    match read::kind(&text) {
        read::Kind::Calendar => {
            let cal = ics::events(&text, file, options.as_of)?;
            Ok((Format::Calendar, cal.count, Read::Events(cal.events)))
        }
        read::Kind::VCard => {
            let cards = vcard::contacts(&text, file)?;
            Ok((Format::VCard, cards.len(), Read::Contacts(cards)))
        }
        read::Kind::Csv => {
            let (format, rows) = csv::contacts(&text, file, options.columns.as_ref())?;
            Ok((format, rows.len(), Read::Contacts(rows)))
        }
    }
}

/// The partnership's names with the domains of the options added (lower
/// case, without `@`); each added is noted in the summary.
fn with_domains(
    names: &Names,
    options: &Options,
    summary: &mut Summary,
) -> Result<Names, ReadError> {
    let mut names = names.clone();
    for (side, given) in [
        (Side::Ours, &options.ours_domains),
        (Side::Partner, &options.partner_domains),
    ] {
        for domain in given {
            let domain = crate::edit::typed_domain(domain).map_err(|problem| ReadError {
                line: None,
                problem,
            })?;
            let taken = names.domains.as_ref().and_then(|d| d.side_of(&domain));
            if let Some(other) = taken.filter(|&s| s != side) {
                return Err(ReadError {
                    line: None,
                    problem: format!(
                        "{domain} is already {}'s domain; a domain belongs to one side",
                        names.of(other)
                    ),
                });
            }
            let domains = names.domains.get_or_insert_with(Domains::default);
            let list = match side {
                Side::Ours => &mut domains.ours,
                Side::Partner => &mut domains.partner,
            };
            if !list.contains(&domain) {
                list.push(domain.clone());
                summary.domains.push((side, domain));
            }
        }
    }
    Ok(names)
}
