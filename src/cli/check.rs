//! `check`: load and validate the data file; for a file that does not
//! load, list its backups and how to put one back.

use super::args::Cli;
use super::{CliError, data_path};
use partnermap::date::today;
use partnermap::model::Headcount;
use partnermap::text::{path as shown, printable};
use partnermap::{lookalike, store};
use std::path::Path;

/// Says the file is valid, with its counts; look-alike people are warnings
/// only (such a file is valid, and may be right).
pub fn run(cli: &Cli) -> Result<(), CliError> {
    let path = data_path(cli)?;
    let p = match store::load(&path) {
        Ok(p) => p,
        Err(e) => {
            let list = backup_list(&path);
            let error = CliError::from(e);
            return Err(match list {
                Some(list) => error.with_hint(list),
                None => error,
            });
        }
    };
    // Counted as the JSON summary and the UI count: active people, with
    // those who have left said apart.
    let people = Headcount::on(&p, today())
        .describe(&printable(&p.names.ours), &printable(&p.names.partner));
    println!(
        "ok: {} is valid — {people}, {}, {}",
        shown(&path),
        partnermap::words::plural(p.ties.len(), "declared tie", "declared ties"),
        partnermap::words::plural(p.meetings.len(), "meeting", "meetings")
    );
    for group in lookalike::lookalikes(&p) {
        eprintln!("warning: {}", group.describe(&p));
    }
    Ok(())
}

/// The backups of a file that does not load, newest first, and how to put
/// one back; `None` when there are none.
fn backup_list(path: &Path) -> Option<String> {
    let backups = store::backups(path);
    if backups.is_empty() {
        return None;
    }
    let restorable = store::restorable(path);
    // Read only when a regular file of sane size; backups likewise.
    let current = store::read_bytes(path).ok();
    let mut out = format!(
        "Backups of this file, newest first (in {}):",
        shown(&store::backup_dir(path))
    );
    // Those newer than the one to restore were passed over: say why. Older
    // ones are not read (a big file takes a while to load).
    let mut passed_over = restorable.is_some();
    for b in &backups {
        let name = b
            .path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let state = if restorable.as_ref() == Some(b) {
            passed_over = false;
            "  ← restore puts back this one"
        } else if !passed_over {
            ""
        } else if current.is_some() && store::read_bytes(&b.path).ok() == current {
            "  (the same as the file)"
        } else {
            "  (does not load)"
        };
        out.push_str(&format!(
            "\n  {}  {}{state}",
            b.local_time(),
            printable(&name)
        ));
    }
    match restorable {
        Some(b) => out.push_str(&format!(
            "\nTo put it back: partnermap --file {} restore\n(or by hand: cp {} {})",
            store::shell_quote(path),
            store::shell_quote(&b.path),
            store::shell_quote(path)
        )),
        None => out.push_str("\nNone of them loads and differs from the file; pass one to `partnermap restore BACKUP` to put it back anyway."),
    }
    Some(out)
}
