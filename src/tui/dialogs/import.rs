//! The import dialog (`i`, SPEC §7 and §11): a file path with Tab
//! completion; Enter reads the file in the background and shows what the
//! import would change (the same summary as `partnermap import`); Enter
//! then saves it as one change (`u` undoes it); Esc cancels.

use super::import_path::{Completion, complete, expand};
use super::{Dialog, Reply, Scrolled, popup};
use crate::change::Change;
use crate::import::{self, Import, Input, Options};
use crate::store::CommitError;
use crate::tui::app::{App, Tone};
use crate::tui::keymap::{self, Binding, Key, also, bind};
use crate::tui::theme::Theme;
use crate::tui::update::change::{one_line, save, tell};
use crate::words::{ImportMode, import_summary};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use std::sync::{Arc, Mutex};
use tui_input::Input as Field;
use tui_input::backend::crossterm::to_input_request;

/// What a key does while the path is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathAction {
    Complete,
    Read,
    Cancel,
}

/// The path field's keys; anything else is typed.
pub const PATH_KEYS: &[Binding<PathAction>] = &[
    bind(
        &[Key::Tab],
        "",
        PathAction::Complete,
        "",
        Some(("Tab", "complete")),
    ),
    bind(
        &[Key::Enter],
        "",
        PathAction::Read,
        "",
        Some(("Enter", "read")),
    ),
    bind(
        &[Key::Esc],
        "",
        PathAction::Cancel,
        "",
        Some(("Esc", "cancel")),
    ),
];

/// What a key does in the preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PreviewAction {
    Scroll(isize),
    Apply,
    Cancel,
}

/// The preview's keys.
pub const PREVIEW_KEYS: &[Binding<PreviewAction>] = &[
    bind(
        &[Key::Enter],
        "",
        PreviewAction::Apply,
        "",
        Some(("Enter", "import")),
    ),
    bind(
        &[Key::Esc, Key::Char('q')],
        "",
        PreviewAction::Cancel,
        "",
        Some(("Esc", "cancel")),
    ),
    bind(
        &[Key::Up, Key::Char('k')],
        "",
        PreviewAction::Scroll(-1),
        "",
        Some(("↑↓", "scroll")),
    ),
    also(&[Key::Down, Key::Char('j')], PreviewAction::Scroll(1)),
    also(&[Key::PageUp], PreviewAction::Scroll(-10)),
    also(&[Key::PageDown], PreviewAction::Scroll(10)),
];

/// A file read and planned: the import and its summary in words; or why not.
type Planned = Result<(Import, Vec<String>), String>;

/// Where the dialog is.
enum Stage {
    /// Typing the path.
    Path,
    /// The file is being read; the worker fills the slot.
    Reading(Arc<Mutex<Option<Planned>>>),
    /// What the import would change.
    Preview(Box<Import>, Vec<String>),
}

/// The import dialog.
pub struct ImportDialog {
    field: Field,
    completion: Completion,
    /// Why the last file was refused, shown under the field.
    refusal: Option<String>,
    stage: Stage,
    scroll: Scrolled,
}

impl Default for ImportDialog {
    fn default() -> Self {
        ImportDialog {
            field: Field::default(),
            completion: Completion::default(),
            refusal: None,
            stage: Stage::Path,
            scroll: Scrolled::default(),
        }
    }
}

impl ImportDialog {
    /// Moves on once the worker has read the file.
    fn settle(&mut self) {
        let Stage::Reading(slot) = &self.stage else {
            return;
        };
        let done = slot.lock().ok().and_then(|mut s| s.take());
        match done {
            Some(Ok((plan, lines))) => self.stage = Stage::Preview(Box::new(plan), lines),
            Some(Err(refusal)) => {
                self.refusal = Some(refusal);
                self.stage = Stage::Path;
            }
            None => {}
        }
    }

    fn on_path_key(&mut self, key: KeyEvent, app: &mut App) -> Reply {
        match keymap::lookup(PATH_KEYS, &key) {
            Some(PathAction::Complete) => {
                let cwd = std::env::current_dir().unwrap_or_default();
                self.completion = complete(self.field.value(), &cwd);
                self.field = Field::new(self.completion.text.clone());
            }
            Some(PathAction::Read) => self.read(app),
            Some(PathAction::Cancel) => return cancelled(app),
            None => {
                let event = ratatui::crossterm::event::Event::Key(key);
                if let Some(request) = to_input_request(&event) {
                    self.field.handle(request);
                    self.completion = Completion::default();
                    self.refusal = None;
                }
            }
        }
        Reply::Keep
    }

