//! Watching the data file: a change made elsewhere is reloaded; a file
//! that no longer loads (or is gone) is said in a warning that stays until
//! dismissed, and never saved over. A big file is looked at and reloaded
//! on a thread of its own (reading 200 MB takes seconds): the screen keeps
//! the data as it was, keys work, and the progress line says so.

use super::change::tell;
use crate::store::{self, LoadError, Loaded, Stamp};
use crate::tui::app::{App, Tone};
use crate::tui::dialogs::form::capitalised;
use crate::tui::reanalysis::{Outcome, Prepared};
use crate::tui::task::{Apply, Worker};
use std::sync::Arc;

/// The file watcher's reload on a thread, for a big file.
pub struct Reloading {
    /// Files from this size on are looked at and reloaded on a thread
    /// ([`crate::tui::loading::IN_BACKGROUND_FROM`]; tests set 0).
    pub in_background_from: u64,
    /// The look under way, if one is, and what the progress line says.
    under_way: Option<(Worker, String)>,
    /// The file changed again while it was being looked at: it is looked
    /// at again once this look is taken in (one look at a time).
    again: bool,
}

impl Default for Reloading {
    fn default() -> Reloading {
        Reloading {
            in_background_from: crate::tui::loading::IN_BACKGROUND_FROM,
            under_way: None,
            again: false,
        }
    }
}

impl Reloading {
    /// A look is under way.
    pub fn busy(&self) -> bool {
        self.under_way.is_some()
    }

    /// What the progress line says while a look is under way.
    pub fn progress(&self) -> Option<String> {
        self.under_way.as_ref().map(|(_, line)| line.clone())
    }

    /// Drops the look under way, if any: its result will not be taken in.
    fn forget(&mut self) {
        if let Some((worker, _)) = self.under_way.take() {
            worker.forget();
        }
        self.again = false;
    }
}

/// What a look at the file found: its stamp now, and the file loaded when
/// it needed to be.
struct Looked {
    now: Stamp,
    loaded: Option<Result<Reloaded, LoadError>>,
}

/// A file reloaded, with what a thread made for it: each person's
/// meetings, and, when who is in the file changed, its analysis (see
/// [`Prepared`]), shown if the screen's is still the one it was made
/// against.
struct Reloaded {
    doc: Loaded,
    meetings_by_person: Option<Vec<Vec<usize>>>,
    analysed: Option<(Prepared, Outcome)>,
}

impl Reloaded {
    fn alone(doc: Loaded) -> Reloaded {
        Reloaded {
            doc,
            meetings_by_person: None,
            analysed: None,
        }
    }
}

/// Looks at the data file; when someone else changed it, reloads it and
/// says so. A file that no longer loads is reported and left alone.
pub fn check_file(app: &mut App) {
    if app.saving.busy() {
        return;
    }
    let big = std::fs::metadata(&app.path)
        .is_ok_and(|meta| meta.len() >= app.reloading.in_background_from);
    if big {
        return look_in_background(app);
    }
    // A look under way on a thread is of an older state of the file.
    app.reloading.forget();
    let Ok(now) = Stamp::read(&app.path) else {
        return;
    };
    let path = app.path.clone();
    let loaded = needs_loading(app, now).then(|| store::load_stamped(&path).map(Reloaded::alone));
    take_in(app, Looked { now, loaded });
}

/// Whether a file whose stamp is `now` must be loaded: it is neither what
/// is shown, nor gone, nor a state already reported as unloadable.
fn needs_loading(app: &App, now: Stamp) -> bool {
    must_load(now, app.doc.stamp, app.ignored_stamp)
}

/// [`needs_loading`], given what is shown and what was reported.
fn must_load(now: Stamp, shown: Stamp, ignored: Option<Stamp>) -> bool {
    now != shown && now != Stamp::Absent && Some(now) != ignored
}

