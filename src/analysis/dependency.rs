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
use petgraph::graph::NodeIndex;
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

/// One depth-first search of the live graph from a root node, node-indexed:
/// discovery times, low-links, tree parents, and the nodes in discovery
/// order (parents before children). Only the root's component is seen.
#[derive(Debug, Clone)]
pub(crate) struct Search {
    pub root: NodeIndex,
    pub disc: Vec<u32>,
    pub low: Vec<u32>,
    /// The tree parent's node index; `usize::MAX` for the root and the unseen.
    pub parent: Vec<usize>,
    pub order: Vec<NodeIndex>,
}

impl Search {
    /// Whether node `w`'s tree parent (not the root) separates `w`'s
    /// subtree from the root: the parent's loss alone cuts the subtree off.
    pub fn separated(&self, w: usize) -> bool {
        let p = self.parent[w];
        p != usize::MAX && p != self.root.index() && self.low[w] >= self.disc[p]
    }
}

/// Runs the search over the live graph from our organisation.
pub fn dependency(live: &LiveGraph) -> Dependency {
    let search = search(live, live.org);
    let n_nodes = live.graph.node_count();
    let mut reachable = vec![false; live.active.len()];
    let mut separator = vec![None; live.active.len()];
    // Node-indexed nearest separator (as a node index), filled parents first.
    let mut sep_node = vec![usize::MAX; n_nodes];
    for &w in search.order.iter().skip(1) {
        let wi = w.index();
        let p = search.parent[wi];
        sep_node[wi] = if search.separated(wi) { p } else { sep_node[p] };
        if let Some(person) = live.person_at(w) {
            reachable[person] = true;
            if sep_node[wi] != usize::MAX {
                separator[person] = live.person_at(NodeIndex::new(sep_node[wi]));
            }
        }
    }
    Dependency {
        reachable,
        separator,
    }
}

/// The depth-first search from `root` (iteratively: no recursion depth
/// limit), with low-links over the live ties.
pub(crate) fn search(live: &LiveGraph, root: NodeIndex) -> Search {
    let g = &live.graph;
    let n_nodes = g.node_count();
    let mut disc = vec![UNSEEN; n_nodes];
    let mut low = vec![UNSEEN; n_nodes];
    let mut parent = vec![usize::MAX; n_nodes];
    let mut order = Vec::new();
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
    Search {
        root,
        disc,
        low,
        parent,
        order,
    }
}
