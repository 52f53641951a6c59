//! A person's level guessed from their title (SPEC §11): the first rule
//! that matches a word of the title wins.

use crate::model::Level;

/// The rules in order: chief, a CxO, president, VP → executive; director,
/// head → senior; manager, lead → manager.
const RULES: [(Level, &[&str]); 3] = [
    (
        Level::Executive,
        &["chief", "president", "vp", "svp", "evp", "avp"],
    ),
    (Level::Senior, &["director", "head"]),
    (Level::Manager, &["manager", "lead"]),
];

/// The level a title suggests; `None` when no rule matches (staff).
pub fn from_title(title: &str) -> Option<Level> {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    RULES.iter().find_map(|(level, names)| {
        words
            .iter()
            .any(|w| names.contains(&w.as_str()) || (*level == Level::Executive && is_cxo(w)))
            .then_some(*level)
    })
}

/// CEO, CFO, CTO, COO and the like: three letters, C…O.
fn is_cxo(word: &str) -> bool {
    matches!(word.as_bytes(), [b'c', x, b'o'] if x.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn titles_give_levels_by_the_first_rule_that_matches() {
        let cases = [
            ("Chief Operating Officer", Some(Level::Executive)),
            ("CFO", Some(Level::Executive)),
            ("SVP, Sales", Some(Level::Executive)),
            ("Vice President Digital", Some(Level::Executive)),
            ("VP Alliances", Some(Level::Executive)),
            ("Head of Procurement", Some(Level::Senior)),
            ("Director, Program Management", Some(Level::Senior)),
            ("Managing Director", Some(Level::Senior)),
            ("Partner Manager", Some(Level::Manager)),
            ("SRE Lead", Some(Level::Manager)),
            ("Team Lead / Head of Ops", Some(Level::Senior)),
            ("Senior Financial Analyst", None),
            ("Leader of the pack", None),
            ("Coordinator", None),
            ("", None),
        ];
        for (title, level) in cases {
            assert_eq!(from_title(title), level, "{title}");
        }
    }

    proptest! {
        /// Words around a rule's word never lower the level it gives.
        #[test]
        fn a_title_with_chief_is_always_executive(before in "[a-z ]{0,20}", after in "[a-z ]{0,20}") {
            let title = format!("{before} Chief {after}");
            prop_assert_eq!(from_title(&title), Some(Level::Executive));
        }
    }
}
