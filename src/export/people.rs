//! The `people` report: one row per person, in file order (one side, or
//! both), with the id that `meeting add --with` takes; and its JSON shape.

use super::report::{Cell, Column, Heading, Report, Row};
use crate::model::{Headcount, Partnership, Person, Side};
use jiff::civil::Date;
use serde::Serialize;

/// Everyone in the file, or one side.
#[derive(Debug, Clone, Copy)]
pub struct PeopleReport<'a> {
    p: &'a Partnership,
    side: Option<Side>,
    /// The day the headline counts who is active on.
    as_of: Date,
}

impl<'a> PeopleReport<'a> {
    pub fn new(p: &'a Partnership, side: Option<Side>, as_of: Date) -> PeopleReport<'a> {
        PeopleReport { p, side, as_of }
    }

    /// The people listed, in file order.
    fn people(&self) -> impl Iterator<Item = &'a Person> {
        let side = self.side;
        self.p
            .people
            .iter()
            .filter(move |x| side.is_none_or(|s| x.side == s))
    }
}

impl<'a> Report for PeopleReport<'a> {
    type Json = PeopleJson;

    fn heading(&self) -> Heading {
        let names = &self.p.names;
        let count = Headcount::on(self.p, self.as_of);
        Heading {
            title: "People",
            partnership: names.name.clone(),
            as_of: self.as_of,
            headline: count.describe(&names.ours, &names.partner),
            what_if_gone: Vec::new(),
            empty: "No people yet.",
            only: self
                .side
                .map(|side| format!("the people of {} ({side})", names.of(side))),
        }
    }

    fn columns(&self) -> Vec<Column> {
        vec![
            Column::new("id", "Id"),
            Column::new("name", "Name"),
            Column::new("side", "Side"),
            Column::new("title", "Title"),
            Column::new("level", "Level"),
            Column::new("team", "Team"),
            Column::new("email", "E-mail"),
            Column::new("stance", "Stance"),
            Column::new("left", "Left"),
            Column::new("reports_to", "Reports to"),
        ]
    }

    fn rows(&self) -> Vec<Row> {
        let text = |t: &Option<String>| Cell::text(t.as_deref().unwrap_or_default());
        let index = self.p.person_index();
        let name = |id: &'a str| {
            index
                .get(id)
                .map_or(id, |&i| self.p.people[i].name.as_str())
        };
        self.people()
            .map(|x| Row {
                cells: vec![
                    Cell::text(x.id.as_str()),
                    Cell::text(x.name.as_str()),
                    Cell::text(x.side.as_str()),
                    text(&x.title),
                    Cell::text(x.level.as_str()),
                    text(&x.team),
                    text(&x.email),
                    Cell::text(x.stance.map_or("", |s| s.as_str())),
                    Cell::Date(x.left),
                    match x.reports_to.as_deref() {
                        // The boss's name for a reader, the id in CSV.
                        Some(boss) => Cell::People {
                            ids: vec![boss.to_string()],
                            names: vec![name(boss).to_string()],
                        },
                        None => Cell::text(""),
                    },
                ],
                tone: None,
            })
            .collect()
    }

    fn json(&self) -> PeopleJson {
        PeopleJson {
            partnership: self.p.names.name.clone(),
            people: self.people().map(PersonRow::new).collect(),
        }
    }
}

/// The whole `people --format json` document.
#[derive(Debug, Clone, Serialize)]
pub struct PeopleJson {
    pub partnership: String,
    pub people: Vec<PersonRow>,
}

/// One person; absent fields are `null`.
#[derive(Debug, Clone, Serialize)]
pub struct PersonRow {
    pub id: String,
    pub name: String,
    pub side: &'static str,
    pub title: Option<String>,
    pub level: &'static str,
    pub team: Option<String>,
    pub email: Option<String>,
    pub stance: Option<&'static str>,
    pub left: Option<String>,
    pub reports_to: Option<String>,
}

impl PersonRow {
    pub fn new(x: &Person) -> PersonRow {
        PersonRow {
            id: x.id.clone(),
            name: x.name.clone(),
            side: x.side.as_str(),
            title: x.title.clone(),
            level: x.level.as_str(),
            team: x.team.clone(),
            email: x.email.clone(),
            stance: x.stance.map(|s| s.as_str()),
            left: x.left.map(|d| d.to_string()),
            reports_to: x.reports_to.clone(),
        }
    }
}
