//! The loader and the encoder on fixed inputs, as recorded when the
//! one-pass loader and the encoder that writes straight from the model were
//! compared with the paths they replaced (through a tree of JSON values) and
//! agreed on every input: what every file of `tests/files/` and `data/`
//! gives (the saved text, or every problem with its place), the problems of
//! a big file (checked on two threads), and the strict parser's rules
//! (keys twice, nesting, unknown fields in place, trailing text).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::date;
use partnermap::generate::{Spec, partnership};
use partnermap::model::Anchor;
use partnermap::store::{self, LoadError};
use std::path::{Path, PathBuf};

/// Every `.json` file under `dir`, at any depth, sorted.
fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    out.sort();
}

/// What loading `bytes` gives: the text it is saved as, or the error.
fn outcome(bytes: &[u8], name: &str) -> String {
    let path = Path::new(name);
    let loaded = std::str::from_utf8(bytes)
        .map_err(|_| "not UTF-8".to_string())
        .and_then(|text| store::parse(text, path).map_err(|e| format!("{e}")));
    match loaded {
        Ok(p) => format!("loads; saved as:\n{}", store::to_text(&p)),
        Err(e) => format!("refused:\n{e}"),
    }
}

#[test]
fn every_file_of_the_corpus_gives_what_was_recorded() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    json_files(&root.join("tests/files"), &mut files);
    json_files(&root.join("data"), &mut files);
    assert!(files.len() > 30, "{files:?}");
    for file in files {
        let name = file.strip_prefix(root).unwrap().display().to_string();
        let shown = outcome(&std::fs::read(&file).unwrap(), &name);
        let snapshot = name.replace(['/', '.'], "_");
        insta::assert_snapshot!(snapshot, shown);
    }
}

/// A big file, its checks split over two threads, with problems across
/// it: ids taken twice, unknown and repeated attendees, a source used
/// twice, more problems than are listed.
#[test]
fn problems_in_a_big_file_are_listed_in_file_order() {
    let mut p = partnership(Spec {
        people: 2_000,
        meetings: 25_000,
        seed: 11,
        as_of: date(2026, 11, 24),
    });
    for i in (0..25_000).step_by(400) {
        let m = &mut p.meetings[i];
        m.attendees.push(format!("ghost{i}"));
        let first = m.attendees[0].clone();
        m.attendees.insert(1, first);
        if i % 800 == 0 {
            p.meetings[i + 1].id = p.meetings[i].id.clone();
        }
    }
    p.meetings[24_999].source = Some("ics:1".into());
    p.meetings[3].source = Some("ics:1".into());
    let e = store::parse(&store::to_text(&p), Path::new("big.json")).unwrap_err();
    assert_eq!(e.problems().len(), store::MAX_PROBLEMS);
    insta::assert_snapshot!("big_file_problems", e.to_string());
}

/// Generated files load as the partnership they were made from, and
/// their text is the text saved again.
#[test]
fn generated_files_round_trip() {
    for (people, meetings, seed) in [(2, 0, 1), (40, 300, 2), (500, 5_000, 3), (3_000, 25_000, 7)] {
        let p = partnership(Spec {
            people,
            meetings,
            seed,
            as_of: date(2026, 11, 24),
        });
        let text = store::to_text(&p);
        let loaded = store::parse(&text, Path::new("g.json")).unwrap();
        assert_eq!(loaded, p, "{people} people, seed {seed}");
        assert_eq!(store::to_text(&loaded), text);
    }
}

/// A small generated file as it is written: key order, indentation,
/// dates, nulls and the final newline.
#[test]
fn a_generated_file_is_written_as_recorded() {
    let p = partnership(Spec {
        people: 6,
        meetings: 4,
        seed: 5,
        as_of: date(2026, 11, 24),
    });
    insta::assert_snapshot!("generated_6_people", store::to_text(&p));
}

fn problems(text: &str) -> Vec<String> {
    match store::parse(text, Path::new("x.json")) {
        Err(LoadError::Invalid { problems, .. }) => problems
            .into_iter()
            .map(|p| format!("{}: {}", p.place, p.message))
            .collect(),
        other => panic!("expected problems, got {other:?}"),
    }
}

#[test]
fn keys_twice_are_refused_with_their_place() {
    let text = r#"{"x": 1, "schema": 1, "partnership": {"name": "N", "ours": "O", "partner": "P"},
        "people": [{"id": "a", "name": "A", "side": "ours"},
                   {"id": "b", "name": "B", "name": "C", "side": "ours"}], "x": 2}"#;
    insta::assert_debug_snapshot!("keys_twice", problems(text));
}

