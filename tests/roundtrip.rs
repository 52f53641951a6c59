//! The data file round trip (SPEC §2), on generated partnerships: any text,
//! any dates, and unknown fields of any JSON shape at the top level, in the
//! names, the settings, and on people, ties and meetings.
//!
//! For every generated partnership `p`: `parse(encode(p)) == p`, and
//! encoding that again gives the same text, byte for byte.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::Date;
use partnermap::model::{Extra, Level, Meeting, Names, Partnership, Person, Settings, Side, Tie};
use partnermap::store;
use proptest::prelude::*;
use serde_json::Value;
use std::path::Path;

/// Any text: every Unicode scalar, control characters and quotes included.
fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..max).prop_map(String::from_iter)
}

fn optional_text(max: usize) -> impl Strategy<Value = Option<String>> {
    prop::option::of(text(max))
}

/// Any day the file can hold: years 0001 to 9999.
fn day() -> impl Strategy<Value = Date> {
    (1i16..=9999, 1i8..=12, 1i8..=31)
        .prop_map(|(y, m, d)| Date::new(y, m, d).unwrap_or_else(|_| Date::new(y, m, 28).unwrap()))
}

/// Any JSON value, nested a few levels: what a newer partnermap might write.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        text(12).prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((text(6), inner), 0..4)
                .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

/// Unknown fields: names that no version of the format uses (`x_…`, any
/// text after it), values of any shape.
fn extra() -> impl Strategy<Value = Extra> {
    prop::collection::vec((text(8), json()), 0..3).prop_map(|fields| {
        fields
            .into_iter()
            .map(|(name, value)| (format!("x_{name}"), value))
            .collect()
    })
}

/// An id: any text, made unique by its prefix and never blank at its ends.
fn id(prefix: &str, i: usize, raw: &str) -> String {
    format!("{prefix}{i}_{raw}_")
}

type PersonParts = (
    String,
    String,
    bool,
    Option<String>,
    usize,
    Option<String>,
    Option<String>,
    bool,
    Option<Date>,
    Option<usize>,
    Option<String>,
    Extra,
);

fn person() -> impl Strategy<Value = PersonParts> {
    (
        text(8),
        text(20),
        any::<bool>(),
        optional_text(12),
        0usize..4,
        optional_text(8),
        optional_text(8),
        any::<bool>(),
        prop::option::of(day()),
        prop::option::of(any::<usize>()),
        optional_text(30),
        extra(),
    )
}

fn partnership() -> impl Strategy<Value = Partnership> {
    let names = (text(20), text(10), text(10), extra());
    let settings = (1u32..=u32::MAX, 1u32..=u32::MAX, extra());
    let ties = prop::collection::vec(
        (
            any::<usize>(),
            any::<usize>(),
            prop::option::of(day()),
            optional_text(12),
            extra(),
        ),
        0..8,
    );
    let meetings = prop::collection::vec(
        (
            text(6),
            day(),
            optional_text(12),
            prop::collection::vec(any::<usize>(), 1..4),
            optional_text(20),
            extra(),
        ),
        0..8,
    );
    (
        names,
        settings,
        prop::collection::vec(person(), 0..8),
        ties,
        meetings,
        extra(),
    )
        .prop_map(|(names, settings, people, ties, meetings, top)| {
            let mut p = Partnership {
                names: Names {
                    name: names.0,
                    ours: names.1,
                    partner: names.2,
                    extra: names.3,
                },
                settings: Settings {
                    stale_after_days: settings.0,
                    half_life_days: settings.1,
                    extra: settings.2,
                },
                extra: top,
                ..Partnership::default()
            };
            for (i, parts) in people.into_iter().enumerate() {
                let (
                    raw_id,
                    name,
                    partner,
                    title,
                    level,
                    team,
                    email,
                    key,
                    left,
                    boss,
                    notes,
                    extra,
                ) = parts;
                let side = if partner { Side::Partner } else { Side::Ours };
                // Reporting lines go to someone earlier on the same side: no loops.
                let earlier: Vec<&Person> = p.people.iter().filter(|x| x.side == side).collect();
                let reports_to = boss
                    .filter(|_| !earlier.is_empty())
                    .map(|b| earlier[b % earlier.len()].id.clone());
                p.people.push(Person {
                    id: id("p", i, &raw_id),
                    name,
                    side,
                    title,
                    level: Level::ALL[level],
                    team,
                    email,
                    key,
                    left,
                    reports_to,
                    notes,
                    extra,
                });
            }
            let n = p.people.len();
            if n >= 2 {
                for (a, b, last_contact, note, extra) in ties {
                    let (a, b) = (p.people[a % n].id.clone(), p.people[b % n].id.clone());
                    if a == b || p.ties.iter().any(|t| t.joins(&a, &b)) {
                        continue;
                    }
                    p.ties.push(Tie {
                        a,
                        b,
                        last_contact,
                        note,
                        extra,
                    });
                }
            }
            if n >= 1 {
                for (k, (raw_id, date, title, who, notes, extra)) in
                    meetings.into_iter().enumerate()
                {
                    let mut attendees: Vec<String> = Vec::new();
                    for w in who {
                        let a = p.people[w % n].id.clone();
                        if !attendees.contains(&a) {
                            attendees.push(a);
                        }
                    }
                    p.meetings.push(Meeting {
                        id: id("m", k, &raw_id),
                        date,
                        title,
                        attendees,
                        notes,
                        extra,
                    });
                }
            }
            p
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn encode_parse_encode_is_the_identity(p in partnership()) {
        let path = Path::new("roundtrip.json");
        let text = store::to_text(&p);
        let q = match store::parse(&text, path) {
            Ok(q) => q,
            Err(e) => return Err(TestCaseError::fail(format!("{e}\n{text}"))),
        };
        prop_assert_eq!(&q, &p);
        prop_assert_eq!(store::to_text(&q), text);
    }
}

#[test]
fn unknown_fields_keep_their_place_after_the_known_ones() {
    let mut p = Partnership::default();
    p.extra.insert("x_b".into(), Value::from(1));
    p.extra.insert("x_a".into(), Value::from(2));
    let text = store::to_text(&p);
    let keys: Vec<String> = serde_json::from_str::<serde_json::Map<String, Value>>(&text)
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(
        keys,
        [
            "schema",
            "partnership",
            "settings",
            "people",
            "ties",
            "meetings",
            "x_b",
            "x_a"
        ]
    );
}
