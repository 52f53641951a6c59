//! Markdown for a leadership review: a heading, the headline numbers and a
//! table, with pipes, HTML and line breaks in the data made inert.

use super::{headline, joined_names};
use crate::analysis::Analysis;
use crate::model::Partnership;
use crate::words::{risk_detail, symbol};
use std::fmt::Write;

/// Escapes a table cell: pipes, HTML, Markdown emphasis and line breaks.
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '*' | '_' | '`' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => out.push(' '),
            c if crate::text::needs_escape(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out
}

fn header(out: &mut String, title: &str, p: &Partnership, a: &Analysis) {
    let _ = writeln!(out, "# {title} — {}\n", cell(&p.names.name));
    let _ = writeln!(out, "As of {} · {}\n", a.scenario.as_of, headline(a));
    if !a.scenario.gone.is_empty() {
        let _ = writeln!(
            out,
            "**What-if:** as if {} had left. This is not the real state of the partnership.\n",
            cell(&joined_names(p, &a.scenario.gone))
        );
    }
}

pub fn risks(p: &Partnership, a: &Analysis) -> String {
    let mut out = String::new();
    header(&mut out, "Partnership risks", p, a);
    if a.risks.is_empty() {
        out.push_str("No risks found.\n");
        return out;
    }
    out.push_str("| Severity | Kind | Subject | People | Detail |\n");
    out.push_str("|---|---|---|---|---|\n");
    for r in &a.risks {
        let _ = writeln!(
            out,
            "| {} {} | {} | {} | {} | {} |",
            symbol(r.severity),
            r.severity,
            r.kind,
            cell(r.subject_name(p)),
            cell(&joined_names(p, &r.people)),
            cell(&risk_detail(p, a.scenario.as_of, r))
        );
    }
    out
}

pub fn coverage(p: &Partnership, a: &Analysis) -> String {
    let mut out = String::new();
    header(&mut out, "Partner coverage", p, a);
    if a.coverage.is_empty() {
        out.push_str("No active partner people.\n");
        return out;
    }
    out.push_str(
        "| Person | Level | Direct | Covered by | Depends on | Reachable | Last contact |\n",
    );
    out.push_str("|---|---|--:|---|---|---|---|\n");
    for row in &a.coverage {
        let person = &p.people[row.person];
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            cell(&person.name),
            person.level,
            row.direct(),
            cell(&joined_names(p, &row.covered_by)),
            cell(&joined_names(p, &row.depends_on)),
            if row.reachable { "yes" } else { "**no**" },
            row.last_contact
                .map_or_else(|| "—".to_string(), |d| d.to_string())
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_inert() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("<script>x</script>"), "&lt;script&gt;x&lt;/script&gt;");
        assert_eq!(cell("line\nbreak"), "line break");
        assert_eq!(cell("*bold* [x](y)"), "\\*bold\\* \\[x\\](y)");
    }
}
