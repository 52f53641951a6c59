//! Saving without waiting for the disk. A change is written to the data
//! file on a thread with [`store::commit_applied`], so a key that saves
//! never waits for the disk, however big the file. On a small file the
//! change is made (and shown, or refused) in the keystroke itself; on a big
//! one copying the data to make it, listing each person's meetings again
//! and, when the change is of who is in the file, analysing it (which
//! cannot wait for the analysis's own worker) take longer than a frame, so
//! the thread does them too and the screen shows the change when it is
//! made, a moment later.
//!
//! One save is written at a time: the next change, a reload of the file
//! and quitting wait for the one being written. What was done is said when
//! the file holds it (the progress line says "Saving the change" until
//! then). When it fails, the change is taken back on the screen, `u`'s list
//! is put back as it was, and the caller says so (a form opens again with
//! what was typed).

use super::app::{App, Doc};
use super::event::Event;
use super::reanalysis::{Outcome, Prepared};
use crate::change::Change;
use crate::model::Partnership;
use crate::store::{self, CommitError, Written};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread::JoinHandle;

/// Up to how many records (people and meetings) a change is made in the
/// keystroke: copying 11,000 records takes about 2 ms; 110,000 (10,000
/// people) about 30 ms, more than a frame.
pub const AT_ONCE_UP_TO: usize = 11_000;

/// What a change is to `u`'s list.
#[derive(Debug, Clone)]
pub enum Kind {
    /// A new change: it goes on the list when made, and comes off again if
    /// it cannot be written.
    New,
    /// `u` taking back this change (already off the list): it goes back on
    /// if the undo cannot be written, and stays off when it no longer fits
    /// the data (it would fail again, and hide the changes before it).
    Undo(Box<Change>),
}

/// Says what was done once the file holds the change: given what changed
/// in the risks (in words) and the change as made.
pub type Done = Box<dyn FnOnce(&mut App, Vec<String>, &Change)>;

/// Says why the change was refused or not written, once the screen is
/// back as it was.
pub type Failed = Box<dyn FnOnce(&mut App, &CommitError)>;

/// A change to make and save, and what to say after.
pub struct Request {
    pub kind: Kind,
    pub done: Done,
    pub failed: Failed,
}

/// The save being written, if one is.
pub struct Saving {
    in_flight: Option<InFlight>,
    /// [`AT_ONCE_UP_TO`]; the tests lower it to take the big file's path.
    pub at_once_up_to: usize,
}

impl Default for Saving {
    fn default() -> Saving {
        Saving {
            in_flight: None,
            at_once_up_to: AT_ONCE_UP_TO,
        }
    }
}

impl Saving {
    /// A change is being made or written.
    pub fn busy(&self) -> bool {
        self.in_flight.is_some()
    }

    /// What the progress line says while the thread makes a change (on a
    /// big file, a moment before it is shown), then while it writes it.
    pub fn progress(&self) -> Option<String> {
        let in_flight = self.in_flight.as_ref()?;
        Some(if in_flight.made.is_none() {
            "Making the change".into()
        } else {
            "Saving the change".into()
        })
    }
}

/// A change made: the partnership with it, the change as made, and (made
/// by the thread) each person's meetings, which the detail pane lists.
struct Made {
    partnership: Arc<Partnership>,
    change: Change,
    meetings_by_person: Option<Vec<Vec<usize>>>,
    /// When the change is of who is in the file: its analysis (see
    /// [`Prepared`]), shown with it if the screen's is still the one it
    /// was made against.
    analysed: Option<(Prepared, Outcome)>,
}

/// A file's modification time and size, as the file watcher keeps them.
type Seen = (std::time::SystemTime, u64);

/// What the thread says, in this order.
enum Step {
    /// The change is made (on a big file, by the thread).
    Made(Box<Made>),
    /// It was written (with the file's modification time and size just
    /// after), or refused, or could not be written.
    Written(Box<Result<(Written, Option<Seen>), CommitError>>),
}

