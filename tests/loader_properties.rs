//! Properties of the loader and the encoder on random input near a data
//! file (fields of every JSON type in any order, keys twice, unknown fields
//! anywhere, text cut short) and on generated files edited the way the UI
//! and the CLI edit them. Until the one-pass loader and the encoder that
//! writes straight from the model replaced the old paths (through a tree of
//! JSON values), these generators compared the two, which agreed on every
//! case; `tests/loader.rs` keeps what they gave on fixed inputs.
//!
//! What loads is written back as text that loads as the same partnership
//! and is written again byte for byte; what does not load fails the same
//! way every time (the checks of a big file run on two threads), with a
//! place for every problem and at most `MAX_PROBLEMS` listed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::date;
use partnermap::generate::{Spec, partnership};
use partnermap::model::known;
use partnermap::store::{self, LoadError};
use proptest::prelude::*;
use std::path::Path;

/// Loads `text` twice and checks the properties above.
fn check(text: &str) -> Result<(), TestCaseError> {
    let path = Path::new("same.json");
    let first = store::parse(text, path);
    let shown = format!("{first:?}");
    prop_assert_eq!(
        &shown,
        &format!("{:?}", store::parse(text, path)),
        "not the same twice"
    );
    match first {
        Ok(p) => {
            let saved = store::to_text(&p);
            let again = store::parse(&saved, path);
            prop_assert!(again.as_ref().is_ok_and(|q| *q == p), "{saved}\n{again:?}");
            prop_assert_eq!(store::to_text(&again.unwrap()), saved);
        }
        Err(LoadError::Invalid { problems, more, .. }) => {
            prop_assert!(!problems.is_empty() && problems.len() <= store::MAX_PROBLEMS);
            prop_assert!(more == 0 || problems.len() == store::MAX_PROBLEMS);
            for p in &problems {
                prop_assert!(!p.place.is_empty() && !p.message.is_empty(), "{p:?}");
            }
        }
        Err(LoadError::Syntax { line, column, .. }) => {
            prop_assert!(line >= 1 && line <= text.lines().count().max(1) + 1);
            prop_assert!(column <= text.len() + 1);
        }
        Err(other) => prop_assert!(false, "{other:?}"),
    }
    Ok(())
}

/// Text that needs escapes: quotes, backslashes, control characters,
/// line and paragraph separators, `</`, emoji and combining marks.
fn awkward() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(any::<char>(), 0..12).prop_map(String::from_iter),
        prop::sample::select(vec![
            "\"q\" \\ b",
            "\u{0}\u{1f}\u{7f}",
            "\u{2028}\u{2029}",
            "</script>",
            "e\u{301}",
            "\u{1f469}\u{200d}\u{1f4bb}",
            "\t\r\n",
        ])
        .prop_map(str::to_string),
    ]
}

/// Generated files, then edited the way the UI and the CLI edit them
/// (through `Change`): awkward text, dates cleared, unknown fields added in
/// code, people deleted with what goes with them. Both encoders write the
/// same text, and it loads back as the same partnership.
fn edited(
    spec: (usize, usize, u64),
    edits: &[(usize, String, u8)],
) -> partnermap::model::Partnership {
    use partnermap::change::{Change, Record};
    let (people, meetings, seed) = spec;
    let mut p = partnership(Spec {
        people,
        meetings,
        seed,
        as_of: date(2026, 11, 24),
    });
    for (at, text, what) in edits {
        let n = p.people.len();
        if n == 0 {
            break;
        }
        let person = p.people[at % n].clone();
        let change = match what % 6 {
            0 => {
                let mut after = person.clone();
                after.name = format!("N{text}");
                after.title = Some(text.clone());
                after.notes = (!text.is_empty()).then(|| text.clone());
                Some(Change::edit_person(&person, after))
            }
            1 => Some(Change::mark_left(
                &person,
                person.left.xor(Some(date(2026, 3, 1))),
            )),
            2 => Change::delete(&p, Record::Person(person)),
            3 => {
                p.people[at % n]
                    .extra
                    .insert(format!("x_{text}"), &serde_json::Value::from(text.as_str()));
                None
            }
            4 => p
                .meetings
                .get(at % p.meetings.len().max(1))
                .cloned()
                .and_then(|m| Change::delete(&p, Record::Meeting(m))),
            _ => {
                let k = at % p.meetings.len().max(1);
                if let Some(m) = p.meetings.get_mut(k) {
                    m.title = Some(text.clone());
                    m.source = Some(format!("ics:{text}"));
                }
                p.extra
                    .insert("x_top", &serde_json::Value::from(*at as u64));
                None
            }
        };
        if let Some(change) = change {
            let _ = change.apply(&mut p);
        }
    }
    p
}

