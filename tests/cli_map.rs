//! `map`: the demo's SVG parses as XML and a real renderer (resvg) draws
//! it; its marks agree with the risk list; DOT and Mermaid are
//! snapshotted; hostile names stay text; a large file stays readable;
//! `--output`, `--format` and broken files behave like the reports'.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{
    DEMO_AS_OF, bad_dir, copy_to_temp, demo_path, fails, ok, ok_run, parse_json, pm, pm_file,
    write_temp,
};
use serde_json::json;
use std::collections::BTreeSet;
use std::fs;
use tempfile::TempDir;

fn demo_map(format: &str) -> String {
    ok(pm_file(
        &demo_path(),
        &["map", "--as-of", DEMO_AS_OF, "--format", format],
    ))
}

/// The SVG parsed as XML (panics with the parser's message when it is not).
fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}\n{svg}"))
}

/// The SVG drawn by resvg; the pixels as RGBA.
fn render(svg: &str) -> (u32, u32, Vec<u8>) {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default())
        .unwrap_or_else(|e| panic!("resvg cannot read it: {e}"));
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    (size.width(), size.height(), pixmap.data().to_vec())
}

/// How many pixels are (close to) the colour `#rrggbb`.
fn pixels_of(rgba: &[u8], hex: &str) -> usize {
    let c = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap();
    let (r, g, b) = ((c >> 16) as u8, (c >> 8) as u8, c as u8);
    rgba.chunks(4)
        .filter(|p| p[0].abs_diff(r) < 8 && p[1].abs_diff(g) < 8 && p[2].abs_diff(b) < 8)
        .count()
}

/// The text of every `<text>` element, each joined from its spans.
fn texts(doc: &roxmltree::Document<'_>) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            n.descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| d.text())
                .collect()
        })
        .collect()
}

// ---------------------------------------------------------------------------
// The demo
// ---------------------------------------------------------------------------

#[test]
fn the_demo_svg_is_xml_with_title_people_and_legend() {
    let svg = demo_map("svg");
    let doc = parse(&svg);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    for attribute in ["width", "height", "viewBox"] {
        assert!(root.attribute(attribute).is_some(), "{attribute}");
    }
    let risks = parse_json(&ok(pm_file(
        &demo_path(),
        &["risks", "--as-of", DEMO_AS_OF, "--format", "json"],
    )));
    let summary = &risks["summary"];
    let texts = texts(&doc);
    let title = format!(
        "Northwind × Contoso — as of {DEMO_AS_OF} — bus factor {} · risk score {}",
        summary["bus_factor"], summary["risk_score"]
    );
    assert_eq!(texts[0], title);
    assert!(
        texts.iter().any(|t| t.contains("Northwind · 17 people")),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.contains("Contoso · 22 people")),
        "{texts:?}"
    );
    // Every active person is on it (Ben Carter has left).
    let people = parse_json(&ok(pm_file(
        &demo_path(),
        &["coverage", "--as-of", DEMO_AS_OF, "--format", "json"],
    )));
    for row in people["people"].as_array().unwrap() {
        let name = row["name"].as_str().unwrap();
        assert!(texts.iter().any(|t| t.contains(name)), "{name}");
    }
    assert!(!texts.iter().any(|t| t.contains("Ben Carter")));
    for legend in [
        "critical",
        "single point",
        "unreachable",
        "champion",
        "thicker: stronger",
    ] {
        assert!(texts.iter().any(|t| t.contains(legend)), "legend: {legend}");
    }
}

