//! The map as a Mermaid `flowchart LR` with one subgraph per side, for a
//! wiki: each person a node labelled with their worst risk's symbol, their
//! marks, name and title, coloured by a class per severity; live ties as
//! links, thick (`===`) when strong.

use super::layout::{Badge, MapModel, Node};
use super::svg::left_out;
use super::{marks, title};
use crate::text::{backslash_quoted, mermaid};
use std::fmt::Write;

/// A tie at least this strong is drawn thick.
const STRONG: f64 = 2.0;

/// The map as a Mermaid flowchart.
pub fn write(m: &MapModel) -> String {
    let mut out = String::new();
    // The front matter is YAML: a double-quoted string escapes with `\`.
    let _ = writeln!(out, "---\ntitle: \"{}\"\n---", backslash_quoted(&title(m)));
    out.push_str("flowchart LR\n");
    if let Some(note) = left_out(m) {
        let _ = writeln!(out, "  %% {}", mermaid(&note));
    }
    for column in &m.columns {
        let side = column.side.as_str();
        let _ = writeln!(out, "  subgraph {side}[\"{}\"]", mermaid(&column.org));
        out.push_str("    direction TB\n");
        for group in &column.groups {
            for &n in &group.nodes {
                let _ = writeln!(out, "    {}", node(n, &m.nodes[n]));
            }
        }
        out.push_str("  end\n");
    }
    for e in &m.edges {
        let link = if e.strength >= STRONG { "===" } else { "---" };
        let _ = writeln!(out, "  n{} {link} n{}", e.a, e.b);
    }
    classes(&mut out, m);
    out
}

/// `n3["! ◆ Ana Ruiz<br/>VP Alliances"]`; a team shows in the label.
fn node(k: usize, n: &Node) -> String {
    let title = n
        .title
        .as_deref()
        .map(|t| format!("<br/>{}", mermaid(t)))
        .unwrap_or_default();
    format!(
        "n{k}[\"{}{}{title}\"]",
        mermaid(&marks(n)),
        mermaid(&n.name)
    )
}

/// One class per severity (and no risk), and which nodes are in each.
fn classes(out: &mut String, m: &MapModel) {
    for badge in Badge::ALL {
        let class = match badge {
            Badge::Risk(s) => s.as_str(),
            Badge::Reached => "reached",
            Badge::Clear => "clear",
        };
        let members: Vec<String> = m
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.badge == badge)
            .map(|(k, _)| format!("n{k}"))
            .collect();
        if members.is_empty() {
            continue;
        }
        let colour = badge.colour();
        let _ = writeln!(
            out,
            "  classDef {class} fill:{colour}33,stroke:{colour},stroke-width:2px"
        );
        let _ = writeln!(out, "  class {} {class}", members.join(","));
    }
    let unreachable: Vec<String> = m
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.unreachable)
        .map(|(k, _)| format!("n{k}"))
        .collect();
    if !unreachable.is_empty() {
        out.push_str("  classDef unreachable stroke-dasharray:5 3\n");
        let _ = writeln!(out, "  class {} unreachable", unreachable.join(","));
    }
}
