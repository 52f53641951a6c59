//! Fuzzy matching for the filter and the pick lists (Helix's matcher).

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Utf32Str};

/// Per character typed, the score a match needs. A word typed whole scores
/// about 29 a character, a typo about 25, letters scattered across other
/// words about 15 (measured with nucleo-matcher 0.3).
const MIN_SCORE_PER_CHAR: u32 = 20;

/// A reusable matcher: it keeps its scratch memory between queries.
pub struct Matcher {
    inner: nucleo_matcher::Matcher,
    buf: Vec<char>,
}

impl Default for Matcher {
    fn default() -> Self {
        Matcher {
            inner: nucleo_matcher::Matcher::new(Config::DEFAULT),
            buf: Vec::new(),
        }
    }
}

impl Matcher {
    /// The positions of the items that match `query`, best first (ties keep
    /// their order).
    pub fn rank<S: AsRef<str>>(
        &mut self,
        query: &str,
        items: impl Iterator<Item = S>,
    ) -> Vec<(usize, u32)> {
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        // Letters scattered across a long text still "match"; keep only
        // matches about as good as a word typed with a slip.
        let least =
            MIN_SCORE_PER_CHAR * query.chars().filter(|c| !c.is_whitespace()).count() as u32;
        let mut hits: Vec<(usize, u32)> = items
            .enumerate()
            .filter_map(|(i, item)| {
                let text = Utf32Str::new(item.as_ref(), &mut self.buf);
                pattern
                    .score(text, &mut self.inner)
                    .filter(|&s| s >= least)
                    .map(|s| (i, s))
            })
            .collect();
        hits.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_close_matches_first_and_drops_the_rest() {
        let mut m = Matcher::default();
        let items = [
            "Ana Ruiz Account Director",
            "Li Wei CFO",
            "Dmitri Volkov Engineering",
        ];
        let hits: Vec<usize> = m.rank("eng", items.iter()).iter().map(|h| h.0).collect();
        assert_eq!(hits, [2]);
        let hits: Vec<usize> = m.rank("cfo", items.iter()).iter().map(|h| h.0).collect();
        assert_eq!(hits, [1]);
        assert!(m.rank("zzz", items.iter()).is_empty());
        // Scattered letters do not count as a match; a slip does.
        assert!(
            m.rank("stale", ["Sam Okafor Account Director Sales"].iter())
                .is_empty()
        );
        let hits = m.rank("volkv", items.iter());
        assert_eq!(hits.first().map(|h| h.0), Some(2));
    }
}
