//! `plan`: every format on the demo (snapshotted), the JSON shape of SPEC
//! §8, each step's figures checked against `risks` after logging the steps
//! with `meeting add`, `--limit`, and the empty plan.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{
    DEMO_AS_OF, demo_copy_as, demo_report, fails, keys, ok, ok_run, parse_json, pm_file, set,
    write_temp,
};
use serde_json::{Value, json};
use std::collections::BTreeMap;

#[test]
fn plan_in_every_format_on_the_demo() {
    for format in ["table", "csv", "json", "markdown"] {
        insta::assert_snapshot!(format!("plan_{format}"), demo_report("plan", format));
    }
}

#[test]
fn plan_json_has_the_spec_shape() {
    let plan = parse_json(&demo_report("plan", "json"));
    assert_eq!(
        keys(&plan),
        set(&["as_of", "partnership", "before", "steps"])
    );
    assert_eq!(plan["as_of"], DEMO_AS_OF);
    assert_eq!(plan["partnership"], "Northwind × Contoso");
    let standing = set(&["risk_score", "bus_factor", "risks"]);
    let counts = set(&["critical", "high", "medium", "low"]);
    assert_eq!(keys(&plan["before"]), standing);
    assert_eq!(keys(&plan["before"]["risks"]), counts);
    let steps = plan["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 10);
    let mut score = plan["before"]["risk_score"].as_u64().unwrap();
    for (k, step) in steps.iter().enumerate() {
        assert_eq!(
            keys(step),
            set(&[
                "rank",
                "action",
                "ours",
                "ours_name",
                "partner",
                "partner_name",
                "last_contact",
                "via",
                "after",
                "removes",
                "adds"
            ])
        );
        assert_eq!(step["rank"], k + 1);
        assert_eq!(keys(&step["after"]), standing);
        // Every step lowers the score.
        let after = step["after"]["risk_score"].as_u64().unwrap();
        assert!(after < score, "step {} does not lower the score", k + 1);
        score = after;
        match step["action"].as_str().unwrap() {
            "renew" => {
                assert!(step["via"].is_null());
                assert!(common::is_date(step["last_contact"].as_str().unwrap()));
            }
            "introduce" => assert!(step["last_contact"].is_null()),
            other => panic!("unknown action {other}"),
        }
        for risk in step["removes"]
            .as_array()
            .unwrap()
            .iter()
            .chain(step["adds"].as_array().unwrap())
        {
            assert_eq!(keys(risk), set(&["kind", "subject", "severity"]));
        }
    }
}

/// The risks of `risks --format json` by (kind, subject): severity, weight, people.
fn risk_map(report: &Value) -> BTreeMap<(String, String), Value> {
    report["risks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let key = (
                r["kind"].as_str().unwrap().to_string(),
                r["subject"].as_str().unwrap().to_string(),
            );
            (key, json!([r["severity"], r["weight"], r["people"]]))
        })
        .collect()
}

/// (kind, subject, severity) of the risks in `list` whose (kind, subject)
/// is missing from `other` or differs there, in `list`'s order.
fn changed(list: &Value, other: &BTreeMap<(String, String), Value>) -> Vec<Value> {
    let mine = risk_map(list);
    list["risks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            let key = (
                r["kind"].as_str().unwrap().to_string(),
                r["subject"].as_str().unwrap().to_string(),
            );
            other.get(&key) != mine.get(&key)
        })
        .map(|r| json!({"kind": r["kind"], "subject": r["subject"], "severity": r["severity"]}))
        .collect()
}

