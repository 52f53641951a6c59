//! `map`: the picture of a generated partnership of 1k and 10k people (ten
//! meetings per person) as SVG, DOT and Mermaid from its analysis, and
//! what the command does after loading the file (analysis, then SVG).
//!
//! Times are the CPU time of the benchmark's thread (`cpu_time/`), which
//! a busy machine does not inflate as it does wall time.
//!
//! Run: `cargo bench --bench map` (add `-- 10000` for one size).

mod cpu_time;

use cpu_time::CpuTime;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use jiff::civil::Date;
use partnermap::analysis::Analysis;
use partnermap::export::map::{self, MapFormat};
use partnermap::generate::{Spec, partnership};
use partnermap::graph::Scenario;
use partnermap::store;
use std::hint::black_box;
use std::path::Path;

const AS_OF: Date = Date::constant(2026, 11, 24);
const SIZES: [usize; 2] = [1_000, 10_000];

fn bench(c: &mut Criterion<CpuTime>) {
    for people in SIZES {
        let p = partnership(Spec {
            people,
            meetings: people * 10,
            seed: 7,
            as_of: AS_OF,
        });
        let text = store::to_text(&p);
        let scenario = Scenario::on(AS_OF);
        let analysis = Analysis::run(&p, &scenario);
        let mut g = c.benchmark_group(format!("{people}_people"));
        g.sample_size(20);
        for format in MapFormat::ALL {
            g.bench_function(BenchmarkId::new("map", format), |b| {
                b.iter(|| map::write(&p, black_box(&analysis), format))
            });
        }
        // `partnermap map` once the file is read: analysis, then the SVG.
        g.bench_function("analysis_and_svg", |b| {
            b.iter(|| {
                let a = Analysis::run(black_box(&p), &scenario);
                map::write(&p, &a, MapFormat::Svg)
            })
        });
        // The whole command but for reading the bytes: parse too.
        g.bench_function("load_analysis_and_svg", |b| {
            b.iter(|| {
                let p = store::parse(black_box(&text), Path::new("bench.json")).unwrap_or_default();
                let a = Analysis::run(&p, &scenario);
                map::write(&p, &a, MapFormat::Svg)
            })
        });
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(CpuTime::default());
    targets = bench
}
criterion_main!(benches);
