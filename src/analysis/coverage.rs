//! Coverage of each active partner person (SPEC §4 and the `coverage` command).

use super::Dependency;
use super::order::Order;
use super::with_ours::{WithOurs, with_ours};
use crate::graph::LiveGraph;
use crate::model::Partnership;
use jiff::civil::Date;

/// How one active partner person is covered from our side.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    pub person: usize,
    /// Active people on our side with a live tie to this person, sorted by id.
    pub covered_by: Vec<usize>,
    /// People whose loss alone would cut this person off, sorted by id.
    pub depends_on: Vec<usize>,
    pub reachable: bool,
    /// Latest last contact of their ties (live or stale) with our active people.
    pub last_contact: Option<Date>,
}

impl Coverage {
    /// Direct coverage: how many of our people have a live tie to them.
    pub fn direct(&self) -> usize {
        self.covered_by.len()
    }
}

/// One row per active partner person, in file order.
pub fn coverage(p: &Partnership, live: &LiveGraph, dep: &Dependency) -> Vec<Coverage> {
    let order = Order::of(p);
    let with_ours = with_ours(p, &order, live);
    coverage_in(&order, live, dep, with_ours)
}

/// As [`coverage`], from each partner person's ties with our side, found.
pub(crate) fn coverage_in(
    order: &Order,
    live: &LiveGraph,
    dep: &Dependency,
    with_ours: Vec<WithOurs>,
) -> Vec<Coverage> {
    let mut rows = Vec::new();
    for (i, summary) in with_ours.into_iter().enumerate() {
        if order.is_ours(i) || !live.active[i] {
            continue;
        }
        let mut covered_by = summary.covered_by;
        order.sort_by_id(&mut covered_by);
        let mut depends_on = dep.depends_on(i);
        order.sort_by_id(&mut depends_on);
        rows.push(Coverage {
            person: i,
            covered_by,
            depends_on,
            reachable: dep.reachable[i],
            last_contact: summary.last_contact,
        });
    }
    rows
}
