//! `coverage`: one row per partner person, in every format
//! (snapshotted), and the JSON shape of SPEC §6.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{
    DEMO_AS_OF, assert_sorted, date, demo_active, demo_report, is_date, keys, parse_json,
    risks_about, set, strings,
};
use serde_json::Value;
use std::collections::BTreeSet;

#[test]
fn coverage_in_every_format_on_the_demo() {
    for (format, name) in [
        ("table", "cli__coverage_table"),
        ("csv", "cli__coverage_csv"),
        ("json", "cli__coverage_json"),
        ("markdown", "cli__coverage_markdown"),
    ] {
        // The snapshots keep the names they had when these tests were in
        // tests/cli.rs: `cli__NAME.snap`, not `<this file>__NAME.snap`.
        insta::with_settings!({prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(name, demo_report("coverage", format));
        });
    }
}

#[test]
fn coverage_json_has_the_spec_shape() {
    let report = parse_json(&demo_report("coverage", "json"));
    let as_of = date(DEMO_AS_OF);
    let active = demo_active(as_of);
    let ours: BTreeSet<&str> = active
        .iter()
        .filter(|p| p["side"] == "ours")
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    let partners: Vec<&Value> = active.iter().filter(|p| p["side"] == "partner").collect();

    assert_eq!(keys(&report), set(&["as_of", "people"]));
    assert_eq!(report["as_of"], DEMO_AS_OF);
    let rows = report["people"].as_array().unwrap();
    // One row per active partner person, in file order.
    let row_ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let partner_ids: Vec<&str> = partners.iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(row_ids, partner_ids);

    for (row, person) in rows.iter().zip(&partners) {
        assert_eq!(
            keys(row),
            set(&[
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
            ]),
            "{row}"
        );
        assert_eq!(row["name"], person["name"]);
        let level = person["level"].as_str().unwrap_or("staff");
        assert_eq!(row["level"], level);
        assert_eq!(row["key"], person["key"].as_bool().unwrap_or(false));
        // The stance as the file has it, null when unknown.
        assert_eq!(row["stance"], person["stance"], "{row}");
        let covered_by = strings(&row["covered_by"]);
        let depends_on = strings(&row["depends_on"]);
        assert_sorted(&covered_by, "covered_by");
        assert_sorted(&depends_on, "depends_on");
        assert_eq!(
            row["direct"].as_u64(),
            Some(covered_by.len() as u64),
            "{row}"
        );
        for id in &covered_by {
            assert!(ours.contains(id), "{id:?} covers {row} but is not ours");
        }
        let reachable = row["reachable"].as_bool().expect("reachable is a boolean");
        if !reachable {
            assert!(depends_on.is_empty(), "unreachable yet depends: {row}");
            assert!(covered_by.is_empty(), "unreachable yet covered: {row}");
        }
        assert!(!depends_on.contains(&row["id"].as_str().unwrap()), "{row}");
        match &row["last_contact"] {
            Value::Null => {}
            Value::String(d) => assert!(is_date(d) && date(d) <= as_of, "{row}"),
            other => panic!("last_contact is {other}"),
        }
    }

    reports_agree(rows);
}

/// The coverage rows and the risk list agree with each other.
fn reports_agree(rows: &[Value]) {
    let risks = parse_json(&demo_report("risks", "json"));
    for row in rows {
        let id = row["id"].as_str().unwrap();
        let threaded = risks_about(&risks, "single-threaded", id);
        // SPEC §5: reachable seniors and above (executives, key people and
        // champions), covered directly by at most one of ours.
        let senior_or_more = row["level"] == "executive"
            || row["level"] == "senior"
            || row["key"] == true
            || row["stance"] == "champion";
        let expected =
            row["reachable"] == true && senior_or_more && row["direct"].as_u64().unwrap() <= 1;
        assert_eq!(threaded.len(), usize::from(expected), "{id}");
        if let Some(r) = threaded.first() {
            assert_eq!(r["people"], row["covered_by"]);
        }
        let unreachable = risks_about(&risks, "unreachable", id);
        assert_eq!(
            unreachable.len(),
            usize::from(row["reachable"] == false),
            "{id}"
        );
    }
}
