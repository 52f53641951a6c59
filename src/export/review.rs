//! The leadership review: one Markdown file with the plan first (what to
//! do), then the risk list (what is wrong) and the coverage grid (where),
//! each as the section its own report writes.

use super::grid::GridReport;
use super::markdown::{front, section};
use super::plan::PlanReport;
use super::report::Heading;
use super::risks::RiskReport;
use crate::analysis::Analysis;
use crate::model::Partnership;
use crate::plan::Plan;

/// The review of analysis `a` of `p`, with `plan` made for the same
/// scenario.
pub fn review(p: &Partnership, a: &Analysis, plan: &Plan) -> String {
    let heading = Heading::of(p, a, "Leadership review", "");
    let mut out = String::new();
    front(&heading, &mut out);
    let plan = PlanReport::new(p, plan);
    let risks = RiskReport::new(p, a);
    let grid = GridReport::new(p, a);
    let sections = [section(&plan), section(&risks), section(&grid)];
    out.push_str(&sections.join("\n"));
    out.push_str(HOW_TO_READ);
    out
}

/// The words a reader new to partnermap needs, at the end of the review.
const HOW_TO_READ: &str = "
## How to read this

- **Severity:** ‼ critical · ! high · ~ medium · · low. The **risk score** adds
  the risks' weights (a critical risk on an executive weighs most); lower is
  better, 0 means nothing hangs on one person.
- **Bus factor:** how many of our people would have to leave before the
  partner is cut off from us; 1 means one departure is enough.
- **single-point:** one of our people through whom some partner people are
  reached, and no one else. **single-threaded:** a senior partner person
  with one live tie to us, or none. **unreachable:** no live path to them
  at all. **exec-gap:** a partner executive no executive of ours is in
  touch with. **stale-tie:** a thinly covered person whose other ties went
  stale. **no-champion:** nobody reachable at the partner is a champion.
- **The plan** lists meetings, best first; each step's figures assume the
  steps above it are held too. A risk under both *removes* and *adds*
  changed (its severity or people), it did not go.
";