/// The ids of the subjects of the demo's risks of `kind`.
fn subjects(kind: &str) -> BTreeSet<String> {
    let risks = parse_json(&ok(pm_file(
        &demo_path(),
        &["risks", "--as-of", DEMO_AS_OF, "--format", "json"],
    )));
    risks["risks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == kind)
        .map(|r| r["subject"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_marks_on_the_map_are_the_risk_lists() {
    // DOT names each person by id, with the marks in the label.
    let dot = demo_map("dot");
    let marked = |mark: &str| -> BTreeSet<String> {
        dot.lines()
            .filter(|l| l.contains("[label=\"") && l.contains(mark))
            .map(|l| l.trim().split('"').nth(1).unwrap().to_string())
            .collect()
    };
    assert_eq!(marked("◆"), subjects("single-point"));
    assert_eq!(marked("✗"), subjects("unreachable"));
    let demo = parse_json(&fs::read_to_string(demo_path()).unwrap());
    let champions: BTreeSet<String> = demo["people"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["stance"] == "champion" && p["left"].is_null())
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect();
    assert!(!champions.is_empty());
    assert_eq!(marked("★"), champions);
    // The SVG draws one diamond per single point and one cross per
    // unreachable person (besides the legend's one of each).
    let svg = demo_map("svg");
    let diamonds = svg.matches(r##"fill="none" stroke="#37474f""##).count();
    assert_eq!(diamonds, subjects("single-point").len() + 1);
    let crosses = svg
        .matches(r##"stroke="#b71c1c" stroke-width="2""##)
        .count();
    assert_eq!(crosses, subjects("unreachable").len() + 1);
}

#[test]
fn resvg_draws_the_demo_map_in_its_colours() {
    let svg = demo_map("svg");
    let (width, height, rgba) = render(&svg);
    assert_eq!((width, height), (1100, parse_height(&svg)));
    let total = (width * height) as usize;
    let white = pixels_of(&rgba, "#ffffff");
    assert!(
        white < total * 97 / 100,
        "almost blank: {white} of {total} white"
    );
    // Dots in the colours of the demo's worst risks, and ties drawn.
    for colour in ["#c62828", "#ef6c00", "#f9a825", "#43a047"] {
        assert!(pixels_of(&rgba, colour) > 50, "{colour} not drawn");
    }
}

fn parse_height(svg: &str) -> u32 {
    let doc = parse(svg);
    doc.root_element()
        .attribute("height")
        .unwrap()
        .parse::<f64>()
        .unwrap()
        .ceil() as u32
}

#[test]
fn dot_and_mermaid_of_the_demo() {
    insta::with_settings!({prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("map_dot", demo_map("dot"));
        insta::assert_snapshot!("map_mermaid", demo_map("mermaid"));
    });
}

#[test]
fn docs_map_svg_is_the_demo_map() {
    // Regenerate with: partnermap --file data/demo.json map --as-of 2026-11-24 --output docs/map.svg
    let path = common::manifest_dir().join("docs/map.svg");
    let svg = demo_map("svg");
    if std::env::var_os("PARTNERMAP_UPDATE_DOCS").is_some() {
        fs::write(&path, &svg).unwrap();
    }
    let committed = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == svg,
        "docs/map.svg is not the demo's map now; run PARTNERMAP_UPDATE_DOCS=1 cargo test --test cli_map docs_map"
    );
}

// ---------------------------------------------------------------------------
// Hostile names and large files
// ---------------------------------------------------------------------------

#[test]
fn hostile_names_stay_text_in_every_format() {
    let evil = "</text><script>alert(1)</script>\"&'<b>\u{1b}[31m\u{202e}x\u{7}#quot;`\\n";
    let file = json!({
        "schema": 1,
        "partnership": {"name": evil, "ours": evil, "partner": "P"},
        "people": [
            {"id": "a\"b", "name": evil, "side": "ours", "title": evil, "team": evil},
            {"id": "li", "name": "Li", "side": "partner", "stance": "champion"}
        ],
        "meetings": [{"id": "m-0001", "date": "2026-11-01", "attendees": ["a\"b", "li"]}]
    });
    let (_dir, path) = write_temp("evil.json", &file);
    let map = |format: &str| {
        ok(pm_file(
            &path,
            &["map", "--as-of", "2026-11-24", "--format", format],
        ))
    };
    let svg = map("svg");
    let doc = parse(&svg);
    assert!(!doc.descendants().any(|n| n.has_tag_name("script")));
    assert!(!svg.contains('\u{1b}') && !svg.contains('\u{202e}') && !svg.contains('\u{7}'));
    let texts = texts(&doc);
    assert!(
        texts.iter().any(|t| t.contains("</text><script>")),
        "{texts:?}"
    );
    render(&svg);
    for format in ["dot", "mermaid"] {
        let out = map(format);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{202e}'),
            "{format}"
        );
        assert!(out.contains("\\u{1b}"), "{format}: control shown as text");
    }
    // DOT: every quote inside a string is escaped, so each line's quotes pair up.
    for line in map("dot").lines() {
        let bare = line.replace("\\\\", "").replace("\\\"", "");
        assert_eq!(bare.matches('"').count() % 2, 0, "{line}");
    }
    // Mermaid: a label holds no quote, bracket or HTML of its own.
    for line in map("mermaid").lines().filter(|l| l.contains("[\"")) {
        let inside = line
            .split_once("[\"")
            .unwrap()
            .1
            .rsplit_once("\"]")
            .unwrap()
            .0;
        assert!(
            !inside.contains(['"', '<', '>']) || inside.contains("<br/>"),
            "{line}"
        );
        assert!(
            !inside.replace("<br/>", "").contains(['"', '<', '>']),
            "{line}"
        );
    }
}

#[test]
fn a_large_file_shows_the_people_with_risks_and_says_how_many_were_left_out() {
    let dir = TempDir::new().unwrap();
    let big = dir.path().join("big.json");
    let args = [
        "generate",
        "--people",
        "1000",
        "--meetings",
        "5000",
        "--seed",
        "7",
        "--as-of",
        "2026-11-24",
        "--output",
    ];
    ok(pm().args(args).arg(&big));
    let svg = ok(pm_file(&big, &["map", "--as-of", "2026-11-24"]));
    let doc = parse(&svg);
    let texts = texts(&doc);
    let all = texts.join(" ");
    assert!(
        all.contains(
            "Too many to draw: showing 60 of 487 Synthetic people and 60 of 487 Partner people"
        ),
        "no note of what was left out: {texts:?}"
    );
    assert!(
        all.contains("people and") && all.contains("live ties left out"),
        "{all}"
    );
    assert!(all.contains("60 of 487 people shown"), "{all}");
    // At most 60 a side, each with a dot (and the legend's six).
    let dots = svg.matches("<circle cx=").count();
    assert_eq!(dots, 120 + 6);
    // The worst come first: every subject of a critical or high risk (fewer
    // than 60 here) is on the map.
    let risks = parse_json(&ok(pm_file(
        &big,
        &["risks", "--as-of", "2026-11-24", "--format", "json"],
    )));
    let worst: Vec<&str> = risks["risks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["severity"] == "critical" || r["severity"] == "high")
        .filter(|r| r["side"].is_string())
        .map(|r| r["subject_name"].as_str().unwrap())
        .collect();
    assert!(!worst.is_empty() && worst.len() < 60, "{}", worst.len());
    for name in worst {
        assert!(
            texts.iter().any(|t| t.contains(&format!("{name} "))),
            "{name} left out"
        );
    }
    let (_, _, rgba) = render(&svg);
    assert!(pixels_of(&rgba, "#ffffff") < rgba.len() / 4 * 97 / 100);
    let mermaid = ok(pm_file(
        &big,
        &["map", "--as-of", "2026-11-24", "--format", "mermaid"],
    ));
    assert!(mermaid.contains("%% Too many to draw"), "the note is kept");
}

// ---------------------------------------------------------------------------
// Output, format and broken files
// ---------------------------------------------------------------------------

#[test]
fn output_takes_the_format_from_its_extension() {
    let dir = TempDir::new().unwrap();
    for (name, start) in [
        ("m.svg", "<?xml"),
        ("m.dot", "graph partnermap {"),
        ("m.gv", "graph"),
        ("m.mmd", "---\ntitle:"),
    ] {
        let out = dir.path().join(name);
        let r = ok_run(
            pm_file(&demo_path(), &["map", "--as-of", DEMO_AS_OF])
                .arg("--output")
                .arg(&out),
        );
        assert_eq!(r.stdout, "");
        assert!(r.stderr.contains("Wrote the map"), "{}", r.stderr);
        assert!(
            fs::read_to_string(&out).unwrap().starts_with(start),
            "{name}"
        );
    }
    let out = dir.path().join("m.dot");
    let r = fails(
        pm_file(&demo_path(), &["map", "--format", "svg"])
            .arg("--output")
            .arg(&out),
        2,
    );
    assert!(r.stderr.contains("does not match"), "{}", r.stderr);
    // --as-of may come before the command too.
    let before = ok(pm_file(
        &demo_path(),
        &["--as-of", DEMO_AS_OF, "map", "--format", "dot"],
    ));
    assert_eq!(before, demo_map("dot"));
    fails(pm_file(&demo_path(), &["map", "--format", "png"]), 2);
}

#[test]
fn a_broken_or_missing_file_fails_naming_it() {
    let (_dir, broken) = copy_to_temp(&bad_dir().join("json_syntax_error.json"));
    let r = fails(pm_file(&broken, &["map"]), 1);
    assert!(r.stderr.contains("json_syntax_error.json"), "{}", r.stderr);
    assert_eq!(r.stdout, "");
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("none.json");
    let r = fails(pm_file(&missing, &["map"]), 1);
    assert!(r.stderr.contains("none.json"), "{}", r.stderr);
    // The data file is never the output.
    let (_dir, copy) = copy_to_temp(&demo_path());
    let before = fs::read(&copy).unwrap();
    let r = fails(pm_file(&copy, &["map"]).arg("--output").arg(&copy), 1);
    assert!(r.stderr.contains("data file"), "{}", r.stderr);
    assert_eq!(fs::read(&copy).unwrap(), before);
}
