//! The application's state: the partnership as loaded, the analysis of the
//! current scenario (what-if included), and where the user is. Rendering
//! reads it; only `update` changes it.

use super::dialogs::Stack;
pub use super::views::Cursor;
use super::views::detail::DetailView;
use super::views::grid::GridView;
use super::views::people::PeopleView;
use super::views::plan::PlanView;
use super::views::risks::RisksView;
use super::views::trend::TrendView;

use super::event::Channel;
use super::fuzzy::Matcher;
use super::reanalysis::Reanalysis;
use super::saving::Saving;
use super::task::{Apply, Worker};
use crate::analysis::{Analysis, Base, Risk, Severity, Subject};
use crate::change::Change;
use crate::graph::Scenario;
use crate::model::{Partnership, Side};
use crate::store::{Loaded, Stamp};
use jiff::civil::Date;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

/// The five views (SPEC §7: keys 1 … 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    People,
    Risks,
    Map,
    Plan,
    Grid,
}

/// The panes that `Tab` moves between in the people and map views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Ours,
    Partner,
    Detail,
}

impl Pane {
    /// The pane of a side's column.
    pub fn of(side: Side) -> Pane {
        match side {
            Side::Ours => Pane::Ours,
            Side::Partner => Pane::Partner,
        }
    }
}

/// A message on the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub tone: Tone,
}

/// What kind of message a status is: something done, a note, a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Done,
    Note,
    Error,
}

/// How many messages the log keeps.
const LOG_KEPT: usize = 500;

/// The whole state of the terminal UI.
pub struct App {
    pub path: PathBuf,
    /// The partnership shown: as last loaded or saved, or with a change
    /// that is being saved ([`App::saving`]).
    pub doc: Doc,
    /// Counts the states of the data shown: what was computed for one
    /// (a plan, a trend) is out of date when it moves.
    pub version: u64,
    /// The change being written on a thread, if one is.
    pub saving: Saving,
    /// Showing the shipped demo because the data file does not exist yet.
    pub demo: bool,
    pub as_of: Date,
    /// People the what-if treats as gone (person indices).
    pub gone: Vec<usize>,
    /// The analysis shown: of the what-if and the data, or of the state
    /// before while [`App::reanalysis`] works out the new one.
    pub analysis: Arc<Analysis>,
    pub view: View,
    /// The people view's state: its columns, cursors, filter and focus
    /// (the map view shares it).
    pub people: PeopleView,
    /// The risks view's state: its list, cursor and filter.
    pub risks_view: RisksView,
    /// The detail pane's state: how far it is scrolled.
    pub detail: DetailView,
    /// The plan view's state: the plan, its job, cursor and filter.
    pub plan_view: PlanView,
    /// The coverage grid view's state: the selected cell and its filter.
    pub grid_view: GridView,
    /// The header's sparkline: the risk score's last twelve months.
    pub trend: TrendView,
    /// Typing goes into the current view's filter.
    pub filtering: bool,
    /// The dialogs open over the main screen, the top one taking keys.
    pub dialogs: Stack,
    pub status: Option<Status>,
    /// Every message of this session, oldest first (the log on `!`).
    pub log: Vec<Status>,
    /// A warning that stays until dismissed (Esc): the file on disk no
    /// longer loads.
    pub alert: Option<String>,
    /// The real date: the header marks an as-of date that is not today.
    pub today: Date,
    /// The data file or its folder cannot be written: said in the header.
    pub read_only: bool,
    /// The size of the screen last drawn on, for scrolling the detail pane.
    pub screen: (u16, u16),
    /// Changes made in this session, newest last, for `u`.
    pub undo: Vec<Change>,
    pub quit: bool,
    pub color: bool,
    pub matcher: Matcher,
    /// Per person: the worst severity among the risks about them.
    pub worst: Vec<Option<Severity>>,
    /// Per person: someone else's departure alone cuts them off.
    pub exposed: Vec<bool>,
    /// The screen is below the smallest size: keys are held back.
    pub too_small: bool,
    /// A file state already reported as unloadable, so it is said once.
    pub ignored_stamp: Option<Stamp>,
    /// The data file's modification time and size when last looked at.
    pub seen: Option<(SystemTime, u64)>,
    /// A big data file changed elsewhere, being looked at on a thread.
    pub reloading: super::update::Reloading,
    /// SIGTERM or SIGHUP arrived (its number): the loop ends.
    pub signal: Option<i32>,
    /// The one event channel: input, ticker and jobs post to it.
    pub events: Channel,
    /// Runs background jobs; the newest one's result wins.
    pub worker: Worker,
    /// What a background job is doing, shown while it runs.
    pub progress: Option<String>,
    /// The data file is still being read (a big file, on a thread): the
    /// screen says so and changes wait (see `tui::loading`).
    pub loading: Option<super::loading::Loading>,
    /// The live graph with nobody gone, which a what-if starts from.
    pub base: Arc<Base>,
    /// The analysis again after a what-if or a saved change, on a worker
    /// on a big file (see `tui::reanalysis`).
    pub reanalysis: Reanalysis,
    /// Each person's meetings, found once per state of the data (the
    /// detail pane lists them at every frame); see [`App::meetings_of`].
    pub meetings_by_person: std::sync::OnceLock<Vec<Vec<usize>>>,
}

