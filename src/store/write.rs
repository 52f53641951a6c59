//! Writing a file without ever replacing what is not a regular file.
//!
//! Over a regular file (or where there is none) a write is atomic: a
//! temporary file in the same folder is written, flushed to disk and renamed
//! over the file. A rename would replace a device, a FIFO or a terminal with
//! a regular file (as root, `--output /dev/null` would put a report where
//! `/dev/null` was), so to those a report is written straight through, and
//! a data file is never one of them.
//!
//! New files are private (0600). A file that is replaced keeps its
//! permission bits and, where the system allows (as root), its owner and
//! group: a data file shared with a group stays shared.

use super::behind::{Behind, write_synced};
use super::fs_kind::{Kind, is_read_only, mode_of};
use super::{SaveError, resolve_link};
use std::fs::{File, Metadata};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

/// The length of the random part of a temporary file's name.
pub(super) const TEMP_RANDOM_CHARS: usize = 8;

/// Writes `bytes` to `path` for an export: atomically over a regular file or
/// where there is none (creating the folder, private, when needed), and
/// straight through to a character device (a terminal, `/dev/null`) or a
/// FIFO, which are never replaced. A directory, a block device or a socket
/// is refused, and so is a read-only file. Through a symbolic link, the file
/// it points to is written. With `overwrite` false, nothing that exists is
/// written to.
///
/// The data file is saved with [`super::save`] or [`super::commit`], which
/// also lock it and keep backups.
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), SaveError> {
    let io_err = |reason| SaveError::Io {
        path: path.to_path_buf(),
        reason,
    };
    // What the name finally leads to, as the system sees it (this also
    // follows links such as /dev/stdout → /proc/self/fd/1 → pipe:[…]).
    let existing = match std::fs::metadata(path) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == ErrorKind::NotFound => None,
        Err(e) => return Err(io_err(e)),
    };
    if existing.is_some() && !overwrite {
        return Err(SaveError::Exists {
            path: path.to_path_buf(),
        });
    }
    let resolved = resolve_link(path);
    if let Some(meta) = &existing
        && (Kind::of(meta) != Kind::Regular || !same_file(meta, &resolved))
    {
        // Not a regular file, or one reached through a link that does not
        // name it in the file system (/proc/self/fd/N): write through.
        return write_through(path, meta, bytes);
    }
    let dir = parent_dir(&resolved);
    if !dir.exists() {
        create_private_dir(&dir).map_err(|reason| create_error(&resolved, &dir, reason))?;
    }
    write_file(&resolved, bytes, overwrite)
}

/// Writes `bytes` as a new file at exactly `path`: never through a symbolic
/// link, never over anything that exists (a dangling link included), in
/// which case the error is [`SaveError::Exists`]. For exports whose name
/// partnermap picked itself.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(SaveError::Exists {
            path: path.to_path_buf(),
        });
    }
    let dir = parent_dir(path);
    if !dir.exists() {
        create_private_dir(&dir).map_err(|reason| create_error(path, &dir, reason))?;
    }
    write_file(path, bytes, false)
}

/// Whether `meta` describes the file at `path` (not following a last link).
fn same_file(meta: &Metadata, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::symlink_metadata(path)
            .is_ok_and(|other| other.dev() == meta.dev() && other.ino() == meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
    }
}

/// Writes to a character device or a FIFO as `>` in a shell would, but
/// without creating or truncating anything: the thing stays what it was,
/// with its owner and mode. A regular file reached only through a link
/// like /proc/self/fd/N is truncated first, as `>` would.
fn write_through(path: &Path, meta: &Metadata, bytes: &[u8]) -> Result<(), SaveError> {
    let kind = Kind::of(meta);
    if !matches!(kind, Kind::CharDevice | Kind::Fifo | Kind::Regular) {
        return Err(SaveError::Unwritable {
            path: path.to_path_buf(),
            kind: kind.describe(),
        });
    }
    if kind == Kind::Regular && is_read_only(meta) {
        return Err(SaveError::ReadOnly {
            path: path.to_path_buf(),
            mode: mode_of(meta),
        });
    }
    let io_err = |reason| write_error(path, reason);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).truncate(kind == Kind::Regular);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOCTTY);
    }
    let mut file = options.open(path).map_err(io_err)?;
    let opened = file.metadata().map_err(io_err)?;
    if Kind::of(&opened) != kind {
        return Err(SaveError::Unwritable {
            path: path.to_path_buf(),
            kind: Kind::of(&opened).describe(),
        });
    }
    file.write_all(bytes).map_err(io_err)?;
    file.flush().map_err(io_err)
}

/// Writes `bytes` atomically to `path`, a path whose links are resolved and
/// whose folder exists. An existing file must be a regular file with a
/// write bit; it keeps its permission bits, owner and group.
pub(super) fn write_file(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), SaveError> {
    prepare(path, bytes, overwrite)?.persist()
}

/// A new version of a file, written and flushed to disk beside it under a
/// temporary name, not yet renamed over it: [`Prepared::persist`] does
/// that. Dropped without it, the temporary file is removed.
pub(super) struct Prepared {
    temp: tempfile::NamedTempFile,
    path: PathBuf,
    overwrite: bool,
}

/// The first half of [`write_file`]: everything but the rename.
pub(super) fn prepare(path: &Path, bytes: &[u8], overwrite: bool) -> Result<Prepared, SaveError> {
    prepare_with(path, overwrite, |file| file.write_all(bytes)).map(|(prepared, ())| prepared)
}

