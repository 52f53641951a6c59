//! The command line: one file per command, each calling the library and
//! holding no analysis of its own. [`args`] says what is accepted,
//! [`output`] where a report goes, [`error`] how a command fails.

mod args;
mod check;
mod completions;
mod demo;
mod error;
mod generate;
mod import;
mod init;
mod man;
mod map;
mod meeting;
mod merge;
mod output;
mod people;
mod report;
mod restore;
mod ui;

pub use args::Cli;
pub use error::CliError;

use args::{Command, MeetingCommand};
use partnermap::store;
use partnermap::text::path as shown;
use std::path::{Path, PathBuf};

/// Runs the command given, or the terminal UI when none is; `Ok` means
/// exit 0.
pub fn run(cli: &Cli) -> Result<(), CliError> {
    let Some(command) = &cli.command else {
        return ui::run(cli);
    };
    let takes_as_of = matches!(
        command,
        Command::Risks(_) | Command::Coverage(_) | Command::Map(_)
    );
    if cli.as_of.is_some() && !takes_as_of {
        return Err(CliError::usage(
            "--as-of goes with no command (the terminal UI), `risks`, `coverage` or `map`",
        ));
    }
    match command {
        Command::Risks(args) => report::run(cli, args, report::Report::Risks),
        Command::Coverage(args) => report::run(cli, args, report::Report::Coverage),
        Command::Meeting(MeetingCommand::Add(args)) => meeting::add(cli, args),
        Command::Check => check::run(cli),
        Command::Demo(args) => demo::run(cli, args),
        Command::Restore(args) => restore::run(cli, args),
        Command::Generate(args) => generate::run(args),
        Command::Init(args) => init::run(cli, args),
        Command::People(args) => people::run(cli, args),
        Command::Completions(args) => completions::run(args),
        Command::Man => man::run(),
        Command::Merge(args) => merge::run(args),
        Command::Map(args) => map::run(cli, args),
        Command::Import(args) => import::run(cli, args),
    }
}

/// The data file: `--file`, else `$PARTNERMAP_FILE`, else the default.
fn data_path(cli: &Cli) -> Result<PathBuf, CliError> {
    store::resolve_path(cli.file.as_deref()).ok_or_else(|| {
        CliError::failed("cannot find your data directory; pass --file PATH or set PARTNERMAP_FILE")
    })
}

/// Says once, on standard error, that a save is waiting for another writer.
fn waiting(path: &Path) {
    eprintln!(
        "waiting for another partnermap to finish saving {}…",
        shown(path)
    );
}

/// Prints a problem that did not stop a save.
fn warn(warning: Option<&str>) {
    if let Some(w) = warning {
        eprintln!("warning: {w}");
    }
}
