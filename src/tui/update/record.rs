//! `E`, `L`, `D` and `s`: which record they act on — in the detail pane
//! the tie or meeting selected there, else the person `m` and `x` act on —
//! and the dialog each opens. Saving happens in the dialogs, as one change.

use crate::analysis::Subject;
use crate::change::{Change, Record};
use crate::model::{Meeting, Person, Tie};
use crate::tui::app::{App, View};
use crate::tui::dialogs::delete::ConfirmDelete;
use crate::tui::dialogs::form::records;
use crate::tui::views::detail::{DetailRow, selected_row};

/// What the detail pane's selection stands for.
enum Selected {
    /// A declared tie.
    Tie(Tie),
    /// A tie made only by meetings: there is no record to change.
    Met {
        other: String,
        meetings: u32,
    },
    Meeting(Meeting),
}

/// The tie or meeting selected in the detail pane, if one is.
fn selected(app: &App) -> Option<Selected> {
    let p = app.partnership();
    match selected_row(app)? {
        DetailRow::Tie { tie, .. } => {
            let live = app.analysis.live.ties.get(tie)?;
            let (a, b) = (p.people.get(live.a)?, p.people.get(live.b)?);
            Some(match p.ties.iter().find(|t| t.joins(&a.id, &b.id)) {
                Some(t) => Selected::Tie(t.clone()),
                None => {
                    let me = app.selected();
                    let other = if me == Some(live.a) { b } else { a };
                    Selected::Met {
                        other: other.name.clone(),
                        meetings: live.meetings,
                    }
                }
            })
        }
        DetailRow::Meeting { meeting } => p.meetings.get(meeting).cloned().map(Selected::Meeting),
        _ => None,
    }
}

/// The person `E`, `L`, `D` and `s` act on outside the detail selection:
/// in the risks view the subject of a risk about one person (a risk about
/// the whole partnership names nobody to change).
fn person(app: &App) -> Option<Person> {
    if app.view == View::Risks
        && app
            .selected_risk()
            .is_some_and(|r| r.subject == Subject::Partnership)
    {
        return None;
    }
    let i = app.acting_person()?;
    app.partnership().people.get(i).cloned()
}

/// Nobody to act on: says how to select someone; `what` is what the key
/// does ("E edits the selected person").
fn nobody(app: &mut App, what: &str) {
    let about_partnership = app.view == View::Risks
        && app
            .selected_risk()
            .is_some_and(|r| r.subject == Subject::Partnership);
    if about_partnership {
        app.warn(format!(
            "This risk is about the whole partnership, not one person ({what}): select a risk about one person, or a person in the people view (1)"
        ));
    } else {
        app.warn(format!("Select a person first: {what}"));
    }
}

/// A tie made by meetings alone has nothing to edit or delete: said so,
/// with what to do instead.
fn met_only(app: &mut App, other: &str, meetings: u32) {
    app.warn(format!(
        "The tie with {} comes from {} together, not a declaration: select one of the meetings below (↓) to change it, or declare a tie with t",
        crate::text::printable(other),
        crate::words::plural(meetings as usize, "meeting", "meetings")
    ));
}

/// `E`: the selected tie or meeting in the detail pane, else the person.
pub(super) fn edit(app: &mut App) {
    let form = match selected(app) {
        Some(Selected::Tie(t)) => records::edit_tie(app.partnership(), &t),
        Some(Selected::Meeting(m)) => records::edit_meeting(app.partnership(), &m),
        Some(Selected::Met { other, meetings }) => return met_only(app, &other, meetings),
        None => match person(app) {
            Some(x) => records::edit_person(app.partnership(), &x),
            None => return nobody(app, "E edits the selected person"),
        },
    };
    super::open_form(app, form);
}

/// `L`: the day the selected person left.
pub(super) fn left(app: &mut App) {
    match person(app) {
        Some(x) => super::open_form(app, records::left(&x)),
        None => nobody(app, "L marks the selected person as left"),
    }
}

/// `s`: the selected person's stance.
pub(super) fn stance(app: &mut App) {
    match person(app) {
        Some(x) => super::open_form(app, records::stance(&x)),
        None => nobody(app, "s sets the selected person's stance"),
    }
}

/// `D`: asks before deleting the selected tie or meeting in the detail
/// pane, else the person, saying what goes with it.
pub(super) fn delete(app: &mut App) {
    let record = match selected(app) {
        Some(Selected::Tie(t)) => Record::Tie(t),
        Some(Selected::Meeting(m)) => Record::Meeting(m),
        Some(Selected::Met { other, meetings }) => return met_only(app, &other, meetings),
        None => match person(app) {
            Some(x) => Record::Person(x),
            None => return nobody(app, "D deletes the selected person"),
        },
    };
    match Change::delete(app.partnership(), record) {
        Some(change) => {
            app.status = None;
            let dialog = ConfirmDelete::new(app, change);
            app.dialogs.open(Box::new(dialog));
        }
        None => app.warn("That is no longer in the file; nothing was deleted"),
    }
}
