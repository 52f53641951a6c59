//! One event channel: a thread reading the terminal (keys, paste, resize),
//! a ticker (the file check every second, and SIGTERM/SIGHUP as soon as
//! seen) and background jobs ([`super::task`]) all post to it; the event
//! loop takes one event at a time and hands it to `update::handle`.

use super::task::Done;
use ratatui::crossterm::event::{self as term, KeyEvent};
use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How often the data file is looked at for changes made elsewhere.
pub const WATCH_EVERY: Duration = Duration::from_millis(1000);

/// How often the ticker looks for a signal to end, and the input thread
/// for the loop's end.
const SIGNAL_EVERY: Duration = Duration::from_millis(200);

/// Everything the event loop reacts to.
pub enum Event {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
    /// Time to look at the data file.
    Tick,
    /// SIGTERM or SIGHUP (its number) asked the program to end.
    Signal(i32),
    /// A background job finished.
    Done(Done),
    /// The save being written (see `tui::saving`) is done.
    Saved,
    /// Reading the terminal failed: the loop ends with this error.
    InputFailed(std::io::Error),
}

/// The channel: senders for the threads, the receiver for the loop.
pub struct Channel {
    tx: Sender<Event>,
    rx: Receiver<Event>,
}

impl Default for Channel {
    fn default() -> Self {
        let (tx, rx) = mpsc::channel();
        Channel { tx, rx }
    }
}

impl Channel {
    /// A sender for a thread that posts events.
    pub fn sender(&self) -> Sender<Event> {
        self.tx.clone()
    }

    /// The next event, waiting for it.
    pub fn recv(&self) -> Option<Event> {
        self.rx.recv().ok()
    }

    /// The next event, waiting at most `wait`.
    pub fn recv_timeout(&self, wait: Duration) -> Option<Event> {
        self.rx.recv_timeout(wait).ok()
    }
}

/// Reads the terminal on a thread and posts keys, pastes and resizes,
/// until `stop` is set or the loop is gone.
pub fn spawn_input(tx: Sender<Event>, stop: Arc<AtomicBool>) -> JoinHandle<()> {
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            let event = match term::poll(SIGNAL_EVERY) {
                Ok(false) => continue,
                Ok(true) => match term::read() {
                    Ok(term::Event::Key(key)) => Event::Key(key),
                    Ok(term::Event::Paste(text)) => Event::Paste(text),
                    Ok(term::Event::Resize(w, h)) => Event::Resize(w, h),
                    Ok(_) => continue,
                    Err(e) => Event::InputFailed(e),
                },
                Err(e) => Event::InputFailed(e),
            };
            let failed = matches!(event, Event::InputFailed(_));
            if tx.send(event).is_err() || failed {
                return;
            }
        }
    })
}

/// Posts [`Event::Tick`] every [`WATCH_EVERY`], and the number of a signal
/// that `signals` holds as soon as it is set, until `stop` is set.
pub fn spawn_ticker(
    tx: Sender<Event>,
    signals: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
) -> JoinHandle<()> {
    std::thread::spawn(move || {
        let mut last = Instant::now();
        // A terminal that goes away (its window closed, `tmux kill-session`)
        // may send no SIGHUP; its input then stops being a terminal at all.
        let on_terminal = std::io::stdin().is_terminal();
        while !stop.load(Ordering::Relaxed) {
            std::thread::sleep(SIGNAL_EVERY.min(WATCH_EVERY.saturating_sub(last.elapsed())));
            if let signal @ 1.. = signals.load(Ordering::Relaxed) {
                let _ = tx.send(Event::Signal(i32::try_from(signal).unwrap_or(15)));
                return;
            }
            if on_terminal && !std::io::stdin().is_terminal() {
                // As SIGHUP: the terminal hung up.
                let _ = tx.send(Event::Signal(1));
                return;
            }
            if last.elapsed() >= WATCH_EVERY {
                last = Instant::now();
                if tx.send(Event::Tick).is_err() {
                    return;
                }
            }
        }
    })
}
