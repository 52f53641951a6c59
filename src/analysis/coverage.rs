//! Coverage of each active partner person (SPEC §4 and the `coverage` command).

use super::Dependency;
use super::order::Order;
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
    coverage_in(p, &Order::of(p), live, dep)
}

/// As [`coverage`], with the people's places by id found.
pub(crate) fn coverage_in(
    p: &Partnership,
    order: &Order,
    live: &LiveGraph,
    dep: &Dependency,
) -> Vec<Coverage> {
    let mut rows = Vec::new();
    for i in 0..p.people.len() {
        if order.is_ours(i) || !live.active[i] {
            continue;
        }
        let mut covered_by = Vec::new();
        let mut last_contact: Option<Date> = None;
        for &t in &live.ties_of[i] {
            let tie = &live.ties[t];
            let other = tie.other(i);
            if !order.is_ours(other) {
                continue;
            }
            if tie.live {
                covered_by.push(other);
            }
            last_contact = last_contact.max(tie.last_contact);
        }
        order.sort_by_id(&mut covered_by);
        let mut depends_on = dep.depends_on(i);
        order.sort_by_id(&mut depends_on);
        rows.push(Coverage {
            person: i,
            covered_by,
            depends_on,
            reachable: dep.reachable[i],
            last_contact,
        });
    }
    rows
}
