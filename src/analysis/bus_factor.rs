//! The bus factor (SPEC §4): the fewest active people whose departure
//! leaves no partner person reachable, with one such set of people.
//!
//! By Menger's theorem it is the maximum number of vertex-disjoint paths from
//! our organisation to the partner side. Each person becomes two nodes
//! (`in → out`, capacity 1) so that a unit of flow uses a person at most once;
//! our organisation feeds every one of our people, every partner person
//! drains into one sink, and petgraph's Dinic max-flow counts the paths. The
//! people whose `in` is still reachable from the source in the residual
//! network but whose `out` is not form a minimum cut.

use crate::graph::LiveGraph;
use crate::model::{Partnership, Side};
use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

/// The bus factor and one smallest set of people that cuts the partner off.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BusFactor {
    pub size: usize,
    /// Person indices (file order).
    pub people: Vec<usize>,
}

/// Computes the bus factor of the live graph; `reachable` comes from the
/// dependency search (no reachable partner person means 0).
pub fn bus_factor(p: &Partnership, live: &LiveGraph, reachable: &[bool]) -> BusFactor {
    let any_partner = p
        .people
        .iter()
        .enumerate()
        .any(|(i, x)| x.side == Side::Partner && reachable[i]);
    if !any_partner {
        return BusFactor::default();
    }
    // Only reachable people can carry flow.
    let n = p.people.len();
    let infinite = u32::try_from(n + 1).unwrap_or(u32::MAX);
    let mut net: DiGraph<(), u32> = DiGraph::new();
    let source = net.add_node(());
    let sink = net.add_node(());
    let mut split: Vec<Option<(NodeIndex, NodeIndex)>> = vec![None; n];
    for (i, person) in p.people.iter().enumerate() {
        if !reachable[i] {
            continue;
        }
        let (input, output) = (net.add_node(()), net.add_node(()));
        net.add_edge(input, output, 1);
        split[i] = Some((input, output));
        match person.side {
            Side::Ours => net.add_edge(source, input, infinite),
            Side::Partner => net.add_edge(output, sink, infinite),
        };
    }
    for tie in live.ties.iter().filter(|t| t.live) {
        if let (Some((a_in, a_out)), Some((b_in, b_out))) = (split[tie.a], split[tie.b]) {
            net.add_edge(a_out, b_in, infinite);
            net.add_edge(b_out, a_in, infinite);
        }
    }
    let (size, flows) = petgraph::algo::dinics(&net, source, sink);

    // Residual reachability from the source.
    let mut seen = vec![false; net.node_count()];
    let mut queue = vec![source];
    seen[source.index()] = true;
    while let Some(u) = queue.pop() {
        let forward = net
            .edges_directed(u, Direction::Outgoing)
            .filter(|e| flows[e.id().index()] < *e.weight())
            .map(|e| e.target());
        let backward = net
            .edges_directed(u, Direction::Incoming)
            .filter(|e| flows[e.id().index()] > 0)
            .map(|e| e.source());
        let next: Vec<NodeIndex> = forward.chain(backward).collect();
        for v in next {
            if !seen[v.index()] {
                seen[v.index()] = true;
                queue.push(v);
            }
        }
    }
    let people = split
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let (input, output) = (*s)?;
            (seen[input.index()] && !seen[output.index()]).then_some(i)
        })
        .collect();
    BusFactor {
        size: size as usize,
        people,
    }
}
