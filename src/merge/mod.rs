//! Three versions of one partnership made into one (SPEC §12): what `git`
//! hands a merge driver — the common ancestor (`base`), our version and
//! theirs. Records are matched one by one (people by id, ties by their
//! pair, meetings by id and `source`), and each field of a record is merged
//! on its own: a field changed on one side is taken, the same field changed
//! to two different values is a [`Conflict`] and keeps our value.
//! Unknown fields are fields like any other, compared as the exact text
//! they were read as, so they survive a merge byte for byte.
//!
//! - Additions from both sides are kept; a meeting added on both sides
//!   under the same id is two meetings (theirs gets the next free id, see
//!   [`Renumbered`]) unless it is the same meeting (the same `source`, or
//!   the same record).
//! - A record deleted on one side and changed on the other is kept as it
//!   was changed (a conflict), so that nothing written on either side is
//!   lost without a word; deleting it again is one key.
//! - A person deleted on one side whom the other side's new records still
//!   name (a meeting, a tie, `reports_to`) is kept (a conflict), so that
//!   the file loads.
//! - Whatever the merge makes is checked against every rule of the file
//!   ([`crate::rules::check`]); a record that would break one is taken as
//!   our side has it (a conflict), and a merge that still would not load is
//!   refused ([`Unmergeable`]), so a merge never writes a file that does not
//!   load.
//!
//! Nothing here reads or writes files: the command line does
//! (`partnermap merge BASE OURS THEIRS`), and the words are in
//! [`crate::words`].

// Merges read records from three files: no index may panic.
#![deny(clippy::indexing_slicing)]

mod fields;
mod lists;
mod records;
mod repair;

use crate::model::Partnership;

/// Which record of the file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordKey {
    /// The partnership's names (and unknown top-level fields).
    Partnership,
    Settings,
    Person(String),
    /// A tie, by its two people's ids in the order our side (or the side
    /// that has it) writes them.
    Tie(String, String),
    Meeting(String),
}

/// One side of the merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Who {
    Ours,
    Theirs,
}

impl Who {
    /// The other side.
    pub fn other(self) -> Who {
        match self {
            Who::Ours => Who::Theirs,
            Who::Theirs => Who::Ours,
        }
    }
}

/// What clashed in one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clash {
    /// The same field set to two different values on the two sides (or
    /// given two values by a record both sides added); ours is kept. Values
    /// are JSON text; `None` is a field that is not there (an unknown field
    /// removed on one side).
    Field {
        field: String,
        ours: Option<String>,
        theirs: Option<String>,
    },
    /// Deleted on one side and changed (these fields) on the other; kept as
    /// the other side changed it.
    DeletedChanged {
        deleted_by: Who,
        changed: Vec<String>,
    },
    /// A person deleted on one side whom the other side's records still
    /// name (`named_in`: "meeting m-0040", "tie ana–li"); kept.
    StillNamed {
        deleted_by: Who,
        named_in: Vec<String>,
    },
    /// The merged record would break a rule of the file (`problem`, in the
    /// file's words, at `field`); our side's version of it is kept.
    Broken { field: String, problem: String },
}

/// A conflict: one record and what clashed in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub record: RecordKey,
    pub clash: Clash,
}

/// A meeting of theirs whose id our side had also taken for another
/// meeting, and the id it has now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renumbered {
    pub was: String,
    pub now: String,
}

/// The merged partnership, with what needs a look.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// Passes every rule of the file ([`crate::rules::check`]).
    pub partnership: Partnership,
    /// Empty for a clean merge.
    pub conflicts: Vec<Conflict>,
    /// Their meetings given a new id; not conflicts.
    pub renumbered: Vec<Renumbered>,
}

impl Merged {
    /// Whether the merge needs no one's look.
    pub fn is_clean(&self) -> bool {
        self.conflicts.is_empty()
    }
}

/// A merge whose result would not load even with our side's version of
/// every record that broke a rule: the rules still broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmergeable {
    pub problems: Vec<BrokenRule>,
}

/// A rule of the file that a merged record breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenRule {
    pub record: RecordKey,
    pub field: String,
    /// What is wrong, in the words of a file's problem list.
    pub problem: String,
}

/// Merges `ours` and `theirs`, two versions made from `base`.
pub fn merge(
    base: &Partnership,
    ours: &Partnership,
    theirs: &Partnership,
) -> Result<Merged, Unmergeable> {
    let mut conflicts = Vec::new();
    let (names, extra) = records::names(base, ours, theirs, &mut conflicts);
    let settings = records::settings(base, ours, theirs, &mut conflicts);
    let people = lists::people(base, ours, theirs, &mut conflicts);
    let ties = lists::ties(base, ours, theirs, &mut conflicts);
    let (meetings, renumbered) = lists::meetings(base, ours, theirs, &mut conflicts);
    let mut merged = Partnership {
        names,
        settings,
        people,
        ties,
        meetings,
        extra,
    };
    repair::settle(&mut merged, ours, theirs, &mut conflicts)?;
    Ok(Merged {
        partnership: merged,
        conflicts,
        renumbered,
    })
}
