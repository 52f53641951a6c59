//! The values of an iCalendar event as the import reads them: the
//! calendar's zone, an occurrence's day in its own zone, and its guests.

use super::contact::strip_mailto;
use super::ics::Guest;
use calcard::common::timezone::Tz;
use calcard::icalendar::timezone::TzResolver;
use calcard::icalendar::{
    ICalendar, ICalendarComponentType, ICalendarEntry, ICalendarParameterName, ICalendarProperty,
    ICalendarValue,
};
use chrono::{DateTime, Datelike};
use jiff::civil::Date;

/// The calendar's own zone (`X-WR-TIMEZONE`), else none (floating).
pub(super) fn calendar_zone(cal: &ICalendar) -> Tz {
    cal.components
        .iter()
        .filter(|c| c.component_type == ICalendarComponentType::VCalendar)
        .flat_map(|c| c.entries.iter())
        .find(|e| matches!(&e.name, ICalendarProperty::Other(n) if n.eq_ignore_ascii_case("X-WR-TIMEZONE")))
        .and_then(|e| e.values.first())
        .and_then(ICalendarValue::as_text)
        .and_then(|name| name.trim().parse::<Tz>().ok())
        .unwrap_or(Tz::Floating)
}

/// The day of `start` in its own zone; a time in UTC is read in the
/// calendar's zone when it has one.
pub(super) fn local_date(start: DateTime<Tz>, zone: Tz) -> Option<Date> {
    let start = if start.timezone().is_utc() && !zone.is_floating() {
        start.with_timezone(&zone)
    } else {
        start
    };
    let day = start.naive_local().date();
    Date::new(
        i16::try_from(day.year()).ok()?,
        i8::try_from(day.month()).ok()?,
        i8::try_from(day.day()).ok()?,
    )
    .ok()
}

/// The day of the occurrence a RECURRENCE-ID names.
pub(super) fn rid_date(
    rid: &ICalendarEntry,
    resolver: &TzResolver<&str>,
    zone: Tz,
) -> Option<Date> {
    let ICalendarValue::PartialDateTime(when) = rid.values.first()? else {
        return None;
    };
    let tz = resolver.resolve_or_default(rid.tz_id());
    local_date(when.to_date_time_with_tz(tz)?, zone)
}

/// A guest from an ATTENDEE or ORGANIZER line.
pub(super) fn guest(entry: &ICalendarEntry) -> Option<Guest> {
    let email = strip_mailto(entry.values.first()?.as_text()?).to_string();
    if email.is_empty() {
        return None;
    }
    let param = |name: ICalendarParameterName| {
        entry
            .parameter(&name)
            .and_then(|v| v.as_text())
            .map(str::to_string)
    };
    let cutype = param(ICalendarParameterName::Cutype).unwrap_or_default();
    let resource = cutype.eq_ignore_ascii_case("ROOM")
        || cutype.eq_ignore_ascii_case("RESOURCE")
        || email
            .to_lowercase()
            .ends_with("@resource.calendar.google.com");
    Some(Guest {
        name: param(ICalendarParameterName::Cn).filter(|n| !n.trim().is_empty()),
        declined: param(ICalendarParameterName::Partstat)
            .is_some_and(|s| s.eq_ignore_ascii_case("DECLINED")),
        resource,
        key: email.to_lowercase(),
        email,
    })
}
