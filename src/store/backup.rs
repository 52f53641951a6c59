//! Backups: the last versions of a data file, kept in `.partnermap-backups/`
//! beside it as `<file name>.<YYYYMMDDTHHMMSSZ>[-N].json` (the time in UTC;
//! `-N` when several fall in one second). The newest [`KEEP_BACKUPS`] are
//! kept; the folder is private (0700) and so is every backup (0600).
//!
//! A save keeps the version it replaces, unless the newest backup already
//! holds it (see `replaced.rs`), and then a copy of the version it wrote
//! (not flushed: the system stores it; the data file holds the version
//! until the next save, which flushes the copy when the data file it
//! replaces is the only other one). So the newest backup
//! is the last version partnermap saved: when the file is later broken by
//! hand, by a merge or by a sync tool, nothing partnermap wrote is lost, and
//! a version someone else wrote is kept before partnermap replaces it.
//!
//! Only regular files count as backups: anything else in the folder (a FIFO,
//! a link, a device) is never read and never removed, and a backup folder
//! that is itself a symbolic link is not used at all.

use super::behind::{Behind, write_synced};
use super::{SaveError, content, create_private_dir, read_bytes, sync_dir, temp_prefix};
use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The folder of backups, beside the data file.
pub const BACKUP_DIR: &str = ".partnermap-backups";

/// How many backups of one data file are kept.
pub const KEEP_BACKUPS: usize = 5;

/// One kept version of a data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    /// When the version was replaced (the time in the backup's name).
    pub time: Timestamp,
    /// Tells apart several backups made in the same second (0, 1, 2, …).
    pub seq: u32,
}

impl Backup {
    /// The time in the local time zone, as `2026-11-24 10:15:02`.
    pub fn local_time(&self) -> String {
        self.time
            .to_zoned_datetime(TimeZone::system())
            .strftime("%Y-%m-%d %H:%M:%S")
            .to_string()
    }
}

/// The backup folder of the data file at `path`.
pub fn backup_dir(path: &Path) -> PathBuf {
    let resolved = super::resolve_link(path);
    match resolved.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join(BACKUP_DIR),
        _ => PathBuf::from(BACKUP_DIR),
    }
}

fn file_name(path: &Path) -> OsString {
    super::resolve_link(path)
        .file_name()
        .map_or_else(|| OsString::from("partnership.json"), OsString::from)
}

/// The backups of the data file at `path`, newest first. Files in the
/// folder that are not backups of this file are never listed (or removed).
pub fn backups(path: &Path) -> Vec<Backup> {
    let dir = backup_dir(path);
    let name = file_name(path);
    if is_link(&dir) {
        return Vec::new();
    }
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut found: Vec<Backup> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|entry| {
            let (time, seq) = parse_name(&name, &entry.file_name())?;
            Some(Backup {
                path: entry.path(),
                time,
                seq,
            })
        })
        .collect();
    found.sort_by_key(|b| std::cmp::Reverse((b.time, b.seq)));
    found
}

/// Whether `path` is a symbolic link (not following it).
fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// `<name>.<YYYYMMDDTHHMMSSZ>[-N].json` → (time, N).
fn parse_name(data_name: &OsString, entry: &std::ffi::OsStr) -> Option<(Timestamp, u32)> {
    let rest = entry
        .as_encoded_bytes()
        .strip_prefix(data_name.as_encoded_bytes())?
        .strip_prefix(b".")?
        .strip_suffix(b".json")?;
    let rest = std::str::from_utf8(rest).ok()?;
    let (stamp, seq) = match rest.split_once('-') {
        Some((stamp, seq)) if !seq.is_empty() && seq.bytes().all(|b| b.is_ascii_digit()) => {
            (stamp, seq.parse().ok()?)
        }
        Some(_) => return None,
        None => (rest, 0),
    };
    if stamp.len() != 16 || !stamp.ends_with('Z') {
        return None;
    }
    let civil = DateTime::strptime("%Y%m%dT%H%M%SZ", stamp).ok()?;
    let time = civil.to_zoned_datetime(TimeZone::UTC).ok()?.timestamp();
    Some((time, seq))
}

fn backup_name(data_name: &OsString, time: Timestamp, seq: u32) -> OsString {
    let mut name = data_name.clone();
    name.push(".");
    name.push(time.strftime("%Y%m%dT%H%M%SZ").to_string());
    if seq > 0 {
        name.push(format!("-{seq}"));
    }
    name.push(".json");
    name
}

/// Keeps `bytes`, the version of the data file at `path` that was just
/// written, as its newest backup, and removes all but the newest
/// [`KEEP_BACKUPS`]. Nothing is written when the newest backup already holds
/// these bytes. Returns the backup that holds them. Call with the file's lock
/// held.
pub(crate) fn keep(path: &Path, bytes: &[u8]) -> Result<PathBuf, SaveError> {
    stage(
        path,
        |newest| content::holds(newest, bytes),
        |temp| temp.write_all(bytes),
    )?
    .name(path)
}

