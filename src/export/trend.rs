//! The `trend` report (SPEC §9): one row per day, and the JSON document
//! SPEC §9 shapes.

use super::SeverityCounts;
use super::report::{Cell, Column, Heading, Report, Row};
use crate::analysis::{Every, Severity, TrendRow};
use crate::model::Partnership;
use jiff::civil::Date;
use serde::Serialize;

/// A trend, as a report.
#[derive(Debug, Clone, Copy)]
pub struct TrendReport<'a> {
    pub p: &'a Partnership,
    pub from: Date,
    pub to: Date,
    pub every: Every,
    pub rows: &'a [TrendRow],
}

/// "risk score 388 → 149, bus factor 2 → 2, from 2025-11-30 to 2026-11-23".
fn headline(r: &TrendReport) -> String {
    let (Some(first), Some(last)) = (r.rows.first(), r.rows.last()) else {
        return format!("from {} to {}", r.from, r.to);
    };
    format!(
        "risk score {} → {}, bus factor {} → {}, from {} to {}",
        first.risk_score, last.risk_score, first.bus_factor, last.bus_factor, first.date, last.date
    )
}

impl Report for TrendReport<'_> {
    type Json = TrendJson;

    fn heading(&self) -> Heading {
        Heading {
            title: "Risk trend",
            partnership: self.p.names.name.clone(),
            as_of: self.to,
            headline: headline(self),
            what_if_gone: Vec::new(),
            empty: "No days in the range.",
            only: None,
        }
    }

    fn columns(&self) -> Vec<Column> {
        vec![
            Column::new("date", "Date"),
            Column::new("risk_score", "Risk score")
                .heading("SCORE")
                .right(),
            Column::new("bus_factor", "Bus factor")
                .heading("BUS")
                .right(),
            Column::new("critical", "Critical").right(),
            Column::new("high", "High").right(),
            Column::new("medium", "Medium").right(),
            Column::new("low", "Low").right(),
            Column::new("partner_people", "Partner people")
                .heading("PARTNER")
                .right(),
            Column::new("reachable", "Reachable").right(),
            Column::new("live_ties", "Live ties")
                .heading("LIVE TIES")
                .right(),
        ]
    }

    fn rows(&self) -> Vec<Row> {
        let row = |r: &TrendRow| {
            let [critical, high, medium, low] = r.counts;
            Row {
                cells: vec![
                    Cell::text(r.date.to_string()),
                    Cell::Count(r.risk_score as usize),
                    Cell::Count(r.bus_factor),
                    Cell::Count(critical),
                    Cell::Count(high),
                    Cell::Count(medium),
                    Cell::Count(low),
                    Cell::Count(r.partner_people),
                    Cell::Count(r.reachable),
                    Cell::Count(r.live_ties),
                ],
                tone: Severity::ALL
                    .into_iter()
                    .zip(r.counts)
                    .find(|&(_, n)| n > 0)
                    .map(|(s, _)| s),
            }
        };
        self.rows.iter().map(row).collect()
    }

    fn json(&self) -> TrendJson {
        TrendJson {
            partnership: self.p.names.name.clone(),
            from: self.from.to_string(),
            to: self.to.to_string(),
            every: self.every.as_str(),
            rows: self.rows.iter().map(TrendRowJson::new).collect(),
        }
    }
}

/// The whole `trend --format json` document.
#[derive(Debug, Clone, Serialize)]
pub struct TrendJson {
    pub partnership: String,
    pub from: String,
    pub to: String,
    pub every: &'static str,
    pub rows: Vec<TrendRowJson>,
}

/// One day, as SPEC §9 shapes it.
#[derive(Debug, Clone, Serialize)]
pub struct TrendRowJson {
    pub date: String,
    pub risk_score: u32,
    pub bus_factor: usize,
    pub risks: SeverityCounts,
    pub partner_people: usize,
    pub reachable: usize,
    pub live_ties: usize,
}

impl TrendRowJson {
    fn new(r: &TrendRow) -> TrendRowJson {
        let [critical, high, medium, low] = r.counts;
        TrendRowJson {
            date: r.date.to_string(),
            risk_score: r.risk_score,
            bus_factor: r.bus_factor,
            risks: SeverityCounts {
                critical,
                high,
                medium,
                low,
            },
            partner_people: r.partner_people,
            reachable: r.reachable,
            live_ties: r.live_ties,
        }
    }
}
