//! The data file round trip (SPEC §2), on generated partnerships: any text,
//! any dates, and unknown fields of any JSON shape at the top level, in the
//! names, the settings, and on people, ties and meetings.
//!
//! For every generated partnership `p`: `parse(encode(p)) == p`, and
//! encoding that again gives the same text, byte for byte.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::Date;
use partnermap::model::{
    Anchor, Domains, Extra, ExtraField, Level, Meeting, Names, Partnership, Person, Settings, Side,
    Stance, Tie, known,
};
use partnermap::store;
use proptest::prelude::*;
use serde_json::Value;
use serde_json::value::RawValue;
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

/// Any JSON number as text, beyond what `f64` or `u64` hold: 30-digit
/// integers, `1e-400`, `1E+400`, `-0.0`, trailing zeros.
fn number() -> impl Strategy<Value = String> {
    proptest::string::string_regex("-?(0|[1-9][0-9]{0,40})(\\.[0-9]{1,20})?([eE][+-]?[0-9]{1,4})?")
        .expect("a valid pattern")
}

/// A JSON string literal for any text, written plainly or with every
/// character past ASCII as a `\u` escape (surrogate pairs included).
fn string() -> impl Strategy<Value = String> {
    (text(10), any::<bool>()).prop_map(|(s, escape)| {
        let plain = serde_json::to_string(&s).unwrap();
        if !escape {
            return plain;
        }
        let mut out = String::new();
        for c in plain.chars() {
            if c.is_ascii() {
                out.push(c);
            } else {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
        out
    })
}

/// Any JSON text, nested a few levels, spaced in any of a few ways: what a
/// newer partnermap, or a person, might write.
fn json() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        Just("true".to_string()),
        Just("false".to_string()),
        number(),
        string(),
    ];
    let sep = prop_oneof![Just(","), Just(", "), Just(",\n      ")];
    leaf.prop_recursive(3, 24, 4, move |inner| {
        prop_oneof![
            (prop::collection::vec(inner.clone(), 0..4), sep.clone())
                .prop_map(|(items, sep)| format!("[{}]", items.join(sep))),
            (prop::collection::vec((string(), inner), 0..4), sep.clone()).prop_map(
                |(fields, sep)| {
                    // Keys are unique (the loader refuses a key twice): one
                    // key may be written plainly and once escaped, so compare
                    // what they say.
                    let mut seen = std::collections::HashSet::new();
                    let fields: Vec<String> = fields
                        .iter()
                        .filter(|(k, _)| seen.insert(serde_json::from_str::<String>(k).unwrap()))
                        .map(|(k, v)| format!("{k}: {v}"))
                        .collect();
                    format!("{{{}}}", fields.join(sep))
                }
            ),
        ]
    })
}

