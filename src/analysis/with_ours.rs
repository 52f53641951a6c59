//! What the coverage rows and the risk rules read of each active partner
//! person's ties with our side, found in one pass along the tie list: a
//! partner person's ties lie all over it, and reading it once in order
//! instead of jumping to each person's ties once per rule is most of what a
//! what-if at 10,000 people saves.

use super::order::Order;
use crate::graph::LiveGraph;
use crate::model::Partnership;
use jiff::civil::Date;

/// One partner person's ties with our side.
#[derive(Debug, Clone, Default)]
pub(crate) struct WithOurs {
    /// Our people with a live tie to them, in tie order.
    pub covered_by: Vec<usize>,
    /// The first of those ties (an index into the live graph's ties).
    pub first_live: Option<usize>,
    /// How many of the ties are stale.
    pub stale: usize,
    /// Whether a live one is with one of our executives.
    pub exec: bool,
    /// The latest last contact of them all, live or stale.
    pub last_contact: Option<Date>,
}

impl WithOurs {
    /// How many of our people cover them directly (live ties).
    pub fn live(&self) -> usize {
        self.covered_by.len()
    }
}

/// Per person (indexed like `p.people`): their ties with our side when they
/// are an active partner person, else nothing. One pass along the tie list
/// (in order, so each person's ties come in tie order), not a jump to each
/// tie from each person.
pub(crate) fn with_ours(p: &Partnership, order: &Order, live: &LiveGraph) -> Vec<WithOurs> {
    let mut all = vec![WithOurs::default(); p.people.len()];
    for (t, tie) in live.ties.iter().enumerate() {
        // Ties are between active people; one across the sides has one of
        // ours and one of theirs.
        let (ours, theirs) = match (order.is_ours(tie.a), order.is_ours(tie.b)) {
            (true, false) => (tie.a, tie.b),
            (false, true) => (tie.b, tie.a),
            _ => continue,
        };
        let summary = &mut all[theirs];
        summary.last_contact = summary.last_contact.max(tie.last_contact);
        if tie.live {
            summary.first_live = summary.first_live.or(Some(t));
            summary.covered_by.push(ours);
            summary.exec |= order.is_executive(ours);
        } else {
            summary.stale += 1;
        }
    }
    all
}