    /// Reads and plans the file at the typed path in the background.
    fn read(&mut self, app: &mut App) {
        let typed = self.field.value().trim().to_string();
        if typed.is_empty() {
            self.refusal = Some("Type the path of a contact file or a calendar".into());
            return;
        }
        let path = expand(&typed);
        let p = app.partnership().clone();
        let options = Options {
            as_of: app.as_of,
            ..Options::default()
        };
        let slot = Arc::new(Mutex::new(None));
        let filled = Arc::clone(&slot);
        app.start(&format!("Reading {typed}…"), move || {
            let planned: Planned = Input::read(&path)
                .and_then(|input| import::plan(&p, &[input], &options))
                .map(|plan| {
                    let lines = import_summary(&plan.summary, &p.names, ImportMode::Preview);
                    (plan, lines)
                })
                .map_err(|e| crate::text::printable(&e.to_string()).into_owned());
            Box::new(move |_: &mut App| {
                if let Ok(mut slot) = filled.lock() {
                    *slot = Some(planned);
                }
            })
        });
        self.refusal = None;
        self.stage = Stage::Reading(slot);
    }

    fn on_preview_key(&mut self, key: KeyEvent, app: &mut App) -> Reply {
        match keymap::lookup(PREVIEW_KEYS, &key) {
            Some(PreviewAction::Scroll(delta)) => self.scroll.by(delta),
            Some(PreviewAction::Cancel) => return cancelled(app),
            Some(PreviewAction::Apply) => {
                if let Stage::Preview(plan, _) = &self.stage {
                    apply(app, plan);
                }
                return Reply::Close;
            }
            None => {}
        }
        Reply::Keep
    }
}

fn cancelled(app: &mut App) -> Reply {
    app.note("Import cancelled: nothing was saved");
    Reply::Close
}

/// Saves the import as one change, and says what it did.
fn apply(app: &mut App, plan: &Import) {
    let Some(change) = &plan.change else {
        app.note("Nothing to import: everything in the file is already here");
        return;
    };
    let s = &plan.summary;
    let head = format!(
        "Imported {}, {} and {} (u undoes it)",
        crate::words::plural(s.added.len(), "new person", "new people"),
        crate::words::plural(s.filled().count(), "person filled in", "people filled in"),
        crate::words::plural(s.meetings.len(), "meeting", "meetings")
    );
    let done = Box::new(move |app: &mut App, said: Vec<String>, _: &Change| {
        tell(app, head, &said, Tone::Done);
    });
    let failed = Box::new(|app: &mut App, e: &CommitError| {
        app.warn(format!("Not imported: {}", one_line(e)));
    });
    if let Err(e) = save(app, change.clone(), done, failed) {
        app.warn(format!("Not imported: {}", one_line(&e)));
    }
}

impl Dialog for ImportDialog {
    fn on_key(&mut self, key: KeyEvent, app: &mut App) -> Reply {
        self.settle();
        match self.stage {
            Stage::Path => self.on_path_key(key, app),
            Stage::Reading(_) => match keymap::lookup(PATH_KEYS, &key) {
                Some(PathAction::Cancel) => cancelled(app),
                _ => Reply::Keep,
            },
            Stage::Preview(..) => self.on_preview_key(key, app),
        }
    }

    fn on_paste(&mut self, text: &str, _app: &mut App) {
        if matches!(self.stage, Stage::Path) {
            for c in text.chars() {
                self.field.handle(tui_input::InputRequest::InsertChar(c));
            }
        }
    }

    fn draw(&self, app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
        match (&self.stage, self.ready()) {
            (Stage::Preview(plan, lines), _) => {
                let empty = plan.change.is_none();
                draw_preview(lines, empty, &self.scroll, frame, area, theme);
            }
            (_, Some(Ok((lines, empty)))) => {
                draw_preview(&lines, empty, &self.scroll, frame, area, theme);
            }
            (_, Some(Err(refusal))) => self.draw_path(Some(&refusal), app, frame, area, theme),
            _ => self.draw_path(self.refusal.as_deref(), app, frame, area, theme),
        }
    }

