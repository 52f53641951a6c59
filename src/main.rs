//! The `partnermap` binary: parse the command line and run a command.

mod cli;

use clap::{CommandFactory, Parser};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let Some(command) = &cli.command else {
        // The terminal UI is not part of this build yet: say what there is.
        let mut cmd = cli::Cli::command();
        eprintln!("partnermap: the terminal UI is not available in this version yet.\n");
        let _ = cmd.print_help();
        return ExitCode::from(2);
    };
    match cli::run(&cli, command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
