//! `partnermap import` on what is no contact file or calendar, on a file
//! cut short, on bad rows and events among good ones, and on hostile
//! names: a refused file is exit 1 naming the file, the line and the
//! problem, and the data file is untouched; a bad record is skipped and
//! listed while the rest comes in.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{fails, manifest_dir, ok, pm_file, read_json, write_temp};
use serde_json::json;
use std::fs;
use std::path::{Path, PathBuf};

fn base() -> (tempfile::TempDir, PathBuf) {
    write_temp(
        "p.json",
        &json!({
            "schema": 1,
            "partnership": {"name": "N × C", "ours": "Northwind", "partner": "Contoso",
                            "domains": {"ours": ["northwind.example"], "partner": ["contoso.example"]}},
            "people": [
                {"id": "ana", "name": "Ana Ruiz", "side": "ours", "email": "ana@northwind.example"},
                {"id": "li", "name": "Li Wei", "side": "partner", "email": "li@contoso.example"}
            ]
        }),
    )
}

/// Imports `file` into `data`; expects exit 1 and an untouched data file;
/// returns standard error.
fn refused(data: &Path, file: &Path) -> String {
    let before = fs::read(data).unwrap();
    let run = fails(
        pm_file(
            data,
            &["import", "--as-of", "2026-11-24", file.to_str().unwrap()],
        ),
        1,
    );
    assert_eq!(fs::read(data).unwrap(), before, "the data file changed");
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    run.stderr
}

#[test]
fn a_picture_named_csv_is_refused_by_what_it_is() {
    let (dir, data) = base();
    let picture = dir.path().join("contacts.csv");
    fs::write(&picture, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01").unwrap();
    let err = refused(&data, &picture);
    assert!(
        err.contains("contacts.csv: line 1: this is a PNG picture, not a contact or calendar file"),
        "{err}"
    );
    assert!(err.starts_with("error: nothing imported: "), "{err}");
}

#[test]
fn a_calendar_cut_short_is_refused_at_its_last_line() {
    let (dir, data) = base();
    let text = fs::read_to_string(manifest_dir().join("data/samples/google-calendar.ics")).unwrap();
    let cut: String = text.lines().take(100).map(|l| format!("{l}\n")).collect();
    let file = dir.path().join("cut.ics");
    fs::write(&file, cut).unwrap();
    let err = refused(&data, &file);
    assert!(
        err.contains("cut.ics: line 100: event 3 has no END:VEVENT: the file looks cut short"),
        "{err}"
    );
}

#[test]
fn a_csv_with_no_name_column_a_missing_file_and_a_folder_are_refused() {
    let (dir, data) = base();
    let file = dir.path().join("phones.csv");
    fs::write(&file, "Email,Phone\nli@contoso.example,123\n").unwrap();
    let err = refused(&data, &file);
    assert!(err.contains("phones.csv: line 1: no column of names (such as \"Name\" or \"First Name\") in the header \"Email,Phone\"; name the columns with --columns name=…,email=…"), "{err}");
    let err = refused(&data, &dir.path().join("absent.csv"));
    assert!(err.contains("absent.csv"), "{err}");
    let err = refused(&data, dir.path());
    assert!(err.contains("nothing imported"), "{err}");
    // Two files, the second bad: nothing of the first comes in either.
    let good = manifest_dir().join("data/samples/hubspot-contacts.csv");
    let before = fs::read(&data).unwrap();
    let run = fails(
        pm_file(
            &data,
            &["import", good.to_str().unwrap(), file.to_str().unwrap()],
        ),
        1,
    );
    assert!(run.stderr.contains("phones.csv: line 1"), "{}", run.stderr);
    assert_eq!(fs::read(&data).unwrap(), before);
}

#[test]
fn a_bad_event_is_skipped_and_listed_and_the_rest_comes_in() {
    let (dir, data) = base();
    let file = dir.path().join("cal.ics");
    fs::write(
        &file,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\
         BEGIN:VEVENT\r\nUID:no-start@x\r\nSUMMARY:No start\r\nATTENDEE:mailto:ana@northwind.example\r\nATTENDEE:mailto:li@contoso.example\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nUID:good@x\r\nDTSTART:20261102T100000Z\r\nSUMMARY:Good\r\nORGANIZER:mailto:ana@northwind.example\r\nATTENDEE:mailto:li@contoso.example\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nDTSTART:20261103T100000Z\r\nSUMMARY:No UID\r\nEND:VEVENT\r\n\
         END:VCALENDAR\r\n",
    )
    .unwrap();
    let out = ok(pm_file(
        &data,
        &["import", "--as-of", "2026-11-24", file.to_str().unwrap()],
    ));
    assert!(out.contains("1 meeting added, 2 skipped"), "{out}");
    assert!(
        out.contains("cal.ics event 1 (line 3): \"No start\": Missing DTSTART property"),
        "{out}"
    );
    assert!(
        out.contains("cal.ics event 3 (line 16): \"No UID\": the event has no UID"),
        "{out}"
    );
    assert_eq!(
        read_json(&data)["meetings"][0]["attendees"],
        json!(["ana", "li"])
    );
}

#[test]
fn hostile_names_are_escaped_and_held_to_the_limits() {
    let (dir, data) = base();
    let file = dir.path().join("hostile.csv");
    let huge = "x".repeat(10 * 1024 * 1024);
    let text = format!(
        "Name,Email,Company,Title\n\
         \"=cmd|' /C calc'!A0\",eve@contoso.example,Contoso,\n\
         \"Evil\u{1b}]0;pwned\u{7}\u{1b}[2J Name\u{202e}\",mallory@contoso.example,Contoso,Head of \u{1b}[31mRed\n\
         Huge Title,huge@contoso.example,Contoso,{huge}\n"
    );
    fs::write(&file, text).unwrap();
    let out = ok(pm_file(&data, &["import", file.to_str().unwrap()]));
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{202e}'),
        "{out:?}"
    );
    assert!(out.contains("\\u{1b}"), "{out}");
    assert!(
        out.contains("hostile.csv line 4: Huge Title: the title is longer than 1000 characters"),
        "{out}"
    );
    assert!(out.len() < 10_000, "the summary quotes the huge field");
    let after = read_json(&data);
    let names: Vec<&str> = after["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    // Kept as written; escaped where shown, defused where exported.
    assert_eq!(names[2], "=cmd|' /C calc'!A0");
    assert!(names[3].contains('\u{1b}'));
    assert_eq!(names.len(), 4);
    let csv = ok(pm_file(&data, &["coverage", "--format", "csv"]));
    assert!(csv.contains("'=cmd|"), "{csv}");
    ok(pm_file(&data, &["check"]));
}
