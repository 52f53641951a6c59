//! The selected person's detail: who they are, their ties (last contact,
//! strength), recent meetings, what they depend on, who depends on them,
//! and their risks.

use crate::model::{Partnership, Side};
use crate::text::printable;
use crate::tui::app::{App, Pane};
use crate::tui::screen::short_ago;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// The detail pane's state.
#[derive(Debug, Clone, Copy, Default)]
pub struct DetailView {
    /// How many lines the pane is scrolled down.
    pub scroll: u16,
}

const RECENT_MEETINGS: usize = 5;

/// How many lines the selected person's detail has (before wrapping).
pub fn line_count(app: &App) -> usize {
    let theme = Theme { color: false };
    app.selected()
        .map_or(1, |person| lines(app, person, theme).len())
}

/// How far the detail pane scrolls: until its last line is at the bottom
/// of the pane, on the screen last drawn.
pub fn max_scroll(app: &App) -> usize {
    let Some(person) = app.selected() else {
        return 0;
    };
    let (width, height) = app.screen;
    let screen = Rect::new(0, 0, width, height);
    let [_, body, ..] = crate::tui::screen::areas(app, screen);
    let [_, _, pane] = super::people::areas(body);
    let inner = pane.inner(ratatui::layout::Margin::new(1, 1));
    let lines = lines(app, person, Theme { color: false });
    let total = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .line_count(inner.width);
    total.saturating_sub(inner.height as usize)
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let focused = app.people.pane == Pane::Detail;
    let block = theme.panel(" Detail ", focused);
    let lines = match app.selected() {
        Some(person) => lines(app, person, theme),
        None => vec![Line::styled("Nobody selected.", theme.dim())],
    };
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((app.detail.scroll, 0)),
        area,
    );
}

fn name(p: &Partnership, i: usize) -> String {
    printable(&p.people[i].name).into_owned()
}

/// Display names, each made printable.
fn name_vec(p: &Partnership, people: &[usize]) -> Vec<String> {
    people.iter().map(|&i| name(p, i)).collect()
}

/// "A", "A and B", "A, B and C" (the library's one way to join names).
fn names(p: &Partnership, people: &[usize]) -> String {
    crate::text::join_names(&name_vec(p, people))
}

/// At most this many other attendees of a meeting are named.
const NAMED_ATTENDEES: usize = 6;

/// The other attendees of a meeting by name, the first few of them.
fn others(p: &Partnership, m: &crate::model::Meeting, id: &str) -> String {
    let others: Vec<&String> = m.attendees.iter().filter(|x| *x != id).collect();
    let mut names: Vec<String> = others
        .iter()
        .take(NAMED_ATTENDEES)
        .filter_map(|x| p.person(x).map(|y| printable(&y.name).into_owned()))
        .collect();
    if others.len() > NAMED_ATTENDEES {
        names.push(format!("{} more", others.len() - NAMED_ATTENDEES));
    }
    crate::text::join_names(&names)
}

/// The number of active attendees of `m` when it is a large event, which
/// ties nobody (SPEC §3). `index` maps ids to people, built when needed.
fn large_event<'p>(
    app: &'p App,
    m: &crate::model::Meeting,
    index: &mut Option<std::collections::HashMap<&'p str, usize>>,
) -> Option<usize> {
    let p = &app.doc.partnership;
    if !crate::graph::is_large_event(m.attendees.len(), p) {
        return None;
    }
    let index = index.get_or_insert_with(|| p.person_index());
    let active = &app.analysis.live.active;
    let count = m
        .attendees
        .iter()
        .filter(|a| {
            index
                .get(a.as_str())
                .is_some_and(|&i| active.get(i).copied().unwrap_or(false))
        })
        .count();
    crate::graph::is_large_event(count, p).then_some(count)
}

/// A small bar for a tie's strength: one block per meeting's worth, up to five.
fn strength_bar(strength: f64) -> String {
    let full = (strength.round().clamp(0.0, 5.0)) as usize;
    let full = if strength > 0.0 { full.max(1) } else { 0 };
    format!("{}{}", "▰".repeat(full), "▱".repeat(5 - full))
}

fn heading(text: &str, theme: Theme) -> Line<'static> {
    Line::styled(text.to_string(), theme.title())
}

fn lines(app: &App, i: usize, theme: Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if about(app, i, theme, &mut out) {
        ties(app, i, theme, &mut out);
        meetings(app, i, theme, &mut out);
        depends_on(app, i, theme, &mut out);
        risks(app, i, theme, &mut out);
    }
    out
}

