//! The version of the data file that a save replaces, kept as a backup
//! without being read into memory: the old file itself, given a second
//! name in the backup folder (nothing copied), or, when the file has
//! another name too (a hard link someone made) or the link cannot be made,
//! a copy made by the kernel.
//!
//! The link is made while the new version is written ([`early`]), under a
//! temporary name that is not a backup (a crash leaves it for the next
//! save to remove, and an edit of the data file made through it changes no
//! backup); it becomes a backup just before the rename ([`Early::name`]).
//! When the newest backup is a copy of the same bytes, that copy is removed
//! then too: its room is given back while the new version is written,
//! which takes the disk a while for a large file, and the old file takes
//! its name. The data file holds the version meanwhile.

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
    /// The file it names, as the system knows it (device, inode).
    file: FileId,
    /// The newest backup's name, when it held the same bytes and was
    /// removed: the link takes it.
    replaces: Option<PathBuf>,
}

/// While a save writes the new version: gives the data file at `path` a
/// temporary second name in the backup folder, and, when the newest
/// backup holds the same bytes, removes that backup (its room is given
/// back now, not in the rename). `None` when no link can be made (the file
/// has another name, the folder is on another disk, the system refuses):
/// the file is then kept by [`keep_current`] after the writing, as a copy
/// if need be (which must not take the room the new version needs).
pub(super) fn early(path: &Path) -> Option<Early> {
    if !has_one_name(path) {
        return None;
    }
    let folder = Folder::ready(path).ok()?;
    let link = folder.temp_link(path)?;
    let file = FileId::of(&link)?;
    let replaces = match folder.existing.first() {
        Some(newest) if content::same(&newest.path, &link) => {
            std::fs::remove_file(&newest.path).ok()?;
            Some(newest.path.clone())
        }
        _ => None,
    };
    Some(Early {
        link,
        file,
        replaces,
    })
}

impl Early {
    /// Just before the rename: names the link as the newest backup (the
    /// removed backup's name, or the next free one), when the data file at
    /// `path` is still the file it names. When someone replaced the data
    /// file meanwhile, the link is put back as the removed backup (if any)
    /// and the newer file is kept by [`keep_current`].
    pub(super) fn name(self, path: &Path) -> Result<Current, SaveError> {
        let still = FileId::of(path).is_some_and(|now| now == self.file);
        let folder = Folder::ready(path)?;
        let replaces = self.replaces.is_some();
        let named = match self.replaces {
            Some(name) => self.link.persist(&name).map(|()| name).map_err(|e| e.error),
            None => folder.name_link(self.link),
        };
        let kept = named.map_err(|reason| SaveError::Io {
            path: folder.dir().to_path_buf(),
            reason,
        })?;
        let _ = sync_dir(folder.dir());
        if still {
            return Ok(Current::Linked { kept, replaces });
        }
        // Someone replaced the data file meanwhile: the file it was is a
        // backup of its own now, and the newer one is kept as any file a
        // save replaces.
        Current::Linked { kept, replaces }.replaced();
        keep_current(path)
    }

    /// When the new version was not written: the link goes, and a backup
    /// removed to give its room back is made again (see
    /// [`Current::kept_in_place`]).
    pub(super) fn undo(self, path: &Path) {
        match self.replaces.clone() {
            Some(name) => {
                if self.link.persist(&name).is_ok() {
                    Current::Linked {
                        kept: name,
                        replaces: true,
                    }
                    .kept_in_place(path);
                }
            }
            None => drop(self.link),
        }
    }
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
            let copied =
                Folder::ready(path).and_then(|folder| folder.filled(|temp| copy_from(path, temp)));
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
