//! What changed between two analyses, in words: "bus factor 1 → 2", "Li Wei
//! is no longer single-threaded", "Marcus Bell's stale tie with Carlos
//! Mendes no longer counts: Carlos Mendes gone".

use crate::analysis::{Move, MoveKind, Risk, RiskChange, RiskFacts, RiskKind};
use crate::model::Partnership;

/// One sentence per change, in the order given. `p_before` and `p_after`
/// are the partnerships the two analyses saw.
pub fn risk_changes(
    p_before: &Partnership,
    p_after: &Partnership,
    changes: &[RiskChange],
) -> Vec<String> {
    changes
        .iter()
        .map(|c| risk_change(p_before, p_after, c))
        .collect()
}

/// One change in words.
pub fn risk_change(p_before: &Partnership, p_after: &Partnership, change: &RiskChange) -> String {
    match change {
        RiskChange::BusFactor { was, now } => format!("bus factor {was} → {now}"),
        RiskChange::Risk {
            risk,
            came,
            because,
        } => {
            let p = if *came { p_after } else { p_before };
            if because.is_empty() {
                sentence(p, risk, *came)
            } else {
                consequence(p, risk, *came, &causes(p_after, because))
            }
        }
        RiskChange::Counted {
            person,
            risks,
            back,
        } => {
            let (p, verb) = if *back {
                (p_after, "count again")
            } else {
                (p_before, "no longer count")
            };
            counted(*risks, &p.people[*person].name, verb)
        }
    }
}

/// "Carlos Mendes gone and Ben Carter left".
fn causes(p_after: &Partnership, moves: &[Move]) -> String {
    let said: Vec<String> = moves
        .iter()
        .map(|m| {
            let how = match m.how {
                MoveKind::Gone => "gone",
                MoveKind::Left => "left",
                MoveKind::Back => "back",
            };
            format!("{} {how}", p_after.people[m.person].name)
        })
        .collect();
    crate::text::join_names(&said)
}

/// "1 risk about Ana Ruiz no longer counts", "3 risks about … count again".
fn counted(n: usize, name: &str, verb: &str) -> String {
    if n == 1 {
        // The verb phrase is plural; its first word takes an s for one risk.
        let verb = verb.replacen("count", "counts", 1);
        format!("1 risk about {name} {verb}")
    } else {
        format!("{n} risks about {name} {verb}")
    }
}

/// The names of the risk's people: "A", "A and B", "A, B and C".
fn others(p: &Partnership, risk: &Risk) -> String {
    let names: Vec<&str> = risk
        .people
        .iter()
        .map(|&j| p.people[j].name.as_str())
        .collect();
    crate::text::join_names(&names)
}

/// A risk taken away by a departure ("… no longer counts: Carlos Mendes
/// gone") or brought back by a return ("… counts again: Carlos Mendes back").
fn consequence(p: &Partnership, risk: &Risk, came: bool, cause: &str) -> String {
    let name = risk.subject_name(p);
    let what = match risk.kind {
        RiskKind::StaleTie => format!("{name}'s stale tie with {}", others(p, risk)),
        kind => format!("the {kind} risk on {name}"),
    };
    let verb = if came {
        "counts again"
    } else {
        "no longer counts"
    };
    format!("{what} {verb}: {cause}")
}