#[test]
fn each_steps_figures_are_what_risks_shows_once_the_steps_are_logged() {
    let (_dir, file) = demo_copy_as("plan.json");
    let plan = parse_json(&ok(pm_file(
        &file,
        &["plan", "--as-of", DEMO_AS_OF, "--format", "json"],
    )));
    let risks = |file: &std::path::Path| {
        parse_json(&ok(pm_file(
            file,
            &["risks", "--as-of", DEMO_AS_OF, "--format", "json"],
        )))
    };
    let mut before = risks(&file);
    assert_eq!(
        before["summary"]["risk_score"],
        plan["before"]["risk_score"]
    );
    assert_eq!(
        before["summary"]["bus_factor"],
        plan["before"]["bus_factor"]
    );
    assert_eq!(before["summary"]["risks"], plan["before"]["risks"]);
    for step in plan["steps"].as_array().unwrap() {
        let with = format!(
            "{},{}",
            step["ours"].as_str().unwrap(),
            step["partner"].as_str().unwrap()
        );
        ok(pm_file(
            &file,
            &[
                "meeting",
                "add",
                "--date",
                DEMO_AS_OF,
                "--title",
                "Plan step",
                "--with",
                &with,
            ],
        ));
        let after = risks(&file);
        assert_eq!(
            after["summary"]["risk_score"], step["after"]["risk_score"],
            "{step}"
        );
        assert_eq!(
            after["summary"]["bus_factor"], step["after"]["bus_factor"],
            "{step}"
        );
        assert_eq!(after["summary"]["risks"], step["after"]["risks"], "{step}");
        assert_eq!(
            Value::from(changed(&before, &risk_map(&after))),
            step["removes"],
            "{step}"
        );
        assert_eq!(
            Value::from(changed(&after, &risk_map(&before))),
            step["adds"],
            "{step}"
        );
        before = after;
    }
}

#[test]
fn limit_takes_1_to_100_steps() {
    let demo = common::demo_path();
    let three = parse_json(&ok(pm_file(
        &demo,
        &[
            "plan", "--as-of", DEMO_AS_OF, "--limit", "3", "--format", "json",
        ],
    )));
    assert_eq!(three["steps"].as_array().unwrap().len(), 3);
    let all = parse_json(&ok(pm_file(
        &demo,
        &[
            "plan", "--as-of", DEMO_AS_OF, "--limit", "100", "--format", "json",
        ],
    )));
    let steps = all["steps"].as_array().unwrap();
    assert!(steps.len() > 10 && steps.len() < 100, "{}", steps.len());
    for bad in ["0", "101", "-1", "ten", ""] {
        let r = fails(pm_file(&demo, &["plan", "--limit", bad]), 2);
        assert!(r.stderr.contains("from 1 to 100"), "{bad}: {}", r.stderr);
    }
}

#[test]
fn as_of_before_the_command_is_the_plans_day() {
    let demo = common::demo_path();
    let a = ok(pm_file(
        &demo,
        &["--as-of", DEMO_AS_OF, "plan", "--format", "json"],
    ));
    assert_eq!(a, demo_report("plan", "json"));
}

#[test]
fn a_partnership_where_nothing_lowers_the_score_gets_an_empty_plan_that_says_so() {
    let doc = json!({
        "schema": 1,
        "partnership": {"name": "Us × Them", "ours": "Us", "partner": "Them"},
        "people": [{"id": "a", "name": "Ana", "side": "ours"}]
    });
    let (_dir, file) = write_temp("alone.json", &doc);
    let table = ok(pm_file(&file, &["plan"]));
    assert!(
        table.contains("Add people on both sides first (a adds one, i imports contacts)"),
        "{table}"
    );
    let run = ok_run(pm_file(&file, &["plan", "--format", "json"]));
    let plan = parse_json(&run.stdout);
    assert_eq!(plan["steps"], json!([]));
    assert_eq!(plan["before"]["risk_score"], 36);
    assert!(
        run.stderr.contains("note: Add people on both sides first"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_score_of_zero_has_nothing_to_plan() {
    let mut people = Vec::new();
    let mut ties = Vec::new();
    for ours in ["a", "b", "c"] {
        people.push(json!({"id": ours, "name": ours, "side": "ours"}));
    }
    for (k, theirs) in ["x", "y", "z"].into_iter().enumerate() {
        let stance = if k == 0 {
            json!("champion")
        } else {
            json!(null)
        };
        people.push(json!({"id": theirs, "name": theirs, "side": "partner", "stance": stance}));
        for ours in ["a", "b", "c"] {
            ties.push(json!({"a": ours, "b": theirs}));
        }
    }
    let doc = json!({
        "schema": 1,
        "partnership": {"name": "Us × Them", "ours": "Us", "partner": "Them"},
        "people": people,
        "ties": ties
    });
    let (_dir, file) = write_temp("covered.json", &doc);
    let markdown = ok(pm_file(&file, &["plan", "--format", "markdown"]));
    assert!(
        markdown.contains("Nothing to plan: the risk score is 0."),
        "{markdown}"
    );
}
