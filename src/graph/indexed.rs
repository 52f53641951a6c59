//! The ids in a partnership's meetings and declared ties looked up once, as
//! person indices: every live graph is built from these (the trend and the
//! plan build the live graph of one partnership many times: many days, one
//! more meeting each step). A million meetings' attendees are one flat
//! list, looked up in [`Ids`] (short ids held in the hash keys themselves),
//! on two threads when there are many.

use crate::model::{Ids, Meeting, Partnership};

/// Below this many meetings the look-ups run on the calling thread.
const TWO_THREADS_FROM: usize = 50_000;

/// Each meeting's attendees and each declared tie's two people, as person
/// indices.
#[derive(Debug, Clone, Default)]
pub struct Indexed {
    /// Every meeting's attendees, one meeting after another (an id that
    /// names nobody is left out; an id held twice names its first holder).
    attendees: Vec<u32>,
    /// Meeting `m`'s attendees are `attendees[starts[m]..starts[m + 1]]`.
    starts: Vec<usize>,
    /// Per declared tie: its two people, when both ids name someone.
    ties: Vec<Option<(usize, usize)>>,
}

impl Indexed {
    pub fn of(p: &Partnership) -> Indexed {
        let ids = Ids::new(p.people.iter().map(|x| x.id.as_str()));
        let (attendees, starts) = if p.meetings.len() < TWO_THREADS_FROM {
            look_up(&p.meetings, &ids)
        } else {
            let (first, second) = p.meetings.split_at(p.meetings.len() / 2);
            let (a, b) = std::thread::scope(|s| {
                let later = s.spawn(|| look_up(second, &ids));
                (look_up(first, &ids), later.join())
            });
            match b {
                Ok(b) => joined(a, b),
                // The look-up cannot panic; were it to, do it here again.
                Err(_) => look_up(&p.meetings, &ids),
            }
        };
        let ties = p
            .ties
            .iter()
            .map(|t| Some((ids.get(&t.a)?, ids.get(&t.b)?)))
            .collect();
        Indexed {
            attendees,
            starts,
            ties,
        }
    }

    /// Indexes the meeting just pushed onto `p.meetings`.
    pub fn push_meeting(&mut self, p: &Partnership) {
        if let Some(m) = p.meetings.get(self.meetings()) {
            let index = |id: &String| p.people.iter().position(|x| &x.id == id);
            let found = m.attendees.iter().filter_map(index);
            self.attendees.extend(found.map(|i| i as u32));
            self.starts.push(self.attendees.len());
        }
    }

    /// How many meetings are indexed.
    pub fn meetings(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Meeting `m`'s attendees (empty past the last meeting indexed).
    pub fn attendees(&self, m: usize) -> &[u32] {
        match (self.starts.get(m), self.starts.get(m + 1)) {
            (Some(&from), Some(&to)) => self.attendees.get(from..to).unwrap_or_default(),
            _ => &[],
        }
    }

    /// Per declared tie, in file order: its two people, when both ids name
    /// someone.
    pub fn ties(&self) -> &[Option<(usize, usize)>] {
        &self.ties
    }
}

/// The attendees of `meetings`, flat, and where each meeting's begin (with
/// one more entry: where the last one ends).
fn look_up(meetings: &[Meeting], ids: &Ids<'_>) -> (Vec<u32>, Vec<usize>) {
    let mut attendees = Vec::with_capacity(meetings.len() * 4);
    let mut starts = Vec::with_capacity(meetings.len() + 1);
    starts.push(0);
    // Looked up all at once, in order (much faster than one by one): each
    // meeting takes as many answers as it has ids.
    let mut found = ids.get_all(
        meetings
            .iter()
            .flat_map(|m| m.attendees.iter().map(String::as_str)),
    );
    for m in meetings {
        let known = found.by_ref().take(m.attendees.len()).flatten();
        attendees.extend(known.map(|i| i as u32));
        starts.push(attendees.len());
    }
    (attendees, starts)
}

/// Two halves' look-ups as one.
fn joined(
    (mut attendees, mut starts): (Vec<u32>, Vec<usize>),
    (more, later): (Vec<u32>, Vec<usize>),
) -> (Vec<u32>, Vec<usize>) {
    let offset = attendees.len();
    attendees.extend_from_slice(&more);
    starts.extend(later.iter().skip(1).map(|s| s + offset));
    (attendees, starts)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::{Indexed, joined, look_up};
    use crate::model::Ids;

    #[test]
    fn two_halves_join_into_what_one_pass_finds() {
        let p = crate::demo::shipped();
        let ids = Ids::new(p.people.iter().map(|x| x.id.as_str()));
        let whole = look_up(&p.meetings, &ids);
        for cut in [0, 1, p.meetings.len() / 2, p.meetings.len()] {
            let (first, second) = p.meetings.split_at(cut);
            assert_eq!(joined(look_up(first, &ids), look_up(second, &ids)), whole);
        }
    }

    #[test]
    fn attendees_are_looked_up_in_file_order_and_unknown_ids_left_out() {
        let mut p = crate::demo::shipped();
        p.meetings[0].attendees = vec!["nobody".into(), p.people[3].id.clone()];
        let indexed = Indexed::of(&p);
        assert_eq!(indexed.meetings(), p.meetings.len());
        assert_eq!(indexed.attendees(0), &[3]);
        assert_eq!(indexed.attendees(p.meetings.len()), &[] as &[u32]);
        for m in 1..p.meetings.len() {
            let expected: Vec<u32> = p.meetings[m]
                .attendees
                .iter()
                .map(|id| p.people.iter().position(|x| &x.id == id).unwrap() as u32)
                .collect();
            assert_eq!(indexed.attendees(m), expected.as_slice());
        }
    }
}
