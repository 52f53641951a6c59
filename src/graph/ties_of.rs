//! Each person's ties, as indices into the live graph's tie list: one flat
//! list, person after person (a few allocations, not one per person).

use std::ops::Index;

/// Per person: the indices of their ties, in tie order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TiesOf {
    /// Person `i`'s ties are `ties[start[i]..start[i + 1]]`.
    start: Vec<usize>,
    ties: Vec<usize>,
}

impl TiesOf {
    /// The ties of `people` people, from each tie's two ends in order,
    /// read twice from `ends` (no list of them made first).
    pub fn of<I>(people: usize, ends: impl Fn() -> I) -> TiesOf
    where
        I: ExactSizeIterator<Item = (usize, usize)>,
    {
        let mut start = vec![0usize; people + 1];
        for (a, b) in ends() {
            start[a + 1] += 1;
            start[b + 1] += 1;
        }
        for i in 0..people {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut ties = vec![0usize; ends().len() * 2];
        for (t, (a, b)) in ends().enumerate() {
            for end in [a, b] {
                ties[fill[end]] = t;
                fill[end] += 1;
            }
        }
        TiesOf { start, ties }
    }

    /// Person `i`'s ties, when `i` is a person.
    pub fn get(&self, i: usize) -> Option<&[usize]> {
        let (from, to) = (*self.start.get(i)?, *self.start.get(i + 1)?);
        self.ties.get(from..to)
    }

    /// How many people.
    pub fn len(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Index<usize> for TiesOf {
    type Output = [usize];

    /// Person `i`'s ties; panics past the last person, as a slice would.
    fn index(&self, i: usize) -> &[usize] {
        &self.ties[self.start[i]..self.start[i + 1]]
    }
}

#[cfg(test)]
mod tests {
    use super::TiesOf;

    #[test]
    fn each_person_lists_their_ties_in_order() {
        let ends = [(0, 1), (0, 2), (1, 2)];
        let of = TiesOf::of(4, || ends.iter().copied());
        assert_eq!(&of[0], &[0, 1]);
        assert_eq!(&of[1], &[0, 2]);
        assert_eq!(&of[2], &[1, 2]);
        assert_eq!(&of[3], &[] as &[usize]);
        assert_eq!(of.get(4), None);
        assert_eq!(of.len(), 4);
    }
}
