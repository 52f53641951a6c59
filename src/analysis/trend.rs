//! The trend (SPEC §9): the partnership as it stood on a series of days,
//! each row exactly what `risks --as-of` that day finds (the file as it is
//! now, read as of that day).

use super::{Parts, parts};
use crate::date::add_days;
use crate::graph::{Indexed, Scenario};
use crate::model::{Headcount, Partnership};
use jiff::civil::Date;

/// How far apart the rows are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Every {
    /// Each Sunday.
    Week,
    /// The last day of each month.
    Month,
}

impl Every {
    pub fn as_str(self) -> &'static str {
        match self {
            Every::Week => "week",
            Every::Month => "month",
        }
    }
}

/// The partnership on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrendRow {
    pub date: Date,
    pub risk_score: u32,
    pub bus_factor: usize,
    /// Risks by severity, critical first.
    pub counts: [usize; 4],
    /// Active partner people.
    pub partner_people: usize,
    /// Active partner people with a path from our organisation.
    pub reachable: usize,
    /// Live ties between active people.
    pub live_ties: usize,
}

/// The default start of a trend ending on `to`: the same day twelve months
/// before, or the last day of that month when it has no such day.
pub fn year_before(to: Date) -> Date {
    let year = to.year().saturating_sub(1);
    let first = Date::new(year, to.month(), 1).unwrap_or(to);
    let day = to.day().min(first.days_in_month());
    Date::new(year, to.month(), day).unwrap_or(first)
}

/// The days of a trend from `from` to `to` (both included): the last day
/// of each month (or each Sunday) in the range, then `to` itself, once,
/// in date order. Empty when `from` is after `to`.
pub fn days(from: Date, to: Date, every: Every) -> Vec<Date> {
    let mut out = Vec::new();
    if from > to {
        return out;
    }
    let mut day = match every {
        Every::Month => from.last_of_month(),
        Every::Week => {
            let ahead = (7 - i64::from(from.weekday().to_sunday_zero_offset())) % 7;
            add_days(from, ahead)
        }
    };
    while day < to {
        out.push(day);
        let next = match every {
            Every::Month => add_days(day, 1).last_of_month(),
            Every::Week => add_days(day, 7),
        };
        if next <= day {
            break;
        }
        day = next;
    }
    out.push(to);
    out
}

/// One row: the whole analysis as of `day`, with nobody imagined gone.
pub fn row(p: &Partnership, day: Date) -> TrendRow {
    row_indexed(p, day, &Indexed::of(p))
}

fn row_indexed(p: &Partnership, day: Date, indexed: &Indexed) -> TrendRow {
    let Parts {
        live,
        dependency,
        risks,
        ..
    } = parts(p, &Scenario::on(day), indexed);
    let mut counts = [0; 4];
    for risk in &risks.risks {
        counts[risk.severity as usize] += 1;
    }
    let partner: Vec<usize> = (0..p.people.len())
        .filter(|&i| live.active[i] && p.people[i].side == crate::model::Side::Partner)
        .collect();
    TrendRow {
        date: day,
        risk_score: risks.risk_score(),
        bus_factor: risks.bus_factor.size,
        counts,
        partner_people: Headcount::of(p, &live.active).partner,
        reachable: partner.iter().filter(|&&i| dependency.reachable[i]).count(),
        live_ties: live.live_tie_count(),
    }
}

/// One row per day, in the order given; the days are analysed on as many
/// threads as the machine has cores (each day is independent).
pub fn trend(p: &Partnership, days: &[Date]) -> Vec<TrendRow> {
    let indexed = &Indexed::of(p);
    let row = |p: &Partnership, d: Date| row_indexed(p, d, indexed);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, days.len().max(1));
    if threads == 1 {
        return days.iter().map(|&d| row(p, d)).collect();
    }
    let chunk = days.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = days
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(|&d| row(p, d)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            // A row never panics; if one did, its days are analysed here.
            .zip(days.chunks(chunk))
            .flat_map(|(h, part)| {
                h.join()
                    .unwrap_or_else(|_| part.iter().map(|&d| row(p, d)).collect())
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn month_ends_then_the_last_day_once() {
        let d = days(date(2025, 11, 23), date(2026, 2, 28), Every::Month);
        assert_eq!(
            d,
            [
                date(2025, 11, 30),
                date(2025, 12, 31),
                date(2026, 1, 31),
                date(2026, 2, 28)
            ]
        );
        let d = days(date(2026, 1, 31), date(2026, 3, 2), Every::Month);
        assert_eq!(d, [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 2)]);
    }

    #[test]
    fn sundays_then_the_last_day() {
        // 2026-11-23 is a Monday; 2026-11-29 and 2026-12-06 are Sundays.
        let d = days(date(2026, 11, 23), date(2026, 12, 8), Every::Week);
        assert_eq!(
            d,
            [date(2026, 11, 29), date(2026, 12, 6), date(2026, 12, 8)]
        );
        let d = days(date(2026, 11, 29), date(2026, 12, 6), Every::Week);
        assert_eq!(d, [date(2026, 11, 29), date(2026, 12, 6)]);
    }

    #[test]
    fn one_day_and_a_reversed_range() {
        assert_eq!(
            days(date(2026, 5, 31), date(2026, 5, 31), Every::Month),
            [date(2026, 5, 31)]
        );
        assert!(days(date(2026, 6, 1), date(2026, 5, 31), Every::Week).is_empty());
    }

    #[test]
    fn a_year_before_keeps_the_day_or_takes_the_months_last() {
        assert_eq!(year_before(date(2026, 11, 23)), date(2025, 11, 23));
        assert_eq!(year_before(date(2028, 2, 29)), date(2027, 2, 28));
        assert_eq!(year_before(date(2026, 12, 31)), date(2025, 12, 31));
    }
}
