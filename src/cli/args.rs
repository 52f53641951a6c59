//! What the command line accepts: the clap definitions of every command
//! and option, with their help and examples. Nothing here runs anything.

use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;
use partnermap::date::{parse_relative, today};
use partnermap::export::Format;
use partnermap::export::map::MapFormat;
use partnermap::generate;
use std::path::PathBuf;

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

    /// Open the terminal UI as of this day (YYYY-MM-DD, today, yesterday, tomorrow, -Nd, +Nd); the header marks it.
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
    /// The contact map as a picture for a slide or a wiki: SVG (default), Graphviz DOT or Mermaid.
    #[command(
        after_help = "Examples:\n  partnermap map --output map.svg\n  partnermap map --as-of 2026-06-30 --format mermaid >> wiki-page.md\n  partnermap map --format dot | dot -Tpng -o map.png\n\nOur people on the left, the partner's on the right, grouped by team and ordered\nby level; live ties thicker when stronger; colours and symbols by worst risk.\nOn a large file a side shows its people with risks and those tied to them,\nand the picture says how many were left out."
    )]
    Map(MapArgs),
    /// Merge two versions of the data file made from a common one: git's merge driver.
    #[command(after_help = MERGE_EXAMPLES)]
    Merge(MergeArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), every command on one page.
    #[command(
        after_help = "Examples:\n  partnermap man | man -l -\n  partnermap man > ~/.local/share/man/man1/partnermap.1"
    )]
    Man,
    /// Bring in contacts (CSV, vCard) and meetings (iCalendar) as one change; `u` in the UI undoes it.
    #[command(after_help = IMPORT_HELP)]
    Import(ImportArgs),
    /// Write a synthetic partnership for benchmarks (deterministic for a seed).
    #[command(hide = true)]
    Generate(GenerateArgs),
    /// Start a new, empty partnership file: the two organisations (never writes over a file).
    #[command(
        after_help = "Examples:\n  partnermap --file acme.json init --ours Acme --partner Globex\n  partnermap --file acme.json init --ours Acme --partner Globex --name \"Acme × Globex cloud\" \\\n      --ours-domain acme.example --partner-domain globex.example\n\nThen add people in the terminal UI (partnermap --file acme.json, then a)."
    )]
    Init(InitArgs),
    /// One row per person: id, name, side, title, level, team, e-mail, stance, left, reports_to.
    #[command(
        after_help = "Examples:\n  partnermap people\n  partnermap people --side partner --format csv --output contoso.csv\n\nThe id column is what `meeting add --with` takes."
    )]
    People(PeopleArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Our organisation's name.
    #[arg(long, value_name = "NAME")]
    pub ours: String,
    /// The partner organisation's name.
    #[arg(long, value_name = "NAME")]
    pub partner: String,
    /// The partnership's name (default: "OURS × PARTNER").
    #[arg(long, value_name = "TEXT")]
    pub name: Option<String>,
    /// Our e-mail domain, e.g. acme.example (no @); repeat or separate with commas.
    #[arg(long = "ours-domain", value_name = "D", value_delimiter = ',')]
    pub ours_domains: Vec<String>,
    /// The partner's e-mail domain, e.g. globex.example; repeat or separate with commas.
    #[arg(long = "partner-domain", value_name = "D", value_delimiter = ',')]
    pub partner_domains: Vec<String>,
}

