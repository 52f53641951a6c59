//! The plan (SPEC §8) and the trend (SPEC §9): a plan of 10 steps on the
//! demo, on 1,000 and on 10,000 people, and a trend of 13 month ends at
//! 10,000 people, on data from the deterministic generator.
//!
//! Run: `cargo bench --bench plan` (add `-- 10000` for one size).

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::Date;
use partnermap::analysis::{Every, trend, trend_days, year_before};
use partnermap::generate::{Spec, partnership};
use partnermap::graph::Scenario;
use partnermap::plan::plan;
use std::hint::black_box;
use std::time::Duration;

const AS_OF: Date = Date::constant(2026, 11, 24);

fn bench(c: &mut Criterion) {
    let demo = partnermap::demo::demo(AS_OF);
    let scenario = Scenario::on(AS_OF);
    let mut g = c.benchmark_group("demo");
    g.bench_function("plan_10", |b| {
        b.iter(|| plan(black_box(&demo), &scenario, 10))
    });
    g.finish();
    for people in [1_000, 10_000] {
        let p = partnership(Spec {
            people,
            meetings: people * 10,
            seed: 7,
            as_of: AS_OF,
        });
        let mut g = c.benchmark_group(format!("{people}_people"));
        if people >= 10_000 {
            g.sample_size(10).measurement_time(Duration::from_secs(30));
        }
        g.bench_function("plan_10", |b| b.iter(|| plan(black_box(&p), &scenario, 10)));
        if people >= 10_000 {
            let days = trend_days(year_before(AS_OF), AS_OF, Every::Month);
            assert_eq!(days.len(), 13);
            g.bench_function("trend_13", |b| b.iter(|| trend(black_box(&p), &days)));
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
