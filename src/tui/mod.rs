//! The terminal UI, a thin layer over the library: state (`app`), keys
//! (`keymap`, `action`), one `update`, forms and dialogs, and rendering
//! (`view`). It analyses, edits, saves and exports only through the
//! library's functions.

pub mod action;
pub mod app;
pub mod dialogs;
pub mod event;
pub mod fuzzy;
pub mod keymap;
pub mod loading;
pub mod reanalysis;
pub mod saving;
pub mod screen;
pub mod task;
pub mod testing;
pub mod theme;
pub mod update;
pub mod views;

use crate::store::{self, LoadError, Loaded, Stamp};
use app::App;
use event::Event;
use jiff::civil::Date;
use ratatui::DefaultTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// How the UI ended.
#[derive(Debug)]
pub enum Ended {
    /// The user quit.
    Quit,
    /// SIGTERM or SIGHUP (its number) asked the program to end; the terminal
    /// was restored first. Every change was saved, but for the last one
    /// when it could not be (why, to be said once the terminal is back).
    Signal(i32, Option<String>),
    /// The data file, loaded after the UI opened (a big file), does not
    /// load: said as `check` says it, once the terminal is restored.
    NotLoaded(Box<LoadError>),
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

/// Loads the data file for the UI: the file itself, or, when there is no
/// file yet, the start screen over the demo (`n` a new partnership, `d` the
/// demo). Errors are returned before the terminal is touched.
/// The header marks the as-of date when it is not `today`, and says when
/// the file or its folder cannot be written. A big file is loaded after
/// the UI opens, with a loading line (`loading`).
pub fn open(path: PathBuf, as_of: Date, color: bool) -> Result<App, LoadError> {
    if let Some(bytes) = loading::big_file(&path) {
        let mut app = loading::start(path, bytes, as_of, color);
        app.read_only = store::read_only(&app.path);
        return Ok(app);
    }
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
    if app.demo {
        // No data file: start a partnership of one's own, or the demo.
        app.dialogs.open(Box::new(dialogs::start::StartScreen));
    }
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
        let result = event_loop(terminal, app, signals);
        let _ = execute!(std::io::stdout(), DisableBracketedPaste);
        result
    })
}

/// Runs the threads that post to the channel, then the loop; the threads
/// are stopped before the terminal is restored.
fn event_loop(
    terminal: &mut DefaultTerminal,
    mut app: App,
    signals: Arc<AtomicUsize>,
) -> std::io::Result<Ended> {
    let stop = Arc::new(AtomicBool::new(false));
    let input = event::spawn_input(app.events.sender(), Arc::clone(&stop));
    let ticker = event::spawn_ticker(app.events.sender(), signals, Arc::clone(&stop));
    let ended = run_loop(terminal, &mut app);
    stop.store(true, Ordering::Relaxed);
    // The input thread is not waited for: when the terminal has gone away
    // (its window closed, `tmux kill-session`) crossterm's poll never
    // returns, and waiting would keep the program alive, spinning. It ends
    // with the process.
    drop(input);
    let _ = ticker.join();
    ended
}

/// Draws, waits for the next event, hands it to `update::handle`. The
/// change being written when the loop ends is waited for.
fn run_loop(terminal: &mut DefaultTerminal, app: &mut App) -> std::io::Result<Ended> {
    let size = terminal.size()?;
    update::on_resize(app, size.width, size.height);
    loop {
        terminal.draw(|frame| screen::render(app, frame))?;
        if app.quit && app.saving.busy() {
            // Quitting waits for the change being written; when that
            // fails, the UI stays open to say so.
            app.note("Saving the last change before quitting…");
            terminal.draw(|frame| screen::render(app, frame))?;
            if !saving::finish(app) {
                app.quit = false;
                let how = if app.dialogs.is_empty() {
                    "q again quits without it"
                } else {
                    "Esc, then q, quits without it"
                };
                let why = app
                    .status
                    .as_ref()
                    .map(|s| s.text.clone())
                    .unwrap_or_default();
                app.warn(format!("Quitting stopped: {why} ({how})"));
                continue;
            }
        }
        if app.quit {
            return Ok(loading::failure(app).map_or(Ended::Quit, |e| Ended::NotLoaded(Box::new(e))));
        }
        let Some(event) = app.events.recv() else {
            return Ok(Ended::Quit);
        };
        match event {
            Event::InputFailed(e) => return Err(e),
            Event::Resize(..) => terminal.autoresize()?,
            _ => {}
        }
        update::handle(app, event);
        if let Some(signal) = app.signal {
            let unsaved = if saving::finish(app) {
                None
            } else {
                app.status.as_ref().map(|s| s.text.clone())
            };
            return Ok(Ended::Signal(signal, unsaved));
        }
    }
}
