//! The version of the data file that a save replaces, kept as a backup
//! without being read into memory: the old file itself, given a second
//! name in the backup folder (nothing copied), or, when the file has
//! another name too (a hard link someone made) or the link cannot be made,
//! a copy made by the kernel.
//!
//! The link is made, and compared with the newest backup, while the new
//! version is written ([`early`]), under a temporary name that is not a
//! backup (a crash leaves it for the next save to remove, and an edit of
//! the data file made through it changes no backup); it becomes a backup
//! once the new version is written ([`Early::name`]). When the newest backup is a
//! copy of the same bytes, the link takes its name, so that the rename of
//! the new version frees nothing.

use super::backup::Folder;
use super::behind::Behind;
use super::fs_kind::open_checked;
use super::{SaveError, content, sync_dir};
use std::path::{Path, PathBuf};

/// The version of the data file that a save is about to replace, kept as a
/// backup by [`keep_current`] or [`Early::name`].
pub(super) enum Current {
    /// The newest backup already held it, or a copy was written.
    Held,
    /// The backup is a second name of the data file itself (a hard link)
    /// until the new version is renamed over it: then call
    /// [`Current::replaced`]; if the rename fails, [`Current::kept_in_place`].
    /// With `replaces`, it took the name of a copy removed to give its room
    /// back.
    Linked { kept: PathBuf, replaces: bool },
}

/// Keeps the data file at `path`, as it is now, as the newest backup, unless
/// the newest backup already holds it; call with the file's lock held, just
/// before the new version is renamed over it. The file is not read into
/// memory: it is compared with the newest backup a block at a time, and
/// kept as a hard link (no copy at all) when it has no other name and the
/// backup folder is on its file system; else it is copied, in the kernel.
/// When the newest backup holds it, that backup is flushed to disk (a copy
/// a save wrote and left to the system to store is about to be the
/// version's only copy).
pub(super) fn keep_current(path: &Path) -> Result<Current, SaveError> {
    let folder = Folder::ready(path)?;
    if let Some(newest) = folder.existing.first()
        && content::same(&newest.path, path)
    {
        std::fs::File::open(&newest.path)
            .and_then(|file| file.sync_all())
            .map_err(|reason| SaveError::Io {
                path: newest.path.clone(),
                reason,
            })?;
        return Ok(Current::Held);
    }
    let linked = if has_one_name(path) {
        folder.link(path)
    } else {
        None
    };
    // The oldest backups go once the new version is kept too ([`keep`]).
    Ok(match linked {
        Some(kept) => Current::Linked {
            kept,
            replaces: false,
        },
        None => {
            folder.name(folder.filled(|temp| copy_from(path, temp))?)?;
            Current::Held
        }
    })
}

/// The data file as it was when a save began, given a temporary second
/// name in the backup folder by [`early`].
pub(super) struct Early {
    /// The temporary name (removed when dropped unnamed).
    link: tempfile::TempPath,
    /// The file it names, as the system knows it: its identity, and its
    /// [`Marks`] (an edit in place keeps the identity).
    file: (FileId, Option<Marks>),
    /// The newest backup, when it held the same bytes: the link takes its
    /// name once the new version is written.
    replaces: Option<PathBuf>,
}

/// While a save writes the new version: gives the data file at `path` a
/// temporary second name in the backup folder, and compares it with the
/// newest backup. `None` when no link can be made (the file has another
/// name, the folder is on another disk, the system refuses): the file is
/// then kept by [`keep_current`] after the writing, as a copy if need be
/// (which must not take the room the new version needs).
pub(super) fn early(path: &Path) -> Option<Early> {
    if !has_one_name(path) {
        return None;
    }
    let folder = Folder::ready(path).ok()?;
    let link = folder.temp_link(path)?;
    let file = (FileId::of(&link)?, size_and_time(&link));
    let replaces = (folder.existing.first())
        .filter(|newest| content::same(&newest.path, &link))
        .map(|newest| newest.path.clone());
    Some(Early {
        link,
        file,
        replaces,
    })
}

