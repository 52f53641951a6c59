//! The plan view (SPEC §7–8): the steps of the meeting plan, each with what
//! it removes, and the selected step in full; `Enter` opens the meeting
//! form with both people chosen. The plan is computed by `plan::plan_with`
//! on a worker of its own, for the file as saved and the what-if in force,
//! and again whenever either changes while the view is shown.

use super::Cursor;
use super::background::Copy;
use crate::graph::Scenario;
use crate::plan::{DEFAULT_LIMIT, Plan, Step, plan_with};
use crate::text::{fit, printable};
use crate::tui::app::{App, View};
use crate::tui::event::Event;
use crate::tui::fuzzy::Matcher;
use crate::tui::task::Worker;
use crate::tui::theme::Theme;
use crate::words;
use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use std::ops::ControlFlow;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use tui_input::Input;

/// What a plan was made for: the file as saved, the what-if, the day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanFor {
    version: u64,
    gone: Vec<usize>,
    as_of: Date,
}

impl PlanFor {
    pub fn of(app: &App) -> PlanFor {
        PlanFor {
            version: app.version,
            gone: app.gone.clone(),
            as_of: app.as_of,
        }
    }
}

/// A plan being computed: for what, how many steps it has found, and the
/// flag that stops it when a newer one starts.
struct Running {
    made_for: PlanFor,
    found: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

/// The plan view's state.
pub struct PlanView {
    /// The last plan computed, and what for.
    pub plan: Option<(PlanFor, Plan)>,
    running: Option<Running>,
    pub cursor: Cursor,
    /// The plan view's own filter: it narrows the steps shown.
    pub filter: Input,
    worker: Worker,
}

impl PlanView {
    pub fn new(tx: Sender<Event>) -> PlanView {
        PlanView {
            plan: None,
            running: None,
            cursor: Cursor::default(),
            filter: Input::default(),
            worker: Worker::own(tx),
        }
    }

    /// A plan is being computed.
    pub fn running(&self) -> bool {
        self.running.is_some()
    }

    /// The plan shown, when it is for the state `now`.
    pub fn current(&self, now: &PlanFor) -> Option<&Plan> {
        self.plan.as_ref().filter(|(f, _)| f == now).map(|(_, p)| p)
    }

