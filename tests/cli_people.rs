//! `people`: one row per person in file order, one side or both, in every
//! format through the shared writers (CSV formula guard included); the ids
//! it lists are those `meeting add --with` takes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{demo_path, fails, ok, parse_json, pm_file, write_temp};
use serde_json::{Value, json};

fn small() -> Value {
    json!({
        "schema": 1,
        "partnership": { "name": "A × B", "ours": "A", "partner": "B" },
        "people": [
            { "id": "ana", "name": "Ana Ruiz", "side": "ours", "title": "VP Alliances",
              "level": "executive", "team": "Alliances", "email": "ana@a.example",
              "stance": "champion" },
            { "id": "li", "name": "=Li Wei", "side": "partner", "left": "2026-01-31" },
            { "id": "bo", "name": "Bo Lund", "side": "ours", "reports_to": "ana" }
        ]
    })
}

#[test]
fn json_has_one_object_per_person_with_nulls_for_what_is_absent() {
    let (_dir, file) = write_temp("p.json", &small());
    let out = parse_json(&ok(pm_file(&file, &["people", "--format", "json"])));
    assert_eq!(
        out,
        json!({
            "partnership": "A × B",
            "people": [
                { "id": "ana", "name": "Ana Ruiz", "side": "ours", "title": "VP Alliances",
                  "level": "executive", "team": "Alliances", "email": "ana@a.example",
                  "stance": "champion", "left": null, "reports_to": null },
                { "id": "li", "name": "=Li Wei", "side": "partner", "title": null,
                  "level": "staff", "team": null, "email": null, "stance": null,
                  "left": "2026-01-31", "reports_to": null },
                { "id": "bo", "name": "Bo Lund", "side": "ours", "title": null,
                  "level": "staff", "team": null, "email": null, "stance": null,
                  "left": null, "reports_to": "ana" }
            ]
        })
    );
}

#[test]
fn csv_lists_ids_and_guards_formulas_and_side_narrows_it() {
    let (_dir, file) = write_temp("p.json", &small());
    let csv = ok(pm_file(&file, &["people", "--format", "csv"]));
    assert_eq!(
        csv,
        "id,name,side,title,level,team,email,stance,left,reports_to\n\
         ana,Ana Ruiz,ours,VP Alliances,executive,Alliances,ana@a.example,champion,,\n\
         li,'=Li Wei,partner,,staff,,,,2026-01-31,\n\
         bo,Bo Lund,ours,,staff,,,,,ana\n"
    );
    let ours = ok(pm_file(
        &file,
        &["people", "--side", "ours", "--format", "csv"],
    ));
    assert_eq!(ours.lines().count(), 3, "{ours}");
    assert!(!ours.contains("li,"), "{ours}");
    let partner = ok(pm_file(
        &file,
        &["people", "--side", "partner", "--format", "json"],
    ));
    let ids: Vec<Value> = parse_json(&partner)["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].clone())
        .collect();
    assert_eq!(ids, [json!("li")]);
}

#[test]
fn the_table_and_markdown_name_the_boss_and_say_who_is_listed() {
    let (_dir, file) = write_temp("p.json", &small());
    let table = ok(pm_file(&file, &["people"]));
    let first = format!(
        "A × B — as of {} — 2 people (2 A, 0 B) and 1 who has left",
        partnermap::date::today()
    );
    assert_eq!(table.lines().next(), Some(first.as_str()));
    assert!(table.contains("ID   NAME"), "{table}");
    let bo = table.lines().find(|l| l.starts_with("bo ")).unwrap();
    assert!(bo.trim_end().ends_with("Ana Ruiz"), "{table}");
    let md = ok(pm_file(
        &file,
        &["people", "--side", "partner", "--format", "markdown"],
    ));
    assert!(md.starts_with("# People — A × B\n"), "{md}");
    assert!(
        md.contains("**Filtered:** the people of B (partner)"),
        "{md}"
    );
    assert!(md.contains("| li | =Li Wei | partner |"), "{md}");
}

#[test]
fn every_demo_id_is_one_meeting_add_takes_and_bad_usage_is_refused() {
    let out = parse_json(&ok(pm_file(&demo_path(), &["people", "--format", "json"])));
    let people = out["people"].as_array().unwrap();
    assert_eq!(people.len(), 40);
    assert_eq!(out["partnership"], "Northwind × Contoso");
    // Every row has the ten fields, in the order the JSON shape gives.
    for row in people {
        let keys: Vec<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "id",
                "name",
                "side",
                "title",
                "level",
                "team",
                "email",
                "stance",
                "left",
                "reports_to"
            ]
        );
    }
    fails(pm_file(&demo_path(), &["people", "--side", "both"]), 2);
    let r = fails(
        pm_file(
            &demo_path(),
            &["people", "--format", "json", "--output", "x.csv"],
        ),
        2,
    );
    assert!(r.stderr.contains("--format json"), "{}", r.stderr);
}

#[test]
fn an_empty_partnership_says_so() {
    let (_dir, file) = write_temp(
        "p.json",
        &json!({"schema": 1, "partnership": {"name": "A × B", "ours": "A", "partner": "B"}, "people": []}),
    );
    let table = ok(pm_file(&file, &["people"]));
    assert!(table.ends_with("\n\nNo people yet.\n"), "{table}");
    let json = parse_json(&ok(pm_file(&file, &["people", "--format", "json"])));
    assert_eq!(json["people"], json!([]));
}
