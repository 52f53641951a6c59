//! `risks` and `coverage`: a report on the data file as of a day, in the
//! format and to the place [`Output`] resolves.

use super::args::{Cli, ReportArgs};
use super::output::Output;
use super::{CliError, data_path};
use partnermap::analysis::Analysis;
use partnermap::date::today;
use partnermap::export;
use partnermap::graph::Scenario;
use partnermap::store;

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Report {
    Risks,
    Coverage,
}

impl Report {
    /// Its name in messages ("Wrote the risks …").
    fn name(self) -> &'static str {
        match self {
            Report::Risks => "risks",
            Report::Coverage => "coverage",
        }
    }
}

/// Loads the data file, analyses it as of the day asked and writes the
/// report. The file's problems are said before any about the output.
pub fn run(cli: &Cli, args: &ReportArgs, report: Report) -> Result<(), CliError> {
    let path = data_path(cli)?;
    let partnership = store::load(&path).map_err(|e| CliError::load_failed(&path, e))?;
    let as_of = args.as_of.or(cli.as_of).unwrap_or_else(today);
    let output = Output::resolve(args, &path, report.name())?;
    let analysis = Analysis::run(&partnership, &Scenario::on(as_of));
    let write = match report {
        Report::Risks => export::risks,
        Report::Coverage => export::coverage,
    };
    let text = write(&partnership, &analysis, output.format, output.style);
    output.write(&text, report.name())
}
