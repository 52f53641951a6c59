//! Coverage, dependency, bus factor and risks for one scenario (SPEC §4–5),
//! the trend over many days (§9) and the coverage grid (§10), as facts:
//! person indices, counts and dates. [`crate::words`] says them.

mod bus_factor;
mod changes;
mod coverage;
mod dependency;
mod grid;
mod matching;
mod order;
mod risks;
mod trend;
mod what_if;
mod with_ours;

pub(crate) use bus_factor::Sides;
pub use bus_factor::{BusFactor, bus_factor};
pub use changes::{Move, MoveKind, RiskChange, risk_changes};
pub use coverage::{Coverage, coverage};
pub use dependency::{Dependency, dependency};
pub(crate) use dependency::{Search, search};
pub use grid::{GridCell, GridRow, Reach, grid, level_column};
pub use risks::{Risk, RiskFacts, RiskKind, Severity, Subject, importance, risk_score, sort_risks};
pub use trend::days as trend_days;
pub use trend::row as trend_row;
pub use trend::{Every, TrendRow, trend, year_before};
pub use what_if::Base;

use crate::graph::{Indexed, LiveGraph, Scenario};
use crate::model::{Partnership, Side};
pub(crate) use order::Order;

/// Everything the analysis finds for one scenario.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub scenario: Scenario,
    pub live: LiveGraph,
    pub dependency: Dependency,
    /// Per person: partner people who depend on them, sorted by id.
    pub exposure: Vec<Vec<usize>>,
    /// One row per active partner person, in file order.
    pub coverage: Vec<Coverage>,
    pub bus_factor: BusFactor,
    /// Sorted as SPEC §5 says.
    pub risks: Vec<Risk>,
}

/// What the risk score needs and nothing more (no coverage rows, no
/// words): what [`Analysis::risks_only`] returns (what a brute-force plan
/// would run once per candidate step).
#[derive(Debug, Clone, PartialEq)]
pub struct RisksOnly {
    pub bus_factor: BusFactor,
    /// Sorted as SPEC §5 says.
    pub risks: Vec<Risk>,
}

impl RisksOnly {
    /// The partnership's risk score: the sum of the risks' weights.
    pub fn risk_score(&self) -> u32 {
        risk_score(&self.risks)
    }
}

impl Analysis {
    /// The partnership's risk score: the sum of the risks' weights.
    pub fn risk_score(&self) -> u32 {
        risk_score(&self.risks)
    }

    /// Runs the whole analysis.
    pub fn run(p: &Partnership, scenario: &Scenario) -> Analysis {
        Analysis::of_live(p, &Order::of(p), scenario, LiveGraph::build(p, scenario))
    }

    /// The analysis of `scenario` from its live graph, already built.
    fn of_live(p: &Partnership, order: &Order, scenario: &Scenario, live: LiveGraph) -> Analysis {
        let dependency = dependency(&live);
        let with_ours = with_ours::with_ours(p, order, &live);
        let (exposure, RisksOnly { bus_factor, risks }) =
            assess(p, order, &live, &dependency, &with_ours);
        let coverage = coverage::coverage_in(order, &live, &dependency, with_ours);
        Analysis {
            scenario: scenario.clone(),
            live,
            dependency,
            exposure,
            coverage,
            bus_factor,
            risks,
        }
    }

    /// The bus factor and the risks, exactly as [`Analysis::run`] finds
    /// them, without the coverage rows that only views and exports read.
    pub fn risks_only(p: &Partnership, scenario: &Scenario) -> RisksOnly {
        parts(p, scenario, &Indexed::of(p)).risks
    }

    /// Active people, either side.
    pub fn active_people(&self) -> usize {
        self.live.active.iter().filter(|&&a| a).count()
    }

    /// The people counted as every report counts them (see
    /// [`crate::model::Headcount`]), what-if included.
    pub fn headcount(&self, p: &Partnership) -> crate::model::Headcount {
        crate::model::Headcount::of(p, &self.live.active)
    }

    /// The risks about `person`: those whose subject they are, and the
    /// bus-factor risk when they are in its smallest set. Sorted.
    pub fn risks_of(&self, person: usize) -> impl Iterator<Item = &Risk> {
        self.risks.iter().filter(move |r| match r.subject {
            Subject::Person(i) => i == person,
            Subject::Partnership => r.people.contains(&person),
        })
    }

