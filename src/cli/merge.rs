//! `merge BASE OURS THEIRS`: git's merge driver for the data file. The
//! three versions are merged record by record ([`partnermap::merge`]); the
//! result is written to OURS atomically, and only when it loads. Conflicts
//! are listed on standard error and exit 1, so that git marks the file.

use super::CliError;
use super::args::MergeArgs;
use partnermap::merge::{self, Merged};
use partnermap::model::Partnership;
use partnermap::store;
use partnermap::text::{path as shown, printable};
use partnermap::words::merge as words;
use std::path::Path;

/// Merges and writes OURS; exit 1 (with OURS written, and loading) when
/// there were conflicts, exit 1 with nothing written when a version does
/// not load or the merge would not.
pub fn run(args: &MergeArgs) -> Result<(), CliError> {
    let name = args.name.as_deref().map_or_else(
        || shown(&args.ours).into_owned(),
        |n| printable(n).into_owned(),
    );
    let base = load_base(&args.base)?;
    let ours = load(&args.ours)?;
    let theirs = load(&args.theirs)?;
    let merged = merge::merge(&base, &ours, &theirs).map_err(|e| {
        CliError::failed(format!(
            "{name}: {}; it was left as our side has it",
            words::unmergeable(&ours, &e)
        ))
    })?;
    write(&args.ours, &merged.partnership)?;
    report(&name, &merged)
}

/// The common ancestor; an empty file (git's base when both sides added
/// the file) is an empty partnership.
fn load_base(path: &Path) -> Result<Partnership, CliError> {
    let bytes = store::read_bytes(path).map_err(not_loaded)?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Partnership::default());
    }
    load(path)
}

/// One version, which must load.
fn load(path: &Path) -> Result<Partnership, CliError> {
    store::load(path).map_err(not_loaded)
}

/// A version that is not there is not a data file to create (as the
/// library's error would advise elsewhere): it is just missing.
fn not_loaded(e: store::LoadError) -> CliError {
    match e {
        store::LoadError::NotFound { path } => CliError::failed(format!(
            "{}: no such file, so nothing was merged",
            shown(&path)
        )),
        other => CliError::from(other).context("nothing was merged"),
    }
}

/// Writes the merge over OURS, after checking that the text loads.
fn write(path: &Path, merged: &Partnership) -> Result<(), CliError> {
    let text = store::to_text(merged);
    if let Err(e) = store::parse(&text, path) {
        return Err(CliError::failed(format!(
            "the merge does not load, so nothing was written: {e}"
        )));
    }
    store::write_atomic(path, text.as_bytes(), true)?;
    Ok(())
}

/// Says what needs a look: the meetings renumbered, then each conflict;
/// conflicts fail the command (exit 1) with the file written.
fn report(name: &str, merged: &Merged) -> Result<(), CliError> {
    let p = &merged.partnership;
    for r in &merged.renumbered {
        eprintln!("note: {name}: {}", words::renumbered(r));
    }
    for c in &merged.conflicts {
        eprintln!("conflict: {name}: {}", words::conflict(p, c));
    }
    let outcome = words::outcome(merged);
    if merged.is_clean() {
        eprintln!("{name}: {outcome}");
        return Ok(());
    }
    Err(CliError::failed(format!(
        "{name}: {outcome}; each says what was kept, and the file loads: look at them, edit if needed, then commit"
    )))
}
