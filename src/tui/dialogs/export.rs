//! What can be open over the main screen: a form, or the export dialog.

use crate::export::Format;
use crate::tui::dialogs::form::Form;
use std::path::{Path, PathBuf};

/// An open dialog.
#[derive(Debug, Clone)]
pub enum Dialog {
    Form(Form),
    Export(Export),
}

/// The export dialog: which format to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Export {
    pub selected: usize,
}

/// The formats offered, in the dialog's order.
pub const EXPORT_FORMATS: [Format; 3] = [Format::Csv, Format::Json, Format::Markdown];

/// Where an export of the risk list goes: next to the data file, named
/// with the data file's name, the as-of date, and `what-if` when one is in
/// force, e.g. `partnership-risks-2026-11-24.csv`.
pub fn export_path(
    data: &Path,
    as_of: jiff::civil::Date,
    what_if: bool,
    format: Format,
) -> PathBuf {
    export_path_numbered(data, as_of, what_if, format, 1)
}

/// The name an export will take now: the first of [`export_path_numbered`]
/// that no file (or link) holds.
pub fn free_export_path(
    data: &Path,
    as_of: jiff::civil::Date,
    what_if: bool,
    format: Format,
) -> PathBuf {
    (1..1000)
        .map(|n| export_path_numbered(data, as_of, what_if, format, n))
        .find(|path| std::fs::symlink_metadata(path).is_err())
        .unwrap_or_else(|| export_path(data, as_of, what_if, format))
}

/// The `n`th name to try for an export: [`export_path`] for 1, then
/// `…-2.csv`, `…-3.csv`: an export never replaces a file that exists.
pub fn export_path_numbered(
    data: &Path,
    as_of: jiff::civil::Date,
    what_if: bool,
    format: Format,
    n: u32,
) -> PathBuf {
    let stem = data
        .file_stem()
        .map_or_else(|| "partnership".into(), |s| s.to_string_lossy());
    let label = if what_if { "-what-if" } else { "" };
    let number = if n > 1 {
        format!("-{n}")
    } else {
        String::new()
    };
    let name = format!("{stem}-risks-{as_of}{label}{number}.{}", format.extension());
    match data.parent() {
        Some(dir) => dir.join(name),
        None => PathBuf::from(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn exports_sit_next_to_the_data_file() {
        let day = date(2026, 11, 24);
        let path = export_path(Path::new("/d/acme.json"), day, false, Format::Csv);
        assert_eq!(path, Path::new("/d/acme-risks-2026-11-24.csv"));
        let path = export_path(Path::new("acme.json"), day, true, Format::Markdown);
        assert_eq!(path, Path::new("acme-risks-2026-11-24-what-if.md"));
        let path = export_path_numbered(Path::new("/d/acme.json"), day, false, Format::Csv, 3);
        assert_eq!(path, Path::new("/d/acme-risks-2026-11-24-3.csv"));
    }
}
