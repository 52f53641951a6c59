//! The detail pane's rows as a model: what the pane says about the selected
//! person, built from the app state by a pure function and free of styles,
//! so that `update` can count the rows and the view draws them.
//!
//! The `↑ ↓` selection (for `E`/`D` on ties and meetings) is an
//! `Option<usize>` in `DetailView` counting only the selectable rows
//! ([`DetailRow::selectable`]): the `k`-th selectable row is
//! `rows.iter().filter(|r| r.selectable()).nth(k)`, and a `Tie` or
//! `Meeting` row carries the index `E`/`D` act on.

use crate::analysis::Severity;
use crate::graph::LiveTie;
use crate::model::Side;
use crate::text::printable;
use crate::tui::app::{App, Pane, View};

/// How many of a person's meetings the pane lists, newest first.
pub const RECENT_MEETINGS: usize = 5;

/// How a piece of text looks; the view maps it to the theme's style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    Plain,
    Title,
    Dim,
    Accent,
    Error,
    WhatIf,
    Severity(Severity),
}

/// One row of the detail pane (one line before wrapping).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DetailRow {
    /// The person's name or a section's heading.
    Heading(String),
    /// An empty line between sections.
    Blank,
    /// A line of text in one look.
    Text(Look, String),
    /// A line of pieces in different looks.
    Spans(Vec<(Look, String)>),
    /// One of the person's ties: its index in the analysis's live ties,
    /// and the person at its other end.
    Tie { tie: usize, other: usize },
    /// One of the person's recent meetings: its index in the
    /// partnership's meetings.
    Meeting { meeting: usize },
}

impl DetailRow {
    /// Rows a later selection can land on: ties and meetings.
    pub fn selectable(&self) -> bool {
        matches!(self, DetailRow::Tie { .. } | DetailRow::Meeting { .. })
    }

    fn text(look: Look, text: impl Into<String>) -> DetailRow {
        DetailRow::Text(look, text.into())
    }

    fn plain(text: impl Into<String>) -> DetailRow {
        DetailRow::Text(Look::Plain, text.into())
    }
}

/// The detail pane's rows for the selected person, or the one row saying
/// nobody is selected.
pub fn rows(app: &App) -> Vec<DetailRow> {
    match app.selected() {
        Some(person) => of(app, person),
        None if app.partnership().people.is_empty() => vec![
            DetailRow::text(Look::Dim, "No people yet."),
            DetailRow::Blank,
            DetailRow::plain("a adds a person to the focused side (Tab: the partner's)."),
            DetailRow::plain("i imports contacts or a calendar."),
        ],
        None => vec![DetailRow::text(Look::Dim, "Nobody selected.")],
    }
}

/// The rows about person `i`.
pub fn of(app: &App, i: usize) -> Vec<DetailRow> {
    let mut out = Vec::new();
    if about(app, i, &mut out) {
        ties(app, i, &mut out);
        meetings(app, i, &mut out);
        depends_on(app, i, &mut out);
        exposure(app, i, &mut out);
        risks(app, i, &mut out);
    }
    out
}

pub(super) fn name(app: &App, i: usize) -> String {
    printable(&app.partnership().people[i].name).into_owned()
}