/// Who the person is; `false` when they are gone in the what-if, which
/// is all the detail then says.
fn about(app: &App, i: usize, theme: Theme, out: &mut Vec<Line<'static>>) -> bool {
    let p = app.partnership();
    let a = &app.analysis;
    let person = &p.people[i];
    let org = p.names.of(person.side);
    out.push(Line::styled(name(p, i), theme.title()));
    let mut facts = Vec::new();
    if let Some(title) = person.title() {
        facts.push(printable(title).into_owned());
    }
    facts.push(person.level.to_string());
    if person.key {
        facts.push("★ key".into());
    }
    if let Some(team) = &person.team {
        facts.push(printable(team).into_owned());
    }
    facts.push(printable(org).into_owned());
    out.push(Line::raw(facts.join(" · ")));
    // The id is what `meeting add --with` takes.
    let mut ids = vec![
        Span::styled("id ", theme.dim()),
        Span::raw(printable(&person.id).into_owned()),
    ];
    if let Some(email) = person.email.as_deref().filter(|e| !e.is_empty()) {
        ids.push(Span::styled(" · ", theme.dim()));
        ids.push(Span::raw(printable(email).into_owned()));
    }
    out.push(Line::from(ids));
    if let Some(boss) = person.reports_to.as_deref().and_then(|b| p.person(b)) {
        out.push(Line::raw(format!("Reports to {}", printable(&boss.name))));
    }
    if app.gone.contains(&i) {
        out.push(Line::styled(
            "† gone in this what-if (x brings them back)",
            theme.what_if(),
        ));
        out.push(Line::raw(""));
        out.push(Line::raw(
            "Everything else on screen now shows the partnership without them: \
             the header, the badges, the risks (2) and the map (3).",
        ));
        return false;
    } else if let Some(left) = person.left.filter(|_| !a.live.active[i]) {
        out.push(Line::styled(format!("Left on {left}"), theme.dim()));
    }
    true
}

/// The person's ties: the other side first, then colleagues.
fn ties(app: &App, i: usize, theme: Theme, out: &mut Vec<Line<'static>>) {
    let p = app.partnership();
    let a = &app.analysis;
    let person = &p.people[i];
    // Ties: the other side first, then colleagues; live first, most recent first.
    let mut ties: Vec<_> = a.live.ties_of[i].iter().map(|&t| &a.live.ties[t]).collect();
    let colleague = |t: &crate::graph::LiveTie| p.people[t.other(i)].side == person.side;
    ties.sort_by(|x, y| {
        colleague(x)
            .cmp(&colleague(y))
            .then(y.live.cmp(&x.live))
            .then(y.last_contact.cmp(&x.last_contact))
    });
    let live = ties.iter().filter(|t| t.live).count();
    out.push(Line::raw(""));
    out.push(heading(
        &format!("Ties · {live} live ●, {} stale ○", ties.len() - live),
        theme,
    ));
    if ties.is_empty() {
        out.push(Line::styled(
            "  none — log a meeting (m) or declare a tie (t)",
            theme.dim(),
        ));
    }
    let mut said_colleagues = false;
    for tie in ties {
        let other = tie.other(i);
        if colleague(tie) && !said_colleagues {
            said_colleagues = true;
            out.push(Line::styled("  colleagues", theme.dim()));
        }
        // A declared tie without a date is live whatever its meetings:
        // the age of an old meeting would say otherwise.
        let when = match tie.last_contact {
            Some(d) if !tie.undated => short_ago(d, app.as_of),
            _ => "undated".into(),
        };
        let (mark, style) = if tie.live {
            ("● ", theme.accent())
        } else {
            ("○ ", theme.dim())
        };
        out.push(Line::from(vec![
            Span::styled(format!("  {mark}"), style),
            Span::raw(crate::text::fit(&name(p, other), 18)),
            Span::styled(format!(" {when:>9} "), style),
            Span::styled(strength_bar(tie.strength), style),
        ]));
    }
}