struct InFlight {
    steps: Receiver<Step>,
    thread: Option<JoinHandle<()>>,
    /// What was shown before the change: shown again if it is not written.
    before: Option<Doc>,
    /// The partnership with the change, once made: what is written.
    made: Option<Arc<Partnership>>,
    /// The demo was shown (the data file is made by this save).
    demo: bool,
    kind: Kind,
    /// Once the change is shown: what changed in the risks, in words, and
    /// the change as made, for `done` when the file holds it.
    shown: Option<(Vec<String>, Change)>,
    done: Option<Done>,
    failed: Option<Failed>,
}

impl Drop for InFlight {
    /// Even when the UI ends on a panic, the save being written is
    /// finished (a half-written temporary file would be left otherwise).
    fn drop(&mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Makes `change` and writes it on a thread, after waiting for a save still
/// being written. On a small file the change is made and shown now, and a
/// refusal is returned (nothing is shown, written or said then); on a big
/// one the thread makes it and it is shown when its word arrives. Either
/// way `request.done` runs once the file holds the change (so a `✓` on
/// the status line means it is on disk), or `request.failed` when the
/// thread refused it or could not write it.
pub fn start(app: &mut App, change: Change, request: Request) -> Result<(), CommitError> {
    if !finish(app) {
        // This change was chosen on a screen that showed the one before as
        // made: it is not made on the data as it is now.
        return Err(CommitError::AfterUnsaved);
    }
    let base = Arc::clone(&app.doc.partnership);
    let ready = if base.people.len() + base.meetings.len() <= app.saving.at_once_up_to {
        let (made, change_made) = change.applied(&base).map_err(CommitError::Refused)?;
        Some((Arc::new(made), change_made))
    } else {
        None
    };
    let (tx, steps) = mpsc::channel();
    let events = app.events.sender();
    let path = app.path.clone();
    let stamp = app.doc.stamp;
    let to_write = ready.as_ref().map(|(made, _)| Arc::clone(made));
    let prepared = ready.is_none().then(|| Prepared::of(app)).flatten();
    let thread = std::thread::spawn(move || {
        let say = |step| {
            let _ = tx.send(step);
            let _ = events.send(Event::Saved);
        };
        let made = match to_write {
            Some(made) => made,
            None => match change.applied(&base) {
                Ok((made, change_made)) => {
                    let index = made.meetings_by_person();
                    let analysed = prepared.and_then(|prepared| {
                        let outcome = prepared.run(&base, &made)?;
                        Some((prepared, outcome))
                    });
                    let made = Arc::new(made);
                    say(Step::Made(Box::new(Made {
                        partnership: Arc::clone(&made),
                        change: change_made,
                        meetings_by_person: Some(index),
                        analysed,
                    })));
                    made
                }
                Err(e) => return say(Step::Written(Box::new(Err(CommitError::Refused(e))))),
            },
        };
        drop(base);
        let written = store::commit_applied(&path, stamp, &change, &made, &mut |_| {})
            .map(|written| (written, super::app::modified(&path)));
        say(Step::Written(Box::new(written)));
    });
    app.saving.in_flight = Some(InFlight {
        steps,
        thread: Some(thread),
        before: Some(app.doc.clone()),
        made: None,
        demo: app.demo,
        kind: request.kind,
        shown: None,
        done: Some(request.done),
        failed: Some(request.failed),
    });
    match ready {
        Some((made, change_made)) => {
            let made = Made {
                partnership: made,
                change: change_made,
                meetings_by_person: None,
                analysed: None,
            };
            step(app, Step::Made(Box::new(made)));
        }
        // The progress line says the change is being made (the last
        // message is in the log).
        None => app.status = None,
    }
    Ok(())
}

/// The thread has said something (its event arrived): it is shown.
pub fn arrived(app: &mut App) {
    while let Some(in_flight) = &app.saving.in_flight {
        match in_flight.steps.try_recv() {
            Ok(next) => step(app, next),
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => return ended(app),
        }
    }
}

/// Waits for the save being made and written, if any, and shows what it
/// did. Returns false when it was refused or not written.
pub fn finish(app: &mut App) -> bool {
    let mut ok = true;
    while let Some(in_flight) = &app.saving.in_flight {
        match in_flight.steps.recv() {
            Ok(next) => {
                ok = !matches!(&next, Step::Written(result) if result.is_err());
                step(app, next);
            }
            Err(_) => {
                ended(app);
                return false;
            }
        }
    }
    ok
}

/// The thread ended without its last word: it panicked.
fn ended(app: &mut App) {
    let error = CommitError::Save(store::SaveError::Io {
        path: app.path.clone(),
        reason: std::io::Error::other("the save stopped unexpectedly"),
    });
    step(app, Step::Written(Box::new(Err(error))));
}

fn step(app: &mut App, step: Step) {
    match step {
        Step::Made(made) => shown(app, *made),
        Step::Written(result) => {
            let Some(mut in_flight) = app.saving.in_flight.take() else {
                return;
            };
            if let Some(thread) = in_flight.thread.take() {
                let _ = thread.join();
            }
            // The file watcher is told of our own write (seen just after
            // it), so it does not read the file again for it; after a
            // failure it looks at the file again, whatever changed it.
            app.seen = None;
            match *result {
                Ok((written, seen)) => {
                    if saved(app, &mut in_flight, written) {
                        app.seen = seen;
                    }
                }
                Err(e) => failed(app, &mut in_flight, &e),
            }
            // The data before the change may be big: freed off this thread.
            super::task::drop_aside(in_flight.before.take());
        }
    }
}

/// The change is made: shown, with what changed in the risks.
fn shown(app: &mut App, made: Made) {
    let Made {
        partnership: made,
        change: change_made,
        meetings_by_person: index,
        analysed,
    } = made;
    let Some(in_flight) = &mut app.saving.in_flight else {
        return;
    };
    in_flight.made = Some(Arc::clone(&made));
    let created = in_flight.demo;
    if matches!(in_flight.kind, Kind::New) {
        // Undo takes back the change as made (a meeting may have a new id).
        app.undo.push(change_made.clone());
    }
    let stamp = app.doc.stamp;
    let doc = Doc {
        partnership: made,
        stamp,
    };
    let mut said = app.replace_made(doc, analysed, index);
    // The demo is over: this save makes the data file.
    app.demo = false;
    if created {
        said.insert(0, format!("created {}", crate::text::path(&app.path)));
    }
    if let Some(in_flight) = app.saving.in_flight.as_mut() {
        in_flight.shown = Some((said, change_made));
    }
    // The progress line says it is being saved; what was done is said
    // once the file holds it.
    app.status = None;
}

/// Written: the stamp of the file as written (and someone else's changes,
/// when the change was made again on their version), and what was done
/// said (`done`). Returns whether the screen shows what the file holds.
fn saved(app: &mut App, in_flight: &mut InFlight, written: Written) -> bool {
    let Some((mut said, mut change_made)) = in_flight.shown.take() else {
        return false;
    };
    let mut holds = true;
    if let Some((merged, made_there)) = written.merged {
        if matches!(in_flight.kind, Kind::New)
            && let Some(last) = app.undo.last_mut()
        {
            *last = made_there.clone();
        }
        // Said as made there (a meeting may have another id).
        change_made = made_there;
        let since = app.replace(Doc {
            partnership: Arc::new(merged),
            stamp: written.stamp,
        });
        said.insert(0, "merged with changes made elsewhere".into());
        said.extend(since);
    } else if in_flight
        .made
        .as_ref()
        .is_some_and(|made| Arc::ptr_eq(made, &app.doc.partnership))
    {
        app.doc.stamp = written.stamp;
    } else {
        holds = false;
    }
    if let Some(warning) = written.warning {
        said.insert(0, format!("warning: {warning}"));
    }
    if let Some(done) = in_flight.done.take() {
        done(app, said, &change_made);
    }
    holds
}

/// Refused or not written: the screen and `u`'s list are put back, and the
/// caller says why.
fn failed(app: &mut App, in_flight: &mut InFlight, e: &CommitError) {
    let was_shown = in_flight.made.is_some();
    match std::mem::replace(&mut in_flight.kind, Kind::New) {
        Kind::New if was_shown => {
            app.undo.pop();
        }
        Kind::New => {}
        // An undo that no longer fits would fail again: off the list.
        Kind::Undo(change) if !e.no_longer_fits() => app.undo.push(*change),
        Kind::Undo(_) => {}
    }
    if was_shown && let Some(before) = &in_flight.before {
        app.replace(before.clone());
        app.demo = in_flight.demo;
    }
    if let Some(failed) = in_flight.failed.take() {
        failed(app, e);
    }
}
