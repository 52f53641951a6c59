//! Ids for new people, made from their names and unique in the file.

use crate::model::MAX_ID_CHARS;
use std::collections::HashSet;

/// An id for `name`: its words in lower case joined by `-` ("Marta
/// Kowalczyk" is `marta-kowalczyk`), with `-2`, `-3`… when taken; `person`
/// for a name with no letter or digit. The id is added to `taken`.
pub fn new_id(name: &str, taken: &mut HashSet<String>) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut base = words.join("-");
    if base.is_empty() {
        base = "person".to_string();
    }
    // Room for a number after it.
    let base: String = base.chars().take(MAX_ID_CHARS - 8).collect();
    let base = base.trim_end_matches('-').to_string();
    let id = if taken.contains(&base) {
        (2u64..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !taken.contains(id))
            .unwrap_or_else(|| base.clone())
    } else {
        base
    };
    taken.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ids_come_from_names_and_never_repeat() {
        let mut taken: HashSet<String> = ["li-wei".to_string()].into();
        assert_eq!(new_id("Marta Kowalczyk", &mut taken), "marta-kowalczyk");
        assert_eq!(new_id("Li Wei", &mut taken), "li-wei-2");
        assert_eq!(new_id("LI  WEI", &mut taken), "li-wei-3");
        assert_eq!(new_id("Jürgen Müller", &mut taken), "jürgen-müller");
        assert_eq!(new_id("🐉", &mut taken), "person");
        assert_eq!(new_id("", &mut taken), "person-2");
    }

    proptest! {
        #[test]
        fn every_id_is_new_valid_and_short(names in proptest::collection::vec(".{0,300}", 1..20)) {
            let mut taken = HashSet::new();
            let mut made = Vec::new();
            for name in &names {
                let id = new_id(name, &mut taken);
                prop_assert!(crate::rules::id(&id).is_none(), "{id:?}");
                prop_assert!(id.chars().count() <= MAX_ID_CHARS);
                prop_assert!(!made.contains(&id));
                made.push(id);
            }
        }
    }
}
