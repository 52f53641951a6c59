//! Each person's place in the two orders the analysis sorts by — by id,
//! and by name as the risk list sorts its subjects — found once per
//! analysis, so that sorting tens of thousands of risks and lists of people
//! compares numbers, not strings. Equal keys get equal places, so a sort by
//! place is exactly the sort by the strings. Beside them, each person's
//! side and whether they are an executive, as flat lists: the rules read
//! them for every tie, and a list of flags stays in the cache where the
//! people's records do not.

use crate::model::{Level, Partnership, Side};

/// Per person (file order): their place by id, and by (name in lower case,
/// name, id); whether they are one of ours, and an executive.
#[derive(Debug, Clone, Default)]
pub(crate) struct Order {
    by_id: Vec<u32>,
    by_name: Vec<u32>,
    ours: Vec<bool>,
    executive: Vec<bool>,
}

/// Places for `n` items in the order `cmp` sorts them, equal items sharing one.
fn places<F>(n: usize, cmp: F) -> Vec<u32>
where
    F: Fn(usize, usize) -> std::cmp::Ordering,
{
    let mut sorted: Vec<usize> = (0..n).collect();
    sorted.sort_unstable_by(|&x, &y| cmp(x, y));
    let mut place = vec![0u32; n];
    let mut at = 0u32;
    for (k, &i) in sorted.iter().enumerate() {
        if k > 0 && cmp(sorted[k - 1], i).is_ne() {
            at += 1;
        }
        place[i] = at;
    }
    place
}

impl Order {
    pub fn of(p: &Partnership) -> Order {
        let people = &p.people;
        let by_id = places(people.len(), |x, y| people[x].id.cmp(&people[y].id));
        let lower: Vec<String> = people.iter().map(|x| x.name.to_lowercase()).collect();
        let by_name = places(people.len(), |x, y| {
            (
                lower[x].as_str(),
                people[x].name.as_str(),
                people[x].id.as_str(),
            )
                .cmp(&(
                    lower[y].as_str(),
                    people[y].name.as_str(),
                    people[y].id.as_str(),
                ))
        });
        let ours = people.iter().map(|x| x.side == Side::Ours).collect();
        let executive = people.iter().map(|x| x.level == Level::Executive).collect();
        Order {
            by_id,
            by_name,
            ours,
            executive,
        }
    }

    /// Whether `person` is an executive.
    pub fn is_executive(&self, person: usize) -> bool {
        self.executive[person]
    }

    /// Whether `person` is one of ours (else theirs).
    pub fn is_ours(&self, person: usize) -> bool {
        self.ours[person]
    }

    /// Sorts person indices by id (code point order).
    pub fn sort_by_id(&self, people: &mut [usize]) {
        people.sort_unstable_by_key(|&i| self.by_id[i]);
    }

    /// A person's place by id.
    pub fn id_place(&self, person: usize) -> u32 {
        self.by_id[person]
    }

    /// A person's place by (name in lower case, name, id).
    pub fn name_place(&self, person: usize) -> u32 {
        self.by_name[person]
    }
}
