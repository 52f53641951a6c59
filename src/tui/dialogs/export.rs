//! The export dialog: the risk list as CSV, JSON or Markdown, or the map
//! as SVG, and where it goes. Writing is in `export_file.rs`.

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
    /// Writes the item at this place in [`EXPORT_ITEMS`].
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
        Some(("c j m s", "write that format")),
    ),
    also(&[Key::Char('j'), Key::Ctrl('j')], ExportAction::Write(1)),
    also(&[Key::Char('m'), Key::Ctrl('m')], ExportAction::Write(2)),
    also(&[Key::Char('s'), Key::Ctrl('s')], ExportAction::Write(3)),
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
        let len = EXPORT_ITEMS.len();
        match keymap::lookup(KEYS, &key) {
            Some(ExportAction::Prev) => self.selected = (self.selected + len - 1) % len,
            Some(ExportAction::Next) => self.selected = (self.selected + 1) % len,
            Some(ExportAction::Write(at)) => {
                if let Some(&item) = EXPORT_ITEMS.get(at) {
                    write_export(app, item);
                }
                return Reply::Close;
            }
            Some(ExportAction::WriteSelected) => {
                if let Some(&item) = EXPORT_ITEMS.get(self.selected) {
                    write_export(app, item);
                }
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

/// The formats the risk list is offered in, in the dialog's order.
pub const EXPORT_FORMATS: [Format; 3] = [Format::Csv, Format::Json, Format::Markdown];

/// What the dialog writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportItem {
    /// The risk list in a format.
    Risks(Format),
    /// The contact map as SVG (SPEC §12), as `partnermap map` draws it.
    Map,
}

impl ExportItem {
    /// Its name among the dialog's choices.
    fn label(self) -> &'static str {
        match self {
            ExportItem::Risks(Format::Markdown) => "Markdown",
            ExportItem::Risks(Format::Json) => "JSON",
            ExportItem::Risks(_) => "CSV",
            ExportItem::Map => "Map (SVG)",
        }
    }
}

/// The dialog's choices, in order: the risk list's formats, then the map.
pub const EXPORT_ITEMS: [ExportItem; 4] = [
    ExportItem::Risks(Format::Csv),
    ExportItem::Risks(Format::Json),
    ExportItem::Risks(Format::Markdown),
    ExportItem::Map,
];

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
    numbered(data, "risks", as_of, what_if, format.extension(), n)
}

/// The `n`th name to try for the map: `<stem>-map-<as-of>.svg`, then
/// `…-2.svg` (`…-what-if.svg` during a what-if).
pub fn map_path_numbered(data: &Path, as_of: jiff::civil::Date, what_if: bool, n: u32) -> PathBuf {
    numbered(data, "map", as_of, what_if, "svg", n)
}

/// `<stem>-<what>-<as-of>[-what-if][-n].<extension>` beside the data file.
fn numbered(
    data: &Path,
    what: &str,
    as_of: jiff::civil::Date,
    what_if: bool,
    extension: &str,
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
    let name = format!("{stem}-{what}-{as_of}{label}{number}.{extension}");
    match data.parent() {
        Some(dir) => dir.join(name),
        None => PathBuf::from(name),
    }
}

/// The name the item will take now: the first numbered name that no file
/// (or link) holds.
fn free_path(app: &App, item: ExportItem) -> PathBuf {
    let name = |n| match item {
        ExportItem::Risks(format) => {
            export_path_numbered(&app.path, app.as_of, app.what_if(), format, n)
        }
        ExportItem::Map => map_path_numbered(&app.path, app.as_of, app.what_if(), n),
    };
    (1..1000)
        .map(name)
        .find(|path| std::fs::symlink_metadata(path).is_err())
        .unwrap_or_else(|| name(1))
}

fn render(app: &App, export: Export, frame: &mut Frame, area: Rect, theme: Theme) {
    let mut options = vec![Span::raw("  ")];
    for (k, item) in EXPORT_ITEMS.iter().enumerate() {
        let style = if k == export.selected {
            theme.selected()
        } else {
            theme.dim()
        };
        options.push(Span::styled(format!(" {} ", item.label()), style));
        options.push(Span::raw("  "));
    }
    let item = EXPORT_ITEMS
        .get(export.selected)
        .copied()
        .unwrap_or(ExportItem::Risks(Format::Csv));
    let path = free_path(app, item);
    let what_if = if app.what_if() {
        " — what-if, labelled as such"
    } else {
        ""
    };
    let heading = match item {
        ExportItem::Risks(_) => {
            let (shown, all) = export_scope(app);
            let count = if shown == all {
                format!("{all}")
            } else {
                format!("{shown} of {all} (filtered)")
            };
            format!("Export the {count} risks as of {}{what_if}", app.as_of)
        }
        ExportItem::Map => format!(
            "Export the contact map as of {}, for a slide or a wiki{what_if}",
            app.as_of
        ),
    };
    let mut lines = vec![
        Line::raw(heading),
        Line::raw(""),
        Line::from(options),
        Line::raw(""),
        Line::styled(format!("to {}", crate::text::path(&path)), theme.dim()),
        Line::raw(""),
        Line::styled(
            "← → choose · c j m s pick one and write · Enter writes · Esc cancels",
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
    let block = theme.dialog(" Export ");
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
        let path = map_path_numbered(Path::new("/d/acme.json"), day, true, 2);
        assert_eq!(path, Path::new("/d/acme-map-2026-11-24-what-if-2.svg"));
    }
}
