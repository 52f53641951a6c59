//! A maximum matching of a bipartite graph (Hopcroft–Karp, after a greedy
//! start), and what König's theorem reads off it: the smallest vertex cover
//! nearest the left side, and which vertices an alternating path joins to a
//! free vertex.
//!
//! Vertices are numbered `0..n`; which side each is on is the caller's
//! business (`left` lists the left ones). Every phase is O(E) with a
//! current-arc pointer per vertex, and there are O(√V) phases; no recursion,
//! so no depth limit at any size.

/// No mate.
const NONE: u32 = u32::MAX;
/// Not reached in this phase.
const FAR: u32 = u32::MAX;

/// An undirected bipartite graph as adjacency lists (compressed).
#[derive(Debug, Clone, Default)]
pub(crate) struct Bipartite {
    /// Vertex `v`'s neighbours are `adj[start[v]..start[v + 1]]`.
    start: Vec<u32>,
    adj: Vec<u32>,
    /// The left vertices, in the order the matching tries them.
    left: Vec<u32>,
}

impl Bipartite {
    /// The graph on `n` vertices with the `edges` (left vertex, right
    /// vertex); `left` lists the left vertices.
    pub fn new(n: usize, left: Vec<u32>, edges: &[(u32, u32)]) -> Bipartite {
        let mut start = vec![0u32; n + 1];
        for &(x, y) in edges {
            start[x as usize + 1] += 1;
            start[y as usize + 1] += 1;
        }
        for v in 0..n {
            start[v + 1] += start[v];
        }
        let mut fill = start.clone();
        let mut adj = vec![0u32; edges.len() * 2];
        for &(x, y) in edges {
            for (from, to) in [(x, y), (y, x)] {
                adj[fill[from as usize] as usize] = to;
                fill[from as usize] += 1;
            }
        }
        Bipartite { start, adj, left }
    }

    fn neighbours(&self, v: u32) -> &[u32] {
        let v = v as usize;
        &self.adj[self.start[v] as usize..self.start[v + 1] as usize]
    }

    fn vertices(&self) -> usize {
        self.start.len() - 1
    }
}

/// A maximum matching: each vertex's mate.
#[derive(Debug, Clone)]
pub(crate) struct Matching {
    mate: Vec<u32>,
    pub size: usize,
}

impl Matching {
    /// A maximum matching of `g`.
    pub fn of(g: &Bipartite) -> Matching {
        let mut m = Matching {
            mate: vec![NONE; g.vertices()],
            size: 0,
        };
        m.greedy(g);
        let mut phase = Phase::new(g.vertices());
        while phase.layers(g, &m.mate) {
            for &v in &g.left {
                if m.mate[v as usize] == NONE && phase.augment(g, &mut m.mate, v) {
                    m.size += 1;
                }
            }
        }
        m
    }

    /// Each left vertex takes its first free neighbour.
    fn greedy(&mut self, g: &Bipartite) {
        for &v in &g.left {
            if let Some(&w) = g
                .neighbours(v)
                .iter()
                .find(|&&w| self.mate[w as usize] == NONE)
            {
                self.mate[v as usize] = w;
                self.mate[w as usize] = v;
                self.size += 1;
            }
        }
    }

    fn free(&self, v: u32) -> bool {
        self.mate[v as usize] == NONE
    }

    /// Per vertex: whether an alternating path (an edge out of the matching
    /// from a left vertex, the matched edge back from a right one) reaches
    /// it from a free left vertex. By König's theorem the left vertices
    /// not reached and the right ones reached are a smallest vertex cover:
    /// the one nearest the left side.
    pub fn reached_from_free_left(&self, g: &Bipartite) -> Vec<bool> {
        let mut seen = vec![false; g.vertices()];
        let mut queue: Vec<u32> = g.left.iter().copied().filter(|&v| self.free(v)).collect();
        for &v in &queue {
            seen[v as usize] = true;
        }
        let mut head = 0;
        while let Some(&v) = queue.get(head) {
            head += 1;
            for &w in g.neighbours(v) {
                if !seen[w as usize] {
                    seen[w as usize] = true;
                    let back = self.mate[w as usize];
                    if back != NONE && !seen[back as usize] {
                        seen[back as usize] = true;
                        queue.push(back);
                    }
                }
            }
        }
        seen
    }

    /// Per vertex: whether it is a right vertex from which an alternating
    /// path (the matched edge to a left vertex, then any edge to a right
    /// one) reaches a free right vertex; `right` says which vertices are
    /// right ones.
    pub fn reaching_free_right(
        &self,
        g: &Bipartite,
        right: impl Iterator<Item = u32>,
    ) -> Vec<bool> {
        let mut reaches = vec![false; g.vertices()];
        let mut queue: Vec<u32> = right.filter(|&v| self.free(v)).collect();
        for &v in &queue {
            reaches[v as usize] = true;
        }
        let mut head = 0;
        while let Some(&w) = queue.get(head) {
            head += 1;
            for &v in g.neighbours(w) {
                let back = self.mate[v as usize];
                if back != NONE && !reaches[back as usize] {
                    reaches[back as usize] = true;
                    queue.push(back);
                }
            }
        }
        reaches
    }
}

/// The work arrays of Hopcroft–Karp's phases.
struct Phase {
    /// Per left vertex: its layer in this phase (`FAR`: not reached, or
    /// found to lead nowhere).
    dist: Vec<u32>,
    /// The layer at which a free right vertex was first found.
    limit: u32,
    /// Per vertex: the next neighbour to try (current-arc pointer).
    next: Vec<u32>,
    queue: Vec<u32>,
    /// The path being grown: left vertices, and the right one taken after each.
    path: Vec<(u32, u32)>,
}

