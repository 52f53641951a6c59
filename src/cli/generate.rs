//! `generate` (hidden): a synthetic partnership for benchmarks,
//! deterministic for a seed.

use super::args::GenerateArgs;
use super::{CliError, warn};
use partnermap::date::today;
use partnermap::text::path as shown;
use partnermap::{generate, store};

/// Writes the partnership to `--output`, never over an existing file: a
/// mistyped `--output` must not replace real data.
pub fn run(args: &GenerateArgs) -> Result<(), CliError> {
    let spec = generate::Spec {
        people: args.people,
        meetings: args.meetings,
        seed: args.seed,
        as_of: args.as_of.unwrap_or_else(today),
    };
    let p = generate::partnership(spec);
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
