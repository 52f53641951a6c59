//! Background work: a [`Worker`] runs a closure on a thread and posts its
//! result to the event channel, tagged with a generation number; only the
//! newest job's result is applied (a stale one is dropped), so a slow
//! computation started twice cannot overwrite the newer answer. While a
//! job runs the UI keeps taking keys and shows a progress line.

use super::app::App;
use super::event::Event;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::Sender;

/// What a finished job does to the app, on the UI thread.
pub type Apply = Box<dyn FnOnce(&mut App) + Send>;

/// A job's result, posted to the event channel.
pub struct Done {
    generation: u64,
    latest: Arc<AtomicU64>,
    apply: Apply,
    /// From the app's main worker, whose job the progress line shows.
    main: bool,
}

impl Done {
    /// From the app's main worker (not a view's own, such as the plan's).
    pub fn is_main(&self) -> bool {
        self.main
    }

    /// No newer job was started since this one.
    pub fn is_current(&self) -> bool {
        self.generation == self.latest.load(Ordering::SeqCst)
    }

    /// Applies the result when it is current; a stale one is dropped.
    /// Returns whether it was applied.
    pub fn apply(self, app: &mut App) -> bool {
        if !self.is_current() {
            return false;
        }
        (self.apply)(app);
        true
    }
}

/// Runs jobs on threads; the newest one wins.
pub struct Worker {
    tx: Sender<Event>,
    latest: Arc<AtomicU64>,
    main: bool,
}

impl Worker {
    pub fn new(tx: Sender<Event>) -> Worker {
        Worker {
            tx,
            latest: Arc::new(AtomicU64::new(0)),
            main: true,
        }
    }

    /// A worker of a view's own (the plan, the trend): its newest job
    /// wins among its own jobs only, and its results leave the main
    /// worker's progress line alone.
    pub fn own(tx: Sender<Event>) -> Worker {
        Worker {
            main: false,
            ..Worker::new(tx)
        }
    }

    /// Makes every job started so far stale: its result will be dropped.
    pub fn forget(&self) {
        self.latest.fetch_add(1, Ordering::SeqCst);
    }

    /// Starts `job` on a thread; its result is posted as [`Event::Done`].
    /// Any job started before is now stale.
    pub fn start<F>(&self, job: F)
    where
        F: FnOnce() -> Apply + Send + 'static,
    {
        let generation = self.latest.fetch_add(1, Ordering::SeqCst) + 1;
        let latest = Arc::clone(&self.latest);
        let tx = self.tx.clone();
        let main = self.main;
        std::thread::spawn(move || {
            let apply = job();
            let _ = tx.send(Event::Done(Done {
                generation,
                latest,
                apply,
                main,
            }));
        });
    }
}

/// Drops `value` on a thread of its own: freeing a big partnership (a
/// state of the data no longer shown) takes longer than a frame.
pub fn drop_aside<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use crate::store::{Loaded, Stamp};
    use crate::tui::app::{App, View};
    use crate::tui::event::Event;
    use crate::tui::testing;
    use crate::tui::update;
    use std::sync::mpsc;
    use std::time::Duration;

    const WAIT: Duration = Duration::from_secs(10);

    fn app() -> App {
        let day = jiff::civil::date(2026, 11, 24);
        let doc = Loaded {
            partnership: crate::demo::demo(day),
            stamp: Stamp::Absent,
        };
        App::new("/nonexistent/partnership.json".into(), doc, day, false)
    }

    /// The next result of the main worker's jobs on the app's channel
    /// (the views' own jobs, such as the sparkline's, are applied).
    fn next_done(app: &mut App) -> Event {
        loop {
            match app.events.recv_timeout(WAIT) {
                Some(Event::Done(done)) if done.is_main() => return Event::Done(done),
                Some(event @ Event::Done(_)) => update::handle(app, event),
                Some(_) => {}
                None => panic!("no job finished"),
            }
        }
    }

    #[test]
    fn the_newest_job_wins_and_a_stale_result_is_dropped() {
        let mut app = app();
        let (release, wait) = mpsc::channel::<()>();
        app.start("first", move || {
            let _ = wait.recv();
            Box::new(|app: &mut App| app.note("first"))
        });
        app.start("second", || Box::new(|app: &mut App| app.note("second")));
        let done = next_done(&mut app);
        update::handle(&mut app, done);
        assert_eq!(testing::status(&app), "second");
        // The first job finishes last: its result is stale and dropped.
        release.send(()).unwrap();
        let done = next_done(&mut app);
        update::handle(&mut app, done);
        assert_eq!(testing::status(&app), "second");
        assert!(app.progress.is_none());
    }

    #[test]
    fn keys_are_handled_while_a_job_runs() {
        let mut app = app();
        let (release, wait) = mpsc::channel::<()>();
        app.start("Computing the plan", move || {
            let _ = wait.recv();
            Box::new(|app: &mut App| app.note("plan ready"))
        });
        // Esc clears the demo's note from the status line, then 2.
        for name in ["<Esc>", "2"] {
            let key = testing::key(name).unwrap();
            update::handle(&mut app, Event::Key(key));
        }
        assert_eq!(testing::view(&app), View::Risks);
        let shown = testing::screen(&app, 120, 40);
        assert!(shown.contains("Computing the plan"), "{shown}");
        release.send(()).unwrap();
        let done = next_done(&mut app);
        update::handle(&mut app, done);
        assert_eq!(testing::status(&app), "plan ready");
        assert!(!testing::screen(&app, 120, 40).contains("Computing the plan"));
    }
}
