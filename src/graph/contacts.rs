//! Every source of a tie (SPEC §3) — a declared tie, two active people at a
//! meeting held by the day that is not a large event — and the ties they
//! make: each pair's last contact, strength and whether it is live.

use super::{Indexed, LiveTie, is_large_event};
use crate::date::day_number;
use crate::model::Partnership;
use jiff::civil::Date;

/// One source of a tie: a meeting held on `day`, or a declaration.
#[derive(Clone, Copy)]
pub(super) struct Contact {
    pub(super) pair: u64,
    pub(super) day: i32,
    pub(super) declared: bool,
}

pub(super) const UNDATED: i32 = i32::MIN;

/// `contacts` sorted by pair, stably: a pair's contacts stay in the order
/// found (declared ties, then meetings in file order), so its strength is
/// summed in the same order however many other contacts there are (what
/// `LiveGraph::without` relies on). A counting sort on the pair's first
/// person (one of `people`), then each person's few contacts by the other:
/// a million meetings' contacts in two passes, not a comparison sort.
pub(super) fn sorted_by_pair(contacts: Vec<Contact>, people: usize) -> Vec<Contact> {
    let first = |c: &Contact| (c.pair >> 32) as usize;
    let mut start = vec![0usize; people + 2];
    for c in &contacts {
        start[first(c) + 2] += 1;
    }
    for i in 2..start.len() {
        start[i] += start[i - 1];
    }
    // start[i + 1] is where person i's next contact goes; it moves along.
    let blank = Contact {
        pair: 0,
        day: 0,
        declared: false,
    };
    let mut sorted = vec![blank; contacts.len()];
    for c in contacts {
        let at = &mut start[first(&c) + 1];
        sorted[*at] = c;
        *at += 1;
    }
    // Now start[i] is where person i's contacts begin.
    for i in 0..people {
        sorted[start[i]..start[i + 1]].sort_by_key(|c| c.pair);
    }
    sorted
}

/// Both people of a pair, the smaller index in the high half.
fn pair(x: usize, y: usize) -> u64 {
    let (lo, hi) = if x < y { (x, y) } else { (y, x) };
    ((lo as u64) << 32) | hi as u64
}

/// Every source of a tie between active people: declared ties, and each
/// pair of active attendees of a meeting held by day `today` that is not a
/// large event.
pub(super) fn contacts(
    p: &Partnership,
    indexed: &Indexed,
    active: &[bool],
    today: i32,
) -> Vec<Contact> {
    let mut contacts: Vec<Contact> = Vec::new();
    for (tie, ends) in p.ties.iter().zip(indexed.ties()) {
        let Some((a, b)) = *ends else {
            continue;
        };
        if a == b || !active[a] || !active[b] {
            continue;
        }
        let day = tie
            .last_contact
            .map(day_number)
            .filter(|&d| d <= today)
            .unwrap_or(UNDATED);
        contacts.push(Contact {
            pair: pair(a, b),
            day,
            declared: true,
        });
    }
    let mut present: Vec<usize> = Vec::new();
    for (m, meeting) in p.meetings.iter().enumerate() {
        let day = day_number(meeting.date);
        if day > today {
            continue;
        }
        present.clear();
        let attendees = indexed.attendees(m).iter().map(|&i| i as usize);
        present.extend(attendees.filter(|&i| active[i]));
        // A large event (an all-hands, a conference) ties nobody: its
        // attendees need not know each other, and n people make n²/2 pairs.
        if is_large_event(present.len(), p) {
            continue;
        }
        for (k, &x) in present.iter().enumerate() {
            for &y in &present[k + 1..] {
                if x != y {
                    contacts.push(Contact {
                        pair: pair(x, y),
                        day,
                        declared: false,
                    });
                }
            }
        }
    }
    contacts
}

/// The meetings held by day `today` that are large events with the
/// `active` people: those that a departure could turn into ties.
pub fn large_events(p: &Partnership, indexed: &Indexed, active: &[bool], today: i32) -> Vec<usize> {
    (0..p.meetings.len())
        .filter(|&m| {
            day_number(p.meetings[m].date) <= today
                && is_large_event(count(indexed.attendees(m), active), p)
        })
        .collect()
}

