//! The live graph for an as-of date (SPEC §3): who is active, which pairs of
//! people are tied (by meetings held or by declaration), each tie's last
//! contact, strength and whether it is live, and a petgraph graph of the
//! live ties joined to one virtual node for our organisation.

use crate::date::day_number;
use crate::model::{Partnership, Side};
use jiff::civil::Date;
use petgraph::graph::{NodeIndex, UnGraph};

mod contacts;
mod indexed;
mod ties_of;
pub use contacts::large_events;
use contacts::{contacts, sorted_by_pair, stops_a_large_event, ties};
pub use indexed::Indexed;
pub use ties_of::TiesOf;

/// What the graph is built for: a day, and people imagined gone (what-if).
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub as_of: Date,
    /// Indices of people treated as having left, in memory only.
    pub gone: Vec<usize>,
}

impl Scenario {
    pub fn on(as_of: Date) -> Scenario {
        Scenario {
            as_of,
            gone: Vec::new(),
        }
    }
}

/// A tie between two active people, for the as-of date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LiveTie {
    /// The two people's indices, `a < b`.
    pub a: usize,
    pub b: usize,
    /// Declared in the file's `ties` (not only met).
    pub declared: bool,
    /// Declared with no (past) `last_contact`: live whatever its meetings.
    pub undated: bool,
    /// Latest of the shared meetings held and the declared last contact.
    pub last_contact: Option<Date>,
    /// Number of shared meetings held by the as-of date.
    pub meetings: u32,
    /// Sum of 0.5^(age / half-life) over shared meetings, plus 1 if declared.
    pub strength: f64,
    pub live: bool,
}

impl LiveTie {
    /// The other end of the tie from `person`.
    pub fn other(&self, person: usize) -> usize {
        if self.a == person { self.b } else { self.a }
    }
}

/// A node of the live graph: our organisation, or one active person (their
/// index; 32 bits, as the graph's own indices, so that a node and an edge
/// take fewer bytes and a search through the graph reads less memory).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Node {
    Org,
    Person(u32),
}

/// The live graph for one scenario.
#[derive(Debug, Clone)]
pub struct LiveGraph {
    pub as_of: Date,
    /// Per person (file order): counts in the graph on the as-of date.
    pub active: Vec<bool>,
    /// Every tie between active people, live or stale, ordered by (a, b).
    pub ties: Vec<LiveTie>,
    /// Per person: indices into `ties`, in order.
    pub ties_of: TiesOf,
    /// Our organisation, every active person, and the live ties (edge weight:
    /// index into `ties`; `None` for the edges from our organisation).
    pub graph: UnGraph<Node, Option<u32>>,
    pub org: NodeIndex,
    /// Per person: their node, when active.
    pub node_of: Vec<Option<NodeIndex>>,
}

/// Whether a meeting with `active` active attendees is a large event (SPEC
/// §3): more than `settings.large_meeting` of them. It stays on record but
/// ties nobody.
pub fn is_large_event(active: usize, p: &Partnership) -> bool {
    active > p.settings.large_meeting as usize
}

impl LiveGraph {
    pub fn build(p: &Partnership, scenario: &Scenario) -> LiveGraph {
        LiveGraph::build_indexed(p, scenario, &Indexed::of(p))
    }

    /// As [`LiveGraph::build`], with the ids of `p` looked up in `indexed`.
    pub fn build_indexed(p: &Partnership, scenario: &Scenario, indexed: &Indexed) -> LiveGraph {
        let as_of = scenario.as_of;
        let mut active: Vec<bool> = p.people.iter().map(|x| x.is_active_on(as_of)).collect();
        for &g in &scenario.gone {
            if let Some(slot) = active.get_mut(g) {
                *slot = false;
            }
        }
        let contacts = contacts(p, indexed, &active, day_number(as_of));
        let contacts = sorted_by_pair(contacts, p.people.len());
        let ties = ties(p, as_of, &contacts);
        LiveGraph::assemble(p, as_of, active, ties)
    }

    /// The graph of `ties` (ordered by pair) between the `active` people.
    fn assemble(p: &Partnership, as_of: Date, active: Vec<bool>, ties: Vec<LiveTie>) -> LiveGraph {
        let ties_of = TiesOf::of(p.people.len(), || ties.iter().map(|t| (t.a, t.b)));
        let (graph, org, node_of) = graph(p, &active, &ties);
        LiveGraph {
            as_of,
            active,
            ties,
            ties_of,
            graph,
            org,
            node_of,
        }
    }

    /// The live graph of the same day with the people in `gone` gone too,
    /// made from this one: the ties of everyone else stay exactly as they
    /// are, unless a meeting a gone person attended stops being a large
    /// event without them (it would then tie the others; `None`: build it
    /// again). `indexed` must be of `p`, the partnership this graph is of,
    /// and `large` this graph's [`large_events`].
    pub fn without(
        &self,
        p: &Partnership,
        (indexed, large): (&Indexed, &[usize]),
        gone: &[usize],
    ) -> Option<LiveGraph> {
        let mut active = self.active.clone();
        let mut left = false;
        for &g in gone {
            if let Some(slot) = active.get_mut(g) {
                left |= *slot;
                *slot = false;
            }
        }
        if left && stops_a_large_event(p, indexed, large, &active) {
            return None;
        }
        // The gone people's ties, in order; the runs between them are kept.
        let mut dropped: Vec<usize> = gone
            .iter()
            .filter_map(|&g| self.ties_of.get(g))
            .flatten()
            .copied()
            .collect();
        dropped.sort_unstable();
        dropped.dedup();
        let mut ties = Vec::with_capacity(self.ties.len() - dropped.len());
        let mut from = 0;
        for &t in &dropped {
            ties.extend_from_slice(&self.ties[from..t]);
            from = t + 1;
        }
        ties.extend_from_slice(&self.ties[from..]);
        Some(LiveGraph::assemble(p, self.as_of, active, ties))
    }

    /// The person at a graph node (`None` for our organisation).
    pub fn person_at(&self, node: NodeIndex) -> Option<usize> {
        match self.graph[node] {
            Node::Org => None,
            Node::Person(i) => Some(i as usize),
        }
    }

    pub fn live_tie_count(&self) -> usize {
        self.ties.iter().filter(|t| t.live).count()
    }

    pub fn stale_tie_count(&self) -> usize {
        self.ties.len() - self.live_tie_count()
    }
}

/// Our organisation, every active person, and the live ties between them.
fn graph(
    p: &Partnership,
    active: &[bool],
    ties: &[LiveTie],
) -> (
    UnGraph<Node, Option<u32>>,
    NodeIndex,
    Vec<Option<NodeIndex>>,
) {
    let live_count = ties.iter().filter(|t| t.live).count();
    let active_count = active.iter().filter(|&&a| a).count();
    let mut graph = UnGraph::with_capacity(active_count + 1, live_count + active_count);
    let org = graph.add_node(Node::Org);
    let mut node_of = vec![None; p.people.len()];
    for (i, person) in p.people.iter().enumerate() {
        if active[i] {
            let node = graph.add_node(Node::Person(i as u32));
            node_of[i] = Some(node);
            if person.side == Side::Ours {
                graph.add_edge(org, node, None);
            }
        }
    }
    for (t, tie) in ties.iter().enumerate() {
        if let (true, Some(a), Some(b)) = (tie.live, node_of[tie.a], node_of[tie.b]) {
            graph.add_edge(a, b, Some(t as u32));
        }
    }
    (graph, org, node_of)
}
