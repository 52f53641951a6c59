//! Command lines suggested to the user from more than one place: the
//! command line and the terminal UI say the same words. The library's
//! errors hold facts (a path, a backup); the advice is built here, above
//! `store`, never inside it.

use crate::store;
use std::path::Path;

/// One line telling how to restore the data file at `path` from a backup,
/// or `None` when it has none that loads. For messages about a file that
/// does not load; the command line and the terminal UI show the same line.
pub fn restore_hint(path: &Path) -> Option<String> {
    let backup = store::restorable(path)?;
    Some(format!(
        "hint: a backup from {} is kept ({}); restore it with: partnermap --file {} restore",
        backup.local_time(),
        crate::text::path(&backup.path),
        store::shell_quote(path)
    ))
}
