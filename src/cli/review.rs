//! `review`: the leadership review (the plan, the risk list and the
//! coverage grid) as one Markdown document.

use super::CliError;
use super::args::{Cli, ReportArgs, ReviewArgs};
use super::output::Output;
use super::report::load;
use partnermap::analysis::Analysis;
use partnermap::date::today;
use partnermap::export::{self, Format};
use partnermap::graph::Scenario;
use partnermap::plan::plan;

/// Loads the data file, analyses and plans as of the day asked, and writes
/// the review. An output file named for another format is bad usage.
pub fn run(cli: &Cli, args: &ReviewArgs) -> Result<(), CliError> {
    if let Some(other) = args
        .output
        .as_deref()
        .and_then(Format::from_extension)
        .filter(|&f| f != Format::Markdown)
    {
        return Err(CliError::usage(format!(
            "the review is Markdown, but the output file's name says {other}: name it .md"
        )));
    }
    let (partnership, path) = load(cli)?;
    let as_of = args.as_of.or(cli.as_of).unwrap_or_else(today);
    let report_args = ReportArgs {
        as_of: Some(as_of),
        format: Some(super::args::FormatArg::Markdown),
        output: args.output.clone(),
    };
    let output = Output::resolve(&report_args, &path, "review")?;
    let scenario = Scenario::on(as_of);
    let analysis = Analysis::run(&partnership, &scenario);
    let plan = plan(&partnership, &scenario, args.limit);
    let text = export::review(&partnership, &analysis, &plan);
    output.write(&text, "review")
}