    /// "Computing the meeting plan: 3 of 10 steps", while it runs.
    pub fn progress(&self) -> Option<String> {
        let running = self.running.as_ref()?;
        let found = running.found.load(Ordering::Relaxed);
        Some(format!(
            "Computing the meeting plan: {found} of up to {DEFAULT_LIMIT} steps"
        ))
    }
}

/// The plan's steps shown after the filter (indices into its steps).
pub fn shown(app: &App) -> Vec<usize> {
    let Some((_, plan)) = &app.plan_view.plan else {
        return Vec::new();
    };
    let query = app.plan_view.filter.value().trim();
    if query.is_empty() {
        return (0..plan.steps.len()).collect();
    }
    let p = app.partnership();
    let texts = plan.steps.iter().map(|s| step_text(p, s));
    let mut hits: Vec<usize> = Matcher::default()
        .rank(query, texts)
        .into_iter()
        .map(|(i, _)| i)
        .collect();
    hits.sort_unstable();
    hits
}

/// What the filter matches a step against: action, both names, via, and
/// the risks it removes and adds.
fn step_text(p: &crate::model::Partnership, s: &Step) -> String {
    let via = s.via.map_or("", |v| p.people[v].name.as_str());
    format!(
        "{} {} {} {via} {} {}",
        s.action.as_str(),
        p.people[s.ours].name,
        p.people[s.partner].name,
        words::risks_short(p, &s.removes),
        words::risks_short(p, &s.adds)
    )
}

/// Whether the plan shown was made for the file and what-if as they are
/// (else it is being updated, and its steps are not to be acted on).
pub fn current(app: &App) -> bool {
    let now = PlanFor::of(app);
    app.plan_view.plan.as_ref().is_some_and(|(f, _)| *f == now)
}

/// The step under the cursor, while the plan is current: a step of a plan
/// made before the last change may be the meeting just logged.
pub fn selected(app: &App) -> Option<&Step> {
    let (_, plan) = app.plan_view.plan.as_ref()?;
    plan.steps.get(selected_at(app)?)
}

/// Where in the plan the step under the cursor is (0 for step 1), while
/// the plan is current.
fn selected_at(app: &App) -> Option<usize> {
    if !current(app) {
        return None;
    }
    shown(app).get(app.plan_view.cursor.selected).copied()
}

/// Whether a plan should start now: the view is shown and no plan for the
/// current state is there or on its way.
pub fn due(app: &App) -> Option<PlanFor> {
    let now = PlanFor::of(app);
    let view = &app.plan_view;
    let have = view.plan.as_ref().is_some_and(|(f, _)| *f == now);
    let coming = view.running.as_ref().is_some_and(|r| r.made_for == now);
    (app.view == View::Plan && !have && !coming).then_some(now)
}

/// Starts computing the plan for `made_for` on the plan's worker, stopping
/// one still running for an older state.
pub fn start(app: &mut App, made_for: PlanFor, copy: Copy) {
    if let Some(old) = app.plan_view.running.take() {
        old.stop.store(true, Ordering::Relaxed);
    }
    if super::background::at_once(&copy) {
        let scenario = Scenario {
            as_of: made_for.as_of,
            gone: made_for.gone.clone(),
        };
        let plan = crate::plan::plan(&copy, &scenario, DEFAULT_LIMIT);
        finished(app, made_for, plan);
        return;
    }
    let found = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    app.plan_view.running = Some(Running {
        made_for: made_for.clone(),
        found: Arc::clone(&found),
        stop: Arc::clone(&stop),
    });
    let scenario = Scenario {
        as_of: made_for.as_of,
        gone: made_for.gone.clone(),
    };
    app.plan_view.worker.start(move || {
        let plan = plan_with(&copy, &scenario, DEFAULT_LIMIT, |k| {
            found.store(k, Ordering::Relaxed);
            if stop.load(Ordering::Relaxed) {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        Box::new(move |app: &mut App| finished(app, made_for, plan))
    });
}

/// A plan arrived: shown when it is the one asked for last.
fn finished(app: &mut App, made_for: PlanFor, plan: Plan) {
    let view = &mut app.plan_view;
    if view
        .running
        .as_ref()
        .is_some_and(|r| r.made_for == made_for)
    {
        view.running = None;
    }
    view.plan = Some((made_for, plan));
    let len = shown(app).len();
    app.plan_view.cursor.step(0, len);
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let [list, detail] = Layout::vertical([Constraint::Min(5), Constraint::Length(7)]).areas(area);
    let now = PlanFor::of(app);
    let Some((made_for, plan)) = &app.plan_view.plan else {
        let block = theme.panel(" Meeting plan ", true);
        let inner = block.inner(list);
        frame.render_widget(block, list);
        let text = app
            .plan_view
            .progress()
            .unwrap_or_else(|| "The plan is computed when this view is shown.".into());
        frame.render_widget(Paragraph::new(Span::styled(text, theme.dim())), inner);
        return;
    };
    let stale = *made_for != now;
    let mut title = format!(
        " Meeting plan · {} ",
        printable(&words::plan_headline(plan))
    );
    if stale {
        title = " Meeting plan · updating for your change… ".to_string();
    }
    let block = theme.panel(title, true);
    let inner = block.inner(list);
    frame.render_widget(block, list);
    let rows = shown(app);
    if plan.steps.is_empty() || rows.is_empty() {
        let text = if plan.steps.is_empty() {
            words::empty_plan(app.partnership(), plan)
        } else {
            "No step matches the filter — Esc clears it"
        };
        let text = Paragraph::new(Span::styled(text, theme.dim())).wrap(Wrap { trim: true });
        frame.render_widget(text, inner);
    } else {
        frame.render_widget(
            Paragraph::new(lines(app, plan, &rows, inner, theme, stale)),
            inner,
        );
    }
    selected_panel(app, plan, frame, detail, theme);
}

/// The list's lines: rank, action, both names, score after, what it removes.
fn lines(
    app: &App,
    plan: &Plan,
    rows: &[usize],
    inner: Rect,
    theme: Theme,
    stale: bool,
) -> Vec<Line<'static>> {
    let p = app.partnership();
    let height = (inner.height as usize).saturating_sub(1);
    let mut cursor = app.plan_view.cursor;
    cursor.scroll_into_view(height);
    let width = inner.width as usize;
    let name_w = if width >= 100 { 20 } else { 14 };
    let removes_w = width.saturating_sub(34 + 2 * name_w);
    let heading = format!(
        "  # {:<10} {}   {} SCORE  CHANGE  REMOVES",
        "ACTION",
        fit("OURS", name_w),
        fit("PARTNER", name_w)
    );
    let mut out = vec![Line::styled(heading, theme.dim())];
    for (row, &at) in rows.iter().enumerate().skip(cursor.offset).take(height) {
        let step = &plan.steps[at];
        let prior = at
            .checked_sub(1)
            .map_or(plan.before.risk_score, |k| plan.steps[k].after.risk_score);
        let tone = step.removes.iter().map(|r| r.severity).min();
        let mark = tone.map_or(" ", words::symbol);
        let mut line = Line::from(vec![
            Span::styled(
                mark.to_string(),
                tone.map_or(theme.dim(), |s| theme.severity(s)),
            ),
            Span::raw(format!("{:>2} {:<10} ", at + 1, step.action.as_str())),
            Span::raw(format!(
                "{} → ",
                fit(&printable(&p.people[step.ours].name), name_w)
            )),
            Span::raw(format!(
                "{} ",
                fit(&printable(&p.people[step.partner].name), name_w)
            )),
            Span::styled(
                format!(
                    "{:>5} {:>7}  ",
                    step.after.risk_score,
                    i64::from(step.after.risk_score) - i64::from(prior)
                ),
                theme.accent(),
            ),
            Span::styled(
                crate::text::cut(&printable(&words::risks_short(p, &step.removes)), removes_w)
                    .into_owned(),
                theme.dim(),
            ),
        ]);
        if row == cursor.selected {
            line = line.style(theme.selected());
        } else if stale {
            line = line.style(theme.dim());
        }
        out.push(line);
    }
    out
}

/// The selected step in full, under the list.
fn selected_panel(app: &App, plan: &Plan, frame: &mut Frame, area: Rect, theme: Theme) {
    let p = app.partnership();
    let block = theme.panel(" Selected step · Enter (or m) logs this meeting ", false);
    let chosen = selected_at(app).and_then(|at| Some((at + 1, plan.steps.get(at)?)));
    let text = match chosen {
        Some((rank, step)) => {
            let counts = step.after.counts;
            let upto = if rank == 1 {
                "After it".to_string()
            } else {
                format!("After steps 1–{rank}")
            };
            // A risk in both lists is one that changed (severity or people).
            let changed = step.adds.iter().any(|a| {
                step.removes
                    .iter()
                    .any(|r| r.kind == a.kind && r.subject == a.subject)
            });
            let both = if changed {
                " (a risk in both lists changed, it did not go)"
            } else {
                ""
            };
            vec![
                Line::raw(
                    printable(&words::step_sentence(p, plan.scenario.as_of, step)).into_owned(),
                ),
                Line::from(vec![
                    Span::styled("Removes: ", theme.accent()),
                    Span::raw(printable(&words::risks_short(p, &step.removes)).into_owned()),
                ]),
                Line::from(vec![
                    Span::styled("Adds: ", theme.dim()),
                    Span::raw(printable(&words::risks_short(p, &step.adds)).into_owned()),
                    Span::styled(both, theme.dim()),
                ]),
                Line::raw(format!(
                    "{}: risk score {} · bus factor {} · {} critical, {} high, {} medium, {} low",
                    upto,
                    step.after.risk_score,
                    step.after.bus_factor,
                    counts[0],
                    counts[1],
                    counts[2],
                    counts[3]
                )),
            ]
        }
        None => Vec::new(),
    };
    frame.render_widget(
        Paragraph::new(text).block(block).wrap(Wrap { trim: true }),
        area,
    );
}
