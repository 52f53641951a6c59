//! Coverage, dependency, bus factor and risks for one scenario (SPEC §4–5),
//! as facts: person indices, counts and dates. [`crate::words`] says them.

mod bus_factor;
mod changes;
mod coverage;
mod dependency;
mod max_flow;
mod risks;

pub use bus_factor::{BusFactor, bus_factor};
pub use changes::{Move, MoveKind, RiskChange, risk_changes};
pub use coverage::{Coverage, coverage};
pub use dependency::{Dependency, dependency};
pub use risks::{Risk, RiskFacts, RiskKind, Severity, Subject, importance, risk_score, sort_risks};

use crate::graph::{LiveGraph, Scenario};
use crate::model::{Partnership, Side};

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
/// words): what [`Analysis::risks_only`] returns, for the plan to run once
/// per candidate step.
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
        let live = LiveGraph::build(p, scenario);
        let dependency = dependency(&live);
        let (exposure, RisksOnly { bus_factor, risks }) = assess(p, &live, &dependency);
        let coverage = coverage(p, &live, &dependency);
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
        let live = LiveGraph::build(p, scenario);
        let dependency = dependency(&live);
        assess(p, &live, &dependency).1
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

/// Sorts person indices by id (code point order).
pub fn sort_by_id(p: &Partnership, people: &mut [usize]) {
    people.sort_unstable_by(|&x, &y| p.people[x].id.cmp(&p.people[y].id));
}

/// The exposure of each person, the bus factor and the risks.
fn assess(p: &Partnership, live: &LiveGraph, dep: &Dependency) -> (Vec<Vec<usize>>, RisksOnly) {
    let exposure = exposure(p, live, dep);
    let bus_factor = bus_factor(p, live, &dep.reachable);
    let risks = risks::risks(&risks::Found {
        p,
        live,
        reachable: &dep.reachable,
        exposure: &exposure,
        bus_factor: &bus_factor,
    });
    (exposure, RisksOnly { bus_factor, risks })
}

/// For each active person v: the partner people whose "depends on" holds v.
fn exposure(p: &Partnership, live: &LiveGraph, dep: &Dependency) -> Vec<Vec<usize>> {
    let mut exposure = vec![Vec::new(); p.people.len()];
    for (i, person) in p.people.iter().enumerate() {
        if person.side == Side::Partner && live.active[i] {
            for v in dep.depends_on(i) {
                exposure[v].push(i);
            }
        }
    }
    for list in &mut exposure {
        sort_by_id(p, list);
    }
    exposure
}
