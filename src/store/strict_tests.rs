//! Tests of the strict parser: duplicates, raw unknown fields, nesting.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use super::*;
use crate::store::read::{Duplicate, Step};

#[test]
fn parses_like_serde_json() {
    let text = r#"{"a": [1, -2, 3.5, "x", null, true, {"b": {}}], "c": 18446744073709551615}"#;
    let parsed = from_str(&format!("[{text}]")).unwrap();
    let expected = serde_json::from_str::<Value>(text).unwrap();
    assert_eq!(parsed.value[0], expected);
    assert!(parsed.duplicates.noted.is_empty());
}

#[test]
fn notes_duplicate_keys_with_their_place() {
    let text =
        r#"{"x": 1, "people": [{"id": "a"}, {"id": "b", "name": "B", "name": "C"}], "x": 2}"#;
    let Parsed {
        duplicates, extras, ..
    } = from_str(text).unwrap();
    assert_eq!(extras[&RecordAt::Top].get("x").unwrap().json(), "1");
    assert_eq!(
        duplicates.noted,
        [
            Duplicate {
                object: vec![Step::Key("people".into()), Step::Index(1)],
                key: "name".into(),
                record_id: Some("b".into()),
            },
            Duplicate {
                object: vec![],
                key: "x".into(),
                record_id: None,
            },
        ]
    );
}

#[test]
fn names_the_record_of_a_duplicate_deep_inside_it() {
    let text = r#"{"people": [{"id": "a", "x": {"y": [{"k": 1, "k": 2}]}}]}"#;
    let duplicates = from_str(text).unwrap().duplicates;
    assert_eq!(duplicates.noted.len(), 1);
    assert_eq!(duplicates.noted[0].record_id.as_deref(), Some("a"));
    assert_eq!(duplicates.noted[0].key, "k");
}

#[test]
fn keys_twice_inside_unknown_fields_are_found_past_strings_and_escapes() {
    let text = r#"{"x": {"s": "a\"{[,", "l": [0, {"q": 1, "\u0071": 1e999}], "s": 2}}"#;
    let duplicates = from_str(text).unwrap().duplicates;
    let found: Vec<(Vec<Step>, &str)> = duplicates
        .noted
        .iter()
        .map(|d| (d.object.clone(), d.key.as_str()))
        .collect();
    let key = |k: &str| Step::Key(k.to_string());
    assert_eq!(
        found,
        [
            (vec![key("x"), key("l"), Step::Index(1)], "q"),
            (vec![key("x")], "s"),
        ]
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = "[".repeat(100_000);
    let closed = format!("{deep}{}", "]".repeat(100_000));
    for text in [
        deep.clone(),
        format!(r#"{{"people": {deep}"#),
        // An unknown field is kept as text, but still read once.
        format!(r#"{{"x_deep": {closed}}}"#),
    ] {
        let err = from_str(&text).unwrap_err();
        assert!(err.to_string().contains("recursion limit"), "{err}");
    }
    // Unfinished, inside an unknown field: an error too.
    assert!(from_str(&format!(r#"{{"x_deep": {deep}"#)).is_err());
}

#[test]
fn unknown_fields_of_records_are_kept_as_text_in_place() {
    let text = r#"{"x_a": 1e-400, "schema": 1, "people": [
        {"id": "p", "x_big": 123456789012345678901234567890, "name": "P", "x_s": "\u00e9"}
    ], "x_z": {"k": [1.50]}}"#;
    let parsed = from_str(text).unwrap();
    let top = &parsed.extras[&RecordAt::Top];
    let fields: Vec<(&str, &str, Anchor)> = top
        .iter()
        .map(|f| (f.name.as_str(), f.json(), f.anchor))
        .collect();
    assert_eq!(
        fields,
        [
            ("x_a", "1e-400", Anchor::Start),
            ("x_z", r#"{"k": [1.50]}"#, Anchor::After("people")),
        ]
    );
    let person = &parsed.extras[&RecordAt::Person(0)];
    let fields: Vec<(&str, &str, Anchor)> = person
        .iter()
        .map(|f| (f.name.as_str(), f.json(), f.anchor))
        .collect();
    assert_eq!(
        fields,
        [
            (
                "x_big",
                "123456789012345678901234567890",
                Anchor::After("id")
            ),
            ("x_s", r#""\u00e9""#, Anchor::After("name")),
        ]
    );
    // Known fields stay in the value; unknown ones do not.
    assert!(parsed.value.get("x_a").is_none());
    assert_eq!(parsed.value["people"][0]["name"], "P");
    assert!(parsed.value["people"][0].get("x_big").is_none());
}

#[test]
fn trailing_text_is_an_error() {
    assert!(from_str("{} x").is_err());
    assert!(from_str("{}\r\n \t").is_ok());
}
