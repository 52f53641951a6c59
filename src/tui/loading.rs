//! Opening a big data file: the first frame is drawn at once, with a
//! loading line ("Loading FILE… 135 MB"), while the file is read, checked
//! and analysed on a thread of its own. Keys work meanwhile: `q` quits,
//! `?` and `!` open the help and the message log, `1` `2` `3` choose the
//! view the data opens in; anything that would change the file waits until
//! the data is there (the status line says so). A file that does not load
//! ends the UI, and the command line reports it as `check` does.

use super::action::Action;
use super::app::{App, analysed};
use super::task::{Apply, Worker};
use super::theme::Theme;
use crate::analysis::{Analysis, Base};
use crate::model::Partnership;
use crate::store::{self, LoadError, Loaded, Stamp};
use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use std::path::{Path, PathBuf};

/// Files from this size on are loaded in the background. Below it the
/// load and the analysis take a few frames at most (a file of 10,000
/// people is about 13 MB and takes some 0.15 s), so the UI opens on the
/// data, and a file that does not load is reported before the terminal
/// is touched.
pub const IN_BACKGROUND_FROM: u64 = 8_000_000;

/// A load under way.
pub struct Loading {
    /// What the screen says: "Loading FILE… 135 MB".
    pub line: String,
    /// Why the file did not load, once it is known: the UI ends with it.
    pub failed: Option<LoadError>,
    /// Runs the load, on its own so that no other job can make it stale.
    _worker: Worker,
}

/// The size of the data file at `path` when it is big enough to load in
/// the background.
pub fn big_file(path: &Path) -> Option<u64> {
    let meta = std::fs::metadata(path).ok()?;
    (meta.is_file() && meta.len() >= IN_BACKGROUND_FROM).then_some(meta.len())
}

/// An app for the data file at `path` (`bytes` long) that draws a loading
/// line at once and loads and analyses the file (as of `as_of`) on a
/// thread; the result arrives on the app's event channel.
pub fn start(path: PathBuf, bytes: u64, as_of: Date, color: bool) -> App {
    let empty = Partnership::default();
    let nothing = analysed(&empty, as_of);
    let doc = Loaded {
        partnership: empty,
        stamp: Stamp::Absent,
    };
    let mut app = App::with(path.clone(), doc, nothing, as_of, color);
    // Nothing is shown yet: not the demo either.
    app.demo = false;
    let worker = Worker::new(app.events.sender());
    worker.start(move || {
        let result = store::load_stamped(&path).map(|doc| {
            let both = analysed(&doc.partnership, as_of);
            // The detail pane's list, made here rather than at its first frame.
            let index = doc.partnership.meetings_by_person();
            (doc, both, index)
        });
        Box::new(move |app: &mut App| loaded(app, result)) as Apply
    });
    app.loading = Some(Loading {
        line: format!(
            "Loading {}… {}",
            crate::text::path(&app.path),
            megabytes(bytes)
        ),
        failed: None,
        _worker: worker,
    });
    app
}

/// A size in megabytes, as people say it: "135 MB".
fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes.saturating_add(500_000) / 1_000_000)
}

/// The load is done: the data is shown, or the UI ends with the error.
/// Each person's meetings, by person index.
type ByPerson = Vec<Vec<usize>>;

fn loaded(app: &mut App, result: Result<(Loaded, (Base, Analysis), ByPerson), LoadError>) {
    match result {
        Ok((doc, (base, analysis), index)) => {
            app.loading = None;
            app.doc = doc.into();
            app.version += 1;
            app.meetings_by_person = std::sync::OnceLock::from(index);
            app.base = std::sync::Arc::new(base);
            app.analysis = std::sync::Arc::new(analysis);
            // A "still loading" note is out of date now (the log keeps it).
            app.status = None;
            app.show_loaded();
        }
        Err(e) => {
            if let Some(loading) = &mut app.loading {
                loading.failed = Some(e);
            }
            app.quit = true;
        }
    }
}

/// Why the file did not load, when the UI ends for that.
pub fn failure(app: &mut App) -> Option<LoadError> {
    app.loading.as_mut()?.failed.take()
}

/// The actions that work while the file loads: none changes it or needs
/// its data.
fn works_while_loading(action: Action) -> bool {
    matches!(
        action,
        Action::Quit
            | Action::Help
            | Action::MessageLog
            | Action::PeopleView
            | Action::RisksView
            | Action::MapView
            | Action::PlanView
            | Action::GridView
    )
}

/// Whether `action` has to wait for the file; if so, says so.
pub fn waits(app: &mut App, action: Action) -> bool {
    if app.loading.is_none() || works_while_loading(action) {
        return false;
    }
    let path = crate::text::path(&app.path);
    app.note(format!(
        "Still loading {path}: that key works once the data is shown"
    ));
    true
}

/// The screen while the file loads: a title, the loading line and what
/// the keys do meanwhile, in the header, body and hint rows.
pub fn render(app: &App, frame: &mut Frame, [header, body, hints]: [Rect; 3], theme: Theme) {
    let Some(loading) = &app.loading else {
        return;
    };
    let title = Line::from(vec![
        Span::styled("partnermap", theme.title()),
        Span::raw(format!("  {}", crate::text::path(&app.path))),
    ]);
    frame.render_widget(Paragraph::new(title), header);
    let view = match app.view {
        super::app::View::People => "people",
        super::app::View::Risks => "risks",
        super::app::View::Map => "map",
        super::app::View::Plan => "plan",
        super::app::View::Grid => "grid",
    };
    let text = vec![
        Line::styled(loading.line.clone(), theme.title()),
        Line::raw(""),
        Line::raw("Reading, checking and analysing the file; keys work meanwhile."),
        Line::raw(format!(
            "It opens in the {view} view (1 … 5 choose another)."
        )),
    ];
    let top = body.height.saturating_sub(4) / 2;
    let body = Rect {
        y: body.y + top,
        height: body.height - top,
        ..body
    };
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        body,
    );
    let mut spans = Vec::new();
    for (key, what) in [
        ("q", "quit"),
        ("?", "help"),
        ("!", "messages"),
        ("1-5", "views"),
    ] {
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {what}  ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), hints);
}
