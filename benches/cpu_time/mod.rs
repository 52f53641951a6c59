//! The CPU time of the benchmark's own thread as a criterion measurement,
//! for a machine that other work shares: wall time there measures the
//! queue for the processor as much as our code. On Linux it is read from
//! `/proc/thread-self/schedstat` (nanoseconds on the processor); elsewhere
//! it falls back to wall time.

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use std::sync::OnceLock;
use std::time::Instant;

/// Nanoseconds of processor time this thread has used (or, without
/// `/proc`, nanoseconds since the first call).
fn now() -> u64 {
    let on_cpu = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok());
    on_cpu.unwrap_or_else(|| {
        static START: OnceLock<Instant> = OnceLock::new();
        let start = START.get_or_init(Instant::now);
        u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX)
    })
}

/// Thread CPU time, shown as durations like criterion's wall time.
pub struct CpuTime {
    wall: WallTime,
}

impl Default for CpuTime {
    fn default() -> CpuTime {
        CpuTime { wall: WallTime }
    }
}

impl Measurement for CpuTime {
    type Intermediate = u64;
    type Value = u64;

    fn start(&self) -> u64 {
        now()
    }

    fn end(&self, start: u64) -> u64 {
        now().saturating_sub(start)
    }

    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }

    fn zero(&self) -> u64 {
        0
    }

    fn to_f64(&self, value: &u64) -> f64 {
        *value as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        self.wall.formatter()
    }
}
