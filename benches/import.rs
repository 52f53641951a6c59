//! `import` at the size SPEC §11's issue sets: 5,000 contacts (a CSV,
//! half of them people already in the file, the rest new) and a calendar
//! of 20,000 events (single meetings and weekly series, with rooms,
//! declined guests and internal meetings) into a 10,000-person file.
//!
//! - `plan`: reading both files and working out the one change.
//! - `plan_apply_write`: that, the change made on the partnership (every
//!   rule checked) and the file's text written: what `partnermap import`
//!   does but the disk.
//!
//! Run: `cargo bench --bench import`.

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::Date;
use partnermap::generate::{Spec, partnership};
use partnermap::import::{self, Input, Options};
use partnermap::model::{Domains, Partnership, Side};
use partnermap::store;
use std::fmt::Write;
use std::hint::black_box;
use std::time::Duration;

const AS_OF: Date = Date::constant(2026, 11, 24);

/// The 10,000-person file, with e-mail addresses and the two domains.
fn base() -> Partnership {
    let mut p = partnership(Spec {
        people: 10_000,
        meetings: 20_000,
        seed: 11,
        as_of: AS_OF,
    });
    for person in &mut p.people {
        let domain = match person.side {
            Side::Ours => "synthetic.example",
            Side::Partner => "partner.example",
        };
        person.email = Some(format!("{}@{domain}", person.id));
    }
    p.names.domains = Some(Domains {
        ours: vec!["synthetic.example".into()],
        partner: vec!["partner.example".into()],
        extra: Default::default(),
    });
    p
}

/// 5,000 contacts in a Google Contacts layout: even rows are people of
/// the file (by e-mail, with a title to fill in when theirs is empty),
/// odd rows new partner people reporting to the row before.
fn contacts() -> String {
    let mut out = String::from(
        "First Name,Last Name,Organization Name,Organization Title,Organization Department,E-mail 1 - Value,Relation 1 - Label,Relation 1 - Value\n",
    );
    for i in 0..5_000usize {
        if i % 2 == 0 {
            let id = format!("p{:06}", i * 2 + 1);
            let _ = writeln!(out, "Person,{i},Partner,Buyer,Team,{id}@partner.example,,");
        } else {
            let _ = writeln!(
                out,
                "New,Contact {i},Partner,Director of Things {i},Ops,new{i}@partner.example,Manager,Person {}",
                i - 1
            );
        }
    }
    out
}

/// 20,000 events: one in twenty a weekly series of ten, the rest single
/// meetings of an organiser of ours, a partner guest, one more person, a
/// room; one in ten internal, one in ten with a new partner guest.
fn calendar() -> String {
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-TIMEZONE:Europe/Berlin\r\n");
    for e in 0..20_000usize {
        let day = 1 + e % 28;
        let month = 1 + (e / 28) % 10;
        let ours = (e * 7 % 5_000) * 2;
        let partner = (e * 13 % 5_000) * 2 + 1;
        let other = (e * 17 % 10_000) / 2 * 2;
        let _ = write!(
            out,
            "BEGIN:VEVENT\r\nUID:bench-{e}@example\r\nDTSTART;TZID=Europe/Berlin:2026{month:02}{day:02}T100000\r\nDTEND;TZID=Europe/Berlin:2026{month:02}{day:02}T110000\r\nSUMMARY:Meeting {e}\r\nORGANIZER;CN=Person {ours}:mailto:p{ours:06}@synthetic.example\r\n"
        );
        if e % 20 == 0 {
            out.push_str("RRULE:FREQ=WEEKLY;COUNT=10\r\n");
        }
        if e % 10 != 3 {
            let _ = write!(
                out,
                "ATTENDEE;PARTSTAT=ACCEPTED:mailto:p{partner:06}@partner.example\r\n"
            );
        }
        if e % 10 == 7 {
            let _ = write!(
                out,
                "ATTENDEE;CN=\"Guest, New {e}\":mailto:guest{e}@partner.example\r\n"
            );
        }
        let _ = write!(
            out,
            "ATTENDEE;PARTSTAT=TENTATIVE:mailto:p{other:06}@synthetic.example\r\nATTENDEE;CUTYPE=ROOM;CN=Room:mailto:room{}@synthetic.example\r\nEND:VEVENT\r\n",
            e % 50
        );
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

/// Wall and processor time of one step, said once before the samples (the
/// machine may be shared: the processor time is what the step costs).
struct Clock(std::time::Instant, Duration);

impl Clock {
    fn start() -> Clock {
        Clock(std::time::Instant::now(), cpu_time())
    }

    fn say(&self, what: &str) {
        eprintln!(
            "import bench: {what}: {:.0} ms wall, {:.0} ms processor",
            self.0.elapsed().as_secs_f64() * 1e3,
            (cpu_time().saturating_sub(self.1)).as_secs_f64() * 1e3
        );
    }
}

/// The processor time this process has used (from `/proc/self/stat`, in
/// clock ticks of 10 ms; zero where there is no `/proc`).
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: u64 = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|t| t.parse::<u64>().ok())
        .sum();
    Duration::from_millis(ticks * 10)
}

fn bench(c: &mut Criterion) {
    let p = base();
    let inputs = vec![
        Input {
            path: "contacts.csv".into(),
            bytes: contacts().into_bytes(),
        },
        Input {
            path: "calendar.ics".into(),
            bytes: calendar().into_bytes(),
        },
    ];
    let options = Options {
        as_of: AS_OF,
        ..Options::default()
    };
    let clock = Clock::start();
    let Ok(first) = import::plan(&p, &inputs, &options) else {
        return;
    };
    clock.say("plan");
    let mut q = p.clone();
    let clock = Clock::start();
    if let Some(change) = &first.change {
        let _ = change.apply(&mut q);
    }
    clock.say("apply");
    let clock = Clock::start();
    let text = store::to_text(&q);
    clock.say("to_text");
    drop(text);
    eprintln!(
        "import bench: {} people added, {} matched, {} meetings added, {} skipped",
        first.summary.added.len(),
        first.summary.matched.len(),
        first.summary.meetings.len(),
        first.summary.skipped.len()
    );
    let mut g = c.benchmark_group("import");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("plan", |b| {
        b.iter(|| import::plan(black_box(&p), &inputs, &options).map(|i| i.summary.added.len()))
    });
    g.bench_function("plan_apply_write", |b| {
        b.iter(|| {
            let plan = import::plan(black_box(&p), &inputs, &options).ok()?;
            let mut q = p.clone();
            plan.change?.apply(&mut q).ok()?;
            Some(store::to_text(&q).len())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
