//! A deterministic generator of synthetic partnerships for benchmarks and
//! load tests: seedable, any size, shaped like a real account (a few
//! executives, teams, most meetings inside small groups, some across sides).

use crate::date::add_days;
use crate::model::{Level, Meeting, Names, Partnership, Person, Settings, Side, Tie};
use jiff::civil::Date;
use std::ops::RangeInclusive;

/// A small, fast, seedable pseudo-random generator (SplitMix64): the data
/// only needs to be varied and reproducible, not unpredictable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// The people `generate` accepts: a meeting needs two; the upper bound is
/// ten times the largest benchmark, so a typo cannot ask for more memory
/// than a machine has.
pub const PEOPLE: RangeInclusive<usize> = 2..=1_000_000;

/// The meetings `generate` accepts: ten times the largest benchmark, a file
/// of about 2.5 GB, still one a machine can load.
pub const MEETINGS: RangeInclusive<usize> = 0..=10_000_000;

/// A count typed on the command line, in `range`; the message names the
/// range whatever is wrong (a sign, a letter, a number too big for any type).
pub fn count(text: &str, range: RangeInclusive<usize>) -> Result<usize, String> {
    text.trim()
        .parse::<usize>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| {
            format!(
                "expected a whole number from {} to {}",
                range.start(),
                range.end()
            )
        })
}

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub people: usize,
    pub meetings: usize,
    pub seed: u64,
    /// The last day meetings are dated; they spread over the year before.
    pub as_of: Date,
}

/// A synthetic partnership of `spec.people` people (about half on each side;
/// at least two) and `spec.meetings` meetings over the year before
/// `spec.as_of`. Ends for every size: a meeting never asks for more
/// attendees than there are people.
pub fn partnership(spec: Spec) -> Partnership {
    let mut rng = Rng(spec.seed);
    let n = spec.people.max(2);
    let team_size = 12;
    let mut people = Vec::with_capacity(n);
    for i in 0..n {
        let side = if i % 2 == 0 {
            Side::Ours
        } else {
            Side::Partner
        };
        let mut person = Person::new(format!("p{i:06}"), format!("Person {i}"), side);
        let team = i / 2 / team_size;
        person.team = Some(format!("Team {team}"));
        person.level = match rng.below(100) {
            0..=2 => Level::Executive,
            3..=12 => Level::Senior,
            13..=35 => Level::Manager,
            _ => Level::Staff,
        };
        person.title = Some(format!("{} {}", person.level, team));
        person.key = rng.chance(3);
        if rng.chance(2) {
            person.left = Some(add_days(spec.as_of, -(rng.below(300) as i64)));
        }
        // Reports to the first person of the same side in the same team.
        let lead = team * team_size * 2 + (i % 2);
        if lead < i {
            person.reports_to = Some(format!("p{lead:06}"));
        }
        people.push(person);
    }
    let mut meetings = Vec::with_capacity(spec.meetings);
    for m in 0..spec.meetings {
        // Meetings gather a small group around one person: mostly from the
        // same pair of teams, sometimes anyone.
        let host = rng.below(n);
        // Two to four attendees, never more than there are people: with
        // two or three people a group of four could never be filled.
        let size = (2 + rng.below(3)).min(n);
        let mut attendees: Vec<usize> = vec![host];
        while attendees.len() < size {
            let other = if rng.chance(85) {
                let base = (host / (team_size * 2)) * team_size * 2;
                (base + rng.below(team_size * 2)).min(n - 1)
            } else {
                rng.below(n)
            };
            if !attendees.contains(&other) {
                attendees.push(other);
            }
        }
        meetings.push(Meeting {
            id: format!("m-{m:07}"),
            date: add_days(spec.as_of, -(rng.below(365) as i64)),
            title: Some(format!("Meeting {m}")),
            attendees: attendees.iter().map(|&a| people[a].id.clone()).collect(),
            notes: None,
            source: None,
            extra: Default::default(),
        });
    }
    let mut ties = Vec::new();
    let mut declared = std::collections::HashSet::new();
    for _ in 0..n / 10 {
        let (a, b) = (rng.below(n), rng.below(n));
        if a != b && declared.insert((a.min(b), a.max(b))) {
            let mut tie = Tie::new(people[a].id.clone(), people[b].id.clone());
            if rng.chance(50) {
                tie.last_contact = Some(add_days(spec.as_of, -(rng.below(400) as i64)));
            }
            ties.push(tie);
        }
    }
    Partnership {
        names: names(n),
        settings: Settings::default(),
        people,
        ties,
        meetings,
        extra: Default::default(),
    }
}

/// The generated partnership's names.
fn names(n: usize) -> Names {
    Names {
        name: format!("Synthetic × Partner ({n} people)"),
        ours: "Synthetic".into(),
        partner: "Partner".into(),
        domains: None,
        extra: Default::default(),
    }
}
