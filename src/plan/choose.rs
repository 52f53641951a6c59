//! Choosing one step: the risk score after every possible meeting, from
//! the [`Shape`] of the partnership as it stands, and SPEC §8's order
//! among the steps that give the same score.
//!
//! For a partner person p, every one of our people u without a live tie to
//! p is a possible step. The score after (u, p) depends on u only through
//! whether u is p's top separator, u's stale tie with p, u being an
//! executive and u's out-node in the residual network; the order among
//! equal scores then looks at u's exposure, level, name and id. So for
//! each p the best u is among: the people with a stale tie to p, p's top
//! separator, and the first person (by exposure, name, id) of each of the
//! eight classes (level × out-node reached). docs/risk-model.md proves
//! that no best step is left out.

use super::shape::{Hanging, Shape};
use crate::analysis::Parts;
use crate::graph::LiveGraph;
use crate::model::{Level, Partnership, Side};
use jiff::civil::Date;
use std::cmp::{Ordering, Reverse};

/// The step chosen, with what the analysis will show after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Choice {
    pub ours: usize,
    pub partner: usize,
    pub score: u32,
    pub bus: usize,
    /// Their stale tie's last contact, when they have one (a renewal).
    pub renew: Option<Option<Date>>,
}

/// SPEC §8's order among steps, as a tuple compared left to right: score
/// after, higher bus factor after, renew before introduce, u's exposure
/// now, level distance, p's name in lower case, u's, p's id, u's.
type Key = (i64, Reverse<usize>, bool, usize, u8, u32, u32, u32, u32);

/// Ranks of the people's names in lower case (equal names share a rank)
/// and of their ids, so that comparing steps compares numbers.
pub(super) struct Ranks {
    lower: Vec<u32>,
    id: Vec<u32>,
}

impl Ranks {
    pub fn of(p: &Partnership) -> Ranks {
        let n = p.people.len();
        let lower: Vec<String> = p.people.iter().map(|x| x.name.to_lowercase()).collect();
        let mut by_name: Vec<usize> = (0..n).collect();
        by_name.sort_by(|&a, &b| lower[a].cmp(&lower[b]));
        let mut name_rank = vec![0u32; n];
        let mut rank = 0;
        for (k, &i) in by_name.iter().enumerate() {
            if k > 0 && lower[by_name[k - 1]] != lower[i] {
                rank = k as u32;
            }
            name_rank[i] = rank;
        }
        let mut by_id: Vec<usize> = (0..n).collect();
        by_id.sort_by(|&a, &b| p.people[a].id.cmp(&p.people[b].id));
        let mut id_rank = vec![0u32; n];
        for (k, &i) in by_id.iter().enumerate() {
            id_rank[i] = k as u32;
        }
        Ranks {
            lower: name_rank,
            id: id_rank,
        }
    }

    /// By name in lower case, then by id.
    pub fn name_order(&self, x: usize, y: usize) -> Ordering {
        (self.lower[x], self.id[x]).cmp(&(self.lower[y], self.id[y]))
    }
}

/// Everything one step's choice reads.
pub(super) struct Ground<'a> {
    pub p: &'a Partnership,
    pub parts: &'a Parts,
    pub shape: &'a Shape,
    pub ranks: &'a Ranks,
}

fn level_number(level: Level) -> u8 {
    level as u8
}

/// The weight of the `bus-factor` risk at bus factor `b`.
fn bus_weight(b: usize) -> i64 {
    if b <= 2 { 9 * (3 - b as i64) } else { 0 }
}

