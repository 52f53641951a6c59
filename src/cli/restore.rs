//! `restore [BACKUP]`: put back a backup of the data file — the newest that
//! loads and differs from it, unless one is named. The version replaced is
//! kept as a backup too, so a restore can be undone.

use super::args::{Cli, RestoreArgs};
use super::{CliError, data_path, waiting, warn};
use partnermap::store;
use partnermap::text::path as shown;
use std::path::{Path, PathBuf};

/// Puts the backup back, or says why not.
pub fn run(cli: &Cli, args: &RestoreArgs) -> Result<(), CliError> {
    let path = data_path(cli)?;
    let loaded = store::load(&path);
    // A FIFO, a device or a folder is no data file to put a backup in.
    if let Err(e @ store::LoadError::NotAFile { .. }) = loaded {
        return Err(e.into());
    }
    let backup = match &args.backup {
        Some(b) => in_backup_dir(&path, b),
        None => backup_to_restore(&path, loaded.is_ok())?,
    };
    if same_file(&backup, &path) {
        return Err(CliError::failed(format!(
            "{}: that is the data file itself",
            shown(&backup)
        )));
    }
    if store::read_bytes(&backup).ok() == store::read_bytes(&path).ok() && loaded.is_ok() {
        println!(
            "{} is already the same as {}: nothing to do",
            shown(&path),
            shown(&backup)
        );
        return Ok(());
    }
    let saved = store::restore_noticing(&path, &backup, &mut waiting)?;
    println!(
        "Restored {} from {}\nThe version it replaced is kept in {}",
        shown(&path),
        shown(&backup),
        shown(&store::backup_dir(&path))
    );
    warn(saved.warning.as_deref());
    Ok(())
}

/// A backup named as `check` lists it, by its bare name, is looked for in
/// the backup folder when there is no such file here.
fn in_backup_dir(path: &Path, named: &Path) -> PathBuf {
    let there = store::backup_dir(path).join(named);
    let bare = named.components().count() == 1;
    if bare
        && std::fs::symlink_metadata(named).is_err()
        && std::fs::symlink_metadata(&there).is_ok()
    {
        there
    } else {
        named.to_path_buf()
    }
}

/// The backup to put back when none is named: only for a file that does
/// not load. A file that loads is not put back by guesswork: running
/// `restore` twice "to be sure" would silently take back a good change.
fn backup_to_restore(path: &Path, loads: bool) -> Result<PathBuf, CliError> {
    let dir = store::backup_dir(path);
    let failed = |text: String| Err(CliError::failed(text));
    match store::restorable(path) {
        Some(b) if !loads => Ok(b.path),
        // The example named is one that differs from the file: the newest
        // backup is usually the file itself, and would do nothing.
        Some(earlier) => failed(format!(
            "{}: the file loads fine, so nothing was restored; to go back to an earlier version anyway, name a backup from {}, e.g. partnermap --file {} restore {}",
            shown(path),
            shown(&dir),
            store::shell_quote(path),
            store::shell_quote(&earlier.path)
        )),
        None if store::backups(path).is_empty() => failed(if loads {
            format!(
                "{}: the file loads fine, and there are no backups of it in {}",
                shown(path),
                shown(&dir)
            )
        } else {
            format!(
                "{}: no backups of this file in {}",
                shown(path),
                shown(&dir)
            )
        }),
        None if loads => failed(format!(
            "{}: the file loads fine, and every backup in {} is the same as it: nothing to restore",
            shown(path),
            shown(&dir)
        )),
        None => failed(format!(
            "{}: no backup in {} loads and differs from the file; name one to restore it anyway",
            shown(path),
            shown(&dir)
        )),
    }
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
