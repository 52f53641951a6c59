//! The people's ids, for the loader's checks of every tie, meeting and
//! reporting line and for the live graph's look-ups (`graph::Indexed`): a
//! hash map whose keys hold short ids (nearly all) in themselves, so
//! that finding an id reads the table and nothing else. With the ids as
//! `&str` keys, each look-up also read the id's text somewhere else in
//! memory, and at a million meetings that cache miss was most of the time
//! the checks took.

use foldhash::fast::RandomState;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// The longest id kept in the key itself.
const SHORT: usize = 22;

/// An id as a key: its bytes in the key when it is short, else the text.
#[derive(Clone, Copy)]
enum Key<'a> {
    Short { len: u8, bytes: [u8; SHORT] },
    Long(&'a str),
}

impl<'a> Key<'a> {
    fn of(id: &'a str) -> Key<'a> {
        let mut bytes = [0; SHORT];
        match (bytes.get_mut(..id.len()), u8::try_from(id.len())) {
            (Some(start), Ok(len)) => {
                start.copy_from_slice(id.as_bytes());
                Key::Short { len, bytes }
            }
            _ => Key::Long(id),
        }
    }

    fn as_bytes(&self) -> &[u8] {
        match self {
            Key::Short { len, bytes } => bytes.get(..usize::from(*len)).unwrap_or_default(),
            Key::Long(id) => id.as_bytes(),
        }
    }
}

impl PartialEq for Key<'_> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            // The bytes past `len` are zero in both.
            (Key::Short { len: a, bytes: x }, Key::Short { len: b, bytes: y }) => a == b && x == y,
            (Key::Long(x), Key::Long(y)) => x == y,
            _ => false,
        }
    }
}

impl Eq for Key<'_> {}

impl Hash for Key<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write(self.as_bytes());
    }
}

/// Each id with the position of its first holder in the people list.
pub struct Ids<'a> {
    map: HashMap<Key<'a>, usize, RandomState>,
    /// The ids of at most [`PACKED`] bytes again, 16 bytes each with the
    /// first holder's position in 4 more (under two thirds of an entry of
    /// `map`), for [`Ids::get`] and [`Ids::contains`]: a million meetings'
    /// attendees are looked up in a table that much smaller, and so more
    /// often found in the processor's cache.
    packed: HashMap<[u64; 2], u32, RandomState>,
    /// Whether `packed` holds every id of at most [`PACKED`] bytes (it
    /// would not past 4 billion people).
    all_packed: bool,
}

/// The longest id kept in [`Ids::packed`]: its bytes and its length fill
/// 16 bytes.
const PACKED: usize = 15;

/// An id of at most [`PACKED`] bytes as two words: its bytes, zeros, and
/// its length in the last byte (so that `a` and `a\0` differ).
fn packed(id: &str) -> Option<[u64; 2]> {
    let mut bytes = [0u8; 16];
    bytes.get_mut(..id.len())?.copy_from_slice(id.as_bytes());
    *bytes.get_mut(PACKED)? = u8::try_from(id.len())
        .ok()
        .filter(|&n| usize::from(n) <= PACKED)?;
    let (low, high) = bytes.split_at(8);
    Some([
        u64::from_le_bytes(low.try_into().ok()?),
        u64::from_le_bytes(high.try_into().ok()?),
    ])
}

