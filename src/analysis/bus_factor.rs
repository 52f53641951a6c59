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
    let Some(FlowNetwork { net, split }) = network(p, live, reachable) else {
        return BusFactor::default();
    };
    let (size, seen) = net.max_flow(SOURCE, SINK);
    BusFactor {
        size: size as usize,
        people: cut(&split, &seen),
    }
}

/// The people whose in-node the source reaches in the residual network
/// but whose out-node it does not: a smallest cut, nearest our side.
fn cut(split: &[Option<(u32, u32)>], seen: &[bool]) -> Vec<usize> {
    split
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let (input, output) = (*s)?;
            (seen[input as usize] && !seen[output as usize]).then_some(i)
        })
        .collect()
}

/// Per person, in the residual network of the bus factor's maximum flow:
/// whether the source reaches their out-node, and whether their in-node
/// reaches the sink (all false for the people not in the network). The
/// plan (SPEC §8) reads from these which new ties raise the bus factor.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sides {
    pub out_reached: Vec<bool>,
    pub in_reaches: Vec<bool>,
}

/// The bus factor, as [`bus_factor`] finds it, and the residual network's
/// [`Sides`] from the same maximum flow.
pub(crate) fn bus_factor_sides(
    p: &Partnership,
    live: &LiveGraph,
    reachable: &[bool],
) -> (BusFactor, Sides) {
    let n = p.people.len();
    let mut sides = Sides {
        out_reached: vec![false; n],
        in_reaches: vec![false; n],
    };
    let Some(FlowNetwork { net, split }) = network(p, live, reachable) else {
        return (BusFactor::default(), sides);
    };
    let r = net.max_flow_residual(SOURCE, SINK);
    for (i, nodes) in split.iter().enumerate() {
        if let Some((input, output)) = *nodes {
            sides.out_reached[i] = r.from_source[output as usize];
            sides.in_reaches[i] = r.to_sink[input as usize];
        }
    }
    let bus = BusFactor {
        size: r.flow as usize,
        people: cut(&split, &r.from_source),
    };
    (bus, sides)
}

/// The network's source (our organisation) and sink (the partner side).
const SOURCE: u32 = 0;
const SINK: u32 = 1;

/// The flow network of the bus factor, and per person their `(in, out)`
/// nodes (reachable people only).
struct FlowNetwork {
    net: Network,
    split: Vec<Option<(u32, u32)>>,
}

/// The network whose maximum flow is the bus factor; `None` when no
/// partner person is reachable (the bus factor is 0).
fn network(p: &Partnership, live: &LiveGraph, reachable: &[bool]) -> Option<FlowNetwork> {
    let any_partner = p
        .people
        .iter()
        .enumerate()
        .any(|(i, x)| x.side == Side::Partner && reachable[i]);
    if !any_partner {
        return None;
    }
    // Only reachable people can carry flow.
    let n = p.people.len();
    let infinite = u32::try_from(n + 1).unwrap_or(u32::MAX);
    let mut net = Network::new(2);
    let mut split: Vec<Option<(u32, u32)>> = vec![None; n];
    for (i, person) in p.people.iter().enumerate() {
        if !reachable[i] {
            continue;
        }
        let (input, output) = (net.add_node(), net.add_node());
        net.add_arc(input, output, 1);
        split[i] = Some((input, output));
        match person.side {
            Side::Ours => net.add_arc(SOURCE, input, infinite),
            Side::Partner => net.add_arc(output, SINK, infinite),
        }
    }
    // Only ties across the sides: every path from our side to theirs steps
    // across once, from one of ours straight to one of theirs, and those
    // two alone are a path, so the same-side ties never add one. Nor do
    // they change the minimum cut read off the residual network: a tie
    // between two of ours leads to an in-node the source reaches anyway,
    // and one between two of theirs leaves an out-node the source never
    // reaches (it would reach the sink).
    let cross = |t: &&crate::graph::LiveTie| p.people[t.a].side != p.people[t.b].side;
    for tie in live.ties.iter().filter(|t| t.live).filter(cross) {
        if let (Some((a_in, a_out)), Some((b_in, b_out))) = (split[tie.a], split[tie.b]) {
            net.add_arc(a_out, b_in, infinite);
            net.add_arc(b_out, a_in, infinite);
        }
    }
    Some(FlowNetwork { net, split })
}