    fn hints(&self) -> Vec<(&'static str, &'static str)> {
        match (&self.stage, self.ready()) {
            (Stage::Preview(..), _) | (_, Some(Ok(_))) => keymap::hints(PREVIEW_KEYS),
            _ => keymap::hints(PATH_KEYS),
        }
    }
}

impl ImportDialog {
    /// What the worker has read, before a key moves the dialog on: the
    /// preview's lines, or why the file was refused.
    /// The preview's lines and whether it changes nothing, once read.
    fn ready(&self) -> Option<Result<(Vec<String>, bool), String>> {
        let Stage::Reading(slot) = &self.stage else {
            return None;
        };
        let slot = slot.lock().ok()?;
        slot.as_ref().map(|planned| {
            planned
                .as_ref()
                .map(|(plan, lines)| (lines.clone(), plan.change.is_none()))
                .map_err(Clone::clone)
        })
    }

    fn draw_path(
        &self,
        refusal: Option<&str>,
        app: &App,
        frame: &mut Frame,
        area: Rect,
        theme: Theme,
    ) {
        let reading = matches!(self.stage, Stage::Reading(_)) && refusal.is_none();
        let mut lines = vec![
            Line::raw(
                "Contacts (CSV from LinkedIn, Google, Outlook, Salesforce, HubSpot, an org chart;",
            ),
            Line::raw("vCard) or a calendar (.ics). The format is found from the file itself."),
            Line::raw(""),
            Line::raw(format!(
                "File: {}",
                crate::text::printable(self.field.value())
            )),
        ];
        if !self.completion.choices.is_empty() {
            let shown: Vec<String> = self.completion.choices.iter().take(8).cloned().collect();
            let more = self.completion.choices.len().saturating_sub(8);
            let tail = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            lines.push(Line::styled(
                format!("      {}{tail}", crate::text::printable(&shown.join("  "))),
                theme.dim(),
            ));
        }
        if let Some(refusal) = refusal {
            lines.push(Line::styled(refusal.to_string(), theme.error()));
        }
        let hint = if reading {
            format!("Reading the file for {} …", app.partnership().names.name)
        } else {
            "Tab completes file names · Enter reads the file (nothing is saved yet) · Esc cancels"
                .to_string()
        };
        lines.push(Line::raw(""));
        lines.push(Line::styled(hint, theme.dim()));
        let height = lines.len() as u16 + 2;
        let rect = popup(frame, area, 90, height);
        frame.render_widget(
            Paragraph::new(lines)
                .block(theme.dialog(" Import contacts or a calendar "))
                .wrap(Wrap { trim: false }),
            rect,
        );
        if !reading {
            // The cursor after the typed path, on the "File:" line.
            let x = rect.x + 1 + 6 + crate::text::width(self.field.value()) as u16;
            let y = rect.y + 1 + 3;
            if x < rect.right().saturating_sub(1) {
                frame.set_cursor_position((x, y));
            }
        }
    }
}

/// The summary, wrapped and scrolled, with what Enter does always in view
/// on the box's bottom edge.
fn draw_preview(
    summary: &[String],
    empty: bool,
    scroll: &Scrolled,
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
) {
    let lines: Vec<Line> = summary.iter().map(|l| Line::raw(l.clone())).collect();
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let width = area.width.saturating_sub(2).min(110);
    let total = paragraph.line_count(width.saturating_sub(2)) as u16;
    let rect = popup(frame, area, width, total + 2);
    let room = rect.height.saturating_sub(2);
    let first = scroll.fit(total, room);
    let enter = if empty {
        " Nothing to import · Esc closes "
    } else {
        " Enter imports this as one change (u undoes it) · Esc cancels "
    };
    let mut block = theme
        .dialog(" Import: what would change ")
        .title_bottom(Line::styled(enter, theme.key()));
    if scroll.more_below(total, room) {
        block = block.title_bottom(Line::styled(" ↓ more ", theme.key()).right_aligned());
    }
    frame.render_widget(paragraph.block(block).scroll((first, 0)), rect);
}