impl<'a> Ids<'a> {
    /// The ids of `ids`, in order; an id held twice goes to its first holder.
    pub fn new(ids: impl ExactSizeIterator<Item = &'a str>) -> Ids<'a> {
        let mut map = HashMap::with_capacity_and_hasher(ids.len(), RandomState::default());
        let mut short = HashMap::with_capacity_and_hasher(ids.len(), RandomState::default());
        let all_packed = u32::try_from(ids.len()).is_ok();
        for (i, id) in ids.enumerate() {
            map.entry(Key::of(id)).or_insert(i);
            if let (Some(packed), Ok(i)) = (packed(id), u32::try_from(i)) {
                short.entry(packed).or_insert(i);
            }
        }
        Ids {
            map,
            packed: short,
            all_packed,
        }
    }

    /// The position of the first person with the id `id`.
    pub fn get(&self, id: &str) -> Option<usize> {
        // A short id not in `packed` is looked for in `map` too: that only
        // costs time for an unknown id (past 4 billion people, `packed`
        // would not hold every short one).
        let short = packed(id).and_then(|short| self.packed.get(&short));
        short
            .map(|&i| i as usize)
            .or_else(|| self.map.get(&Key::of(id)).copied())
    }

    pub fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// [`Ids::get`] of each of `ids`, in order. A million meetings'
    /// attendees are looked up several times faster this way than one by
    /// one: a batch of ids is packed first, then looked up in a tight loop
    /// whose look-ups do not wait for each other, so that the processor
    /// has many of the table's cache misses under way at once (one by one,
    /// reading each id's text between them, it had one or two).
    pub fn get_all<'s, I>(&'s self, ids: I) -> GetAll<'s, 'a, I::IntoIter>
    where
        I: IntoIterator<Item = &'s str>,
    {
        GetAll {
            ids: self,
            source: ids.into_iter(),
            names: Vec::with_capacity(BATCH),
            keys: Vec::with_capacity(BATCH),
            found: Vec::with_capacity(BATCH),
            next: 0,
        }
    }
}

/// Ids looked up as they come, a batch at a time (as [`Ids::get_all`] does),
/// for a reader that has each id in hand only for a moment: [`Lookups::push`]
/// each, then [`Lookups::finish`] says, in order, whether a person has it.
pub struct Lookups<'s, 'a> {
    ids: &'s Ids<'a>,
    /// The packed ids waiting for the next batch, and where each answer goes.
    keys: Vec<[u64; 2]>,
    slots: Vec<usize>,
    found: Vec<bool>,
    known: Vec<bool>,
}

impl<'a> Ids<'a> {
    /// An empty [`Lookups`].
    pub fn lookups(&self) -> Lookups<'_, 'a> {
        Lookups {
            ids: self,
            keys: Vec::with_capacity(BATCH),
            slots: Vec::with_capacity(BATCH),
            found: Vec::with_capacity(BATCH),
            known: Vec::new(),
        }
    }
}

impl Lookups<'_, '_> {
    /// Looks `id` up, now or with the next batch.
    pub fn push(&mut self, id: &str) {
        let slot = self.known.len();
        match packed(id).filter(|_| self.ids.all_packed) {
            Some(key) => {
                self.known.push(false);
                self.keys.push(key);
                self.slots.push(slot);
                if self.keys.len() == BATCH {
                    self.run();
                }
            }
            None => self.known.push(self.ids.contains(id)),
        }
    }

    /// Looks the waiting ids up, in a tight loop.
    fn run(&mut self) {
        let packed = &self.ids.packed;
        self.found.clear();
        self.found
            .extend(self.keys.iter().map(|key| packed.contains_key(key)));
        for (&slot, &found) in self.slots.iter().zip(&self.found) {
            if let Some(known) = self.known.get_mut(slot) {
                *known = found;
            }
        }
        self.keys.clear();
        self.slots.clear();
    }

    /// Whether a person has each id pushed, in order.
    pub fn finish(mut self) -> Vec<bool> {
        self.run();
        self.known
    }
}

/// How many ids [`GetAll`] looks up at a time.
const BATCH: usize = 256;

/// The positions of many ids' first holders, in order: [`Ids::get_all`].
pub struct GetAll<'s, 'a, I> {
    ids: &'s Ids<'a>,
    source: I,
    /// The batch of ids being given out, their packed forms and positions.
    names: Vec<&'s str>,
    keys: Vec<Option<[u64; 2]>>,
    found: Vec<Option<usize>>,
    /// The next position in `found` to give out.
    next: usize,
}

