//! Changes to the data (saved at once, undone with `u`) and the what-if
//! (never saved; while it is on, `u` takes back the last marking).

use crate::change::Change;
use crate::store::CommitError;
use crate::tui::app::{App, Tone};
use crate::tui::saving::{self, Done, Failed, Kind, Request};

/// `x`: marks the person `x` acts on as gone, or brings them back.
pub(super) fn what_if(app: &mut App) {
    let Some(person) = app.acting_person() else {
        app.warn("Select a person first: what-if marks the selected person as gone");
        return;
    };
    if app.gone.contains(&person) {
        bring_back(app, person);
        return;
    }
    let name = name_of(app, person);
    // From the data, not the analysis: that may still be on its way.
    let as_of = app.as_of;
    if !app
        .partnership()
        .people
        .get(person)
        .is_some_and(|x| x.is_active_on(as_of))
    {
        app.warn(format!(
            "{name} is not active on {}: nothing changes",
            app.as_of
        ));
        return;
    }
    app.gone.push(person);
    let said = app.reanalyse(None);
    // A departure is no success: said as a note, not with a tick.
    tell(app, format!("What-if: {name} gone"), &said, Tone::Note);
}

/// Takes `person` out of the what-if.
fn bring_back(app: &mut App, person: usize) {
    app.gone.retain(|&g| g != person);
    let said = app.reanalyse(None);
    let name = name_of(app, person);
    let head = if app.gone.is_empty() {
        format!("{name} is back, and the what-if is over (u now undoes saved changes)")
    } else {
        format!("{name} is back")
    };
    tell(app, head, &said, Tone::Note);
}

fn name_of(app: &App, person: usize) -> String {
    app.partnership()
        .people
        .get(person)
        .map(|x| crate::text::printable(&x.name).into_owned())
        .unwrap_or_default()
}

/// "head: a; b; c and 2 more".
pub(crate) fn sentence(head: String, said: &[String]) -> String {
    const SHOWN: usize = 3;
    if said.is_empty() {
        return format!("{head}: no risk changes");
    }
    let mut text = format!("{head}: {}", said[..said.len().min(SHOWN)].join("; "));
    if said.len() > SHOWN {
        text.push_str(&format!(" and {} more (! shows all)", said.len() - SHOWN));
    }
    crate::text::printable(&text).into_owned()
}

/// Says `head` and what changed: the first few on the status line, all of
/// them in the message log. While the analysis runs in the background the
/// message waits for it, to be said with what changed (`App::hold`).
pub(crate) fn tell(app: &mut App, head: String, said: &[String], tone: Tone) {
    if let Some((head, said, tone)) = app.hold(head, said, tone) {
        say(app, head, &said, tone);
    }
}

/// Says `head` and what changed now.
pub(crate) fn say(app: &mut App, head: String, said: &[String], tone: Tone) {
    let short = sentence(head.clone(), said);
    let full = if said.is_empty() {
        short.clone()
    } else {
        crate::text::printable(&format!("{head}: {}", said.join("; "))).into_owned()
    };
    app.tell_logged(short, full, tone);
}

/// `u`: while anyone is marked gone, takes back the last marking (never a
/// saved change); otherwise undoes the last saved change of this session.
pub(super) fn undo(app: &mut App) {
    if let Some(&last) = app.gone.last() {
        bring_back(app, last);
        return;
    }
    // A save still being written may fail and take its change off the list:
    // then u has done its work (the change is not made), and says so.
    if !saving::finish(app) {
        return;
    }
    let Some(last) = app.undo.pop() else {
        app.note("Nothing to undo in this session");
        return;
    };
    let inverse = last.inverse();
    let what = crate::words::done(app.partnership(), &last);
    // The undo itself is not undone by the next u: the one before it is.
    let request = Request {
        kind: Kind::Undo(Box::new(last.clone())),
        done: Box::new(move |app, said, _| {
            tell(app, format!("Undone: {what}"), &said, Tone::Done);
        }),
        failed: Box::new(|app, e| app.warn(could_not_undo(e))),
    };
    if let Err(e) = saving::start(app, inverse, request) {
        if !e.no_longer_fits() {
            app.undo.push(last);
        }
        app.warn(could_not_undo(&e));
    }
}

/// Why `u` did nothing; an undo that no longer fits the data is taken off
/// the list, so that the next `u` undoes the change before it.
fn could_not_undo(e: &CommitError) -> String {
    if e.no_longer_fits() {
        format!(
            "Could not undo: {}; it is off u's list, so u now undoes the change before it",
            one_line(e)
        )
    } else {
        format!("Could not undo: {}", one_line(e))
    }
}

pub(crate) fn one_line(e: &CommitError) -> String {
    e.to_string().replace('\n', " ")
}

/// Makes one change, re-runs the analysis, keeps the change as made for
/// `u` and writes it to the data file on a thread (see `tui::saving`):
/// `done` says what was done, `failed` why it was not. On a small file a
/// refusal is returned at once (and neither is called).
pub(crate) fn save(
    app: &mut App,
    change: Change,
    done: Done,
    failed: Failed,
) -> Result<(), CommitError> {
    let request = Request {
        kind: Kind::New,
        done,
        failed,
    };
    saving::start(app, change, request)
}
