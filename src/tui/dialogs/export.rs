//! The export dialog: which format to write the risk list in, and where
//! it goes. Writing is in `export_file.rs`.

use super::export_file::{free_review_path, write_export, write_review};
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
    /// Writes the format at this place in [`EXPORT_FORMATS`] (one past
    /// them: the leadership review).
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
        Some(("c j m r", "write that one")),
    ),
    also(&[Key::Char('j'), Key::Ctrl('j')], ExportAction::Write(1)),
    also(&[Key::Char('m'), Key::Ctrl('m')], ExportAction::Write(2)),
    also(
        &[Key::Char('r'), Key::Ctrl('r')],
        ExportAction::Write(REVIEW),
    ),
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
        let len = REVIEW + 1;
        match keymap::lookup(KEYS, &key) {
            Some(ExportAction::Prev) => self.selected = (self.selected + len - 1) % len,
            Some(ExportAction::Next) => self.selected = (self.selected + 1) % len,
            Some(ExportAction::Write(at)) => {
                write(app, at);
                return Reply::Close;
            }
            Some(ExportAction::WriteSelected) => {
                write(app, self.selected);
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

/// The place after the formats: the leadership review (the meeting plan,
/// the risks and the coverage grid in one Markdown file).
pub const REVIEW: usize = EXPORT_FORMATS.len();

/// Writes what is at place `at`: a format of the risk list, or the review.
fn write(app: &mut App, at: usize) {
    if at == REVIEW {
        write_review(app);
    } else {
        write_export(app, at);
    }
}

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

/// The choices, the selected one highlighted.
fn options(selected: usize, theme: Theme) -> Line<'static> {
    let mut options = vec![Span::raw("  ")];
    let labels = EXPORT_FORMATS.iter().map(|format| match format {
        crate::export::Format::Markdown => " Markdown ",
        crate::export::Format::Json => " JSON ",
        _ => " CSV ",
    });
    for (k, label) in labels.chain([" Review (Markdown) "]).enumerate() {
        let style = if k == selected {
            theme.selected()
        } else {
            theme.dim()
        };
        options.push(Span::styled(label, style));
        options.push(Span::raw("  "));
    }
    Line::from(options)
}

/// Where the selected export goes and what it holds, in words.
fn target(app: &App, selected: usize) -> (PathBuf, String) {
    let (shown, all) = export_scope(app);
    if selected == REVIEW {
        let path = free_review_path(&app.path, app.as_of, app.what_if());
        return (
            path,
            format!("the meeting plan, the {all} risks and the coverage grid"),
        );
    }
    let format = EXPORT_FORMATS
        .get(selected)
        .copied()
        .unwrap_or(crate::export::Format::Csv);
    let path = free_export_path(&app.path, app.as_of, app.what_if(), format);
    let count = if shown == all {
        format!("{all}")
    } else {
        format!("{shown} of {all} (filtered)")
    };
    (path, format!("the {count} risks"))
}

fn render(app: &App, export: Export, frame: &mut Frame, area: Rect, theme: Theme) {
    let options = options(export.selected, theme);
    let (path, what) = target(app, export.selected);
    let mut lines = vec![
        Line::raw(format!(
            "Export {what} as of {}{}",
            app.as_of,
            if app.what_if() {
                " — what-if, labelled as such"
            } else {
                ""
            }
        )),
        Line::raw(""),
        options,
        Line::raw(""),
        Line::styled(format!("to {}", crate::text::path(&path)), theme.dim()),
        Line::raw(""),
        Line::styled(
            "← → choose · c j m r pick one and write · Enter writes · Esc cancels",
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
