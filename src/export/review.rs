//! The leadership review: one Markdown file with the plan first (what to
//! do), then the risk list (what is wrong) and the coverage grid (where),
//! each as the section its own report writes.

use super::grid::GridReport;
use super::markdown::{cell, notes, section};
use super::plan::PlanReport;
use super::report::Heading;
use super::risks::RiskReport;
use crate::analysis::Analysis;
use crate::model::Partnership;
use crate::plan::Plan;
use std::fmt::Write;

/// The review of analysis `a` of `p`, with `plan` made for the same
/// scenario.
pub fn review(p: &Partnership, a: &Analysis, plan: &Plan) -> String {
    let heading = Heading::of(p, a, "Leadership review", "");
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} — {}\n",
        heading.title,
        cell(&heading.partnership)
    );
    let _ = writeln!(out, "As of {} · {}\n", heading.as_of, heading.headline);
    notes(&heading, &mut out);
    let plan = PlanReport::new(p, plan);
    let risks = RiskReport::new(p, a);
    let grid = GridReport::new(p, a);
    let sections = [section(&plan), section(&risks), section(&grid)];
    out.push_str(&sections.join("\n"));
    out
}