impl Phase {
    fn new(n: usize) -> Phase {
        Phase {
            dist: vec![FAR; n],
            limit: FAR,
            next: vec![0; n],
            queue: Vec::new(),
            path: Vec::new(),
        }
    }

    /// Layers the left vertices by breadth-first search from the free ones
    /// along alternating paths; whether a free right vertex is reached.
    fn layers(&mut self, g: &Bipartite, mate: &[u32]) -> bool {
        self.dist.fill(FAR);
        self.queue.clear();
        for &v in &g.left {
            if mate[v as usize] == NONE {
                self.dist[v as usize] = 0;
                self.queue.push(v);
            }
        }
        self.limit = FAR;
        let mut head = 0;
        while let Some(&v) = self.queue.get(head) {
            head += 1;
            let d = self.dist[v as usize];
            if d >= self.limit {
                break;
            }
            for &w in g.neighbours(v) {
                match mate[w as usize] {
                    NONE => self.limit = self.limit.min(d),
                    back if self.dist[back as usize] == FAR => {
                        self.dist[back as usize] = d + 1;
                        self.queue.push(back);
                    }
                    _ => {}
                }
            }
        }
        for &v in &g.left {
            self.next[v as usize] = g.start[v as usize];
        }
        self.limit != FAR
    }

    /// Looks for a shortest augmenting path from the free left vertex
    /// `root` along the layers, depth first; flips it when found.
    fn augment(&mut self, g: &Bipartite, mate: &mut [u32], root: u32) -> bool {
        self.path.clear();
        let mut at = root;
        loop {
            let v = at as usize;
            if self.next[v] == g.start[v + 1] {
                // A dead end: nothing from here this phase.
                self.dist[v] = FAR;
                match self.path.pop() {
                    Some((back, _)) => at = back,
                    None => return false,
                }
                continue;
            }
            let w = g.adj[self.next[v] as usize];
            self.next[v] += 1;
            let d = self.dist[v];
            match mate[w as usize] {
                NONE if d == self.limit => {
                    self.path.push((at, w));
                    for &(x, y) in &self.path {
                        mate[x as usize] = y;
                        mate[y as usize] = x;
                    }
                    return true;
                }
                NONE => {}
                back if d < self.limit && self.dist[back as usize] == d + 1 => {
                    self.path.push((at, w));
                    at = back;
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::{Bipartite, Matching};
    use proptest::prelude::*;

    /// The largest matching by trying every subset of edges.
    fn brute(n: usize, edges: &[(u32, u32)]) -> usize {
        let mut best = 0;
        for set in 0u32..(1 << edges.len()) {
            let mut used = vec![false; n];
            let mut ok = true;
            for (k, &(x, y)) in edges.iter().enumerate() {
                if set & (1 << k) != 0 {
                    ok &= !used[x as usize] && !used[y as usize];
                    used[x as usize] = true;
                    used[y as usize] = true;
                }
            }
            if ok {
                best = best.max(set.count_ones() as usize);
            }
        }
        best
    }

    #[test]
    fn a_greedy_start_is_repaired_by_an_augmenting_path() {
        // Left 0, 1; right 2, 3. Greedy gives 0–2, then 1 (only 2) is
        // stuck until the path 1–2–0–3 flips it.
        let g = Bipartite::new(4, vec![0, 1], &[(0, 2), (0, 3), (1, 2)]);
        let m = Matching::of(&g);
        assert_eq!(m.size, 2);
        assert_eq!((m.mate[0], m.mate[1]), (3, 2));
        // Every vertex is matched: no alternating path starts anywhere.
        assert_eq!(m.reached_from_free_left(&g), vec![false; 4]);
        assert_eq!(
            m.reaching_free_right(&g, [2, 3].into_iter()),
            vec![false; 4]
        );
    }

    #[test]
    fn a_star_is_covered_by_its_centre() {
        // Left 0 tied to right 1, 2, 3: one edge matched, the centre covers.
        let g = Bipartite::new(4, vec![0], &[(0, 1), (0, 2), (0, 3)]);
        let m = Matching::of(&g);
        assert_eq!(m.size, 1);
        let z = m.reached_from_free_left(&g);
        assert!(
            !z[0],
            "the centre is matched and no free left vertex reaches it"
        );
        // The two free right vertices reach the centre's mate through it.
        let r = m.reaching_free_right(&g, [1, 2, 3].into_iter());
        assert_eq!(&r[1..], &[true, true, true]);
    }

    proptest! {
        #[test]
        fn the_matching_is_maximum_and_the_cover_covers(
            (l, r, edges) in (1usize..5, 1usize..5).prop_flat_map(|(l, r)| {
                (Just(l), Just(r), proptest::collection::btree_set((0..l as u32, 0..r as u32), 0..10))
            })
        ) {
            let edges: Vec<(u32, u32)> = edges.into_iter().map(|(x, y)| (x, l as u32 + y)).collect();
            let n = l + r;
            let g = Bipartite::new(n, (0..l as u32).collect(), &edges);
            let m = Matching::of(&g);
            prop_assert_eq!(m.size, brute(n, &edges));
            for &(x, y) in &edges {
                prop_assert!(m.mate[x as usize] != super::NONE || m.mate[y as usize] != super::NONE);
            }
            let z = m.reached_from_free_left(&g);
            let cover: Vec<usize> = (0..n).filter(|&v| (v < l) != z[v]).collect();
            prop_assert_eq!(cover.len(), m.size);
            for &(x, y) in &edges {
                prop_assert!(cover.contains(&(x as usize)) || cover.contains(&(y as usize)));
            }
        }
    }
}
