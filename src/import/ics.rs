//! Meetings from an iCalendar file (Google Calendar, Outlook), read with
//! `calcard`: each event's occurrences, each dated by its start in its own
//! time zone (IANA or Windows names; a time given in UTC is read in the
//! calendar's zone, `X-WR-TIMEZONE`, when it names one). A repeating
//! event is expanded series by series (RRULE, RDATE, EXDATE; a changed
//! occurrence replaces the one it changes, whatever its SEQUENCE).

use super::ReadError;
use super::ics_values::{calendar_zone, guest, local_date, rid_date};
use super::summary::{Origin, Unit};
use super::vcard::{begin_lines, cut_short, unended};
use calcard::common::PartialDateTime;
use calcard::common::timezone::Tz;
use calcard::icalendar::timezone::TzResolver;
use calcard::icalendar::{
    ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarProperty, ICalendarStatus,
    ICalendarValue,
};
use calcard::{Entry, Parser};
use jiff::civil::Date;
use std::collections::HashMap;

/// The most occurrences one series expands to.
const SERIES_LIMIT: usize = 20_000;
/// The most occurrences one file expands to.
const FILE_LIMIT: usize = 1_000_000;

/// A guest of an event (or its organiser).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guest {
    pub email: String,
    /// The address in lower case, as compared.
    pub key: String,
    /// `CN`, as written.
    pub name: Option<String>,
    pub declined: bool,
    /// A room or another resource.
    pub resource: bool,
}

/// One occurrence of an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub origin: Origin,
    /// `ics:<UID>`, or `ics:<UID>/<occurrence date>` for a repeating event.
    pub source: String,
    pub date: Date,
    pub title: Option<String>,
    pub cancelled: bool,
    pub organizer: Option<Guest>,
    pub guests: Vec<Guest>,
    /// Why the event cannot be used, when it cannot.
    pub problem: Option<String>,
}

/// The events of one file.
#[derive(Debug, Default)]
pub struct Calendar {
    pub events: Vec<Event>,
    /// How many events (VEVENTs) the file holds.
    pub count: usize,
}

/// The occurrences of every event of a calendar file's `text`, up to two
/// days after `as_of` (later ones are planned, not held).
pub fn events(text: &str, file: usize, as_of: Date) -> Result<Calendar, ReadError> {
    let lines = begin_lines(text, "BEGIN:VEVENT");
    if let Some(n) = unended(text, "VEVENT") {
        return Err(cut_short(text, &format!("event {n} has no END:VEVENT")));
    }
    if unended(text, "VCALENDAR").is_some() {
        return Err(cut_short(text, "the calendar has no END:VCALENDAR"));
    }
    let mut out = Calendar::default();
    let mut budget = FILE_LIMIT;
    let mut parser = Parser::new(text);
    let mut calendars = 0;
    loop {
        match parser.entry() {
            Entry::ICalendar(cal) => {
                calendars += 1;
                let reading = Reading {
                    file,
                    lines: &lines,
                    as_of,
                };
                reading.calendar(&cal, &mut out, &mut budget);
            }
            Entry::Eof => break,
            Entry::UnterminatedComponent(what) => {
                return Err(cut_short(text, &format!("{what} has no END:{what}")));
            }
            Entry::UnexpectedComponentEnd { found, .. } => {
                let end = format!("END:{}", found.as_str());
                let line = text
                    .lines()
                    .position(|l| l.trim().eq_ignore_ascii_case(&end))
                    .map(|i| i + 1);
                return Err(ReadError {
                    line,
                    problem: format!("{end} where nothing of that kind began"),
                });
            }
            Entry::TooManyComponents => {
                return Err(ReadError {
                    line: None,
                    problem: "too many nested parts to be a calendar".into(),
                });
            }
            _ => {}
        }
    }
    if calendars == 0 {
        return Err(ReadError {
            line: Some(1),
            problem: "no calendar (BEGIN:VCALENDAR … END:VCALENDAR) in the file".into(),
        });
    }
    Ok(out)
}