/// Unknown fields: names that no version of the format uses (`x_…`, any
/// text after it), values of any shape, anywhere among the known fields of
/// a record whose known fields are `known`.
fn extra(known: &'static [&'static str]) -> impl Strategy<Value = Extra> {
    let anchor = (0..known.len() + 2).prop_map(move |i| match i {
        0 => Anchor::Start,
        i if i <= known.len() => Anchor::After(known[i - 1]),
        _ => Anchor::End,
    });
    prop::collection::vec((text(8), json(), anchor), 0..3).prop_map(|fields| {
        let mut extra = Extra::new();
        for (name, json, anchor) in fields {
            let name = format!("x_{name}");
            if !extra.contains_key(&name) {
                extra.push(ExtraField {
                    name,
                    raw: RawValue::from_string(json).unwrap(),
                    anchor,
                });
            }
        }
        extra
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
        extra(known::PERSON),
    )
}

// Longer than a screen on purpose: one generator, read top to bottom as the file is laid out.
#[allow(clippy::too_many_lines)]
fn partnership() -> impl Strategy<Value = Partnership> {
    let names = (text(20), text(10), text(10), extra(known::NAMES));
    let settings = (
        1u32..=u32::MAX,
        1u32..=u32::MAX,
        2u32..=u32::MAX,
        extra(known::SETTINGS),
    );
    let ties = prop::collection::vec(
        (
            any::<usize>(),
            any::<usize>(),
            prop::option::of(day()),
            optional_text(12),
            extra(known::TIE),
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
            extra(known::MEETING),
        ),
        0..8,
    );
    (
        names,
        settings,
        prop::collection::vec(person(), 0..8),
        ties,
        meetings,
        extra(known::TOP),
    )
        .prop_map(|(names, settings, people, ties, meetings, top)| {
            let even = names.0.len() % 2 == 0;
            let mut p = Partnership {
                names: Names {
                    name: names.0,
                    // Domains when the name's length is even (no tuple room left).
                    domains: even.then(|| Domains {
                        ours: vec!["ours.example".into()],
                        partner: vec!["partner.example".into(), "p2.example".into()],
                        extra: Default::default(),
                    }),
                    ours: names.1,
                    partner: names.2,
                    extra: names.3,
                },
                settings: Settings {
                    stale_after_days: settings.0,
                    half_life_days: settings.1,
                    large_meeting: settings.2,
                    extra: settings.3,
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
                    // Every stance and unknown, by position.
                    stance: Stance::ALL.get((i + level) % 6).copied(),
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
                    let id = id("m", k, &raw_id);
                    p.meetings.push(Meeting {
                        source: (k % 2 == 0).then(|| format!("ics:{id}")),
                        id,
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

/// The partnership with every unknown field's anchor set to where it was
/// written: after the last known field written before it. (A field anchored
/// after a known field that is not written, such as an absent title, is
/// read back as anchored after the one before.)
fn as_written(p: &Partnership) -> Partnership {
    store::parse(&store::to_text(p), Path::new("x.json")).unwrap()
}

/// Every unknown field's text, in order, with its record's place.
fn unknown_texts(p: &Partnership) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut add = |place: String, extra: &Extra| {
        for f in extra {
            out.push((place.clone(), f.name.clone(), f.json().to_string()));
        }
    };
    add("top".into(), &p.extra);
    add("names".into(), &p.names.extra);
    add("settings".into(), &p.settings.extra);
    for (i, x) in p.people.iter().enumerate() {
        add(format!("people[{i}]"), &x.extra);
    }
    for (i, x) in p.ties.iter().enumerate() {
        add(format!("ties[{i}]"), &x.extra);
    }
    for (i, x) in p.meetings.iter().enumerate() {
        add(format!("meetings[{i}]"), &x.extra);
    }
    out.sort();
    out
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
        prop_assert_eq!(store::to_text(&q), text);
        // The same records and the same unknown fields, byte for byte...
        prop_assert_eq!(unknown_texts(&q), unknown_texts(&p));
        // ...and everything else equal, anchors as written.
        prop_assert_eq!(&q, &as_written(&p));
    }

    /// Any unknown field, numbers included, is written back as the same
    /// text, where it stood, after a load and a save.
    #[test]
    fn unknown_fields_round_trip_byte_for_byte(value in json(), anchor in 0usize..13) {
        let known = known::PERSON;
        let mut fields: Vec<String> = vec![
            r#""id": "p""#.into(), r#""name": "P""#.into(), r#""side": "ours""#.into(),
            r#""title": "T""#.into(), r#""level": "staff""#.into(), r#""team": "X""#.into(),
            r#""email": "p@x""#.into(), r#""key": false"#.into(), r#""stance": "neutral""#.into(),
            r#""left": null"#.into(),
            r#""reports_to": null"#.into(), r#""notes": "n""#.into(),
        ];
        prop_assert_eq!(fields.len(), known.len());
        fields.insert(anchor.min(fields.len()), format!(r#""x_field": {value}"#));
        let person = fields.join(",\n      ");
        let text = format!(
            "{{\n  \"schema\": 1,\n  \"partnership\": {{\n    \"name\": \"N\",\n    \"ours\": \"A\",\n    \"partner\": \"B\"\n  }},\n  \"settings\": {{\n    \"stale_after_days\": 90,\n    \"half_life_days\": 90,\n    \"large_meeting\": 30\n  }},\n  \"people\": [\n    {{\n      {person}\n    }}\n  ],\n  \"ties\": [],\n  \"meetings\": []\n}}\n"
        );
        let p = match store::parse(&text, Path::new("x.json")) {
            Ok(p) => p,
            Err(e) => return Err(TestCaseError::fail(format!("{e}\n{text}"))),
        };
        prop_assert_eq!(store::to_text(&p), text);
    }
}

#[test]
fn unknown_fields_added_in_code_go_after_the_known_ones() {
    let mut p = Partnership::default();
    p.extra.insert("x_b", &Value::from(1));
    p.extra.insert("x_a", &Value::from(2));
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
