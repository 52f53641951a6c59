//! What the map shows, whatever it is drawn as: each side's people grouped
//! by team and ordered by level, each with their worst risk and marks, the
//! live ties between them, the headline numbers, and — when a side has
//! more people than fit — which people were chosen and how many were left
//! out. SVG, DOT and Mermaid all draw this one model.

use crate::analysis::{Analysis, Severity};
use crate::model::{Level, Partnership, Side, Stance};
use jiff::civil::Date;
use std::collections::HashMap;

/// The most people a side shows; past that, the people with risks (worst
/// first) and then those tied to them.
pub const MAX_PER_SIDE: usize = 60;

/// What a person's dot and symbol say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Badge {
    /// The worst risk about them.
    Risk(Severity),
    /// No risk names them, but they would be cut off if someone else left.
    Reached,
    /// No risk names them and they depend on nobody (a tick).
    Clear,
}

impl Badge {
    /// Every badge, worst first: the legend's order.
    pub const ALL: [Badge; 6] = [
        Badge::Risk(Severity::Critical),
        Badge::Risk(Severity::High),
        Badge::Risk(Severity::Medium),
        Badge::Risk(Severity::Low),
        Badge::Reached,
        Badge::Clear,
    ];

    /// The symbol that says it without colour (as the people view has it;
    /// `Reached` has none).
    pub fn symbol(self) -> &'static str {
        match self {
            Badge::Risk(s) => crate::words::symbol(s),
            Badge::Reached => "",
            Badge::Clear => "✓",
        }
    }

    /// The colour of the dot.
    pub fn colour(self) -> &'static str {
        match self {
            Badge::Risk(Severity::Critical) => "#c62828",
            Badge::Risk(Severity::High) => "#ef6c00",
            Badge::Risk(Severity::Medium) => "#f9a825",
            Badge::Risk(Severity::Low) => "#1e88e5",
            Badge::Reached => "#9e9e9e",
            Badge::Clear => "#43a047",
        }
    }

    /// In words, for the legend and class names.
    pub fn label(self) -> &'static str {
        match self {
            Badge::Risk(s) => s.as_str(),
            Badge::Reached => "no risk of their own, reached through others",
            Badge::Clear => "no risk",
        }
    }
}

/// One person on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Index in the partnership's people.
    pub person: usize,
    pub id: String,
    pub name: String,
    pub side: Side,
    pub title: Option<String>,
    pub level: Level,
    pub badge: Badge,
    /// Others would be cut off if they left (non-empty exposure).
    pub single_point: bool,
    /// A partner person with no path from our organisation.
    pub unreachable: bool,
    pub champion: bool,
    pub key: bool,
}

/// The people of one team on one side, by level then file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub team: Option<String>,
    /// Indices into [`MapModel::nodes`].
    pub nodes: Vec<usize>,
}

/// One side's column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub side: Side,
    /// The organisation's name.
    pub org: String,
    /// Teams in the order of their first person in the file; people with no
    /// team last.
    pub groups: Vec<Group>,
    /// Active people on this side, and how many of them are shown.
    pub active: usize,
    pub shown: usize,
}

/// A live tie between two people shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Indices into [`MapModel::nodes`].
    pub a: usize,
    pub b: usize,
    /// SPEC §3's strength (a declared tie counts 1, a meeting up to 1).
    pub strength: f64,
}

/// Everything the map draws.
#[derive(Debug, Clone, PartialEq)]
pub struct MapModel {
    pub partnership: String,
    pub as_of: Date,
    pub bus_factor: usize,
    pub risk_score: u32,
    /// Risks by severity, critical first.
    pub counts: [usize; 4],
    /// Names of the people a what-if treats as gone.
    pub what_if_gone: Vec<String>,
    pub nodes: Vec<Node>,
    /// Ours, then the partner's.
    pub columns: [Column; 2],
    pub edges: Vec<Edge>,
    /// Live ties not drawn because one of their people is not shown.
    pub edges_left_out: usize,
}

impl MapModel {
    /// The map of analysis `a` of `p`, at most `max_per_side` people a side.
    pub fn build(p: &Partnership, a: &Analysis, max_per_side: usize) -> MapModel {
        let worst = a.worst_severity(p.people.len());
        let chosen = choose(p, a, &worst, max_per_side);
        let mut nodes = Vec::new();
        let mut node_of: HashMap<usize, usize> = HashMap::new();
        let columns = [Side::Ours, Side::Partner].map(|side| {
            let picked: Vec<usize> = chosen
                .iter()
                .copied()
                .filter(|&i| p.people[i].side == side)
                .collect();
            let groups = group(p, &picked)
                .into_iter()
                .map(|(team, people)| Group {
                    team,
                    nodes: people
                        .into_iter()
                        .map(|i| {
                            node_of.insert(i, nodes.len());
                            nodes.push(node(p, a, &worst, i));
                            nodes.len() - 1
                        })
                        .collect(),
                })
                .collect();
            Column {
                side,
                org: p.names.of(side).to_string(),
                groups,
                active: (0..p.people.len())
                    .filter(|&i| a.live.active[i] && p.people[i].side == side)
                    .count(),
                shown: picked.len(),
            }
        });
        let (edges, edges_left_out) = edges(a, &node_of);
        MapModel {
            partnership: p.names.name.clone(),
            as_of: a.scenario.as_of,
            bus_factor: a.bus_factor.size,
            risk_score: a.risk_score(),
            counts: a.severity_counts(),
            what_if_gone: a
                .scenario
                .gone
                .iter()
                .filter_map(|&i| p.people.get(i).map(|x| x.name.clone()))
                .collect(),
            nodes,
            columns,
            edges,
            edges_left_out,
        }
    }

