//! `merge`: two versions of a generated 10,000-person partnership (ten
//! meetings per person), each with its own edits — 100 meetings logged on
//! each side under the same new ids, 50 people edited on each side, one
//! person deleted — merged by the library, and as the merge driver does
//! it from the three files' text to the text it writes.
//!
//! Times are the CPU time of the benchmark's thread (`cpu_time/`), which
//! a busy machine does not inflate as it does wall time.
//!
//! Run: `cargo bench --bench merge`.

mod cpu_time;

use cpu_time::CpuTime;
use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::Date;
use partnermap::change::{Change, Record};
use partnermap::generate::{Spec, partnership};
use partnermap::merge::merge;
use partnermap::model::{Meeting, Partnership};
use partnermap::store;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

const AS_OF: Date = Date::constant(2026, 11, 24);
const PEOPLE: usize = 10_000;

/// `base` with 100 new meetings (ids from the base's next one), 50 people
/// retitled from `first` on, and the person at `gone` deleted.
fn side(base: &Partnership, first: usize, gone: usize, title: &str) -> Partnership {
    let mut p = base.clone();
    let person = p.people[gone].clone();
    if let Some(c) = Change::delete(&p, Record::Person(person)) {
        let _ = c.apply(&mut p);
    }
    for k in 0..50 {
        if let Some(x) = p.people.get_mut(first + k * 7) {
            x.title = Some(format!("{title} {k}"));
        }
    }
    // The ids `meeting add` would give, one after the other.
    let first_id: u64 = base.next_meeting_id()[2..].parse().unwrap_or(1);
    for k in 0..100 {
        p.meetings.push(Meeting {
            id: format!("m-{:04}", first_id + k as u64),
            date: AS_OF,
            title: Some(format!("{title} meeting {k}")),
            attendees: vec![p.people[k * 2].id.clone(), p.people[k * 2 + 1].id.clone()],
            notes: None,
            source: None,
            extra: Default::default(),
        });
    }
    p
}

fn bench(c: &mut Criterion<CpuTime>) {
    let base = partnership(Spec {
        people: PEOPLE,
        meetings: PEOPLE * 10,
        seed: 7,
        as_of: AS_OF,
    });
    let ours = side(&base, 1_000, 9_000, "Ours");
    let theirs = side(&base, 1_003, 9_001, "Theirs");
    let texts = [&base, &ours, &theirs].map(store::to_text);
    let mut g = c.benchmark_group(format!("{PEOPLE}_people"));
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("merge", |b| {
        b.iter(|| merge(black_box(&base), &ours, &theirs))
    });
    // The driver from text to text: parse the three, merge, write, and
    // parse the result back (a merge never writes a file that does not load).
    g.bench_function("driver_text_to_text", |b| {
        b.iter(|| {
            let [b0, o, t] = texts
                .each_ref()
                .map(|t| store::parse(black_box(t), Path::new("v.json")).unwrap_or_default());
            let merged = merge(&b0, &o, &t)
                .map(|m| m.partnership)
                .unwrap_or_default();
            let text = store::to_text(&merged);
            store::parse(&text, Path::new("ours.json")).map(|_| text.len())
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(CpuTime::default());
    targets = bench
}
criterion_main!(benches);
