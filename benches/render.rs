//! Frame render time of the terminal UI (into ratatui's `TestBackend`) for
//! each view (the plan view with its plan computed), at the demo's size and
//! at 10,000 people; and keystroke to frame: a key through `update::on_key`
//! and the whole frame drawn after it, on this thread (the UI thread), for
//! `j` in each view, a keystroke in the risks view's filter and the
//! what-if `x` — and, for `x` on a big file, the moment its result arrives
//! from the worker and the frame that shows it; and `Ctrl-S` logging a
//! meeting in the meeting form, whose save is written on a thread (waited
//! for, untimed, before the next) — and, on a big file, the save thread's
//! words arriving (the change made, then written) and the frames after.
//!
//! Run: `cargo bench --bench render` (`-- cpu`: the keystrokes on the CPU
//! time of the benchmark's thread, which other work on a shared machine
//! does not inflate and which leaves out the workers).

#![allow(clippy::expect_used)]

mod cpu_time;

use cpu_time::CpuTime;
use criterion::measurement::{Measurement, WallTime};
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main,
};
use jiff::civil::Date;
use partnermap::generate::{Spec, partnership};
use partnermap::model::Partnership;
use partnermap::store;
use partnermap::tui::app::{App, View};
use partnermap::tui::testing::{self, analysing, settle};
use partnermap::tui::{screen, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

const AS_OF: Date = Date::constant(2026, 11, 24);

/// An app on a data file in `dir` holding `p`.
fn app(p: Partnership, dir: &Path) -> App {
    let path = dir.join("partnership.json");
    store::save(&path, &p).expect("the data file is written");
    let doc = store::load_stamped(&path).expect("the data file loads");
    let mut app = App::new(path, doc, AS_OF, true);
    // Select a partner person in the middle of the list, like a user would.
    app.people.side = partnermap::model::Side::Partner;
    let mid = app.people.rows_partner.len() / 2;
    app.people.cursor_partner.selected = mid;
    app
}

fn big() -> Partnership {
    partnership(Spec {
        people: 10_000,
        meetings: 100_000,
        seed: 7,
        as_of: AS_OF,
    })
}

/// An app with the plan view's plan computed (as the app does, in the
/// background) and the header's sparkline there.
fn ready(p: Partnership, dir: &Path) -> App {
    let mut app = app(p, dir);
    testing::press(&mut app, "4");
    settle(&mut app);
    testing::press(&mut app, "1");
    app
}

type Screen = Terminal<TestBackend>;

fn terminal() -> Screen {
    Terminal::new(TestBackend::new(120, 40)).expect("test backend")
}

fn draw(app: &App, terminal: &mut Screen) {
    terminal
        .draw(|frame| screen::render(black_box(app), frame))
        .expect("test backend");
}

/// Opens the meeting form (`m`, the selected person chosen) and chooses
/// one more attendee: the form is ready for `Ctrl-S`.
fn meeting_form(app: &mut App) {
    let other = usize::from(testing::selected(app) == Some(0));
    let name = app.partnership().people[other].name.clone();
    testing::keys(app, "m<Tab><Tab>");
    testing::paste(app, &name);
    testing::press(app, "<Space>");
    assert_eq!(testing::chosen(app, "Attendees").len(), 2, "two attendees");
}

/// Times `iters` keystrokes, each the key `key(app, i)` presses and the
/// frame drawn after it; `after(app, i)` runs untimed after each (waiting
/// for a job the key started, say).
fn keystrokes<M: Measurement>(
    m: &M,
    iters: u64,
    app: &mut App,
    terminal: &mut Screen,
    mut key: impl FnMut(&mut App, u64),
    mut after: impl FnMut(&mut App, u64),
) -> M::Value {
    let mut total = m.zero();
    for i in 0..iters {
        let start = m.start();
        key(app, i);
        draw(app, terminal);
        total = m.add(&total, &m.end(start));
        after(app, i);
    }
    total
}

/// Times the what-if's result arriving: `x` is pressed and its job waited
/// for untimed; handling the result and drawing the frame are timed.
fn what_if_results<M: Measurement>(
    m: &M,
    iters: u64,
    app: &mut App,
    terminal: &mut Screen,
) -> M::Value {
    let mut total = m.zero();
    for _ in 0..iters {
        testing::press(app, "x");
        while analysing(app) {
            // Nothing for a minute: `settle` below says so.
            let Some(event) = app.events.recv_timeout(Duration::from_secs(60)) else {
                break;
            };
            let start = m.start();
            update::handle(app, event);
            draw(app, terminal);
            total = m.add(&total, &m.end(start));
        }
        settle(app);
    }
    total
}

/// The keystroke benchmarks of one data set, in measurement `m`.
fn keystroke_group<M: Measurement>(g: &mut BenchmarkGroup<'_, M>, m: &M, app: &mut App) {
    let mut screen = terminal();
    for (name, key) in [
        ("people", "1"),
        ("risks", "2"),
        ("map", "3"),
        ("plan", "4"),
        ("grid", "5"),
    ] {
        testing::press(app, key);
        settle(app);
        // Down and up in turn, so the cursor stays in the list.
        g.bench_function(format!("key_j_{name}"), |b| {
            b.iter_custom(|iters| {
                let step = |app: &mut App, i: u64| {
                    testing::press(app, if i.is_multiple_of(2) { "j" } else { "k" });
                };
                keystrokes(m, iters, app, &mut screen, step, |_, _| {})
            })
        });
    }
    // A letter typed into the risks view's filter, then taken back.
    testing::press(app, "2");
    testing::press(app, "/");
    g.bench_function("key_risk_filter", |b| {
        b.iter_custom(|iters| {
            let step = |app: &mut App, i: u64| {
                testing::press(app, if i.is_multiple_of(2) { "a" } else { "<BS>" });
            };
            keystrokes(m, iters, app, &mut screen, step, |_, _| {})
        })
    });
    testing::press(app, "<Esc>");
    testing::press(app, "<Esc>");
    testing::press(app, "1");
    saving_group(g, m, app, &mut screen);
    every_key(g, m, app, &mut screen);
    // The what-if's keys wait for their job between them: fewer, flat
    // samples keep the run short.
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(3));
    // x marks the selected person gone, then brings them back: the key and
    // its frame (on a big file the analysis is on the worker: waited for,
    // untimed, before the next key).
    g.bench_function("key_x_what_if", |b| {
        b.iter_custom(|iters| {
            let x = |app: &mut App, _| testing::press(app, "x");
            keystrokes(m, iters, app, &mut screen, x, |app, _| settle(app))
        })
    });
    if app.reanalysis.at_once_up_to < app.partnership().people.len() {
        g.bench_function("x_result_arrives", |b| {
            b.iter_custom(|iters| what_if_results(m, iters, app, &mut screen))
        });
        // As before: the analysis in the keystroke itself.
        let kept = app.reanalysis.at_once_up_to;
        app.reanalysis.at_once_up_to = usize::MAX;
        g.bench_function("key_x_what_if_in_the_keystroke", |b| {
            b.iter_custom(|iters| {
                let x = |app: &mut App, _| testing::press(app, "x");
                keystrokes(m, iters, app, &mut screen, x, |_, _| {})
            })
        });
        app.reanalysis.at_once_up_to = kept;
    }
}

