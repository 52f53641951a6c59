//! The map as a self-contained SVG, drawn here (no Graphviz): our people
//! in a column on the left and the partner's on the right, grouped by team;
//! live ties between them, thicker when stronger (colleagues' ties bow into
//! the middle); each person's dot coloured by their worst risk, with the
//! severity's symbol in the text and shapes for single points, unreachable
//! people and champions, so that it reads without colour too; a title with
//! the headline numbers, a note of what was left out, and a legend.

use super::layout::{Badge, Column, MapModel, Node};
use super::legend;
use crate::analysis::Severity;
use crate::text::{cut, thousands, wrap, xml};
use crate::words::symbol;
use std::fmt::Write;

pub(super) const WIDTH: f64 = 1100.0;
pub(super) const MARGIN: f64 = 24.0;
/// Where the dots of each column stand.
const DOT_X: [f64; 2] = [390.0, WIDTH - 390.0];
pub(super) const DOT_R: f64 = 6.0;
const ROW: f64 = 24.0;
const TEAM_ROW: f64 = 22.0;
const GROUP_GAP: f64 = 10.0;
/// Where the first column heading sits, with no note above it.
const HEADINGS: f64 = 92.0;
/// A note's lines: how many characters each, and how far apart.
const NOTE_CHARS: usize = 150;
const NOTE_LINE: f64 = 17.0;
/// How wide names and titles may be, in columns, before they are cut.
const NAME_COLUMNS: usize = 26;
const TITLE_COLUMNS: usize = 24;
const FONT: &str = "DejaVu Sans, Verdana, Helvetica, Arial, sans-serif";

/// The map as an SVG document.
pub fn write(m: &MapModel) -> String {
    let notes = notes(m);
    let headings = HEADINGS + NOTE_LINE * notes.len() as f64;
    let (ys, bottom) = rows(m, headings + 18.0);
    let legend_top = bottom + 20.0;
    let height = legend_top + 96.0;
    let mut out = String::with_capacity(4096 + m.nodes.len() * 600 + m.edges.len() * 120);
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="{FONT}" font-size="13">"#
    );
    let _ = writeln!(out, "<title>{}</title>", xml(&title_line(m)));
    let _ = writeln!(
        out,
        r##"<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>"##
    );
    heading(&mut out, m, &notes, headings);
    for column in &m.columns {
        groups(&mut out, m, column, &ys);
    }
    edges(&mut out, m, &ys);
    for column in &m.columns {
        for group in &column.groups {
            for &n in &group.nodes {
                person(&mut out, &m.nodes[n], side_of(column), ys[n]);
            }
        }
    }
    legend::legend(&mut out, legend_top);
    out.push_str("</svg>\n");
    out
}

fn side_of(column: &Column) -> usize {
    usize::from(column.side == crate::model::Side::Partner)
}

/// Each node's row (its centre line) when the columns start at `top`, and
/// where the lowest column ends.
fn rows(m: &MapModel, top: f64) -> (Vec<f64>, f64) {
    let mut ys = vec![0.0; m.nodes.len()];
    let mut bottom = top;
    for column in &m.columns {
        let mut y = top;
        for group in &column.groups {
            y += TEAM_ROW;
            for &n in &group.nodes {
                ys[n] = y + ROW / 2.0;
                y += ROW;
            }
            y += GROUP_GAP;
        }
        bottom = f64::max(bottom, y);
    }
    (ys, bottom)
}

/// "Northwind × Contoso — as of 2026-11-24 — bus factor 2 · risk score 412".
fn title_line(m: &MapModel) -> String {
    format!(
        "{} — as of {} — bus factor {} · risk score {}",
        m.partnership, m.as_of, m.bus_factor, m.risk_score
    )
}

/// The lines said under the headline: the what-if and what was left out.
fn notes(m: &MapModel) -> Vec<String> {
    let mut notes = Vec::new();
    if !m.what_if_gone.is_empty() {
        notes.push(format!(
            "What-if, not the real state: as if {} had left.",
            crate::text::join_names(&m.what_if_gone)
        ));
    }
    notes.extend(left_out(m));
    notes.iter().flat_map(|n| wrap(n, NOTE_CHARS)).collect()
}

