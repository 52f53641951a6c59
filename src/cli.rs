//! The command line: clap definitions and one runner per command. Every
//! runner calls the library; none holds analysis logic of its own.

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;
use partnermap::analysis::Analysis;
use partnermap::change::Change;
use partnermap::date::{parse_relative, today};
use partnermap::edit::{EditError, NewMeeting, Refusal, new_meeting};
use partnermap::export::{self, Format, Style};
use partnermap::graph::Scenario;
use partnermap::model::{Headcount, Partnership};
use partnermap::text::path as shown;
use partnermap::{generate, lookalike, store};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

const ABOUT: &str =
    "Map the contacts of two organisations and see where a partnership hangs on one person.";

const EXAMPLES: &str = "\
Examples:
  partnermap                                open the terminal UI (? there shows the keys)
  partnermap --file acme.json demo          write the demo to acme.json (once) and open it
  partnermap --file acme.json risks         the risk list, worst first
  partnermap risks --format csv --output risks.csv
  partnermap coverage --as-of 2026-06-30    who covers each partner person
  partnermap --as-of 2026-06-30             the terminal UI as of that day
  partnermap meeting add --date today --title QBR --with ana,li
  partnermap check                          validate the data file

The data file is --file, else $PARTNERMAP_FILE, else partnership.json in
your data directory (on Linux $XDG_DATA_HOME/partnermap/).";

#[derive(Debug, Parser)]
#[command(name = "partnermap", version, about = ABOUT, after_help = EXAMPLES)]
pub struct Cli {
    /// The data file (default: $PARTNERMAP_FILE, else partnership.json in your data directory).
    #[arg(long, global = true, value_name = "PATH")]
    pub file: Option<PathBuf>,

    /// Open the terminal UI as of this day (YYYY-MM-DD, today, yesterday, -Nd); the header marks it.
    #[arg(long, value_name = "DATE", value_parser = relative_date, allow_hyphen_values = true)]
    pub as_of: Option<Date>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The risk list: where the partnership hangs on one person, worst first.
    #[command(
        after_help = "Examples:\n  partnermap risks\n  partnermap risks --as-of 2026-06-30 --format markdown --output review.md\n  partnermap risks --format json | jq '.summary'"
    )]
    Risks(ReportArgs),
    /// One row per partner person: who covers them, whom they depend on, last contact.
    #[command(
        after_help = "Examples:\n  partnermap coverage\n  partnermap coverage --format csv --output coverage.csv"
    )]
    Coverage(ReportArgs),
    /// Log meetings without opening the UI.
    #[command(
        subcommand,
        after_help = "Example:\n  partnermap meeting add --date today --title QBR --with ana,li,sam"
    )]
    Meeting(MeetingCommand),
    /// Load and validate the data file; exit 0 when it is valid.
    #[command(
        after_help = "Example:\n  partnermap --file acme.json check\n\nPeople whose names (on one side) or ids look alike (ana, Ana, ＡＮＡ, ana with a\nzero-width space) are listed as warnings on stderr; the exit code stays 0."
    )]
    Check,
    /// Write the demo partnership to the data file, then open it (an existing file is left as it is).
    #[command(
        after_help = "Examples:\n  partnermap --file demo.json demo\n  partnermap --file demo.json demo --fresh\n\nThe demo's dates are moved so that its story is told from today. Without a\nterminal, demo says what to run next instead of opening the UI."
    )]
    Demo(DemoArgs),
    /// Put back a backup of the data file (the newest that loads, unless one is named).
    #[command(
        after_help = "Examples:\n  partnermap --file acme.json restore\n  partnermap --file acme.json restore .partnermap-backups/acme.json.20261124T101502Z.json\n\nBackups are kept in .partnermap-backups/ beside the data file; `check` lists them.\nThe version replaced is kept as a backup too, so a restore can be undone."
    )]
    Restore(RestoreArgs),
    /// Write a synthetic partnership for benchmarks (deterministic for a seed).
    #[command(hide = true)]
    Generate(GenerateArgs),
}

#[derive(Debug, Subcommand)]
pub enum MeetingCommand {
    /// Log a meeting that was held (or is planned).
    #[command(
        after_help = "Examples:\n  partnermap meeting add --date 2026-11-03 --title QBR --with ana,li,sam\n  partnermap meeting add --date yesterday --title \"Finance review\" --with sam --with li"
    )]
    Add(MeetingArgs),
}

