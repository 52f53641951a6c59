//! Unknown fields are kept byte for byte and in place (SPEC §2): numbers
//! beyond `f64` and `u64`, escapes, spacing, and their place among the
//! known fields, through the library and through a real save.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::pm;
use partnermap::store;
use std::fs;
use std::path::{Path, PathBuf};

fn exact_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/files/ok/unknown_exact.json")
}

/// The lines of the file that hold an unknown field's value.
const EXACT: [&str; 12] = [
    r#"  "x_first": "before every known field","#,
    r#"    "x_between": [1, 2.50, -0.0],"#,
    r#"      "x_big": 123456789012345678901234567890,"#,
    r#"      "x_past_u64": 18446744073709551616,"#,
    r#"      "x_tiny": 1e-400,"#,
    r#"      "x_huge": 1E+400,"#,
    r#"      "x_escaped": "caf\u00e9 \ud83d\udc09 \/""#,
    r#"      "x_nested": {"deep": {"n": 1.0e10, "list": [ 1 ,2 ]},"#,
    r#"                   "spaced": true}"#,
    r#"      "x_before_date": 0.1000000000000000055511151231257827,"#,
    r#"      "x_recording": true"#,
    r#"  "x_last": {"k": null}"#,
];

#[test]
fn a_file_in_the_written_order_saves_to_the_same_bytes() {
    let text = fs::read_to_string(exact_file()).unwrap();
    for line in EXACT {
        assert!(text.lines().any(|l| l == line), "the file lacks {line}");
    }
    let p = store::parse(&text, &exact_file()).unwrap();
    assert_eq!(store::to_text(&p), text);
}

#[test]
fn unknown_fields_keep_their_text_and_place_through_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.json");
    let before = fs::read_to_string(exact_file()).unwrap();
    fs::write(&file, &before).unwrap();
    pm().args(["--file", file.to_str().unwrap()])
        .args(["meeting", "add", "--date", "2026-11-20", "--title", "T"])
        .args(["--with", "zoe,ana"])
        .assert()
        .success();
    let after = fs::read_to_string(&file).unwrap();
    assert!(after.contains("\"m-0002\""), "{after}");
    // Each unknown field's line, with the lines around it, is as it was.
    let lines: Vec<&str> = before.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if !EXACT.contains(line) {
            continue;
        }
        let window = lines[i.saturating_sub(1)..(i + 2).min(lines.len())].join("\n");
        // The last field of the last meeting gains nothing after it.
        if line.contains("x_recording") {
            assert!(after.contains(*line), "{line} is gone:\n{after}");
            continue;
        }
        assert!(
            after.contains(&window),
            "moved or changed:\n{window}\n---\n{after}"
        );
    }
}

#[test]
fn a_duplicate_key_inside_an_unknown_field_is_still_refused() {
    let text = r#"{"schema": 1, "partnership": {"name": "N", "ours": "A", "partner": "B"},
      "people": [{"id": "a", "name": "A", "side": "ours", "x": {"k": 1e999, "k": 2}}]}"#;
    let err = store::parse(text, Path::new("d.json"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(r#"people[0] (id "a"), field "x": the key "k" appears twice"#),
        "{err}"
    );
}
