//! Reading, validating and writing the data file, atomically.

// Everything here reads files that may be broken or hostile: no index may panic.
#![deny(clippy::indexing_slicing)]

mod backup;
mod commit;
mod decode;
mod encode;
mod error;
mod lock;
mod strict;

pub use backup::{
    BACKUP_DIR, Backup, KEEP_BACKUPS, backup_dir, backups, restorable, restore_hint, shell_quote,
};
pub use commit::{CommitError, Committed, Loaded, Stamp, commit, load_stamped};
pub use lock::{FileLock, LOCK_TIMEOUT, lock, lock_path};

pub use decode::MAX_PROBLEMS;
pub use encode::to_text;
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
    let parsed = strict::from_str(text).map_err(|e| syntax_error(&e, path))?;
    decode::decode(parsed).map_err(|problems| LoadError::Invalid {
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

/// What a save of the data file did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The stamp of the file as written.
    pub stamp: Stamp,
    /// The newest backup, which holds the version written (None when no
    /// backup could be written).
    pub backup: Option<PathBuf>,
    /// A problem that did not stop the save: the backups could not be
    /// written. Show it to the user.
    pub warning: Option<String>,
}

/// Writes the partnership to `path` atomically, replacing what was there,
/// which is kept as a backup first (see [`backups`]). Holds the file's lock.
pub fn save(path: &Path, partnership: &Partnership) -> Result<Saved, SaveError> {
    let path = resolve_link(path);
    let _lock = lock_for_writing(&path)?;
    let current = read_current(&path)?;
    replace_locked(&path, current.as_deref(), to_text(partnership).as_bytes())
}

/// Writes the partnership to `path`, refusing to replace an existing file.
/// Holds the file's lock.
pub fn save_new(path: &Path, partnership: &Partnership) -> Result<Saved, SaveError> {
    let path = resolve_link(path);
    // Checked before the lock, so that a refusal leaves no lock file behind.
    if path.exists() {
        return Err(SaveError::Exists { path });
    }
    let _lock = lock_for_writing(&path)?;
    let bytes = to_text(partnership);
    write_file(&path, bytes.as_bytes(), false)?;
    let (backup, warning) = keep_backup(&path, bytes.as_bytes());
    Ok(Saved {
        stamp: Stamp::of(bytes.as_bytes()),
        backup,
        warning,
    })
}

/// Replaces the data file at `path` with the backup at `backup`, byte for
/// byte. The backup must load; the version it replaces is kept as a backup
/// first (even when it does not load), so a restore can be undone.
pub fn restore(path: &Path, backup: &Path) -> Result<Saved, RestoreError> {
    let bytes = load_bytes(backup).map_err(RestoreError::Backup)?;
    let text = std::str::from_utf8(&bytes).map_err(|_| {
        RestoreError::Backup(LoadError::Syntax {
            path: backup.to_path_buf(),
            line: 1,
            column: 1,
            message: "the file is not valid UTF-8".to_string(),
        })
    })?;
    parse(text, backup).map_err(RestoreError::Backup)?;
    let path = resolve_link(path);
    let _lock = lock_for_writing(&path)?;
    let current = read_current(&path)?;
    Ok(replace_locked(&path, current.as_deref(), &bytes)?)
}

/// Why a backup could not be restored. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    #[error("the backup does not load, so it was not restored: {0}")]
    Backup(LoadError),
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// Creates the folder of the data file if needed, takes the file's lock and
/// removes what writers that were killed left behind.
fn lock_for_writing(path: &Path) -> Result<FileLock, SaveError> {
    let dir = parent_dir(path);
    if !dir.exists() {
        create_private_dir(&dir).map_err(|reason| SaveError::Io {
            path: dir.clone(),
            reason,
        })?;
    }
    let held = lock(path, LOCK_TIMEOUT)?;
    if let Some(name) = path.file_name() {
        remove_stale_temp_files(&dir, name);
    }
    Ok(held)
}

/// The bytes of the data file now, or `None` when there is none.
fn read_current(path: &Path) -> Result<Option<Vec<u8>>, SaveError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(reason) => Err(SaveError::Io {
            path: path.to_path_buf(),
            reason,
        }),
    }
}

/// With the lock held: keeps `current` (the file as it is) as a backup,
/// writes `bytes` atomically, and keeps them as the newest backup. A backup
/// that cannot be written does not stop the save; it is reported in
/// [`Saved::warning`].
fn replace_locked(path: &Path, current: Option<&[u8]>, bytes: &[u8]) -> Result<Saved, SaveError> {
    let mut warning = None;
    if let Some(current) = current {
        warning = keep_backup(path, current).1;
    }
    write_file(path, bytes, true)?;
    let (backup, later) = keep_backup(path, bytes);
    Ok(Saved {
        stamp: Stamp::of(bytes),
        backup,
        warning: warning.or(later),
    })
}

fn keep_backup(path: &Path, bytes: &[u8]) -> (Option<PathBuf>, Option<String>) {
    match backup::keep(path, bytes) {
        Ok(kept) => (Some(kept), None),
        Err(e) => (
            None,
            Some(format!(
                "{e}; the data file was saved, but without a backup"
            )),
        ),
    }
}

/// The start of the name of a temporary file for the file `name`:
/// `.<name>.`, so that one left by a killed writer can be recognised.
fn temp_prefix(name: &std::ffi::OsStr) -> std::ffi::OsString {
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    prefix
}

/// Removes the temporary files for `name` in `dir` that a writer killed
/// before its rename left behind. Call with the file's lock held: every
/// writer of such files holds it, so none of them is in use.
fn remove_stale_temp_files(dir: &Path, name: &std::ffi::OsStr) {
    let prefix = temp_prefix(name);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let file = entry.file_name();
        let stale = file
            .as_encoded_bytes()
            .strip_prefix(prefix.as_encoded_bytes())
            .and_then(|rest| rest.strip_suffix(b".tmp"))
            .is_some_and(|random| {
                random.len() == TEMP_RANDOM_CHARS && random.iter().all(u8::is_ascii_alphanumeric)
            });
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The length of the random part of a temporary file's name.
const TEMP_RANDOM_CHARS: usize = 8;

/// The folder a file is in (`.` for a bare file name).
fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes `bytes` to `path` so that the file is either the old one or the
/// new one, never half-written: a temporary file in the same folder is
/// written, flushed to disk and renamed over `path`, then the folder is
/// flushed. New files and folders are private to the user (0600, 0700).
/// For exports; the data file is saved with [`save`] or [`commit`], which
/// also lock it and keep backups.
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), SaveError> {
    // Through a symbolic link, replace the file it points to, not the link.
    let resolved = resolve_link(path);
    let dir = parent_dir(&resolved);
    if !dir.exists() {
        create_private_dir(&dir).map_err(|reason| SaveError::Io {
            path: resolved.clone(),
            reason,
        })?;
    }
    write_file(&resolved, bytes, overwrite)
}

/// [`write_atomic`] on a path whose links are resolved and whose folder exists.
fn write_file(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), SaveError> {
    let io_err = |reason| SaveError::Io {
        path: path.to_path_buf(),
        reason,
    };
    let dir = parent_dir(path);
    if !overwrite && path.exists() {
        return Err(SaveError::Exists {
            path: path.to_path_buf(),
        });
    }
    let name = path.file_name().unwrap_or(path.as_os_str());
    let mut temp = tempfile::Builder::new()
        .prefix(&temp_prefix(name))
        .rand_bytes(TEMP_RANDOM_CHARS)
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
