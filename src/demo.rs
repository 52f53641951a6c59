//! The demo partnership shipped with the program.
//!
//! `data/demo.json` is an ordinary data file plus one extra top-level field,
//! `demo_reference_date`: the day its story is told from. When the demo is
//! opened or written, every date in it (meetings, declared last contacts,
//! departures) moves by the same number of days so that the reference date
//! becomes today, and the field is dropped. The story therefore never ages:
//! the stale tie is always as stale, the meeting "last week" always last week.

use crate::date::{add_days, days_between, parse_date};
use crate::model::Partnership;
use jiff::civil::Date;
use std::path::Path;

/// The demo file's text, as shipped.
pub const DEMO_JSON: &str = include_str!("../data/demo.json");

/// The top-level field that holds the demo's reference date.
pub const REFERENCE_FIELD: &str = "demo_reference_date";

/// The demo partnership as shipped (dates as written, reference field kept).
// Not reachable from any input: the text is compiled in and checked by the
// test suite (`the_demo_round_trips_to_the_same_text`).
#[allow(clippy::unreachable)]
pub fn shipped() -> Partnership {
    // The shipped demo is checked by the test suite; an error here is a build defect.
    match crate::store::parse(DEMO_JSON, Path::new("data/demo.json")) {
        Ok(p) => p,
        Err(e) => unreachable!("the shipped demo is invalid: {e}"),
    }
}

/// The demo's reference date.
pub fn reference_date(p: &Partnership) -> Option<Date> {
    p.extra
        .get(REFERENCE_FIELD)
        .and_then(|f| serde_json::from_str::<String>(f.json()).ok())
        .and_then(|s| parse_date(&s).ok())
}

/// The demo partnership with its dates moved so that its story is told from `today`.
pub fn demo(today: Date) -> Partnership {
    let mut p = shipped();
    let shift = reference_date(&p).map_or(0, |r| days_between(r, today));
    p.extra.remove(REFERENCE_FIELD);
    shift_dates(&mut p, shift);
    p
}

/// Moves every date in the partnership by `days`.
pub fn shift_dates(p: &mut Partnership, days: i64) {
    for person in &mut p.people {
        person.left = person.left.map(|d| add_days(d, days));
    }
    for tie in &mut p.ties {
        tie.last_contact = tie.last_contact.map(|d| add_days(d, days));
    }
    for meeting in &mut p.meetings {
        meeting.date = add_days(meeting.date, days);
    }
}
