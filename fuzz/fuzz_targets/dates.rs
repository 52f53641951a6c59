//! The date parsers on arbitrary text: no panic, and what they accept is
//! exactly the canonical `YYYY-MM-DD` form or one of the relative words.

#![no_main]

use jiff::civil::date;
use libfuzzer_sys::fuzz_target;
use partnermap::date::{add_days, parse_date, parse_relative};

fuzz_target!(|text: &str| {
    let today = date(2026, 3, 1);
    let strict = parse_date(text);
    if let Ok(d) = strict {
        // Only the canonical form is accepted, so it prints back the same.
        assert_eq!(d.to_string(), text);
    }
    let relative = parse_relative(text, today);
    if let Ok(d) = strict {
        assert_eq!(
            relative,
            Ok(d),
            "a file date typed by hand means the same day"
        );
    }
    if let Ok(d) = relative {
        let t = text.trim().to_ascii_lowercase();
        let ok = parse_date(text.trim()) == Ok(d)
            || (t == "today" && d == today)
            || (t == "yesterday" && d == add_days(today, -1))
            || (t == "tomorrow" && d == add_days(today, 1))
            || (t.starts_with('-') && t.ends_with('d') && d <= today)
            || (t.starts_with('+') && t.ends_with('d') && d >= today);
        assert!(ok, "{text:?} was read as {d}");
    }
    // Errors quote at most 60 characters of the text (each escaped to at
    // most 10, as `\u{10ffff}`), however long it is.
    for e in [strict.err(), relative.err()].into_iter().flatten() {
        assert!(e.to_string().chars().count() < 700, "{e}");
    }
});
