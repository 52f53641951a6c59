//! The partnership as it lives in memory: people, ties, meetings and settings,
//! in file order, with the unknown fields of each record kept for the round trip.

mod extra;
mod ids;

pub use extra::{Anchor, Extra, ExtraField, known};
pub use ids::{GetAll, Ids, Lookups};

use jiff::civil::Date;
use std::collections::HashMap;
use std::fmt;

/// The schema version this build reads and writes.
pub const SCHEMA: u64 = 1;

/// The longest id (of a person or a meeting), in characters.
pub const MAX_ID_CHARS: usize = 200;
/// The longest name, title, team, e-mail address or meeting title, in characters.
pub const MAX_TEXT_CHARS: usize = 1_000;
/// The longest notes (of a person or a meeting) or tie note, in characters.
pub const MAX_NOTES_CHARS: usize = 100_000;
/// The most attendees one meeting may list (SPEC §2).
pub const MAX_ATTENDEES: usize = 10_000;

/// Which organisation a person belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    Ours,
    Partner,
}

impl Side {
    pub const ALL: [Side; 2] = [Side::Ours, Side::Partner];

    pub fn as_str(self) -> &'static str {
        match self {
            Side::Ours => "ours",
            Side::Partner => "partner",
        }
    }

    pub fn parse(s: &str) -> Option<Side> {
        Side::ALL.into_iter().find(|side| side.as_str() == s)
    }
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Seniority of a person, highest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Level {
    Executive,
    Senior,
    Manager,
    #[default]
    Staff,
}

impl Level {
    pub const ALL: [Level; 4] = [
        Level::Executive,
        Level::Senior,
        Level::Manager,
        Level::Staff,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Executive => "executive",
            Level::Senior => "senior",
            Level::Manager => "manager",
            Level::Staff => "staff",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|level| level.as_str() == s)
    }

    /// The level a mistyped one probably means, for "did you mean": the
    /// same word in other case (`Executive`), its start (`exec`, `mgr` and
    /// `snr` as the UI shortens them), or one typo away (`manger`).
    pub fn suggest(typed: &str) -> Option<Level> {
        let typed = typed.trim().to_lowercase();
        let find = |f: &dyn Fn(&str) -> bool| Level::ALL.into_iter().find(|l| f(l.as_str()));
        match typed.as_str() {
            "" => None,
            "mgr" => Some(Level::Manager),
            "snr" | "sr" => Some(Level::Senior),
            _ => find(&|l| l == typed)
                .or_else(|| find(&|l| typed.len() >= 3 && l.starts_with(&typed)))
                .or_else(|| find(&|l| crate::edit::one_edit_apart(l, &typed))),
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a person stands toward the partnership (SPEC §2); a person without
/// one is unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stance {
    Champion,
    Supporter,
    Neutral,
    Skeptic,
    Blocker,
}

impl Stance {
    pub const ALL: [Stance; 5] = [
        Stance::Champion,
        Stance::Supporter,
        Stance::Neutral,
        Stance::Skeptic,
        Stance::Blocker,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Champion => "champion",
            Stance::Supporter => "supporter",
            Stance::Neutral => "neutral",
            Stance::Skeptic => "skeptic",
            Stance::Blocker => "blocker",
        }
    }

    pub fn parse(s: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|stance| stance.as_str() == s)
    }
}

impl fmt::Display for Stance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The e-mail domains of each side (lower case, no `@`), which import uses
/// to put a contact on its side (SPEC §2, §11).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Domains {
    pub ours: Vec<String>,
    pub partner: Vec<String>,
    pub extra: Extra,
}

impl Domains {
    /// The domains of `side`.
    pub fn of(&self, side: Side) -> &[String] {
        match side {
            Side::Ours => &self.ours,
            Side::Partner => &self.partner,
        }
    }

    /// The side whose domains hold `domain` (compared in lower case).
    pub fn side_of(&self, domain: &str) -> Option<Side> {
        let domain = domain.to_lowercase();
        Side::ALL
            .into_iter()
            .find(|&side| self.of(side).contains(&domain))
    }
}

/// The partnership's names: the partnership itself and the two
/// organisations, and their e-mail domains when known.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Names {
    pub name: String,
    pub ours: String,
    pub partner: String,
    /// `None` when the file has no `domains` (it is then not written).
    pub domains: Option<Domains>,
    pub extra: Extra,
}

