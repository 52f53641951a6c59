//! Saving one change without overwriting anyone else's: with the file's lock
//! held, the file is read again just before writing, and when it changed
//! since it was loaded the change is replayed onto the newer file instead.

use super::{
    LoadError, OnWait, SaveError, Text, content, load_bytes, load_to_save_error, lock_for_writing,
    parse_bytes, replace_locked, resolve_link,
};
use crate::change::Change;
use crate::edit::EditError;
use crate::model::Partnership;
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
        let (len, hash) = content::TextHash::of(bytes);
        Stamp::Bytes { len, hash }
    }

    /// The stamp of the file at `path` now: [`Stamp::of`] its bytes, read
    /// a block at a time (the file is never held in memory).
    pub fn read(path: &Path) -> Result<Stamp, LoadError> {
        Ok(match content::hash_file(path)? {
            Some((len, hash)) => Stamp::Bytes { len, hash },
            None => Stamp::Absent,
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
    /// The newest backup, which holds the version written.
    pub backup: Option<PathBuf>,
    /// A problem that did not stop the save (the backup could not be
    /// written); show it to the user.
    pub warning: Option<String>,
}

/// Why a change could not be committed. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    #[error(transparent)]
    Refused(#[from] EditError),
    #[error(
        "{}: the file was changed by someone else and cannot be read any more, so nothing was saved: {source}",
        crate::text::path(path)
    )]
    Unreadable { path: PathBuf, source: LoadError },
    #[error(
        "{}: the file was changed by someone else and the change no longer fits, so nothing was saved: {source}",
        crate::text::path(path)
    )]
    Conflict { path: PathBuf, source: EditError },
    #[error(transparent)]
    Save(#[from] SaveError),
    /// A change chosen while the one before it was being saved (the
    /// terminal UI saves on a thread), when that one could not be saved:
    /// it was chosen on a screen that showed the one before as made.
    #[error(
        "the change before this one could not be saved (! shows why), so this one was not made either"
    )]
    AfterUnsaved,
}

impl CommitError {
    /// The change does not fit the data (as shown, or as someone else has
    /// changed it since): trying it again cannot help, unlike a file that
    /// cannot be read or written for now.
    pub fn no_longer_fits(&self) -> bool {
        matches!(self, CommitError::Refused(_) | CommitError::Conflict { .. })
    }
}

/// Makes `change` on the data file at `path`. `base` is what this writer
/// last saw: its partnership and stamp. The change is made on `base` (a
/// change that does not fit it is refused before anything is locked); when
/// the file has changed since, it is made again on the file's newer
/// content instead (see [`commit_applied`]). Either way the result is
/// written atomically, after the version it replaces is kept as a backup.
pub fn commit(path: &Path, base: &Loaded, change: &Change) -> Result<Committed, CommitError> {
    commit_noticing(path, base, change, &mut |_| {})
}

/// [`commit`], telling `on_wait` once when it has waited
/// [`super::NOTICE_AFTER`] for another writer.
pub fn commit_noticing(
    path: &Path,
    base: &Loaded,
    change: &Change,
    on_wait: OnWait,
) -> Result<Committed, CommitError> {
    let (partnership, made) = change
        .applied(&base.partnership)
        .map_err(CommitError::Refused)?;
    let written = commit_applied(path, base.stamp, change, &partnership, on_wait)?;
    let (partnership, change, merged) = match written.merged {
        Some((newer, made_there)) => (newer, made_there, true),
        None => (partnership, made, false),
    };
    Ok(Committed {
        partnership,
        stamp: written.stamp,
        change,
        merged,
        backup: written.backup,
        warning: written.warning,
    })
}

/// What [`commit_applied`] wrote.
#[derive(Debug, Clone)]
pub struct Written {
    /// The stamp of the file as written.
    pub stamp: Stamp,
    /// When someone else had changed the file: their version with the
    /// change made on it (what was written), and the change as made there.
    pub merged: Option<(Partnership, Change)>,
    /// The newest backup, which holds the version written.
    pub backup: Option<PathBuf>,
    /// A problem that did not stop the save; show it to the user.
    pub warning: Option<String>,
}

/// Writes `applied`, which is `change` already made on the version of the
/// file whose stamp is `base`: the terminal UI shows a change at once and
/// writes it on a thread with this.
///
/// The file's lock ([`super::lock`]) is held from reading the file to
/// renaming the new version over it, so two writers (the terminal UI and
/// `partnermap meeting add`, or two of either) never lose each other's
/// changes: the second one waits, sees the first one's file and makes its
/// change again on it ([`Written::merged`]). When the lock cannot be had
/// within [`super::LOCK_TIMEOUT`] nothing is written and the error says so.
pub fn commit_applied(
    path: &Path,
    base: Stamp,
    change: &Change,
    applied: &Partnership,
    on_wait: OnWait,
) -> Result<Written, CommitError> {
    let path = &resolve_link(path);
    let _lock = lock_for_writing(path, on_wait)?;
    let unreadable = |source| CommitError::Unreadable {
        path: path.to_path_buf(),
        source,
    };
    // The file is hashed as it is read, and read whole only when someone
    // else changed it.
    let now = Stamp::read(path).or_else(|e| match e {
        LoadError::Io { path, reason } => Err(unreadable(LoadError::Io { path, reason })),
        other => load_to_save_error(other)
            .map(|()| Stamp::Absent)
            .map_err(CommitError::Save),
    })?;
    // Made again on the file's newer content when someone else wrote it.
    let merged = if now == base {
        None
    } else {
        let newer = load_bytes(path)
            .and_then(|bytes| parse_bytes(bytes, path))
            .map_err(unreadable)?;
        let made_there = change
            .apply_owned(newer)
            .map_err(|source| CommitError::Conflict {
                path: path.to_path_buf(),
                source,
            })?;
        Some(made_there)
    };
    let text = merged.as_ref().map_or(applied, |(newer, _)| newer);
    let saved = replace_locked(path, now != Stamp::Absent, Text::Of(text))?;
    Ok(Written {
        stamp: saved.stamp,
        merged,
        backup: saved.backup,
        warning: saved.warning,
    })
}
