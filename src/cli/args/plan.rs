//! The options of `plan`, `trend` and `review` (SPEC §8–9).

use super::{ReportArgs, relative_date};
use clap::{Args, ValueEnum};
use jiff::civil::Date;
use partnermap::analysis::Every;
use partnermap::generate;
use partnermap::plan;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub report: ReportArgs,
    /// At most this many steps (1..=100).
    #[arg(long, default_value_t = plan::DEFAULT_LIMIT, value_parser = limit, allow_hyphen_values = true)]
    pub limit: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EveryArg {
    Week,
    Month,
}

impl From<EveryArg> for Every {
    fn from(e: EveryArg) -> Every {
        match e {
            EveryArg::Week => Every::Week,
            EveryArg::Month => Every::Month,
        }
    }
}

#[derive(Debug, Args)]
pub struct TrendArgs {
    #[command(flatten)]
    pub report: ReportArgs,
    /// The first day of the range (default: the same day twelve months before --to).
    #[arg(long, value_name = "DATE", value_parser = relative_date, allow_hyphen_values = true)]
    pub from: Option<Date>,
    /// The last day, always the last row (default: --as-of, else today).
    #[arg(long, value_name = "DATE", value_parser = relative_date, allow_hyphen_values = true)]
    pub to: Option<Date>,
    /// A row for each month's last day, or each Sunday.
    #[arg(long, value_enum, default_value = "month")]
    pub every: EveryArg,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The day to analyse for (YYYY-MM-DD, today, yesterday, tomorrow, -Nd, +Nd); default today.
    #[arg(long, value_name = "DATE", value_parser = relative_date, allow_hyphen_values = true)]
    pub as_of: Option<Date>,
    /// At most this many steps in the plan (1..=100).
    #[arg(long, default_value_t = plan::DEFAULT_LIMIT, value_parser = limit, allow_hyphen_values = true)]
    pub limit: usize,
    /// Write to this file (Markdown; .md or no extension) instead of standard output (`-`).
    #[arg(long, value_name = "PATH")]
    pub output: Option<PathBuf>,
}

fn limit(text: &str) -> Result<usize, String> {
    generate::count(text, plan::LIMITS)
}
