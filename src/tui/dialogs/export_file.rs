//! Writing the risk list, the map or the leadership review beside the data
//! file: never over a file that exists, and (for the risk list) only the
//! rows the risks view shows when its filter is on.

use super::export::{ExportItem, map_path_numbered, review_path_numbered};
use super::export_path_numbered;
use crate::export::map::MapFormat;
use crate::export::{self, Style};
use crate::plan::DEFAULT_LIMIT;
use crate::store;
use crate::tui::app::{App, View};
use crate::tui::views::plan::PlanFor;

/// How many numbered names an export tries before giving up.
const EXPORT_NAMES: u32 = 1000;

/// Writes the risk list (or the map) beside the data file, under the
/// first name that is free: an existing file (or a link planted there) is
/// never written over, and the message says which name was used. With the
/// risks view's filter on, the rows it shows are written, and the message
/// says so.
pub(super) fn write_export(app: &mut App, item: ExportItem) {
    // The analysis on screen is of the state before the last key: an
    // export of it would be named for one state and hold another.
    if app.reanalysis.running() {
        app.warn(
            "Not exported yet: the analysis of your last change is still being worked out; \
             export again in a moment",
        );
        return;
    }
    let label = if app.what_if() { " (what-if)" } else { "" };
    let (as_of, what_if) = (app.as_of, app.what_if());
    match item {
        ExportItem::Risks(format) => {
            let (text, count) = export_text(app, format);
            let data = app.path.clone();
            let name = |n| export_path_numbered(&data, as_of, what_if, format, n);
            write_numbered(app, &text, &name, &format!("{count}{label} as {format}"));
        }
        ExportItem::Map => {
            let text = export::map::write(app.partnership(), &app.analysis, MapFormat::Svg);
            let data = app.path.clone();
            let name = |n| map_path_numbered(&data, as_of, what_if, n);
            write_numbered(app, &text, &name, &format!("the map{label} as SVG"));
        }
        ExportItem::Review => write_review(app),
    }
}

/// Writes the leadership review (the plan, the risks and the grid, SPEC §8
/// and §10). The plan the plan view shows is used when it is current; else
/// it is computed first, in the background, with a progress line.
fn write_review(app: &mut App) {
    let now = PlanFor::of(app);
    let known = app.plan_view.current(&now).cloned();
    let p = app.partnership().clone();
    let a = app.analysis.clone();
    app.start("Writing the leadership review", move || {
        let plan = known.unwrap_or_else(|| crate::plan::plan(&p, &a.scenario, DEFAULT_LIMIT));
        let text = export::review(&p, &a, &plan);
        Box::new(move |app: &mut App| {
            let label = if app.what_if() { " (what-if)" } else { "" };
            let (data, as_of, what_if) = (app.path.clone(), app.as_of, app.what_if());
            let name = |n| review_path_numbered(&data, as_of, what_if, n);
            let what = format!("the leadership review{label} as Markdown");
            write_numbered(app, &text, &name, &what);
        })
    });
}

/// Writes `text` under the first of `name(1)`, `name(2)`… that is free,
/// and says "Exported {what} to PATH".
fn write_numbered(app: &mut App, text: &str, name: &dyn Fn(u32) -> std::path::PathBuf, what: &str) {
    let first = name(1);
    for n in 1..=EXPORT_NAMES {
        let path = name(n);
        match store::write_new(&path, text.as_bytes()) {
            Ok(()) => {
                let taken = if n > 1 {
                    format!(
                        " ({} exists and was left as it is)",
                        crate::text::path(&first)
                    )
                } else {
                    String::new()
                };
                app.say(format!(
                    "Exported {what} to {}{taken}",
                    crate::text::path(&path)
                ));
                return;
            }
            Err(store::SaveError::Exists { .. }) => {}
            Err(e) => {
                app.warn(format!("Export failed: {e}"));
                return;
            }
        }
    }
    app.warn(format!(
        "Export failed: {} and {EXPORT_NAMES} numbered names after it exist",
        crate::text::path(&first)
    ));
}

/// How many risks an export writes now, and of how many: the rows the
/// risks view shows when its filter is on, else all.
pub fn export_scope(app: &App) -> (usize, usize) {
    let all = app.analysis.risks.len();
    if app.view != View::Risks || app.risks_view.filter.value().trim().is_empty() {
        (all, all)
    } else {
        (app.risks_view.rows.len(), all)
    }
}

/// The export's text and how many risks it holds, in words: all of them,
/// or "12 of 40 risks (filtered)" when the risks view's filter is on.
fn export_text(app: &App, format: export::Format) -> (String, String) {
    let all = app.analysis.risks.len();
    if export_scope(app) == (all, all) {
        let text = export::risks(app.partnership(), &app.analysis, format, Style::default());
        return (text, format!("{all} risks"));
    }
    // Rows in the list's own order, so that the file reads as the list
    // does; the headline and summary stay the whole partnership's.
    let mut rows = app.risks_view.rows.clone();
    rows.sort_unstable();
    let filter = app.risks_view.filter.value().trim();
    let report = export::RiskReport::only(app.partnership(), &app.analysis, &rows, filter);
    let text = export::write(&report, format, Style::default());
    (text, format!("{} of {all} risks (filtered)", rows.len()))
}
