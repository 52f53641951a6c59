//! Every sentence the analysis gives rise to, said one way for the command
//! line, the exports and the UI: risk details, change summaries, what
//! "depends on" means, name lists, "n days ago" and the severity symbols.
//! The analysis hands over facts (indices, counts, dates); this module
//! turns them into words and nothing else does.

mod change;
mod dependency;
mod edit;
mod import;
pub mod merge;
mod risk;

pub use change::{risk_change, risk_changes};
pub use dependency::{cut_off_if, if_all_left};
pub use edit::{delete_question, done, stance};
pub use import::{ImportMode, format_name, import_summary, look_words, place, skip_words};
pub use risk::risk_detail;

use crate::analysis::{Analysis, Severity};
use crate::date::days_between;
use crate::model::Person;
use jiff::civil::Date;

/// A symbol that carries the severity without colour.
pub fn symbol(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "‼",
        Severity::High => "!",
        Severity::Medium => "~",
        Severity::Low => "·",
    }
}

/// A line of headline numbers: "bus factor 1 · risk score 120 · 3
/// critical, 5 high, 4 medium, 2 low".
pub fn headline(a: &Analysis) -> String {
    let [critical, high, medium, low] = a.severity_counts();
    format!(
        "bus factor {} · risk score {} · {critical} critical, {high} high, {medium} medium, {low} low",
        a.bus_factor.size,
        a.risk_score()
    )
}

/// "Li Wei (CFO)", or just the name when there is no title.
pub fn label(person: &Person) -> String {
    match person.title() {
        Some(title) => format!("{} ({title})", person.name),
        None => person.name.clone(),
    }
}

/// "today", "1 day ago", "143 days ago", "in 3 days".
pub fn days_ago(date: Date, as_of: Date) -> String {
    match days_between(date, as_of) {
        0 => "today".to_string(),
        1 => "1 day ago".to_string(),
        n if n < 0 => format!("in {} days", -n),
        n => format!("{n} days ago"),
    }
}

/// "A", "A and B", "A, B and C", "A, B, C and 4 more".
pub fn name_list(names: &[String]) -> String {
    const SHOWN: usize = 3;
    if names.len() <= SHOWN {
        return crate::text::join_names(names);
    }
    let mut shown: Vec<String> = names.iter().take(SHOWN).cloned().collect();
    shown.push(format!("{} more", names.len() - SHOWN));
    crate::text::join_names(&shown)
}

/// "1 person", "3 people".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