/// The title, the headline numbers, the notes, and each column's heading
/// (at `headings`).
fn heading(out: &mut String, m: &MapModel, notes: &[String], headings: f64) {
    let _ = writeln!(
        out,
        r##"<text x="{MARGIN}" y="38" font-size="20" font-weight="bold" fill="#212121">{}</text>"##,
        xml(&cut(&title_line(m), 110))
    );
    let [critical, high, medium, low] = m.counts;
    let counts = format!(
        "{} {critical} critical · {} {high} high · {} {medium} medium · {} {low} low",
        symbol(Severity::Critical),
        symbol(Severity::High),
        symbol(Severity::Medium),
        symbol(Severity::Low)
    );
    let _ = writeln!(
        out,
        r##"<text x="{MARGIN}" y="62" fill="#424242">{}</text>"##,
        xml(&counts)
    );
    for (k, line) in notes.iter().enumerate() {
        let _ = writeln!(
            out,
            r##"<text x="{MARGIN}" y="{:.1}" font-style="italic" fill="#6a1b9a">{}</text>"##,
            84.0 + NOTE_LINE * k as f64,
            xml(line)
        );
    }
    for column in &m.columns {
        let side = side_of(column);
        let (x, anchor) = label_anchor(side);
        let count = if column.shown < column.active {
            format!(
                "{} of {} people shown",
                thousands(column.shown),
                thousands(column.active)
            )
        } else {
            match column.active {
                1 => "1 person".to_string(),
                n => format!("{} people", thousands(n)),
            }
        };
        let _ = writeln!(
            out,
            r##"<text x="{x}" y="{headings:.1}" text-anchor="{anchor}" font-size="15" font-weight="bold" fill="#212121">{} <tspan font-weight="normal" fill="#616161">· {}</tspan></text>"##,
            xml(&cut(&column.org, 30)),
            count
        );
    }
}

/// What a partial map left out, in words; `None` when it shows everyone.
pub fn left_out(m: &MapModel) -> Option<String> {
    if !m.is_partial() {
        return None;
    }
    let people: Vec<String> = m
        .columns
        .iter()
        .filter(|c| c.shown < c.active)
        .map(|c| {
            format!(
                "{} of {} {} people",
                thousands(c.shown),
                thousands(c.active),
                c.org
            )
        })
        .collect();
    let hidden: usize = m.columns.iter().map(|c| c.active - c.shown).sum();
    Some(format!(
        "Too many to draw: showing {} (those with risks, worst first, then those tied to them); {} people and {} live ties left out.",
        crate::text::join_names(&people),
        thousands(hidden),
        thousands(m.edges_left_out)
    ))
}

/// Where a column's labels end (ours, right-aligned before the dot) or
/// start (the partner's, after the dot).
fn label_anchor(side: usize) -> (f64, &'static str) {
    if side == 0 {
        (DOT_X[0] - 16.0, "end")
    } else {
        (DOT_X[1] + 16.0, "start")
    }
}

/// A light band behind each team with its name.
fn groups(out: &mut String, m: &MapModel, column: &Column, ys: &[f64]) {
    let side = side_of(column);
    let (x0, x1) = if side == 0 {
        (MARGIN, DOT_X[0] + 14.0)
    } else {
        (DOT_X[1] - 14.0, WIDTH - MARGIN)
    };
    for group in &column.groups {
        let (Some(&first), Some(&last)) = (group.nodes.first(), group.nodes.last()) else {
            continue;
        };
        let top = ys[first] - ROW / 2.0 - TEAM_ROW;
        let height = ys[last] + ROW / 2.0 - top + 4.0;
        let _ = writeln!(
            out,
            r##"<rect x="{x0}" y="{top:.1}" width="{:.1}" height="{height:.1}" rx="6" fill="#f5f7fa" stroke="#e0e4ea"/>"##,
            x1 - x0
        );
        let team = group.team.as_deref().unwrap_or("(no team)");
        let (x, anchor) = label_anchor(side);
        let _ = writeln!(
            out,
            r##"<text x="{x}" y="{:.1}" text-anchor="{anchor}" font-size="11" font-weight="bold" fill="#78909c" letter-spacing="0.5">{}</text>"##,
            top + 15.0,
            xml(&cut(&team.to_uppercase(), 40))
        );
    }
    let _ = m;
}

