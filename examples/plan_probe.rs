//! Times the plan and the trend in CPU time (the machine is shared):
//! `cargo run --release --example plan_probe -- 10000`.
use jiff::civil::Date;
use partnermap::analysis::{Analysis, Every, trend, trend_days, year_before};
use partnermap::generate::{Spec, partnership};
use partnermap::graph::Scenario;
use std::time::{Duration, Instant};

/// The process's CPU time so far (user + system, all threads), from
/// /proc/self/stat, in clock ticks of 10 ms.
fn cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks: u64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i)?.parse::<u64>().ok())
        .sum();
    Duration::from_millis(ticks * 10)
}

fn main() {
    let people: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let as_of = Date::constant(2026, 11, 24);
    let p = if people == 0 {
        partnermap::demo::demo(as_of)
    } else {
        partnership(Spec {
            people,
            meetings: people * 10,
            seed: 7,
            as_of,
        })
    };
    let s = Scenario::on(as_of);
    let a = Analysis::run(&p, &s);
    let unreachable = a.coverage.iter().filter(|c| !c.reachable).count();
    println!(
        "partner {} unreachable {} bus {} score {}",
        a.coverage.len(),
        unreachable,
        a.bus_factor.size,
        a.risk_score()
    );
    let (c, t) = (cpu(), Instant::now());
    let plan = partnermap::plan::plan(&p, &s, 10);
    println!(
        "plan: cpu {:?} wall {:?}; steps {} score {} -> {}",
        cpu() - c,
        t.elapsed(),
        plan.steps.len(),
        plan.before.risk_score,
        plan.after().risk_score
    );
    let days = trend_days(year_before(as_of), as_of, Every::Month);
    let (c, t) = (cpu(), Instant::now());
    let rows = trend(&p, &days);
    println!(
        "trend of {}: cpu {:?} wall {:?}",
        rows.len(),
        cpu() - c,
        t.elapsed()
    );
}
