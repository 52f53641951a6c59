//! Errors from reading and writing a data file, each naming the file, the
//! place in it and what is wrong. Paths are shown escaped, so that a file
//! name cannot send an escape sequence or a line break to the terminal.

use std::fmt;
use std::path::PathBuf;

/// One thing wrong in a data file, at one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where: `people[3] (id "li"), field "level"`.
    pub place: String,
    /// What: `unknown level "exec" (expected executive, senior, manager or staff)`.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// Why a data file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// What to do about it (run `demo`, pass `--file`) is said by the
    /// command line, which knows its own commands.
    #[error("{}: no data file here", shown(path))]
    NotFound { path: PathBuf },
    #[error("{}: cannot read the file: {reason}", shown(path))]
    Io {
        path: PathBuf,
        reason: std::io::Error,
    },
    #[error("{}: this is {kind}, not a data file; it was not read", shown(path))]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error(
        "{}: the file is too large to be a data file ({size} bytes, {}; the limit is {}), so it was not read",
        shown(path), gib(*size), gib(*limit)
    )]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error(
        "{}: line {line}, column {column}: invalid JSON: {message}",
        shown(path)
    )]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}", invalid_message(path, problems, *more))]
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
        /// Problems found beyond the ones listed.
        more: usize,
    },
}

/// A size in GiB: `3.0 GiB`, `2 GiB`.
fn gib(bytes: u64) -> String {
    let gib = bytes as f64 / f64::from(1u32 << 30);
    if gib.fract() == 0.0 {
        format!("{gib} GiB")
    } else {
        format!("{gib:.1} GiB")
    }
}

impl LoadError {
    /// The problems found in a file that parsed as JSON (empty for other errors).
    pub fn problems(&self) -> &[Problem] {
        match self {
            LoadError::Invalid { problems, .. } => problems,
            _ => &[],
        }
    }
}

/// A path in a message: control characters escaped (see [`crate::text::path`]).
fn shown(path: &std::path::Path) -> std::borrow::Cow<'_, str> {
    crate::text::path(path)
}

fn invalid_message(path: &std::path::Path, problems: &[Problem], more: usize) -> String {
    let total = problems.len() + more;
    let mut out = format!(
        "{}: {} problem{} in the data file:",
        shown(path),
        total,
        if total == 1 { "" } else { "s" }
    );
    for problem in problems {
        out.push_str("\n  ");
        out.push_str(&problem.to_string());
    }
    if more > 0 {
        out.push_str(&format!("\n  … and {more} more"));
    }
    out
}

/// Why a data file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{}: cannot write the file: {reason}", shown(path))]
    Io {
        path: PathBuf,
        reason: std::io::Error,
    },
    #[error("{}: already exists; refusing to overwrite it", shown(path))]
    Exists { path: PathBuf },
    #[error(
        "{}: another partnermap is saving this file and did not finish within {} s (it holds the lock {}), so nothing was saved; try again",
        shown(path), waited.as_secs_f32().round(), shown(lock)
    )]
    Locked {
        path: PathBuf,
        /// The lock file.
        lock: PathBuf,
        /// How long this writer waited.
        waited: std::time::Duration,
    },
    #[error(
        "{}: this is {kind}, not a data file, so nothing was saved",
        shown(path)
    )]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error("{}: this is {kind}; refusing to write to it", shown(path))]
    Unwritable { path: PathBuf, kind: &'static str },
    #[error(
        "{}: the file is read-only (mode {mode:04o}); nothing was saved",
        shown(path)
    )]
    ReadOnly { path: PathBuf, mode: u32 },
    #[error(
        "{}: the folder {} is not writable, so nothing was saved",
        shown(path),
        shown(dir)
    )]
    FolderNotWritable { path: PathBuf, dir: PathBuf },
    #[error(
        "{}: the file is too large for this process's limit (ulimit -f), so nothing was saved; the file is as it was",
        shown(path)
    )]
    TooLargeForLimit { path: PathBuf },
    #[error(
        "{}: the lock file is {kind}, not a regular file, so it is not used and nothing was saved (remove it if nobody you trust put it there)",
        shown(lock)
    )]
    LockNotAFile { lock: PathBuf, kind: &'static str },
    #[error(
        "{}: this is a symbolic link; partnermap does not write through it",
        shown(path)
    )]
    Link { path: PathBuf },
    #[error("{0}; nothing was saved")]
    Read(LoadError),
}
