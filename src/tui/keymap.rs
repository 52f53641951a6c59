//! Keys as tables. Each context — the main screen, the filter, each
//! dialog — declares its keys once as `(keys, action, help, hint)` rows;
//! dispatch ([`lookup`]), the `?` help overlay and the hint bar
//! ([`hints`]) all read the same rows, so they cannot drift apart.

use super::action::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key as the tables name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Up,
    Down,
    Left,
    Right,
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
    /// The tables' key for a key event, when it has one. Shift on a
    /// character is ignored: terminals disagree on whether `?` carries it.
    pub fn of(event: &KeyEvent) -> Option<Key> {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        Some(match event.code {
            KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
            KeyCode::Char(c) if !event.modifiers.contains(KeyModifiers::ALT) => Key::Char(c),
            KeyCode::Up => Key::Up,
            KeyCode::Down => Key::Down,
            KeyCode::Left => Key::Left,
            KeyCode::Right => Key::Right,
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

/// One row of a table: the keys, what they do, and how help and the hint
/// bar say it.
#[derive(Debug, Clone, Copy)]
pub struct Binding<A> {
    /// The keys that ask for `action`; none for a row that only explains
    /// (e.g. "type: narrow the list").
    pub keys: &'static [Key],
    /// How the keys are written in help, e.g. `↑ ↓ / j k`; empty keeps
    /// the row out of help (it continues the row above).
    pub label: &'static str,
    pub action: A,
    /// What the keys do, for the help overlay.
    pub help: &'static str,
    /// The key and a word or two for the hint bar; `None` keeps it out.
    pub hint: Option<(&'static str, &'static str)>,
}

/// A row shown in help and, with `hint`, in the hint bar.
pub const fn bind<A>(
    keys: &'static [Key],
    label: &'static str,
    action: A,
    help: &'static str,
    hint: Option<(&'static str, &'static str)>,
) -> Binding<A> {
    Binding {
        keys,
        label,
        action,
        help,
        hint,
    }
}

/// A row that only dispatches: more keys for an action listed above.
pub const fn also<A>(keys: &'static [Key], action: A) -> Binding<A> {
    bind(keys, "", action, "", None)
}

/// The action a key asks for in `table`.
pub fn lookup<A: Copy>(table: &[Binding<A>], event: &KeyEvent) -> Option<A> {
    let key = Key::of(event)?;
    table
        .iter()
        .find(|b| b.keys.contains(&key))
        .map(|b| b.action)
}

/// The hint bar's pairs for `table`, in its order.
pub fn hints<A>(table: &[Binding<A>]) -> Vec<(&'static str, &'static str)> {
    table.iter().filter_map(|b| b.hint).collect()
}

/// The rows help lists for `table`: `(label, help)`.
pub fn help_rows<A>(table: &[Binding<A>]) -> impl Iterator<Item = (&'static str, &'static str)> {
    table
        .iter()
        .filter(|b| !b.label.is_empty())
        .map(|b| (b.label, b.help))
}

/// The main screen's keys (SPEC §7), in the order help lists them. Every
/// view uses this table today; a key only one view knows is a row here
/// that the other views' `update` arms ignore.
pub const MAIN: &[Binding<Action>] = &[
    bind(
        &[Key::Up, Key::Char('k')],
        "↑ ↓ / k j",
        Action::Up,
        "move in a list (detail pane: its ties and meetings)",
        Some(("↑↓", "move")),
    ),
    also(&[Key::Down, Key::Char('j')], Action::Down),
    bind(
        &[Key::PageUp],
        "PgUp PgDn",
        Action::PageUp,
        "move a page",
        None,
    ),
    also(&[Key::PageDown], Action::PageDown),
    bind(
        &[Key::Home, Key::Char('g')],
        "Home End / g G",
        Action::Top,
        "first / last row",
        None,
    ),
    also(&[Key::End, Key::Char('G')], Action::Bottom),
    bind(
        &[Key::Tab],
        "Tab / Shift-Tab",
        Action::NextPane,
        "next / previous pane",
        Some(("Tab", "pane")),
    ),
    also(&[Key::BackTab], Action::PrevPane),
    bind(
        &[Key::Enter],
        "Enter",
        Action::Open,
        "open a person; on a risk, jump to its subject",
        Some(("Enter", "open")),
    ),
    bind(
        &[Key::Char('1')],
        "1 2 3",
        Action::PeopleView,
        "people view, risks view, map view",
        Some(("1-3", "views")),
    ),
    also(&[Key::Char('2')], Action::RisksView),
    also(&[Key::Char('3')], Action::MapView),
    bind(
        &[Key::Char('/')],
        "/",
        Action::Filter,
        "filter this view (people: name, title, team; risks: all)",
        Some(("/", "filter")),
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
        Some(("m", "meeting")),
    ),
    bind(
        &[Key::Char('a')],
        "a",
        Action::AddPerson,
        "add a person",
        Some(("a", "add")),
    ),
    bind(
        &[Key::Char('t')],
        "t",
        Action::AddTie,
        "add a declared tie from the selected person",
        Some(("t", "tie")),
    ),
    bind(
        &[Key::Char('E')],
        "E",
        Action::Edit,
        "edit the person; in the detail pane, the tie or meeting",
        Some(("E", "edit")),
    ),
    bind(
        &[Key::Char('L')],
        "L",
        Action::MarkLeft,
        "the selected person has left: a date, then saved",
        Some(("L", "left")),
    ),
    bind(
        &[Key::Char('D')],
        "D",
        Action::Delete,
        "delete the selected record (asks first, says what goes)",
        Some(("D", "delete")),
    ),
    bind(
        &[Key::Char('s')],
        "s",
        Action::Stance,
        "set the selected person's stance (champion … blocker)",
        Some(("s", "stance")),
    ),
    bind(
        &[Key::Char('x')],
        "x",
        Action::WhatIf,
        "what-if: the selected person gone, not saved (x: back)",
        Some(("x", "what-if")),
    ),
    bind(
        &[Key::Char('e')],
        "e",
        Action::Export,
        "export risks (CSV, JSON, Markdown) or the map (SVG)",
        Some(("e", "export")),
    ),
    bind(
        &[Key::Char('i')],
        "i",
        Action::Import,
        "import contacts or a calendar: path, preview, Enter",
        None,
    ),
    bind(
        &[Key::Char('u')],
        "u",
        Action::Undo,
        "undo the last change; in a what-if, the last x",
        Some(("u", "undo")),
    ),
    bind(
        &[Key::Char('!')],
        "!",
        Action::MessageLog,
        "messages of this session in full, newest first",
        Some(("!", "messages")),
    ),
    bind(
        &[Key::Char('?')],
        "?",
        Action::Help,
        "help (this screen)",
        Some(("?", "help")),
    ),
    bind(
        &[Key::Char('q'), Key::Ctrl('c')],
        "q",
        Action::Quit,
        "quit (changes are already saved)",
        Some(("q", "quit")),
    ),
];

/// What a key does while typing a filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterAction {
    /// Goes into the filter's text.
    Type,
    Up,
    Down,
    /// Leaves the filter, keeping it.
    Keep,
    /// Empties the filter and leaves it.
    Clear,
    Quit,
}

/// The filter's keys; anything else is typed into it.
pub const FILTER: &[Binding<FilterAction>] = &[
    bind(
        &[],
        "type",
        FilterAction::Type,
        "",
        Some(("type", "filter")),
    ),
    bind(&[Key::Up], "", FilterAction::Up, "", Some(("↑↓", "move"))),
    also(&[Key::Down], FilterAction::Down),
    bind(
        &[Key::Enter, Key::Tab, Key::BackTab],
        "",
        FilterAction::Keep,
        "",
        Some(("Enter", "keep the filter")),
    ),
    bind(
        &[Key::Esc],
        "",
        FilterAction::Clear,
        "",
        Some(("Esc", "clear")),
    ),
    also(&[Key::Ctrl('c')], FilterAction::Quit),
];

/// The action a key asks for on the main screen.
pub fn action_for(event: &KeyEvent) -> Option<Action> {
    lookup(MAIN, event)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    /// No key is bound twice in one table.
    fn unique<A>(table: &[Binding<A>]) {
        let mut seen = Vec::new();
        for b in table {
            for k in b.keys {
                assert!(!seen.contains(k), "{k:?} bound twice");
                seen.push(*k);
            }
        }
    }

    #[test]
    fn every_action_has_a_key_and_no_key_two_actions() {
        unique(MAIN);
        unique(FILTER);
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

    #[test]
    fn the_main_hint_bar_comes_from_the_table() {
        let bar = hints(MAIN);
        assert_eq!(bar.first(), Some(&("↑↓", "move")));
        assert_eq!(bar.last(), Some(&("q", "quit")));
        assert_eq!(bar.len(), 18);
    }
}