impl Names {
    /// The name of the organisation on `side`.
    pub fn of(&self, side: Side) -> &str {
        match side {
            Side::Ours => &self.ours,
            Side::Partner => &self.partner,
        }
    }
}

/// Analysis settings stored in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// A tie whose last contact is more than this many days old is stale.
    pub stale_after_days: u32,
    /// A meeting's weight in a tie's strength halves every this many days.
    pub half_life_days: u32,
    /// A meeting with more active attendees than this is a large event (an
    /// all-hands, a conference): it stays on record but ties nobody.
    pub large_meeting: u32,
    pub extra: Extra,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            stale_after_days: 90,
            half_life_days: 90,
            large_meeting: 30,
            extra: Extra::new(),
        }
    }
}

/// One contact, on one side.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub side: Side,
    pub title: Option<String>,
    pub level: Level,
    pub team: Option<String>,
    pub email: Option<String>,
    pub key: bool,
    /// `None` is unknown.
    pub stance: Option<Stance>,
    pub left: Option<Date>,
    pub reports_to: Option<String>,
    pub notes: Option<String>,
    pub extra: Extra,
}

impl Person {
    /// A new person with only the required fields set.
    pub fn new(id: impl Into<String>, name: impl Into<String>, side: Side) -> Person {
        Person {
            id: id.into(),
            name: name.into(),
            side,
            title: None,
            level: Level::Staff,
            team: None,
            email: None,
            key: false,
            stance: None,
            left: None,
            reports_to: None,
            notes: None,
            extra: Extra::new(),
        }
    }

    /// Whether the person still belongs to their organisation on `day`.
    pub fn is_active_on(&self, day: Date) -> bool {
        self.left.is_none_or(|left| left > day)
    }

    /// Executives, key stakeholders and champions: the people whose loss
    /// matters most (SPEC §5).
    pub fn is_vip(&self) -> bool {
        self.key || self.level == Level::Executive || self.stance == Some(Stance::Champion)
    }

    /// The title, when one is set and not blank.
    pub fn title(&self) -> Option<&str> {
        self.title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
    }
}

/// A declared working relationship between two people.
#[derive(Debug, Clone, PartialEq)]
pub struct Tie {
    pub a: String,
    pub b: String,
    pub last_contact: Option<Date>,
    pub note: Option<String>,
    pub extra: Extra,
}

impl Tie {
    pub fn new(a: impl Into<String>, b: impl Into<String>) -> Tie {
        Tie {
            a: a.into(),
            b: b.into(),
            last_contact: None,
            note: None,
            extra: Extra::new(),
        }
    }

    /// Whether this tie joins the two ids, in either order.
    pub fn joins(&self, x: &str, y: &str) -> bool {
        (self.a == x && self.b == y) || (self.a == y && self.b == x)
    }
}

/// A meeting that was held (or is planned, when dated after the as-of date).
#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    pub id: String,
    pub date: Date,
    pub title: Option<String>,
    pub attendees: Vec<String>,
    pub notes: Option<String>,
    /// Where an imported meeting came from (`ics:<UID>`); unique in a file.
    pub source: Option<String>,
    pub extra: Extra,
}

/// One partnership: everything one data file holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Partnership {
    pub names: Names,
    pub settings: Settings,
    pub people: Vec<Person>,
    pub ties: Vec<Tie>,
    pub meetings: Vec<Meeting>,
    /// Unknown top-level fields.
    pub extra: Extra,
}

impl Partnership {
    /// A map from person id to index in `people`.
    pub fn person_index(&self) -> HashMap<&str, usize> {
        self.people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect()
    }