/// Whether one of the meetings `large` (large events with the people who
/// were active) is not one with the people `after` (fewer): one that would
/// then tie its attendees.
pub(super) fn stops_a_large_event(
    p: &Partnership,
    indexed: &Indexed,
    large: &[usize],
    after: &[bool],
) -> bool {
    large
        .iter()
        .any(|&m| !is_large_event(count(indexed.attendees(m), after), p))
}

/// How many of `attendees` are `active`.
fn count(attendees: &[u32], active: &[bool]) -> usize {
    attendees.iter().filter(|&&i| active[i as usize]).count()
}

/// One tie per pair of `contacts` (sorted by pair): its last contact,
/// strength and whether it is live on `as_of`.
pub(super) fn ties(p: &Partnership, as_of: Date, contacts: &[Contact]) -> Vec<LiveTie> {
    let today = day_number(as_of);
    let stale_after = i64::from(p.settings.stale_after_days);
    let half_life = f64::from(p.settings.half_life_days);
    let mut ties = Vec::new();
    let mut day_of = DayOf::new(as_of);
    for group in contacts.chunk_by(|x, y| x.pair == y.pair) {
        let (a, b) = (
            (group[0].pair >> 32) as usize,
            (group[0].pair & 0xffff_ffff) as usize,
        );
        let mut tie = LiveTie {
            a,
            b,
            declared: false,
            undated: false,
            last_contact: None,
            meetings: 0,
            strength: 0.0,
            live: false,
        };
        let mut last = UNDATED;
        for c in group {
            if c.declared {
                tie.declared = true;
                tie.undated |= c.day == UNDATED;
                tie.strength += 1.0;
            } else {
                tie.meetings += 1;
                tie.strength += (-f64::from(today - c.day) / half_life).exp2();
            }
            last = last.max(c.day);
        }
        if last != UNDATED {
            tie.last_contact = Some(day_of.ago(today - last));
        }
        tie.live = tie.undated || (last != UNDATED && i64::from(today - last) <= stale_after);
        ties.push(tie);
    }
    ties
}

/// The dates some days before one day, each worked out once: a million
/// ties fall on a few thousand days.
struct DayOf {
    as_of: Date,
    /// Index: days ago.
    known: Vec<Option<Date>>,
}

impl DayOf {
    /// Days ago up to this many are kept (over a century).
    const KEPT: usize = 40_000;

    fn new(as_of: Date) -> DayOf {
        DayOf {
            as_of,
            known: Vec::new(),
        }
    }

    /// The date `ago` days before the day.
    fn ago(&mut self, ago: i32) -> Date {
        let work = |as_of| crate::date::add_days(as_of, -i64::from(ago));
        let Some(slot) = usize::try_from(ago).ok().filter(|&a| a < Self::KEPT) else {
            return work(self.as_of);
        };
        if self.known.len() <= slot {
            self.known.resize(slot + 1, None);
        }
        *self.known[slot].get_or_insert_with(|| work(self.as_of))
    }
}

#[cfg(test)]
mod tests {
    use super::{Contact, DayOf, sorted_by_pair};
    use jiff::civil::Date;
    use proptest::prelude::*;

    proptest! {
        /// The counting sort is the stable sort by pair: equal pairs keep
        /// the order they were found in (told apart by their day here).
        #[test]
        fn counting_sort_is_the_stable_sort(
            pairs in proptest::collection::vec((0u64..6, 0u64..6, any::<bool>()), 0..60)
        ) {
            let contacts: Vec<Contact> = pairs
                .iter()
                .enumerate()
                .map(|(k, &(x, y, declared))| Contact {
                    pair: (x.min(y) << 32) | x.max(y),
                    day: k as i32,
                    declared,
                })
                .collect();
            let mut expected = contacts.clone();
            expected.sort_by_key(|c| c.pair);
            let sorted = sorted_by_pair(contacts, 6);
            let key = |c: &Contact| (c.pair, c.day, c.declared);
            prop_assert_eq!(
                sorted.iter().map(key).collect::<Vec<_>>(),
                expected.iter().map(key).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn days_ago_are_the_dates_added_whether_kept_or_not() {
        let as_of = Date::constant(2026, 11, 30);
        let mut day_of = DayOf::new(as_of);
        for ago in [0, 1, 365, 0, 39_999, 40_000, 100_000, -3] {
            let expected = crate::date::add_days(as_of, -i64::from(ago));
            assert_eq!(day_of.ago(ago), expected, "{ago} days ago");
        }
    }
}
