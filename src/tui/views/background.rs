//! The views' own background work — the plan (view 4) and the risk score's
//! last twelve months (the header's sparkline) — started after every event
//! when what they were computed for (the file as saved, the what-if, the
//! day) has changed. Both are slower than a frame on a large file, so they
//! run on workers of their own while keys keep working; on a small file
//! (the demo: a millisecond or two) they are computed at once, so that the
//! screen never flickers a progress line.

use super::{plan, trend};
use crate::model::Partnership;
use crate::tui::app::App;
use std::sync::Arc;

/// The partnership as a job reads it: one copy shared by the jobs started
/// together.
pub type Copy = Arc<Partnership>;

/// At most this many people and meetings together, a plan or a trend is
/// computed at once (the demo has 75; a plan of 1,000 people takes tens of
/// milliseconds, more than a frame).
const AT_ONCE: usize = 400;

/// The file is small enough to compute its plan and trend in the frame.
pub fn at_once(p: &Partnership) -> bool {
    p.people.len() + p.meetings.len() <= AT_ONCE
}

/// Starts what is due: a plan for the plan view, the sparkline's trend.
pub fn keep_current(app: &mut App) {
    let plan_due = plan::due(app);
    let trend_due = trend::due(app);
    if plan_due.is_none() && trend_due.is_none() {
        return;
    }
    let copy: Copy = Arc::clone(&app.doc.partnership);
    if let Some(made_for) = plan_due {
        plan::start(app, made_for, Arc::clone(&copy));
    }
    if let Some(made_for) = trend_due {
        trend::start(app, made_for, copy);
    }
}

/// What the background jobs are doing, for the progress line: a change
/// being made on the save's thread first, then the analysis (its line
/// names the change it is for).
pub fn progress(app: &App) -> Option<String> {
    app.saving
        .progress()
        .or_else(|| app.reanalysis.progress())
        .or_else(|| app.plan_view.progress())
        .or_else(|| app.trend.progress())
        .or_else(|| app.reloading.progress())
}

/// A job is still running (tests wait for them to settle).
pub fn pending(app: &App) -> bool {
    app.reanalysis.running()
        || app.plan_view.running()
        || app.trend.running()
        || app.reloading.busy()
}
