//! Load, live-graph build, analysis, a what-if and every export at 1k, 10k and 100k
//! people (ten meetings per person), on data from the deterministic generator.
//!
//! Run: `cargo bench --bench analysis` (add `-- 100000` to run one size,
//! `-- 10000_people/risks_only` for one case, `-- cpu` for the analysis and
//! a what-if on the CPU time of the benchmark's thread).

mod cpu_time;

use cpu_time::CpuTime;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use jiff::civil::Date;
use partnermap::analysis::{Analysis, Base, bus_factor, dependency};
use partnermap::export::{self, Format, Style};
use partnermap::generate::{Spec, partnership};
use partnermap::graph::{LiveGraph, Scenario};
use partnermap::store;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

const AS_OF: Date = Date::constant(2026, 11, 24);
const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn bench(c: &mut Criterion) {
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
        if people >= 100_000 {
            g.sample_size(10).measurement_time(Duration::from_secs(20));
        } else if people >= 10_000 {
            g.sample_size(20);
        }
        g.bench_function("load", |b| {
            b.iter(|| store::parse(black_box(&text), Path::new("bench.json")))
        });
        g.bench_function("save_text", |b| b.iter(|| store::to_text(black_box(&p))));
        g.bench_function("live_graph", |b| {
            b.iter(|| LiveGraph::build(black_box(&p), &scenario))
        });
        g.bench_function("dependency", |b| {
            b.iter(|| dependency(black_box(&analysis.live)))
        });
        g.bench_function("bus_factor", |b| {
            b.iter(|| {
                bus_factor(
                    &p,
                    black_box(&analysis.live),
                    &analysis.dependency.reachable,
                )
            })
        });
        g.bench_function("analysis", |b| {
            b.iter(|| Analysis::run(black_box(&p), &scenario))
        });
        // A what-if (one person gone) from the graph with nobody gone, as
        // the terminal UI runs it.
        let base = Base::new(&p, AS_OF);
        let gone = Scenario {
            as_of: AS_OF,
            gone: vec![people / 2],
        };
        g.bench_function("what_if", |b| b.iter(|| base.run(black_box(&p), &gone)));
        // The bus factor and the risks alone (the trend's rows, SPEC §9).
        g.bench_function("risks_only", |b| {
            b.iter(|| Analysis::risks_only(black_box(&p), &scenario))
        });
        for format in Format::ALL {
            g.bench_function(BenchmarkId::new("export_risks", format), |b| {
                b.iter(|| export::risks(&p, black_box(&analysis), format, Style::default()))
            });
        }
        g.bench_function(BenchmarkId::new("export_coverage", "json"), |b| {
            b.iter(|| export::coverage(&p, black_box(&analysis), Format::Json, Style::default()))
        });
        g.finish();
    }
}

/// The whole analysis and a what-if on the CPU time of the benchmark's
/// thread (`cpu_time/`), which other work on a shared machine does not
/// inflate: `cargo bench --bench analysis -- cpu`.
fn on_cpu(c: &mut Criterion<CpuTime>) {
    for people in [10_000, 100_000] {
        let p = partnership(Spec {
            people,
            meetings: people * 10,
            seed: 7,
            as_of: AS_OF,
        });
        let scenario = Scenario::on(AS_OF);
        let base = Base::new(&p, AS_OF);
        let gone = Scenario {
            as_of: AS_OF,
            gone: vec![people / 2],
        };
        let mut g = c.benchmark_group(format!("{people}_people_cpu"));
        g.sample_size(10);
        if people >= 100_000 {
            g.measurement_time(Duration::from_secs(30));
        }
        g.bench_function("analysis", |b| {
            b.iter(|| Analysis::run(black_box(&p), &scenario))
        });
        g.bench_function("what_if", |b| b.iter(|| base.run(black_box(&p), &gone)));
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(CpuTime::default());
    targets = on_cpu
}
criterion_main!(benches, cpu);
