//! One writer at a time: an advisory lock on a small file beside the data
//! file, held from reading the file to renaming the new version over it.
//!
//! The data file itself cannot carry the lock, because every save replaces
//! it by a rename: a lock on the old file would not stop a writer who opened
//! the new one. The lock file `.<name>.lock` is never removed (removing it
//! would let two writers lock two different files of the same name); it is
//! empty and private (0600). Readers never lock: they see the old file or
//! the new one, never half of one.
//!
//! The lock file is opened without following a symbolic link and must be a
//! regular file: in a folder others can write, a planted link
//! `.<name>.lock` → `/etc/nologin` would otherwise make root create that file.

use super::fs_kind::Kind;
use super::{OnWait, SaveError};
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a save waits for another writer before giving up. A save of a
/// partnership of 10,000 people holds the lock well under a second; one of
/// 100,000 people takes a few, and a dozen of them may queue. A writer that
/// dies releases the lock at once (the system drops it with the process),
/// so waiting this long only ever waits for a writer still at work.
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(60);

/// After how long of waiting for the lock the caller is told (once), so
/// that it can say why nothing seems to happen.
pub const NOTICE_AFTER: Duration = Duration::from_secs(1);

/// The lock file of the data file at `path`: `.<file name>.lock` in the
/// folder of the file that `path` finally names (after symbolic links), so
/// that two names of one file share one lock.
pub fn lock_path(path: &Path) -> PathBuf {
    let path = super::resolve_link(path);
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or(path.as_os_str()));
    name.push(".lock");
    path.with_file_name(name)
}

/// A held lock; released when dropped (and by the operating system when the
/// process ends, however it ends).
#[derive(Debug)]
pub struct FileLock {
    file: File,
    /// Whether the file system supports locks at all.
    held: bool,
}

impl Drop for FileLock {
    fn drop(&mut self) {
        if self.held {
            let _ = self.file.unlock();
        }
    }
}

/// Takes the lock of the data file at `path`, waiting up to `timeout` for
/// another writer to finish. On a file system without locks the "lock" is
/// granted at once: the stamp check in [`super::commit`] still notices most
/// concurrent writes there.
pub fn lock(path: &Path, timeout: Duration) -> Result<FileLock, SaveError> {
    lock_noticing(path, timeout, &mut |_| {})
}

/// [`lock`], calling `on_wait` with the data file's path once when it has
/// waited [`NOTICE_AFTER`].
pub fn lock_noticing(
    path: &Path,
    timeout: Duration,
    on_wait: OnWait,
) -> Result<FileLock, SaveError> {
    let path = &super::resolve_link(path);
    let lock = lock_path(path);
    let io_err = |reason| SaveError::Io {
        path: lock.clone(),
        reason,
    };
    let file = open_lock_file(path, &lock)?;
    let start = Instant::now();
    let mut pause = Duration::from_millis(1);
    let mut told = false;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(FileLock { file, held: true }),
            Err(std::fs::TryLockError::WouldBlock) => {}
            Err(std::fs::TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => {
                return Ok(FileLock { file, held: false });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io_err(e)),
        }
        let waited = start.elapsed();
        if waited >= NOTICE_AFTER && !told {
            told = true;
            on_wait(path);
        }
        if waited >= timeout {
            return Err(SaveError::Locked {
                path: path.to_path_buf(),
                lock,
                waited,
            });
        }
        std::thread::sleep(pause.min(timeout.saturating_sub(waited)));
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}

/// Opens (creating it, private) the lock file `lock` of the data file
/// `path`, refusing a symbolic link or anything but a regular file.
fn open_lock_file(path: &Path, lock: &Path) -> Result<File, SaveError> {
    let refuse = |kind: Kind| SaveError::LockNotAFile {
        lock: lock.to_path_buf(),
        kind: kind.describe(),
    };
    let existed = match std::fs::symlink_metadata(lock) {
        Ok(meta) if Kind::of(&meta) != Kind::Regular => return Err(refuse(Kind::of(&meta))),
        Ok(_) => true,
        Err(_) => false,
    };
    let file = open_private(lock).map_err(|reason| {
        if is_link_refused(&reason) {
            refuse(Kind::Symlink)
        } else if existed {
            // Someone else's lock file that this user may not open.
            SaveError::Io {
                path: lock.to_path_buf(),
                reason,
            }
        } else {
            super::write::create_error(path, &super::parent_dir(lock), reason)
        }
    })?;
    let meta = file.metadata().map_err(|reason| SaveError::Io {
        path: lock.to_path_buf(),
        reason,
    })?;
    match Kind::of(&meta) {
        Kind::Regular => Ok(file),
        other => Err(refuse(other)),
    }
}

/// Whether opening failed because the name is a symbolic link (O_NOFOLLOW).
#[cfg(unix)]
fn is_link_refused(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(libc::ELOOP)
}

#[cfg(not(unix))]
fn is_link_refused(_e: &std::io::Error) -> bool {
    false
}

/// Opens or creates a lock file: never through a symbolic link, never
/// waiting (a FIFO put there opens at once and is then refused), never
/// taking a terminal as the controlling one.
#[cfg(unix)]
fn open_private(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_private(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}