impl Ground<'_> {
    fn live(&self) -> &LiveGraph {
        &self.parts.live
    }

    /// The score and bus factor after a meeting of u and p (no live tie
    /// between them; `stale` when they have a stale one), per the terms
    /// of docs/risk-model.md.
    fn after(&self, hanging: &mut Hanging, u: usize, p: usize, stale: bool) -> (i64, usize) {
        let s = self.shape;
        let reached = self.parts.dependency.reachable[p];
        let b = s.bus;
        let up = if b == 0 {
            true
        } else if reached {
            s.out_reached[u] && s.in_reaches[p]
        } else {
            s.out_reached[u]
        };
        let bus = b + usize::from(up);
        let mut score = i64::from(s.score) + bus_weight(bus) - bus_weight(b);
        let person = &self.p.people[p];
        if reached {
            score -= i64::from(s.chain[p]);
            if let Some((_, weight)) = s.top[p].filter(|&(top, _)| top == u) {
                score += i64::from(weight);
            }
            let threaded = person.is_vip() || person.level == Level::Senior;
            if threaded && s.coverage[p] == 1 {
                score -= i64::from(s.importance[p]);
            }
        } else {
            let c = &s.components[s.component[p]];
            score += i64::from(hanging.of(self.p, self.live(), s, p));
            score -= i64::from(c.unreachable);
            score += i64::from(c.threaded);
            if !s.champion_reached && c.champion {
                score -= 9;
            }
        }
        if s.exec_gap[p] && self.p.people[u].level == Level::Executive {
            score -= 3;
        }
        score += self.stale_change(p, stale);
        (score, bus)
    }

    /// The change in p's `stale-tie` weight: present before when p has at
    /// most one live tie with us and a stale one; after, when u's meeting
    /// is p's only live tie and another stale one is left.
    fn stale_change(&self, p: usize, stale: bool) -> i64 {
        let (coverage, stale_ties) = (self.shape.coverage[p], self.shape.stale[p]);
        let before = coverage <= 1 && stale_ties > 0;
        let after = coverage == 0 && stale_ties > u32::from(stale);
        i64::from(after) - i64::from(before)
    }

    fn key(&self, (score, bus): (i64, usize), u: usize, p: usize, stale: bool) -> Key {
        let people = &self.p.people;
        let distance = level_number(people[u].level).abs_diff(level_number(people[p].level));
        (
            score,
            Reverse(bus),
            !stale,
            self.parts.exposure[u].len(),
            distance,
            self.ranks.lower[p],
            self.ranks.lower[u],
            self.ranks.id[p],
            self.ranks.id[u],
        )
    }
}

/// Our active people in eight classes (level × out-node reached), each
/// sorted by exposure now, name in lower case and id.
fn classes(g: &Ground) -> Vec<Vec<usize>> {
    let mut classes = vec![Vec::new(); 8];
    for (u, person) in g.p.people.iter().enumerate() {
        if person.side == Side::Ours && g.live().active[u] {
            let class =
                level_number(person.level) as usize * 2 + usize::from(g.shape.out_reached[u]);
            classes[class].push(u);
        }
    }
    for class in &mut classes {
        class.sort_by_key(|&u| (g.parts.exposure[u].len(), g.ranks.lower[u], g.ranks.id[u]));
    }
    classes
}

/// The best step of all, by SPEC §8's order, whatever its score.
pub(super) fn best(g: &Ground, hanging: &mut Hanging) -> Option<Choice> {
    let live = g.live();
    let classes = classes(g);
    // `seen[u] == p`: u has a tie (live or stale) with p, or is p's top.
    let mut seen = vec![usize::MAX; g.p.people.len()];
    let mut best: Option<(Key, Choice)> = None;
    let mut consider = |key: Key, choice: Choice| {
        if best
            .as_ref()
            .is_none_or(|(k, _)| key.cmp(k) == Ordering::Less)
        {
            best = Some((key, choice));
        }
    };
    for p in 0..g.p.people.len() {
        if g.p.people[p].side != Side::Partner || !live.active[p] {
            continue;
        }
        let mut try_one = |u: usize, renew: Option<Option<Date>>| {
            let after = g.after(hanging, u, p, renew.is_some());
            let key = g.key(after, u, p, renew.is_some());
            let score = u32::try_from(after.0.max(0)).unwrap_or(u32::MAX);
            consider(
                key,
                Choice {
                    ours: u,
                    partner: p,
                    score,
                    bus: after.1,
                    renew,
                },
            );
        };
        for &t in &live.ties_of[p] {
            let tie = &live.ties[t];
            let u = tie.other(p);
            if g.p.people[u].side == Side::Ours {
                seen[u] = p;
                if !tie.live {
                    try_one(u, Some(tie.last_contact));
                }
            }
        }
        if let Some((top, _)) = g.shape.top[p]
            && seen[top] != p
            && g.p.people[top].side == Side::Ours
        {
            seen[top] = p;
            try_one(top, None);
        }
        for class in &classes {
            if let Some(&u) = class.iter().find(|&&u| seen[u] != p) {
                try_one(u, None);
            }
        }
    }
    best.map(|(_, choice)| choice)
}
