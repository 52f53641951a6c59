//! Calendar dates: the strict `YYYY-MM-DD` form of the file, the friendlier
//! forms people type (`today`, `yesterday`, `tomorrow`, `-3d`, `+3d`), and
//! day arithmetic.

// Dates come from files and keyboards: no index may panic.
#![deny(clippy::indexing_slicing)]

use crate::text::clip;
use jiff::civil::Date;

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("expected a date as YYYY-MM-DD, got {0:?}")]
    Format(String),
    #[error("{0:?} is not a day of the calendar")]
    NoSuchDay(String),
    #[error("expected YYYY-MM-DD, today, -Nd or +Nd, got {0:?}")]
    Relative(String),
}

/// Parses a date exactly as the file stores it: `YYYY-MM-DD`, nothing else.
pub fn parse_date(text: &str) -> Result<Date, DateError> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes.get(4) == Some(&b'-')
        && bytes.get(7) == Some(&b'-')
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return Err(DateError::Format(clip(text).into_owned()));
    }
    // Only ASCII digits are left at these places: no overflow, no panic.
    let number = |range: std::ops::Range<usize>| -> i16 {
        bytes
            .get(range)
            .unwrap_or_default()
            .iter()
            .fold(0i16, |n, b| n * 10 + i16::from(b - b'0'))
    };
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let (Ok(month), Ok(day)) = (i8::try_from(month), i8::try_from(day)) else {
        return Err(DateError::NoSuchDay(text.to_string()));
    };
    Date::new(year, month, day).map_err(|_| DateError::NoSuchDay(text.to_string()))
}

/// The most days `-Nd` and `+Nd` may count: 65,535, some 179 years.
pub const MAX_RELATIVE_DAYS: u16 = u16::MAX;

/// Parses a date as a person types it: `YYYY-MM-DD`, `today`, `yesterday`,
/// `tomorrow`, `-Nd` (N days before `today`) or `+Nd` (N days after: a
/// planned meeting). N is digits only, at most [`MAX_RELATIVE_DAYS`].
pub fn parse_relative(text: &str, today: Date) -> Result<Date, DateError> {
    let text = text.trim();
    match text.to_ascii_lowercase().as_str() {
        "today" => return Ok(today),
        "yesterday" => return Ok(add_days(today, -1)),
        "tomorrow" => return Ok(add_days(today, 1)),
        _ => {}
    }
    let signed = |sign: char, factor: i64| {
        text.strip_prefix(sign)
            .and_then(|rest| rest.strip_suffix(['d', 'D']))
            .map(|days| (days, factor))
    };
    if let Some((days, factor)) = signed('-', -1).or_else(|| signed('+', 1)) {
        let digits = !days.is_empty() && days.bytes().all(|b| b.is_ascii_digit());
        return match days.parse::<u16>() {
            Ok(n) if digits => Ok(add_days(today, factor * i64::from(n))),
            _ => Err(DateError::Relative(clip(text).into_owned())),
        };
    }
    match parse_date(text) {
        Err(DateError::Format(_)) => Err(DateError::Relative(clip(text).into_owned())),
        other => other,
    }
}

/// A day count that can be subtracted: days since 1970-01-01.
pub fn day_number(date: Date) -> i32 {
    let secs = date.duration_since(Date::constant(1970, 1, 1)).as_secs();
    // A civil date is at most ±10,000 years from the epoch: this fits an i32.
    i32::try_from(secs.div_euclid(86_400)).unwrap_or(i32::MAX)
}

/// Whole days from `earlier` to `later` (negative when `later` is earlier).
pub fn days_between(earlier: Date, later: Date) -> i64 {
    i64::from(day_number(later)) - i64::from(day_number(earlier))
}

/// `date` moved by `days` (saturating at the ends of the calendar).
pub fn add_days(date: Date, days: i64) -> Date {
    date.saturating_add(jiff::Span::new().days(days))
}

/// Today's date in the local time zone.
pub fn today() -> Date {
    jiff::ZonedDateTime::now().date()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_dates() {
        assert_eq!(parse_date("2026-02-28"), Ok(Date::constant(2026, 2, 28)));
        assert!(matches!(
            parse_date("2026-02-29"),
            Err(DateError::NoSuchDay(_))
        ));
        assert!(matches!(parse_date("2026-2-28"), Err(DateError::Format(_))));
        assert!(matches!(
            parse_date("2026-02-28T00:00"),
            Err(DateError::Format(_))
        ));
        assert!(matches!(
            parse_date("２０２６-02-28"),
            Err(DateError::Format(_))
        ));
        assert!(matches!(
            parse_date("2026-13-01"),
            Err(DateError::NoSuchDay(_))
        ));
        assert!(matches!(parse_date(""), Err(DateError::Format(_))));
    }

    #[test]
    fn relative_dates() {
        let today = Date::constant(2026, 3, 1);
        assert_eq!(parse_relative("today", today), Ok(today));
        assert_eq!(
            parse_relative(" Yesterday ", today),
            Ok(Date::constant(2026, 2, 28))
        );
        assert_eq!(
            parse_relative("-3d", today),
            Ok(Date::constant(2026, 2, 26))
        );
        assert_eq!(
            parse_relative("2025-12-31", today),
            Ok(Date::constant(2025, 12, 31))
        );
        assert!(parse_relative("-d", today).is_err());
        assert!(parse_relative("--3d", today).is_err());
        assert!(parse_relative("3d", today).is_err());
        assert!(parse_relative("-99999999d", today).is_err());
    }

    #[test]
    fn tomorrow_and_days_ahead_for_planned_meetings() {
        let today = Date::constant(2026, 2, 28);
        let march = |d| Ok(Date::constant(2026, 3, d));
        assert_eq!(parse_relative("tomorrow", today), march(1));
        assert_eq!(parse_relative(" Tomorrow ", today), march(1));
        assert_eq!(parse_relative("+3d", today), march(3));
        assert_eq!(parse_relative("+3D", today), march(3));
        assert_eq!(parse_relative("+0d", today), Ok(today));
        assert_eq!(parse_relative("-0d", today), Ok(today));
        assert_eq!(
            parse_relative("+65535d", today),
            Ok(add_days(today, 65_535))
        );
        for bad in [
            "+d",
            "++3d",
            "+-3d",
            "-+3d",
            "+3",
            "+ 3d",
            "+3.5d",
            "+65536d",
            "+99999999999999999999d",
            "+３d",
        ] {
            let said = parse_relative(bad, today);
            assert!(
                matches!(said, Err(DateError::Relative(_))),
                "{bad}: {said:?}"
            );
            let text = said.err().map(|e| e.to_string()).unwrap_or_default();
            assert!(text.contains("today, -Nd or +Nd"), "{text}");
        }
    }

    #[test]
    fn day_arithmetic() {
        let a = Date::constant(2026, 1, 1);
        assert_eq!(days_between(a, Date::constant(2026, 3, 1)), 59);
        assert_eq!(days_between(Date::constant(2026, 3, 1), a), -59);
        assert_eq!(day_number(Date::constant(1970, 1, 2)), 1);
        assert_eq!(day_number(Date::constant(1969, 12, 31)), -1);
        assert_eq!(add_days(a, -1), Date::constant(2025, 12, 31));
    }
}