/// The person's recent meetings.
fn meetings(app: &App, i: usize, theme: Theme, out: &mut Vec<Line<'static>>) {
    let p = app.partnership();
    let person = &p.people[i];
    // Recent meetings with this person, newest first.
    let mut meetings: Vec<_> = p
        .meetings
        .iter()
        .filter(|m| m.attendees.contains(&person.id))
        .collect();
    meetings.sort_by_key(|m| std::cmp::Reverse(m.date));
    out.push(Line::raw(""));
    out.push(heading(&format!("Meetings · {}", meetings.len()), theme));
    let mut index = None;
    for m in meetings.iter().take(RECENT_MEETINGS) {
        let planned = if m.date > app.as_of { " (planned)" } else { "" };
        let title = m.title.as_deref().map(printable).unwrap_or_default();
        let who = match large_event(app, m, &mut index) {
            Some(active) => format!("a large event: {active} attendees, ties nobody"),
            None => others(p, m, &person.id),
        };
        out.push(Line::from(vec![
            Span::styled(format!("  {}{planned} ", m.date), theme.dim()),
            Span::raw(match (title.is_empty(), who.is_empty()) {
                (_, true) => title.to_string(),
                (true, false) => who,
                (false, false) => format!("{title} — {who}"),
            }),
        ]));
    }
    if meetings.len() > RECENT_MEETINGS {
        out.push(Line::styled(
            format!("  … and {} earlier", meetings.len() - RECENT_MEETINGS),
            theme.dim(),
        ));
    }
}

/// Whom the person depends on, and who depends on them.
fn depends_on(app: &App, i: usize, theme: Theme, out: &mut Vec<Line<'static>>) {
    let p = app.partnership();
    let a = &app.analysis;
    let person = &p.people[i];
    // Dependency in plain words.
    out.push(Line::raw(""));
    out.push(heading("Depends on", theme));
    let who = name(p, i);
    if person.side == Side::Partner && a.live.active[i] {
        if !a.dependency.reachable[i] {
            out.push(Line::styled(
                format!(
                    "  Nobody at {} reaches {who} through live ties.",
                    printable(&p.names.ours)
                ),
                theme.error(),
            ));
        } else {
            let chain = a.dependency.depends_on(i);
            if chain.is_empty() {
                out.push(Line::raw(
                    "  Nobody alone: no single departure cuts them off.",
                ));
            } else {
                // Any one of them alone cuts them off: SPEC §7's words.
                let sentence =
                    crate::words::cut_off_if(&who, &printable(&p.names.ours), &name_vec(p, &chain));
                out.push(Line::raw(format!("  {sentence}.")));
            }
        }
    } else {
        out.push(Line::styled(
            "  (only partner people depend on others)",
            theme.dim(),
        ));
    }
    out.push(heading("Exposure", theme));
    let exposed = a.exposure.get(i).map_or(&[][..], Vec::as_slice);
    if exposed.is_empty() {
        out.push(Line::raw(format!(
            "  Nobody would be cut off if {who} left."
        )));
    } else {
        out.push(Line::raw(format!(
            "  If {who} left, {} partner {} would be cut off: {}.",
            exposed.len(),
            if exposed.len() == 1 {
                "person"
            } else {
                "people"
            },
            names(p, exposed)
        )));
    }
    // Someone in the bus-factor set matters even when nobody depends on them alone.
    let bus = &a.bus_factor;
    if bus.size > 1 && bus.people.contains(&i) {
        let mut together = vec![who.clone()];
        together.extend(bus.people.iter().filter(|&&x| x != i).map(|&x| name(p, x)));
        out.push(Line::styled(
            format!(
                "  One of the {} people the partnership hangs on: {}, {} would be cut off.",
                bus.size,
                crate::words::if_all_left(&together),
                printable(&p.names.partner)
            ),
            theme.severity(crate::analysis::Severity::High),
        ));
    }
}

/// The risks about the person.
fn risks(app: &App, i: usize, theme: Theme, out: &mut Vec<Line<'static>>) {
    let a = &app.analysis;
    out.push(Line::raw(""));
    let risks: Vec<_> = a.risks_of(i).collect();
    out.push(heading(&format!("Risks · {}", risks.len()), theme));
    if risks.is_empty() {
        out.push(Line::styled("  ✓ none", theme.accent()));
    }
    for r in risks {
        out.push(Line::from(vec![
            Span::styled(
                format!("  {} {} ", crate::words::symbol(r.severity), r.kind),
                theme.severity(r.severity),
            ),
            Span::raw(
                printable(&crate::words::risk_detail(
                    app.partnership(),
                    a.scenario.as_of,
                    r,
                ))
                .into_owned(),
            ),
        ]));
    }
}