#[derive(Debug, Args)]
pub struct PeopleArgs {
    /// Only the people of one side.
    #[arg(long, value_enum)]
    pub side: Option<SideArg>,
    /// Output format (default: table; with --output, taken from the file's extension: .csv, .json, .md, .txt).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Write to this file (atomically) instead of standard output (`-`).
    #[arg(long, value_name = "PATH")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SideArg {
    Ours,
    Partner,
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

const IMPORT_HELP: &str = "\
Examples:
  partnermap import Connections.csv --partner-domain contoso.example --ours-domain northwind.example
  partnermap import contacts.vcf calendar.ics --dry-run
  partnermap import org-chart.csv --side partner
  partnermap import crm.csv --columns name=Full name,email=Mail,title=Role,company=Account

Formats are found from the content: LinkedIn, Google Contacts, Outlook,
Salesforce and HubSpot CSV exports, org charts (PersonID/SupervisorID),
vCard 2.1/3.0/4.0 and iCalendar (.ics). A contact goes to --side, else to
the side of its e-mail domain, else of its company; one on no side is
skipped. Importing the same files again changes nothing.";

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Contact files (CSV, vCard) and calendars (iCalendar), in any order.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Put every contact on this side (ours or partner).
    #[arg(long, value_name = "SIDE", value_parser = import_side)]
    pub side: Option<partnermap::model::Side>,
    /// Events after this day are planned and left out (default today).
    #[arg(long, value_name = "DATE", value_parser = relative_date, allow_hyphen_values = true)]
    pub as_of: Option<Date>,
    /// Show what would change; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Which header names hold what in a CSV: KEY=COLUMN,… with keys name, email, title, company, team, manager.
    #[arg(long, value_name = "KEY=COLUMN,...", value_parser = import_columns)]
    pub columns: Option<partnermap::import::ColumnMap>,
    /// Add an e-mail domain of our organisation (repeatable).
    #[arg(long = "ours-domain", value_name = "DOMAIN")]
    pub ours_domain: Vec<String>,
    /// Add an e-mail domain of the partner (repeatable).
    #[arg(long = "partner-domain", value_name = "DOMAIN")]
    pub partner_domain: Vec<String>,
}

fn import_side(text: &str) -> Result<partnermap::model::Side, String> {
    partnermap::model::Side::parse(text.trim())
        .ok_or_else(|| "expected ours or partner".to_string())
}

fn import_columns(text: &str) -> Result<partnermap::import::ColumnMap, String> {
    partnermap::import::ColumnMap::parse(text)
        .map_err(|e| partnermap::text::printable(&e).into_owned())
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
pub enum MapFormatArg {
    Svg,
    Dot,
    Mermaid,
}

impl From<MapFormatArg> for MapFormat {
    fn from(f: MapFormatArg) -> MapFormat {
        match f {
            MapFormatArg::Svg => MapFormat::Svg,
            MapFormatArg::Dot => MapFormat::Dot,
            MapFormatArg::Mermaid => MapFormat::Mermaid,
        }
    }
}

#[derive(Debug, Args)]
pub struct MapArgs {
    /// The day to draw the map for (YYYY-MM-DD, today, yesterday, tomorrow, -Nd, +Nd); default today.
    #[arg(long, value_name = "DATE", value_parser = relative_date, allow_hyphen_values = true)]
    pub as_of: Option<Date>,
    /// Picture format (default: svg; with --output, taken from the file's extension: .svg, .dot or .gv, .mmd).
    #[arg(long, value_enum)]
    pub format: Option<MapFormatArg>,
    /// Write to this file (atomically; a device or FIFO is written through) instead of standard output (`-`).
    #[arg(long, value_name = "PATH")]
    pub output: Option<PathBuf>,
}

const MERGE_EXAMPLES: &str = "\
Examples:
  partnermap merge base.json ours.json theirs.json   writes the merge to ours.json

As git's merge driver for the data file (see the README):
  echo 'partnership.json merge=partnermap' >> .gitattributes
  git config merge.partnermap.driver 'partnermap merge %O %A %B --name %P'

Records are merged one by one (people by id, ties by pair, meetings by id
and source); a meeting id taken on both sides is renumbered. The same field
changed differently on both sides is a conflict: ours is kept, each conflict
is listed on stderr, and the exit code is 1 so that git marks the file. The
file written always loads; a merge that would not load writes nothing.";

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The common ancestor (git's %O); an empty file when there is none.
    #[arg(value_name = "BASE")]
    pub base: PathBuf,
    /// Our version (git's %A); the merge is written here.
    #[arg(value_name = "OURS")]
    pub ours: PathBuf,
    /// Their version (git's %B).
    #[arg(value_name = "THEIRS")]
    pub theirs: PathBuf,
    /// The file's name in the repository (git's %P), used in messages instead of OURS.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  partnermap completions bash > ~/.local/share/bash-completion/completions/partnermap
  partnermap completions zsh > ~/.zfunc/_partnermap     # with fpath+=~/.zfunc before compinit
  partnermap completions fish > ~/.config/fish/completions/partnermap.fish
  partnermap completions elvish >> ~/.config/elvish/rc.elv
  partnermap completions powershell >> $PROFILE";

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
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