/// A tie's width: 1.2 for a faint tie, growing with strength, at most 7.
pub fn width(strength: f64) -> f64 {
    (1.2 + 1.8 * (1.0 + strength.max(0.0)).ln()).min(7.0)
}

/// Every live tie between people shown: across the sides a straight line
/// between the two dots, between colleagues a curve bowing into the middle.
fn edges(out: &mut String, m: &MapModel, ys: &[f64]) {
    let side = |n: usize| usize::from(m.nodes[n].side == crate::model::Side::Partner);
    out.push_str(
        r##"<g fill="none" stroke="#607d8b" stroke-opacity="0.55" stroke-linecap="round">"##,
    );
    out.push('\n');
    for e in &m.edges {
        let (sa, sb) = (side(e.a), side(e.b));
        let (xa, ya, xb, yb) = (DOT_X[sa], ys[e.a], DOT_X[sb], ys[e.b]);
        let w = width(e.strength);
        if sa == sb {
            let inward = if sa == 0 { 1.0 } else { -1.0 };
            let bow = (40.0 + (yb - ya).abs() * 0.3).min(220.0) * inward;
            let _ = writeln!(
                out,
                r#"<path d="M{xa:.1},{ya:.1} Q{:.1},{:.1} {xb:.1},{yb:.1}" stroke-width="{w:.2}" stroke-dasharray="none"/>"#,
                xa + bow,
                f64::midpoint(ya, yb)
            );
        } else {
            let _ = writeln!(
                out,
                r#"<line x1="{xa:.1}" y1="{ya:.1}" x2="{xb:.1}" y2="{yb:.1}" stroke-width="{w:.2}"/>"#
            );
        }
    }
    out.push_str("</g>\n");
}

/// One person: the dot in their worst risk's colour, the marks, and the
/// label (severity symbol, name, title), with a tooltip.
fn person(out: &mut String, n: &Node, side: usize, y: f64) {
    let x = DOT_X[side];
    let fill = n.badge.colour();
    let _ = writeln!(out, "<g>");
    let tip = format!(
        "{} (id {}){}{}",
        n.name,
        n.id,
        n.title
            .as_deref()
            .map(|t| format!(", {t}"))
            .unwrap_or_default(),
        match n.badge {
            Badge::Risk(s) => format!(" — worst risk: {}", s.as_str()),
            other => format!(" — {}", other.label()),
        }
    );
    let _ = writeln!(out, "<title>{}</title>", xml(&tip));
    legend::marks(out, n, x, y, side);
    if n.unreachable {
        let _ = writeln!(
            out,
            r##"<circle cx="{x}" cy="{y:.1}" r="{DOT_R}" fill="#ffffff" stroke="{fill}" stroke-width="2.5"/>"##
        );
    } else {
        let _ = writeln!(
            out,
            r##"<circle cx="{x}" cy="{y:.1}" r="{DOT_R}" fill="{fill}" stroke="#ffffff" stroke-width="1"/>"##
        );
    }
    let (tx, anchor) = label_anchor(side);
    let mark = n.badge.symbol();
    let name = xml(&cut(&n.name, NAME_COLUMNS)).into_owned();
    let title = n
        .title
        .as_deref()
        .map(|t| {
            // The space stays outside the span: renderers drop a span's
            // leading space.
            format!(
                r##" <tspan fill="#757575" font-size="11">· {}</tspan>"##,
                xml(&cut(t, TITLE_COLUMNS))
            )
        })
        .unwrap_or_default();
    let symbol = format!(r#"<tspan fill="{fill}" font-weight="bold">{mark}</tspan>"#);
    let label = match (side, mark.is_empty()) {
        (_, true) => format!("{name}{title}"),
        (0, false) => format!("{name}{title} {symbol}"),
        (_, false) => format!("{symbol} {name}{title}"),
    };
    let _ = writeln!(
        out,
        r##"<text x="{tx}" y="{:.1}" text-anchor="{anchor}" fill="#212121">{label}</text>"##,
        y + 4.5
    );
    out.push_str("</g>\n");
}
