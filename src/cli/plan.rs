//! `plan`: the meetings to book, best first (SPEC §8), in the format and
//! to the place [`Output`] resolves.

use super::CliError;
use super::args::{Cli, PlanArgs};
use super::output::Output;
use super::report::load;
use partnermap::date::today;
use partnermap::export::{self, Format, PlanReport};
use partnermap::graph::Scenario;
use partnermap::plan::plan;

/// Loads the data file, plans as of the day asked and writes the plan. An
/// empty plan says why in the table and Markdown; in CSV and JSON a note
/// on standard error says it.
pub fn run(cli: &Cli, args: &PlanArgs) -> Result<(), CliError> {
    let (partnership, path) = load(cli)?;
    let as_of = args.report.as_of.or(cli.as_of).unwrap_or_else(today);
    let output = Output::resolve(&args.report, &path, "plan")?;
    let plan = plan(&partnership, &Scenario::on(as_of), args.limit);
    let report = PlanReport::new(&partnership, &plan);
    let text = export::write(&report, output.format, output.style);
    output.write(&text, "plan")?;
    if plan.steps.is_empty() && matches!(output.format, Format::Csv | Format::Json) {
        eprintln!(
            "note: {}",
            partnermap::words::empty_plan(&partnership, &plan)
        );
    }
    Ok(())
}
