//! The start screen, shown when there is no data file yet: start a new
//! partnership (`n`: the start form, saved as a new, empty file) or look
//! around the demo (`d`: the demo as before, saved by the first change).

use super::form::{self, Form};
use super::{Dialog, Reply, popup};
use crate::model::Side;
use crate::store::{self, Loaded};
use crate::text::{path as shown, printable};
use crate::tui::app::{App, Pane, View};
use crate::tui::keymap::{self, Binding, Key, also, bind};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// What a key does on the start screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartAction {
    New,
    Demo,
    Quit,
}

/// The start screen's keys.
pub const KEYS: &[Binding<StartAction>] = &[
    bind(
        &[Key::Char('n'), Key::Char('N')],
        "n",
        StartAction::New,
        "start a new partnership",
        Some(("n", "new partnership")),
    ),
    bind(
        &[Key::Char('d'), Key::Char('D')],
        "d",
        StartAction::Demo,
        "open the demo partnership",
        Some(("d", "demo")),
    ),
    bind(
        &[Key::Char('q'), Key::Ctrl('c')],
        "q",
        StartAction::Quit,
        "quit",
        Some(("q", "quit")),
    ),
    also(&[Key::Esc], StartAction::Quit),
];

/// The start screen.
#[derive(Debug, Clone, Copy, Default)]
pub struct StartScreen;

impl Dialog for StartScreen {
    fn on_key(&mut self, key: KeyEvent, app: &mut App) -> Reply {
        match keymap::lookup(KEYS, &key) {
            Some(StartAction::New) => Reply::Replace(Box::new(form::start::form())),
            Some(StartAction::Demo) => Reply::Close,
            Some(StartAction::Quit) => {
                app.quit = true;
                Reply::Close
            }
            None => Reply::Keep,
        }
    }

    fn draw(&self, app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
        let screen = backdrop(frame, area);
        let lines = lines(app, theme);
        let rect = popup(frame, screen, 76, lines.len() as u16 + 4);
        let block = theme.dialog(" partnermap ");
        frame.render_widget(
            Paragraph::new(lines)
                .block(block.padding(ratatui::widgets::Padding::uniform(1)))
                .wrap(Wrap { trim: false }),
            rect,
        );
    }

    fn hints(&self) -> Vec<(&'static str, &'static str)> {
        keymap::hints(KEYS)
    }

    fn holds_input(&self) -> bool {
        false
    }

    fn start_screen(&self) -> bool {
        true
    }
}

/// Clears everything but the hint bar, so that nothing of the demo shows
/// behind the start screen and its form; returns what was cleared.
pub fn backdrop(frame: &mut Frame, area: Rect) -> Rect {
    let screen = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    frame.render_widget(Clear, screen);
    screen
}

fn lines(app: &App, theme: Theme) -> Vec<Line<'static>> {
    let choice = |key: &'static str, what: &'static str| {
        Line::from(vec![
            Span::styled(format!("  {key}  "), theme.key()),
            Span::styled(what, theme.title()),
        ])
    };
    let indent = |text: String| Line::raw(format!("     {text}"));
    vec![
        Line::styled(
            "Map a partnership, and see where it hangs on one person.",
            theme.title(),
        ),
        Line::raw(""),
        Line::raw(format!(
            "There is no data file at {} yet.",
            shown(&app.path)
        )),
        Line::raw(""),
        choice("n", "Start your own partnership"),
        indent("Name your organisation and the partner (and, if you like,".into()),
        indent("their e-mail domains); then add people with a.".into()),
        Line::raw(""),
        choice("d", "Look around the demo first"),
        indent(format!(
            "{}, {} people. Your first change saves it",
            printable(&app.partnership().names.name),
            app.partnership().people.len()
        )),
        indent("as this file.".into()),
        Line::raw(""),
        choice("q", "Quit"),
    ]
}

/// Saves the new partnership the start form describes as a new file and
/// shows it; a refusal is marked on its field and the form stays open.
pub fn create(app: &mut App, form: &mut Form) -> Reply {
    form.clear_errors();
    let p = match crate::edit::new_partnership(&form::start::typed(form)) {
        Ok(p) => p,
        Err(e) => {
            form::start::refused(form, &e);
            return Reply::Keep;
        }
    };
    let saved = match store::save_new(&app.path, &p) {
        Ok(saved) => saved,
        Err(e) => {
            // Keep the form open: nothing typed is lost.
            app.warn(format!("Not saved: {}", e.to_string().replace('\n', " ")));
            return Reply::Keep;
        }
    };
    let name = printable(&p.names.name).into_owned();
    app.replace(Loaded {
        partnership: p,
        stamp: saved.stamp,
    });
    app.demo = false;
    app.undo.clear();
    app.view = View::People;
    app.people.side = Side::Ours;
    app.people.pane = Pane::Ours;
    app.say(format!(
        "Started {name} in {}: press a to add a person (Tab first for the partner's side)",
        shown(&app.path)
    ));
    if let Some(warning) = saved.warning {
        app.warn(format!("warning: {warning}"));
    }
    Reply::Close
}