    /// Each person's meetings (indices into `meetings`, in file order), by
    /// person index; an attendee id nobody has is left out.
    pub fn meetings_by_person(&self) -> Vec<Vec<usize>> {
        let ids = Ids::new(self.people.iter().map(|x| x.id.as_str()));
        let mut of = vec![Vec::new(); self.people.len()];
        let attendees = self
            .meetings
            .iter()
            .flat_map(|m| m.attendees.iter().map(String::as_str));
        let holders = (self.meetings.iter().enumerate())
            .flat_map(|(i, m)| std::iter::repeat_n(i, m.attendees.len()));
        for (found, meeting) in ids.get_all(attendees).zip(holders) {
            if let Some(list) = found.and_then(|person| of.get_mut(person)) {
                list.push(meeting);
            }
        }
        of
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    /// The next free meeting id of the form `m-0001`.
    /// One pass over the meetings (a big file's form saves in a frame):
    /// `m-{n:04}` reads back as n, so the number after the highest is free.
    pub fn next_meeting_id(&self) -> String {
        let highest = self
            .meetings
            .iter()
            .filter_map(|m| m.id.strip_prefix("m-")?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        let free = |n: &u64| {
            let id = format!("m-{n:04}");
            !self.meetings.iter().any(|m| m.id == id)
        };
        match highest.checked_add(1) {
            Some(n) => format!("m-{n:04}"),
            // `m-18446744073709551615` is taken: one of the first numbers
            // is free (there are fewer meetings than numbers).
            None => (1..=u64::MAX)
                .find(free)
                .map_or_else(|| "m-0001".into(), |n| format!("m-{n:04}")),
        }
    }
}

/// How many people there are, as every report counts them (the header,
/// `check`, the JSON summary): the active people on each side, and apart
/// from them those who have left (or, in a what-if, are imagined gone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Headcount {
    pub ours: usize,
    pub partner: usize,
    pub left: usize,
}

impl Headcount {
    /// Counts with `active[i]` saying whether person `i` is active (as
    /// the live graph has it, what-if included); a missing entry is not.
    pub fn of(p: &Partnership, active: &[bool]) -> Headcount {
        let mut count = Headcount::default();
        for (i, person) in p.people.iter().enumerate() {
            match (active.get(i).copied().unwrap_or(false), person.side) {
                (true, Side::Ours) => count.ours += 1,
                (true, Side::Partner) => count.partner += 1,
                (false, _) => count.left += 1,
            }
        }
        count
    }

    /// Counts the people active on `day`.
    pub fn on(p: &Partnership, day: Date) -> Headcount {
        let active: Vec<bool> = p.people.iter().map(|x| x.is_active_on(day)).collect();
        Headcount::of(p, &active)
    }

    /// The active people, both sides.
    pub fn active(&self) -> usize {
        self.ours + self.partner
    }

    /// "38 people (18 Northwind, 20 Contoso) and 2 who have left".
    pub fn describe(&self, ours: &str, partner: &str) -> String {
        let left = match self.left {
            0 => String::new(),
            1 => " and 1 who has left".to_string(),
            n => format!(" and {n} who have left"),
        };
        format!(
            "{} {} ({} {ours}, {} {partner}){left}",
            self.active(),
            if self.active() == 1 {
                "person"
            } else {
                "people"
            },
            self.ours,
            self.partner
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{Level, Meeting, Partnership};

    fn with_ids(ids: &[&str]) -> Partnership {
        let date = jiff::civil::date(2026, 11, 2);
        Partnership {
            meetings: ids
                .iter()
                .map(|id| Meeting {
                    id: (*id).into(),
                    date,
                    title: None,
                    attendees: Vec::new(),
                    notes: None,
                    source: None,
                    extra: Default::default(),
                })
                .collect(),
            ..Partnership::default()
        }
    }

    #[test]
    fn the_next_meeting_id_is_after_the_highest_and_never_taken() {
        let cases: [(&[&str], &str); 6] = [
            (&[], "m-0001"),
            (&["m-0001", "m-0002"], "m-0003"),
            (&["m-0007", "m-0002"], "m-0008"),
            (&["m-12345"], "m-12346"),
            // Ids of other shapes are left alone: none can be the next.
            (&["x", "m-abc", "m-", "m-+9"], "m-0010"),
            // The highest number there is: the first free one instead.
            (&["m-18446744073709551615", "m-0001"], "m-0002"),
        ];
        for (ids, next) in cases {
            let p = with_ids(ids);
            assert_eq!(p.next_meeting_id(), next, "{ids:?}");
            assert!(!ids.contains(&next));
        }
    }

    #[test]
    fn a_mistyped_level_suggests_the_one_meant() {
        let cases = [
            ("Executive", Some(Level::Executive)),
            ("exec", Some(Level::Executive)),
            ("EXEC", Some(Level::Executive)),
            ("snr", Some(Level::Senior)),
            ("mgr", Some(Level::Manager)),
            ("manger", Some(Level::Manager)),
            ("Staff ", Some(Level::Staff)),
            ("ex", None),
            ("intern", None),
            ("", None),
        ];
        for (typed, meant) in cases {
            assert_eq!(Level::suggest(typed), meant, "{typed:?}");
        }
    }
}