/// What reading one calendar needs to know.
struct Reading<'a> {
    file: usize,
    lines: &'a [usize],
    as_of: Date,
}

impl Reading<'_> {
    /// Adds the occurrences of `cal`'s events to `out`.
    fn calendar(&self, cal: &ICalendar, out: &mut Calendar, budget: &mut usize) {
        let zone = calendar_zone(cal);
        let zones: Vec<ICalendarComponent> = cal
            .components
            .iter()
            .filter(|c| c.component_type == ICalendarComponentType::VTimezone)
            .cloned()
            .collect();
        // Events by UID, in the order they first appear: a series is its
        // master and the occurrences it changed.
        let mut series: Vec<(String, Vec<(usize, usize)>)> = Vec::new();
        let mut by_uid: HashMap<String, usize> = HashMap::new();
        for (at, comp) in cal.components.iter().enumerate() {
            if comp.component_type != ICalendarComponentType::VEvent {
                continue;
            }
            out.count += 1;
            let number = out.count;
            match comp.uid().map(str::trim).filter(|u| !u.is_empty()) {
                Some(uid) => {
                    let k = *by_uid.entry(uid.to_string()).or_insert_with(|| {
                        series.push((uid.to_string(), Vec::new()));
                        series.len() - 1
                    });
                    if let Some((_, members)) = series.get_mut(k) {
                        members.push((at, number));
                    }
                }
                None => out
                    .events
                    .push(self.unusable(comp, number, "the event has no UID")),
            }
        }
        let resolver = cal.build_tz_resolver().with_default(zone);
        for (uid, members) in &series {
            match members.as_slice() {
                [(at, number)]
                    if !cal
                        .components
                        .get(*at)
                        .is_some_and(|c| c.is_recurrent_or_override()) =>
                {
                    if let Some(comp) = cal.components.get(*at) {
                        out.events
                            .push(self.single(comp, *number, uid, &resolver, zone));
                    }
                }
                _ => self.series(cal, &zones, zone, uid, members, out, budget),
            }
        }
    }

    /// The occurrences of one series.
    #[allow(clippy::too_many_arguments)]
    fn series(
        &self,
        cal: &ICalendar,
        zones: &[ICalendarComponent],
        zone: Tz,
        uid: &str,
        members: &[(usize, usize)],
        out: &mut Calendar,
        budget: &mut usize,
    ) {
        let mut comps = zones.to_vec();
        let base = comps.len();
        let mut repeats = members.len() > 1;
        for &(at, _) in members {
            let Some(comp) = cal.components.get(at) else {
                continue;
            };
            repeats |= comp.is_recurrent_or_override();
            let mut comp = comp.clone();
            comp.component_ids.clear();
            // Google and Outlook raise SEQUENCE on a changed occurrence;
            // calcard pairs a change with its occurrence by SEQUENCE too.
            comp.entries
                .retain(|e| e.name != ICalendarProperty::Sequence);
            self.cap_rule(&mut comp);
            comps.push(comp);
        }
        let single = ICalendar { components: comps };
        let expanded = single.expand_dates(zone, SERIES_LIMIT.min(*budget));
        *budget = budget.saturating_sub(expanded.events.len());
        let resolver = single.build_tz_resolver().with_default(zone);
        let member = |comp_id: u32| {
            let k = (comp_id as usize).checked_sub(base)?;
            Some((single.components.get(comp_id as usize)?, members.get(k)?.1))
        };
        for error in &expanded.errors {
            if let Some((comp, number)) = member(error.comp_id) {
                out.events
                    .push(self.unusable(comp, number, &error.error.to_string()));
            }
        }
        for occurrence in &expanded.events {
            let Some((comp, number)) = member(occurrence.comp_id) else {
                continue;
            };
            let Some(date) = local_date(occurrence.start, zone) else {
                continue;
            };
            let changed = comp
                .property(&ICalendarProperty::RecurrenceId)
                .and_then(|rid| rid_date(rid, &resolver, zone));
            let key = repeats.then(|| changed.unwrap_or(date));
            let source = match key {
                Some(day) => format!("ics:{uid}/{day}"),
                None => format!("ics:{uid}"),
            };
            let mut event = self.event(comp, number, key);
            event.source = source;
            event.date = date;
            out.events.push(event);
        }
    }

    /// An event that does not repeat: on the day it starts.
    fn single(
        &self,
        comp: &ICalendarComponent,
        number: usize,
        uid: &str,
        resolver: &TzResolver<&str>,
        zone: Tz,
    ) -> Event {
        let start =
            comp.property(&ICalendarProperty::Dtstart)
                .and_then(|e| match e.values.first() {
                    Some(ICalendarValue::PartialDateTime(when)) => Some((when, e.tz_id())),
                    _ => None,
                });
        let Some((when, tz)) = start else {
            return self.unusable(comp, number, "Missing DTSTART property");
        };
        let date = when
            .to_date_time_with_tz(resolver.resolve_or_default(tz))
            .and_then(|when| local_date(when, zone));
        let Some(date) = date else {
            return self.unusable(comp, number, "Invalid DTSTART property");
        };
        Event {
            source: format!("ics:{uid}"),
            date,
            ..self.event(comp, number, None)
        }
    }

    /// Bounds a rule that repeats without end (or past the as-of date) to
    /// two days after the as-of date: later occurrences are not held yet.
    fn cap_rule(&self, comp: &mut ICalendarComponent) {
        let cap = crate::date::add_days(self.as_of, 2);
        for entry in comp
            .entries
            .iter_mut()
            .filter(|e| e.name == ICalendarProperty::Rrule)
        {
            for value in &mut entry.values {
                let ICalendarValue::RecurrenceRule(rule) = value else {
                    continue;
                };
                if rule.count.is_some() {
                    continue;
                }
                let ends_before = rule.until.as_ref().is_some_and(|u| {
                    (u.year, u.month, u.day)
                        < (
                            u16::try_from(cap.year()).ok(),
                            u8::try_from(cap.month()).ok(),
                            u8::try_from(cap.day()).ok(),
                        )
                });
                if !ends_before {
                    rule.until = Some(PartialDateTime {
                        year: u16::try_from(cap.year()).ok(),
                        month: u8::try_from(cap.month()).ok(),
                        day: u8::try_from(cap.day()).ok(),
                        hour: Some(0),
                        minute: Some(0),
                        second: Some(0),
                        ..PartialDateTime::default()
                    });
                }
            }
        }
    }

    fn origin(&self, number: usize, key: Option<Date>) -> Origin {
        Origin {
            file: self.file,
            line: self.lines.get(number - 1).copied().unwrap_or(0),
            unit: Unit::Event(number, key),
        }
    }

    /// The event `comp` describes (its date and source are set by the caller).
    fn event(&self, comp: &ICalendarComponent, number: usize, key: Option<Date>) -> Event {
        let title = comp
            .property(&ICalendarProperty::Summary)
            .and_then(|e| e.values.first())
            .and_then(ICalendarValue::as_text)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        Event {
            origin: self.origin(number, key),
            source: String::new(),
            date: self.as_of,
            title,
            cancelled: comp.status() == Some(&ICalendarStatus::Cancelled),
            organizer: comp.property(&ICalendarProperty::Organizer).and_then(guest),
            guests: comp
                .properties(&ICalendarProperty::Attendee)
                .filter_map(guest)
                .collect(),
            problem: None,
        }
    }

    fn unusable(&self, comp: &ICalendarComponent, number: usize, problem: &str) -> Event {
        Event {
            problem: Some(problem.to_string()),
            ..self.event(comp, number, None)
        }
    }
}
