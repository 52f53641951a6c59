//! `reports_to`: another person on the same side, in chains that never loop.

use super::Fault;
use crate::model::Person;

/// Every broken `reports_to` among `people`, as (index in `people`, fault),
/// in list order, then the loops. `ids` gives the index of an id's first
/// holder; a person whose side could not be read (`side_known` false)
/// is not checked for sides, and their line is not followed.
pub fn reporting_lines(
    people: &[Person],
    ids: &dyn Fn(&str) -> Option<usize>,
    side_known: &dyn Fn(usize) -> bool,
) -> Vec<(usize, Fault)> {
    let mut faults = Vec::new();
    let mut manager: Vec<Option<usize>> = vec![None; people.len()];
    for ((i, person), slot) in people.iter().enumerate().zip(manager.iter_mut()) {
        let Some(boss) = &person.reports_to else {
            continue;
        };
        let Some(j) = ids(boss) else {
            faults.push((i, Fault::UnknownPerson(boss.clone())));
            continue;
        };
        let Some(boss_person) = people.get(j) else {
            continue;
        };
        if j == i {
            faults.push((i, Fault::ReportsToSelf));
        } else if !side_known(i) || !side_known(j) {
            // The side is reported already; the line is not checked further.
        } else if boss_person.side != person.side {
            faults.push((
                i,
                Fault::OtherSide {
                    boss: boss.clone(),
                    boss_name: boss_person.name.clone(),
                    boss_side: boss_person.side,
                    side: person.side,
                },
            ));
        } else {
            *slot = Some(j);
        }
    }
    faults.extend(loops(people, &manager));
    faults
}

/// The loops in the lines `manager` draws (each person's manager's index),
/// each reported once, at the first person of the loop the walk met again.
fn loops(people: &[Person], manager: &[Option<usize>]) -> Vec<(usize, Fault)> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        NotSeen,
        OnWalk,
        Done,
    }
    let id = |i: usize| people.get(i).map_or("", |x| x.id.as_str()).to_string();
    let mut faults = Vec::new();
    let mut state = vec![State::NotSeen; people.len()];
    for start in 0..people.len() {
        let mut walk = Vec::new();
        let mut at = Some(start);
        // Each person has at most one manager, so a loop is found by walking up.
        while let Some(i) = at {
            match state.get(i).copied() {
                None | Some(State::Done) => break,
                Some(State::OnWalk) => {
                    let from = walk.iter().position(|&w| w == i).unwrap_or(0);
                    let chain = walk
                        .get(from..)
                        .unwrap_or_default()
                        .iter()
                        .chain(std::iter::once(&i))
                        .map(|&w| id(w))
                        .collect();
                    faults.push((i, Fault::Loop(chain)));
                    break;
                }
                Some(State::NotSeen) => {
                    if let Some(s) = state.get_mut(i) {
                        *s = State::OnWalk;
                    }
                    walk.push(i);
                    at = manager.get(i).copied().flatten();
                }
            }
        }
        for w in walk {
            if let Some(s) = state.get_mut(w) {
                *s = State::Done;
            }
        }
    }
    faults
}
