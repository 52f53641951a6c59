//! Look-alike names and ids: `ana`, `Ana`, full-width `ＡＮＡ`, `ana` with a
//! zero-width space, `josé` with its accent composed or not. They load as
//! different people, yet read the same on a screen, so `check` and the UI
//! point them out and `meeting add --with` never picks one of two silently.
//!
//! Two texts look alike when their [`fold`]s are equal: NFKC, full case
//! folding, and Unicode's default-ignorable characters (zero-width space,
//! joiners, word joiner, BOM, soft hyphen, bidirectional marks, variation
//! selectors…) removed.

// Names come from files: no index may panic.
#![deny(clippy::indexing_slicing)]

use crate::model::{Partnership, Side};
use crate::text::printable;
use foldhash::{HashMap, HashMapExt};
use std::borrow::Cow;
use std::collections::hash_map::Entry;
use unicode_normalization::UnicodeNormalization;

/// What two or more people share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum What {
    Id,
    Name,
}

/// People whose names (on one side) or ids (in the whole file: ids are one
/// namespace) look alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookalike {
    /// The side of every person in the group; `None` for ids across sides.
    pub side: Option<Side>,
    pub what: What,
    /// Indices into `people`, in file order; at least two.
    pub people: Vec<usize>,
}

/// The form in which look-alikes are equal (see the module's docs).
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let plain: String = text.nfkc().filter(|&c| !is_default_ignorable(c)).collect();
    // Lower case of upper case is full case folding but for a few letters
    // (ß → SS → ss, ſ → S → s, the final sigma) that plain lower case misses.
    plain.to_uppercase().to_lowercase().nfkc().collect()
}

/// Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties,
/// Unicode 15): characters that show as nothing at all.
pub fn is_default_ignorable(c: char) -> bool {
    matches!(c,
        '\u{00ad}' | '\u{034f}' | '\u{061c}' | '\u{115f}'..='\u{1160}'
        | '\u{17b4}'..='\u{17b5}' | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{3164}'
        | '\u{fe00}'..='\u{fe0f}' | '\u{feff}' | '\u{ffa0}' | '\u{fff0}'..='\u{fff8}'
        | '\u{1bca0}'..='\u{1bca3}' | '\u{1d173}'..='\u{1d17a}' | '\u{e0000}'..='\u{e0fff}')
}

/// `text` with control, bidirectional and invisible characters escaped
/// (`ana\u{200b}`), so that two look-alikes can be told apart when shown.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in printable(text).chars() {
        if is_default_ignorable(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Every group of look-alikes: ids first, then names by side, each in the
/// order of its first person in the file.
pub fn lookalikes(p: &Partnership) -> Vec<Lookalike> {
    // Each folded text with its first holder; a second holder makes a
    // group. Nearly every text has one holder, so a person costs two hash
    // look-ups and no list of their own (at 100,000 people a list per
    // text was most of the time `check` spent after loading).
    let mut seen: HashMap<(What, Option<Side>, Cow<'_, str>), Seen> =
        HashMap::with_capacity(2 * p.people.len());
    let mut groups: Vec<Lookalike> = Vec::new();
    for (i, person) in p.people.iter().enumerate() {
        let texts = [
            (What::Id, None, &person.id),
            (What::Name, Some(person.side), &person.name),
        ];
        for (what, side, text) in texts {
            match seen.entry((what, side, folded(text))) {
                Entry::Vacant(slot) => {
                    slot.insert(Seen::Once(i));
                }
                Entry::Occupied(mut slot) => match *slot.get() {
                    Seen::Once(first) => {
                        slot.insert(Seen::Group(groups.len()));
                        groups.push(Lookalike {
                            side,
                            what,
                            people: vec![first, i],
                        });
                    }
                    Seen::Group(g) => {
                        if let Some(group) = groups.get_mut(g) {
                            group.people.push(i);
                        }
                    }
                },
            }
        }
    }
    for group in &mut groups {
        group.side = group.side.or_else(|| one_side(p, &group.people));
    }
    groups.sort_by(|a, b| (a.what, &a.people).cmp(&(b.what, &b.people)));
    groups
}

/// Who holds a folded text so far: one person, or a group of look-alikes.
#[derive(Clone, Copy)]
enum Seen {
    Once(usize),
    Group(usize),
}

/// [`fold`], borrowing the text when it is already folded (plain lower-case
/// ASCII, as most ids are).
fn folded(text: &str) -> Cow<'_, str> {
    if text
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(fold(text))
    }
}

/// The side of all of `people`, if they share one.
fn one_side(p: &Partnership, people: &[usize]) -> Option<Side> {
    let mut sides = people
        .iter()
        .filter_map(|&i| p.people.get(i))
        .map(|x| x.side);
    let first = sides.next()?;
    sides.all(|s| s == first).then_some(first)
}

