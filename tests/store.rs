//! The file format end to end in the library: round trips, unknown fields,
//! stable text, atomic writes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use partnermap::store::{self, LoadError};
use std::path::Path;

#[test]
fn the_demo_round_trips_to_the_same_text() {
    let text = partnermap::demo::DEMO_JSON;
    let p = store::parse(text, Path::new("demo.json")).unwrap();
    assert_eq!(
        store::to_text(&p),
        text,
        "saving the demo must not change a byte"
    );
}

#[test]
fn unknown_fields_and_order_survive() {
    let text = r#"{
  "schema": 1,
  "future": {"x": [1, 2]},
  "partnership": {"name": "N", "ours": "A", "partner": "B", "colour": "blue"},
  "people": [
    {"id": "z", "name": "Zed", "side": "partner", "pronouns": "they"},
    {"id": "a", "name": "Ay", "side": "ours", "level": "senior", "key": true}
  ],
  "ties": [{"a": "a", "b": "z", "weight": 3}],
  "meetings": [{"id": "m1", "date": "2026-01-02", "attendees": ["z", "a"], "room": "4B"}]
}"#;
    let p = store::parse(text, Path::new("x.json")).unwrap();
    let again = store::parse(&store::to_text(&p), Path::new("x.json")).unwrap();
    assert_eq!(p, again);
    let v: serde_json::Value = serde_json::from_str(&store::to_text(&p)).unwrap();
    assert_eq!(v["future"]["x"][1], 2);
    assert_eq!(v["partnership"]["colour"], "blue");
    assert_eq!(v["people"][0]["pronouns"], "they");
    assert_eq!(v["people"][0]["id"], "z");
    assert_eq!(v["ties"][0]["weight"], 3);
    assert_eq!(v["meetings"][0]["room"], "4B");
    assert_eq!(v["meetings"][0]["attendees"][0], "z");
    assert_eq!(v["settings"]["stale_after_days"], 90);
}

#[test]
fn every_problem_is_listed_with_its_place() {
    let text = r#"{"schema": 1, "partnership": {"name": "N", "ours": "A"},
      "people": [
        {"id": "a", "name": "A", "side": "ours", "level": "boss"},
        {"id": "a", "name": "B", "side": "theirs"},
        {"id": "c", "name": "C", "side": "partner", "left": "2026-02-30", "reports_to": "a"}
      ],
      "ties": [{"a": "a", "b": "a"}, {"a": "a", "b": "nobody"}],
      "meetings": [{"id": "m", "date": "03/04/2026", "attendees": ["a", "a"]}]}"#;
    let err = store::parse(text, Path::new("bad.json")).unwrap_err();
    let places: Vec<String> = err.problems().iter().map(|p| p.to_string()).collect();
    let all = places.join("\n");
    for needle in [
        "partnership, field \"partner\": is required",
        "people[0] (id \"a\"), field \"level\": unknown level \"boss\"",
        "people[1] (id \"a\"), field \"side\": unknown side \"theirs\"",
        "people[1] (id \"a\"), field \"id\": \"a\" is already the id of people[0]",
        "people[2] (id \"c\"), field \"left\": \"2026-02-30\" is not a day of the calendar",
        "field \"reports_to\": \"a\" is on the ours side",
        "ties[0], field \"b\": a tie joins two different people",
        "ties[1], field \"b\": no person has the id \"nobody\"",
        "meetings[0] (id \"m\"), field \"date\": expected a date as YYYY-MM-DD",
        "meetings[0] (id \"m\"), field \"attendees\": \"a\" is listed twice",
    ] {
        assert!(all.contains(needle), "missing {needle:?} in:\n{all}");
    }
    assert!(err.to_string().starts_with("bad.json: "));
}

#[test]
fn syntax_errors_name_line_and_column() {
    let err = store::parse("{\n  \"schema\": 1,\n  oops\n}", Path::new("s.json")).unwrap_err();
    match err {
        LoadError::Syntax { line, column, .. } => assert_eq!((line, column), (3, 3)),
        other => panic!("expected a syntax error, got {other}"),
    }
}

#[test]
fn a_newer_schema_is_refused_with_a_clear_message() {
    let err = store::parse(r#"{"schema": 2, "anything": true}"#, Path::new("n.json")).unwrap_err();
    assert!(err.to_string().contains("newer partnermap"), "{err}");
}

#[test]
fn saves_replace_the_file_atomically_and_privately() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub").join("p.json");
    let p = partnermap::demo::shipped();
    store::save_new(&path, &p).unwrap();
    assert!(matches!(
        store::save_new(&path, &p),
        Err(store::SaveError::Exists { .. })
    ));
    store::save(&path, &p).unwrap();
    assert_eq!(store::load(&path).unwrap(), p);
    let mut leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    leftovers.sort();
    assert_eq!(
        leftovers,
        [".p.json.lock", ".partnermap-backups", "p.json"],
        "no temporary files left"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let dir_mode = std::fs::metadata(path.parent().unwrap())
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(dir_mode, 0o700);
    }
}
