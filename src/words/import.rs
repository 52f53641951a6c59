//! What an import found, in words: counts first, then each person,
//! meeting and skipped record with the file and the line or event it came
//! from, then what needs a look. The command line prints these lines and
//! the UI's import preview shows them.

use super::plural;
use crate::import::{Format, Look, Origin, Skip, Summary, Unit};
use crate::model::Names;
use crate::text::printable;

/// When the summary is said: before anything is written (a dry run, the
/// UI's preview) or after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    DryRun,
    Preview,
    Done,
}

/// The summary as lines, each escaped for a terminal.
pub fn import_summary(summary: &Summary, names: &Names, mode: ImportMode) -> Vec<String> {
    let mut out = vec![headline(summary, mode)];
    for file in &summary.files {
        let unit = match file.format {
            Format::VCard => "card",
            Format::Calendar => "event",
            _ => "row",
        };
        out.push(format!(
            "  {}: {}, {}",
            crate::text::path(&file.path),
            format_name(file.format),
            plural(file.records, unit, &format!("{unit}s"))
        ));
    }
    sections(summary, names, &mut out);
    out.iter().map(|l| printable(l).into_owned()).collect()
}

fn headline(s: &Summary, mode: ImportMode) -> String {
    let filled: usize = s.filled().map(|m| m.filled.len()).sum();
    let counts = format!(
        "{} added, {} matched ({} filled), {} added, {} skipped",
        plural(s.added.len(), "person", "people"),
        s.matched.len(),
        plural(filled, "field", "fields"),
        plural(s.meetings.len(), "meeting", "meetings"),
        s.skipped.len()
    );
    if s.changes_nothing() {
        format!("Nothing to change: {counts}")
    } else {
        match mode {
            ImportMode::DryRun => format!("Dry run, nothing written: {counts}"),
            ImportMode::Preview => format!("Would import: {counts}"),
            ImportMode::Done => format!("Imported: {counts}"),
        }
    }
}

/// The name of a format, for the list of files.
pub fn format_name(format: Format) -> &'static str {
    match format {
        Format::LinkedIn => "LinkedIn connections (CSV)",
        Format::GoogleContacts => "Google Contacts (CSV)",
        Format::Outlook => "Outlook contacts (CSV)",
        Format::Salesforce => "Salesforce report (CSV)",
        Format::HubSpot => "HubSpot contacts (CSV)",
        Format::OrgChart => "org chart (CSV)",
        Format::Csv => "contacts (CSV)",
        Format::VCard => "vCard contacts",
        Format::Calendar => "calendar (iCalendar)",
    }
}

fn sections(s: &Summary, names: &Names, out: &mut Vec<String>) {
    for (side, domain) in &s.domains {
        out.push(format!("Added the domain {domain} to {}", names.of(*side)));
    }
    section(out, "Added", &s.added, |a| {
        let how = if a.attendee { ", from a calendar" } else { "" };
        format!(
            "{} ({}, {}{how}, id {})",
            a.name,
            names.of(a.side),
            place(s, a.origin),
            a.id
        )
    });
    let filled: Vec<_> = s.filled().collect();
    section(out, "Filled empty fields of", &filled, |m| {
        format!(
            "{}: {} ({})",
            m.name,
            m.filled.join(", "),
            place(s, m.origin)
        )
    });
    section(out, "Added meetings", &s.meetings, |m| {
        let title = m
            .title
            .as_deref()
            .map(|t| format!(" {t:?}"))
            .unwrap_or_default();
        format!(
            "{} on {}{title} with {} ({})",
            m.id,
            m.date,
            plural(m.attendees, "person", "people"),
            place(s, m.origin)
        )
    });
    left_out(s, out);
    section(out, "Skipped", &s.skipped, |(origin, skip)| {
        format!("{}: {}", place(s, *origin), skip_words(skip, names))
    });
    needs_a_look(s, names, out);
}

/// A heading with the count, then one indented line per item.
fn section<T>(out: &mut Vec<String>, heading: &str, items: &[T], line: impl Fn(&T) -> String) {
    if items.is_empty() {
        return;
    }
    out.push(format!("{heading} ({}):", items.len()));
    out.extend(items.iter().map(|item| format!("  {}", line(item))));
}

