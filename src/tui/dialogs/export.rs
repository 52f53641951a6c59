//! The export dialog: which format to write the risk list in, and where
//! it goes. Writing is in `export_file.rs`.

use super::export_file::write_export;
use super::{Dialog, Reply, popup};
use crate::export::Format;
use crate::tui::app::App;
use crate::tui::keymap::{self, Binding, Key, also, bind};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use std::path::{Path, PathBuf};

pub use super::export_file::export_scope;

/// The export dialog: which format to write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Export {
    pub selected: usize,
}

/// What a key does in the export dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportAction {
    Prev,
    Next,
    /// Writes the format at this place in [`EXPORT_FORMATS`].
    Write(usize),
    WriteSelected,
    Cancel,
}

/// The export dialog's keys. A format's first letter writes it at once.
pub const KEYS: &[Binding<ExportAction>] = &[
    bind(
        &[Key::Left, Key::Up, Key::BackTab],
        "",
        ExportAction::Prev,
        "",
        Some(("← →", "format")),
    ),
    also(&[Key::Right, Key::Down, Key::Tab], ExportAction::Next),
    bind(
        &[Key::Char('c'), Key::Ctrl('c')],
        "",
        ExportAction::Write(0),
        "",
        Some(("c j m", "write that format")),
    ),
    also(&[Key::Char('j'), Key::Ctrl('j')], ExportAction::Write(1)),
    also(&[Key::Char('m'), Key::Ctrl('m')], ExportAction::Write(2)),
    bind(
        &[Key::Enter],
        "",
        ExportAction::WriteSelected,
        "",
        Some(("Enter", "write")),
    ),
    bind(
        &[Key::Esc, Key::Char('q')],
        "",
        ExportAction::Cancel,
        "",
        Some(("Esc", "cancel")),
    ),
];

impl Dialog for Export {
    fn on_key(&mut self, key: KeyEvent, app: &mut App) -> Reply {
        let len = EXPORT_FORMATS.len();
        match keymap::lookup(KEYS, &key) {
            Some(ExportAction::Prev) => self.selected = (self.selected + len - 1) % len,
            Some(ExportAction::Next) => self.selected = (self.selected + 1) % len,
            Some(ExportAction::Write(at)) => {
                write_export(app, at);
                return Reply::Close;
            }
            Some(ExportAction::WriteSelected) => {
                write_export(app, self.selected);
                return Reply::Close;
            }
            Some(ExportAction::Cancel) => {
                app.note("Export cancelled");
                return Reply::Close;
            }
            None => {}
        }
        Reply::Keep
    }

    fn draw(&self, app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
        render(app, *self, frame, area, theme);
    }

    fn hints(&self) -> Vec<(&'static str, &'static str)> {
        keymap::hints(KEYS)
    }
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

fn render(app: &App, export: Export, frame: &mut Frame, area: Rect, theme: Theme) {
    let mut options = vec![Span::raw("  ")];
    for (k, format) in EXPORT_FORMATS.iter().enumerate() {
        let style = if k == export.selected {
            theme.selected()
        } else {
            theme.dim()
        };
        let label = match format {
            crate::export::Format::Markdown => "Markdown",
            crate::export::Format::Json => "JSON",
            _ => "CSV",
        };
        options.push(Span::styled(format!(" {label} "), style));
        options.push(Span::raw("  "));
    }
    let format = EXPORT_FORMATS
        .get(export.selected)
        .copied()
        .unwrap_or(crate::export::Format::Csv);
    let path = free_export_path(&app.path, app.as_of, app.what_if(), format);
    let (shown, all) = export_scope(app);
    let count = if shown == all {
        format!("{all}")
    } else {
        format!("{shown} of {all} (filtered)")
    };
    let mut lines = vec![
        Line::raw(format!(
            "Export the {count} risks as of {}{}",
            app.as_of,
            if app.what_if() {
                " — what-if, labelled as such"
            } else {
                ""
            }
        )),
        Line::raw(""),
        Line::from(options),
        Line::raw(""),
        Line::styled(format!("to {}", crate::text::path(&path)), theme.dim()),
        Line::raw(""),
        Line::styled(
            "← → choose · c j m pick a format and write · Enter writes · Esc cancels",
            theme.dim(),
        ),
    ];
    if app.what_if() {
        lines.insert(
            1,
            Line::styled(
                "The what-if is not the real state of the partnership.",
                theme.what_if(),
            ),
        );
    }
    let height = lines.len() as u16 + 2;
    let rect = popup(frame, area, 80, height);
    let block = theme.dialog(" Export the risk list ");
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
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
