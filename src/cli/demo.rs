//! `demo [--fresh]` and the command to run next: what a new user types
//! first, so it must work every time and say where to go from there.

use super::args::{Cli, DemoArgs};
use super::{CliError, data_path, warn};
use partnermap::date::today;
use partnermap::text::path as shown;
use partnermap::{demo, store};
use std::io::IsTerminal;
use std::path::Path;

/// `partnermap [--file FILE] REST`: the same `--file` the user gave (shell
/// quoted), none when they gave none ($PARTNERMAP_FILE or the default
/// then finds the same file again).
pub fn next_command(file: Option<&Path>, rest: &str) -> String {
    match file {
        Some(file) => format!("partnermap --file {} {rest}", store::shell_quote(file)),
        None => format!("partnermap {rest}"),
    }
}

/// Writes the demo when there is no data file; leaves an existing file as
/// it is and says so, unless `--fresh` (which keeps a backup of the old
/// file). Then opens the UI on a terminal, or says what to run next.
pub fn run(cli: &Cli, args: &DemoArgs) -> Result<(), CliError> {
    let path = data_path(cli)?;
    let demo = demo::demo(today());
    let exists = std::fs::symlink_metadata(&path).is_ok();
    if !exists {
        let saved = store::save_new(&path, &demo)?;
        warn(saved.warning.as_deref());
        println!(
            "Wrote the demo partnership ({}) to {}",
            partnermap::text::printable(&demo.names.name),
            shown(&path)
        );
    } else if args.fresh {
        // Through the store's save: the old file is kept as a backup first.
        let saved = store::save(&path, &demo)?;
        warn(saved.warning.as_deref());
        println!(
            "Wrote the demo partnership ({}) afresh to {}; the old file is kept in {}",
            partnermap::text::printable(&demo.names.name),
            shown(&path),
            shown(&store::backup_dir(&path))
        );
    } else {
        // Left as it is; a file that does not load is said as `check` says it.
        store::load(&path)?;
        println!(
            "{} already exists, so it was left as it is (to start the demo again: {})",
            shown(&path),
            next_command(cli.file.as_deref(), "demo --fresh")
        );
    }
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        return super::ui::run(cli);
    }
    println!(
        "Next: {}   (or open the terminal UI: {})",
        next_command(cli.file.as_deref(), "risks"),
        next_command(cli.file.as_deref(), "").trim_end()
    );
    Ok(())
}
