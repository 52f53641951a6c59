//! What can be wrong with a record: facts, with the words a file's problem
//! list uses for them (the edit path words some of them its own way).

use crate::model::{Level, MAX_ATTENDEES, Side, Stance};
use crate::text::clip;
use std::fmt;

/// One broken rule, as a fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// An id that is empty or only spaces.
    Empty,
    /// An id with spaces at its start or end.
    Spaces(String),
    TooLong {
        chars: usize,
        max: usize,
    },
    UnknownSide(String),
    UnknownLevel(String),
    UnknownStance(String),
    /// An e-mail domain that is not lower case without `@` and spaces.
    BadDomain(String),
    /// A meeting `source` an earlier meeting already has (at `first`).
    SourceTaken {
        source: String,
        first: usize,
    },
    /// A date that is not a day as `YYYY-MM-DD`; the reason as the date
    /// parser words it.
    BadDate(String),
    /// A setting that is not a whole number at least `min`; `got` is the
    /// value as shown.
    NotWhole {
        got: String,
        min: u32,
        unit: &'static str,
    },
    /// An id an earlier record of `list` already holds (at `first`).
    IdTaken {
        id: String,
        list: &'static str,
        first: usize,
    },
    /// A reference to an id no person has.
    UnknownPerson(String),
    ReportsToSelf,
    /// `reports_to` naming `boss` (called `boss_name`) on the other side.
    OtherSide {
        boss: String,
        boss_name: String,
        boss_side: Side,
        side: Side,
    },
    /// Reporting lines that loop, as the ids walked, first id last again.
    Loop(Vec<String>),
    /// A tie whose two ends are the same person.
    SameEnds(String),
    /// A pair already declared by the tie at `first`.
    TiedTwice {
        a: String,
        b: String,
        first: usize,
    },
    TooManyAttendees(usize),
    AttendeeTwice(String),
    NoAttendee,
    /// A person's id changed by an edit: an id never changes once written.
    IdChanged,
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::Empty => f.write_str("must not be empty"),
            Fault::Spaces(id) => write!(f, "{:?} has spaces at its start or end", clip(id)),
            Fault::TooLong { chars, max } => {
                write!(f, "is {chars} characters long; at most {max} are allowed")
            }
            Fault::UnknownSide(text) => write!(
                f,
                "unknown side {:?} (expected ours or partner)",
                clip(text)
            ),
            Fault::UnknownLevel(text) => write!(
                f,
                "unknown level {:?} (expected executive, senior, manager or staff){}",
                clip(text),
                Level::suggest(text)
                    .map(|l| format!("; did you mean {l}?"))
                    .unwrap_or_default()
            ),
            Fault::UnknownStance(text) => unknown_stance(f, text),
            Fault::BadDomain(text) => write!(
                f,
                "{:?} is not an e-mail domain as the file writes them \
                 (lower case, no @ or spaces, e.g. contoso.example)",
                clip(text)
            ),
            Fault::SourceTaken { source, first } => write!(
                f,
                "{:?} is already the source of meetings[{first}]; two meetings never share a source",
                clip(source)
            ),
            Fault::BadDate(reason) => f.write_str(reason),
            Fault::NotWhole { got, min, unit } => {
                write!(f, "expected a whole number of {unit} ≥ {min}, got {got}")
            }
            Fault::IdTaken { id, list, first } => {
                write!(f, "{:?} is already the id of {list}[{first}]", clip(id))
            }
            Fault::UnknownPerson(id) => write!(f, "no person has the id {:?}", clip(id)),
            Fault::ReportsToSelf => f.write_str("a person cannot report to themselves"),
            Fault::OtherSide {
                boss,
                boss_side,
                side,
                ..
            } => write!(
                f,
                "{:?} is on the {boss_side} side; reports_to must stay on the {side} side",
                clip(boss)
            ),
            Fault::Loop(chain) => {
                let chain: Vec<_> = chain.iter().map(|id| clip(id)).collect();
                write!(f, "reporting lines loop: {}", chain.join(" → "))
            }
            Fault::SameEnds(id) => write!(
                f,
                "a tie joins two different people; both ends are {:?}",
                clip(id)
            ),
            Fault::TiedTwice { a, b, first } => write!(
                f,
                "{:?} and {:?} are already tied by ties[{first}]; declare a pair once",
                clip(a),
                clip(b)
            ),
            Fault::TooManyAttendees(n) => write!(
                f,
                "lists {n} people; a meeting has at most {MAX_ATTENDEES} attendees"
            ),
            Fault::AttendeeTwice(id) => write!(f, "{:?} is listed twice", clip(id)),
            Fault::NoAttendee => f.write_str("a meeting needs at least one attendee"),
            Fault::IdChanged => f.write_str("an id never changes once written"),
        }
    }
}

fn unknown_stance(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    let all: Vec<&str> = Stance::ALL.iter().map(|s| s.as_str()).collect();
    write!(
        f,
        "unknown stance {:?} (expected {}, or leave it out for unknown)",
        clip(text),
        all.join(", ")
    )
}