    /// Whether some people were left out.
    pub fn is_partial(&self) -> bool {
        self.columns.iter().any(|c| c.shown < c.active)
    }
}

fn node(p: &Partnership, a: &Analysis, worst: &[Option<Severity>], i: usize) -> Node {
    let person = &p.people[i];
    Node {
        person: i,
        id: person.id.clone(),
        name: person.name.clone(),
        side: person.side,
        title: person.title().map(str::to_string),
        level: person.level,
        badge: match worst[i] {
            Some(s) => Badge::Risk(s),
            None if !a.dependency.depends_on(i).is_empty() => Badge::Reached,
            None => Badge::Clear,
        },
        single_point: !a.exposure[i].is_empty(),
        unreachable: person.side == Side::Partner && !a.dependency.reachable[i],
        champion: person.stance == Some(Stance::Champion),
        key: person.key,
    }
}

/// The people shown: every active person of a side that fits; for a side
/// that does not, its people with risks (worst first, then by level, then
/// in file order), then those tied to people shown (strongest tie first),
/// up to `max` a side. In file order.
fn choose(p: &Partnership, a: &Analysis, worst: &[Option<Severity>], max: usize) -> Vec<usize> {
    let active: Vec<usize> = (0..p.people.len()).filter(|&i| a.live.active[i]).collect();
    let count = |side: Side| active.iter().filter(|&&i| p.people[i].side == side).count();
    let fits = [count(Side::Ours) <= max, count(Side::Partner) <= max];
    let side_at = |i: usize| usize::from(p.people[i].side == Side::Partner);
    let mut shown = vec![false; p.people.len()];
    let mut room = [max, max];
    for &i in &active {
        if fits[side_at(i)] {
            shown[i] = true;
        }
    }
    let mut risky: Vec<usize> = active
        .iter()
        .copied()
        .filter(|&i| !fits[side_at(i)] && worst[i].is_some())
        .collect();
    risky.sort_by_key(|&i| (worst[i], p.people[i].level, i));
    for i in risky {
        if room[side_at(i)] > 0 {
            room[side_at(i)] -= 1;
            shown[i] = true;
        }
    }
    // Then the people tied to those shown, strongest tie first.
    let mut links: Vec<(usize, usize)> = Vec::new();
    for (t, tie) in a.live.ties.iter().enumerate().filter(|(_, t)| t.live) {
        for (from, to) in [(tie.a, tie.b), (tie.b, tie.a)] {
            if shown[from] && !shown[to] && !fits[side_at(to)] {
                links.push((t, to));
            }
        }
    }
    links.sort_by(|x, y| {
        a.live.ties[y.0]
            .strength
            .total_cmp(&a.live.ties[x.0].strength)
    });
    for (_, i) in links {
        if !shown[i] && room[side_at(i)] > 0 {
            room[side_at(i)] -= 1;
            shown[i] = true;
        }
    }
    (0..p.people.len()).filter(|&i| shown[i]).collect()
}

/// `people` (one side) by team — teams in the order of their first person,
/// no team last — each by level, then in file order.
fn group(p: &Partnership, people: &[usize]) -> Vec<(Option<String>, Vec<usize>)> {
    let mut groups: Vec<(Option<String>, Vec<usize>)> = Vec::new();
    let mut at: HashMap<Option<&str>, usize> = HashMap::new();
    for &i in people {
        let team = p.people[i]
            .team
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let g = *at.entry(team).or_insert_with(|| {
            groups.push((team.map(str::to_string), Vec::new()));
            groups.len() - 1
        });
        groups[g].1.push(i);
    }
    groups.sort_by_key(|(team, _)| team.is_none());
    for (_, list) in &mut groups {
        list.sort_by_key(|&i| (p.people[i].level, i));
    }
    groups
}

/// The live ties between people shown, and how many live ties are not.
fn edges(a: &Analysis, node_of: &HashMap<usize, usize>) -> (Vec<Edge>, usize) {
    let mut edges = Vec::new();
    let mut left_out = 0;
    for tie in a.live.ties.iter().filter(|t| t.live) {
        match (node_of.get(&tie.a), node_of.get(&tie.b)) {
            (Some(&x), Some(&y)) => edges.push(Edge {
                a: x,
                b: y,
                strength: tie.strength,
            }),
            _ => left_out += 1,
        }
    }
    (edges, left_out)
}