/// The partnership shown, shared with background jobs (the analysis, a
/// plan, a save) without a copy, and the stamp of the file it was read
/// from or last written to.
#[derive(Debug, Clone)]
pub struct Doc {
    pub partnership: Arc<Partnership>,
    pub stamp: Stamp,
}

impl From<Loaded> for Doc {
    fn from(doc: Loaded) -> Doc {
        Doc {
            partnership: Arc::new(doc.partnership),
            stamp: doc.stamp,
        }
    }
}

/// The data file's modification time and size, when it can be read.
pub fn modified(path: &std::path::Path) -> Option<(SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// The base graph of `p` (what a what-if starts from) and its analysis
/// with nobody gone, as the app keeps them.
pub(super) fn analysed(p: &Partnership, as_of: Date) -> (Base, Analysis) {
    let base = Base::new(p, as_of);
    let analysis = base.run(p, &Scenario::on(as_of));
    (base, analysis)
}

impl App {
    /// An app showing `doc`, loaded from (or to be saved to) `path`.
    pub fn new(path: PathBuf, doc: Loaded, as_of: Date, color: bool) -> App {
        let analysed = analysed(&doc.partnership, as_of);
        let mut app = App::with(path, doc, analysed, as_of, color);
        app.show_loaded();
        app
    }

    /// An app showing `doc`, already analysed (its base graph and the
    /// analysis with nobody gone), before its rows are made.
    pub(super) fn with(
        path: PathBuf,
        doc: Loaded,
        (base, analysis): (Base, Analysis),
        as_of: Date,
        color: bool,
    ) -> App {
        let demo = doc.stamp == Stamp::Absent;
        let events = Channel::default();
        let worker = Worker::new(events.sender());
        let plan_view = PlanView::new(events.sender());
        let trend = TrendView::new(events.sender());
        let reanalysis = Reanalysis::new(events.sender());
        App {
            reanalysis,
            plan_view,
            grid_view: GridView::default(),
            trend,
            seen: modified(&path),
            reloading: super::update::Reloading::default(),
            signal: None,
            events,
            worker,
            progress: None,
            base: Arc::new(base),
            saving: Saving::default(),
            version: 0,
            meetings_by_person: std::sync::OnceLock::new(),
            path,
            doc: doc.into(),
            demo,
            as_of,
            gone: Vec::new(),
            analysis: Arc::new(analysis),
            view: View::People,
            people: PeopleView::default(),
            risks_view: RisksView::default(),
            detail: DetailView::default(),
            filtering: false,
            dialogs: Stack::default(),
            status: None,
            log: Vec::new(),
            alert: None,
            today: as_of,
            read_only: false,
            screen: (120, 40),
            undo: Vec::new(),
            quit: false,
            color,
            matcher: Matcher::default(),
            ignored_stamp: None,
            too_small: false,
            worst: Vec::new(),
            exposed: Vec::new(),
            loading: None,
        }
    }

    /// Shows the partnership just loaded: badges, rows, and a note for
    /// the demo or for people who look alike.
    pub(super) fn show_loaded(&mut self) {
        self.risks_view.texts = super::views::risks::texts(&self.doc.partnership, &self.analysis);
        self.rebadge();
        self.refresh_rows();
        if self.demo {
            self.note(format!(
                "This is the demo partnership. Your first change creates {}",
                crate::text::path(&self.path)
            ));
        } else if let Some(note) = crate::lookalike::summary(self.partnership()) {
            self.note(note);
        }
    }

    pub fn partnership(&self) -> &Partnership {
        &self.doc.partnership
    }

    /// Says that something was done.
    pub fn say(&mut self, text: impl Into<String>) {
        self.tell(text, Tone::Done);
    }

    /// Says something that is neither a success nor a failure.
    pub fn note(&mut self, text: impl Into<String>) {
        self.tell(text, Tone::Note);
    }

    /// Says that something failed or was refused.
    pub fn warn(&mut self, text: impl Into<String>) {
        self.tell(text, Tone::Error);
    }

    /// Shows `short` on the status line and keeps `full` in the log (`!`),
    /// where a long list of what changed can be read whole.
    pub fn tell_logged(&mut self, short: String, full: String, tone: Tone) {
        self.record(Status { text: full, tone });
        self.status = Some(Status { text: short, tone });
    }

    fn tell(&mut self, text: impl Into<String>, tone: Tone) {
        let status = Status {
            text: text.into(),
            tone,
        };
        self.record(status.clone());
        self.status = Some(status);
    }

    /// Keeps a message in the log, dropping the oldest past [`LOG_KEPT`].
    fn record(&mut self, status: Status) {
        if self.log.len() >= LOG_KEPT {
            self.log.remove(0);
        }
        self.log.push(status);
    }

    /// Shows a warning that stays until dismissed; logged like any message.
    pub fn pin(&mut self, text: impl Into<String>) {
        let text = text.into();
        self.record(Status {
            text: text.clone(),
            tone: Tone::Error,
        });
        self.alert = Some(text);
    }

    /// The selected person, if the focused column has any rows.
    pub fn selected(&self) -> Option<usize> {
        self.people.selected()
    }

    /// The person `m`, `t` and `x` act on: in the risks view the selected
    /// risk's subject (or the first of the bus-factor set), else the
    /// selected person.
    pub fn acting_person(&self) -> Option<usize> {
        if self.view != View::Risks {
            return self.selected();
        }
        let risk = self.selected_risk()?;
        match risk.subject {
            Subject::Person(i) => Some(i),
            Subject::Partnership => risk.people.first().copied(),
        }
    }

    /// The risk under the cursor in the risks view.
    pub fn selected_risk(&self) -> Option<&Risk> {
        self.analysis.risks.get(self.risks_view.selected()?)
    }

    /// Replaces the partnership (after a save or a reload) and re-analyses.
    /// What-if marks are kept for people who are still in the file.
    pub fn replace(&mut self, doc: impl Into<Doc>) -> Vec<String> {
        self.replace_with(doc, None)
    }

    /// [`App::replace`], with the analysis of `doc` when it was made
    /// already (by a save's thread: see `tui::saving`).
    pub(super) fn replace_with(
        &mut self,
        doc: impl Into<Doc>,
        ready: Option<super::reanalysis::Outcome>,
    ) -> Vec<String> {
        let old = std::mem::replace(&mut self.doc, doc.into());
        self.version += 1;
        self.meetings_by_person = std::sync::OnceLock::new();
        let index = self.doc.partnership.person_index();
        let gone: Vec<usize> = self
            .gone
            .iter()
            .filter_map(|&i| old.partnership.people.get(i))
            .filter_map(|x| index.get(x.id.as_str()).copied())
            .collect();
        drop(index);
        self.gone = gone;
        self.demo = self.demo && self.doc.stamp == Stamp::Absent;
        self.refresh_rows();
        match ready {
            Some(outcome) => {
                super::task::drop_aside(old);
                self.install_ready(outcome)
            }
            None => self.reanalyse(Some(old.partnership)),
        }
    }

    /// Recomputes each person's badge from the analysis.
    pub(super) fn rebadge(&mut self) {
        self.worst = self
            .analysis
            .worst_severity(self.doc.partnership.people.len());
        self.exposed = vec![false; self.doc.partnership.people.len()];
        for list in &self.analysis.exposure {
            for &i in list {
                if let Some(e) = self.exposed.get_mut(i) {
                    *e = true;
                }
            }
        }
    }

    /// Starts `job` in the background, saying `what` on the progress line
    /// until its result arrives; a job started before it is now stale.
    pub fn start<F>(&mut self, what: &str, job: F)
    where
        F: FnOnce() -> Apply + Send + 'static,
    {
        self.progress = Some(what.to_string());
        self.worker.start(job);
    }

    /// The meetings `person` attended (indices into the meetings, in file
    /// order), from an index made at the first call after the data changed
    /// rather than by reading every meeting at every frame.
    pub fn meetings_of(&self, person: usize) -> &[usize] {
        let all = self
            .meetings_by_person
            .get_or_init(|| self.doc.partnership.meetings_by_person());
        all.get(person).map_or(&[], Vec::as_slice)
    }

    /// Whether a what-if is in force.
    pub fn what_if(&self) -> bool {
        !self.gone.is_empty()
    }
}
