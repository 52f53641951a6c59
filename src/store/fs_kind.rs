//! What a path names, found without opening it, and reading a data file
//! only when it is a regular file of a sane size.
//!
//! Opening a FIFO for reading waits for a writer, forever; reading a device
//! such as `/dev/zero` never ends; a file of many gigabytes would be read
//! whole into memory. So the kind and size of every file are looked at
//! (`stat`, which opens nothing) before it is read, and again on the opened
//! file, in case it was swapped in between.

use super::LoadError;
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest data file (or backup) that is read: 2 GiB. A partnership of
/// 100,000 people is about 30 MB.
pub const MAX_FILE_BYTES: u64 = 2 << 30;

/// The kind of thing a path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Regular,
    Directory,
    Symlink,
    Fifo,
    CharDevice,
    BlockDevice,
    Socket,
    Other,
}

impl Kind {
    pub fn of(meta: &Metadata) -> Kind {
        let t = meta.file_type();
        if t.is_file() {
            return Kind::Regular;
        }
        if t.is_dir() {
            return Kind::Directory;
        }
        if t.is_symlink() {
            return Kind::Symlink;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if t.is_fifo() {
                return Kind::Fifo;
            }
            if t.is_char_device() {
                return Kind::CharDevice;
            }
            if t.is_block_device() {
                return Kind::BlockDevice;
            }
            if t.is_socket() {
                return Kind::Socket;
            }
        }
        Kind::Other
    }

    /// `a FIFO (named pipe)`, `a directory`, …
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Regular => "a regular file",
            Kind::Directory => "a directory",
            Kind::Symlink => "a symbolic link",
            Kind::Fifo => "a FIFO (named pipe)",
            Kind::CharDevice => "a character device (or terminal)",
            Kind::BlockDevice => "a block device",
            Kind::Socket => "a socket",
            Kind::Other => "not a regular file",
        }
    }
}

/// Whether a regular file has no write bit for anyone (mode 0444 and the
/// like): partnermap treats it as read-only, even for root, who could write
/// it anyway.
pub fn is_read_only(meta: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o222 == 0
    }
    #[cfg(not(unix))]
    {
        meta.permissions().readonly()
    }
}

/// The permission bits of a file (0 where there are none).
pub fn mode_of(meta: &Metadata) -> u32 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o7777
    }
    #[cfg(not(unix))]
    {
        if meta.permissions().readonly() {
            0o444
        } else {
            0o644
        }
    }
}

/// The bytes of the regular file at `path`, refusing anything else (a
/// FIFO, a device, a directory) and files over [`MAX_FILE_BYTES`] before
/// reading a byte.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    let (file, len) = open_checked(path)?;
    let capacity = usize::try_from(len).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|reason| io_error(path, reason))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, bytes.len() as u64));
    }
    Ok(bytes)
}

/// The regular file at `path`, opened for reading, and its length, with
/// the checks of [`read_bytes`] (nothing else, nothing over
/// [`MAX_FILE_BYTES`]) made before and after opening it.
pub(super) fn open_checked(path: &Path) -> Result<(File, u64), LoadError> {
    let io = |reason| io_error(path, reason);
    let meta = std::fs::metadata(path).map_err(io)?;
    check_readable(&meta, path)?;
    let file = open_for_reading(path).map_err(io)?;
    // The same checks on what was opened: the name may have been pointed
    // elsewhere in between.
    let opened = file.metadata().map_err(io)?;
    check_readable(&opened, path)?;
    Ok((file, opened.len()))
}

/// The length of the regular file at `path`, with the checks of
/// [`read_bytes`], without opening it.
pub(super) fn checked_len(path: &Path) -> Result<u64, LoadError> {
    let meta = std::fs::metadata(path).map_err(|reason| io_error(path, reason))?;
    check_readable(&meta, path)?;
    Ok(meta.len())
}

fn io_error(path: &Path, reason: std::io::Error) -> LoadError {
    match reason.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound {
            path: path.to_path_buf(),
        },
        _ => LoadError::Io {
            path: path.to_path_buf(),
            reason,
        },
    }
}

fn check_readable(meta: &Metadata, path: &Path) -> Result<(), LoadError> {
    let kind = Kind::of(meta);
    if kind != Kind::Regular {
        return Err(LoadError::NotAFile {
            path: path.to_path_buf(),
            kind: kind.describe(),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(path, meta.len()));
    }
    Ok(())
}

fn too_large(path: &Path, size: u64) -> LoadError {
    LoadError::TooLarge {
        path: PathBuf::from(path),
        size,
        limit: MAX_FILE_BYTES,
    }
}

/// Opens a file for reading without waiting: a FIFO put there after the
/// check opens at once instead of waiting for a writer, and a terminal does
/// not become this process's controlling terminal.
#[cfg(unix)]
fn open_for_reading(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_for_reading(path: &Path) -> std::io::Result<File> {
    File::open(path)
}
