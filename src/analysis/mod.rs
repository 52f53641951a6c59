//! Coverage, dependency, bus factor and risks for one scenario (SPEC §4–5).

mod bus_factor;
mod changes;
mod coverage;
mod dependency;
mod max_flow;
mod risks;
mod words;

pub use bus_factor::{BusFactor, bus_factor};
pub use changes::risk_changes;
pub use coverage::{Coverage, coverage};
pub use dependency::{Dependency, dependency};
pub use risks::{Risk, RiskKind, Severity, Subject, risks};
pub use words::{cut_off_if, if_all_left};

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

impl Analysis {
    /// Runs the whole analysis.
    pub fn run(p: &Partnership, scenario: &Scenario) -> Analysis {
        let live = LiveGraph::build(p, scenario);
        let dependency = dependency(&live);
        let exposure = exposure(p, &live, &dependency);
        let coverage = coverage(p, &live, &dependency);
        let bus_factor = bus_factor(p, &live, &dependency.reachable);
        let mut analysis = Analysis {
            scenario: scenario.clone(),
            live,
            dependency,
            exposure,
            coverage,
            bus_factor,
            risks: Vec::new(),
        };
        analysis.risks = risks(p, &analysis);
        analysis
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
