//! `risks`: the risk list of the shipped demo in every format
//! (snapshotted), the table by default, and the JSON shape of SPEC §6.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{
    DEMO_AS_OF, assert_sorted, date, demo_active, demo_path, demo_report, keys, ok, parse_json,
    pm_file, read_json, set, strings,
};
use serde_json::Value;

// ---------------------------------------------------------------------------
// Every report format on the demo, snapshotted
// ---------------------------------------------------------------------------

#[test]
fn risks_in_every_format_on_the_demo() {
    for (format, name) in [
        ("table", "cli__risks_table"),
        ("csv", "cli__risks_csv"),
        ("json", "cli__risks_json"),
        ("markdown", "cli__risks_markdown"),
    ] {
        // The snapshots keep the names they had when these tests were in
        // tests/cli.rs: `cli__NAME.snap`, not `<this file>__NAME.snap`.
        insta::with_settings!({prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(name, demo_report("risks", format));
        });
    }
}

#[test]
fn table_is_the_default_format_and_has_no_colour_off_a_terminal() {
    let default = ok(pm_file(&demo_path(), &["risks", "--as-of", DEMO_AS_OF]));
    assert_eq!(default, demo_report("risks", "table"));
    // Not a terminal: no colour even without NO_COLOR.
    let mut cmd = pm_file(&demo_path(), &["risks", "--as-of", DEMO_AS_OF]);
    cmd.env_remove("NO_COLOR");
    assert!(!ok(&mut cmd).contains('\u{1b}'));
}

// ---------------------------------------------------------------------------
// The JSON shapes of SPEC §6
// ---------------------------------------------------------------------------

const SEVERITIES: [&str; 4] = ["critical", "high", "medium", "low"];
const KINDS: [&str; 7] = [
    "bus-factor",
    "no-champion",
    "unreachable",
    "single-point",
    "single-threaded",
    "exec-gap",
    "stale-tie",
];

fn rank(list: &[&str], item: &str) -> usize {
    list.iter()
        .position(|x| *x == item)
        .unwrap_or_else(|| panic!("unexpected value {item:?}"))
}

#[test]
// Longer than a screen on purpose: one walk through SPEC §6's shape, field by field.
#[allow(clippy::too_many_lines)]
fn risks_json_has_the_spec_shape() {
    let report = parse_json(&demo_report("risks", "json"));
    let demo = read_json(&demo_path());
    let as_of = date(DEMO_AS_OF);
    let active = demo_active(as_of);
    let person = |id: &str| active.iter().find(|p| p["id"] == id).cloned();

    assert_eq!(
        keys(&report),
        set(&["as_of", "partnership", "summary", "risks"])
    );
    assert_eq!(report["as_of"], DEMO_AS_OF);
    assert_eq!(report["partnership"], demo["partnership"]["name"]);

    let summary = &report["summary"];
    assert_eq!(
        keys(summary),
        set(&[
            "people",
            "partner_people",
            "live_ties",
            "stale_ties",
            "bus_factor",
            "risk_score",
            "risks"
        ])
    );
    for field in [
        "people",
        "partner_people",
        "live_ties",
        "stale_ties",
        "bus_factor",
        "risk_score",
    ] {
        assert!(summary[field].is_u64(), "summary.{field} is not a count");
    }
    // The score is the sum of the weights.
    let weights: u64 = report["risks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["weight"].as_u64().unwrap())
        .sum();
    assert_eq!(summary["risk_score"], weights);
    assert_eq!(summary["people"], active.len());
    let partners = active.iter().filter(|p| p["side"] == "partner").count();
    assert_eq!(summary["partner_people"], partners);
    assert_eq!(keys(&summary["risks"]), set(&SEVERITIES));

    let risks = report["risks"].as_array().unwrap();
    assert!(!risks.is_empty());
    for severity in SEVERITIES {
        let n = risks.iter().filter(|r| r["severity"] == severity).count();
        assert_eq!(summary["risks"][severity], n, "count of {severity} risks");
    }

    for r in risks {
        assert_eq!(
            keys(r),
            set(&[
                "kind",
                "severity",
                "weight",
                "subject",
                "subject_name",
                "side",
                "people",
                "detail"
            ]),
            "{r}"
        );
        let kind = r["kind"].as_str().unwrap();
        rank(&KINDS, kind);
        rank(&SEVERITIES, r["severity"].as_str().unwrap());
        let subject = r["subject"].as_str().unwrap();
        let subject_name = r["subject_name"].as_str().unwrap();
        let people = strings(&r["people"]);
        assert_sorted(&people, &format!("people of {r}"));
        let detail = r["detail"].as_str().unwrap();
        assert!(!detail.is_empty() && !detail.contains('\n'), "{r}");
        for id in &people {
            assert!(
                person(id).is_some(),
                "{id:?} in {r} is not an active person"
            );
        }
        assert!(r["weight"].as_u64().unwrap() > 0, "{r}");
        if kind == "bus-factor" || kind == "no-champion" {
            assert_eq!(subject, "partnership");
            assert_eq!(r["side"], Value::Null);
            assert_eq!(r["subject_name"], demo["partnership"]["name"]);
            if kind == "bus-factor" {
                assert_eq!(people.len() as u64, summary["bus_factor"].as_u64().unwrap());
            } else {
                assert!(people.is_empty(), "{r}");
            }
        } else {
            let p = person(subject).unwrap_or_else(|| panic!("subject of {r} is unknown"));
            assert_eq!(r["side"], p["side"], "{r}");
            assert_eq!(subject_name, p["name"], "{r}");
            match kind {
                "unreachable" | "exec-gap" => assert!(people.is_empty(), "{r}"),
                "single-threaded" => assert!(people.len() <= 1, "{r}"),
                "single-point" | "stale-tie" => assert!(!people.is_empty(), "{r}"),
                _ => {}
            }
            if kind == "stale-tie" || kind == "single-threaded" {
                assert_eq!(r["side"], "partner", "{r}");
                for id in &people {
                    assert_eq!(person(id).unwrap()["side"], "ours", "{r}");
                }
            }
        }
    }

    // The demo's bus factor is 2: one high bus-factor risk.
    assert_eq!(summary["bus_factor"], 2);
    let bus: Vec<_> = risks.iter().filter(|r| r["kind"] == "bus-factor").collect();
    assert_eq!(bus.len(), 1);
    assert_eq!(bus[0]["severity"], "high");

    // Sorted: severity, kind, subject name in lower case, subject name, id, people.
    let key = |r: &Value| {
        (
            rank(&SEVERITIES, r["severity"].as_str().unwrap()),
            rank(&KINDS, r["kind"].as_str().unwrap()),
            r["subject_name"].as_str().unwrap().to_lowercase(),
            r["subject_name"].as_str().unwrap().to_string(),
            r["subject"].as_str().unwrap().to_string(),
            strings(&r["people"])
                .into_iter()
                .map(str::to_string)
                .collect::<Vec<_>>(),
        )
    };
    for pair in risks.windows(2) {
        assert!(
            key(&pair[0]) <= key(&pair[1]),
            "risks out of order:\n{}\n{}",
            pair[0],
            pair[1]
        );
    }
}