/// The version a save writes, on its way to becoming the newest backup:
/// written under a temporary name before the data file is
/// replaced, named (and so listed) only after, so that the newest backup
/// is always a version that was saved. Dropped unnamed, it is removed.
pub(crate) enum Staged {
    /// The newest backup already holds it.
    Held(PathBuf),
    Ready(Folder, tempfile::NamedTempFile),
}

/// Stages the version a save is writing as the next backup: `holds` tells
/// whether a backup holds it already, `fill` writes it. Call with the
/// file's lock held.
pub(crate) fn stage(
    path: &Path,
    holds: impl FnOnce(&Path) -> bool,
    fill: impl FnOnce(&mut Behind<'_>) -> std::io::Result<()>,
) -> Result<Staged, SaveError> {
    let folder = Folder::ready(path)?;
    if let Some(held) = folder.held(holds) {
        return Ok(Staged::Held(held));
    }
    folder.remove_stale();
    let temp = folder.filled(fill)?;
    Ok(Staged::Ready(folder, temp))
}

/// [`stage`] of a version already written into `temp`, a file made by
/// [`Folder::temp`] (removed when a backup holds the version already).
pub(crate) fn stage_written(
    path: &Path,
    holds: impl FnOnce(&Path) -> bool,
    temp: tempfile::NamedTempFile,
) -> Result<Staged, SaveError> {
    let folder = Folder::ready(path)?;
    Ok(match folder.held(holds) {
        Some(held) => Staged::Held(held),
        None => Staged::Ready(folder, temp),
    })
}

impl Staged {
    /// Gives the staged backup its name, then removes all but the newest
    /// [`KEEP_BACKUPS`]; the backup that holds the version.
    pub(crate) fn name(self, path: &Path) -> Result<PathBuf, SaveError> {
        let (folder, kept) = match self {
            Staged::Held(kept) => (Folder::ready(path)?, kept),
            Staged::Ready(folder, temp) => {
                let kept = folder.name(temp)?;
                (folder, kept)
            }
        };
        folder.prune(path);
        Ok(kept)
    }
}

/// The backup folder of one data file, ready to be written to: its path,
/// the data file's name and the backups it holds, newest first.
pub(super) struct Folder {
    dir: PathBuf,
    name: OsString,
    pub(super) existing: Vec<Backup>,
}

impl Folder {
    /// Creates the folder when needed; refuses one that is a link.
    pub(super) fn ready(path: &Path) -> Result<Folder, SaveError> {
        let dir = backup_dir(path);
        if is_link(&dir) {
            return Err(SaveError::Link { path: dir });
        }
        if !dir.is_dir() {
            create_private_dir(&dir).map_err(|reason| SaveError::Io {
                path: dir.clone(),
                reason,
            })?;
        }
        Ok(Folder {
            name: file_name(path),
            existing: backups(path),
            dir,
        })
    }

    fn io_err(&self, reason: std::io::Error) -> SaveError {
        SaveError::Io {
            path: self.dir.clone(),
            reason,
        }
    }

    /// The name of the next backup: now, or just after the newest one
    /// (names only ever grow, even when the clock goes back).
    fn next(&self) -> (Timestamp, u32) {
        let now = Timestamp::now();
        match self.existing.first() {
            Some(newest)
                if Timestamp::from_second(now.as_second()).unwrap_or(now) <= newest.time =>
            {
                (newest.time, newest.seq + 1)
            }
            _ => (now, 0),
        }
    }

    /// The newest backup, when `holds` says it holds the version (compared
    /// a block at a time, and only when the sizes agree: a save after an
    /// edit usually changes the size).
    fn held(&self, holds: impl FnOnce(&Path) -> bool) -> Option<PathBuf> {
        let newest = self.existing.first()?;
        holds(&newest.path).then(|| newest.path.clone())
    }

    /// A new backup, filled by `fill` in a private temporary file and
    /// flushed, not named yet.
    pub(super) fn filled(
        &self,
        fill: impl FnOnce(&mut Behind<'_>) -> std::io::Result<()>,
    ) -> Result<tempfile::NamedTempFile, SaveError> {
        let mut temp = self.temp()?;
        write_synced(temp.as_file_mut(), fill).map_err(|e| self.io_err(e))?;
        Ok(temp)
    }

    /// Removes the temporary files a killed save left in the folder. Call
    /// with the lock held, before this save makes any.
    pub(super) fn remove_stale(&self) {
        super::remove_stale_temp_files(&self.dir, &self.name);
    }

    /// A private temporary file for a new backup, empty.
    pub(super) fn temp(&self) -> Result<tempfile::NamedTempFile, SaveError> {
        tempfile::Builder::new()
            .prefix(&temp_prefix(&self.name))
            .rand_bytes(super::TEMP_RANDOM_CHARS)
            .suffix(".tmp")
            .tempfile_in(&self.dir)
            .map_err(|e| self.io_err(e))
    }

    /// Gives a filled backup the next free name, and flushes the folder.
    pub(super) fn name(&self, temp: tempfile::NamedTempFile) -> Result<PathBuf, SaveError> {
        let kept = self
            .name_link(temp.into_temp_path())
            .map_err(|e| self.io_err(e))?;
        sync_dir(&self.dir).map_err(|e| self.io_err(e))?;
        Ok(kept)
    }

    /// The file at `path` given the next free backup name as a second name
    /// (a hard link, flushed to disk); `None` when that cannot be done
    /// (another file system, a system that refuses it).
    pub(super) fn link(&self, path: &Path) -> Option<PathBuf> {
        let (time, mut seq) = self.next();
        let kept = loop {
            let target = self.dir.join(backup_name(&self.name, time, seq));
            match std::fs::hard_link(path, &target) {
                Ok(()) => break target,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && seq < 10_000 => {
                    seq += 1;
                }
                Err(_) => return None,
            }
        };
        if sync_dir(&self.dir).is_err() {
            let _ = std::fs::remove_file(&kept);
            return None;
        }
        Some(kept)
    }

    /// The folder.
    pub(super) fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file at `path` given a temporary second name in the folder (a
    /// hard link, named like a temporary file, so that one left by a crash
    /// is removed by the next save); `None` when no link can be made.
    pub(super) fn temp_link(&self, path: &Path) -> Option<tempfile::TempPath> {
        tempfile::Builder::new()
            .prefix(&temp_prefix(&self.name))
            .rand_bytes(super::TEMP_RANDOM_CHARS)
            .suffix(".tmp")
            .make_in(&self.dir, |name| std::fs::hard_link(path, name))
            .ok()
            .map(tempfile::NamedTempFile::into_temp_path)
    }

    /// Gives a temporary file or a link made by [`Folder::temp_link`] the
    /// next free backup name (the folder is flushed by the caller).
    pub(super) fn name_link(&self, mut link: tempfile::TempPath) -> std::io::Result<PathBuf> {
        let (time, mut seq) = self.next();
        loop {
            let target = self.dir.join(backup_name(&self.name, time, seq));
            match link.persist_noclobber(&target) {
                Ok(()) => return Ok(target),
                Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists && seq < 10_000 => {
                    link = e.path;
                    seq += 1;
                }
                Err(e) => return Err(e.error),
            }
        }
    }

    /// Removes all but the newest [`KEEP_BACKUPS`] − 1, when a save is
    /// about to add one: done while the new version is written, since
    /// giving a large file's room back takes the disk a while.
    pub(super) fn make_room(&self) {
        remove_all_but(&self.existing, KEEP_BACKUPS - 1);
    }

    /// Removes all but the newest [`KEEP_BACKUPS`].
    fn prune(&self, path: &Path) {
        remove_all_but(&backups(path), KEEP_BACKUPS);
    }
}

/// Removes all but the newest `keep` of `backups` (newest first).
fn remove_all_but(backups: &[Backup], keep: usize) {
    for old in backups.iter().skip(keep) {
        // A backup that cannot be removed is only a file too many.
        let _ = std::fs::remove_file(&old.path);
    }
}

/// The backup that [`super::restore`] would bring back when none is named:
/// the newest that loads and differs from the data file as it is now.
pub fn restorable(path: &Path) -> Option<Backup> {
    let current = read_bytes(path).ok();
    backups(path).into_iter().find(|b| {
        read_bytes(&b.path).is_ok_and(|bytes| {
            current.as_deref() != Some(bytes.as_slice())
                && std::str::from_utf8(&bytes).is_ok_and(|text| super::parse(text, &b.path).is_ok())
        })
    })
}

/// `path` as a shell word: left alone when plain, else in single quotes.
/// A path with control or bidirectional characters is written in bash's
/// `$'…'` form with those characters as their UTF-8 bytes (`\xHH`), so
/// that the message shows no raw ESC or line break and the command still
/// names the file when pasted into bash or zsh, whatever the locale.
pub fn shell_quote(path: &Path) -> String {
    let text = path.to_string_lossy();
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+,:@".contains(c))
    {
        text.into_owned()
    } else if text.chars().any(crate::text::needs_escape) {
        let mut out = String::from("$'");
        for c in text.chars() {
            match c {
                '\\' | '\'' => {
                    out.push('\\');
                    out.push(c);
                }
                c if crate::text::needs_escape(c) => {
                    for byte in c.encode_utf8(&mut [0; 4]).bytes() {
                        out.push_str(&format!("\\x{byte:02x}"));
                    }
                }
                c => out.push(c),
            }
        }
        out.push('\'');
        out
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}
