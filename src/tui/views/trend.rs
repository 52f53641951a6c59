//! The header's sparkline (SPEC §7, §9): the risk score on each of the last
//! twelve months' last days and today, as `trend` computes it, for the file
//! as saved (the real history: a what-if does not rewrite it). Computed on
//! a worker of its own whenever the file or the day changes.

use super::background::Copy;
use crate::analysis::{Every, TrendRow, trend, trend_days, year_before};
use crate::tui::app::App;
use crate::tui::event::Event;
use crate::tui::task::Worker;
use crate::tui::theme::Theme;
use jiff::civil::Date;
use ratatui::text::Span;
use std::sync::mpsc::Sender;

/// What a trend was computed for: the file as saved and the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrendFor {
    version: u64,
    as_of: Date,
}

impl TrendFor {
    fn of(app: &App) -> TrendFor {
        TrendFor {
            version: app.version,
            as_of: app.as_of,
        }
    }
}

/// The sparkline's state.
pub struct TrendView {
    /// The last trend computed, and what for.
    pub rows: Option<(TrendFor, Vec<TrendRow>)>,
    running: Option<TrendFor>,
    worker: Worker,
}

impl TrendView {
    pub fn new(tx: Sender<Event>) -> TrendView {
        TrendView {
            rows: None,
            running: None,
            worker: Worker::own(tx),
        }
    }

    pub fn running(&self) -> bool {
        self.running.is_some()
    }

    pub fn progress(&self) -> Option<String> {
        self.running
            .map(|_| "Computing the risk score's last twelve months".to_string())
    }
}

/// Whether the trend should start now: none for the current state is there
/// or on its way.
pub fn due(app: &App) -> Option<TrendFor> {
    let now = TrendFor::of(app);
    let have = app.trend.rows.as_ref().is_some_and(|(f, _)| *f == now);
    (!have && app.trend.running != Some(now)).then_some(now)
}

/// Starts the twelve months' trend on the trend's worker.
pub fn start(app: &mut App, made_for: TrendFor, copy: Copy) {
    if super::background::at_once(&copy) {
        let days = trend_days(year_before(made_for.as_of), made_for.as_of, Every::Month);
        app.trend.running = None;
        app.trend.rows = Some((made_for, trend(&copy, &days)));
        return;
    }
    app.trend.running = Some(made_for);
    app.trend.worker.start(move || {
        let days = trend_days(year_before(made_for.as_of), made_for.as_of, Every::Month);
        let rows = trend(&copy, &days);
        Box::new(move |app: &mut App| {
            if app.trend.running == Some(made_for) {
                app.trend.running = None;
            }
            app.trend.rows = Some((made_for, rows));
        })
    });
}

/// Eight heights, lowest first.
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The scores as bars from the lowest to the highest (all the same: the
/// middle height).
pub fn sparkline(scores: &[u32]) -> String {
    let (Some(&low), Some(&high)) = (scores.iter().min(), scores.iter().max()) else {
        return String::new();
    };
    scores
        .iter()
        .map(|&s| {
            if high == low {
                BARS[3]
            } else {
                let step =
                    (u64::from(s - low) * 7 + u64::from(high - low) / 2) / u64::from(high - low);
                BARS[step.min(7) as usize]
            }
        })
        .collect()
}

/// The header's sparkline as a span, when the trend for the file as saved
/// is known (the one before a change stays until the new one arrives).
pub fn span(app: &App, theme: Theme) -> Option<Span<'static>> {
    let (_, rows) = app.trend.rows.as_ref()?;
    let scores: Vec<u32> = rows.iter().map(|r| r.risk_score).collect();
    Some(Span::styled(sparkline(&scores), theme.dim()))
}

#[cfg(test)]
mod tests {
    use super::sparkline;

    #[test]
    fn bars_run_from_the_lowest_score_to_the_highest() {
        assert_eq!(sparkline(&[0, 7, 14]), "▁▅█");
        assert_eq!(sparkline(&[149, 149]), "▄▄");
        assert_eq!(sparkline(&[10, 20, 15, 10]), "▁█▅▁");
        assert_eq!(sparkline(&[]), "");
    }
}