    /// Per person: the worst severity of the risks about them (those
    /// whose subject they are, and the bus-factor risk when they are in its
    /// smallest set), in one pass; `None` for a person no risk names.
    pub fn worst_severity(&self, people: usize) -> Vec<Option<Severity>> {
        let mut worst: Vec<Option<Severity>> = vec![None; people];
        let mut mark = |i: usize, s: Severity| {
            if let Some(w) = worst.get_mut(i) {
                *w = Some(w.map_or(s, |w| w.min(s)));
            }
        };
        for risk in &self.risks {
            match risk.subject {
                Subject::Person(i) => mark(i, risk.severity),
                Subject::Partnership => risk.people.iter().for_each(|&i| mark(i, risk.severity)),
            }
        }
        worst
    }

    /// Number of risks at each severity, critical first.
    pub fn severity_counts(&self) -> [usize; 4] {
        let mut counts = [0; 4];
        for risk in &self.risks {
            counts[risk.severity as usize] += 1;
        }
        counts
    }
}

/// What the trend (SPEC §9) and the plan (§8) read of a scenario: the live
/// graph, the dependency search, the exposure and the risks, exactly as
/// [`Analysis::run`] finds them, without the coverage rows; for the plan,
/// also the residual network's [`Sides`] of the bus factor's flow.
pub(crate) struct Parts {
    pub live: LiveGraph,
    pub dependency: Dependency,
    pub exposure: Vec<Vec<usize>>,
    pub risks: RisksOnly,
    /// Empty unless asked for ([`parts_with_sides`]).
    pub sides: Sides,
}

/// The live graph, dependency, exposure and risks of `scenario`, with the
/// ids of `p` looked up in `indexed`.
pub(crate) fn parts(p: &Partnership, scenario: &Scenario, indexed: &Indexed) -> Parts {
    parts_of(p, scenario, indexed, false)
}

/// As [`parts`], with the residual network's sides, from the one maximum
/// flow that also gives the bus factor.
pub(crate) fn parts_with_sides(p: &Partnership, scenario: &Scenario, indexed: &Indexed) -> Parts {
    parts_of(p, scenario, indexed, true)
}

/// [`parts`], with the residual network's sides when `with_sides`.
fn parts_of(p: &Partnership, scenario: &Scenario, indexed: &Indexed, with_sides: bool) -> Parts {
    let live = LiveGraph::build_indexed(p, scenario, indexed);
    let dependency = dependency(&live);
    let (bus, sides) = if with_sides {
        bus_factor::bus_factor_sides(p, &live, &dependency.reachable)
    } else {
        (
            bus_factor(p, &live, &dependency.reachable),
            Sides::default(),
        )
    };
    let order = Order::of(p);
    let with_ours = with_ours::with_ours(p, &order, &live);
    let (exposure, risks) = assess_with(p, &order, &live, &dependency, &with_ours, bus);
    Parts {
        live,
        dependency,
        exposure,
        risks,
        sides,
    }
}

/// Sorts person indices by id (code point order).
pub fn sort_by_id(p: &Partnership, people: &mut [usize]) {
    people.sort_unstable_by(|&x, &y| p.people[x].id.cmp(&p.people[y].id));
}

/// The exposure of each person, the bus factor and the risks.
fn assess(
    p: &Partnership,
    order: &Order,
    live: &LiveGraph,
    dep: &Dependency,
    with_ours: &[with_ours::WithOurs],
) -> (Vec<Vec<usize>>, RisksOnly) {
    let bus = bus_factor(p, live, &dep.reachable);
    assess_with(p, order, live, dep, with_ours, bus)
}

/// As [`assess`], with the bus factor already found.
fn assess_with(
    p: &Partnership,
    order: &Order,
    live: &LiveGraph,
    dep: &Dependency,
    with_ours: &[with_ours::WithOurs],
    bus_factor: BusFactor,
) -> (Vec<Vec<usize>>, RisksOnly) {
    let exposure = exposure(p, order, live, dep);
    let risks = risks::risks(&risks::Found {
        p,
        live,
        reachable: &dep.reachable,
        exposure: &exposure,
        bus_factor: &bus_factor,
        order,
        with_ours,
    });
    (exposure, RisksOnly { bus_factor, risks })
}

/// For each active person v: the partner people whose "depends on" holds v.
fn exposure(p: &Partnership, order: &Order, live: &LiveGraph, dep: &Dependency) -> Vec<Vec<usize>> {
    let mut exposure = vec![Vec::new(); p.people.len()];
    for (i, person) in p.people.iter().enumerate() {
        if person.side == Side::Partner && live.active[i] {
            for v in dep.depends_on(i) {
                exposure[v].push(i);
            }
        }
    }
    for list in &mut exposure {
        order.sort_by_id(list);
    }
    exposure
}
