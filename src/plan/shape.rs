//! What one step of the plan needs to know of the partnership as it stands,
//! so that the risk score after any candidate meeting is a sum of a few
//! looked-up numbers (docs/risk-model.md, "How the plan is computed",
//! proves each one):
//!
//! - per reachable partner person p, the **chain** of the separators on
//!   every path to p, and what each separator's pair would stop weighing
//!   if p were tied to our side directly;
//! - per unreachable partner person p, their **component** (the partner
//!   people reached once p is) and what the component would weigh then;
//! - the **residual network** of the bus factor's maximum flow, which says
//!   for which new ties the bus factor goes up by one.

use crate::analysis::{self, Parts, Search, importance};
use crate::graph::LiveGraph;
use crate::model::{Level, Partnership, Side, Stance};
use petgraph::graph::NodeIndex;

const NONE: usize = usize::MAX;

/// The figures of one step's starting point, per person (file order).
pub(super) struct Shape {
    pub score: u32,
    pub bus: usize,
    /// Some active partner champion is reachable.
    pub champion_reached: bool,
    pub importance: Vec<u32>,
    /// Partner people: how many of our active people have a live tie to them.
    pub coverage: Vec<u32>,
    /// Partner people: how many of our active people have a stale tie with them.
    pub stale: Vec<u32>,
    /// Reachable partner people: the weight of every single-point pair
    /// (separator, its child towards them) that a direct tie would end.
    pub chain: Vec<u32>,
    /// Reachable partner people: the separator nearest our organisation and
    /// the weight of its pair; a tie through that very person keeps it.
    pub top: Vec<Option<(usize, u32)>>,
    /// Our people: their out-node is reached from the source in the residual
    /// network of the bus factor's flow.
    pub out_reached: Vec<bool>,
    /// Reachable partner people: their in-node reaches the sink.
    pub in_reaches: Vec<bool>,
    /// Partner executives with no live tie to an executive of ours.
    pub exec_gap: Vec<bool>,
    /// Unreachable partner people: their component (an index into `components`).
    pub component: Vec<usize>,
    pub components: Vec<Component>,
}

/// A set of unreachable partner people joined by live ties: reaching one of
/// them reaches them all.
#[derive(Debug, Clone, Default)]
pub(super) struct Component {
    pub members: Vec<usize>,
    /// The weight of their `unreachable` risks.
    pub unreachable: u32,
    /// The weight of the `single-threaded` risks they would all have once
    /// reached (executives, key people, champions and seniors).
    pub threaded: u32,
    pub champion: bool,
}

/// The single-point weight an unreachable partner person's component would
/// add if reached through them, per person; kept from step to step (a
/// component changes only when it is reached, and then it is no longer
/// asked about).
#[derive(Debug, Default)]
pub(super) struct Hanging(Vec<Option<u32>>);

impl Shape {
    pub fn of(p: &Partnership, parts: &Parts) -> Shape {
        let live = &parts.live;
        let reachable = &parts.dependency.reachable;
        let importance: Vec<u32> = p.people.iter().map(importance).collect();
        let (chain, top) = chains(p, live, &importance);
        let (component, components) = components(p, live, reachable, &importance);
        Shape {
            score: parts.risks.risk_score(),
            bus: parts.risks.bus_factor.size,
            champion_reached: (0..p.people.len()).any(|i| {
                is_partner(p, live, i)
                    && reachable[i]
                    && p.people[i].stance == Some(Stance::Champion)
            }),
            coverage: ties_with_ours(p, live, true),
            stale: ties_with_ours(p, live, false),
            exec_gap: exec_gap(p, live),
            importance,
            chain,
            top,
            out_reached: parts.sides.out_reached.clone(),
            in_reaches: parts.sides.in_reaches.clone(),
            component,
            components,
        }
    }
}

fn is_partner(p: &Partnership, live: &LiveGraph, i: usize) -> bool {
    live.active[i] && p.people[i].side == Side::Partner
}

/// Per partner person: their live (or stale) ties with our active people.
fn ties_with_ours(p: &Partnership, live: &LiveGraph, live_ones: bool) -> Vec<u32> {
    let mut out = vec![0; p.people.len()];
    for tie in live.ties.iter().filter(|t| t.live == live_ones) {
        for (x, y) in [(tie.a, tie.b), (tie.b, tie.a)] {
            if p.people[x].side == Side::Partner && p.people[y].side == Side::Ours {
                out[x] += 1;
            }
        }
    }
    out
}

/// Per active partner executive: no live tie to an executive of ours.
fn exec_gap(p: &Partnership, live: &LiveGraph) -> Vec<bool> {
    let exec = |i: usize| p.people[i].level == Level::Executive;
    let mut gap: Vec<bool> = (0..p.people.len())
        .map(|i| is_partner(p, live, i) && exec(i))
        .collect();
    for tie in live
        .ties
        .iter()
        .filter(|t| t.live && exec(t.a) && exec(t.b))
    {
        if p.people[tie.a].side != p.people[tie.b].side {
            gap[tie.a] = false;
            gap[tie.b] = false;
        }
    }
    gap
}

