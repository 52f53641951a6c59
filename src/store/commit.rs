//! Saving one change without overwriting anyone else's: the file is read
//! again just before writing, and when it changed since it was loaded the
//! change is replayed onto the newer file instead.

use super::{LoadError, SaveError, load_bytes, parse_bytes, to_text, write_atomic};
use crate::change::Change;
use crate::edit::EditError;
use crate::model::Partnership;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// What the file held when it was loaded or last written: enough to tell
/// whether someone else has written it since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stamp {
    /// There was no file.
    Absent,
    /// The file's length and a hash of its bytes.
    Bytes { len: u64, hash: u64 },
}

impl Stamp {
    pub fn of(bytes: &[u8]) -> Stamp {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        Stamp::Bytes {
            len: bytes.len() as u64,
            hash: h.finish(),
        }
    }

    /// The stamp of the file at `path` now.
    pub fn read(path: &Path) -> Result<Stamp, LoadError> {
        Ok(match load_bytes(path) {
            Ok(bytes) => Stamp::of(&bytes),
            Err(LoadError::NotFound { .. }) => Stamp::Absent,
            Err(e) => return Err(e),
        })
    }
}

/// A partnership together with the stamp of the file it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub partnership: Partnership,
    pub stamp: Stamp,
}

/// Loads the file at `path` and remembers its stamp.
pub fn load_stamped(path: &Path) -> Result<Loaded, LoadError> {
    let bytes = load_bytes(path)?;
    let stamp = Stamp::of(&bytes);
    let partnership = parse_bytes(bytes, path)?;
    Ok(Loaded { partnership, stamp })
}

/// The result of a committed change.
#[derive(Debug, Clone)]
pub struct Committed {
    /// The partnership as now written.
    pub partnership: Partnership,
    pub stamp: Stamp,
    /// The change as made (a meeting may have been given a new id).
    pub change: Change,
    /// Whether someone else had changed the file, so that the change was
    /// replayed onto their version.
    pub merged: bool,
}

/// Why a change could not be committed. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    #[error(transparent)]
    Refused(#[from] EditError),
    #[error(
        "{}: the file was changed by someone else and cannot be read any more, so nothing was saved: {source}",
        path.display()
    )]
    Unreadable { path: PathBuf, source: LoadError },
    #[error("{}: the file was changed by someone else and the change no longer fits, so nothing was saved: {source}", path.display())]
    Conflict { path: PathBuf, source: EditError },
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// Makes `change` on the data file at `path`. `base` is what this writer
/// last saw: its partnership and stamp. When the file is as `base` says,
/// the change is made on `base`; when it has changed, the change is made on
/// the file's newer content; either way the result is written atomically.
pub fn commit(path: &Path, base: &Loaded, change: &Change) -> Result<Committed, CommitError> {
    let now = Stamp::read(path).map_err(|source| CommitError::Unreadable {
        path: path.to_path_buf(),
        source,
    })?;
    let (mut partnership, merged) = if now == base.stamp {
        (base.partnership.clone(), false)
    } else {
        let newer = load_stamped(path).map_err(|source| CommitError::Unreadable {
            path: path.to_path_buf(),
            source,
        })?;
        (newer.partnership, true)
    };
    let made = change.apply(&mut partnership).map_err(|source| {
        if merged {
            CommitError::Conflict {
                path: path.to_path_buf(),
                source,
            }
        } else {
            CommitError::Refused(source)
        }
    })?;
    let text = to_text(&partnership);
    write_atomic(path, text.as_bytes(), true)?;
    Ok(Committed {
        partnership,
        stamp: Stamp::of(text.as_bytes()),
        change: made,
        merged,
    })
}
