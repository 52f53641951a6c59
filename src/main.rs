//! The `partnermap` binary: parse the command line, run a command (or
//! the UI) and map how it failed to the exit code: 0 ok, 1 failed, 2 bad
//! usage.

mod cli;

use clap::Parser;
use partnermap::text::printable_lines;
use std::process::ExitCode;

fn main() -> ExitCode {
    ignore_file_size_signal();
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        // clap echoes what was typed (`invalid value '…' for '--date'`): a
        // value holding ESC or BEL must not reach the terminal as it is.
        Err(e) if e.use_stderr() => {
            eprint!("{}", printable_lines(&e.render().to_string()));
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
        // --help and --version.
        Err(e) => e.exit(),
    };
    match cli::run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Paths and values in messages are escaped where they are
            // written; this is the net for anything that was missed.
            eprintln!("error: {}", printable_lines(&e.to_string()));
            ExitCode::from(e.exit_code())
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
