//! Guesses for the keyboard: the person an id typed probably meant, and a
//! fresh id for a new person.

use crate::model::{Partnership, Person};

/// The person someone most likely meant by `typed`: the same id in another
/// case, a name or first name typed as an id, or an id one letter off.
pub fn suggest_id<'a>(p: &'a Partnership, typed: &str) -> Option<&'a Person> {
    let typed = typed.trim().to_lowercase();
    if typed.is_empty() {
        return None;
    }
    let by = |f: &dyn Fn(&Person) -> bool| p.people.iter().find(|x| f(x));
    by(&|x| x.id.to_lowercase() == typed)
        .or_else(|| by(&|x| x.name.to_lowercase() == typed))
        .or_else(|| {
            by(&|x| {
                x.name
                    .split_whitespace()
                    .any(|part| part.to_lowercase() == typed)
            })
        })
        .or_else(|| by(&|x| one_edit_apart(&x.id.to_lowercase(), &typed)))
}

/// Whether two strings differ by one inserted, deleted or changed character.
pub(crate) fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    if short.len() == long.len() {
        return short
            .iter()
            .zip(long.iter())
            .filter(|(x, y)| x != y)
            .count()
            == 1;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    short.get(prefix..) == long.get(prefix + 1..)
}

/// A fresh id for a person named `name`: lower-case letters of the name,
/// made unique with a number.
pub fn suggest_person_id(p: &Partnership, name: &str) -> String {
    let taken = |id: &str| p.person(id).is_some();
    // The first word with a letter or digit in it: "🐉🐉 Dragon" is "dragon".
    let base: String = name
        .split_whitespace()
        .map(|word| {
            word.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .find(|word| !word.is_empty())
        .unwrap_or_default();
    let base = if base.is_empty() {
        "person".to_string()
    } else {
        base
    };
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}
