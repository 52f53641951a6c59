//! What a report writes and where: `--output` and its extension, the
//! CSV formula guard, and terminal escapes in every format.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use assert_cmd::Command;
use common::{
    DEMO_AS_OF, bad_dir, copy_to_temp, demo_path, demo_report, fails, ok, parse_json, pm_file,
    raw_control, read_json, run, write_temp,
};
use serde_json::{Value, json};
use std::fs;
use std::path::Path;
use tempfile::TempDir;

// ---------------------------------------------------------------------------
// --output
// ---------------------------------------------------------------------------

#[test]
fn output_writes_the_file_in_the_format_of_its_extension() {
    let dir = TempDir::new().unwrap();
    for command in ["risks", "coverage"] {
        for (extension, format) in [
            ("csv", "csv"),
            ("json", "json"),
            ("md", "markdown"),
            ("txt", "table"),
        ] {
            let out = dir.path().join(format!("{command}.{extension}"));
            let r = run(pm_file(&demo_path(), &[command, "--as-of", DEMO_AS_OF])
                .arg("--output")
                .arg(&out));
            assert_eq!(r.code, 0, "{}", r.stderr);
            assert_eq!(r.stdout, "", "--output prints nothing on stdout");
            let written = fs::read_to_string(&out).unwrap();
            assert_eq!(
                written,
                demo_report(command, format),
                "{command} --output {}",
                out.display()
            );
        }
    }
}

#[test]
fn an_output_format_against_the_extension_is_a_usage_error() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("report.csv");
    let r = run(pm_file(
        &demo_path(),
        &["risks", "--as-of", DEMO_AS_OF, "--format", "json"],
    )
    .arg("--output")
    .arg(&out));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("--format json") && r.stderr.contains(".csv"),
        "{}",
        r.stderr
    );
    assert!(!out.exists());
    // Agreeing, or with a name that says no format, --format decides.
    let out = dir.path().join("report");
    let r = run(pm_file(
        &demo_path(),
        &["risks", "--as-of", DEMO_AS_OF, "--format", "json"],
    )
    .arg("--output")
    .arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        demo_report("risks", "json")
    );
}

#[test]
fn output_with_an_unknown_extension_is_a_table() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("risks.out");
    let r = run(pm_file(&demo_path(), &["risks", "--as-of", DEMO_AS_OF])
        .arg("--output")
        .arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    // A typo in the folder is refused, not created.
    let typo = dir.path().join("no such folder/risks.csv");
    let r = fails(
        pm_file(&demo_path(), &["risks", "--as-of", DEMO_AS_OF])
            .arg("--output")
            .arg(&typo),
        1,
    );
    assert!(r.stderr.contains("does not exist"), "{}", r.stderr);
    assert!(!dir.path().join("no such folder").exists());
    assert_eq!(r.stdout, "");
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        demo_report("risks", "table")
    );
}

#[test]
fn output_replaces_an_existing_report_and_leaves_no_temporary_files() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("risks.json");
    fs::write(&out, "old report").unwrap();
    ok(pm_file(&demo_path(), &["risks", "--as-of", DEMO_AS_OF])
        .arg("--output")
        .arg(&out));
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        demo_report("risks", "json")
    );
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("risks.json")]);
}

#[test]
fn output_is_not_written_when_the_data_is_invalid() {
    let (dir, file) = copy_to_temp(&bad_dir().join("tie_to_self.json"));
    let out = dir.path().join("risks.csv");
    let r = fails(pm_file(&file, &["risks"]).arg("--output").arg(&out), 1);
    assert_eq!(r.stdout, "");
    assert!(!out.exists(), "a report was written from invalid data");
}

// ---------------------------------------------------------------------------
// CSV formula guard
// ---------------------------------------------------------------------------

fn formula_partnership() -> Value {
    json!({
        "schema": 1,
        "partnership": { "name": "=HYPERLINK(\"http://x\")", "ours": "+Us", "partner": "-Them" },
        "people": [
            { "id": "ana", "name": "Ana Ruiz", "side": "ours", "level": "executive" },
            { "id": "sum", "name": "=SUM(A1:A9)", "side": "partner", "level": "executive" },
            { "id": "plus", "name": "+cmd|' /C calc'!A0", "side": "partner" },
            { "id": "minus", "name": "-2+3", "side": "partner", "title": "=1+1" },
            { "id": "at", "name": "@import", "side": "partner" },
            { "id": "tab", "name": "\tTabbed", "side": "partner" },
            { "id": "=eq", "name": "Eq Person", "side": "partner" }
        ],
        "ties": [
            { "a": "ana", "b": "sum", "last_contact": "2026-11-01" },
            { "a": "ana", "b": "=eq", "last_contact": "2026-11-01" }
        ]
    })
}

fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn assert_no_formula(rows: &[Vec<String>]) {
    for row in rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "cell {cell:?} would run as a formula in {row:?}"
            );
        }
    }
}

#[test]
fn csv_cells_that_look_like_formulas_are_defused() {
    let (_dir, file) = write_temp("formulas.json", &formula_partnership());
    let dangerous = [
        ("sum", "=SUM(A1:A9)"),
        ("plus", "+cmd|' /C calc'!A0"),
        ("minus", "-2+3"),
        ("at", "@import"),
    ];
    // A leading tab is a control character: escaped, it can run nothing.
    let tabbed = "\\u{9}Tabbed";

    let coverage = ok(pm_file(
        &file,
        &["coverage", "--as-of", "2026-11-24", "--format", "csv"],
    ));
    let (header, rows) = parse_csv(&coverage);
    assert_eq!(
        header,
        [
            "id",
            "name",
            "level",
            "key",
            "stance",
            "direct",
            "covered_by",
            "depends_on",
            "reachable",
            "last_contact"
        ]
    );
    assert_no_formula(&rows);
    for (id, name) in dangerous {
        let row = rows.iter().find(|r| r[0] == id).unwrap();
        assert_eq!(row[1], format!("'{name}"));
    }
    let eq = rows.iter().find(|r| r[1] == "Eq Person").unwrap();
    assert_eq!(eq[0], "'=eq");
    assert_eq!(rows.iter().find(|r| r[0] == "tab").unwrap()[1], tabbed);

    let risks = ok(pm_file(
        &file,
        &["risks", "--as-of", "2026-11-24", "--format", "csv"],
    ));
    let (header, rows) = parse_csv(&risks);
    assert_eq!(
        header,
        [
            "severity",
            "kind",
            "weight",
            "subject",
            "subject_name",
            "side",
            "people",
            "detail"
        ]
    );
    assert_no_formula(&rows);
    for (id, name) in dangerous {
        if id == "sum" {
            continue; // covered by Ana: not unreachable
        }
        let row = rows
            .iter()
            .find(|r| r[1] == "unreachable" && r[3] == id)
            .unwrap_or_else(|| panic!("no unreachable risk for {id}: {rows:?}"));
        assert_eq!(row[4], format!("'{name}"));
        assert!(row[7].starts_with(&format!("'{name}")), "{row:?}");
    }
    let tab = rows
        .iter()
        .find(|r| r[1] == "unreachable" && r[3] == "tab")
        .unwrap();
    assert_eq!(tab[4], tabbed);
    let bus = rows.iter().find(|r| r[1] == "bus-factor").unwrap();
    assert_eq!(bus[4], "'=HYPERLINK(\"http://x\")");
}

// ---------------------------------------------------------------------------
// Terminal escapes in the data never reach the terminal
// ---------------------------------------------------------------------------

