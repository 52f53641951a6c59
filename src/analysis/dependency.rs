//! Reachability and "depends on" (SPEC §4) in linear time, from one
//! depth-first search of the live graph rooted at our organisation.
//!
//! With discovery times and low-links, a vertex `v` (not the root) separates
//! its DFS-tree child `c`'s subtree from the root exactly when
//! `low[c] >= disc[v]` — `v` is then the cut vertex of the block holding the
//! edge `v–c` on the block-cut tree's path to the root. The separators of a
//! node `w` are ancestors of `w`, and they form a chain: the nearest one is
//! `w`'s parent when the parent separates `w`, else the nearest separator of
//! the parent. Following that chain gives "depends on" without removing
//! anyone.

use crate::graph::LiveGraph;
use petgraph::visit::EdgeRef;

const UNSEEN: u32 = u32::MAX;

/// Per person (file order): reachable from our organisation, and for each
/// reachable person the nearest person whose loss would cut them off.
#[derive(Debug, Clone)]
pub struct Dependency {
    pub reachable: Vec<bool>,
    /// Nearest separating person; following it gives the whole chain.
    pub separator: Vec<Option<usize>>,
}

impl Dependency {
    /// Everyone whose departure alone would cut `person` off from our
    /// organisation, nearest first; empty when `person` is unreachable.
    pub fn depends_on(&self, person: usize) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut at = self.separator.get(person).copied().flatten();
        while let Some(v) = at {
            chain.push(v);
            at = self.separator[v];
        }
        chain
    }
}

/// Runs the search over the live graph (iteratively: no recursion depth limit).
pub fn dependency(live: &LiveGraph) -> Dependency {
    let g = &live.graph;
    let n_nodes = g.node_count();
    let n_people = live.active.len();
    let mut disc = vec![UNSEEN; n_nodes];
    let mut low = vec![UNSEEN; n_nodes];
    let mut parent = vec![usize::MAX; n_nodes];
    let mut order = Vec::with_capacity(n_nodes);
    let root = live.org;
    let mut time = 0u32;

    disc[root.index()] = time;
    low[root.index()] = time;
    order.push(root);
    let mut stack = vec![(root, None, g.edges(root))];
    while let Some((v, via, edges)) = stack.last_mut() {
        let (v, via) = (*v, *via);
        match edges.next() {
            Some(edge) => {
                if Some(edge.id()) == via {
                    continue;
                }
                let w = if edge.source() == v {
                    edge.target()
                } else {
                    edge.source()
                };
                let (vi, wi) = (v.index(), w.index());
                if disc[wi] == UNSEEN {
                    time += 1;
                    disc[wi] = time;
                    low[wi] = time;
                    parent[wi] = vi;
                    order.push(w);
                    stack.push((w, Some(edge.id()), g.edges(w)));
                } else {
                    low[vi] = low[vi].min(disc[wi]);
                }
            }
            None => {
                stack.pop();
                let p = parent[v.index()];
                if p != usize::MAX {
                    low[p] = low[p].min(low[v.index()]);
                }
            }
        }
    }

    let mut reachable = vec![false; n_people];
    let mut separator = vec![None; n_people];
    // Node-indexed nearest separator (as a node index), filled parents first.
    let mut sep_node = vec![usize::MAX; n_nodes];
    for &w in order.iter().skip(1) {
        let wi = w.index();
        let p = parent[wi];
        sep_node[wi] = if p != root.index() && low[wi] >= disc[p] {
            p
        } else {
            sep_node[p]
        };
        if let Some(person) = live.person_at(w) {
            reachable[person] = true;
            if sep_node[wi] != usize::MAX {
                separator[person] = live.person_at(petgraph::graph::NodeIndex::new(sep_node[wi]));
            }
        }
    }
    Dependency {
        reachable,
        separator,
    }
}
