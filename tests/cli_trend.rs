//! `trend` (SPEC §9) and `coverage --grid` (SPEC §10): every format on the
//! demo (snapshotted), the JSON shapes, each trend row against `risks
//! --as-of` its day, the grid against `coverage`, and bad usage.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{DEMO_AS_OF, demo_path, fails, keys, ok, parse_json, pm_file, set};
use jiff::civil::{Date, Weekday};
use serde_json::Value;

fn trend(args: &[&str]) -> Value {
    let mut all = vec!["trend", "--format", "json"];
    all.extend_from_slice(args);
    parse_json(&ok(pm_file(&demo_path(), &all)))
}

fn dates(report: &Value) -> Vec<Date> {
    report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| common::date(r["date"].as_str().unwrap()))
        .collect()
}

#[test]
fn trend_in_every_format_on_the_demo() {
    for format in ["table", "csv", "json", "markdown"] {
        let text = ok(pm_file(
            &demo_path(),
            &["trend", "--to", DEMO_AS_OF, "--format", format],
        ));
        insta::assert_snapshot!(format!("trend_{format}"), text);
    }
}

#[test]
fn trend_json_has_the_spec_shape_and_the_default_range() {
    let report = trend(&["--as-of", DEMO_AS_OF]);
    assert_eq!(
        keys(&report),
        set(&["partnership", "from", "to", "every", "rows"])
    );
    assert_eq!(report["from"], "2025-11-24");
    assert_eq!(report["to"], DEMO_AS_OF);
    assert_eq!(report["every"], "month");
    for row in report["rows"].as_array().unwrap() {
        assert_eq!(
            keys(row),
            set(&[
                "date",
                "risk_score",
                "bus_factor",
                "risks",
                "partner_people",
                "reachable",
                "live_ties"
            ])
        );
        assert_eq!(
            keys(&row["risks"]),
            set(&["critical", "high", "medium", "low"])
        );
    }
    // Each month's last day from 2025-11-30 to 2026-10-31, then --to.
    let days = dates(&report);
    assert_eq!(days.len(), 13);
    assert_eq!(days[0], Date::constant(2025, 11, 30));
    assert!(days[..12].iter().all(|d| *d == d.last_of_month()));
    assert_eq!(days[12], common::date(DEMO_AS_OF));
}

#[test]
fn each_row_is_exactly_risks_as_of_its_day() {
    let report = trend(&["--to", DEMO_AS_OF]);
    for row in report["rows"].as_array().unwrap() {
        let day = row["date"].as_str().unwrap();
        let risks = parse_json(&ok(pm_file(
            &demo_path(),
            &["risks", "--as-of", day, "--format", "json"],
        )));
        let summary = &risks["summary"];
        for field in [
            "risk_score",
            "bus_factor",
            "risks",
            "partner_people",
            "live_ties",
        ] {
            assert_eq!(row[field], summary[field], "{day} {field}");
        }
        let coverage = parse_json(&ok(pm_file(
            &demo_path(),
            &["coverage", "--as-of", day, "--format", "json"],
        )));
        let reachable = coverage["people"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["reachable"] == true)
            .count();
        assert_eq!(row["reachable"], reachable, "{day}");
    }
}

#[test]
fn weeks_are_sundays_and_the_last_day_appears_once() {
    let report = trend(&[
        "--every",
        "week",
        "--from",
        "2026-10-01",
        "--to",
        "2026-11-24",
    ]);
    let days = dates(&report);
    let (last, sundays) = days.split_last().unwrap();
    assert_eq!(*last, common::date("2026-11-24"));
    assert_eq!(sundays.len(), 8);
    assert!(sundays.iter().all(|d| d.weekday() == Weekday::Sunday));
    assert_eq!(sundays[0], common::date("2026-10-04"));
    // --to that is a month's last day (or a Sunday) is listed once.
    assert_eq!(
        dates(&trend(&["--from", "2026-09-15", "--to", "2026-10-31"])).len(),
        2
    );
    assert_eq!(
        dates(&trend(&[
            "--every",
            "week",
            "--from",
            "2026-11-20",
            "--to",
            "2026-11-22"
        ]))
        .len(),
        1
    );
}

