//! Names that are wider or narrower than their characters (CJK, emoji, a
//! zero-width joiner, a combining accent) in every view of the terminal UI:
//! whole-frame snapshots at 80×24 and 120×40, every row exactly as wide as
//! the frame, nothing drawn over half of a wide character, and the columns
//! of the people lists in line (SPEC §7, "Words and widths").
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::{Date, date};
use partnermap::text::width;
use partnermap::tui::app::App;
use partnermap::tui::testing::{self as ui, keys, select};
use partnermap::tui::{self};
use ratatui::buffer::Buffer;

const AS_OF: Date = date(2026, 11, 24);

/// The wide names: two people on our side, four at the partner, and one
/// plain name on each side to line the others up against.
const WIDE: &str = r#"{
  "schema": 1,
  "partnership": {"name": "北风 × 🐉 Contoso", "ours": "北风", "partner": "🐉 Contoso"},
  "people": [
    {"id": "ana", "name": "Ana Ruiz", "side": "ours", "title": "VP Alliances", "level": "executive"},
    {"id": "wang", "name": "王小明李四张三", "side": "ours", "title": "销售总监", "level": "manager"},
    {"id": "zoe", "name": "Zoë", "side": "ours", "title": "Engineer", "level": "staff"},
    {"id": "li", "name": "Li Wei", "side": "partner", "title": "CFO", "level": "executive"},
    {"id": "dragon", "name": "🐉🐉 Dragon", "side": "partner", "title": "首席技术官 CTO", "level": "executive", "key": true},
    {"id": "grace", "name": "👩‍💻 Grace", "side": "partner", "title": "Staff engineer", "level": "senior"},
    {"id": "rene", "name": "e\u0301", "side": "partner", "title": "Designer", "level": "staff"}
  ],
  "ties": [
    {"a": "wang", "b": "dragon", "last_contact": "2026-05-01"}
  ],
  "meetings": [
    {"id": "m-0001", "date": "2026-11-03", "title": "QBR 季度", "attendees": ["ana", "li", "dragon"]},
    {"id": "m-0002", "date": "2026-11-10", "attendees": ["wang", "grace"]},
    {"id": "m-0003", "date": "2026-11-12", "attendees": ["grace", "rene"]},
    {"id": "m-0004", "date": "2026-10-01", "attendees": ["zoe", "dragon"]}
  ]
}"#;

fn open_wide() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wide.json");
    std::fs::write(&path, WIDE).unwrap();
    let app = tui::open(path, AS_OF, false).unwrap();
    (dir, app)
}

/// The frame as drawn, before it is sent to the terminal: what the UI
/// means to show. (The terminal is sent only what changed, and skips the
/// cell after a wide character, which would hide a border drawn there.)
fn frame(app: &App, w: u16, h: u16) -> Buffer {
    ui::buffer(app, w, h)
}

/// Each row as a terminal shows it: every cell's symbol, except the cells
/// that a wide symbol to their left covers. Panics when such a covered
/// cell holds anything but a blank: something was drawn over half of a
/// wide character.
fn rows(buffer: &Buffer) -> Vec<String> {
    let w = buffer.area.width as usize;
    buffer
        .content
        .chunks(w)
        .enumerate()
        .map(|(y, cells)| {
            let mut row = String::new();
            let mut covered = 0;
            for (x, cell) in cells.iter().enumerate() {
                if covered > 0 {
                    assert_eq!(
                        cell.symbol(),
                        " ",
                        "row {y}, column {x}: drawn over a wide character"
                    );
                    covered -= 1;
                    continue;
                }
                row.push_str(cell.symbol());
                covered = width(cell.symbol()).saturating_sub(1);
            }
            row
        })
        .collect()
}

/// The display column at which `needle` starts in `row`.
fn column_of(row: &str, needle: &str) -> Option<usize> {
    row.find(needle).map(|at| width(&row[..at]))
}

/// Checks a frame and returns it as text for a snapshot.
fn checked(app: &App, w: u16, h: u16) -> String {
    let rows = rows(&frame(app, w, h));
    for (y, row) in rows.iter().enumerate() {
        assert_eq!(
            width(row),
            w as usize,
            "row {y} is not {w} columns: {row:?}"
        );
    }
    rows.join("\n")
}

/// In each people list, the level column ends at the same column on every
/// row, whatever the width of the name before it.
fn levels_line_up(text: &str, rows: &[(&str, &str)]) {
    let lines: Vec<&str> = text.lines().collect();
    let mut ends = Vec::new();
    for (name, level) in rows {
        // The list row: the name, then its level (the detail pane and the
        // map show names without one).
        let found = lines.iter().find_map(|line| {
            let at = line.find(name)?;
            let rest = &line[at..];
            let to = column_of(rest, &format!(" {level}"))?;
            Some(width(&line[..at]) + to + 1 + level.len())
        });
        ends.push(found.unwrap_or_else(|| panic!("{name} ({level}) not in a list:\n{text}")));
    }
    assert!(
        ends.windows(2).all(|w| w[0] == w[1]),
        "level columns end at {ends:?}:\n{text}"
    );
}

