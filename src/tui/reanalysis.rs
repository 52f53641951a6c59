//! The analysis again after a what-if (`x`, `u` in a what-if) or a saved
//! change: on a small file at once, in the keystroke; on a big one on a
//! worker of its own while keys keep working, with a progress line
//! ("What-if: Ana Ruiz gone: working out what changes…"). Meanwhile the
//! screen shows the analysis as it was (the risk list dimmed, "updating")
//! with the what-if's marks and the saved data already there; the newest
//! job wins, and its result is compared with the analysis on the screen,
//! so the message that arrives with it says everything that changed since.
//! A saved change that adds, removes or reorders people is analysed at once
//! whatever the size: the analysis on the screen numbers people as the
//! file did before, and the views would read it against the new list.

use super::app::{App, Status, Tone};
use super::task::Worker;
use crate::analysis::{Analysis, Base, risk_changes};
use crate::graph::Scenario;
use crate::model::Partnership;
use std::sync::Arc;

/// Up to this many people the analysis runs in the keystroke: at 1,000
/// people (10,000 meetings) the whole analysis takes about 7 ms and a
/// what-if less, within a frame, and the screen never shows a progress
/// line for it (the demo, the tests' files).
pub const AT_ONCE_UP_TO: usize = 1_000;

/// A message held back until the analysis it speaks of arrives: the head
/// ("Meeting logged") and what is known already ("created FILE").
#[derive(Debug, Clone)]
pub struct Told {
    head: String,
    said: Vec<String>,
    tone: Tone,
}

/// The analysis's background work and what waits for it.
pub struct Reanalysis {
    worker: Worker,
    running: Option<Running>,
    /// `App::base` is of an older state of the data or of another day.
    base_stale: bool,
    /// Messages waiting for the analysis, said together when it arrives.
    told: Vec<Told>,
    /// Up to this many people the analysis runs in the keystroke.
    pub at_once_up_to: usize,
}

/// A job under way.
struct Running {
    /// What the progress line says.
    what: String,
    /// The partnership the analysis on the screen was made for, when a
    /// saved change has replaced it since.
    shown: Option<Arc<Partnership>>,
}

/// What a job hands back: the analysis, what changed in words, and the
/// texts the risks view's filter matches.
pub struct Outcome {
    base: Arc<Base>,
    analysis: Analysis,
    said: Vec<String>,
    texts: Vec<String>,
}

impl Reanalysis {
    pub fn new(tx: std::sync::mpsc::Sender<super::event::Event>) -> Reanalysis {
        Reanalysis {
            worker: Worker::own(tx),
            running: None,
            base_stale: false,
            told: Vec::new(),
            at_once_up_to: AT_ONCE_UP_TO,
        }
    }

    /// A job is under way: the analysis shown is of an earlier state.
    pub fn running(&self) -> bool {
        self.running.is_some()
    }

    /// What the progress line says while a job runs.
    pub fn progress(&self) -> Option<String> {
        self.running.as_ref().map(|r| r.what.clone())
    }
}

/// The analysis of `p` in `scenario` from `base`, what changed since
/// `before` (the analysis of `p_before`) in words, and the risks' filter
/// texts: the one computation both the keystroke and the worker run.
pub fn analyse(
    base: Arc<Base>,
    p_before: &Partnership,
    before: &Analysis,
    p: &Partnership,
    scenario: &Scenario,
) -> Outcome {
    let analysis = base.run(p, scenario);
    let changes = risk_changes(p_before, before, p, &analysis);
    let said = crate::words::risk_changes(p_before, p, &changes);
    let texts = super::views::risks::texts(p, &analysis);
    Outcome {
        base,
        analysis,
        said,
        texts,
    }
}

/// What a save's thread needs to analyse the change it makes when the
/// change adds, removes or brings back people (which is analysed at once,
/// whatever the size, so not on the UI thread when it can be helped): the
/// analysis on the screen, the day and the what-if's people, by id.
pub struct Prepared {
    before: Arc<Analysis>,
    as_of: jiff::civil::Date,
    gone: Vec<String>,
}

impl Prepared {
    /// `None` while an analysis runs: the one on the screen is then of an
    /// older state of the data than the one the change is made on.
    pub fn of(app: &App) -> Option<Prepared> {
        (!app.reanalysis.running()).then(|| Prepared {
            before: Arc::clone(&app.analysis),
            as_of: app.as_of,
            gone: gone_ids(app),
        })
    }

