//! A what-if without building the live graph again: the graph of the day
//! with nobody gone is built once ([`Base`]), and a scenario's graph is
//! that one without the gone people's ties (the meetings do not change,
//! and nobody else's ties do). Everything after the graph — dependency, bus
//! factor, risks, coverage — runs as [`Analysis::run`] runs it, so the
//! result is the same to the last field (tests/what_if_base.rs checks it
//! against a full run on random partnerships and gone sets).

use super::{Analysis, Order};
use crate::date::day_number;
use crate::graph::{Indexed, LiveGraph, Scenario, large_events};
use crate::model::Partnership;
use jiff::civil::Date;

/// What a what-if reuses of one partnership on one day: its meetings' and
/// ties' ids looked up, its live graph with nobody gone, the large events
/// in it, and its people's places by id and by name.
#[derive(Debug, Clone)]
pub struct Base {
    indexed: Indexed,
    live: LiveGraph,
    large: Vec<usize>,
    order: Order,
}

impl Base {
    /// The base of `p` on `as_of`.
    pub fn new(p: &Partnership, as_of: Date) -> Base {
        let indexed = Indexed::of(p);
        let live = LiveGraph::build_indexed(p, &Scenario::on(as_of), &indexed);
        let large = large_events(p, &indexed, &live.active, day_number(as_of));
        Base {
            indexed,
            live,
            large,
            order: Order::of(p),
        }
    }

    /// The day the base is for.
    pub fn as_of(&self) -> Date {
        self.live.as_of
    }

    /// The live graph of `scenario`, equal to [`LiveGraph::build`]'s: made
    /// from the base when the day is the base's, else built in full. `p`
    /// must be the partnership the base was made of.
    pub fn live_graph(&self, p: &Partnership, scenario: &Scenario) -> LiveGraph {
        let same_day = scenario.as_of == self.as_of();
        let made = same_day
            .then(|| {
                self.live
                    .without(p, (&self.indexed, &self.large), &scenario.gone)
            })
            .flatten();
        made.unwrap_or_else(|| LiveGraph::build_indexed(p, scenario, &self.indexed))
    }

    /// The whole analysis of `scenario`, equal to [`Analysis::run`]'s. `p`
    /// must be the partnership the base was made of.
    pub fn run(&self, p: &Partnership, scenario: &Scenario) -> Analysis {
        Analysis::of_live(p, &self.order, scenario, self.live_graph(p, scenario))
    }
}
