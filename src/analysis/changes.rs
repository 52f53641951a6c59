//! What changed between two analyses, as facts: the bus factor's move, the
//! risks that came or went, and why ("Li Wei is no longer single-threaded"
//! is [`crate::words::risk_changes`]'s to say). The UI says this after a
//! change or a what-if.

use super::{Analysis, Risk, RiskKind, Severity, Subject};
use crate::model::Partnership;
use foldhash::HashMap;

/// One thing that changed from one analysis to the next.
#[derive(Debug, Clone, PartialEq)]
pub enum RiskChange {
    /// The bus factor went from `was` to `now`.
    BusFactor { was: usize, now: usize },
    /// A risk about a person who is active in both analyses came (`came`:
    /// from the later list, indices into the later partnership) or went
    /// (from the earlier list and partnership). `because` holds who left or
    /// came back meanwhile when anyone did: the risk is then what their
    /// departure took away or their return brought back, never a fix.
    Risk {
        risk: Risk,
        came: bool,
        because: Vec<Move>,
    },
    /// `risks` risks about `person` went with them when they stopped being
    /// active (`back: false`, an index into the earlier partnership), or
    /// came back with them (`back: true`, the later partnership).
    Counted {
        person: usize,
        risks: usize,
        back: bool,
    },
}

/// Someone active in one analysis and not in the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Move {
    /// An index into the later partnership.
    pub person: usize,
    pub how: MoveKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveKind {
    /// Marked gone in the later what-if.
    Gone,
    /// Left for real (or not active for another reason).
    Left,
    /// Active again.
    Back,
}

/// Identifies a risk across two analyses (person indices may differ, ids do
/// not): its kind and its subject's id (one risk of a kind per subject; its
/// people may change without it being another risk).
type Key<'p> = (RiskKind, &'p str);

fn key<'p>(p: &'p Partnership, risk: &Risk) -> Key<'p> {
    (risk.kind, risk.subject_id(p))
}

fn keyed<'p, 'a>(p: &'p Partnership, a: &'a Analysis) -> HashMap<Key<'p>, &'a Risk> {
    a.risks.iter().map(|r| (key(p, r), r)).collect()
}

/// What changed from `before` to `after`, the most important first: the
/// bus factor, then risks by severity (new before gone), then the risks
/// that went or came back with someone. The partnership-wide bus-factor
/// risk is told by the bus factor's own move; `no-champion` is listed.
pub fn risk_changes(
    p_before: &Partnership,
    before: &Analysis,
    p_after: &Partnership,
    after: &Analysis,
) -> Vec<RiskChange> {
    let mut out = Vec::new();
    let (was, now) = (before.bus_factor.size, after.bus_factor.size);
    if was != now {
        out.push(RiskChange::BusFactor { was, now });
    }
    let old = keyed(p_before, before);
    let new = keyed(p_after, after);
    // In list order, so that the changes come out in a stable order.
    let mut gone: Vec<&Risk> = before
        .risks
        .iter()
        .filter(|r| !new.contains_key(&key(p_before, r)))
        .collect();
    let mut came: Vec<&Risk> = after
        .risks
        .iter()
        .filter(|r| !old.contains_key(&key(p_after, r)))
        .collect();
    // A subject that got a new risk at least as severe as one it lost is
    // told by the new one only ("Li Wei is now unreachable", not also "no
    // longer single-threaded", which reads as good news); one that lost a
    // worse risk than it got is told both ("Victor Lindqvist is reachable
    // again", then "… now single-threaded"). The risks of someone no longer
    // active (left, or gone in a what-if) went with them: saying they went
    // away is noise.
    let mut worse: HashMap<Subject, Severity> = HashMap::default();
    for r in &came {
        let worst = worse.entry(r.subject).or_insert(r.severity);
        *worst = (*worst).min(r.severity);
    }
    // Likewise the risks of someone back (a what-if undone) came with them.
    let mut back_with: Vec<(usize, usize)> = Vec::new();
    came.retain(|r| match r.subject {
        Subject::Person(i) => {
            let was_active = before.live.active.get(i).copied().unwrap_or(true);
            if !was_active {
                tally(&mut back_with, i);
            }
            was_active
        }
        // The bus factor's own move says the bus-factor risk.
        Subject::Partnership => r.kind != RiskKind::BusFactor,
    });
    let mut went_with: Vec<(usize, usize)> = Vec::new(); // (person, risks)
    gone.retain(|r| match r.subject {
        Subject::Person(i) => {
            let active = after.live.active.get(i).copied().unwrap_or(false);
            if !active {
                tally(&mut went_with, i);
            }
            active && worse.get(&r.subject).is_none_or(|&w| w > r.severity)
        }
        Subject::Partnership => r.kind != RiskKind::BusFactor,
    });
    let mut all: Vec<(&Risk, bool)> = came.iter().map(|r| (*r, true)).collect();
    all.extend(gone.iter().map(|r| (*r, false)));
    all.sort_by_key(|(r, new)| (r.severity, !*new, r.kind));
    let (departed, returned) = moves(p_before, before, p_after, after);
    out.extend(all.into_iter().map(|(r, came)| RiskChange::Risk {
        risk: r.clone(),
        came,
        because: if came { &returned } else { &departed }.clone(),
    }));
    let counted = |back| {
        move |(person, risks)| RiskChange::Counted {
            person,
            risks,
            back,
        }
    };
    out.extend(went_with.into_iter().map(counted(false)));
    out.extend(back_with.into_iter().map(counted(true)));
    out
}

/// Counts one more risk for `person`.
fn tally(counts: &mut Vec<(usize, usize)>, person: usize) {
    match counts.iter_mut().find(|(p, _)| *p == person) {
        Some((_, n)) => *n += 1,
        None => counts.push((person, 1)),
    }
}

/// Who stopped being active between two analyses (gone in the what-if, or
/// left) and who became active again, in the later file's order.
fn moves(
    p_before: &Partnership,
    before: &Analysis,
    p_after: &Partnership,
    after: &Analysis,
) -> (Vec<Move>, Vec<Move>) {
    let mut index = None;
    let mut departed = Vec::new();
    let mut returned = Vec::new();
    for (i, person) in p_after.people.iter().enumerate() {
        // The same index in both, unless a change moved people about.
        let was = match p_before.people.get(i) {
            Some(x) if x.id == person.id => Some(i),
            _ => index
                .get_or_insert_with(|| p_before.person_index())
                .get(person.id.as_str())
                .copied(),
        };
        let Some(was) = was else { continue };
        let active_then = before.live.active.get(was).copied().unwrap_or(false);
        let active_now = after.live.active.get(i).copied().unwrap_or(false);
        if active_then && !active_now {
            let how = if after.scenario.gone.contains(&i) {
                MoveKind::Gone
            } else {
                MoveKind::Left
            };
            departed.push(Move { person: i, how });
        } else if !active_then && active_now {
            returned.push(Move {
                person: i,
                how: MoveKind::Back,
            });
        }
    }
    (departed, returned)
}