    /// The analysis of `p`, made by a change from `p_before` (the data on
    /// the screen when this was prepared), when the change is of who is in
    /// the file; `None` otherwise (the worker analyses it, as any change).
    pub fn run(&self, p_before: &Partnership, p: &Partnership) -> Option<Outcome> {
        if same_people(p_before, p) {
            return None;
        }
        let index = p.person_index();
        let gone = (self.gone.iter())
            .filter_map(|id| index.get(id.as_str()).copied())
            .collect();
        let scenario = Scenario {
            as_of: self.as_of,
            gone,
        };
        let base = Arc::new(Base::new(p, self.as_of));
        Some(analyse(base, p_before, &self.before, p, &scenario))
    }

    /// The screen still shows the analysis, day and what-if it was
    /// prepared with (none was started since): its outcome can be shown.
    pub fn fits(&self, app: &App) -> bool {
        !app.reanalysis.running()
            && Arc::ptr_eq(&self.before, &app.analysis)
            && app.as_of == self.as_of
            && gone_ids(app) == self.gone
    }
}

/// The ids of the people the what-if marks as gone, in marking order.
fn gone_ids(app: &App) -> Vec<String> {
    let people = &app.doc.partnership.people;
    (app.gone.iter())
        .filter_map(|&i| people.get(i).map(|x| x.id.clone()))
        .collect()
}

/// Both lists hold the same people in the same places (an edit, a meeting,
/// a tie, a departure or a stance changes nobody's place).
fn same_people(a: &Partnership, b: &Partnership) -> bool {
    a.people.len() == b.people.len() && a.people.iter().zip(&b.people).all(|(x, y)| x.id == y.id)
}

impl App {
    /// Runs the analysis again for the current data and what-if. On a
    /// small file (or a change of who is in it) it runs now and returns
    /// what changed since the analysis shown, in words; otherwise it starts
    /// on the worker, returns nothing, and what changed is said when the
    /// result arrives (with the messages [`App::hold`] kept). `old` is the
    /// partnership before a saved change or a reload.
    pub fn reanalyse(&mut self, old: Option<Arc<Partnership>>) -> Vec<String> {
        let data_changed = old.is_some();
        if data_changed || self.base.as_of() != self.as_of {
            self.reanalysis.base_stale = true;
        }
        let running = self.reanalysis.running.take();
        let shown = running.and_then(|r| r.shown).or(old);
        let stable = shown
            .as_ref()
            .is_none_or(|s| same_people(s, &self.doc.partnership));
        if stable && self.doc.partnership.people.len() > self.reanalysis.at_once_up_to {
            self.start_analysis(shown);
            return Vec::new();
        }
        // A job still running is for an older state: its result is dropped.
        self.reanalysis.worker.forget();
        let base = if self.reanalysis.base_stale {
            Arc::new(Base::new(&self.doc.partnership, self.as_of))
        } else {
            Arc::clone(&self.base)
        };
        let p = &self.doc.partnership;
        let before = shown.as_deref().unwrap_or(p);
        let outcome = analyse(base, before, &self.analysis, p, &self.scenario());
        let said = outcome.said.clone();
        self.install(outcome);
        said
    }

    fn scenario(&self) -> Scenario {
        Scenario {
            as_of: self.as_of,
            gone: self.gone.clone(),
        }
    }

    /// Starts the analysis on the worker; any job before it is stale.
    fn start_analysis(&mut self, shown: Option<Arc<Partnership>>) {
        let copy = Arc::clone(&self.doc.partnership);
        let p_before = shown.clone().unwrap_or_else(|| Arc::clone(&copy));
        let before = Arc::clone(&self.analysis);
        let base = (!self.reanalysis.base_stale).then(|| Arc::clone(&self.base));
        let scenario = self.scenario();
        let what = self
            .reanalysis
            .told
            .last()
            .map_or_else(|| "Working out what changes".into(), |t| waiting(&t.head));
        self.reanalysis.running = Some(Running { what, shown });
        self.reanalysis.worker.start(move || {
            let base = base.unwrap_or_else(|| Arc::new(Base::new(&copy, scenario.as_of)));
            let outcome = analyse(base, &p_before, &before, &copy, &scenario);
            Box::new(move |app: &mut App| app.arrived(outcome))
        });
    }

