//! `risks`, `coverage` and `coverage --grid`: a report on the data file as
//! of a day, in the format and to the place [`Output`] resolves.

use super::args::{Cli, ReportArgs};
use super::output::Output;
use super::{CliError, data_path};
use partnermap::analysis::Analysis;
use partnermap::date::today;
use partnermap::export;
use partnermap::graph::Scenario;
use partnermap::model::Partnership;
use partnermap::store;
use std::path::PathBuf;

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Report {
    Risks,
    Coverage,
    /// `coverage --grid` (SPEC §10).
    Grid,
}

impl Report {
    /// Its name in messages ("Wrote the risks …").
    fn name(self) -> &'static str {
        match self {
            Report::Risks => "risks",
            Report::Coverage => "coverage",
            Report::Grid => "coverage grid",
        }
    }
}

/// Loads the data file, analyses it as of the day asked and writes the
/// report. The file's problems are said before any about the output.
pub fn run(cli: &Cli, args: &ReportArgs, report: Report) -> Result<(), CliError> {
    let (partnership, path) = load(cli)?;
    let as_of = args.as_of.or(cli.as_of).unwrap_or_else(today);
    let output = Output::resolve(args, &path, report.name())?;
    let analysis = Analysis::run(&partnership, &Scenario::on(as_of));
    let (p, a, format, style) = (&partnership, &analysis, output.format, output.style);
    let text = match report {
        Report::Risks => export::risks(p, a, format, style),
        Report::Coverage => export::coverage(p, a, format, style),
        Report::Grid => export::write(&export::GridReport::new(p, a), format, style),
    };
    output.write(&text, report.name())
}

/// The data file, loaded, and where it is.
pub fn load(cli: &Cli) -> Result<(Partnership, PathBuf), CliError> {
    let path = data_path(cli)?;
    let partnership = store::load(&path).map_err(|e| CliError::load_failed(&path, e))?;
    Ok((partnership, path))
}