/// What was left out by rule, counted.
fn left_out(s: &Summary, out: &mut Vec<String>) {
    let mut parts = Vec::new();
    if s.already > 0 {
        parts.push(format!(
            "{} already in the file",
            plural(s.already, "event", "events")
        ));
    }
    if s.cancelled > 0 {
        parts.push(format!(
            "{} cancelled",
            plural(s.cancelled, "event", "events")
        ));
    }
    if s.planned > 0 {
        let after = s.as_of.map(|d| format!(" after {d}")).unwrap_or_default();
        parts.push(format!(
            "{}{after} (planned)",
            plural(s.planned, "event", "events")
        ));
    }
    if s.declined > 0 {
        parts.push(format!(
            "{} who declined",
            plural(s.declined, "guest", "guests")
        ));
    }
    if s.rooms > 0 {
        parts.push(plural(s.rooms, "room or resource", "rooms and resources"));
    }
    if !s.unknown_attendees.is_empty() {
        parts.push(format!(
            "{} whose domain is neither side's ({})",
            plural(
                s.unknown_attendees.len(),
                "unknown attendee",
                "unknown attendees"
            ),
            super::name_list(&s.unknown_attendees)
        ));
    }
    if !parts.is_empty() {
        out.push(format!("Left out: {}", parts.join("; ")));
    }
}

fn needs_a_look(s: &Summary, names: &Names, out: &mut Vec<String>) {
    let guessed: Vec<_> = s.guessed().collect();
    let no_side = s
        .skipped
        .iter()
        .filter(|(_, k)| matches!(k, Skip::NoSide { .. }))
        .count();
    if guessed.is_empty() && no_side == 0 && s.look.is_empty() {
        return;
    }
    out.push("Needs a look:".to_string());
    if !guessed.is_empty() {
        out.push(format!(
            "  {} guessed from titles:",
            plural(guessed.len(), "level", "levels")
        ));
        for a in guessed {
            if let Some((title, level)) = &a.guessed {
                out.push(format!("    {}: {title:?} → {level}", a.name));
            }
        }
    }
    if no_side > 0 {
        out.push(format!(
            "  {} on no side (listed under Skipped): use --side, or add a domain with --ours-domain or --partner-domain",
            plural(no_side, "contact", "contacts")
        ));
    }
    for (origin, look) in &s.look {
        out.push(format!(
            "  {}: {}",
            place(s, *origin),
            look_words(look, names)
        ));
    }
}

/// Where a record came from: "contacts.csv line 12", "team.vcf card 3
/// (line 40)", "work.ics event 7 (line 212), occurrence of 2026-10-28".
pub fn place(s: &Summary, origin: Origin) -> String {
    let file = s
        .files
        .get(origin.file)
        .and_then(|f| f.path.file_name())
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    match origin.unit {
        Unit::Row => format!("{file} line {}", origin.line),
        Unit::Card(n) => format!("{file} card {n} (line {})", origin.line),
        Unit::Event(n, None) => format!("{file} event {n} (line {})", origin.line),
        Unit::Event(n, Some(day)) => {
            format!(
                "{file} event {n} (line {}), occurrence of {day}",
                origin.line
            )
        }
    }
}

fn titled(title: &Option<String>) -> String {
    title
        .as_deref()
        .map(|t| format!("{t:?}: "))
        .unwrap_or_default()
}

/// Why a record was skipped.
pub fn skip_words(skip: &Skip, names: &Names) -> String {
    match skip {
        Skip::NoName => "no name".to_string(),
        Skip::NoSide { name, company } => {
            let company = company
                .as_deref()
                .map(|c| format!(" (company {c:?})"))
                .unwrap_or_default();
            format!(
                "{name}{company}: on no side, neither {} nor {} by e-mail domain or company",
                names.ours, names.partner
            )
        }
        Skip::TooLong { name, field } => format!(
            "{}: the {field} is longer than {} characters",
            crate::text::clip(name),
            crate::model::MAX_TEXT_CHARS
        ),
        Skip::NoPartner { title } => {
            format!("{}no one from {} attends", titled(title), names.partner)
        }
        Skip::TooFew { title, known } => format!(
            "{}ties nobody: {} known and active, a meeting needs two",
            titled(title),
            plural(*known, "person", "people")
        ),
        Skip::Unusable { title, problem } => format!("{}{problem}", titled(title)),
    }
}

/// What to check, and why.
pub fn look_words(look: &Look, names: &Names) -> String {
    match look {
        Look::EventChanged {
            meeting,
            title,
            was,
            now,
            people_changed,
        } => {
            let mut what = Vec::new();
            if was != now {
                what.push(format!("moved from {was} to {now}"));
            }
            if *people_changed {
                what.push("other attendees".to_string());
            }
            format!(
                "{}changed in the calendar since it was imported as {meeting} ({}); the meeting was left as it is",
                titled(title),
                what.join(", ")
            )
        }
        Look::EventCancelled { meeting } => format!(
            "cancelled in the calendar since it was imported as {meeting}; the meeting was left as it is"
        ),
        Look::ManagerUnknown { name, manager } => format!(
            "{name}'s manager {manager:?} is no one on the same side; reports_to left empty"
        ),
        Look::ManagerLoop { name, manager } => format!(
            "{name} reporting to {manager:?} would make a reporting line loop; reports_to left empty"
        ),
        Look::OtherSide { name, side } => format!(
            "{name} is already in the file on {}'s side; left there",
            names.of(*side)
        ),
    }
}
