//! Reading, validating and writing the data file, atomically.

// Everything here reads files that may be broken or hostile: no index may panic.
#![deny(clippy::indexing_slicing)]

mod backup;
mod behind;
mod commit;
mod content;
mod encode;
mod error;
mod fs_kind;
mod in_order;
mod lock;
mod pretty;
mod raw_keys;
mod read;
mod replaced;
mod write;

pub use backup::{BACKUP_DIR, Backup, KEEP_BACKUPS, backup_dir, backups, restorable, shell_quote};
pub use commit::{
    CommitError, Committed, Loaded, Stamp, Written, commit, commit_applied, commit_noticing,
    load_stamped,
};
pub use fs_kind::{Kind, MAX_FILE_BYTES, read_bytes};
pub use lock::{FileLock, LOCK_TIMEOUT, NOTICE_AFTER, lock, lock_noticing, lock_path};
pub use write::{write_atomic, write_new};

pub use encode::to_text;
pub use error::{LoadError, Problem, SaveError};
pub use read::MAX_PROBLEMS;

use crate::model::Partnership;
use std::path::{Path, PathBuf};
use write::{
    TEMP_RANDOM_CHARS, check_replaceable, create_private_dir, parent_dir, remove_stale_temp_files,
    sync_dir, temp_prefix, write_file,
};

/// Told the data file's path once when a save has waited [`NOTICE_AFTER`]
/// for another writer's lock, so that the user knows why nothing happens.
pub type OnWait<'a> = &'a mut dyn FnMut(&Path);

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

