//! One writer at a time: an advisory lock on a small file beside the data
//! file, held from reading the file to renaming the new version over it.
//!
//! The data file itself cannot carry the lock, because every save replaces
//! it by a rename: a lock on the old file would not stop a writer who opened
//! the new one. The lock file `.<name>.lock` is never removed (removing it
//! would let two writers lock two different files of the same name); it is
//! empty and private (0600). Readers never lock: they see the old file or
//! the new one, never half of one.

use super::SaveError;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a save waits for another writer before giving up. A save of a
/// partnership of 10,000 people holds the lock well under a second.
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(5);

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
    let path = &super::resolve_link(path);
    let lock = lock_path(path);
    let io_err = |reason| SaveError::Io {
        path: lock.clone(),
        reason,
    };
    let file = open_private(&lock).map_err(io_err)?;
    let start = Instant::now();
    let mut pause = Duration::from_millis(1);
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

#[cfg(unix)]
fn open_private(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
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
