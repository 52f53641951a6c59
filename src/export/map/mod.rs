//! The contact map as a picture (SPEC §12): one model of what is shown
//! ([`layout`]: the people chosen, grouped and ordered, their risks and
//! marks, the live ties), drawn as SVG by the project itself, or written
//! as Graphviz DOT or a Mermaid flowchart for a wiki.

mod dot;
pub mod layout;
mod legend;
mod mermaid;
mod svg;

pub use layout::{MAX_PER_SIDE, MapModel};

use crate::analysis::Analysis;
use crate::model::Partnership;
use std::fmt;

/// A picture format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MapFormat {
    Svg,
    Dot,
    Mermaid,
}

impl MapFormat {
    pub const ALL: [MapFormat; 3] = [MapFormat::Svg, MapFormat::Dot, MapFormat::Mermaid];

    pub fn as_str(self) -> &'static str {
        match self {
            MapFormat::Svg => "svg",
            MapFormat::Dot => "dot",
            MapFormat::Mermaid => "mermaid",
        }
    }

    /// The file extension for a map in this format.
    pub fn extension(self) -> &'static str {
        match self {
            MapFormat::Svg => "svg",
            MapFormat::Dot => "dot",
            MapFormat::Mermaid => "mmd",
        }
    }

    /// The format a file name asks for by its extension, if any.
    pub fn from_extension(path: &std::path::Path) -> Option<MapFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Some(MapFormat::Svg),
            "dot" | "gv" => Some(MapFormat::Dot),
            "mmd" | "mermaid" => Some(MapFormat::Mermaid),
            _ => None,
        }
    }
}

impl fmt::Display for MapFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The map of analysis `a` of `p` in `format`.
pub fn write(p: &Partnership, a: &Analysis, format: MapFormat) -> String {
    let model = MapModel::build(p, a, MAX_PER_SIDE);
    match format {
        MapFormat::Svg => svg::write(&model),
        MapFormat::Dot => dot::write(&model),
        MapFormat::Mermaid => mermaid::write(&model),
    }
}

/// The title line DOT and Mermaid carry: the partnership, the day, the bus
/// factor and the risk score (and the what-if).
fn title(m: &MapModel) -> String {
    let what_if = if m.what_if_gone.is_empty() {
        String::new()
    } else {
        format!(
            " — what-if: as if {} had left",
            crate::text::join_names(&m.what_if_gone)
        )
    };
    format!(
        "{} — as of {} — bus factor {} · risk score {}{what_if}",
        m.partnership, m.as_of, m.bus_factor, m.risk_score
    )
}

/// The symbols before a name where no shape can say it: the worst risk's
/// severity (`✓` for none), `◆` a single point, `✗` unreachable, `★` a
/// champion.
fn marks(n: &layout::Node) -> String {
    let mut out = String::from(n.badge.symbol());
    if !out.is_empty() {
        out.push(' ');
    }
    for (on, mark) in [
        (n.single_point, "◆ "),
        (n.unreachable, "✗ "),
        (n.champion, "★ "),
    ] {
        if on {
            out.push_str(mark);
        }
    }
    out
}