#[derive(Debug, Args)]
pub struct MeetingArgs {
    /// The day: YYYY-MM-DD, today, yesterday, tomorrow, -Nd (N days ago) or +Nd (in N days: planned).
    #[arg(long, value_name = "DATE", value_parser = relative_date, allow_hyphen_values = true)]
    pub date: Date,
    /// What the meeting was.
    #[arg(long, value_name = "TEXT")]
    pub title: String,
    /// Attendees' ids, comma-separated or repeated.
    #[arg(
        long = "with",
        value_name = "ID[,ID...]",
        value_delimiter = ',',
        required = true
    )]
    pub with: Vec<String>,
    /// Notes to keep with the meeting.
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub notes: String,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Write the demo anew over an existing file (the old file is kept as a backup).
    #[arg(long)]
    pub fresh: bool,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup to put back (default: the newest that loads and differs from the file).
    #[arg(value_name = "BACKUP")]
    pub backup: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Table,
    Csv,
    Json,
    Markdown,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Table => Format::Table,
            FormatArg::Csv => Format::Csv,
            FormatArg::Json => Format::Json,
            FormatArg::Markdown => Format::Markdown,
        }
    }
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The day to analyse for (YYYY-MM-DD, today, yesterday, tomorrow, -Nd, +Nd); default today.
    #[arg(long, value_name = "DATE", value_parser = relative_date, allow_hyphen_values = true)]
    pub as_of: Option<Date>,
    /// Output format (default: table; with --output, taken from the file's extension: .csv, .json, .md, .txt).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Write to this file (atomically; a device or FIFO is written through) instead of standard output (`-`).
    #[arg(long, value_name = "PATH")]
    pub output: Option<PathBuf>,
}

/// `generate`'s numbers are checked against `generate::PEOPLE` and
/// `generate::MEETINGS` (exit 2 naming the range).
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// How many people (2..=1000000).
    #[arg(long, default_value_t = 1000, value_parser = |t: &str| generate::count(t, generate::PEOPLE), allow_hyphen_values = true)]
    pub people: usize,
    /// How many meetings (0..=10000000).
    #[arg(long, default_value_t = 10_000, value_parser = |t: &str| generate::count(t, generate::MEETINGS), allow_hyphen_values = true)]
    pub meetings: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    #[arg(long, value_parser = relative_date)]
    pub as_of: Option<Date>,
    #[arg(long, value_name = "PATH")]
    pub output: PathBuf,
}

fn relative_date(text: &str) -> Result<Date, String> {
    parse_relative(text, today())
        .map_err(|e| partnermap::text::printable(&e.to_string()).into_owned())
}

/// Bad usage found after parsing (e.g. `--with` naming two look-alike
/// people): exit 2, like the usage errors clap finds.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Usage(pub String);

/// The exit code for an error: 2 for bad usage, else 1.
pub fn exit_code(e: &anyhow::Error) -> u8 {
    if e.downcast_ref::<Usage>().is_some() {
        2
    } else {
        1
    }
}

pub fn data_path(cli: &Cli) -> Result<PathBuf> {
    store::resolve_path(cli.file.as_deref())
        .context("cannot find your data directory; pass --file PATH or set PARTNERMAP_FILE")
}

/// Opens the terminal UI on the data file (the demo when there is none yet).
/// A file that does not load is reported like `check` does, before the
/// terminal is touched.
pub fn run_ui(cli: &Cli) -> Result<()> {
    let path = data_path(cli)?;
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var("TERM").map_or(true, |t| t != "dumb");
    // Load first: a file that does not load is reported as `check` reports
    // it, whether or not there is a terminal.
    let as_of = cli.as_of.unwrap_or_else(today);
    let mut app =
        partnermap::tui::open(path.clone(), as_of, color).map_err(|e| load_failed(&path, e))?;
    app.today = today();
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(
            "the terminal UI needs a terminal; to print the risks instead, run: {}",
            crate::first_run::next_command(cli.file.as_deref(), "risks")
        );
    }
    match partnermap::tui::run(app).context("the terminal failed")? {
        partnermap::tui::Ended::Quit => Ok(()),
        // Killed (SIGTERM) or hung up (SIGHUP): the terminal is restored and
        // every change saved; exit as the shell reports a signal, 128 + N.
        partnermap::tui::Ended::Signal(n) => std::process::exit(128 + n),
    }
}

/// Runs a command; `Ok` means exit 0.
pub fn run(cli: &Cli, command: &Command) -> Result<()> {
    let takes_as_of = matches!(command, Command::Risks(_) | Command::Coverage(_));
    if cli.as_of.is_some() && !takes_as_of {
        return Err(Usage(
            "--as-of goes with no command (the terminal UI), `risks` or `coverage`".into(),
        )
        .into());
    }
    match command {
        Command::Risks(args) => report(cli, args, export::risks, "risks"),
        Command::Coverage(args) => report(cli, args, export::coverage, "coverage"),
        Command::Meeting(MeetingCommand::Add(args)) => meeting_add(cli, args),
        Command::Check => check(cli),
        Command::Demo(args) => crate::first_run::run(cli, args),
        Command::Restore(args) => restore(cli, args),
        Command::Generate(args) => write_generated(args),
    }
}