/// A JSON document as text, keys possibly twice.
#[derive(Debug, Clone)]
enum J {
    Null,
    Bool(bool),
    Num(&'static str),
    Str(String),
    List(Vec<J>),
    Object(Vec<(String, J)>),
}

impl J {
    fn write(&self, out: &mut String) {
        match self {
            J::Null => out.push_str("null"),
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Num(n) => out.push_str(n),
            J::Str(s) => out.push_str(&serde_json::to_string(s).unwrap()),
            J::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            J::Object(fields) => {
                out.push('{');
                for (i, (key, value)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&serde_json::to_string(key).unwrap());
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// Strings a record's fields may hold: ids that exist or not, every side,
/// level and stance, dates good and bad, blank and padded text.
fn word() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "a",
        "b",
        "c",
        "m1",
        "",
        " ",
        " a",
        "ours",
        "partner",
        "executive",
        "senior",
        "Staff",
        "champion",
        "blocker",
        "2026-01-05",
        "2026-02-30",
        "26-1-5",
        "x.example",
        "X.example",
        "ics:1",
        "\u{e9}",
        "a\"b",
    ])
    .prop_map(str::to_string)
}

/// Any value, a word more often than not.
fn value() -> impl Strategy<Value = J> {
    let leaf = prop_oneof![
        4 => word().prop_map(J::Str),
        1 => Just(J::Null),
        1 => any::<bool>().prop_map(J::Bool),
        1 => prop::sample::select(vec!["1", "2", "0", "-1", "1.5", "90", "1e3", "123456789012345678901234567890"]).prop_map(J::Num),
    ];
    leaf.prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(J::List),
            prop::collection::vec(
                (
                    prop::sample::select(vec!["k", "id", "x"]).prop_map(str::to_string),
                    inner
                ),
                0..4
            )
            .prop_map(J::Object),
        ]
    })
}

/// A record with fields from `known` (and unknown ones), each possibly
/// twice when `twice` allows it, in any order.
fn record(known: &'static [&'static str], twice: bool) -> impl Strategy<Value = J> {
    let mut names: Vec<&'static str> = known.to_vec();
    names.extend(["x_a", "x_b"]);
    let field = (prop::sample::select(names), value());
    prop::collection::vec(field, 0..(known.len() + 3)).prop_map(move |fields| {
        let mut out: Vec<(String, J)> = Vec::new();
        for (name, value) in fields {
            if twice || !out.iter().any(|(k, _)| k == name) {
                out.push((name.to_string(), value));
            }
        }
        J::Object(out)
    })
}

/// A person who is well formed, so that ties and meetings have people to name.
fn person(id: &str, side: &str) -> J {
    J::Object(vec![
        ("id".into(), J::Str(id.into())),
        ("name".into(), J::Str(id.to_uppercase())),
        ("side".into(), J::Str(side.into())),
    ])
}

/// A list of records, some not objects.
fn list(known: &'static [&'static str]) -> impl Strategy<Value = J> {
    prop::collection::vec(prop_oneof![6 => record(known, true), 1 => value()], 0..5)
        .prop_map(J::List)
}

/// A meeting whose attendees are a list of words and odd items.
fn meeting() -> impl Strategy<Value = J> {
    (
        record(known::MEETING, true),
        prop::collection::vec(
            prop_oneof![4 => word().prop_map(J::Str), 1 => value()],
            0..5,
        ),
    )
        .prop_map(|(m, attendees)| match m {
            J::Object(mut fields) => {
                fields.push(("attendees".into(), J::List(attendees)));
                J::Object(fields)
            }
            other => other,
        })
}

/// A document near a data file: the top level's fields in any order, each
/// record's fields from its known ones, values of every kind. A top-level
/// list or the partnership is never given twice (see the README: the old
/// loader then compared the two lists' unknown fields as one record's).
fn document() -> impl Strategy<Value = String> {
    let people = prop::collection::vec(prop_oneof![3 => record(known::PERSON, true), 2 => prop::sample::select(vec![("a", "ours"), ("b", "partner"), ("c", "partner"), ("a", "partner")]).prop_map(|(i, s)| person(i, s))], 0..6).prop_map(J::List);
    let names = record(known::NAMES, false);
    let top_fields = (
        prop::option::of(prop_oneof![Just(J::Num("1")), value()]),
        prop::option::of(names),
        prop::option::of(record(known::SETTINGS, true)),
        prop::option::of(prop_oneof![4 => people, 1 => value()]),
        prop::option::of(prop_oneof![4 => list(known::TIE), 1 => value()]),
        prop::option::of(
            prop_oneof![4 => prop::collection::vec(meeting(), 0..5).prop_map(J::List), 1 => value()],
        ),
        prop::collection::vec(
            (prop::sample::select(vec!["x_top", "schema"]), value()),
            0..2,
        ),
        any::<prop::sample::Index>(),
    );
    top_fields.prop_map(
        |(schema, names, settings, people, ties, meetings, extra, shuffle)| {
            let mut fields: Vec<(String, J)> = Vec::new();
            for (name, value) in [
                ("schema", schema),
                ("partnership", names),
                ("settings", settings),
                ("people", people),
                ("ties", ties),
                ("meetings", meetings),
            ] {
                if let Some(value) = value {
                    fields.push((name.to_string(), value));
                }
            }
            fields.extend(extra.into_iter().map(|(k, v)| (k.to_string(), v)));
            if !fields.is_empty() {
                let at = shuffle.index(fields.len());
                fields.rotate_left(at);
            }
            let mut text = String::new();
            J::Object(fields).write(&mut text);
            text
        },
    )
}

