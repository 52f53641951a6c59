//! `map`: the contact map as a picture (SVG, DOT or Mermaid) as of a day,
//! to standard output or a file.

use super::args::{Cli, MapArgs};
use super::output::{refuse_file, to_stdout};
use super::{CliError, data_path};
use partnermap::analysis::Analysis;
use partnermap::date::today;
use partnermap::export::map::{self, MapFormat};
use partnermap::graph::Scenario;
use partnermap::store;
use partnermap::text::path as shown;
use std::path::{Path, PathBuf};

/// Loads the data file, analyses it as of the day asked and writes the
/// map. The file's problems are said before any about the output.
pub fn run(cli: &Cli, args: &MapArgs) -> Result<(), CliError> {
    let path = data_path(cli)?;
    let partnership = store::load(&path).map_err(|e| CliError::load_failed(&path, e))?;
    let as_of = args.as_of.or(cli.as_of).unwrap_or_else(today);
    let out = match &args.output {
        Some(out) if !matches!(out.to_str(), Some("-" | "/dev/stdout")) => Some(out.clone()),
        _ => None,
    };
    if let Some(out) = &out {
        refuse_file(out, &path, "map")?;
    }
    let format = format_for(args.format.map(MapFormat::from), out.as_deref())?;
    let analysis = Analysis::run(&partnership, &Scenario::on(as_of));
    let text = map::write(&partnership, &analysis, format);
    write(out, &text, format)
}

/// `--format`, else the output file's extension, else SVG; a format that
/// contradicts the extension is bad usage.
fn format_for(given: Option<MapFormat>, out: Option<&Path>) -> Result<MapFormat, CliError> {
    match (given, out.and_then(MapFormat::from_extension)) {
        (Some(f), Some(e)) if f != e => Err(CliError::usage(format!(
            "--format {f} does not match the output file's name, which says {e} (.{}); change one of them",
            e.extension()
        ))),
        (Some(f), _) | (None, Some(f)) => Ok(f),
        (None, None) => Ok(MapFormat::Svg),
    }
}

fn write(out: Option<PathBuf>, text: &str, format: MapFormat) -> Result<(), CliError> {
    match out {
        Some(out) => {
            store::write_atomic(&out, text.as_bytes(), true)?;
            eprintln!("Wrote the map ({format}) to {}", shown(&out));
            Ok(())
        }
        None => to_stdout(text.as_bytes()),
    }
}
