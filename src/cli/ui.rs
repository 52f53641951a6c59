//! No command: open the terminal UI on the data file (the demo when there
//! is none yet).

use super::args::Cli;
use super::demo::next_command;
use super::output::color_allowed;
use super::{CliError, data_path};
use partnermap::date::today;
use partnermap::tui;
use std::io::IsTerminal;

/// Opens the UI. A file that does not load is reported as `check` reports
/// it, before the terminal is touched, whether or not there is one.
pub fn run(cli: &Cli) -> Result<(), CliError> {
    let path = data_path(cli)?;
    let as_of = cli.as_of.unwrap_or_else(today);
    let mut app = tui::open(path.clone(), as_of, color_allowed())
        .map_err(|e| CliError::load_failed(&path, e))?;
    app.today = today();
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(CliError::failed(format!(
            "the terminal UI needs a terminal; to print the risks instead, run: {}",
            next_command(cli.file.as_deref(), "risks")
        )));
    }
    let ended = tui::run(app).map_err(|e| CliError::from(e).context("the terminal failed"))?;
    match ended {
        tui::Ended::Quit => Ok(()),
        // Killed (SIGTERM) or hung up (SIGHUP): the terminal is restored and
        // every change saved (or the last one's failure said); exit as the
        // shell reports a signal, 128 + N.
        tui::Ended::Signal(n, unsaved) => {
            if let Some(why) = unsaved {
                eprintln!("partnermap: {why}");
            }
            std::process::exit(128 + n)
        }
        // A big file is loaded once the UI is open: reported as above.
        tui::Ended::NotLoaded(e) => Err(CliError::load_failed(&path, *e)),
    }
}
