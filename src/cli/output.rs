//! Where a report goes and how it looks, resolved once from `--format`,
//! `--output` and the terminal: the format (from the flag or the output
//! file's extension), colour, and the destination.

use super::args::ReportArgs;
use super::error::CliError;
use partnermap::export::{Format, Style};
use partnermap::store;
use partnermap::text::path as shown;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Where a report is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Standard output: no `--output`, `-` or `/dev/stdout`.
    Stdout,
    /// A file, written atomically (a device or FIFO is written through).
    File(PathBuf),
}

/// Everything about writing one report, decided before it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub format: Format,
    pub style: Style,
    pub to: Destination,
    /// Said on standard error after writing (the file's name says no format).
    pub note: Option<String>,
}

impl Output {
    /// Resolves the output of a report of `what` ("risks") on the data file
    /// at `data`. Refused, in this order: a folder that does not exist, a
    /// file that is the data file (or its lock or a backup), a format that
    /// contradicts the file's extension (bad usage).
    pub fn resolve(args: &ReportArgs, data: &Path, what: &str) -> Result<Output, CliError> {
        let to = match &args.output {
            Some(out) if !matches!(out.to_str(), Some("-" | "/dev/stdout")) => {
                Destination::File(out.clone())
            }
            _ => Destination::Stdout,
        };
        let file = match &to {
            Destination::File(out) => Some(out.as_path()),
            Destination::Stdout => None,
        };
        if let Some(out) = file {
            refuse_file(out, data, what)?;
        }
        let (format, note) =
            format_for(args.format.map(Format::from), file).map_err(CliError::usage)?;
        let style = match to {
            Destination::Stdout => Style { color: use_color() },
            Destination::File(_) => Style::default(),
        };
        Ok(Output {
            format,
            style,
            to,
            note,
        })
    }

    /// Writes `text`, the report of `what`, where it goes; a file written
    /// is said on standard error.
    pub fn write(&self, text: &str, what: &str) -> Result<(), CliError> {
        match &self.to {
            Destination::File(out) => {
                store::write_atomic(out, text.as_bytes(), true)?;
                eprintln!("Wrote the {what} ({}) to {}", self.format, shown(out));
                if let Some(note) = &self.note {
                    eprintln!("note: {note}");
                }
            }
            Destination::Stdout => to_stdout(text.as_bytes())?,
        }
        Ok(())
    }
}

/// Writes `bytes` to standard output; a closed pipe (`| head`) is not a
/// failure of ours.
pub fn to_stdout(bytes: &[u8]) -> Result<(), CliError> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::failed(format!(
            "cannot write to standard output: {e}"
        ))),
        _ => Ok(()),
    }
}

/// Refuses an output file in a folder that does not exist, or one that is
/// the data file, its lock or a backup.
pub fn refuse_file(out: &Path, data: &Path, what: &str) -> Result<(), CliError> {
    if let Some(dir) = out
        .parent()
        .filter(|d| !d.as_os_str().is_empty() && !d.is_dir())
    {
        return Err(CliError::failed(format!(
            "{}: the folder {} does not exist",
            shown(out),
            shown(dir)
        )));
    }
    if let Some(role) = store::role_of(data, out) {
        return Err(CliError::failed(format!(
            "{}: that is {role}; refusing to overwrite it with the {what}",
            shown(out)
        )));
    }
    Ok(())
}

/// The format to write, from `--format` (`given`) and the output file's
/// name: the extension decides when no format is given (`.csv`, `.json`,
/// `.md`, `.txt` for a table); a format that contradicts the extension is
/// refused, naming both. With neither, a table — and when the output file
/// has a name that says no format, the second value says so, for a note.
fn format_for(
    given: Option<Format>,
    output: Option<&Path>,
) -> Result<(Format, Option<String>), String> {
    let from_name = output.and_then(Format::from_extension);
    match (given, from_name) {
        (Some(f), Some(e)) if f != e => Err(format!(
            "--format {f} does not match the output file's name, which says {e} (.{}); change one of them",
            e.extension()
        )),
        (Some(f), _) | (None, Some(f)) => Ok((f, None)),
        (None, None) => {
            let note = output.map(|out| {
                format!(
                    "{}: the file's name says no format, so a table was written; use --format csv, json or markdown (or name it .csv, .json, .md)",
                    shown(out)
                )
            });
            Ok((Format::Table, note))
        }
    }
}

/// Whether colour is allowed at all: never when `NO_COLOR` is set or the
/// terminal is dumb.
pub fn color_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

/// Colour only on a terminal, and only when allowed.
fn use_color() -> bool {
    std::io::stdout().is_terminal() && color_allowed()
}

#[cfg(test)]
mod tests {
    use super::{Format, format_for};
    use std::path::Path;

    #[test]
    fn the_extension_decides_and_a_contradiction_is_refused() {
        let csv = Some(Path::new("r.csv"));
        assert_eq!(format_for(None, csv), Ok((Format::Csv, None)));
        assert_eq!(format_for(Some(Format::Csv), csv), Ok((Format::Csv, None)));
        let refused = format_for(Some(Format::Json), csv)
            .err()
            .unwrap_or_default();
        assert!(
            refused.contains("--format json") && refused.contains(".csv"),
            "{refused}"
        );
        assert_eq!(
            format_for(None, Some(Path::new("r.TXT"))),
            Ok((Format::Table, None))
        );
        assert_eq!(format_for(None, None), Ok((Format::Table, None)));
        assert_eq!(
            format_for(Some(Format::Json), Some(Path::new("r.out"))),
            Ok((Format::Json, None))
        );
        let chosen = format_for(None, Some(Path::new("r.out")));
        assert!(
            matches!(&chosen, Ok((Format::Table, Some(note))) if note.contains("says no format")),
            "{chosen:?}"
        );
    }
}
