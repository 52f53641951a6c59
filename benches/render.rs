//! Frame render time of the terminal UI (into ratatui's `TestBackend`) for
//! each view (the plan view with its plan computed), at the demo's size and
//! at 10,000 people; and the cost of the keys that re-run the analysis
//! (what-if), filter the lists, or move in the grid and the plan.
//!
//! Run: `cargo bench --bench render` (`-- cpu`: the what-if on the CPU
//! time of the benchmark's thread).

mod cpu_time;

use cpu_time::CpuTime;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use jiff::civil::Date;
use partnermap::generate::{Spec, partnership};
use partnermap::model::Partnership;
use partnermap::store::{Loaded, Stamp};
use partnermap::tui::app::{App, View};
use partnermap::tui::{screen, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::hint::black_box;
use std::path::PathBuf;

const AS_OF: Date = Date::constant(2026, 11, 24);

fn app(p: Partnership) -> App {
    let doc = Loaded {
        partnership: p,
        stamp: Stamp::Absent,
    };
    let mut app = App::new(PathBuf::from("bench.json"), doc, AS_OF, true);
    // Select a partner person in the middle of the list, like a user would.
    app.people.side = partnermap::model::Side::Partner;
    let mid = app.people.rows_partner.len() / 2;
    app.people.cursor_partner.selected = mid;
    app
}

fn press(app: &mut App, c: char) {
    update::on_key(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
}

fn bench(c: &mut Criterion) {
    let demo = partnermap::demo::shipped();
    let big = partnership(Spec {
        people: 10_000,
        meetings: 100_000,
        seed: 7,
        as_of: AS_OF,
    });
    for (name, p) in [("demo_40_people", demo), ("10000_people", big)] {
        let mut app = app(p);
        // The plan view shows a plan: compute it as the app does, in the
        // background, and wait for it (and the header's sparkline).
        press(&mut app, '4');
        partnermap::tui::testing::settle(&mut app);
        let mut g = c.benchmark_group(name);
        g.sample_size(20);
        for (view_name, v) in [
            ("people", View::People),
            ("risks", View::Risks),
            ("map", View::Map),
            ("plan", View::Plan),
            ("grid", View::Grid),
        ] {
            app.view = v;
            for (w, h) in [(120u16, 40u16), (80, 24)] {
                let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
                g.bench_function(
                    BenchmarkId::new(format!("frame_{view_name}"), format!("{w}x{h}")),
                    |b| {
                        b.iter(|| {
                            terminal
                                .draw(|frame| screen::render(black_box(&app), frame))
                                .map(|_| ())
                        })
                    },
                );
            }
        }
        app.view = View::Grid;
        g.bench_function("grid_keystroke", |b| b.iter(|| press(&mut app, 'j')));
        app.view = View::Plan;
        g.bench_function("plan_keystroke", |b| b.iter(|| press(&mut app, 'j')));
        app.view = View::People;
        g.bench_function("what_if_toggle", |b| b.iter(|| press(&mut app, 'x')));
        g.bench_function("filter_keystroke", |b| {
            b.iter(|| {
                app.people.filter = tui_input::Input::new("ana".into());
                app.refresh_rows();
            })
        });
        // A keystroke in the risks view's filter (the texts it matches are
        // made at the first one after an analysis, then kept).
        app.view = View::Risks;
        g.bench_function("risk_filter_keystroke", |b| {
            b.iter(|| {
                app.risks_view.filter = tui_input::Input::new("ana".into());
                app.refresh_risk_rows();
            })
        });
        app.view = View::People;
        g.finish();
    }
}

/// The what-if key on the CPU time of the benchmark's thread (`cpu_time/`),
/// the UI thread's own work (the plan and the trend that follow it run on
/// workers), which other work on a shared machine does not inflate:
/// `cargo bench --bench render -- cpu`.
fn on_cpu(c: &mut Criterion<CpuTime>) {
    let big = partnership(Spec {
        people: 10_000,
        meetings: 100_000,
        seed: 7,
        as_of: AS_OF,
    });
    let mut app = app(big);
    let mut g = c.benchmark_group("10000_people_cpu");
    g.sample_size(20);
    g.bench_function("what_if_toggle", |b| b.iter(|| press(&mut app, 'x')));
    g.finish();
}

criterion_group!(benches, bench);
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(CpuTime::default());
    targets = on_cpu
}
criterion_main!(benches, cpu);