/// Who the person is; `false` when they are gone in the what-if, which
/// is all the detail then says.
fn about(app: &App, i: usize, out: &mut Vec<DetailRow>) -> bool {
    let p = app.partnership();
    let person = &p.people[i];
    out.push(DetailRow::Heading(name(app, i)));
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
    if let Some(stance) = person.stance {
        facts.push(stance.to_string());
    }
    facts.push(printable(p.names.of(person.side)).into_owned());
    out.push(DetailRow::plain(facts.join(" · ")));
    // The id is what `meeting add --with` takes.
    let mut ids = vec![
        (Look::Dim, "id ".to_string()),
        (Look::Plain, printable(&person.id).into_owned()),
    ];
    if let Some(email) = person.email.as_deref().filter(|e| !e.is_empty()) {
        ids.push((Look::Dim, " · ".to_string()));
        ids.push((Look::Plain, printable(email).into_owned()));
    }
    out.push(DetailRow::Spans(ids));
    if let Some(boss) = person.reports_to.as_deref().and_then(|b| p.person(b)) {
        out.push(DetailRow::plain(format!(
            "Reports to {}",
            printable(&boss.name)
        )));
    }
    if app.gone.contains(&i) {
        out.push(DetailRow::text(
            Look::WhatIf,
            "† gone in this what-if (x brings them back)",
        ));
        out.push(DetailRow::Blank);
        // On a big file the what-if is worked out in the background: until
        // it arrives, the rest of the screen is the partnership before it.
        let shown = app.analysis.scenario.gone.contains(&i);
        out.push(DetailRow::plain(if shown {
            "Everything else on screen now shows the partnership without them: \
             the header, the badges, the risks (2) and the map (3)."
        } else {
            "Working out the partnership without them: the badges, the risks (2) \
             and the map (3) follow in a moment."
        }));
        return false;
    } else if app.analysis.scenario.gone.contains(&i) {
        out.push(DetailRow::text(
            Look::Dim,
            "Back from the what-if: working out their ties and risks…",
        ));
        return false;
    } else if let Some(left) = person.left.filter(|_| !app.analysis.live.active[i]) {
        out.push(DetailRow::text(Look::Dim, format!("Left on {left}")));
    }
    true
}

/// The person's ties: the other side first, then colleagues; live first,
/// most recent first.
fn ties(app: &App, i: usize, out: &mut Vec<DetailRow>) {
    let p = app.partnership();
    let live = &app.analysis.live;
    let side = p.people[i].side;
    let colleague = |t: &LiveTie| p.people[t.other(i)].side == side;
    let mut ties: Vec<usize> = live.ties_of[i].to_vec();
    ties.sort_by(|&x, &y| {
        let (x, y) = (&live.ties[x], &live.ties[y]);
        colleague(x)
            .cmp(&colleague(y))
            .then(y.live.cmp(&x.live))
            .then(y.last_contact.cmp(&x.last_contact))
    });
    let live_count = ties.iter().filter(|&&t| live.ties[t].live).count();
    out.push(DetailRow::Blank);
    out.push(DetailRow::Heading(format!(
        "Ties · {live_count} live ●, {} stale ○",
        ties.len() - live_count
    )));
    if ties.is_empty() {
        out.push(DetailRow::text(
            Look::Dim,
            "  none — log a meeting (m) or declare a tie (t)",
        ));
    }
    let mut said_colleagues = false;
    for t in ties {
        let tie = &live.ties[t];
        if colleague(tie) && !said_colleagues {
            said_colleagues = true;
            out.push(DetailRow::text(Look::Dim, "  colleagues"));
        }
        out.push(DetailRow::Tie {
            tie: t,
            other: tie.other(i),
        });
    }
}

/// The person's recent meetings, newest first.
fn meetings(app: &App, i: usize, out: &mut Vec<DetailRow>) {
    let p = app.partnership();
    let mut meetings: Vec<usize> = app.meetings_of(i).to_vec();
    meetings.sort_by_key(|&m| std::cmp::Reverse(p.meetings[m].date));
    out.push(DetailRow::Blank);
    out.push(DetailRow::Heading(format!("Meetings · {}", meetings.len())));
    // With the focus in the pane every meeting is listed, so that `↑ ↓`
    // reach each one for `E` and `D`; else the most recent few.
    let focused = app.people.pane == Pane::Detail && app.view == View::People;
    let shown = if focused {
        meetings.len()
    } else {
        RECENT_MEETINGS
    };
    for &meeting in meetings.iter().take(shown) {
        out.push(DetailRow::Meeting { meeting });
    }
    if meetings.len() > shown {
        out.push(DetailRow::text(
            Look::Dim,
            format!(
                "  … and {} earlier (Enter or Tab here lists them all)",
                meetings.len() - shown
            ),
        ));
    }
}

