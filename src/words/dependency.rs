//! Sentences about dependency, said the same way wherever they are shown
//! (SPEC §7, "Words and widths"): each person named in "depends on" can
//! cut the partner person off alone, and the words say so.

use crate::text::{join_choice, join_names};

/// What "depends on" means, read aloud: `who` is cut off from `from` if
/// any one of `names` leaves — each alone is enough.
///
/// - one: "Sofia Rossi is cut off from Northwind if Dmitri Volkov leaves"
/// - two: "… if any one of Dmitri Volkov and Hana Sato leaves: both are needed"
/// - more: "… if any one of A, B or C leaves: all 3 are needed"
pub fn cut_off_if<S: AsRef<str>>(who: &str, from: &str, names: &[S]) -> String {
    let listed = join_choice(names);
    match names.len() {
        0 => format!("{who} is cut off from {from} only if several people leave"),
        1 => format!("{who} is cut off from {from} if {listed} leaves"),
        2 => format!("{who} is cut off from {from} if any one of {listed} leaves: both are needed"),
        n => format!(
            "{who} is cut off from {from} if any one of {listed} leaves: all {n} are needed"
        ),
    }
}

/// The people who together hold the partnership (the bus-factor set), said
/// of one of them: "if Ana Ruiz and Sam Okafor both left", "if A, B and C
/// all left" — here it takes all of them.
pub fn if_all_left<S: AsRef<str>>(names: &[S]) -> String {
    let listed = join_names(names);
    match names.len() {
        0 | 1 => format!("if {listed} left"),
        2 => format!("if {listed} both left"),
        _ => format!("if {listed} all left"),
    }
}

#[cfg(test)]
mod tests {
    use super::{cut_off_if, if_all_left};

    #[test]
    fn each_one_alone_is_enough_and_it_reads_so() {
        assert_eq!(
            cut_off_if("Sofia Rossi", "Northwind", &["Dmitri Volkov"]),
            "Sofia Rossi is cut off from Northwind if Dmitri Volkov leaves"
        );
        assert_eq!(
            cut_off_if("Sofia Rossi", "Northwind", &["Dmitri Volkov", "Hana Sato"]),
            "Sofia Rossi is cut off from Northwind if any one of Dmitri Volkov and Hana Sato leaves: both are needed"
        );
        assert_eq!(
            cut_off_if(
                "Sofia Rossi",
                "Northwind",
                &["Dmitri Volkov", "Hana Sato", "Rosa Alvarez"]
            ),
            "Sofia Rossi is cut off from Northwind if any one of Dmitri Volkov, Hana Sato or Rosa Alvarez leaves: all 3 are needed"
        );
    }

    #[test]
    fn a_set_that_holds_together_takes_all_of_them() {
        assert_eq!(if_all_left(&["Ana", "Sam"]), "if Ana and Sam both left");
        assert_eq!(
            if_all_left(&["Ana", "Sam", "Li"]),
            "if Ana, Sam and Li all left"
        );
    }
}