/// Whether a save to `path` would be refused because the file or its
/// folder cannot be written: the file has no write bit (saving refuses it,
/// even for root), or the folder has none, or this user cannot create a
/// file in it. A file or folder that does not exist yet is not read-only.
pub fn read_only(path: &Path) -> bool {
    let file = std::fs::metadata(path).is_ok_and(|m| m.is_file() && fs_kind::is_read_only(&m));
    let dir = parent_dir(path);
    let folder = match std::fs::metadata(&dir) {
        Ok(m) if m.is_dir() => fs_kind::is_read_only(&m) || tempfile::tempfile_in(&dir).is_err(),
        _ => false,
    };
    file || folder
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
    read::parse(text).map_err(|failure| match failure {
        read::Failure::Syntax(e) => syntax_error(&e, path),
        read::Failure::Invalid(problems, more) => LoadError::Invalid {
            path: path.to_path_buf(),
            problems,
            more,
        },
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

/// The bytes of the data file at `path`, which must be a regular file.
fn load_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    read_bytes(path)
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
    save_noticing(path, partnership, &mut |_| {})
}

/// [`save`], telling `on_wait` when it waits for another writer.
pub fn save_noticing(
    path: &Path,
    partnership: &Partnership,
    on_wait: OnWait,
) -> Result<Saved, SaveError> {
    let path = resolve_link(path);
    let _lock = lock_for_writing(&path, on_wait)?;
    let current = current_exists(&path)?;
    replace_locked(&path, current, Text::Of(partnership))
}

/// Writes the partnership to `path`, refusing to replace an existing file.
/// Holds the file's lock.
pub fn save_new(path: &Path, partnership: &Partnership) -> Result<Saved, SaveError> {
    let path = resolve_link(path);
    // Checked before the lock, so that a refusal leaves no lock file behind.
    if let Ok(meta) = std::fs::metadata(&path) {
        let kind = Kind::of(&meta);
        return Err(if kind == Kind::Regular {
            SaveError::Exists { path }
        } else {
            SaveError::NotAFile {
                path,
                kind: kind.describe(),
            }
        });
    }
    let _lock = lock_for_writing(&path, &mut |_| {})?;
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
    restore_noticing(path, backup, &mut |_| {})
}

/// [`restore`], telling `on_wait` when it waits for another writer.
pub fn restore_noticing(
    path: &Path,
    backup: &Path,
    on_wait: OnWait,
) -> Result<Saved, RestoreError> {
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
    let _lock = lock_for_writing(&path, on_wait)?;
    let current = current_exists(&path)?;
    Ok(replace_locked(&path, current, Text::Bytes(&bytes))?)
}

/// Why a backup could not be restored. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    #[error("the backup does not load, so it was not restored: {0}")]
    Backup(LoadError),
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// Refuses a data file that is not a regular file (a FIFO, a device, a
/// folder) or that is read-only. No file is fine: a save creates it.
fn check_data_file(path: &Path) -> Result<(), SaveError> {
    match std::fs::metadata(path) {
        Ok(meta) => check_replaceable(path, &meta),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(reason) => Err(SaveError::Io {
            path: path.to_path_buf(),
            reason,
        }),
    }
}

/// Checks what the data file is, creates its folder if needed, takes the
/// file's lock and removes what writers that were killed left behind.
fn lock_for_writing(path: &Path, on_wait: OnWait) -> Result<FileLock, SaveError> {
    check_data_file(path)?;
    let dir = parent_dir(path);
    if !dir.exists() {
        create_private_dir(&dir).map_err(|reason| write::create_error(path, &dir, reason))?;
    }
    let held = lock_noticing(path, LOCK_TIMEOUT, on_wait)?;
    if let Some(name) = path.file_name() {
        remove_stale_temp_files(&dir, name);
    }
    Ok(held)
}

/// Whether there is a data file now, refusing one that is not a regular
/// file or is too large to have been written by partnermap (it is not
/// read: a save keeps it as a backup without reading it into memory).
fn current_exists(path: &Path) -> Result<bool, SaveError> {
    match fs_kind::checked_len(path) {
        Ok(_) => Ok(true),
        Err(e) => load_to_save_error(e).map(|()| false),
    }
}

/// A failure to read the data file as the save says it; `Ok` when there
/// is no file.
fn load_to_save_error(e: LoadError) -> Result<(), SaveError> {
    match e {
        LoadError::NotFound { .. } => Ok(()),
        LoadError::NotAFile { path, kind } => Err(SaveError::NotAFile { path, kind }),
        LoadError::Io { path, reason } => Err(SaveError::Io { path, reason }),
        other => Err(SaveError::Read(other)),
    }
}

/// What a save writes: a text it has, or a partnership encoded straight
/// into the file (never held whole in memory).
pub(crate) enum Text<'a> {
    Bytes(&'a [u8]),
    Of(&'a Partnership),
}

/// With the lock held: writes the new version beside the data file and,
/// as it goes, into a new backup, while the oldest backup makes room and
/// the file as it is (when `current`) is given a temporary second name
/// ([`keep_old`]); keeps that file as a backup and renames the new version
/// over it, and names the new backup once the rename is done (or removes
/// it, when the newest backup already held the version). A backup that
/// cannot be written does not stop the save; it is reported in
/// [`Saved::warning`].
fn replace_locked(path: &Path, current: bool, text: Text<'_>) -> Result<Saved, SaveError> {
    let mut warnings = Vec::new();
    // The new version's backup is written along with it, from the same
    // buffer (and left to the system to store: the data file holds it).
    let mut copy = backup::Folder::ready(path)
        .and_then(|folder| {
            folder.remove_stale();
            folder.temp()
        })
        .map_err(|e| warnings.push(without_backup(&e)))
        .ok();
    let (written, early, mut copied) = write_alongside(path, current, &text, &mut copy);
    // A write that failed drops the temporary link with `early`.
    let (prepared, (len, hash)) = written?;
    // The file replaced is kept before the new version's copy is staged:
    // a copy of it may need the room, and the staging reads the backups.
    let mut old = current.then(|| match early {
        Some(early) => early.name(path),
        None => replaced::keep_current(path),
    });
    if matches!(old, Some(Err(_))) && copied {
        // The version being replaced comes first (it may be someone else's
        // and kept nowhere else): on a backup disk with room for one copy,
        // the new version's gives its room up (that one is in the data
        // file) and the replaced version is kept again.
        copy = None;
        copied = false;
        old = current.then(|| replaced::keep_current(path));
    }
    let holds = |newest: &Path| content::same(newest, prepared.temp_path());
    let staged = match copy.filter(|_| copied) {
        Some(temp) => backup::stage_written(path, holds, temp),
        // Written again from the new file when the copy failed.
        None => backup::stage(path, holds, |temp| {
            temp.copy_from(&mut prepared.reopen()?).map(|_| ())
        }),
    }
    .map_err(|e| warnings.push(without_backup(&e)))
    .ok();
    let old = old.and_then(|kept| kept.map_err(|e| warnings.push(without_backup(&e))).ok());
    let new_file = replaced::FileId::of(prepared.temp_path());
    if let Err(e) = prepared.persist() {
        if let Some(old) = old {
            // The folder's flush may fail after the rename: the old file is
            // then replaced all the same, and its backup must stay.
            let renamed = new_file.is_some() && replaced::FileId::of(path) == new_file;
            if renamed {
                old.replaced();
            } else {
                old.kept_in_place(path);
            }
        }
        return Err(e);
    }
    if let Some(old) = old {
        old.replaced();
    }
    let backup = staged.and_then(|staged| {
        staged
            .name(path)
            .map_err(|e| warnings.push(without_backup(&e)))
            .ok()
    });
    Ok(Saved {
        stamp: Stamp::Bytes { len, hash },
        backup,
        warning: warnings.into_iter().next(),
    })
}

/// The new version written beside the data file, not yet renamed over it,
/// with its length and hash.
type NewVersion = Result<(write::Prepared, (u64, u64)), SaveError>;

/// The new version written beside the data file (and into `copy`, when
/// there is one), while [`keep_old`] runs alongside when there is a file
/// to replace (`current`); and whether the copy was written whole.
fn write_alongside(
    path: &Path,
    current: bool,
    text: &Text<'_>,
    copy: &mut Option<tempfile::NamedTempFile>,
) -> (NewVersion, Option<replaced::Early>, bool) {
    let mut copied = false;
    std::thread::scope(|scope| {
        let keeping = current.then(|| {
            std::thread::Builder::new()
                .name("keep old".into())
                .spawn_scoped(scope, || keep_old(path))
        });
        let written = write::prepare_with(path, true, |file| match copy {
            Some(temp) => {
                let (filled, done) =
                    behind::write_with_copy(file, temp.as_file_mut(), |both| encoded(text, both));
                copied = done.is_ok();
                filled
            }
            None => encoded(text, file),
        });
        // With no thread to be had, the old file is kept after the
        // writing ([`replaced::keep_current`]), as when no link can be made.
        let early = keeping.and_then(|keeping| keeping.ok()).and_then(|thread| {
            thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        (written, early, copied)
    })
}

/// While a save writes the new version: the oldest backup makes room for
/// the new one (giving a large file's room back takes the disk a while),
/// and the data file as it is now is given a temporary second name in the
/// backup folder and compared with the newest backup
/// ([`replaced::early`]), when it can be.
fn keep_old(path: &Path) -> Option<replaced::Early> {
    if let Ok(folder) = backup::Folder::ready(path) {
        folder.make_room();
    }
    replaced::early(path)
}

/// Writes `text` to `out`: its length and [`content::TextHash`].
fn encoded(text: &Text<'_>, out: &mut impl std::io::Write) -> std::io::Result<(u64, u64)> {
    match *text {
        Text::Bytes(bytes) => {
            out.write_all(bytes)?;
            Ok(content::TextHash::of(bytes))
        }
        Text::Of(p) => {
            let mut hashing = content::Hashing::new(out);
            encode::write_to(p, &mut hashing)?;
            hashing.finish()
        }
    }
}

fn without_backup(e: &SaveError) -> String {
    format!("{e}; the data file was saved, but without a backup")
}

fn keep_backup(path: &Path, bytes: &[u8]) -> (Option<PathBuf>, Option<String>) {
    match backup::keep(path, bytes) {
        Ok(kept) => (Some(kept), None),
        Err(e) => (None, Some(without_backup(&e))),
    }
}

/// What `other` is to the data file at `data`, when it is one of the files
/// partnermap keeps for it: "the data file", "its lock file" or "a backup
/// of it" (anything in its backup folder). An export must not go there.
pub fn role_of(data: &Path, other: &Path) -> Option<&'static str> {
    let data = resolve_link(data);
    let data_dir = std::fs::canonicalize(parent_dir(&data)).ok()?;
    let name = data.file_name()?;
    let other = canonical(other)?;
    if other == data_dir.join(name) {
        Some("the data file")
    } else if lock_path(&data).file_name().map(|n| data_dir.join(n)) == Some(other.clone()) {
        Some("its lock file")
    } else if other.starts_with(data_dir.join(BACKUP_DIR)) {
        Some("a backup of it")
    } else {
        None
    }
}

/// `path` made absolute with its links resolved; for a file that does not
/// exist yet, its folder's canonical form and its name.
fn canonical(path: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(path).ok().or_else(|| {
        let dir = std::fs::canonicalize(parent_dir(path)).ok()?;
        Some(dir.join(path.file_name()?))
    })
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

#[cfg(test)]
mod tests;
