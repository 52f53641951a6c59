//! The one table of keys. Dispatch, the `?` help overlay and the hint bar
//! are all read from it, so that help can never drift from behaviour.

use super::action::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Tab,
    BackTab,
    Enter,
    Esc,
}

impl Key {
    /// The table's key for a key event, when it has one. Shift on a
    /// character is ignored: terminals disagree on whether `?` carries it.
    pub fn of(event: &KeyEvent) -> Option<Key> {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        Some(match event.code {
            KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
            KeyCode::Char(c) if !event.modifiers.contains(KeyModifiers::ALT) => Key::Char(c),
            KeyCode::Up => Key::Up,
            KeyCode::Down => Key::Down,
            KeyCode::PageUp => Key::PageUp,
            KeyCode::PageDown => Key::PageDown,
            KeyCode::Home => Key::Home,
            KeyCode::End => Key::End,
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => Key::BackTab,
            KeyCode::Tab => Key::Tab,
            KeyCode::BackTab => Key::BackTab,
            KeyCode::Enter => Key::Enter,
            KeyCode::Esc => Key::Esc,
            _ => return None,
        })
    }
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written in help, e.g. `↑ ↓ / j k`.
    pub label: &'static str,
    pub action: Action,
    /// What the key does, for the help overlay.
    pub help: &'static str,
    /// A word or two for the hint bar; `None` keeps it out of the bar.
    pub hint: Option<&'static str>,
}

const fn bind(
    keys: &'static [Key],
    label: &'static str,
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        keys,
        label,
        action,
        help,
        hint,
    }
}

/// The main screen's keys (SPEC §7), in the order help lists them.
pub const MAIN: &[Binding] = &[
    bind(
        &[Key::Up, Key::Char('k')],
        "↑ ↓ / k j",
        Action::Up,
        "move in a list",
        Some("move"),
    ),
    bind(&[Key::Down, Key::Char('j')], "", Action::Down, "", None),
    bind(
        &[Key::PageUp],
        "PgUp PgDn",
        Action::PageUp,
        "move a page",
        None,
    ),
    bind(&[Key::PageDown], "", Action::PageDown, "", None),
    bind(
        &[Key::Home, Key::Char('g')],
        "Home End / g G",
        Action::Top,
        "first / last row",
        None,
    ),
    bind(&[Key::End, Key::Char('G')], "", Action::Bottom, "", None),
    bind(
        &[Key::Tab],
        "Tab / Shift-Tab",
        Action::NextPane,
        "next / previous pane",
        Some("pane"),
    ),
    bind(&[Key::BackTab], "", Action::PrevPane, "", None),
    bind(
        &[Key::Enter],
        "Enter",
        Action::Open,
        "open a person; on a risk, jump to its subject",
        Some("open"),
    ),
    bind(
        &[Key::Char('1')],
        "1 2 3",
        Action::PeopleView,
        "people view, risks view, map view",
        Some("views"),
    ),
    bind(&[Key::Char('2')], "", Action::RisksView, "", None),
    bind(&[Key::Char('3')], "", Action::MapView, "", None),
    bind(
        &[Key::Char('/')],
        "/",
        Action::Filter,
        "filter this view (people: name, title, team; risks: all)",
        Some("filter"),
    ),
    bind(
        &[Key::Esc],
        "Esc",
        Action::ClearFilter,
        "clear the filter; dismiss a warning",
        None,
    ),
    bind(
        &[Key::Char('m')],
        "m",
        Action::LogMeeting,
        "log a meeting with the selected person preselected",
        Some("meeting"),
    ),
    bind(
        &[Key::Char('a')],
        "a",
        Action::AddPerson,
        "add a person",
        Some("add"),
    ),
    bind(
        &[Key::Char('t')],
        "t",
        Action::AddTie,
        "add a declared tie from the selected person",
        Some("tie"),
    ),
    bind(
        &[Key::Char('x')],
        "x",
        Action::WhatIf,
        "what-if: the selected person gone, not saved (x: back)",
        Some("what-if"),
    ),
    bind(
        &[Key::Char('e')],
        "e",
        Action::Export,
        "export the risk list (CSV, JSON or Markdown)",
        Some("export"),
    ),
    bind(
        &[Key::Char('u')],
        "u",
        Action::Undo,
        "undo the last change; in a what-if, the last x",
        Some("undo"),
    ),
    bind(
        &[Key::Char('!')],
        "!",
        Action::MessageLog,
        "messages of this session in full, newest first",
        Some("messages"),
    ),
    bind(
        &[Key::Char('?')],
        "?",
        Action::Help,
        "help (this screen)",
        Some("help"),
    ),
    bind(
        &[Key::Char('q'), Key::Ctrl('c')],
        "q",
        Action::Quit,
        "quit (changes are already saved)",
        Some("quit"),
    ),
];

/// The action a key asks for on the main screen.
pub fn action_for(event: &KeyEvent) -> Option<Action> {
    let key = Key::of(event)?;
    MAIN.iter()
        .find(|b| b.keys.contains(&key))
        .map(|b| b.action)
}

/// Keys inside forms and dialogs, for the help overlay and the form's hint bar.
pub const FORM: &[(&str, &str)] = &[
    ("Tab / Shift-Tab", "next / previous field"),
    ("Enter", "next field; on the last field, save"),
    ("Ctrl-S", "save now"),
    (
        "Space / Enter",
        "pick list: choose / unchoose; clears the search",
    ),
    ("↑ ↓", "pick list: move; choice: change it"),
    ("type", "pick list: narrow it (fuzzy)"),
    ("Ctrl-U", "clear the field"),
    (
        "Esc",
        "cancel: nothing is saved (asks first when you typed)",
    ),
];

/// The hint bar's text in a form.
pub const FORM_HINTS: &[(&str, &str)] = &[
    ("Tab", "next field"),
    ("Enter", "next / save on the last"),
    ("Ctrl-S", "save"),
    ("Esc", "cancel"),
];

/// The hint bar's text in a form's pick list.
pub const PICK_HINTS: &[(&str, &str)] = &[
    ("type", "narrow"),
    ("Space/Enter", "choose"),
    ("Tab", "next field"),
    ("Ctrl-S", "save"),
    ("Esc", "cancel"),
];

/// The hint bar's text while a form asks a yes/no question.
pub const CONFIRM_HINTS: &[(&str, &str)] = &[("y", "yes"), ("n", "no, back to the form")];

/// The hint bar's text for the main screen.
pub fn main_hints() -> Vec<(&'static str, &'static str)> {
    MAIN.iter()
        .filter_map(|b| b.hint.map(|hint| (short_label(b), hint)))
        .collect()
}

/// The first key of a binding's label, for the hint bar ("↑ ↓ / k j" → "↑↓").
fn short_label(b: &Binding) -> &'static str {
    match b.action {
        Action::Up => "↑↓",
        Action::NextPane => "Tab",
        Action::PeopleView => "1-3",
        _ => b.label,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn every_action_has_a_key_and_no_key_two_actions() {
        let mut seen = Vec::new();
        for b in MAIN {
            for k in b.keys {
                assert!(!seen.contains(k), "{k:?} bound twice");
                seen.push(*k);
            }
        }
        assert_eq!(
            action_for(&press(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            Some(Action::Help)
        );
        assert_eq!(
            action_for(&press(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevPane)
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('z'), KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn every_binding_with_help_text_has_a_label() {
        for b in MAIN {
            assert_eq!(b.help.is_empty(), b.label.is_empty(), "{:?}", b.action);
        }
    }
}
