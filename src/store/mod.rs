//! Reading, validating and writing the data file, atomically.

// Everything here reads files that may be broken or hostile: no index may panic.
#![deny(clippy::indexing_slicing)]

mod commit;
mod decode;
mod encode;
mod error;

pub use commit::{CommitError, Committed, Loaded, Stamp, commit, load_stamped};

pub use decode::MAX_PROBLEMS;
pub use encode::{encode, to_text};
pub use error::{LoadError, Problem, SaveError};

use crate::model::Partnership;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The environment variable that names the data file.
pub const FILE_ENV: &str = "PARTNERMAP_FILE";

/// Where the data file lives: `--file`, else `$PARTNERMAP_FILE`, else
/// `partnership.json` in the user's data directory.
pub fn resolve_path(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = flag {
        return Some(path.to_path_buf());
    }
    if let Some(path) = std::env::var_os(FILE_ENV).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(path));
    }
    default_path()
}

/// `partnership.json` in the user's data directory (on Linux
/// `$XDG_DATA_HOME/partnermap/`).
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "partnermap")
        .map(|dirs| dirs.data_dir().join("partnership.json"))
}

/// Parses a data file's text; `path` only names the file in errors.
pub fn parse(text: &str, path: &Path) -> Result<Partnership, LoadError> {
    // A byte-order mark is not JSON, but some editors add one: accept it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root: serde_json::Value = serde_json::from_str(text).map_err(|e| syntax_error(&e, path))?;
    decode::decode(root).map_err(|problems| LoadError::Invalid {
        path: path.to_path_buf(),
        problems: problems.listed,
        more: problems.more,
    })
}

fn syntax_error(e: &serde_json::Error, path: &Path) -> LoadError {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    LoadError::Syntax {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message,
    }
}

/// Loads and validates the data file at `path`.
pub fn load(path: &Path) -> Result<Partnership, LoadError> {
    parse_bytes(load_bytes(path)?, path)
}

/// The bytes of the file at `path`.
fn load_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    std::fs::read(path).map_err(|reason| match reason.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound {
            path: path.to_path_buf(),
        },
        _ => LoadError::Io {
            path: path.to_path_buf(),
            reason,
        },
    })
}

/// Parses a data file's bytes, which must be UTF-8.
fn parse_bytes(bytes: Vec<u8>, path: &Path) -> Result<Partnership, LoadError> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = e.as_bytes().get(..offset).unwrap_or_default();
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = offset - valid.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
        LoadError::Syntax {
            path: path.to_path_buf(),
            line,
            column,
            message: "the file is not valid UTF-8".to_string(),
        }
    })?;
    parse(&text, path)
}

/// Writes the partnership to `path` atomically, replacing what was there.
pub fn save(path: &Path, partnership: &Partnership) -> Result<(), SaveError> {
    write_atomic(path, to_text(partnership).as_bytes(), true)
}

/// Writes the partnership to `path`, refusing to replace an existing file.
pub fn save_new(path: &Path, partnership: &Partnership) -> Result<(), SaveError> {
    write_atomic(path, to_text(partnership).as_bytes(), false)
}

/// Writes `bytes` to `path` so that the file is either the old one or the
/// new one, never half-written: a temporary file in the same folder is
/// written, flushed to disk and renamed over `path`, then the folder is
/// flushed. New files and folders are private to the user (0600, 0700).
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), SaveError> {
    // Through a symbolic link, replace the file it points to, not the link.
    let resolved = resolve_link(path);
    let path = resolved.as_path();
    let io_err = |reason| SaveError::Io {
        path: path.to_path_buf(),
        reason,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.exists() {
        create_private_dir(&dir).map_err(io_err)?;
    }
    if !overwrite && path.exists() {
        return Err(SaveError::Exists {
            path: path.to_path_buf(),
        });
    }
    let mut temp = tempfile::Builder::new()
        .prefix(".partnermap-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(io_err)?;
    // Replacing a file keeps its permissions; new files stay private (0600).
    if let Ok(meta) = std::fs::metadata(path) {
        temp.as_file()
            .set_permissions(meta.permissions())
            .map_err(io_err)?;
    }
    temp.write_all(bytes).map_err(io_err)?;
    temp.as_file().sync_all().map_err(io_err)?;
    if overwrite {
        temp.persist(path).map_err(|e| io_err(e.error))?;
    } else {
        temp.persist_noclobber(path)
            .map_err(|e| match e.error.kind() {
                std::io::ErrorKind::AlreadyExists => SaveError::Exists {
                    path: path.to_path_buf(),
                },
                _ => io_err(e.error),
            })?;
    }
    sync_dir(&dir).map_err(io_err)
}

/// The file a path finally names, following symbolic links (also dangling ones).
fn resolve_link(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::read_link(&current) {
            Ok(target) => {
                current = match current.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            Err(_) => return current,
        }
    }
    current
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}