/// A valid record with unknown fields put anywhere among its known ones,
/// and, now and then, one field's value replaced by any value.
fn sprinkled(fields: Vec<(&'static str, J)>) -> impl Strategy<Value = J> {
    let n = fields.len();
    (
        prop::collection::vec((0..=n, value()), 0..3),
        prop::option::weighted(0.2, (0..n.max(1), value())),
    )
        .prop_map(move |(unknown, replace)| {
            let mut out: Vec<(String, J)> = fields
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect();
            if let Some((at, value)) = replace
                && let Some(field) = out.get_mut(at)
            {
                field.1 = value;
            }
            for (i, (at, value)) in unknown.into_iter().enumerate() {
                out.insert(at.min(out.len()), (format!("x_{i}"), value));
            }
            J::Object(out)
        })
}

fn s(text: &str) -> J {
    J::Str(text.to_string())
}

/// A valid file (three people, a tie, two meetings, domains) with unknown
/// fields everywhere and a broken value now and then.
fn near_file() -> impl Strategy<Value = String> {
    let strings = |items: &[&str]| J::List(items.iter().map(|i| s(i)).collect());
    let people = vec![
        sprinkled(vec![
            ("id", s("a")),
            ("name", s("A")),
            ("side", s("ours")),
            ("level", s("executive")),
            ("key", J::Bool(true)),
        ]),
        sprinkled(vec![
            ("id", s("b")),
            ("name", s("B")),
            ("side", s("partner")),
            ("stance", s("champion")),
            ("reports_to", s("c")),
        ]),
        sprinkled(vec![
            ("id", s("c")),
            ("name", s("C")),
            ("side", s("partner")),
            ("left", s("2026-03-01")),
            ("notes", s("n")),
        ]),
    ];
    (
        sprinkled(vec![("schema", J::Num("1")), ("x_top", J::Null)]),
        sprinkled(vec![
            ("name", s("N")),
            ("ours", s("O")),
            ("partner", s("P")),
        ]),
        sprinkled(vec![
            ("ours", strings(&["o.example"])),
            ("partner", strings(&["p.example", "q.example"])),
        ]),
        sprinkled(vec![
            ("stale_after_days", J::Num("30")),
            ("large_meeting", J::Num("5")),
        ]),
        people,
        sprinkled(vec![
            ("a", s("a")),
            ("b", s("b")),
            ("last_contact", s("2026-01-02")),
            ("note", s("t")),
        ]),
        sprinkled(vec![
            ("id", s("m1")),
            ("date", s("2026-01-05")),
            ("title", s("T")),
            ("attendees", strings(&["a", "b"])),
            ("source", s("ics:1")),
        ]),
        sprinkled(vec![
            ("id", s("m2")),
            ("date", s("2026-02-05")),
            ("attendees", strings(&["a", "c", "b"])),
            ("notes", s("x")),
        ]),
    )
        .prop_map(|(top, names, domains, settings, people, tie, m1, m2)| {
            let mut names = names;
            if let J::Object(fields) = &mut names {
                fields.push(("domains".into(), domains));
            }
            let mut fields = match top {
                J::Object(fields) => fields,
                _ => Vec::new(),
            };
            fields.push(("partnership".into(), names));
            fields.push(("settings".into(), settings));
            fields.push(("people".into(), J::List(people)));
            fields.push(("ties".into(), J::List(vec![tie])));
            fields.push(("meetings".into(), J::List(vec![m1, m2])));
            let mut text = String::new();
            J::Object(fields).write(&mut text);
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Generated partnerships of any size and seed, edited: they load and
    /// are written again byte for byte (a field added in code is read back
    /// anchored where it was written, so the text is compared).
    #[test]
    fn generated_and_edited_files_round_trip(
        people in 2usize..400,
        meetings in 0usize..1_500,
        seed in any::<u64>(),
        edits in prop::collection::vec((any::<usize>(), awkward(), any::<u8>()), 0..12),
    ) {
        let p = edited((people, meetings, seed), &edits);
        let text = store::to_text(&p);
        check(&text)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn near_files_load_or_fail_alike(text in near_file()) {
        check(&text)?;
    }

    #[test]
    fn near_valid_documents_load_or_fail_alike(text in document()) {
        check(&text)?;
    }

    /// Text cut or with a character dropped: a syntax error at a place in
    /// the text, or problems with their places.
    #[test]
    fn broken_text_fails_with_its_place(text in document(), cut in any::<prop::sample::Index>(), drop in any::<bool>()) {
        let at = cut.index(text.len() + 1);
        let Some(at) = (0..=at).rev().find(|&i| text.is_char_boundary(i)) else { return Ok(()); };
        let broken = if drop {
            let mut t = text.clone();
            if at < t.len() {
                t.remove(at);
            }
            t
        } else {
            text[..at].to_string()
        };
        check(&broken)?;
    }
}
