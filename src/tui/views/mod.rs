//! The main screen's views, one file each: people (with the detail pane),
//! risks, map, plan and coverage grid; `trend.rs` is the header's
//! sparkline and `background.rs` starts the views' own background work.

pub mod background;
pub mod detail;
pub mod grid;
pub mod map;
pub mod people;
pub mod plan;
pub mod risks;
mod rows;
pub mod trend;

/// A list's cursor and how far it is scrolled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Moves by `delta` rows within `len` rows.
    pub fn step(&mut self, delta: isize, len: usize) {
        if len == 0 {
            self.selected = 0;
            return;
        }
        let last = len - 1;
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Keeps the selection in view of a window `height` rows tall.
    pub fn scroll_into_view(&mut self, height: usize) {
        if height == 0 {
            return;
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
    }
}
