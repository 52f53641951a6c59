//! The version of the data file that a save replaces, kept as a backup
//! without being read into memory: the old file itself, given a second name
//! in the backup folder just before the new version is renamed over it
//! (nothing copied), or, when the file has another name too (a hard link
//! someone made) or the link cannot be made, a copy made by the kernel.

use super::backup::Folder;
use super::behind::Behind;
use super::fs_kind::open_checked;
use super::{SaveError, content, sync_dir};
use std::path::{Path, PathBuf};

/// The version of the data file that a save is about to replace, kept as a
/// backup by [`keep_current`].
pub(super) enum Current {
    /// The newest backup already held it, or a copy was written.
    Held,
    /// The backup is a second name of the data file itself (a hard link)
    /// until the new version is renamed over it: then call
    /// [`Current::replaced`]; if the rename fails, [`Current::kept_in_place`].
    Linked(PathBuf),
    /// The newest backup held it as a copy of its own; its name now leads
    /// to the data file itself (the copy's room given back at once, so that
    /// the rename gives none back). Then as [`Current::Linked`], but if the
    /// rename fails the backup becomes a copy again.
    Swapped(PathBuf),
}

/// Keeps the data file at `path`, as it is now, as the newest backup; call
/// with the file's lock held, before the new version is renamed over it.
/// The file is not read into memory: it is compared with the newest backup
/// a block at a time. When they differ, it is kept as a hard link (no copy
/// at all) when it has no other name and the backup folder is on its file
/// system, else copied in the kernel. When they are the same, the newest
/// backup's name is given to the data file itself ([`Current::Swapped`]),
/// so that the room a large file takes is given back now, not while the
/// save waits for its rename.
pub(super) fn keep_current(path: &Path) -> Result<Current, SaveError> {
    let folder = Folder::ready(path)?;
    if let Some(newest) = folder.existing.first() {
        if same_file(&newest.path, path) {
            return Ok(Current::Held);
        }
        if content::same(&newest.path, path) {
            return Ok(if has_one_name(path) && folder.swap_newest(path) {
                Current::Swapped(newest.path.clone())
            } else {
                Current::Held
            });
        }
    }
    let linked = if has_one_name(path) {
        folder.link(path)
    } else {
        None
    };
    // The oldest backups go once the new version is kept too ([`keep`]).
    Ok(match linked {
        Some(kept) => Current::Linked(kept),
        None => {
            folder.name(folder.filled(|temp| copy_from(path, temp))?)?;
            Current::Held
        }
    })
}

impl Current {
    /// Once the new version is renamed over the data file: a linked backup
    /// is now that version's only name, and is made private (0600) like
    /// every backup. (The folder is private anyway; a crash before this
    /// leaves the old file's mode on it.)
    pub(super) fn replaced(self) {
        #[cfg(unix)]
        if let Current::Linked(path) | Current::Swapped(path) = self {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600));
        }
    }

    /// When the new version could not be renamed over the data file: a
    /// linked backup would still be the data file itself (an edit of one
    /// would change the other). A new one goes, since the version was not
    /// replaced; a swapped one becomes a copy again (or, if that cannot be
    /// written, stays a second name: the data file holds the version).
    pub(super) fn kept_in_place(self, path: &Path) {
        match self {
            Current::Held => {}
            Current::Linked(kept) => {
                let _ = std::fs::remove_file(&kept);
                if let Some(dir) = kept.parent() {
                    let _ = sync_dir(dir);
                }
            }
            Current::Swapped(newest) => {
                let copied = Folder::ready(path)
                    .and_then(|folder| folder.filled(|temp| copy_from(path, temp)));
                if let Ok(copy) = copied
                    && copy.persist(&newest).is_ok()
                    && let Some(dir) = newest.parent()
                {
                    let _ = sync_dir(dir);
                }
            }
        }
    }
}

/// Whether `a` and `b` are names of the same file.
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::symlink_metadata(a), std::fs::symlink_metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
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
