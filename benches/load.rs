//! Loading and saving the data file at 10,000 people (100,000 meetings) and
//! 100,000 people (1,000,000 meetings), each measured against parsing the
//! same bytes into a `serde_json::Value` in the same run, so that the
//! figures are ratios that hold on a busy machine:
//!
//! - `value`: `serde_json::from_slice::<Value>`, the baseline;
//! - `skip`: `serde::de::IgnoredAny`, reading the JSON without keeping it
//!   (the floor of any loader);
//! - `parse`: the one-pass loader (`store::parse`);
//! - `check`: what `partnermap check` does (parse, count, look-alikes);
//! - `risks_json`: what `partnermap risks --format json` does (parse,
//!   analysis, JSON);
//! - `save_text`: `store::to_text`; `save`: that and the atomic write;
//!   `save_store`: `store::save`, the whole save the UI and the CLI make
//!   (the lock, the text encoded straight into the temporary file and a
//!   new backup, the old file compared with the newest backup, the
//!   backups named), of the same partnership each time, so that the new
//!   backup is removed again;
//! - `save_edit`: `store::save` of two versions in turn (one meeting
//!   apart), as after an edit: the old file is kept as a backup (a hard
//!   link) and the new version written into the newest backup as it is
//!   written into the data file.
//!
//! After each size, every case runs once per round for a few rounds and
//! each round's ratios to `value` are printed (their median): the figures
//! the README gives. Run: `cargo bench --bench load` (`-- load_10000` for
//! one size).

#![allow(clippy::expect_used)]

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use jiff::civil::Date;
use partnermap::analysis::Analysis;
use partnermap::export::{self, Format, Style};
use partnermap::generate::{Spec, partnership};
use partnermap::graph::Scenario;
use partnermap::model::{Headcount, Partnership};
use partnermap::{lookalike, store};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

const AS_OF: Date = Date::constant(2026, 11, 24);
const SIZES: [usize; 2] = [10_000, 100_000];

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    // Criterion's filter (`-- load_10000`), if any, also picks the sizes.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    for people in SIZES {
        let group = format!("load_{people}_people");
        if filter
            .as_deref()
            .is_some_and(|f| !f.contains(&group) && !group.contains(f))
        {
            continue;
        }
        let p = partnership(Spec {
            people,
            meetings: people * 10,
            seed: 7,
            as_of: AS_OF,
        });
        let text = store::to_text(&p);
        let out = dir.path().join(format!("{people}.json"));
        let cases = cases(&p, &text, &out);
        let mut g = c.benchmark_group(&group);
        g.sampling_mode(SamplingMode::Flat).sample_size(10);
        g.measurement_time(Duration::from_secs(if people >= 100_000 { 60 } else { 10 }));
        for (name, case) in &cases {
            g.bench_function(*name, |b| b.iter(case));
        }
        g.finish();
        print_ratios(&group, &cases, if people >= 100_000 { 9 } else { 15 });
    }
}

/// A case: what it runs, timed.
type Case<'a> = (&'static str, Box<dyn Fn() + 'a>);

/// Every case on one partnership, its text and a file to save to;
/// `value` first.
fn cases<'a>(p: &'a Partnership, text: &'a str, out: &'a Path) -> Vec<Case<'a>> {
    let path = Path::new("bench.json");
    let bytes = text.as_bytes();
    let mut edited = p.clone();
    edited.meetings.pop();
    let versions = [p.clone(), edited];
    let turn = std::cell::Cell::new(0usize);
    let edit_out = out.with_extension("edit.json");
    vec![
        (
            "value",
            Box::new(move || {
                black_box(serde_json::from_slice::<serde_json::Value>(black_box(bytes)).ok());
            }),
        ),
        (
            "skip",
            Box::new(move || {
                black_box(serde_json::from_slice::<serde::de::IgnoredAny>(black_box(bytes)).ok());
            }),
        ),
        (
            "parse",
            Box::new(move || {
                black_box(store::parse(black_box(text), path).ok());
            }),
        ),
        (
            "check",
            Box::new(move || {
                let Ok(p) = store::parse(black_box(text), path) else {
                    return;
                };
                black_box(Headcount::on(&p, AS_OF).describe("ours", "partner"));
                black_box(lookalike::lookalikes(&p).len());
            }),
        ),
        (
            "risks_json",
            Box::new(move || {
                let Ok(p) = store::parse(black_box(text), path) else {
                    return;
                };
                let analysis = Analysis::run(&p, &Scenario::on(AS_OF));
                black_box(export::risks(&p, &analysis, Format::Json, Style::default()));
            }),
        ),
        (
            "save_text",
            Box::new(move || {
                black_box(store::to_text(black_box(p)));
            }),
        ),
        (
            "save",
            Box::new(move || {
                black_box(
                    store::write_atomic(out, store::to_text(black_box(p)).as_bytes(), true).ok(),
                );
            }),
        ),
        (
            "save_store",
            Box::new(move || {
                black_box(store::save(out, black_box(p)).ok());
            }),
        ),
        (
            "save_edit",
            Box::new(move || {
                let version = &versions[turn.get() % 2];
                turn.set(turn.get() + 1);
                black_box(store::save(&edit_out, black_box(version)).ok());
            }),
        ),
    ]
}

/// Each case's time over `value`'s, measured in `rounds` rounds that run
/// every case once each, so that a machine busy with something else for a
/// while slows the baseline and the cases alike: the median of each
/// round's ratio, and the median time, both in time on the processor
/// (which other programs do not add to) and on the clock.
fn print_ratios(group: &str, cases: &[Case<'_>], rounds: usize) {
    let mut times: Vec<Vec<(f64, f64)>> = vec![Vec::new(); cases.len()];
    for _ in 0..rounds {
        for ((_, case), times) in cases.iter().zip(&mut times) {
            let (cpu, clock) = (cpu_time(), Instant::now());
            case();
            let cpu = cpu_time()
                .zip(cpu)
                .map_or(f64::NAN, |(end, start)| end - start);
            times.push((cpu, clock.elapsed().as_secs_f64()));
        }
    }
    let median = |mut xs: Vec<f64>| {
        xs.sort_by(f64::total_cmp);
        xs.get(xs.len() / 2).copied().unwrap_or(f64::NAN)
    };
    let Some(base) = times.first().cloned() else {
        return;
    };
    println!(
        "{group}: {rounds} rounds, each case once per round; median processor time and \
         ratio to `value`, then the same on the clock"
    );
    for ((name, _), times) in cases.iter().zip(&times) {
        let pick = |f: fn(&(f64, f64)) -> f64| {
            let ratios = times.iter().zip(&base).map(|(t, b)| f(t) / f(b)).collect();
            (median(times.iter().map(f).collect()) * 1e3, median(ratios))
        };
        let (cpu, cpu_ratio) = pick(|t| t.0);
        let (clock, clock_ratio) = pick(|t| t.1);
        println!(
            "  {name:<11} {cpu:>9.1} ms {cpu_ratio:>5.2}x   {clock:>9.1} ms {clock_ratio:>5.2}x"
        );
    }
}

/// This process's time on the processor so far, all its threads, in
/// seconds (Linux, to a hundredth of a second).
fn cpu_time() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // After the command's name: state, …, then user and system time (the
    // 14th and 15th fields) in hundredths of a second.
    let mut fields = stat
        .get(stat.rfind(')')? + 1..)?
        .split_whitespace()
        .skip(11);
    let user: f64 = fields.next()?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    Some((user + system) / 100.0)
}

criterion_group!(benches, bench);
criterion_main!(benches);