fn sentence(p: &Partnership, risk: &Risk, came: bool) -> String {
    let name = risk.subject_name(p);
    match (risk.facts, came) {
        (RiskFacts::SingleThreaded { .. }, false) => format!("{name} is no longer single-threaded"),
        (RiskFacts::SingleThreaded { .. }, true) => format!("{name} is now single-threaded"),
        (RiskFacts::SinglePoint, false) => format!("{name} is no longer a single point"),
        (RiskFacts::SinglePoint, true) => format!("{name} is now a single point"),
        (RiskFacts::Unreachable { .. }, false) => format!("{name} is reachable again"),
        (RiskFacts::Unreachable { .. }, true) => format!("{name} is now unreachable"),
        (RiskFacts::ExecGap, false) => format!("{name} now has an executive counterpart"),
        (RiskFacts::ExecGap, true) => format!("{name} has no executive counterpart"),
        (RiskFacts::StaleTie { .. }, false) => {
            format!("{name} no longer has a stale tie to renew")
        }
        (RiskFacts::StaleTie { .. }, true) => {
            format!("{name}'s tie with {} went stale", others(p, risk))
        }
        (RiskFacts::NoChampion { .. }, false) => {
            format!("a champion at {} can be reached again", p.names.partner)
        }
        (RiskFacts::NoChampion { .. }, true) => {
            format!("no champion at {} can be reached", p.names.partner)
        }
        // Never listed (the bus factor's own move says it), said all the same.
        (RiskFacts::BusFactor { size, .. }, _) => format!("bus factor {size}"),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::risk_changes;
    use crate::analysis::{Analysis, Move, MoveKind, risk_changes as changes};
    use crate::graph::Scenario;
    use crate::model::{Level, Meeting, Partnership, Person, Side};
    use jiff::civil::date;

    fn meeting(id: &str, day: jiff::civil::Date, who: &[&str]) -> Meeting {
        Meeting {
            id: id.into(),
            date: day,
            title: None,
            attendees: who.iter().map(|s| s.to_string()).collect(),
            notes: None,
            source: None,
            extra: Default::default(),
        }
    }

    fn said(p: &Partnership, before: &Analysis, q: &Partnership, after: &Analysis) -> Vec<String> {
        risk_changes(p, q, &changes(p, before, q, after))
    }

    #[test]
    fn a_second_thread_is_reported_in_words() {
        let mut p = Partnership::default();
        p.people.push(Person::new("ana", "Ana Ruiz", Side::Ours));
        p.people.push(Person::new("sam", "Sam Lee", Side::Ours));
        // Only seniors and above are ever single-threaded (SPEC §5).
        let mut li = Person::new("li", "Li Wei", Side::Partner);
        li.level = Level::Executive;
        let mut wu = Person::new("wu", "Wu Fang", Side::Partner);
        wu.level = Level::Senior;
        p.people.extend([li, wu]);
        let day = date(2026, 11, 24);
        p.meetings
            .push(meeting("m-0001", day, &["ana", "li", "wu"]));
        let s = Scenario::on(day);
        let before = Analysis::run(&p, &s);
        let mut q = p.clone();
        q.meetings
            .push(meeting("m-0002", day, &["sam", "li", "wu"]));
        let after = Analysis::run(&q, &s);
        assert_eq!(
            said(&p, &before, &q, &after),
            [
                "bus factor 1 → 2",
                "Ana Ruiz is no longer a single point",
                "Li Wei is no longer single-threaded",
                "Wu Fang is no longer single-threaded",
            ]
        );
        assert!(changes(&q, &after, &q, &after).is_empty());
    }

    #[test]
    fn a_departure_takes_a_stale_tie_away_and_never_brings_it_to_life() {
        let mut p = Partnership::default();
        p.people
            .push(Person::new("marcus", "Marcus Bell", Side::Ours));
        p.people.push(Person::new("ana", "Ana Ruiz", Side::Ours));
        p.people
            .push(Person::new("carlos", "Carlos Mendes", Side::Partner));
        let day = date(2026, 11, 24);
        p.meetings
            .push(meeting("m-0001", date(2026, 5, 1), &["marcus", "carlos"]));
        p.meetings.push(meeting("m-0002", day, &["ana", "carlos"]));
        let now = Scenario::on(day);
        let before = Analysis::run(&p, &now);
        // Carlos is covered by Ana alone and has a stale tie with Marcus:
        // a stale-tie risk on Carlos. Marcus gone takes it away.
        let what_if = Scenario {
            as_of: day,
            gone: vec![0],
        };
        let after = Analysis::run(&p, &what_if);
        let gone = said(&p, &before, &p, &after).join("; ");
        assert!(
            gone.contains(
                "Carlos Mendes's stale tie with Marcus Bell no longer counts: Marcus Bell gone"
            ),
            "{gone}"
        );
        assert!(!gone.contains("live again"), "{gone}");
        let back = said(&p, &after, &p, &before).join("; ");
        assert!(
            back.contains(
                "Carlos Mendes's stale tie with Marcus Bell counts again: Marcus Bell back"
            ),
            "{back}"
        );
        assert!(!back.contains("went stale"), "{back}");
        // Two causes are joined with "and" (SPEC §7).
        let moves = [
            Move {
                person: 0,
                how: MoveKind::Gone,
            },
            Move {
                person: 1,
                how: MoveKind::Left,
            },
        ];
        assert_eq!(
            super::causes(&p, &moves),
            "Marcus Bell gone and Ana Ruiz left"
        );
    }

    #[test]
    fn reaching_someone_says_the_good_news_before_the_lesser_risk_that_came() {
        // Victor is unreachable (critical); one meeting makes him reachable
        // through Ana alone: single-threaded (high) comes, and the better
        // news must be said too.
        let mut p = Partnership::default();
        p.people.push(Person::new("ana", "Ana Ruiz", Side::Ours));
        let mut victor = Person::new("victor", "Victor Lindqvist", Side::Partner);
        victor.level = Level::Executive;
        p.people.push(victor);
        let day = date(2026, 11, 24);
        let s = Scenario::on(day);
        let before = Analysis::run(&p, &s);
        let mut q = p.clone();
        q.meetings.push(meeting("m-0001", day, &["ana", "victor"]));
        let after = Analysis::run(&q, &s);
        let told = said(&p, &before, &q, &after);
        let reached = told
            .iter()
            .position(|t| t == "Victor Lindqvist is reachable again");
        let single = told
            .iter()
            .position(|t| t == "Victor Lindqvist is now single-threaded");
        assert!(reached.is_some() && single.is_some(), "{told:?}");
        assert!(reached < single, "the worse risk gone first: {told:?}");
        // The other way round, only the worse news: Victor's one tie goes.
        let back = said(&q, &after, &p, &before);
        assert!(
            back.contains(&"Victor Lindqvist is now unreachable".to_string()),
            "{back:?}"
        );
        assert!(
            !back.iter().any(|t| t.contains("no longer single-threaded")),
            "{back:?}"
        );
    }
}
