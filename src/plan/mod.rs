//! The plan (SPEC §8): which meetings to book so that the partnership hangs
//! on fewer people. Greedy: each step is the meeting, between one of our
//! people and a partner person without a live tie, after which the risk
//! score is lowest, with the steps before it taken; a step is listed only
//! when it lowers the score. Every figure a step states comes from the
//! whole analysis after it; the choice among all possible meetings is
//! exact (`choose.rs`, proved in docs/risk-model.md, tested against brute
//! force in tests/plan.rs).

mod choose;
mod shape;

use crate::analysis::{Parts, Risk, RiskKind, RisksOnly, Subject, parts_with_sides};
use crate::graph::{Indexed, LiveGraph, Scenario};
use crate::model::{Meeting, Partnership, Side};
use choose::{Choice, Ground, Ranks};
use jiff::civil::Date;
use shape::{Hanging, Shape};
use std::collections::HashMap;
use std::ops::{ControlFlow, RangeInclusive};

/// How many steps a plan lists unless asked (SPEC §8).
pub const DEFAULT_LIMIT: usize = 10;
/// The steps `--limit` accepts.
pub const LIMITS: RangeInclusive<usize> = 1..=100;

/// What a step does: meet again, or meet for the first time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The two have a stale tie: renew it.
    Renew,
    /// The two have no tie: someone introduces them.
    Introduce,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Renew => "renew",
            Action::Introduce => "introduce",
        }
    }
}

/// The headline figures of the partnership at one point of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub risk_score: u32,
    pub bus_factor: usize,
    /// Risks by severity, critical first.
    pub counts: [usize; 4],
}

impl Standing {
    fn of(risks: &RisksOnly) -> Standing {
        let mut counts = [0; 4];
        for risk in &risks.risks {
            counts[risk.severity as usize] += 1;
        }
        Standing {
            risk_score: risks.risk_score(),
            bus_factor: risks.bus_factor.size,
            counts,
        }
    }
}

/// One meeting of the plan and what the analysis shows after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub action: Action,
    /// Our person (an index into the people).
    pub ours: usize,
    /// The partner person.
    pub partner: usize,
    /// The last contact of their stale tie (renew); none for an introduction.
    pub last_contact: Option<Date>,
    /// For an introduction: who has the strongest live tie to the partner
    /// person (our side first), or nobody.
    pub via: Option<usize>,
    pub after: Standing,
    /// Risks gone or changed (as they were before), in risk-list order.
    pub removes: Vec<Risk>,
    /// Risks new or changed (as they are after), in risk-list order.
    pub adds: Vec<Risk>,
}

/// The plan for one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub scenario: Scenario,
    pub before: Standing,
    /// Empty when no meeting lowers the risk score.
    pub steps: Vec<Step>,
}

impl Plan {
    /// The figures after the last step (before the first when there is none).
    pub fn after(&self) -> Standing {
        self.steps.last().map_or(self.before, |s| s.after)
    }
}

/// The plan of at most `limit` steps for `scenario` (its people marked
/// gone are left out).
pub fn plan(p: &Partnership, scenario: &Scenario, limit: usize) -> Plan {
    plan_with(p, scenario, limit, |_| ControlFlow::Continue(()))
}

/// As [`plan`], calling `progress` with the number of steps found before
/// each next one is looked for; `Break` stops there (the plan so far is
/// returned).
pub fn plan_with(
    p: &Partnership,
    scenario: &Scenario,
    limit: usize,
    mut progress: impl FnMut(usize) -> ControlFlow<()>,
) -> Plan {
    let ranks = Ranks::of(p);
    let mut work = p.clone();
    let mut indexed = Indexed::of(&work);
    let mut now = parts_with_sides(&work, scenario, &indexed);
    let before = Standing::of(&now.risks);
    let mut hanging = Hanging::default();
    let mut steps = Vec::new();
    while steps.len() < limit && progress(steps.len()).is_continue() {
        let shape = Shape::of(&work, &now);
        let ground = Ground {
            p: &work,
            parts: &now,
            shape: &shape,
            ranks: &ranks,
        };
        let Some(choice) = choose::best(&ground, &mut hanging) else {
            break;
        };
        if choice.score >= shape.score {
            break;
        }
        let via = match choice.renew {
            Some(_) => None,
            None => via(&work, &now.live, &ranks, choice.partner),
        };
        work.meetings
            .push(meeting(&work, scenario.as_of, &choice, steps.len()));
        indexed.push_meeting(&work);
        let next = parts_with_sides(&work, scenario, &indexed);
        debug_assert_eq!(
            (next.risks.risk_score(), next.risks.bus_factor.size),
            (choice.score, choice.bus),
            "the plan's figures for {choice:?}"
        );
        steps.push(step(&now, &next, &choice, via));
        now = next;
    }
    Plan {
        scenario: scenario.clone(),
        before,
        steps,
    }
}

/// The meeting a step stands for: the two people, on the as-of date.
fn meeting(p: &Partnership, as_of: Date, choice: &Choice, rank: usize) -> Meeting {
    Meeting {
        id: format!("plan-{}", rank + 1),
        date: as_of,
        title: None,
        attendees: vec![
            p.people[choice.ours].id.clone(),
            p.people[choice.partner].id.clone(),
        ],
        notes: None,
        source: None,
        extra: Default::default(),
    }
}

fn step(now: &Parts, next: &Parts, choice: &Choice, via: Option<usize>) -> Step {
    let (removes, adds) = changes(&now.risks.risks, &next.risks.risks);
    Step {
        action: match choice.renew {
            Some(_) => Action::Renew,
            None => Action::Introduce,
        },
        ours: choice.ours,
        partner: choice.partner,
        last_contact: choice.renew.flatten(),
        via,
        after: Standing::of(&next.risks),
        removes,
        adds,
    }
}

/// The risks gone and new between two sorted lists, compared by (kind,
/// subject); one whose severity, weight or people changed is in both.
pub fn changes(before: &[Risk], after: &[Risk]) -> (Vec<Risk>, Vec<Risk>) {
    fn index(risks: &[Risk]) -> HashMap<(RiskKind, Subject), &Risk> {
        risks.iter().map(|r| ((r.kind, r.subject), r)).collect()
    }
    let same = |x: &Risk, y: &Risk| {
        x.severity == y.severity && x.weight == y.weight && x.people == y.people
    };
    let only_in = |list: &[Risk], other: &HashMap<(RiskKind, Subject), &Risk>| -> Vec<Risk> {
        list.iter()
            .filter(|r| other.get(&(r.kind, r.subject)).is_none_or(|o| !same(r, o)))
            .cloned()
            .collect()
    };
    (
        only_in(before, &index(after)),
        only_in(after, &index(before)),
    )
}

/// Who can introduce someone to `partner`: the active person with the
/// strongest live tie to them, our side first, then by name in lower case
/// and id; nobody when they have no live tie.
fn via(p: &Partnership, live: &LiveGraph, ranks: &Ranks, partner: usize) -> Option<usize> {
    live.ties_of[partner]
        .iter()
        .map(|&t| &live.ties[t])
        .filter(|t| t.live)
        .map(|t| (t.other(partner), t.strength))
        .min_by(|&(x, sx), &(y, sy)| {
            let theirs = |i: usize| p.people[i].side != Side::Ours;
            theirs(x)
                .cmp(&theirs(y))
                .then(sy.total_cmp(&sx))
                .then(ranks.name_order(x, y))
        })
        .map(|(x, _)| x)
}
