//! How far an overlay (help, the message log, the import preview) is
//! scrolled. The last row it can reach is known only once it is drawn
//! (wrapping depends on the width), so drawing records it and the keys
//! stop there: pressing ↓ past the end and then ↑ moves at once.

use std::cell::Cell;

/// A scroll position, kept within what the last frame could show.
#[derive(Debug)]
pub struct Scrolled {
    at: u16,
    /// The first row of the last screenful, as of the last frame.
    last: Cell<u16>,
}

impl Default for Scrolled {
    fn default() -> Self {
        // Until the first frame the end is unknown: drawing clamps.
        Scrolled {
            at: 0,
            last: Cell::new(u16::MAX / 2),
        }
    }
}

impl Scrolled {
    /// Moves by `delta` rows, never before the first nor past the last
    /// screenful.
    pub fn by(&mut self, delta: isize) {
        let last = self.last.get() as isize;
        self.at = (self.at as isize + delta).clamp(0, last) as u16;
    }

    /// For drawing `total` rows in `room` rows: the first row to show.
    pub fn fit(&self, total: u16, room: u16) -> u16 {
        let last = total.saturating_sub(room);
        self.last.set(last);
        self.at.min(last)
    }

    /// Whether rows are hidden below, for a "↓ more" mark (after `fit`).
    pub fn more_below(&self, total: u16, room: u16) -> bool {
        self.at.min(self.last.get()) + room < total
    }
}

#[cfg(test)]
mod tests {
    use super::Scrolled;

    #[test]
    fn stops_at_the_last_screenful_once_drawn() {
        let mut s = Scrolled::default();
        assert_eq!(s.fit(30, 10), 0);
        s.by(100);
        assert_eq!(s.fit(30, 10), 20);
        assert!(!s.more_below(30, 10));
        s.by(-1);
        assert_eq!(s.fit(30, 10), 19, "one ↑ after the end moves one row");
        assert!(s.more_below(30, 10));
        s.by(-100);
        assert_eq!(s.fit(30, 10), 0);
    }

    #[test]
    fn a_taller_box_shows_everything() {
        let mut s = Scrolled::default();
        s.by(5);
        assert_eq!(s.fit(8, 10), 0);
        assert!(!s.more_below(8, 10));
    }
}