/// Whom the person depends on, in plain words.
fn depends_on(app: &App, i: usize, out: &mut Vec<DetailRow>) {
    let p = app.partnership();
    let a = &app.analysis;
    out.push(DetailRow::Blank);
    out.push(DetailRow::Heading("Depends on".into()));
    let who = name(app, i);
    if p.people[i].side != Side::Partner || !a.live.active[i] {
        out.push(DetailRow::text(
            Look::Dim,
            "  (only partner people depend on others)",
        ));
    } else if !a.dependency.reachable[i] {
        out.push(DetailRow::text(
            Look::Error,
            format!(
                "  Nobody at {} reaches {who} through live ties.",
                printable(&p.names.ours)
            ),
        ));
    } else {
        let chain = a.dependency.depends_on(i);
        if chain.is_empty() {
            out.push(DetailRow::plain(
                "  Nobody alone: no single departure cuts them off.",
            ));
        } else {
            // Any one of them alone cuts them off: SPEC §7's words.
            let sentence =
                crate::words::cut_off_if(&who, &printable(&p.names.ours), &names(app, &chain));
            out.push(DetailRow::plain(format!("  {sentence}.")));
        }
    }
}

/// Display names, each made printable.
fn names(app: &App, people: &[usize]) -> Vec<String> {
    people.iter().map(|&i| name(app, i)).collect()
}

/// Who depends on the person, and the bus-factor set they are part of.
fn exposure(app: &App, i: usize, out: &mut Vec<DetailRow>) {
    let p = app.partnership();
    let a = &app.analysis;
    let who = name(app, i);
    out.push(DetailRow::Heading("Exposure".into()));
    let exposed = a.exposure.get(i).map_or(&[][..], Vec::as_slice);
    if exposed.is_empty() {
        out.push(DetailRow::plain(format!(
            "  Nobody would be cut off if {who} left."
        )));
    } else {
        out.push(DetailRow::plain(format!(
            "  If {who} left, {} partner {} would be cut off: {}.",
            exposed.len(),
            if exposed.len() == 1 {
                "person"
            } else {
                "people"
            },
            crate::text::join_names(&names(app, exposed))
        )));
    }
    // Someone in the bus-factor set matters even when nobody depends on them alone.
    let bus = &a.bus_factor;
    if bus.size > 1 && bus.people.contains(&i) {
        let mut together = vec![who];
        together.extend(
            bus.people
                .iter()
                .filter(|&&x| x != i)
                .map(|&x| name(app, x)),
        );
        out.push(DetailRow::text(
            Look::Severity(Severity::High),
            format!(
                "  One of the {} people the partnership hangs on: {}, {} would be cut off.",
                bus.size,
                crate::words::if_all_left(&together),
                printable(&p.names.partner)
            ),
        ));
    }
}

/// The risks about the person.
fn risks(app: &App, i: usize, out: &mut Vec<DetailRow>) {
    let a = &app.analysis;
    out.push(DetailRow::Blank);
    let risks: Vec<_> = a.risks_of(i).collect();
    out.push(DetailRow::Heading(format!("Risks · {}", risks.len())));
    if risks.is_empty() {
        out.push(DetailRow::text(Look::Accent, "  ✓ none"));
    }
    for r in risks {
        let detail = crate::words::risk_detail(app.partnership(), a.scenario.as_of, r);
        out.push(DetailRow::Spans(vec![
            (
                Look::Severity(r.severity),
                format!("  {} {} ", crate::words::symbol(r.severity), r.kind),
            ),
            (Look::Plain, printable(&detail).into_owned()),
        ]));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::{DetailRow, rows};

    #[test]
    fn a_person_with_ties_and_meetings_has_selectable_rows_for_them() {
        let dir = tempfile::tempdir().unwrap();
        let as_of = jiff::civil::date(2026, 11, 24);
        let app = crate::tui::open(dir.path().join("none.json"), as_of, false).unwrap();
        let person = app.selected().unwrap();
        let rows = rows(&app);
        let ties = app.analysis.live.ties_of[person].len();
        let count = |f: fn(&DetailRow) -> bool| rows.iter().filter(|r| f(r)).count();
        assert_eq!(count(|r| matches!(r, DetailRow::Tie { .. })), ties);
        assert!(count(|r| matches!(r, DetailRow::Meeting { .. })) > 0);
        assert_eq!(
            count(DetailRow::selectable),
            ties + count(|r| matches!(r, DetailRow::Meeting { .. }))
        );
        assert_eq!(rows[0], DetailRow::Heading(super::name(&app, person)));
    }
}