type Writer = fn(&Partnership, &Analysis, Format, Style) -> String;

/// A load error, with one line on how to restore a backup when there is one.
fn load_failed(path: &Path, e: store::LoadError) -> anyhow::Error {
    match store::restore_hint(path) {
        Some(hint) => anyhow::anyhow!("{e}\n{hint}"),
        None => e.into(),
    }
}

/// Says once, on standard error, that a save is waiting for another writer.
fn waiting(path: &Path) {
    eprintln!(
        "waiting for another partnermap to finish saving {}…",
        shown(path)
    );
}

/// Prints a problem that did not stop a save.
pub fn warn(warning: Option<&str>) {
    if let Some(w) = warning {
        eprintln!("warning: {w}");
    }
}

fn report(cli: &Cli, args: &ReportArgs, write: Writer, what: &str) -> Result<()> {
    // `-` and /dev/stdout are standard output, written as without --output.
    let output = args
        .output
        .as_ref()
        .filter(|out| !matches!(out.to_str(), Some("-" | "/dev/stdout")));
    // Said after the refusals below: naming the data file is the worse mistake.
    let chosen = export::format_for(args.format.map(Format::from), output.map(PathBuf::as_path))
        .map_err(Usage);
    let path = data_path(cli)?;
    let partnership = store::load(&path).map_err(|e| load_failed(&path, e))?;
    let as_of = args.as_of.or(cli.as_of).unwrap_or_else(today);
    let analysis = Analysis::run(&partnership, &Scenario::on(as_of));
    match output {
        Some(out) => {
            if let Some(dir) = out
                .parent()
                .filter(|d| !d.as_os_str().is_empty() && !d.is_dir())
            {
                bail!("{}: the folder {} does not exist", shown(out), shown(dir));
            }
            if let Some(role) = store::role_of(&path, out) {
                bail!(
                    "{}: that is {role}; refusing to overwrite it with the {what}",
                    shown(out)
                );
            }
            let (format, note) = chosen?;
            let text = write(&partnership, &analysis, format, Style::default());
            store::write_atomic(out, text.as_bytes(), true)?;
            eprintln!("Wrote the {what} ({format}) to {}", shown(out));
            if let Some(note) = note {
                eprintln!("note: {note}");
            }
        }
        None => {
            let (format, _) = chosen?;
            let text = write(
                &partnership,
                &analysis,
                format,
                Style { color: use_color() },
            );
            let mut stdout = std::io::stdout().lock();
            if let Err(e) = stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                // A closed pipe (`| head`) is not a failure of ours.
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    bail!("cannot write to standard output: {e}");
                }
            }
        }
    }
    Ok(())
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Colour only on a terminal, and never when `NO_COLOR` is set or the terminal is dumb.
fn use_color() -> bool {
    std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

fn meeting_add(cli: &Cli, args: &MeetingArgs) -> Result<()> {
    let path = data_path(cli)?;
    let base = store::load_stamped(&path).map_err(|e| load_failed(&path, e))?;
    let attendees: Vec<String> = args
        .with
        .iter()
        .map(|id| id.trim().to_string())
        .filter(|id| !id.is_empty())
        .collect();
    // Never one of two look-alike people by guesswork: exit 2 naming them.
    let notes = lookalike::check_typed_ids(&base.partnership, &attendees)
        .map_err(|e| Usage(format!("{}: meeting not logged: {e}", shown(&path))))?;
    let new = NewMeeting {
        date: Some(args.date),
        title: args.title.clone(),
        attendees,
        notes: args.notes.clone(),
    };
    // A meeting of fewer than two active people is bad usage (exit 2).
    let not_logged = |e: &EditError| {
        let text = format!("{}: meeting not logged: {e}", shown(&path));
        match e.kind {
            Refusal::TooFewPeople => anyhow::Error::from(Usage(text)),
            Refusal::Invalid => anyhow::anyhow!(text),
        }
    };
    let meeting = new_meeting(&base.partnership, new).map_err(|e| not_logged(&e))?;
    // Through the file's lock: another writer's changes are kept, and this
    // meeting is renumbered if they took its id meanwhile.
    let change = Change::AddMeeting(meeting);
    let committed =
        store::commit_noticing(&path, &base, &change, &mut waiting).map_err(|e| match e {
            store::CommitError::Refused(e) => not_logged(&e),
            other => anyhow::Error::from(other),
        })?;
    let Change::AddMeeting(meeting) = &committed.change else {
        bail!("{}: meeting not logged", shown(&path));
    };
    let partnership = &committed.partnership;
    let index = partnership.person_index();
    let attendees: Vec<&partnermap::model::Person> = meeting
        .attendees
        .iter()
        .filter_map(|a| {
            index
                .get(a.as_str())
                .and_then(|&i| partnership.people.get(i))
        })
        .collect();
    let names: Vec<&str> = attendees.iter().map(|p| p.name.as_str()).collect();
    println!(
        "Logged {} on {} with {}",
        meeting.id,
        args.date,
        partnermap::text::printable(&partnermap::text::join_names(&names))
    );
    warn(committed.warning.as_deref());
    for note in notes {
        eprintln!("note: {note}");
    }
    if args.date > today() {
        eprintln!(
            "note: {} is in the future: the meeting counts as planned until then",
            args.date
        );
    }
    for person in attendees {
        if !person.is_active_on(args.date) {
            eprintln!(
                "note: {} left on {}; ties through them no longer count",
                partnermap::text::printable(&person.name),
                person.left.map_or_else(String::new, |d| d.to_string())
            );
        }
    }
    Ok(())
}

fn check(cli: &Cli) -> Result<()> {
    let path = data_path(cli)?;
    let p = match store::load(&path) {
        Ok(p) => p,
        Err(e) => match backup_list(&path) {
            Some(list) => bail!("{e}\n{list}"),
            None => return Err(e.into()),
        },
    };
    // Counted as the JSON summary and the UI count: active people, with
    // those who have left said apart.
    let people = Headcount::on(&p, today()).describe(
        &partnermap::text::printable(&p.names.ours),
        &partnermap::text::printable(&p.names.partner),
    );
    println!(
        "ok: {} is valid — {people}, {} declared ties, {} meetings",
        shown(&path),
        p.ties.len(),
        p.meetings.len()
    );
    // Warnings only: such a file is valid, and may be right.
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
            partnermap::text::printable(&name)
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

fn restore(cli: &Cli, args: &RestoreArgs) -> Result<()> {
    let path = data_path(cli)?;
    let loaded = store::load(&path);
    // A FIFO, a device or a folder is no data file to put a backup in.
    if let Err(e @ store::LoadError::NotAFile { .. }) = loaded {
        return Err(e.into());
    }
    let backup = match &args.backup {
        Some(b) => b.clone(),
        // A file that loads is not put back by guesswork: running `restore`
        // twice "to be sure" would silently take back a good change.
        // The example named is one that differs from the file: the newest
        // backup is usually the file itself, and would do nothing.
        None if loaded.is_ok() => match store::restorable(&path) {
            Some(earlier) => bail!(
                "{}: the file loads fine, so nothing was restored; to go back to an earlier version anyway, name a backup from {}, e.g. partnermap --file {} restore {}",
                shown(&path),
                shown(&store::backup_dir(&path)),
                store::shell_quote(&path),
                store::shell_quote(&earlier.path)
            ),
            None if store::backups(&path).is_empty() => bail!(
                "{}: the file loads fine, and there are no backups of it in {}",
                shown(&path),
                shown(&store::backup_dir(&path))
            ),
            None => bail!(
                "{}: the file loads fine, and every backup in {} is the same as it: nothing to restore",
                shown(&path),
                shown(&store::backup_dir(&path))
            ),
        },
        None => match store::restorable(&path) {
            Some(b) => b.path,
            None if store::backups(&path).is_empty() => bail!(
                "{}: no backups of this file in {}",
                shown(&path),
                shown(&store::backup_dir(&path))
            ),
            None => bail!(
                "{}: no backup in {} loads and differs from the file; name one to restore it anyway",
                shown(&path),
                shown(&store::backup_dir(&path))
            ),
        },
    };
    if same_file(&backup, &path) {
        bail!("{}: that is the data file itself", shown(&backup));
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

fn write_generated(args: &GenerateArgs) -> Result<()> {
    let spec = generate::Spec {
        people: args.people,
        meetings: args.meetings,
        seed: args.seed,
        as_of: args.as_of.unwrap_or_else(today),
    };
    let p = generate::partnership(spec);
    // Never over an existing file: a mistyped --output must not replace real data.
    let saved = store::save_new(&args.output, &p)?;
    warn(saved.warning.as_deref());
    eprintln!(
        "Wrote {} people and {} meetings to {}",
        p.people.len(),
        p.meetings.len(),
        shown(&args.output)
    );
    Ok(())
}
