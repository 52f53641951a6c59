//! One meeting with 10,000 or 20,000 attendees (an all-hands): SPEC §3 makes
//! it a large event that ties nobody, so `risks` stays linear. Before, one
//! such meeting cost O(n²): 6,000 attendees took 11 s and 2.6 GB.
//!
//! - `risks_10000`: the whole `risks --format json` path (parse, analysis,
//!   JSON) on a file whose one meeting has 10,000 attendees, the most a
//!   file may list.
//! - `refused_20000`: the same for 20,000 attendees, which the loader
//!   refuses (SPEC §2): how long the refusal takes.
//! - `analysis_20000`: the analysis alone on a partnership built in memory
//!   (past the file's limit) whose one meeting has all 20,000 people.
//!
//! Run: `cargo bench --bench large_event`.

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::Date;
use partnermap::analysis::Analysis;
use partnermap::export::{self, Format, Style};
use partnermap::graph::Scenario;
use partnermap::model::{Meeting, Partnership, Person, Side};
use partnermap::store;
use std::hint::black_box;
use std::path::Path;

const AS_OF: Date = Date::constant(2026, 11, 24);

/// `people` people, half on each side, all at one meeting.
fn all_hands(people: usize) -> Partnership {
    let mut p = Partnership::default();
    p.names.name = "Big × Event".into();
    for i in 0..people {
        let side = if i % 2 == 0 {
            Side::Ours
        } else {
            Side::Partner
        };
        p.people
            .push(Person::new(format!("p{i:05}"), format!("Person {i}"), side));
    }
    p.meetings.push(Meeting {
        id: "m-0001".into(),
        date: Date::constant(2026, 11, 1),
        title: Some("All-hands".into()),
        attendees: p.people.iter().map(|x| x.id.clone()).collect(),
        notes: None,
        source: None,
        extra: Default::default(),
    });
    p
}

fn risks_json(text: &str) -> Option<String> {
    let p = store::parse(text, Path::new("bench.json")).ok()?;
    let a = Analysis::run(&p, &Scenario::on(AS_OF));
    Some(export::risks(&p, &a, Format::Json, Style::default()))
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("large_event");
    g.sample_size(20);
    let allowed = store::to_text(&all_hands(10_000));
    assert!(risks_json(&allowed).is_some());
    g.bench_function("risks_10000", |b| {
        b.iter(|| risks_json(black_box(&allowed)))
    });
    let refused = store::to_text(&all_hands(20_000));
    assert!(risks_json(&refused).is_none());
    g.bench_function("refused_20000", |b| {
        b.iter(|| risks_json(black_box(&refused)))
    });
    let p = all_hands(20_000);
    let scenario = Scenario::on(AS_OF);
    g.bench_function("analysis_20000", |b| {
        b.iter(|| Analysis::run(black_box(&p), &scenario))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