impl Lookalike {
    /// One line for a person to read, e.g. `look-alike ids "ana", "Ana"
    /// (Ana Ruiz, Ana Lopez): the same once case, width and invisible
    /// characters are set aside`.
    pub fn describe(&self, p: &Partnership) -> String {
        let people: Vec<_> = self
            .people
            .iter()
            .filter_map(|&i| p.people.get(i))
            .collect();
        let listed: Vec<String> = people
            .iter()
            .map(|x| match self.what {
                What::Id => format!("\"{}\" ({})", visible(&x.id), visible(&x.name)),
                What::Name => format!("\"{}\" (id \"{}\")", visible(&x.name), visible(&x.id)),
            })
            .collect();
        let whose = match (self.what, self.side) {
            (What::Id, _) => "look-alike ids".to_string(),
            (What::Name, Some(side)) => {
                format!("look-alike names at {}", printable(p.names.of(side)))
            }
            (What::Name, None) => "look-alike names".to_string(),
        };
        format!(
            "{whose}: {}: the same once case, width, accents' encoding and invisible characters are set aside",
            and_list(&listed)
        )
    }
}

/// One line for the UI's first status note: the first group of
/// look-alikes, and how many more `partnermap check` lists; `None` when
/// nobody looks alike.
pub fn summary(p: &Partnership) -> Option<String> {
    let groups = lookalikes(p);
    let first = groups.first()?;
    let more = match groups.len() - 1 {
        0 => String::new(),
        n => format!(" (and {n} more: run `partnermap check` to list them)"),
    };
    Some(format!("Careful, {}{more}", first.describe(p)))
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    crate::text::join_names(items)
}

/// How an id typed on the command line was matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdMatch {
    /// The id of exactly one person; `also` are others whose ids look like it.
    Exact { index: usize, also: Vec<usize> },
    /// Not an id, but the id of several people once folded: never guessed.
    Ambiguous(Vec<usize>),
    /// Not an id; at most one person's id looks like it (the usual "did
    /// you mean" applies).
    Unknown,
}

/// Matches a typed id: an exact id wins; a folded match is never taken
/// when it could be one of several people.
pub fn match_id(p: &Partnership, typed: &str) -> IdMatch {
    Ids::of(p).find(typed)
}

/// Every person's id, exact and folded, for matching many typed ids in
/// time linear in people + ids (folding is Unicode normalisation: a
/// 10,000-attendee `meeting add` must not fold every id 10,000 times).
struct Ids<'p> {
    exact: HashMap<&'p str, usize>,
    folded: HashMap<String, Vec<usize>>,
}