/// Every other key that opens, moves or closes something: `setup` typed
/// untimed, the key and its frame timed, `cleanup` typed untimed (and any
/// save or job it started waited for) before the next.
fn every_key<M: Measurement>(
    g: &mut BenchmarkGroup<'_, M>,
    m: &M,
    app: &mut App,
    screen: &mut Screen,
) {
    const KEYS: [(&str, &str, &str, &str); 22] = [
        ("m_meeting_form", "", "m", "<Esc>"),
        ("a_person_form", "", "a", "<Esc>"),
        ("E_edit_form", "", "E", "<Esc>"),
        ("L_left_form", "", "L", "<Esc>"),
        ("D_delete_question", "", "D", "<Esc>"),
        ("s_stance", "", "s", "<Esc>"),
        ("t_tie_form", "", "t", "<Esc>"),
        ("e_export", "", "e", "<Esc>"),
        ("i_import", "", "i", "<Esc>"),
        ("help", "", "?", "<Esc>"),
        ("message_log", "", "!", "<Esc>"),
        ("slash_filter", "", "/", "<Esc><Esc>"),
        ("2_risks", "1", "2", ""),
        ("3_map", "1", "3", ""),
        ("4_plan", "1", "4", ""),
        ("5_grid", "1", "5", ""),
        ("1_people", "2", "1", ""),
        ("tab_pane", "1", "<Tab>", "<S-Tab>"),
        ("G_last", "1", "G", "g"),
        ("pick_list_first_letter", "m<Tab><Tab>", "P", "<Esc>y"),
        ("pick_list_third_letter", "m<Tab><Tab>Pe", "r", "<Esc>y"),
        ("pick_list_space", "m<Tab><Tab>Per", "<Space>", "<Esc>y"),
    ];
    for (name, setup, key, cleanup) in KEYS {
        g.bench_function(format!("key_{name}"), |b| {
            b.iter_custom(|iters| {
                let mut total = m.zero();
                for _ in 0..iters {
                    testing::keys(app, setup);
                    settle(app);
                    let press = |app: &mut App, _| testing::press(app, key);
                    let after = |app: &mut App, _| {
                        testing::keys(app, cleanup);
                        settle(app);
                    };
                    total = m.add(&total, &keystrokes(m, 1, app, screen, press, after));
                }
                total
            })
        });
    }
}

