//! `people`: one row per person (one side, or both), so that the ids
//! `meeting add --with` takes can be found; in the format and to the place
//! [`Output`] resolves, like the other reports.

use super::args::{Cli, PeopleArgs, ReportArgs, SideArg};
use super::output::Output;
use super::{CliError, data_path};
use partnermap::date::today;
use partnermap::export::{self, PeopleReport};
use partnermap::model::Side;
use partnermap::store;

pub fn run(cli: &Cli, args: &PeopleArgs) -> Result<(), CliError> {
    let path = data_path(cli)?;
    let partnership = store::load(&path).map_err(|e| CliError::load_failed(&path, e))?;
    let report_args = ReportArgs {
        as_of: None,
        format: args.format,
        output: args.output.clone(),
    };
    let output = Output::resolve(&report_args, &path, "people")?;
    let side = args.side.map(|s| match s {
        SideArg::Ours => Side::Ours,
        SideArg::Partner => Side::Partner,
    });
    let report = PeopleReport::new(&partnership, side, today());
    let text = export::write(&report, output.format, output.style);
    output.write(&text, "people")
}
