//! The plan (SPEC §8) and the trend (SPEC §9): a plan of 10 steps on the
//! demo, on 1,000 and on 10,000 people, and a trend of 13 month ends at
//! 10,000 people, on data from the deterministic generator.
//!
//! The plan runs on one thread: at 1,000 and 10,000 people its times are
//! the CPU time of the benchmark's thread (`cpu_time/`), which a shared
//! machine's other work does not inflate. The demo's plan (a millisecond,
//! finer than that clock) and the trend, which analyses its days on every
//! core, are timed on the wall clock (and the plan at 10,000 people too, to
//! compare); the trend's processor time over all its threads is printed
//! once.
//!
//! Run: `cargo bench --bench plan` (add `-- 10000` for one size).

mod cpu_time;

use cpu_time::CpuTime;
use criterion::measurement::Measurement;
use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::Date;
use partnermap::analysis::{Every, trend, trend_days, year_before};
use partnermap::generate::{Spec, partnership};
use partnermap::graph::Scenario;
use partnermap::model::Partnership;
use partnermap::plan::plan;
use std::hint::black_box;
use std::time::Duration;

const AS_OF: Date = Date::constant(2026, 11, 24);

fn generated(people: usize) -> Partnership {
    partnership(Spec {
        people,
        meetings: people * 10,
        seed: 7,
        as_of: AS_OF,
    })
}

fn plans<M: Measurement>(c: &mut Criterion<M>, clock: &str) {
    let scenario = Scenario::on(AS_OF);
    for people in [1_000, 10_000] {
        let p = generated(people);
        let mut g = c.benchmark_group(format!("{people}_people_{clock}"));
        if people >= 10_000 {
            g.sample_size(10).measurement_time(Duration::from_secs(30));
        }
        g.bench_function("plan_10", |b| b.iter(|| plan(black_box(&p), &scenario, 10)));
        g.finish();
    }
}

fn on_cpu(c: &mut Criterion<CpuTime>) {
    plans(c, "cpu");
}

/// The processor time of the whole process so far (every thread), from
/// `/proc/self/stat` (in clock ticks of 10 ms); zero elsewhere.
fn process_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // utime and stime are the 14th and 15th fields; 12th and 13th here.
    let ticks: u64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i)?.parse::<u64>().ok())
        .sum();
    Duration::from_millis(ticks * 10)
}

fn on_the_wall(c: &mut Criterion) {
    let scenario = Scenario::on(AS_OF);
    let demo = partnermap::demo::demo(AS_OF);
    let mut g = c.benchmark_group("demo_wall");
    g.bench_function("plan_10", |b| {
        b.iter(|| plan(black_box(&demo), &scenario, 10))
    });
    g.finish();
    let p = generated(10_000);
    let days = trend_days(year_before(AS_OF), AS_OF, Every::Month);
    assert_eq!(days.len(), 13);
    let (start, runs) = (process_time(), 5);
    for _ in 0..runs {
        black_box(trend(&p, &days));
    }
    println!(
        "trend_13 at 10,000 people: {:.2} s of processor time per run (all threads, mean of {runs})",
        (process_time() - start).as_secs_f64() / f64::from(runs)
    );
    let mut g = c.benchmark_group("10000_people_wall");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("trend_13", |b| b.iter(|| trend(black_box(&p), &days)));
    g.bench_function("plan_10", |b| b.iter(|| plan(black_box(&p), &scenario, 10)));
    g.finish();
}

criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(CpuTime::default());
    targets = on_cpu
}
criterion_group!(wall, on_the_wall);
criterion_main!(cpu, wall);