#[test]
fn keys_twice_deep_inside_unknown_fields_are_found_past_strings_and_escapes() {
    let text = r#"{"schema": 1, "partnership": {"name": "N", "ours": "O", "partner": "P"},
        "people": [{"id": "a", "name": "A", "side": "ours",
                    "x": {"s": "a\"{[,", "l": [0, {"q": 1, "\u0071": 1e999}], "s": 2}}]}"#;
    insta::assert_debug_snapshot!("keys_twice_deep", problems(text));
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = "[".repeat(100_000);
    let closed = format!("{deep}{}", "]".repeat(100_000));
    for text in [
        deep.clone(),
        format!(r#"{{"people": {deep}"#),
        format!(r#"{{"x_deep": {closed}}}"#),
        format!(r#"{{"x_deep": {deep}"#),
    ] {
        match store::parse(&text, Path::new("x.json")) {
            Err(LoadError::Syntax { message, line, .. }) => {
                assert_eq!(line, 1);
                assert!(!message.is_empty());
            }
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }
}

#[test]
fn unknown_fields_are_kept_as_text_in_place() {
    let text = r#"{"x_a": 1e-400, "schema": 1,
        "partnership": {"name": "N", "ours": "O", "partner": "P"},
        "people": [{"id": "p", "x_big": 123456789012345678901234567890, "name": "P",
                    "x_s": "\u00e9", "side": "ours"}],
        "x_z": {"k": [1.50]}}"#;
    let p = store::parse(text, Path::new("x.json")).unwrap();
    let fields = |extra: &partnermap::model::Extra| -> Vec<(String, String, Anchor)> {
        extra
            .iter()
            .map(|f| (f.name.clone(), f.json().to_string(), f.anchor))
            .collect()
    };
    let s = |x: &str| x.to_string();
    assert_eq!(
        fields(&p.extra),
        [
            (s("x_a"), s("1e-400"), Anchor::Start),
            (s("x_z"), s(r#"{"k": [1.50]}"#), Anchor::After("people")),
        ]
    );
    assert_eq!(
        fields(&p.people[0].extra),
        [
            (
                s("x_big"),
                s("123456789012345678901234567890"),
                Anchor::After("id")
            ),
            (s("x_s"), s(r#""\u00e9""#), Anchor::After("name")),
        ]
    );
    let saved = store::to_text(&p);
    assert!(
        saved.contains("\"x_big\": 123456789012345678901234567890,\n"),
        "{saved}"
    );
    assert!(
        saved.contains("\"x_z\": {\"k\": [1.50]},\n  \"ties\""),
        "{saved}"
    );
}

#[test]
fn trailing_text_is_an_error_and_trailing_space_is_not() {
    let file =
        r#"{"schema": 1, "partnership": {"name": "N", "ours": "O", "partner": "P"}, "people": []}"#;
    assert!(matches!(
        store::parse(&format!("{file} x"), Path::new("x.json")),
        Err(LoadError::Syntax { .. })
    ));
    assert!(store::parse(&format!("{file}\r\n \t"), Path::new("x.json")).is_ok());
}

/// An unknown field after a known field read as `null` that is not
/// written back (a person's title, a tie's last contact, a meeting's
/// source) follows the known field before it, as it does when the saved
/// file is read again; after `left` or `reports_to` (written as `null`)
/// it still follows them. Found by `tests/loader_properties.rs`.
#[test]
fn an_unknown_field_after_a_null_round_trips_in_the_model_too() {
    let text = r#"{"schema": 1, "partnership": {"name": "N", "ours": "O", "partner": "P"},
        "people": [
            {"id": "a", "name": "A", "side": "ours", "title": null, "x_p": 1, "left": null, "x_l": 2},
            {"id": "b", "name": "B", "side": "partner"}],
        "ties": [{"a": "a", "b": "b", "last_contact": null, "x_t": 3}],
        "meetings": [{"id": "m1", "date": "2026-01-05", "attendees": ["a", "b"], "source": null, "x_m": 4}]}"#;
    let path = Path::new("null.json");
    let p = store::parse(text, path).unwrap();
    let saved = store::to_text(&p);
    let again = store::parse(&saved, path).unwrap();
    assert_eq!(again, p, "{saved}");
    assert_eq!(store::to_text(&again), saved);
    let anchors = |extra: &partnermap::model::Extra| format!("{extra:?}");
    assert!(
        anchors(&p.people[0].extra).contains(r#""x_p": 1 (After("side"))"#),
        "{:?}",
        p.people[0].extra
    );
    assert!(
        anchors(&p.people[0].extra).contains(r#""x_l": 2 (After("left"))"#),
        "{:?}",
        p.people[0].extra
    );
}

/// The attendees are looked up as they are read when every person comes
/// before the meetings (as partnermap writes files), and once the whole
/// file is read when not: either way, the same problems.
#[test]
fn attendees_are_checked_alike_whether_people_come_first_or_last() {
    let mut p = partnership(Spec {
        people: 300,
        meetings: 25_000,
        seed: 3,
        as_of: date(2026, 11, 24),
    });
    // A person whose id is too long to be kept in the look-up table's keys.
    let mut long = p.people[0].clone();
    long.id = "a-person-id-too-long-to-pack-in-sixteen-bytes".into();
    long.name = "Long Id".into();
    long.reports_to = None;
    p.people.push(long.clone());
    for i in (0..25_000).step_by(500) {
        let m = &mut p.meetings[i];
        m.attendees.push(long.id.clone());
        m.attendees.push(format!("ghost{i}"));
        m.attendees.push(format!("{}-gone", long.id));
        let first = m.attendees[0].clone();
        m.attendees.push(first);
    }
    let people_first = store::to_text(&p);
    let mut value: serde_json::Value = serde_json::from_str(&people_first).unwrap();
    let top = value.as_object_mut().unwrap();
    let (people, ties) = (top.remove("people").unwrap(), top.remove("ties").unwrap());
    top.insert("people".into(), people);
    top.insert("ties".into(), ties);
    let people_last = serde_json::to_string_pretty(&value).unwrap();
    assert!(people_last.find("\"meetings\"") < people_last.find("\"people\""));
    let (first, last) = (problems(&people_first), problems(&people_last));
    assert_eq!(first, last);
    assert!(first.iter().any(|p| p.contains("ghost500")), "{first:?}");
    assert!(first.iter().any(|p| p.contains("-gone")), "{first:?}");
    // The long id that a person has is known.
    assert!(
        !first.iter().any(|p| p.contains("sixteen-bytes\"")),
        "{first:?}"
    );
}