#[test]
fn a_bad_range_or_interval_is_bad_usage() {
    let r = fails(
        pm_file(
            &demo_path(),
            &["trend", "--from", "2026-12-01", "--to", "2026-11-24"],
        ),
        2,
    );
    assert!(
        r.stderr
            .contains("--from 2026-12-01 is after --to 2026-11-24"),
        "{}",
        r.stderr
    );
    let r = fails(pm_file(&demo_path(), &["trend", "--every", "year"]), 2);
    assert!(
        r.stderr.contains("week") && r.stderr.contains("month"),
        "{}",
        r.stderr
    );
}

#[test]
fn grid_in_every_format_on_the_demo() {
    for format in ["table", "csv", "json", "markdown"] {
        let text = ok(pm_file(
            &demo_path(),
            &[
                "coverage", "--grid", "--as-of", DEMO_AS_OF, "--format", format,
            ],
        ));
        insta::assert_snapshot!(format!("grid_{format}"), text);
    }
}

#[test]
fn grid_json_has_the_spec_shape_and_agrees_with_coverage() {
    let grid = parse_json(&ok(pm_file(
        &demo_path(),
        &[
            "coverage", "--grid", "--as-of", DEMO_AS_OF, "--format", "json",
        ],
    )));
    let coverage = parse_json(&ok(pm_file(
        &demo_path(),
        &["coverage", "--as-of", DEMO_AS_OF, "--format", "json"],
    )));
    assert_eq!(keys(&grid), set(&["as_of", "rows"]));
    let people = common::read_json(&demo_path())["people"]
        .as_array()
        .unwrap()
        .clone();
    let team_of = |id: &str| {
        let person = people.iter().find(|p| p["id"] == id).unwrap();
        person["team"].as_str().map(str::to_string)
    };
    // Rows in the order of each team's first active partner person.
    let mut order: Vec<Option<String>> = Vec::new();
    for row in coverage["people"].as_array().unwrap() {
        let team = team_of(row["id"].as_str().unwrap());
        if !order.contains(&team) {
            order.push(team);
        }
    }
    let teams: Vec<Option<String>> = grid["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["team"].as_str().map(str::to_string))
        .collect();
    assert_eq!(teams, order);
    let levels = ["executive", "senior", "manager", "staff"];
    for row in grid["rows"].as_array().unwrap() {
        assert_eq!(keys(row), set(&["team", "cells"]));
        let cells = row["cells"].as_array().unwrap();
        assert_eq!(cells.len(), 4);
        for (cell, level) in cells.iter().zip(levels) {
            assert_eq!(
                keys(cell),
                set(&[
                    "level",
                    "people",
                    "direct_2",
                    "direct_1",
                    "indirect",
                    "unreachable"
                ])
            );
            assert_eq!(cell["level"], level);
            // Counted again from `coverage`'s rows.
            let mine: Vec<&Value> = coverage["people"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|p| {
                    p["level"] == level
                        && team_of(p["id"].as_str().unwrap()).as_deref() == row["team"].as_str()
                })
                .collect();
            let count = |f: &dyn Fn(&Value) -> bool| mine.iter().filter(|p| f(p)).count();
            assert_eq!(cell["people"], mine.len());
            assert_eq!(
                cell["direct_2"],
                count(&|p| p["direct"].as_u64().unwrap() >= 2)
            );
            assert_eq!(cell["direct_1"], count(&|p| p["direct"] == 1));
            assert_eq!(
                cell["indirect"],
                count(&|p| p["direct"] == 0 && p["reachable"] == true)
            );
            assert_eq!(cell["unreachable"], count(&|p| p["reachable"] == false));
        }
    }
}
