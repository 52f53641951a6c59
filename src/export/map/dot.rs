//! The map as Graphviz DOT: one cluster per side (a sub-cluster per team),
//! each person a box filled with their worst risk's colour and labelled
//! with its symbol and marks, live ties as edges whose width follows
//! their strength.

use super::layout::{MapModel, Node};
use super::svg::{left_out, width};
use super::{marks, title};
use crate::text::backslash_quoted as dot;
use std::fmt::Write;

/// The map as a DOT graph.
pub fn write(m: &MapModel) -> String {
    let mut out = String::new();
    out.push_str("graph partnermap {\n");
    let mut label = dot(&title(m));
    if let Some(note) = left_out(m) {
        label.push_str("\\n");
        label.push_str(&dot(&note));
    }
    let _ = writeln!(
        out,
        "  graph [rankdir=LR, labelloc=t, fontname=\"Helvetica\", label=\"{label}\"];"
    );
    out.push_str(
        "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11];\n",
    );
    out.push_str("  edge [color=\"#607d8b\"];\n");
    for column in &m.columns {
        let side = column.side.as_str();
        let _ = writeln!(out, "  subgraph cluster_{side} {{");
        let _ = writeln!(out, "    label=\"{}\";", dot(&column.org));
        for (g, group) in column.groups.iter().enumerate() {
            let team = group.team.as_deref().unwrap_or("(no team)");
            let _ = writeln!(out, "    subgraph cluster_{side}_{g} {{");
            let _ = writeln!(
                out,
                "      label=\"{}\"; style=\"rounded\"; color=\"#cfd8dc\";",
                dot(team)
            );
            for &n in &group.nodes {
                let _ = writeln!(out, "      {}", node(&m.nodes[n]));
            }
            out.push_str("    }\n");
        }
        out.push_str("  }\n");
    }
    for e in &m.edges {
        let _ = writeln!(
            out,
            "  \"{}\" -- \"{}\" [penwidth={:.2}];",
            dot(&m.nodes[e.a].id),
            dot(&m.nodes[e.b].id),
            width(e.strength)
        );
    }
    out.push_str("}\n");
    out
}

/// `"ana" [label="! ◆ Ana Ruiz\nVP Alliances", fillcolor="#ef6c00"];`
fn node(n: &Node) -> String {
    let title = n
        .title
        .as_deref()
        .map(|t| format!("\\n{}", dot(t)))
        .unwrap_or_default();
    let style = if n.unreachable {
        ", style=\"rounded,dashed\", color=\"#b71c1c\", penwidth=2"
    } else {
        ""
    };
    format!(
        "\"{}\" [label=\"{}{}{title}\", fillcolor=\"{}\"{style}];",
        dot(&n.id),
        marks(n),
        dot(&n.name),
        fill(n.badge.colour())
    )
}

/// A lighter tint of a colour, so that black text reads on it.
fn fill(colour: &str) -> String {
    format!("{colour}55")
}
