//! What a merge says: each conflict (the record, the field, both values and
//! which was kept), each meeting given a new id, and a merge that would not
//! load. Ids, names and values from the files are escaped and clipped.

use crate::merge::{BrokenRule, Clash, Conflict, Merged, RecordKey, Renumbered, Unmergeable, Who};
use crate::model::Partnership;
use crate::text::{clip, join_names, printable};

/// An id or value from a file as a message shows it: escaped, clipped.
fn shown(text: &str) -> String {
    printable(&clip(text)).into_owned()
}

/// `person "ana" (Ana Ruiz)`, `tie "ana"–"li"`, `meeting "m-0036"`,
/// `the partnership`, `settings`; `p` (the merged file) gives the name.
pub fn record(p: &Partnership, key: &RecordKey) -> String {
    match key {
        RecordKey::Partnership => "the partnership".to_string(),
        RecordKey::Settings => "settings".to_string(),
        RecordKey::Person(id) => match p.person(id) {
            Some(person) => format!("person \"{}\" ({})", shown(id), shown(&person.name)),
            None => format!("person \"{}\"", shown(id)),
        },
        RecordKey::Tie(a, b) => format!("tie \"{}\"–\"{}\"", shown(a), shown(b)),
        RecordKey::Meeting(id) => format!("meeting \"{}\"", shown(id)),
    }
}

fn side(who: Who) -> &'static str {
    match who {
        Who::Ours => "our side",
        Who::Theirs => "their side",
    }
}

/// A value as JSON text, or that the field is not there.
fn value(v: Option<&str>) -> String {
    v.map_or_else(|| "(not there)".to_string(), shown)
}

/// One conflict in one line: `person "ana" (Ana Ruiz), field "title": ours
/// "VP Sales", theirs "VP Alliances"; ours kept`.
pub fn conflict(p: &Partnership, c: &Conflict) -> String {
    let what = record(p, &c.record);
    match &c.clash {
        Clash::Field {
            field,
            ours,
            theirs,
        } => format!(
            "{what}, field \"{}\": ours {}, theirs {}; ours kept",
            shown(field),
            value(ours.as_deref()),
            value(theirs.as_deref())
        ),
        Clash::DeletedChanged {
            deleted_by,
            changed,
        } => format!(
            "{what}: deleted on {}, changed on {} ({}); kept as changed",
            side(*deleted_by),
            side(deleted_by.other()),
            changed.join(", ")
        ),
        Clash::StillNamed {
            deleted_by,
            named_in,
        } => format!(
            "{what}: deleted on {}, but still named by {}; kept",
            side(*deleted_by),
            join_names(&named_in.iter().map(|n| shown(n)).collect::<Vec<_>>())
        ),
        Clash::Broken { field, problem } => format!(
            "{what}, field \"{}\": merged, it would break a rule ({}); ours kept",
            shown(field),
            printable(problem)
        ),
    }
}

/// `their meeting "m-0036" is now "m-0037" (ours has a meeting "m-0036")`.
pub fn renumbered(r: &Renumbered) -> String {
    format!(
        "their meeting \"{}\" is now \"{}\" (ours has a meeting \"{}\")",
        shown(&r.was),
        shown(&r.now),
        shown(&r.was)
    )
}

/// The one-line outcome: `merged: 3 conflicts, ours kept in each` or
/// `merged cleanly`.
pub fn outcome(m: &Merged) -> String {
    let renumbered = match m.renumbered.len() {
        0 => String::new(),
        1 => " (1 meeting of theirs renumbered)".to_string(),
        n => format!(" ({n} meetings of theirs renumbered)"),
    };
    match m.conflicts.len() {
        0 => format!("merged cleanly{renumbered}"),
        1 => format!("merged with 1 conflict{renumbered}"),
        n => format!("merged with {n} conflicts{renumbered}"),
    }
}

/// One rule a merge would break: `person "ana", field "reports_to": …`.
pub fn broken_rule(p: &Partnership, b: &BrokenRule) -> String {
    format!(
        "{}, field \"{}\": {}",
        record(p, &b.record),
        shown(&b.field),
        printable(&b.problem)
    )
}

/// Why nothing was merged, one rule a line after the first.
pub fn unmergeable(ours: &Partnership, u: &Unmergeable) -> String {
    let mut out = "the merged file would not load, so nothing was merged:".to_string();
    for b in &u.problems {
        out.push_str("\n  ");
        out.push_str(&broken_rule(ours, b));
    }
    out
}
