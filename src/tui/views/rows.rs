//! Which rows each list shows: the two people columns (sorted by level,
//! narrowed by the people view's filter) and the risks view's list
//! (narrowed by its own filter, which matches every column shown).

use crate::model::{Person, Side};
use crate::tui::app::{App, Pane, View};
use tui_input::Input;

impl App {
    /// The filter of the view shown: the risks view has its own; the
    /// people and map views share the people filter.
    pub fn filter(&self) -> &Input {
        match self.view {
            View::Risks => &self.risks_view.filter,
            View::People | View::Map => &self.people.filter,
            View::Plan => &self.plan_view.filter,
            View::Grid => &self.grid_view.filter,
        }
    }

    pub fn filter_mut(&mut self) -> &mut Input {
        match self.view {
            View::Risks => &mut self.risks_view.filter,
            View::People | View::Map => &mut self.people.filter,
            View::Plan => &mut self.plan_view.filter,
            View::Grid => &mut self.grid_view.filter,
        }
    }

    /// Recomputes the rows the current view's filter narrows.
    pub fn refilter(&mut self) {
        match self.view {
            View::Risks => self.refresh_risk_rows(),
            View::People | View::Map => self.refresh_rows(),
            View::Plan => {
                let len = super::plan::shown(self).len();
                self.plan_view.cursor.step(0, len);
            }
            View::Grid => {
                let len = super::grid::shown(self).len();
                self.grid_view.cursor.step(0, len);
            }
        }
    }

    /// Selects `person` in their column and focuses it; clears a filter
    /// that hides them.
    pub fn select_person(&mut self, person: usize) {
        let Some(side) = self.partnership().people.get(person).map(|p| p.side) else {
            return;
        };
        if !self.people.column(side).0.contains(&person) {
            self.people.filter.reset();
            self.refresh_rows();
        }
        if let Some(at) = self.people.column(side).0.iter().position(|&i| i == person) {
            self.people.cursor_mut(side).selected = at;
        }
        self.people.side = side;
        self.people.pane = Pane::of(side);
        self.detail = Default::default();
    }

    /// Recomputes both columns from the people filter, keeping the
    /// selected person selected when they are still shown. Without a
    /// filter each column lists executives first, then senior people,
    /// managers and staff, in file order within a level; with one, the
    /// best matches come first.
    pub fn refresh_rows(&mut self) {
        let keep = [Side::Ours, Side::Partner].map(|side| {
            let (rows, cursor) = self.people.column(side);
            rows.get(cursor.selected).copied()
        });
        let p = &self.doc.partnership;
        let query = self.people.filter.value().trim();
        let mut ours = Vec::new();
        let mut partner = Vec::new();
        let mut put = |i: usize| match p.people.get(i).map(|x| x.side) {
            Some(Side::Ours) => ours.push(i),
            Some(Side::Partner) => partner.push(i),
            None => {}
        };
        if query.is_empty() {
            let mut all: Vec<usize> = (0..p.people.len()).collect();
            all.sort_by_key(|&i| p.people[i].level);
            all.into_iter().for_each(&mut put);
        } else {
            for (i, _) in self.matcher.rank(query, p.people.iter().map(haystack)) {
                put(i);
            }
        }
        if let Some(only) = &self.people.only {
            // A grid cell's people (SPEC §10): by id, so a reload keeps them.
            let keep: std::collections::HashSet<&str> =
                only.ids.iter().map(String::as_str).collect();
            let kept = |i: &usize| keep.contains(p.people[*i].id.as_str());
            ours.retain(kept);
            partner.retain(kept);
        }
        self.people.rows_ours = ours;
        self.people.rows_partner = partner;
        for (side, kept) in [Side::Ours, Side::Partner].into_iter().zip(keep) {
            let at = {
                let rows = self.people.column(side).0;
                kept.and_then(|k| rows.iter().position(|&i| i == k))
            };
            let len = self.people.column(side).0.len();
            let cursor = self.people.cursor_mut(side);
            match at {
                Some(at) => cursor.selected = at,
                None => cursor.step(0, len),
            }
        }
        self.refresh_risk_rows();
    }

    /// Recomputes the risks view's rows from its filter: a risk matches on
    /// every column shown — severity, kind, subject and detail.
    /// The texts it matches are made with the analysis (`risks::texts`),
    /// so a keystroke only matches them; outside the risks view a filter
    /// leaves the list empty, and showing the risks view computes it.
    pub fn refresh_risk_rows(&mut self) {
        let query = self.risks_view.filter.value().trim();
        let risks = &self.analysis.risks;
        self.risks_view.rows = if !query.is_empty() && self.view != View::Risks {
            Vec::new()
        } else if query.is_empty() {
            (0..risks.len()).collect()
        } else {
            let p = &self.doc.partnership;
            if self.risks_view.texts.len() != risks.len() {
                // Made with each analysis; this is only a safeguard.
                self.risks_view.texts = super::risks::texts(p, &self.analysis);
            }
            self.matcher
                .rank(query, self.risks_view.texts.iter())
                .into_iter()
                .map(|(i, _)| i)
                .collect()
        };
        let len = self.risks_view.rows.len();
        self.risks_view.cursor.step(0, len);
    }
}

/// The text the filter matches a person against: name, title and team.
fn haystack(person: &Person) -> String {
    let mut text = person.name.clone();
    for part in [person.title.as_deref(), person.team.as_deref()]
        .into_iter()
        .flatten()
    {
        text.push(' ');
        text.push_str(part);
    }
    text
}
