//! The shapes that mark people on the SVG map (a diamond for a single
//! point, a cross for an unreachable person, a star for a champion) and
//! the legend that says what every colour, symbol, shape and line means.

use super::layout::{Badge, Node};
use super::svg::{DOT_R, MARGIN, WIDTH, width};
use std::fmt::Write;

const INK: &str = "#424242";
const DIAMOND: &str = "#37474f";
const CROSS: &str = "#b71c1c";
const STAR: &str = "#8e24aa";

/// A diamond of radius `r` around (`x`, `y`).
fn diamond(x: f64, y: f64, r: f64) -> String {
    format!(
        r#"<polygon points="{x:.1},{:.1} {:.1},{y:.1} {x:.1},{:.1} {:.1},{y:.1}" fill="none" stroke="{DIAMOND}" stroke-width="1.6"/>"#,
        y - r,
        x + r,
        y + r,
        x - r
    )
}

/// A cross of half-size `r` over (`x`, `y`).
fn cross(x: f64, y: f64, r: f64) -> String {
    format!(
        r#"<path d="M{:.1},{:.1} L{:.1},{:.1} M{:.1},{:.1} L{:.1},{:.1}" stroke="{CROSS}" stroke-width="2"/>"#,
        x - r,
        y - r,
        x + r,
        y + r,
        x - r,
        y + r,
        x + r,
        y - r
    )
}

/// A five-pointed star centred at (`cx`, `cy`).
fn star(cx: f64, cy: f64, r: f64) -> String {
    let mut points = String::new();
    for k in 0..10 {
        let radius = if k % 2 == 0 { r } else { r * 0.45 };
        let angle = std::f64::consts::PI * (f64::from(k) / 5.0) - std::f64::consts::FRAC_PI_2;
        let _ = write!(
            points,
            "{:.1},{:.1} ",
            cx + radius * angle.cos(),
            cy + radius * angle.sin()
        );
    }
    format!(r#"<polygon points="{}" fill="{STAR}"/>"#, points.trim_end())
}

/// The shapes around a person's dot at (`x`, `y`); a champion's star sits
/// between the dot and the text.
pub(super) fn marks(out: &mut String, n: &Node, x: f64, y: f64, side: usize) {
    if n.single_point {
        out.push_str(&diamond(x, y, 11.0));
        out.push('\n');
    }
    if n.unreachable {
        out.push_str(&cross(x, y, 9.0));
        out.push('\n');
    }
    if n.champion {
        let cx = if side == 0 { x - 12.0 } else { x + 12.0 };
        out.push_str(&star(cx, y - 9.0, 4.5));
        out.push('\n');
    }
}

/// What the colours, symbols, shapes and lines mean, from `top` down.
pub(super) fn legend(out: &mut String, top: f64) {
    let _ = writeln!(
        out,
        r##"<line x1="{MARGIN}" y1="{top}" x2="{:.1}" y2="{top}" stroke="#e0e0e0"/>"##,
        WIDTH - MARGIN
    );
    badges(out, top + 26.0);
    shapes(out, top + 58.0);
}

/// One dot per badge, worst first, with its symbol and meaning.
fn badges(out: &mut String, y: f64) {
    let mut x = MARGIN;
    for badge in Badge::ALL {
        let label = match badge {
            Badge::Reached => "reached through others",
            other => other.label(),
        };
        let _ = writeln!(
            out,
            r#"<circle cx="{:.1}" cy="{:.1}" r="{DOT_R}" fill="{}"/><text x="{:.1}" y="{y:.1}" fill="{INK}">{} {label}</text>"#,
            x + 6.0,
            y - 4.5,
            badge.colour(),
            x + 18.0,
            badge.symbol()
        );
        x += if badge == Badge::Reached {
            200.0
        } else {
            118.0
        };
    }
}

/// The marks' shapes and the ties' widths.
fn shapes(out: &mut String, y: f64) {
    let text =
        |x: f64, words: &str| format!(r#"<text x="{x:.1}" y="{y:.1}" fill="{INK}">{words}</text>"#);
    let mut line = diamond(MARGIN + 8.0, y - 6.0, 9.0);
    line.push_str(&text(
        MARGIN + 26.0,
        "single point: others are cut off if they leave",
    ));
    line.push_str(&cross(MARGIN + 387.0, y - 7.0, 7.0));
    line.push_str(&text(MARGIN + 402.0, "unreachable"));
    line.push_str(&star(MARGIN + 526.0, y - 6.0, 6.5));
    line.push_str(&text(MARGIN + 538.0, "champion"));
    let lx = MARGIN + 650.0;
    for (k, strength) in [0.3, 1.5, 6.0].into_iter().enumerate() {
        let x0 = lx + 40.0 * k as f64;
        let _ = write!(
            line,
            r##"<line x1="{x0:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#607d8b" stroke-opacity="0.7" stroke-width="{:.2}"/>"##,
            y - 6.0,
            x0 + 30.0,
            y - 6.0,
            width(strength)
        );
    }
    line.push_str(&text(lx + 128.0, "live tie; thicker: stronger"));
    out.push_str(&line);
    out.push('\n');
}
