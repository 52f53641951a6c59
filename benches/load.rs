//! Loading and saving the data file at 10,000 people (100,000 meetings) and
//! 100,000 people (1,000,000 meetings), each measured against parsing the
//! same bytes into a `serde_json::Value` in the same run, so that the
//! figures are ratios that hold on a busy machine:
//!
//! - `value`: `serde_json::from_slice::<Value>`, the baseline;
//! - `skip`: `serde::de::IgnoredAny`, reading the JSON without keeping it
//!   (the floor of any loader);
//! - `parse_old`: the loader through a tree of JSON values;
//! - `parse`: the one-pass loader (`store::parse`);
//! - `check`: what `partnermap check` does (parse, count, look-alikes);
//! - `risks_json`: what `partnermap risks --format json` does (parse,
//!   analysis, JSON);
//! - `save_text`: `store::to_text`; `save`: that and the atomic write.
//!
//! After each size the ratios to `value` are printed from criterion's
//! estimates. Run: `cargo bench --bench load` (`-- 100000_people` for one size).

#![allow(clippy::expect_used)]

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use jiff::civil::Date;
use partnermap::analysis::Analysis;
use partnermap::export::{self, Format, Style};
use partnermap::generate::{Spec, partnership};
use partnermap::graph::Scenario;
use partnermap::model::Headcount;
use partnermap::{lookalike, store};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

const AS_OF: Date = Date::constant(2026, 11, 24);
const SIZES: [usize; 2] = [10_000, 100_000];
const CASES: [&str; 8] = [
    "value",
    "skip",
    "parse_old",
    "parse",
    "check",
    "risks_json",
    "save_text",
    "save",
];

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for people in SIZES {
        let p = partnership(Spec {
            people,
            meetings: people * 10,
            seed: 7,
            as_of: AS_OF,
        });
        let text = store::to_text(&p);
        let bytes = text.as_bytes();
        let path = Path::new("bench.json");
        let out = dir.path().join(format!("{people}.json"));
        let group = format!("load_{people}_people");
        let mut g = c.benchmark_group(&group);
        g.sampling_mode(SamplingMode::Flat).sample_size(10);
        if people >= 100_000 {
            g.measurement_time(Duration::from_secs(60));
        } else {
            g.measurement_time(Duration::from_secs(10));
        }
        g.bench_function("value", |b| {
            b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(bytes)))
        });
        g.bench_function("skip", |b| {
            b.iter(|| serde_json::from_slice::<serde::de::IgnoredAny>(black_box(bytes)))
        });
        g.bench_function("parse_old", |b| {
            b.iter(|| store::parse_old(black_box(&text), path))
        });
        g.bench_function("parse", |b| b.iter(|| store::parse(black_box(&text), path)));
        g.bench_function("check", |b| {
            b.iter(|| {
                let p = store::parse(black_box(&text), path).ok()?;
                let count = Headcount::on(&p, AS_OF).describe("ours", "partner");
                Some((count, lookalike::lookalikes(&p).len()))
            })
        });
        g.bench_function("risks_json", |b| {
            b.iter(|| {
                let p = store::parse(black_box(&text), path).ok()?;
                let analysis = Analysis::run(&p, &Scenario::on(AS_OF));
                Some(export::risks(&p, &analysis, Format::Json, Style::default()))
            })
        });
        g.bench_function("save_text", |b| b.iter(|| store::to_text(black_box(&p))));
        g.bench_function("save", |b| {
            b.iter(|| store::write_atomic(&out, store::to_text(black_box(&p)).as_bytes(), true))
        });
        g.finish();
        print_ratios(&group);
    }
}

/// Each case's median over `value`'s, from criterion's estimates.
fn print_ratios(group: &str) {
    let root = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| PathBuf::from("target"), PathBuf::from)
        .join("criterion")
        .join(group);
    let median = |case: &str| -> Option<f64> {
        let text = std::fs::read_to_string(root.join(case).join("new/estimates.json")).ok()?;
        let json: serde_json::Value = serde_json::from_str(&text).ok()?;
        json["median"]["point_estimate"].as_f64()
    };
    let Some(base) = median("value") else {
        return;
    };
    println!("{group}: median, and ratio to `value`");
    for case in CASES {
        if let Some(m) = median(case) {
            println!("  {case:<11} {:>9.1} ms  {:>5.2}×", m / 1e6, m / base);
        }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