impl<'p> Ids<'p> {
    fn of(p: &'p Partnership) -> Ids<'p> {
        let mut exact = HashMap::with_capacity(p.people.len());
        let mut folded: HashMap<String, Vec<usize>> = HashMap::with_capacity(p.people.len());
        for (i, x) in p.people.iter().enumerate() {
            exact.entry(x.id.as_str()).or_insert(i);
            folded.entry(fold(&x.id)).or_default().push(i);
        }
        Ids { exact, folded }
    }

    fn find(&self, typed: &str) -> IdMatch {
        let alike = self.folded.get(&fold(typed)).cloned().unwrap_or_default();
        match self.exact.get(typed) {
            Some(&index) => IdMatch::Exact {
                index,
                also: alike.into_iter().filter(|&i| i != index).collect(),
            },
            None if alike.len() > 1 => IdMatch::Ambiguous(alike),
            None => IdMatch::Unknown,
        }
    }
}

/// Checks the ids given to `meeting add --with`: `Err` names the people an
/// id could mean when it is not exact and several look like it; `Ok` holds
/// notes about exact ids that other ids look like.
pub fn check_typed_ids(p: &Partnership, typed: &[String]) -> Result<Vec<String>, String> {
    let id_of = |i: &usize| {
        p.people
            .get(*i)
            .map(|x| format!("\"{}\" ({})", visible(&x.id), visible(&x.name)))
            .unwrap_or_default()
    };
    let ids = Ids::of(p);
    let mut notes = Vec::new();
    for id in typed {
        match ids.find(id) {
            IdMatch::Exact { index, also } if !also.is_empty() => {
                let others: Vec<String> = also.iter().map(id_of).collect();
                notes.push(format!(
                    "used {}, the exact id; {} look{} alike",
                    id_of(&index),
                    and_list(&others),
                    if others.len() == 1 { "s" } else { "" }
                ));
            }
            IdMatch::Ambiguous(people) => {
                let named: Vec<String> = people.iter().map(id_of).collect();
                return Err(format!(
                    "\"{}\" is not an id, and it could mean {}: give the exact id",
                    visible(id),
                    and_list(&named)
                ));
            }
            IdMatch::Exact { .. } | IdMatch::Unknown => {}
        }
    }
    Ok(notes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Person;

    fn partnership(people: &[(&str, &str, Side)]) -> Partnership {
        let mut p = Partnership::default();
        p.names.ours = "Us".into();
        p.names.partner = "Them".into();
        for (id, name, side) in people {
            p.people.push(Person::new(*id, *name, *side));
        }
        p
    }

    proptest::proptest! {
        /// The groups are those of the plain definition: every person's
        /// folded id (and folded name on their side), grouped, in order.
        #[test]
        fn groups_are_the_people_whose_folds_are_equal(
            people in proptest::collection::vec(
                (proptest::sample::select(vec!["ana", "Ana", "ＡＮＡ", "ana\u{200b}", "li", "LI", "ß", "ss", "SS"]),
                 proptest::sample::select(vec!["Ana", "ana", "Li", "Straße", "STRASSE", "jos\u{e9}", "jose\u{301}"]),
                 proptest::bool::ANY),
                0..12,
            )
        ) {
            let people: Vec<(&str, &str, Side)> = people
                .iter()
                .map(|(id, name, ours)| (*id, *name, if *ours { Side::Ours } else { Side::Partner }))
                .collect();
            let p = partnership(&people);
            let mut plain: std::collections::BTreeMap<(What, Option<Side>, String), Vec<usize>> =
                std::collections::BTreeMap::new();
            for (i, x) in p.people.iter().enumerate() {
                plain.entry((What::Id, None, fold(&x.id))).or_default().push(i);
                plain.entry((What::Name, Some(x.side), fold(&x.name))).or_default().push(i);
            }
            let mut expected: Vec<Lookalike> = plain
                .into_iter()
                .filter(|(_, people)| people.len() > 1)
                .map(|((what, side, _), people)| Lookalike {
                    side: side.or_else(|| one_side(&p, &people)),
                    what,
                    people,
                })
                .collect();
            expected.sort_by(|a, b| (a.what, &a.people).cmp(&(b.what, &b.people)));
            proptest::prop_assert_eq!(lookalikes(&p), expected);
        }
    }

    #[test]
    fn folds_case_width_normal_forms_and_invisible_characters() {
        let ana = fold("ana");
        for other in [
            "Ana",
            "ANA",
            "ＡＮＡ",
            "ana\u{200b}",
            "\u{feff}a\u{ad}n\u{200d}a\u{2060}",
        ] {
            assert_eq!(fold(other), ana, "{other:?}");
        }
        assert_eq!(fold("jos\u{e9}"), fold("jose\u{301}"));
        assert_eq!(fold("Straße"), fold("STRASSE"));
        assert_ne!(fold("ana"), fold("anna"));
        assert_ne!(fold("jose"), fold("josé"));
    }

    #[test]
    fn finds_lookalike_ids_in_the_file_and_names_on_one_side() {
        let p = partnership(&[
            ("ana", "Ana Ruiz", Side::Ours),
            ("li", "Li Wei", Side::Partner),
            ("Ana", "Ana Lopez", Side::Ours),
            ("ＡＮＡ", "Someone", Side::Partner),
            ("jose", "jos\u{e9}", Side::Partner),
            ("jose2", "jose\u{301}", Side::Partner),
            ("jose3", "José", Side::Ours),
        ]);
        let found = lookalikes(&p);
        assert_eq!(
            found,
            [
                Lookalike {
                    side: None,
                    what: What::Id,
                    people: vec![0, 2, 3]
                },
                Lookalike {
                    side: Some(Side::Partner),
                    what: What::Name,
                    people: vec![4, 5]
                },
            ]
        );
        let text: Vec<String> = found.iter().map(|l| l.describe(&p)).collect();
        let ids = text.first().map_or("", String::as_str);
        let names = text.get(1).map_or("", String::as_str);
        assert!(
            ids.starts_with("look-alike ids: \"ana\" (Ana Ruiz), \"Ana\""),
            "{ids}"
        );
        assert!(names.starts_with("look-alike names at Them: "), "{names}");
    }

    #[test]
    fn invisible_characters_are_shown() {
        assert_eq!(visible("ana\u{200b}"), "ana\\u{200b}");
        assert_eq!(visible("a\u{1b}"), "a\\u{1b}");
        assert_eq!(visible("José"), "José");
    }

    #[test]
    fn an_exact_id_wins_and_a_folded_one_is_never_guessed() {
        let p = partnership(&[
            ("ana", "Ana Ruiz", Side::Ours),
            ("Ana", "Ana Lopez", Side::Ours),
            ("li", "Li", Side::Partner),
        ]);
        assert_eq!(
            match_id(&p, "ana"),
            IdMatch::Exact {
                index: 0,
                also: vec![1]
            }
        );
        assert_eq!(
            match_id(&p, "Ana"),
            IdMatch::Exact {
                index: 1,
                also: vec![0]
            }
        );
        assert_eq!(
            match_id(&p, "li"),
            IdMatch::Exact {
                index: 2,
                also: vec![]
            }
        );
        assert_eq!(match_id(&p, "ANA"), IdMatch::Ambiguous(vec![0, 1]));
        assert_eq!(match_id(&p, "LI"), IdMatch::Unknown);
        assert_eq!(match_id(&p, "nobody"), IdMatch::Unknown);
        let notes = check_typed_ids(&p, &["ana".into(), "li".into()]);
        assert_eq!(notes.as_ref().map(Vec::len), Ok(1));
        let err = check_typed_ids(&p, &["li".into(), "ana\u{200b}".into()]);
        assert!(
            err.as_ref().is_err_and(|e| e.contains("\"ana\" (Ana Ruiz)")
                && e.contains("\"Ana\" (Ana Lopez)")
                && e.contains("ana\\u{200b}")),
            "{err:?}"
        );
    }
}