/// `Ctrl-S` logging a meeting, and on a big file the save thread's words
/// arriving, in measurement `m`.
fn saving_group<M: Measurement>(
    g: &mut BenchmarkGroup<'_, M>,
    m: &M,
    app: &mut App,
    screen: &mut Screen,
) {
    // Ctrl-S in the meeting form (opened by `m` with the selected person,
    // untimed): the meeting is made and shown, and its save starts on a
    // thread; the save is waited for, untimed, before the next.
    g.bench_function("key_ctrl_s_log_meeting", |b| {
        b.iter_custom(|iters| {
            let save = |app: &mut App, _| testing::press_only(app, "<C-s>");
            let mut total = m.zero();
            for _ in 0..iters {
                meeting_form(app);
                total = m.add(
                    &total,
                    &keystrokes(m, 1, app, screen, save, |app, _| {
                        assert!(testing::finish_save(app), "the meeting is saved");
                        assert!(!testing::dialog_open(app), "{}", testing::status(app));
                        settle(app);
                    }),
                );
            }
            total
        })
    });
    let records = app.partnership().people.len() + app.partnership().meetings.len();
    if app.saving.at_once_up_to < records {
        // The save thread's words arriving (the change made, then written):
        // handling each and the frame after it, timed.
        g.bench_function("ctrl_s_change_arrives", |b| {
            b.iter_custom(|iters| {
                let mut total = m.zero();
                for _ in 0..iters {
                    meeting_form(app);
                    testing::press_only(app, "<C-s>");
                    while testing::saving(app) {
                        let Some(event) = app.events.recv_timeout(Duration::from_secs(60)) else {
                            break;
                        };
                        let start = m.start();
                        update::handle(app, event);
                        draw(app, screen);
                        total = m.add(&total, &m.end(start));
                    }
                    settle(app);
                }
                total
            })
        });
    }
}

fn bench(c: &mut Criterion) {
    for (name, p) in [
        ("demo_40_people", partnermap::demo::shipped()),
        ("10000_people", big()),
    ] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut app = ready(p, dir.path());
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
                    |b| b.iter(|| draw(&app, &mut terminal)),
                );
            }
        }
        app.view = View::People;
        keystroke_group(&mut g, &WallTime, &mut app);
        g.finish();
    }
}

/// The keystrokes at 10,000 people on the CPU time of the benchmark's
/// thread (`cpu_time/`): the UI thread's own work, without the workers
/// (the analysis, the plan, the trend), which other work on a shared
/// machine does not inflate: `cargo bench --bench render -- cpu`.
fn on_cpu(c: &mut Criterion<CpuTime>) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut app = ready(big(), dir.path());
    let mut g = c.benchmark_group("10000_people_cpu");
    g.sample_size(20);
    keystroke_group(&mut g, &CpuTime::default(), &mut app);
    g.finish();
}

criterion_group!(benches, bench);
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(CpuTime::default());
    targets = on_cpu
}
criterion_main!(benches, cpu);
