//! The map view: our people in a band on the left, partner people on the
//! right, ties drawn between them (stale ones dotted), single points and
//! unreachable people marked, the selected person's ties emphasised. When a
//! side has more people than rows, only the selected person's two-hop
//! neighbourhood is drawn.

use crate::model::Side;
use crate::text::printable;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Color;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::widgets::canvas::{Canvas, Line as Segment, Points};
use std::collections::{HashMap, VecDeque};

/// Width of the canvas in its own units; ties attach at 0 and at `SPAN`.
const SPAN: f64 = 100.0;
/// How far a tie between two colleagues bows into the band, per row
/// between them, and at most.
const BOW_PER_ROW: f64 = 1.5;
const MAX_BOW: f64 = 30.0;

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let [map, legend] = Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
    let height = map.height.saturating_sub(2) as usize;
    let (ours, partner, whole) = shown(app, height);
    let filter = app.people.filter.value().trim();
    let title = match (whole, filter.is_empty()) {
        (true, true) => " Map · every active person ".to_string(),
        (true, false) => format!(
            " Map · the people matching /{} (Esc in the people view clears it) ",
            crate::text::printable(filter)
        ),
        (false, _) => " Map · two-hop neighbourhood of the selected person (too many to draw all) "
            .to_string(),
    };
    let block = theme.panel(title, true);
    let inner = block.inner(map);
    frame.render_widget(block, map);
    let label_w = (inner.width / 3).min(28);
    let [left, band, right] = Layout::horizontal([
        Constraint::Length(label_w),
        Constraint::Min(4),
        Constraint::Length(label_w),
    ])
    .areas(inner);
    labels(app, frame, left, &ours, Side::Ours, theme);
    labels(app, frame, right, &partner, Side::Partner, theme);
    edges(app, frame, band, &ours, &partner, theme);
    let legend_text = Line::from(vec![
        Span::styled("⠒⠒ live tie  ", theme.dim()),
        Span::styled("⠂⠂ stale (selected's)  ", theme.dim()),
        Span::styled("◆ single point  ", theme.dim()),
        Span::styled("✗ unreachable  ", theme.dim()),
        Span::styled("† gone  ", theme.dim()),
        Span::styled("● tied to the selected", theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(legend_text), legend);
}

/// The people drawn on each side, top to bottom, and whether that is everyone.
fn shown(app: &App, height: usize) -> (Vec<usize>, Vec<usize>, bool) {
    let visible = |i: &usize| app.analysis.live.active[*i] || app.gone.contains(i);
    let ours: Vec<usize> = app
        .people
        .rows_ours
        .iter()
        .copied()
        .filter(visible)
        .collect();
    let partner: Vec<usize> = app
        .people
        .rows_partner
        .iter()
        .copied()
        .filter(visible)
        .collect();
    if ours.len() <= height && partner.len() <= height {
        return (ours, partner, true);
    }
    // Too many: the selected person and whoever is within two ties of them,
    // nearest first, as many as fit on each side.
    let Some(start) = app.selected() else {
        return (
            ours.into_iter().take(height).collect(),
            partner.into_iter().take(height).collect(),
            false,
        );
    };
    let live = &app.analysis.live;
    let p = app.partnership();
    let mut hops: HashMap<usize, u8> = HashMap::from([(start, 0)]);
    let mut queue = VecDeque::from([start]);
    let (mut near_ours, mut near_partner) = (Vec::new(), Vec::new());
    while let Some(v) = queue.pop_front() {
        let list = match p.people[v].side {
            Side::Ours => &mut near_ours,
            Side::Partner => &mut near_partner,
        };
        if list.len() < height {
            list.push(v);
        }
        let hop = hops[&v];
        if hop == 2 {
            continue;
        }
        for &t in &live.ties_of[v] {
            let w = live.ties[t].other(v);
            if let std::collections::hash_map::Entry::Vacant(e) = hops.entry(w) {
                e.insert(hop + 1);
                queue.push_back(w);
            }
        }
    }
    // Keep the columns' order so the map reads like the people view.
    let order = |rows: &[usize], near: &[usize]| -> Vec<usize> {
        rows.iter().copied().filter(|i| near.contains(i)).collect()
    };
    (
        order(&ours, &near_ours),
        order(&partner, &near_partner),
        false,
    )
}

/// The row each of `count` people sits on in `height` rows: spread evenly.
fn row_of(k: usize, count: usize, height: usize) -> usize {
    if count == 0 {
        0
    } else {
        k * height / count.max(1)
    }
}

fn labels(app: &App, frame: &mut Frame, area: Rect, people: &[usize], side: Side, theme: Theme) {
    let selected = app.selected();
    let links = super::people::links_of(app, selected);
    let width = area.width as usize;
    let a = &app.analysis;
    let height = area.height as usize;
    let mut lines: Vec<Line> = vec![Line::raw(""); height];
    for (k, &i) in people.iter().enumerate() {
        let row = row_of(k, people.len(), height);
        let line = {
            let mut marks = String::new();
            if app.gone.contains(&i) {
                marks.push('†');
            }
            if a.exposure.get(i).is_some_and(|e| !e.is_empty()) {
                marks.push('◆');
            }
            if a.live.active[i]
                && app.partnership().people[i].side == Side::Partner
                && !a.dependency.reachable[i]
            {
                marks.push('✗');
            }
            let link = match links[i] {
                super::people::Link::Live => "●",
                super::people::Link::Stale => "○",
                super::people::Link::None => " ",
            };
            let name = printable(&app.partnership().people[i].name);
            let text_w = width.saturating_sub(crate::text::width(&marks) + 3);
            let text = match side {
                Side::Ours => format!("{} {marks}{link}", crate::text::fit_right(&name, text_w)),
                Side::Partner => format!("{link}{marks} {}", crate::text::fit(&name, text_w)),
            };
            let style = if Some(i) == selected {
                theme.selected()
            } else if links[i] == super::people::Link::Live {
                theme.accent()
            } else if let Some(s) = app.worst.get(i).copied().flatten() {
                theme.severity(s)
            } else {
                ratatui::style::Style::new()
            };
            Line::styled(text, style)
        };
        if let Some(slot) = lines.get_mut(row) {
            *slot = line;
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn edges(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    ours: &[usize],
    partner: &[usize],
    theme: Theme,
) {
    let height = area.height as f64;
    let rows = area.height as usize;
    let row_y = |k: usize, n: usize| height - row_of(k, n, rows) as f64 - 0.5;
    let mut at: HashMap<usize, (f64, f64)> = HashMap::new();
    for (k, &i) in ours.iter().enumerate() {
        at.insert(i, (0.0, row_y(k, ours.len())));
    }
    for (k, &i) in partner.iter().enumerate() {
        at.insert(i, (SPAN, row_y(k, partner.len())));
    }
    let selected = app.selected();
    let live = &app.analysis.live;
    // The ties between people drawn, in the graph's order: found from the
    // drawn people's own ties, not by reading every tie of the graph.
    let mut drawn: Vec<usize> = at
        .keys()
        .filter_map(|&i| live.ties_of.get(i))
        .flatten()
        .copied()
        .filter(|&t| {
            let tie = &live.ties[t];
            at.contains_key(&tie.a) && at.contains_key(&tie.b)
        })
        .collect();
    drawn.sort_unstable();
    drawn.dedup();
    let canvas = Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([0.0, SPAN])
        .y_bounds([0.0, height])
        .paint(|ctx| {
            // Draw the faint ties first so the selected person's lie on top.
            let mut near = Vec::new();
            for tie in drawn.iter().map(|&t| &live.ties[t]) {
                let (Some(&a), Some(&b)) = (at.get(&tie.a), at.get(&tie.b)) else {
                    continue;
                };
                let touches = selected.is_some_and(|s| s == tie.a || s == tie.b);
                if touches {
                    near.push((a, b, tie.live));
                } else if tie.live {
                    // Stale ties are drawn for the selected person only:
                    // all of them at once are noise.
                    draw_tie(ctx, a, b, true, theme.live_tie());
                }
            }
            for (a, b, is_live) in near {
                let color = if is_live {
                    theme.near_tie()
                } else {
                    theme.stale_tie()
                };
                draw_tie(ctx, a, b, is_live, color);
            }
        });
    frame.render_widget(canvas, area);
}

fn draw_tie(
    ctx: &mut ratatui::widgets::canvas::Context,
    a: (f64, f64),
    b: (f64, f64),
    live: bool,
    color: Color,
) {
    // Two colleagues: a bow on their own side of the band.
    let via = if a.0 == b.0 {
        // Farther apart, deeper bow: a bundle of colleagues' ties spreads out.
        let depth = ((a.1 - b.1).abs() * BOW_PER_ROW).clamp(2.0, MAX_BOW);
        let bow = if a.0 == 0.0 { depth } else { SPAN - depth };
        Some((bow, (a.1 + b.1) / 2.0))
    } else {
        None
    };
    let legs: Vec<((f64, f64), (f64, f64))> = match via {
        Some(m) => vec![(a, m), (m, b)],
        None => vec![(a, b)],
    };
    for (from, to) in legs {
        if live {
            ctx.draw(&Segment {
                x1: from.0,
                y1: from.1,
                x2: to.0,
                y2: to.1,
                color,
            });
        } else {
            // Dotted: a point every few units along the segment.
            let steps = (((to.0 - from.0).abs() + (to.1 - from.1).abs() * 8.0) / 3.0)
                .ceil()
                .max(1.0) as usize;
            let coords: Vec<(f64, f64)> = (0..=steps)
                .step_by(2)
                .map(|k| {
                    let t = k as f64 / steps as f64;
                    (from.0 + (to.0 - from.0) * t, from.1 + (to.1 - from.1) * t)
                })
                .collect();
            ctx.draw(&Points {
                coords: &coords,
                color,
            });
        }
    }
}