/// [`prepare`], the new version written by `fill`, whose result is
/// handed back with it.
pub(super) fn prepare_with<T>(
    path: &Path,
    overwrite: bool,
    fill: impl FnOnce(&mut Behind<'_>) -> std::io::Result<T>,
) -> Result<(Prepared, T), SaveError> {
    let io_err = |reason| SaveError::Io {
        path: path.to_path_buf(),
        reason,
    };
    let dir = parent_dir(path);
    let existing = match std::fs::symlink_metadata(path) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == ErrorKind::NotFound => None,
        Err(e) => return Err(io_err(e)),
    };
    if let Some(meta) = &existing {
        if !overwrite {
            return Err(SaveError::Exists {
                path: path.to_path_buf(),
            });
        }
        check_replaceable(path, meta)?;
    }
    let name = path.file_name().unwrap_or(path.as_os_str());
    let mut temp = tempfile::Builder::new()
        .prefix(&temp_prefix(name))
        .rand_bytes(TEMP_RANDOM_CHARS)
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|reason| create_error(path, &dir, reason))?;
    // Replacing a file keeps its permissions (and owner); new files stay
    // private (0600, as tempfile creates them).
    if let Some(meta) = &existing {
        keep_owner_and_mode(temp.as_file(), meta).map_err(io_err)?;
    }
    // Flushed to disk as it is written, and whole at the end.
    let filled =
        write_synced(temp.as_file_mut(), fill).map_err(|reason| write_error(path, reason))?;
    let prepared = Prepared {
        temp,
        path: path.to_path_buf(),
        overwrite,
    };
    Ok((prepared, filled))
}

impl Prepared {
    /// The new version, opened again for reading from its start.
    pub(super) fn reopen(&self) -> std::io::Result<File> {
        self.temp.reopen()
    }

    /// Where the new version is until it is renamed.
    pub(super) fn temp_path(&self) -> &Path {
        self.temp.path()
    }

    /// Renames the new version over the file (or, without `overwrite`,
    /// to where there is none) and flushes the folder.
    pub(super) fn persist(self) -> Result<(), SaveError> {
        let Prepared {
            temp,
            path,
            overwrite,
        } = self;
        let io_err = |reason| SaveError::Io {
            path: path.clone(),
            reason,
        };
        if overwrite {
            temp.persist(&path).map_err(|e| io_err(e.error))?;
        } else {
            temp.persist_noclobber(&path)
                .map_err(|e| match e.error.kind() {
                    ErrorKind::AlreadyExists => SaveError::Exists { path: path.clone() },
                    _ => io_err(e.error),
                })?;
        }
        sync_dir(&parent_dir(&path)).map_err(io_err)
    }
}

/// Refuses to replace what is not a regular file, or a read-only one.
pub(super) fn check_replaceable(path: &Path, meta: &Metadata) -> Result<(), SaveError> {
    let kind = Kind::of(meta);
    if kind != Kind::Regular {
        return Err(SaveError::NotAFile {
            path: path.to_path_buf(),
            kind: kind.describe(),
        });
    }
    if is_read_only(meta) {
        return Err(SaveError::ReadOnly {
            path: path.to_path_buf(),
            mode: mode_of(meta),
        });
    }
    Ok(())
}

/// Gives the new version of a file the permission bits of the old one
/// (never set-id bits), and, when this process may (as root), its owner and
/// group; else at least its group when the user is in it.
#[cfg(unix)]
fn keep_owner_and_mode(file: &File, old: &Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt, fchown};
    let new = file.metadata()?;
    if (new.uid(), new.gid()) != (old.uid(), old.gid())
        && fchown(file, Some(old.uid()), Some(old.gid())).is_err()
    {
        // Not root: the file becomes the user's, as any new file would;
        // the group is kept when the user belongs to it.
        let _ = fchown(file, None, Some(old.gid()));
    }
    // After chown, which clears set-id bits anyway.
    file.set_permissions(std::fs::Permissions::from_mode(old.mode() & 0o777))
}

#[cfg(not(unix))]
fn keep_owner_and_mode(file: &File, old: &Metadata) -> std::io::Result<()> {
    file.set_permissions(old.permissions())
}

/// An error creating a file in `dir` (the lock file, a temporary file): a
/// folder that is not writable is said so plainly.
pub(super) fn create_error(path: &Path, dir: &Path, reason: std::io::Error) -> SaveError {
    match reason.kind() {
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
            SaveError::FolderNotWritable {
                path: path.to_path_buf(),
                dir: dir.to_path_buf(),
            }
        }
        _ => SaveError::Io {
            path: path.to_path_buf(),
            reason,
        },
    }
}

/// An error writing the bytes of `path`: over `ulimit -f` (EFBIG; SIGXFSZ is
/// ignored by the binary) is said so plainly.
fn write_error(path: &Path, reason: std::io::Error) -> SaveError {
    if reason.kind() == ErrorKind::FileTooLarge {
        SaveError::TooLargeForLimit {
            path: path.to_path_buf(),
        }
    } else {
        SaveError::Io {
            path: path.to_path_buf(),
            reason,
        }
    }
}

/// The start of the name of a temporary file for the file `name`:
/// `.<name>.`, so that one left by a killed writer can be recognised.
pub(super) fn temp_prefix(name: &std::ffi::OsStr) -> std::ffi::OsString {
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    prefix
}

/// Removes the temporary files for `name` in `dir` that a writer killed
/// before its rename left behind. Call with the file's lock held: every
/// writer of such files holds it, so none of them is in use. Only regular
/// files are removed (a FIFO or a link of that name is left alone).
pub(super) fn remove_stale_temp_files(dir: &Path, name: &std::ffi::OsStr) {
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
        if stale && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The folder a file is in (`.` for a bare file name).
pub(super) fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(unix)]
pub(super) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
pub(super) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

#[cfg(unix)]
pub(super) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
pub(super) fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}