/// Per reachable partner person: the chain's weight and its top pair.
///
/// In the depth-first search from our organisation, a person v (not the
/// root) with a child c whose low-link does not climb above v separates
/// c's whole subtree; the partner people in that subtree are the part of
/// v's exposure on c's side, and `sub[c]` is their importance. A person's
/// chain is every such pair (v, c) above them.
fn chains(
    p: &Partnership,
    live: &LiveGraph,
    importance: &[u32],
) -> (Vec<u32>, Vec<Option<(usize, u32)>>) {
    let s = analysis::search(live, live.org);
    let n = live.graph.node_count();
    let mut sub = vec![0u32; n];
    for &w in &s.order {
        if let Some(i) = live
            .person_at(w)
            .filter(|&i| p.people[i].side == Side::Partner)
        {
            sub[w.index()] = importance[i];
        }
    }
    for &w in s.order.iter().rev() {
        let parent = s.parent[w.index()];
        if parent != NONE {
            sub[parent] += sub[w.index()];
        }
    }
    // Node-indexed: the child c of the nearest separating pair at or above
    // the node, the chain's weight, and its top pair (node, weight).
    let mut child = vec![NONE; n];
    let mut sum = vec![0u32; n];
    let mut top: Vec<Option<(usize, u32)>> = vec![None; n];
    for &w in s.order.iter().skip(1) {
        let wi = w.index();
        child[wi] = if s.separated(wi) {
            wi
        } else {
            child[s.parent[wi]]
        };
        let c = child[wi];
        if c != NONE {
            let v = s.parent[c];
            sum[wi] = sub[c] + sum[v];
            top[wi] = top[v].or(Some((v, sub[c])));
        }
    }
    let people = p.people.len();
    let mut chain = vec![0; people];
    let mut tops = vec![None; people];
    for i in 0..people {
        if let Some(node) = live.node_of[i] {
            chain[i] = sum[node.index()];
            tops[i] = top[node.index()]
                .and_then(|(v, weight)| Some((live.person_at(NodeIndex::new(v))?, weight)));
        }
    }
    (chain, tops)
}

/// The components of the unreachable active partner people over live ties
/// (every neighbour of an unreachable person is unreachable too).
fn components(
    p: &Partnership,
    live: &LiveGraph,
    reachable: &[bool],
    importance: &[u32],
) -> (Vec<usize>, Vec<Component>) {
    let mut component = vec![NONE; p.people.len()];
    let mut components = Vec::new();
    for start in 0..p.people.len() {
        if !is_partner(p, live, start) || reachable[start] || component[start] != NONE {
            continue;
        }
        let at = components.len();
        let mut c = Component::default();
        component[start] = at;
        let mut stack = vec![start];
        while let Some(i) = stack.pop() {
            let person = &p.people[i];
            c.members.push(i);
            c.unreachable += 3 * importance[i];
            if person.is_vip() || person.level == Level::Senior {
                c.threaded += importance[i];
            }
            c.champion |= person.stance == Some(Stance::Champion);
            for &t in &live.ties_of[i] {
                let other = live.ties[t].other(i);
                if live.ties[t].live && component[other] == NONE {
                    component[other] = at;
                    stack.push(other);
                }
            }
        }
        components.push(c);
    }
    (component, components)
}

impl Hanging {
    /// The single-point weight that reaching unreachable partner person
    /// `p` through one of our people would add: every member w of p's
    /// component then depends on that person of ours, on p (w ≠ p), and on
    /// the separators between p and w inside the component.
    pub fn of(&mut self, p: &Partnership, live: &LiveGraph, shape: &Shape, person: usize) -> u32 {
        if self.0.len() < p.people.len() {
            self.0.resize(p.people.len(), None);
        }
        if let Some(known) = self.0[person] {
            return known;
        }
        let c = &shape.components[shape.component[person]];
        let weight = if c.members.len() == 1 {
            shape.importance[person]
        } else {
            rooted(live, shape, person)
        };
        self.0[person] = Some(weight);
        weight
    }
}

/// Σ over the component of I(w) × (1 + [w ≠ root] + separators between
/// the root and w), by one search from the root.
fn rooted(live: &LiveGraph, shape: &Shape, root: usize) -> u32 {
    let Some(node) = live.node_of[root] else {
        return 0;
    };
    let s: Search = analysis::search(live, node);
    let mut depth = vec![0u32; live.graph.node_count()];
    let mut child = vec![NONE; live.graph.node_count()];
    let mut total = 0;
    for &w in &s.order {
        let wi = w.index();
        let mut separators = 0;
        if w != node {
            child[wi] = if s.separated(wi) {
                wi
            } else {
                child[s.parent[wi]]
            };
            if child[wi] != NONE {
                depth[wi] = 1 + depth[s.parent[child[wi]]];
            }
            separators = 1 + depth[wi];
        }
        if let Some(i) = live.person_at(w) {
            total += shape.importance[i] * (1 + separators);
        }
    }
    total
}
