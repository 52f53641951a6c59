//! The terminal UI, a thin layer over the library: state (`app`), keys
//! (`keymap`, `action`), one `update`, forms and dialogs, and rendering
//! (`view`). It analyses, edits, saves and exports only through the
//! library's functions.

pub mod action;
pub mod app;
pub mod dialogs;
pub mod fuzzy;
pub mod keymap;
pub mod screen;
pub mod testing;
pub mod theme;
pub mod update;
pub mod views;

use crate::store::{self, LoadError, Loaded, Stamp};
use app::App;
use jiff::civil::Date;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

/// How often the data file is looked at for changes made elsewhere.
const WATCH_EVERY: Duration = Duration::from_millis(1000);

/// The longest the event loop waits before it looks for a signal to end.
const SIGNAL_EVERY: Duration = Duration::from_millis(200);

/// How the UI ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The user quit.
    Quit,
    /// SIGTERM or SIGHUP (its number) asked the program to end; the terminal
    /// was restored first. Every change was already saved.
    Signal(i32),
}

/// Turns SIGTERM and SIGHUP into a number the event loop looks at, so that
/// `kill` or a closed terminal window ends the UI through the same restore
/// as `q` (alternate screen left, cursor shown, raw mode off). A second
/// signal while the first is being handled ends the program at once.
/// SIGINT is left alone: in raw mode Ctrl-C is a key, not a signal.
fn watch_signals() -> std::io::Result<Arc<AtomicUsize>> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let got = Arc::new(AtomicUsize::new(0));
    let asked = Arc::new(std::sync::atomic::AtomicBool::new(false));
    for signal in [SIGTERM, SIGHUP] {
        signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&asked))?;
        signal_hook::flag::register(signal, Arc::clone(&asked))?;
        // The number itself, for the exit code (0 means none yet).
        signal_hook::flag::register_usize(
            signal,
            Arc::clone(&got),
            signal.unsigned_abs() as usize,
        )?;
    }
    Ok(got)
}

/// Loads the data file for the UI: the file itself, or the demo when there
/// is no file yet. Errors are returned before the terminal is touched.
/// The header marks the as-of date when it is not `today`, and says when
/// the file or its folder cannot be written.
pub fn open(path: PathBuf, as_of: Date, color: bool) -> Result<App, LoadError> {
    let doc = match store::load_stamped(&path) {
        Ok(doc) => doc,
        Err(LoadError::NotFound { .. }) => Loaded {
            partnership: crate::demo::demo(as_of),
            stamp: Stamp::Absent,
        },
        Err(e) => return Err(e),
    };
    let read_only = store::read_only(&path);
    let mut app = App::new(path, doc, as_of, color);
    app.read_only = read_only;
    Ok(app)
}

/// Runs the UI until the user quits or SIGTERM/SIGHUP arrives. The
/// terminal is restored on return, on error and on panic (`ratatui::run`
/// installs the hook).
pub fn run(app: App) -> std::io::Result<Ended> {
    let signals = watch_signals()?;
    use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
    use ratatui::crossterm::execute;
    // A paste arrives as one piece of text, so a newline in it cannot act
    // as Enter and save a form half-typed. Turned off again on every exit,
    // a panic included.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableBracketedPaste);
        hook(info);
    }));
    ratatui::run(|terminal| {
        execute!(std::io::stdout(), EnableBracketedPaste)?;
        let result = event_loop(terminal, app, &signals);
        let _ = execute!(std::io::stdout(), DisableBracketedPaste);
        result
    })
}

fn modified(path: &std::path::Path) -> Option<(SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    mut app: App,
    signals: &AtomicUsize,
) -> std::io::Result<Ended> {
    let mut seen = modified(&app.path);
    let size = terminal.size()?;
    update::on_resize(&mut app, size.width, size.height);
    let mut last_look = Instant::now();
    loop {
        terminal.draw(|frame| screen::render(&app, frame))?;
        if app.quit {
            return Ok(Ended::Quit);
        }
        let wait = WATCH_EVERY
            .saturating_sub(last_look.elapsed())
            .min(SIGNAL_EVERY);
        if event::poll(wait)? {
            match event::read()? {
                Event::Key(key) => update::on_key(&mut app, key),
                Event::Paste(text) => update::on_paste(&mut app, &text),
                Event::Resize(width, height) => {
                    terminal.autoresize()?;
                    update::on_resize(&mut app, width, height);
                }
                _ => {}
            }
        }
        if let signal @ 1.. = signals.load(Ordering::Relaxed) {
            return Ok(Ended::Signal(i32::try_from(signal).unwrap_or(15)));
        }
        if last_look.elapsed() >= WATCH_EVERY {
            last_look = Instant::now();
            let now = modified(&app.path);
            if now != seen {
                seen = now;
                update::check_file(&mut app);
            }
        }
    }
}
