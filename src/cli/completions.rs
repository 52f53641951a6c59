//! `completions SHELL`: a completion script for the shell, made by
//! `clap_complete` from the same definitions that parse the command line.

use super::CliError;
use super::args::{Cli, CompletionsArgs};
use super::output::to_stdout;
use clap::CommandFactory;

/// Prints the completion script for the shell asked.
pub fn run(args: &CompletionsArgs) -> Result<(), CliError> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "partnermap", &mut script);
    to_stdout(&script)
}
