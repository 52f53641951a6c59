//! `import FILE...`: contacts and calendars into the data file as one
//! change, through the file's lock (SPEC §11); `--dry-run` only says what
//! would change. Either way the summary is printed.

use super::args::{Cli, ImportArgs};
use super::{CliError, data_path, waiting, warn};
use partnermap::date::today;
use partnermap::import::{self, Input, Options};
use partnermap::store::{self, CommitError};
use partnermap::text::path as shown;
use partnermap::words::{ImportMode, import_summary};
use std::io::Write;

/// Imports the files; a file that cannot be read as any format is exit 1
/// and nothing is written.
pub fn run(cli: &Cli, args: &ImportArgs) -> Result<(), CliError> {
    let path = data_path(cli)?;
    let base = store::load_stamped(&path).map_err(|e| CliError::load_failed(&path, e))?;
    let inputs = args
        .files
        .iter()
        .map(|file| Input::read(file))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| CliError::from(e).context("nothing imported"))?;
    let options = Options {
        side: args.side,
        as_of: args.as_of.unwrap_or_else(today),
        columns: args.columns.clone(),
        ours_domains: args.ours_domain.clone(),
        partner_domains: args.partner_domain.clone(),
    };
    let plan = import::plan(&base.partnership, &inputs, &options)
        .map_err(|e| CliError::from(e).context("nothing imported"))?;
    let names = &base.partnership.names;
    let Some(change) = plan.change.filter(|_| !args.dry_run) else {
        let mode = if args.dry_run {
            ImportMode::DryRun
        } else {
            ImportMode::Done
        };
        print(&import_summary(&plan.summary, names, mode));
        return Ok(());
    };
    let committed =
        store::commit_noticing(&path, &base, &change, &mut waiting).map_err(|e| match e {
            CommitError::Refused(e) => {
                CliError::failed(format!("{}: nothing imported: {e}", shown(&path)))
            }
            other => CliError::from(other),
        })?;
    print(&import_summary(&plan.summary, names, ImportMode::Done));
    if committed.merged {
        eprintln!(
            "note: {} was changed by someone else meanwhile; the import was made on their version",
            shown(&path)
        );
    }
    warn(committed.warning.as_deref());
    Ok(())
}

/// Writes the summary to standard output in one go; a closed pipe
/// (`| head`) is not a failure: the import is made either way.
fn print(lines: &[String]) {
    let mut text = lines.join("\n");
    text.push('\n');
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}
