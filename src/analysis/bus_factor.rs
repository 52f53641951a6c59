//! The bus factor (SPEC §4): the fewest active people whose departure
//! leaves no partner person reachable, with one such set of people.
//!
//! By Menger's theorem it is the maximum number of vertex-disjoint paths
//! from our organisation to the partner side. Every such path can be cut
//! short at its first step across the sides (our organisation reaches each
//! of our people directly, and a partner person ends the path), so the
//! paths are a matching of our people to theirs over the live ties across
//! the sides, and the bus factor is the size of a maximum matching
//! (`matching.rs`, Hopcroft–Karp). By König's theorem a smallest set of
//! people that cuts every path is a smallest vertex cover of those ties;
//! the one given is the cover nearest our side: our people no alternating
//! path from a free one of ours reaches, and their people one does. It is
//! the same whichever maximum matching is found (it is the minimum cut
//! nearest the source of the flow network with each person split into
//! `in → out`, which every maximum flow's residual network gives alike).

use super::matching::{Bipartite, Matching};
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
    let Some(ties) = Across::of(p, live, reachable) else {
        return BusFactor::default();
    };
    let matching = Matching::of(&ties.graph);
    ties.bus_factor(p, reachable, &matching)
}

/// Per person, in the residual network of the bus factor's maximum flow
/// (each person split into `in → out`, our organisation feeding our
/// people's in-nodes, their people's out-nodes draining to the sink):
/// whether the source reaches their out-node, and whether their in-node
/// reaches the sink (all false for the people not in the network: those
/// not reachable). The plan (SPEC §8) reads from these which new ties raise
/// the bus factor. Read off the matching: an out-node of ours is reached
/// exactly when an alternating path from a free one of ours reaches them,
/// theirs never (it would reach the sink); an in-node of theirs reaches the
/// sink exactly when they are free or an alternating path leads them to a
/// free one of theirs, ours never (that would be a path to augment).
#[derive(Debug, Clone, Default)]
pub(crate) struct Sides {
    pub out_reached: Vec<bool>,
    pub in_reaches: Vec<bool>,
}

/// The bus factor, as [`bus_factor`] finds it, and the residual network's
/// [`Sides`] from the same maximum matching.
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
    let Some(ties) = Across::of(p, live, reachable) else {
        return (BusFactor::default(), sides);
    };
    let matching = Matching::of(&ties.graph);
    let from_ours = matching.reached_from_free_left(&ties.graph);
    let theirs = (0..n).filter(|&i| reachable[i] && p.people[i].side == Side::Partner);
    let to_theirs = matching.reaching_free_right(&ties.graph, theirs.map(|i| i as u32));
    for (i, person) in p.people.iter().enumerate() {
        if reachable[i] {
            match person.side {
                Side::Ours => sides.out_reached[i] = from_ours[i],
                Side::Partner => sides.in_reaches[i] = to_theirs[i],
            }
        }
    }
    (
        ties.bus_factor_from(p, reachable, &matching, &from_ours),
        sides,
    )
}

/// The live ties across the sides between reachable people, as a bipartite
/// graph on the person indices (our people on the left).
struct Across {
    graph: Bipartite,
}

impl Across {
    /// `None` when no partner person is reachable (the bus factor is 0).
    fn of(p: &Partnership, live: &LiveGraph, reachable: &[bool]) -> Option<Across> {
        let any_partner = p
            .people
            .iter()
            .enumerate()
            .any(|(i, x)| x.side == Side::Partner && reachable[i]);
        if !any_partner {
            return None;
        }
        // Read for every tie: a flat list of flags, not the people's records.
        let is_ours: Vec<bool> = p.people.iter().map(|x| x.side == Side::Ours).collect();
        let ours = |i: usize| is_ours[i];
        let left = (0..p.people.len())
            .filter(|&i| reachable[i] && ours(i))
            .map(|i| i as u32)
            .collect();
        // Only ties across the sides: a tie between two of ours or two of
        // theirs is never a path's first step across.
        let edges: Vec<(u32, u32)> = live
            .ties
            .iter()
            .filter(|t| t.live && reachable[t.a] && reachable[t.b] && ours(t.a) != ours(t.b))
            .map(|t| if ours(t.a) { (t.a, t.b) } else { (t.b, t.a) })
            .map(|(x, y)| (x as u32, y as u32))
            .collect();
        Some(Across {
            graph: Bipartite::new(p.people.len(), left, &edges),
        })
    }

    fn bus_factor(&self, p: &Partnership, reachable: &[bool], matching: &Matching) -> BusFactor {
        let from_ours = matching.reached_from_free_left(&self.graph);
        self.bus_factor_from(p, reachable, matching, &from_ours)
    }

    /// The size of the matching and the cover nearest our side: our
    /// people not reached from a free one of ours, their people reached.
    fn bus_factor_from(
        &self,
        p: &Partnership,
        reachable: &[bool],
        matching: &Matching,
        from_ours: &[bool],
    ) -> BusFactor {
        let people = (0..p.people.len())
            .filter(|&i| reachable[i] && (p.people[i].side == Side::Ours) != from_ours[i])
            .collect();
        BusFactor {
            size: matching.size,
            people,
        }
    }
}
