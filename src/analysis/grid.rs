//! Coverage by team and level (SPEC §10): the active partner people in a
//! grid of teams (rows, in the order of each team's first active person in
//! the file; no team last) by level (columns, executive to staff), each
//! cell counting how its people are covered.

use super::Analysis;
use crate::model::{Level, Partnership};
use std::collections::HashMap;

/// How well a partner person is covered, worst last: the order a cell is
/// coloured by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reach {
    /// Direct coverage 2 or more.
    Direct2,
    /// Direct coverage exactly 1.
    Direct1,
    /// No direct coverage, but reachable through their colleagues.
    Indirect,
    Unreachable,
}

impl Reach {
    pub const ALL: [Reach; 4] = [
        Reach::Direct2,
        Reach::Direct1,
        Reach::Indirect,
        Reach::Unreachable,
    ];

    /// The JSON field's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Reach::Direct2 => "direct_2",
            Reach::Direct1 => "direct_1",
            Reach::Indirect => "indirect",
            Reach::Unreachable => "unreachable",
        }
    }
}

/// One team × level cell: its people (indices, file order) and how many
/// are covered each way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GridCell {
    pub people: Vec<usize>,
    /// Per [`Reach`], in its order.
    pub counts: [usize; 4],
}

impl GridCell {
    pub fn count(&self, reach: Reach) -> usize {
        self.counts[reach as usize]
    }

    /// The worst coverage of its people; none for an empty cell.
    pub fn worst(&self) -> Option<Reach> {
        Reach::ALL.into_iter().rev().find(|&r| self.count(r) > 0)
    }
}

/// One team's row: its name (none for the people without a team) and a
/// cell per level, executive first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    pub team: Option<String>,
    pub cells: [GridCell; 4],
}

/// The grid of `a`'s active partner people. A team is its text with the
/// spaces around it trimmed; a blank team is no team.
pub fn grid(p: &Partnership, a: &Analysis) -> Vec<GridRow> {
    let mut rows: Vec<GridRow> = Vec::new();
    let mut row_of: HashMap<&str, usize> = HashMap::new();
    let mut no_team = GridRow {
        team: None,
        cells: Default::default(),
    };
    for c in &a.coverage {
        let person = &p.people[c.person];
        let team = person
            .team
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let row = match team {
            None => &mut no_team,
            Some(team) => {
                let at = *row_of.entry(team).or_insert_with(|| {
                    rows.push(GridRow {
                        team: Some(team.to_string()),
                        cells: Default::default(),
                    });
                    rows.len() - 1
                });
                &mut rows[at]
            }
        };
        let reach = match (c.reachable, c.direct()) {
            (false, _) => Reach::Unreachable,
            (true, 0) => Reach::Indirect,
            (true, 1) => Reach::Direct1,
            (true, _) => Reach::Direct2,
        };
        let cell = &mut row.cells[level_column(person.level)];
        cell.people.push(c.person);
        cell.counts[reach as usize] += 1;
    }
    if no_team.cells.iter().any(|c| !c.people.is_empty()) {
        rows.push(no_team);
    }
    rows
}

/// The column of a level: executive 0 … staff 3.
pub fn level_column(level: Level) -> usize {
    level as usize
}
