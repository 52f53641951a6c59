//! How a command fails: a [`CliError`] is a kind (bad usage or a failure),
//! a message and hint lines. Library errors are turned into one here, with
//! the advice that names our own commands (the library's errors hold only
//! facts); `main` maps the kind to the exit code.

use partnermap::store::{self, CommitError, LoadError, RestoreError};
use std::error::Error;
use std::fmt;
use std::path::Path;

/// What went wrong, as far as the exit code is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Bad usage found after parsing (e.g. `--with` naming two look-alike
    /// people): exit 2, like the usage errors clap finds.
    Usage,
    /// The data is invalid or an operation failed: exit 1.
    Failed,
}

/// A command's failure: what is said on standard error after `error: `.
#[derive(Debug)]
pub struct CliError {
    pub kind: ErrorKind,
    /// The first line (or lines, for a list of problems in the file).
    message: String,
    /// Extra lines after the message: how to restore a backup, the backups
    /// there are.
    pub hints: Vec<String>,
}

impl CliError {
    /// Bad usage: exit 2.
    pub fn usage(message: impl Into<String>) -> CliError {
        CliError {
            kind: ErrorKind::Usage,
            message: message.into(),
            hints: Vec::new(),
        }
    }

    /// A failure: exit 1.
    pub fn failed(message: impl Into<String>) -> CliError {
        CliError {
            kind: ErrorKind::Failed,
            message: message.into(),
            hints: Vec::new(),
        }
    }

    /// The same error with one more line after it.
    pub fn with_hint(mut self, hint: impl Into<String>) -> CliError {
        self.hints.push(hint.into());
        self
    }

    /// The same error said as the cause of `what` went wrong: `what: message`.
    pub fn context(mut self, what: &str) -> CliError {
        self.message = format!("{what}: {}", self.message);
        self
    }

    /// A data file that does not load, with one line on how to restore a
    /// backup when there is one.
    pub fn load_failed(path: &Path, e: LoadError) -> CliError {
        let error = CliError::from(e);
        match partnermap::advice::restore_hint(path) {
            Some(hint) => error.with_hint(hint),
            None => error,
        }
    }

    /// 0 is success; 2 bad usage; 1 anything else (SPEC §6).
    pub fn exit_code(&self) -> u8 {
        match self.kind {
            ErrorKind::Usage => 2,
            ErrorKind::Failed => 1,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        for hint in &self.hints {
            write!(f, "\n{hint}")?;
        }
        Ok(())
    }
}

/// Any library error is a failure, said with its causes after it
/// (`error: cause: cause`).
impl<E: Error + Send + Sync + 'static> From<E> for CliError {
    fn from(e: E) -> CliError {
        CliError::failed(with_causes(&e))
    }
}

/// An error and each of its sources, joined by `: `, with the command-line
/// advice for a missing file after each that says the file is missing.
fn with_causes(e: &(dyn Error + 'static)) -> String {
    let mut out = String::new();
    let mut next = Some(e);
    while let Some(error) = next {
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&error.to_string());
        if let Some(path) = missing_file(error) {
            out.push_str(&create_advice(path));
        }
        next = error.source();
    }
    out
}

/// The data file an error ends by saying is missing, if it does.
fn missing_file<'a>(e: &'a (dyn Error + 'static)) -> Option<&'a Path> {
    let load = e
        .downcast_ref::<LoadError>()
        .or_else(|| match e.downcast_ref::<RestoreError>() {
            Some(RestoreError::Backup(load)) => Some(load),
            _ => None,
        })
        .or_else(|| match e.downcast_ref::<CommitError>() {
            Some(CommitError::Unreadable { source, .. }) => Some(source),
            _ => None,
        });
    match load {
        Some(LoadError::NotFound { path }) => Some(path),
        _ => None,
    }
}

/// What to do when there is no data file at `path`: said right after the
/// library's "no data file here".
fn create_advice(path: &Path) -> String {
    format!(
        " (create one with `partnermap --file {} demo`, or pass --file)",
        store::shell_quote(path)
    )
}

#[cfg(test)]
mod tests {
    use super::CliError;
    use partnermap::store::LoadError;

    #[test]
    fn a_missing_file_is_said_with_how_to_create_one() {
        let e = CliError::from(LoadError::NotFound {
            path: "my file.json".into(),
        });
        assert_eq!(
            e.to_string(),
            "my file.json: no data file here (create one with `partnermap --file 'my file.json' demo`, or pass --file)"
        );
        assert_eq!(e.exit_code(), 1);
        assert_eq!(CliError::usage("bad").exit_code(), 2);
    }

    #[test]
    fn hints_follow_the_message_one_per_line() {
        let e = CliError::failed("broken")
            .with_hint("hint: one")
            .with_hint("two");
        assert_eq!(e.to_string(), "broken\nhint: one\ntwo");
    }
}
