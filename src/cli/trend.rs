//! `trend`: the risk score, bus factor and counts on a series of days
//! (SPEC §9), in the format and to the place [`Output`] resolves.

use super::CliError;
use super::args::{Cli, TrendArgs};
use super::output::Output;
use super::report::load;
use partnermap::analysis::{trend, trend_days, year_before};
use partnermap::date::today;
use partnermap::export::{self, TrendReport};

/// Loads the data file and writes one row per day: each month's last day
/// (or each Sunday) from `--from` to `--to`, and `--to` itself. `--from`
/// after `--to` is bad usage.
pub fn run(cli: &Cli, args: &TrendArgs) -> Result<(), CliError> {
    let to = args
        .to
        .or(args.report.as_of)
        .or(cli.as_of)
        .unwrap_or_else(today);
    let from = args.from.unwrap_or_else(|| year_before(to));
    if from > to {
        return Err(CliError::usage(format!(
            "--from {from} is after --to {to}: the range runs from the earlier day to the later"
        )));
    }
    let (partnership, path) = load(cli)?;
    let output = Output::resolve(&args.report, &path, "trend")?;
    let every = args.every.into();
    let rows = trend(&partnership, &trend_days(from, to, every));
    let report = TrendReport {
        p: &partnership,
        from,
        to,
        every,
        rows: &rows,
    };
    let text = export::write(&report, output.format, output.style);
    output.write(&text, "trend")
}