#[test]
fn wide_names_in_the_people_view() {
    let (_dir, mut app) = open_wide();
    select(&mut app, "dragon");
    let big = checked(&app, 120, 40);
    levels_line_up(
        &big,
        &[
            ("Ana Ruiz", "exec"),
            ("王小明李四", "mgr"),
            ("Zoë", "staff"),
        ],
    );
    levels_line_up(
        &big,
        &[
            ("Li Wei", "exec"),
            ("🐉🐉 Dragon", "exec"),
            ("👩‍💻 Grace", "snr"),
            ("e\u{301} ", "staff"),
        ],
    );
    insta::assert_snapshot!("wide_people_120x40", big);
    let small = checked(&app, 80, 24);
    levels_line_up(
        &small,
        &[("Ana Ruiz", "exec"), ("王小明", "mgr"), ("Zoë", "staff")],
    );
    insta::assert_snapshot!("wide_people_80x24", small);
}

#[test]
fn wide_names_in_the_detail_pane_keep_the_strength_bars_in_line() {
    let (_dir, mut app) = open_wide();
    select(&mut app, "dragon");
    let text = checked(&app, 120, 40);
    // Each tie row: the name is cut or padded to the same width, so the
    // strength bars start at one column.
    let bars: Vec<usize> = text
        .lines()
        .filter(|l| l.contains('▰') || l.contains('▱'))
        .map(|l| column_of(l, "▰").or_else(|| column_of(l, "▱")).unwrap())
        .collect();
    assert!(bars.len() >= 3, "{text}");
    assert!(
        bars.windows(2).all(|w| w[0] == w[1]),
        "bars at {bars:?}:\n{text}"
    );
}

#[test]
fn wide_names_in_the_risks_and_map_views() {
    let (_dir, mut app) = open_wide();
    select(&mut app, "grace");
    keys(&mut app, "2");
    insta::assert_snapshot!("wide_risks_120x40", checked(&app, 120, 40));
    insta::assert_snapshot!("wide_risks_80x24", checked(&app, 80, 24));
    keys(&mut app, "3");
    insta::assert_snapshot!("wide_map_120x40", checked(&app, 120, 40));
    insta::assert_snapshot!("wide_map_80x24", checked(&app, 80, 24));
}

#[test]
fn bidirectional_controls_in_a_name_are_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bidi.json");
    let text = WIDE.replace("Li Wei", "Li \\u202eieW\\u2066");
    std::fs::write(&path, text).unwrap();
    let mut app = tui::open(path, AS_OF, false).unwrap();
    select(&mut app, "li");
    for view in ["1", "2", "3"] {
        keys(&mut app, view);
        let shown = checked(&app, 120, 40);
        assert!(!shown.contains(['\u{202e}', '\u{2066}']), "{shown}");
        assert!(shown.contains("Li \\u{202e}ieW"), "view {view}: {shown}");
    }
}

#[test]
fn depends_on_says_that_any_one_departure_is_enough() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.json");
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/data/demo.json");
    std::fs::copy(demo, &path).unwrap();
    let mut app = tui::open(path, AS_OF, false).unwrap();
    select(&mut app, "sofia");
    // Unwrapped, the detail pane's lines are easier to read whole.
    let text: String = checked(&app, 120, 40)
        .lines()
        .filter_map(|l| l.split('│').nth(5))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains(
            "Sofia Rossi is cut off from Northwind if any one of Dmitri Volkov, Hana Sato or Rosa Alvarez leaves: all 3 are needed."
        ),
        "{text}"
    );
    assert!(!text.contains("If Dmitri Volkov, Hana Sato"), "{text}");
}

#[test]
fn a_form_drawn_over_wide_names_never_cuts_one_in_half() {
    // The form's box starts or ends in the middle of a CJK or emoji name in
    // the columns under it: what is left of that character is blanked, so
    // the terminal cannot draw it across the border (a terminal that is
    // sent only the changed cells keeps the wide character and loses the
    // border's corner).
    for (w, h) in [(80, 24), (120, 40), (81, 24), (99, 30)] {
        for id in ["wang", "dragon", "grace"] {
            let (_dir, mut app) = open_wide();
            select(&mut app, id);
            keys(&mut app, "m");
            checked(&app, w, h);
            keys(&mut app, "e");
            checked(&app, w, h);
        }
    }
}