/// [`check_file`] on a thread: the file's stamp is read, and the file
/// loaded when it must be, while keys work; the result is taken in when it
/// arrives, unless the data changed meanwhile (a save, which made its
/// change on the newer file), in which case the file is looked at again.
fn look_in_background(app: &mut App) {
    if app.reloading.busy() {
        app.reloading.again = true;
        return;
    }
    let path = app.path.clone();
    let (shown, ignored, version) = (app.doc.stamp, app.ignored_stamp, app.version);
    let before = Arc::clone(&app.doc.partnership);
    let prepared = Prepared::of(app);
    let worker = Worker::own(app.events.sender());
    worker.start(move || {
        let look = std::panic::AssertUnwindSafe(|| look(&path, shown, ignored, &before, prepared));
        // A look that panicked is no look: the next tick looks again.
        let looked = std::panic::catch_unwind(look).ok().flatten();
        Box::new(move |app: &mut App| arrived(app, version, looked)) as Apply
    });
    let line = format!(
        "Looking at {}: it was changed outside partnermap",
        crate::text::path(&app.path)
    );
    app.reloading.under_way = Some((worker, line));
}

/// The look itself, on the thread: the file's stamp, and the file loaded
/// (with what the UI thread would make for it) when it must be.
fn look(
    path: &std::path::Path,
    shown: Stamp,
    ignored: Option<Stamp>,
    before: &crate::model::Partnership,
    prepared: Option<Prepared>,
) -> Option<Looked> {
    let now = Stamp::read(path).ok()?;
    let loaded = must_load(now, shown, ignored).then(|| {
        store::load_stamped(path).map(|doc| {
            let p = &doc.partnership;
            let analysed = prepared.and_then(|prepared| {
                let outcome = prepared.run(before, p)?;
                Some((prepared, outcome))
            });
            Reloaded {
                meetings_by_person: Some(p.meetings_by_person()),
                analysed,
                doc,
            }
        })
    });
    Some(Looked { now, loaded })
}

/// A look made on a thread arrived: taken in, unless the data changed
/// meanwhile; the file is looked at again at the next tick when it could
/// not be taken in or the file changed again meanwhile.
fn arrived(app: &mut App, version: u64, looked: Option<Looked>) {
    let again = std::mem::take(&mut app.reloading.again);
    app.reloading.under_way = None;
    let taken = looked.is_some_and(|looked| {
        let loaded_as_needed = looked.loaded.is_some() == needs_loading(app, looked.now);
        let fits = app.version == version && !app.saving.busy() && loaded_as_needed;
        if fits {
            take_in(app, looked);
        }
        fits
    });
    if again || !taken {
        app.seen = None;
    }
}

/// Acts on what a look at the file found.
fn take_in(app: &mut App, looked: Looked) {
    let Looked { now, loaded } = looked;
    if Some(now) == app.ignored_stamp {
        return;
    }
    if now == app.doc.stamp {
        // Put back (e.g. by `restore`) to what the UI shows: say so once.
        if app.ignored_stamp.take().is_some() {
            app.alert = None;
            app.say("The file on disk loads again and holds what is shown");
        }
        return;
    }
    if now == Stamp::Absent {
        app.ignored_stamp = Some(now);
        app.pin(format!(
            "{} was removed or moved outside partnermap; showing what was loaded",
            crate::text::path(&app.path)
        ));
        return;
    }
    match loaded {
        None => {}
        Some(Ok(reloaded)) => {
            let said = app.replace_made(
                reloaded.doc.into(),
                reloaded.analysed,
                reloaded.meetings_by_person,
            );
            app.demo = false;
            // Someone made the file meanwhile: no need to start one.
            while app.dialogs.top().is_some_and(|d| d.start_screen()) {
                app.dialogs.close();
            }
            app.ignored_stamp = None;
            app.alert = None;
            tell(
                app,
                "The file was changed outside partnermap and has been reloaded".into(),
                &said,
                Tone::Done,
            );
        }
        Some(Err(e)) => {
            app.ignored_stamp = Some(now);
            let first = e.to_string().lines().next().unwrap_or_default().to_string();
            let how = match crate::advice::restore_hint(&app.path) {
                Some(hint) => capitalised(hint.trim_start_matches("hint: ")),
                None => "Fix the file in an editor; partnermap reloads it when it loads again"
                    .to_string(),
            };
            app.pin(format!(
                "The file on disk no longer loads ({first}); showing what was loaded, and nothing will be saved over it. {how}. Esc hides this."
            ));
        }
    }
}
