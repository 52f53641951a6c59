//! `meeting add`: log a meeting through the file's lock, without opening
//! the UI, and say who was there and what to know about it.

use super::args::{Cli, MeetingArgs};
use super::{CliError, data_path, waiting, warn};
use partnermap::change::Change;
use partnermap::date::today;
use partnermap::edit::{EditError, NewMeeting, Refusal, new_meeting};
use partnermap::model::Person;
use partnermap::text::{join_names, path as shown, printable};
use partnermap::{lookalike, store};
use std::path::Path;

/// Logs the meeting; fewer than two active people, or an id that could be
/// one of two look-alike people, is bad usage (exit 2) and writes nothing.
pub fn add(cli: &Cli, args: &MeetingArgs) -> Result<(), CliError> {
    let path = data_path(cli)?;
    let base = store::load_stamped(&path).map_err(|e| CliError::load_failed(&path, e))?;
    let attendees: Vec<String> = args
        .with
        .iter()
        .map(|id| id.trim().to_string())
        .filter(|id| !id.is_empty())
        .collect();
    // Never one of two look-alike people by guesswork: exit 2 naming them.
    let notes = lookalike::check_typed_ids(&base.partnership, &attendees)
        .map_err(|e| CliError::usage(format!("{}: meeting not logged: {e}", shown(&path))))?;
    let new = NewMeeting {
        date: Some(args.date),
        title: args.title.clone(),
        attendees,
        notes: args.notes.clone(),
    };
    let meeting = new_meeting(&base.partnership, new).map_err(|e| not_logged(&path, &e))?;
    // Through the file's lock: another writer's changes are kept, and this
    // meeting is renumbered if they took its id meanwhile.
    let change = Change::AddMeeting(meeting);
    let committed =
        store::commit_noticing(&path, &base, &change, &mut waiting).map_err(|e| match e {
            store::CommitError::Refused(e) => not_logged(&path, &e),
            other => CliError::from(other),
        })?;
    let Change::AddMeeting(meeting) = &committed.change else {
        return Err(CliError::failed(format!(
            "{}: meeting not logged",
            shown(&path)
        )));
    };
    let partnership = &committed.partnership;
    let index = partnership.person_index();
    let attendees: Vec<&Person> = meeting
        .attendees
        .iter()
        .filter_map(|a| {
            index
                .get(a.as_str())
                .and_then(|&i| partnership.people.get(i))
        })
        .collect();
    let names: Vec<&str> = attendees.iter().map(|p| p.name.as_str()).collect();
    println!(
        "Logged {} on {} with {}",
        meeting.id,
        args.date,
        printable(&join_names(&names))
    );
    warn(committed.warning.as_deref());
    for note in notes {
        eprintln!("note: {note}");
    }
    say_what_to_know(&attendees, args);
    Ok(())
}

/// A refused meeting: fewer than two active people is bad usage (exit 2).
fn not_logged(path: &Path, e: &EditError) -> CliError {
    let text = format!("{}: meeting not logged: {e}", shown(path));
    match e.kind {
        Refusal::TooFewPeople => CliError::usage(text),
        Refusal::Invalid => CliError::failed(text),
    }
}

/// Notes on standard error: a meeting in the future is planned; people who
/// had left by its day no longer tie anyone through it.
fn say_what_to_know(attendees: &[&Person], args: &MeetingArgs) {
    if args.date > today() {
        eprintln!(
            "note: {} is in the future: the meeting counts as planned until then",
            args.date
        );
    }
    for person in attendees {
        if !person.is_active_on(args.date) {
            eprintln!(
                "note: {} left on {}; ties through them no longer count",
                printable(&person.name),
                person.left.map_or_else(String::new, |d| d.to_string())
            );
        }
    }
}