#[test]
fn control_characters_in_names_are_escaped_in_tables() {
    let evil = "Eve\u{1b}]0;owned\u{7}";
    let (_dir, file) = write_temp(
        "evil.json",
        &json!({
            "schema": 1,
            "partnership": { "name": format!("Us × {evil}"), "ours": "Us\u{1b}[2J", "partner": evil },
            "people": [
                { "id": "ana", "name": "Ana\u{1b}[31m Ruiz", "side": "ours", "title": "VP\u{9b}31m" },
                { "id": "eve", "name": evil, "side": "partner", "level": "executive",
                  "title": "CFO\u{1b}[2J\r\n" },
                { "id": "li", "name": "Li\u{202e}Wei", "side": "partner" }
            ],
            "ties": [ { "a": "ana", "b": "li", "last_contact": "2026-06-01" } ]
        }),
    );
    // Control characters (but the line ends) and the bidirectional override.
    let raw = |text: &str| {
        text.chars()
            .find(|&c| (c.is_control() && c != '\n') || c == '\u{202e}')
    };
    for command in ["risks", "coverage"] {
        let out = ok(pm_file(&file, &[command, "--as-of", "2026-11-24"]));
        assert_eq!(raw(&out), None, "{command} table:\n{out:?}");
        assert!(
            out.contains("]0;owned"),
            "{command}: the name is still shown"
        );
        // Markdown ends up on a terminal too when not redirected.
        let out = ok(pm_file(
            &file,
            &[command, "--as-of", "2026-11-24", "--format", "markdown"],
        ));
        assert!(
            !out.contains(['\u{1b}', '\u{7}', '\u{9b}', '\r']),
            "{command} markdown:\n{out:?}"
        );
    }
    let out = ok(pm_file(&file, &["check"]));
    assert_eq!(raw(&out), None, "check:\n{out:?}");
    let out = ok(pm_file(
        &file,
        &[
            "meeting",
            "add",
            "--date",
            "2026-11-20",
            "--title",
            "Hi",
            "--with",
            "eve,ana",
        ],
    ));
    assert_eq!(raw(&out), None, "meeting add:\n{out:?}");
    // The data itself is kept as written.
    let saved = read_json(&file);
    assert_eq!(saved["people"][1]["name"], evil);
}

// ---------------------------------------------------------------------------
// Terminal escapes: every format
// ---------------------------------------------------------------------------

/// A partnership whose names try to take over the terminal.
fn evil_partnership() -> Value {
    let evil = "Eve\u{1b}]0;owned\u{7}\u{9b}31m\u{7f}\u{202e}";
    json!({
        "schema": 1,
        "partnership": { "name": format!("Us × {evil}"), "ours": "Us", "partner": evil },
        "people": [
            { "id": "ana", "name": "Ana", "side": "ours", "level": "executive" },
            { "id": "eve\u{1b}[2J", "name": evil, "side": "partner", "level": "executive" }
        ],
        "ties": [ { "a": "ana", "b": "eve\u{1b}[2J", "last_contact": "2026-06-01" } ]
    })
}

#[test]
fn json_reports_escape_every_control_character_and_keep_the_data() {
    let (_dir, file) = write_temp("evil.json", &evil_partnership());
    for command in ["risks", "coverage"] {
        let out = ok(pm_file(
            &file,
            &[command, "--as-of", "2026-11-24", "--format", "json"],
        ));
        assert_eq!(raw_control(&out), None, "{command}: {out:?}");
        let report = parse_json(&out);
        let evil = "Eve\u{1b}]0;owned\u{7}\u{9b}31m\u{7f}\u{202e}";
        let rows = report[if command == "risks" {
            "risks"
        } else {
            "people"
        }]
        .as_array()
        .unwrap();
        let name = if command == "risks" {
            "subject_name"
        } else {
            "name"
        };
        assert!(
            rows.iter().any(|r| r[name] == evil),
            "{command}: the name is not kept exactly: {out}"
        );
    }
}

#[test]
fn csv_shows_control_characters_as_text_on_a_terminal_and_in_a_pipe() {
    if !Path::new("/usr/bin/script").exists() {
        eprintln!("skipped: no `script` to run the binary on a terminal");
        return;
    }
    let (dir, file) = write_temp("evil.json", &evil_partnership());
    // Piped (`| cat` would retitle the window), as harmless text too.
    let piped = ok(pm_file(
        &file,
        &["risks", "--as-of", "2026-11-24", "--format", "csv"],
    ));
    assert_eq!(raw_control(&piped), None, "{piped:?}");
    assert!(piped.contains("Eve\\u{1b}]0;owned\\u{7}"), "{piped:?}");
    // On a terminal (a pseudo-terminal made by `script`), as harmless text.
    let typescript = dir.path().join("typescript");
    let command = format!(
        "{} --file '{}' risks --as-of 2026-11-24 --format csv",
        env!("CARGO_BIN_EXE_partnermap"),
        file.display()
    );
    let r = run(Command::new("script")
        .args(["-qec", &command])
        .arg(&typescript)
        .env("NO_COLOR", "1"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The terminal turns \n into \r\n: only those CRs are expected.
    let shown = r.stdout.replace("\r\n", "\n");
    assert_eq!(raw_control(&shown), None, "{shown:?}");
    assert!(shown.contains("Eve\\u{1b}]0;owned\\u{7}"), "{shown}");
}