impl Early {
    /// Once the new version is written, before its copy is staged: makes
    /// the link a backup. When the newest backup held the same bytes, the
    /// link takes its name (a rename over it, which gives the copy's room
    /// back); else it gets the next free name. When someone replaced the data file meanwhile, or wrote it in
    /// place, neither version is lost: the newer one is kept as any file a
    /// save replaces ([`keep_current`]).
    pub(super) fn name(self, path: &Path) -> Result<Current, SaveError> {
        let Early {
            link,
            file,
            replaces,
        } = self;
        let same_file = FileId::of(path).is_some_and(|now| now == file.0);
        let now = size_and_time(&link);
        // The change time moves when the file loses the data file's name
        // too (a rename over it): it tells an edit in place only.
        let untouched = match (now, file.1) {
            (Some(now), Some(then)) if same_file => now == then,
            (Some(now), Some(then)) => (now.0, now.1) == (then.0, then.1),
            _ => false,
        };
        let still = untouched && same_file;
        let folder = Folder::ready(path)?;
        let io_err = |reason| SaveError::Io {
            path: folder.dir().to_path_buf(),
            reason,
        };
        let kept = match &replaces {
            // The newest backup holds it: only the newer file is kept.
            Some(_) if untouched && !still => return keep_current(path),
            Some(newest) if untouched => {
                link.persist(newest).map_err(|e| io_err(e.error))?;
                newest.clone()
            }
            _ => match folder.name_link(link) {
                Ok(kept) => kept,
                // Copied instead, as when no link could be made.
                Err(_) => return keep_current(path),
            },
        };
        // Flushed like every backup name; should it fail, the name is
        // there all the same, and the version in the data file until then.
        let _ = sync_dir(folder.dir());
        let current = Current::Linked {
            kept,
            replaces: still && replaces.is_some(),
        };
        if still {
            return Ok(current);
        }
        // The newer file is kept as any file a save replaces. Replaced by
        // a rename, the file it was is a backup of its own now (made
        // private); written in place, it is still the data file too.
        if !same_file {
            current.replaced();
        }
        keep_current(path)
    }
}

/// A file's size, modification time and (on Unix) change time, in
/// nanoseconds where the file system keeps them: what tells an edit made
/// in place.
type Marks = (u64, std::time::SystemTime, i64, i64);

/// A file's [`Marks`], when they can be read.
fn size_and_time(path: &Path) -> Option<Marks> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    #[cfg(unix)]
    let changed = {
        use std::os::unix::fs::MetadataExt;
        (meta.ctime(), meta.ctime_nsec())
    };
    #[cfg(not(unix))]
    let changed = (0, 0);
    Some((meta.len(), meta.modified().ok()?, changed.0, changed.1))
}

impl Current {
    /// Once the new version is renamed over the data file: a linked backup
    /// is now that version's only name, and is made private (0600) like
    /// every backup. (The folder is private anyway; a crash before this
    /// leaves the old file's mode on it.)
    pub(super) fn replaced(self) {
        #[cfg(unix)]
        if let Current::Linked { kept, .. } = self {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o600));
        }
    }

    /// When the new version was not renamed over the data file: a linked
    /// backup would still be the data file itself (an edit of one would
    /// change the other). A new one goes, since the version was not
    /// replaced. One that took the name of a copy removed to give its room
    /// back becomes a copy again; if that cannot be written (the disk is
    /// full), it stays a second name, the only backup of the version.
    pub(super) fn kept_in_place(self, path: &Path) {
        let Current::Linked { kept, replaces } = self else {
            return;
        };
        if replaces {
            // Copied from the backup's own name: the data file may be
            // another file by now.
            let copied =
                Folder::ready(path).and_then(|folder| folder.filled(|temp| copy_from(&kept, temp)));
            if let Ok(copy) = copied
                && copy.persist(&kept).is_ok()
                && let Some(dir) = kept.parent()
            {
                let _ = sync_dir(dir);
            }
            return;
        }
        let _ = std::fs::remove_file(&kept);
        if let Some(dir) = kept.parent() {
            let _ = sync_dir(dir);
        }
    }
}

/// A file as the system knows it, whatever its names.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct FileId(u64, u64);

impl FileId {
    #[cfg(unix)]
    pub(super) fn of(path: &Path) -> Option<FileId> {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::symlink_metadata(path).ok()?;
        Some(FileId(meta.dev(), meta.ino()))
    }

    #[cfg(not(unix))]
    pub(super) fn of(_path: &Path) -> Option<FileId> {
        None
    }
}

/// Whether the regular file at `path` has no other name than this one: a
/// hard link to it then shares it with nobody once it is replaced.
fn has_one_name(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.nlink() == 1)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// Copies the file at `path` into `temp` (in the kernel where it can).
fn copy_from(path: &Path, temp: &mut Behind<'_>) -> std::io::Result<()> {
    let (mut file, len) = open_checked(path).map_err(std::io::Error::other)?;
    // File to file: the kernel copies (copy_file_range), nothing passes
    // through this process.
    let copied = temp.copy_from(&mut file)?;
    if copied == len {
        Ok(())
    } else {
        Err(std::io::Error::other(
            "the file changed while it was copied",
        ))
    }
}