    /// [`App::replace_with`] of data a thread made (a save on a big file,
    /// a reload), with what the thread made for it: its analysis, shown
    /// when the screen's is still the one it was made against
    /// ([`Prepared::fits`]), and each person's meetings.
    pub(super) fn replace_made(
        &mut self,
        doc: super::app::Doc,
        analysed: Option<(Prepared, Outcome)>,
        meetings_by_person: Option<Vec<Vec<usize>>>,
    ) -> Vec<String> {
        let ready = analysed
            .filter(|(prepared, _)| prepared.fits(self))
            .map(|(_, outcome)| outcome);
        let said = self.replace_with(doc, ready);
        if let Some(index) = meetings_by_person {
            self.meetings_by_person = std::sync::OnceLock::from(index);
        }
        said
    }

    /// Shows an analysis a save's thread made ([`Prepared`]) for the data
    /// just put in place, instead of analysing it again; returns what
    /// changed, in words.
    pub(super) fn install_ready(&mut self, outcome: Outcome) -> Vec<String> {
        self.reanalysis.worker.forget();
        super::task::drop_aside(self.reanalysis.running.take());
        let said = outcome.said.clone();
        self.install(outcome);
        said
    }

    /// Shows an analysis and its filter texts: badges and risk rows follow.
    fn install(&mut self, outcome: Outcome) {
        // The risk under the cursor stays under it when it is still there
        // (the list re-sorts under a what-if); else the cursor keeps its row.
        let under = self.selected_risk().map(|r| (r.kind, r.subject));
        let base = std::mem::replace(&mut self.base, outcome.base);
        self.reanalysis.base_stale = false;
        let analysis = std::mem::replace(&mut self.analysis, Arc::new(outcome.analysis));
        super::task::drop_aside((base, analysis));
        self.risks_view.texts = outcome.texts;
        self.rebadge();
        self.refresh_risk_rows();
        let risks = &self.analysis.risks;
        let same = |&i: &usize| under == risks.get(i).map(|r| (r.kind, r.subject));
        if let Some(row) = self.risks_view.rows.iter().position(same) {
            self.risks_view.cursor.selected = row;
        }
    }

    /// The newest job's result: shown, and the messages held for it said
    /// with what changed.
    fn arrived(&mut self, outcome: Outcome) {
        // The state it was for may be the last copy of a big partnership:
        // freed off this thread, as are the analysis and graph replaced.
        super::task::drop_aside(self.reanalysis.running.take());
        let said = outcome.said.clone();
        self.install(outcome);
        if !self.reanalysis.told.is_empty() {
            let told = std::mem::take(&mut self.reanalysis.told);
            let (head, mut all, tone) = joined(told);
            all.extend(said);
            super::update::change::say(self, head, &all, tone);
        }
    }

    /// A message about a change just made: while an analysis runs it is
    /// kept to be said with what changed when the result arrives (the
    /// progress line names it meanwhile) and `None` is returned; otherwise
    /// it is returned to be said now, after any messages kept for a job
    /// that an analysis run at once overtook.
    pub fn hold(
        &mut self,
        head: String,
        said: &[String],
        tone: Tone,
    ) -> Option<(String, Vec<String>, Tone)> {
        let told = Told {
            head,
            said: said.to_vec(),
            tone,
        };
        if let Some(running) = self.reanalysis.running.as_mut() {
            running.what = waiting(&told.head);
            self.reanalysis.told.push(told);
            // The progress line says it until the result arrives.
            self.status = None::<Status>;
            return None;
        }
        let mut all = std::mem::take(&mut self.reanalysis.told);
        all.push(told);
        Some(joined(all))
    }
}

/// "Meeting logged: working out what changes".
fn waiting(head: &str) -> String {
    format!("{head}: working out what changes")
}

/// Several held messages as one: heads joined with "; ", what each knew
/// already in order, the last one's tone.
fn joined(told: Vec<Told>) -> (String, Vec<String>, Tone) {
    let tone = told.last().map_or(Tone::Note, |t| t.tone);
    let head = told
        .iter()
        .map(|t| t.head.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    let said = told.into_iter().flat_map(|t| t.said).collect();
    (head, said, tone)
}
