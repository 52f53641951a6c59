//! The bus factor (SPEC §4): the fewest active people whose departure
//! leaves no partner person reachable, with one such set of people.
//!
//! By Menger's theorem it is the maximum number of vertex-disjoint paths from
//! our organisation to the partner side. Each person becomes two nodes
//! (`in → out`, capacity 1) so that a unit of flow uses a person at most once;
//! our organisation feeds every one of our people, every partner person
//! drains into one sink, and a Dinic max-flow (`max_flow.rs`) counts the paths. The
//! people whose `in` is still reachable from the source in the residual
//! network but whose `out` is not form a minimum cut.

use super::max_flow::Network;
use crate::graph::LiveGraph;
use crate::model::{Partnership, Side};

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
    let mut net = Network::new(2);
    let (source, sink) = (0, 1);
    let mut split: Vec<Option<(u32, u32)>> = vec![None; n];
    for (i, person) in p.people.iter().enumerate() {
        if !reachable[i] {
            continue;
        }
        let (input, output) = (net.add_node(), net.add_node());
        net.add_arc(input, output, 1);
        split[i] = Some((input, output));
        match person.side {
            Side::Ours => net.add_arc(source, input, infinite),
            Side::Partner => net.add_arc(output, sink, infinite),
        }
    }
    for tie in live.ties.iter().filter(|t| t.live) {
        if let (Some((a_in, a_out)), Some((b_in, b_out))) = (split[tie.a], split[tie.b]) {
            net.add_arc(a_out, b_in, infinite);
            net.add_arc(b_out, a_in, infinite);
        }
    }
    let (size, seen) = net.max_flow(source, sink);
    let people = split
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let (input, output) = (*s)?;
            (seen[input as usize] && !seen[output as usize]).then_some(i)
        })
        .collect();
    BusFactor {
        size: size as usize,
        people,
    }
}
