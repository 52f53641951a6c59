//! The `partnermap` binary: parse the command line and run a command.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    ignore_file_size_signal();
    let cli = cli::Cli::parse();
    let result = match &cli.command {
        None => cli::run_ui(&cli),
        Some(command) => cli::run(&cli, command),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Over `ulimit -f`, a write raises SIGXFSZ, which kills the process
/// without a word. With the signal caught (by a handler that only sets a
/// flag), the write fails with EFBIG instead: the save stops with a clear
/// error and the file stays as it was.
#[cfg(unix)]
fn ignore_file_size_signal() {
    let caught = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // Could only fail for a forbidden signal, which SIGXFSZ is not.
    let _ = signal_hook::flag::register(signal_hook::consts::SIGXFSZ, caught);
}

#[cfg(not(unix))]
fn ignore_file_size_signal() {}