impl<'s, I: Iterator<Item = &'s str>> GetAll<'s, '_, I> {
    /// Looks up the next batch of ids.
    fn refill(&mut self) {
        self.names.clear();
        self.names.extend(self.source.by_ref().take(BATCH));
        self.keys.clear();
        self.keys.extend(self.names.iter().map(|id| packed(id)));
        let packed = &self.ids.packed;
        self.found.clear();
        self.found.extend(
            self.keys
                .iter()
                .map(|key| key.and_then(|k| packed.get(&k)).map(|&i| i as usize)),
        );
        // Long ids, and unknown ones, as [`Ids::get`] finds them.
        for (found, id) in self.found.iter_mut().zip(&self.names) {
            if found.is_none() {
                *found = self.ids.map.get(&Key::of(id)).copied();
            }
        }
        self.next = 0;
    }
}

impl<'s, I: Iterator<Item = &'s str>> Iterator for GetAll<'s, '_, I> {
    type Item = Option<usize>;

    fn next(&mut self) -> Option<Option<usize>> {
        if self.next >= self.found.len() {
            self.refill();
        }
        let found = *self.found.get(self.next)?;
        self.next += 1;
        Some(found)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::Ids;

    #[test]
    fn finds_short_and_long_ids_and_keeps_the_first_holder() {
        let long = "x".repeat(40);
        let ids = [
            "a",
            "",
            "ab",
            long.as_str(),
            "a",
            &"y".repeat(22),
            &"y".repeat(23),
        ];
        let map = Ids::new(ids.iter().copied());
        assert_eq!(map.get("a"), Some(0));
        assert_eq!(map.get(""), Some(1));
        assert_eq!(map.get("ab"), Some(2));
        assert_eq!(map.get(&"x".repeat(40)), Some(3));
        assert_eq!(map.get(&"y".repeat(22)), Some(5));
        assert_eq!(map.get(&"y".repeat(23)), Some(6));
        for absent in ["b", "a\0", "x", &"x".repeat(39), &"y".repeat(21)] {
            assert!(!map.contains(absent), "{absent:?}");
        }
        for present in [
            "a",
            "",
            "ab",
            &"x".repeat(40),
            &"y".repeat(22),
            &"y".repeat(23),
        ] {
            assert!(map.contains(present), "{present:?}");
        }
        // Either side of the packed ids' limit.
        let edge = ["a".repeat(15), "b".repeat(16), "é".repeat(7) + "e"];
        let map = Ids::new(edge.iter().map(String::as_str));
        for id in &edge {
            assert!(map.contains(id), "{id:?}");
            assert!(!map.contains(&id[..id.len() - 1]), "{id:?}");
        }
        assert!(!map.contains(&"a".repeat(16)) && !map.contains(&"b".repeat(17)));
    }

    #[test]
    fn finds_many_at_once_as_one_by_one() {
        let long = "q".repeat(30);
        let people: Vec<String> = (0..600)
            .map(|i| {
                if i % 7 == 0 {
                    format!("{long}{i}")
                } else {
                    format!("p{i}")
                }
            })
            .chain(["p5".to_string()])
            .collect();
        let ids = Ids::new(people.iter().map(String::as_str));
        // More than two batches: known, long, unknown and repeated ids.
        let wanted: Vec<String> = (0..1_000)
            .map(|i| match i % 5 {
                0 => format!("{long}{}", i % 700),
                1 => format!("nobody{i}"),
                _ => format!("p{}", (i * 37) % 650),
            })
            .collect();
        let all: Vec<Option<usize>> = ids.get_all(wanted.iter().map(String::as_str)).collect();
        let one_by_one: Vec<Option<usize>> = wanted.iter().map(|id| ids.get(id)).collect();
        assert_eq!(all, one_by_one);
        assert!(all.iter().any(Option::is_none) && all.iter().any(Option::is_some));
        assert_eq!(
            ids.get_all(["p5", "x", "p5"]).collect::<Vec<_>>(),
            [Some(5), None, Some(5)]
        );
        assert_eq!(ids.get_all(std::iter::empty()).count(), 0);
        // The same, pushed one at a time.
        let mut lookups = ids.lookups();
        for id in &wanted {
            lookups.push(id);
        }
        let known = lookups.finish();
        let some: Vec<bool> = one_by_one.iter().map(Option::is_some).collect();
        assert_eq!(known, some);
        assert!(ids.lookups().finish().is_empty());
    }
}
