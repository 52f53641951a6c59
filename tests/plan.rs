//! The plan (SPEC §8), the trend (§9) and the coverage grid (§10) on small
//! partnerships computed by hand: every figure below is worked out in the
//! comments from SPEC §5's weights.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::Date;
use partnermap::analysis::{Analysis, Every, Reach, RiskKind, Severity, grid, trend, trend_days};
use partnermap::date::add_days;
use partnermap::graph::Scenario;
use partnermap::model::{Level, Meeting, Partnership, Person, Side, Stance, Tie};
use partnermap::plan::{Action, plan};

const AS_OF: Date = Date::constant(2026, 6, 15);

fn partnership() -> Partnership {
    let mut p = Partnership::default();
    p.names.name = "Us × Them".into();
    p.names.ours = "Us".into();
    p.names.partner = "Them".into();
    p
}

fn person(p: &mut Partnership, id: &str, side: Side, level: Level) {
    let mut person = Person::new(id, format!("Name {id}"), side);
    person.level = level;
    p.people.push(person);
}

fn meeting(p: &mut Partnership, days_ago: i64, with: &[&str]) {
    let id = format!("m-{}", p.meetings.len() + 1);
    p.meetings.push(Meeting {
        id,
        date: add_days(AS_OF, -days_ago),
        title: None,
        attendees: with.iter().map(|s| s.to_string()).collect(),
        notes: None,
        source: None,
        extra: Default::default(),
    });
}

fn ids(p: &Partnership, people: &[usize]) -> Vec<String> {
    people.iter().map(|&i| p.people[i].id.clone()).collect()
}

fn kinds(
    p: &Partnership,
    risks: &[partnermap::analysis::Risk],
) -> Vec<(RiskKind, String, Severity)> {
    risks
        .iter()
        .map(|r| (r.kind, r.subject_id(p).to_string(), r.severity))
        .collect()
}

/// Our executive `a` and staff `b`; their executive `x`, whom nobody reaches.
fn one_unreachable_executive() -> Partnership {
    let mut p = partnership();
    person(&mut p, "a", Side::Ours, Level::Executive);
    person(&mut p, "b", Side::Ours, Level::Staff);
    person(&mut p, "x", Side::Partner, Level::Executive);
    p
}

#[test]
fn reaching_an_unreachable_executive_takes_two_meetings() {
    let p = one_unreachable_executive();
    let plan = plan(&p, &Scenario::on(AS_OF), 10);
    // Before: bus-factor 0 (27), no-champion (9), x unreachable (3 × 9 =
    // 27), x's exec gap (3): 66, critical 2, high 1, medium 1.
    assert_eq!(plan.before.risk_score, 66);
    assert_eq!(plan.before.bus_factor, 0);
    assert_eq!(plan.before.counts, [2, 1, 1, 0]);
    assert_eq!(plan.steps.len(), 2);

    // Step 1: a meets x. Bus factor 1 (18), no-champion (9), a is the
    // single point to x (9), x single-threaded (9); the exec gap is closed
    // by a, an executive: 45. Through b instead it would stay open: 48.
    let one = &plan.steps[0];
    assert_eq!(
        (ids(&p, &[one.ours, one.partner]), one.action),
        (vec!["a".to_string(), "x".into()], Action::Introduce)
    );
    assert_eq!((one.after.risk_score, one.after.bus_factor), (45, 1));
    assert_eq!(one.via, None, "nobody has a live tie to x");
    assert_eq!(one.last_contact, None);
    assert_eq!(
        kinds(&p, &one.removes),
        [
            (
                RiskKind::BusFactor,
                "partnership".into(),
                Severity::Critical
            ),
            (RiskKind::Unreachable, "x".into(), Severity::Critical),
            (RiskKind::ExecGap, "x".into(), Severity::Medium),
        ]
    );
    assert_eq!(
        kinds(&p, &one.adds),
        [
            (
                RiskKind::BusFactor,
                "partnership".into(),
                Severity::Critical
            ),
            (RiskKind::SinglePoint, "a".into(), Severity::Critical),
            (RiskKind::SingleThreaded, "x".into(), Severity::High),
        ]
    );

    // Step 2: b meets x, introduced by a (the only live tie to x). x alone
    // still cuts the partner side off: bus factor 1 (18), no-champion (9);
    // a is no longer the single point, x no longer single-threaded: 27.
    // Nothing is left to meet.
    let two = &plan.steps[1];
    assert_eq!(
        ids(&p, &[two.ours, two.partner, two.via.unwrap()]),
        ["b", "x", "a"]
    );
    assert_eq!((two.after.risk_score, two.after.bus_factor), (27, 1));
    assert_eq!(two.after.counts, [1, 1, 0, 0]);
}

#[test]
fn closing_the_exec_gap_beats_renewing_a_stale_tie() {
    let mut p = one_unreachable_executive();
    // b met x 200 days ago (stale after 90): renewing it is a step.
    meeting(&mut p, 200, &["b", "x"]);
    let plan = plan(&p, &Scenario::on(AS_OF), 1);
    // a → x: 45 as above, plus x's stale tie with b still counts (1): 46.
    // b → x renews: the gap stays open (48), the stale tie goes: 48. So a.
    let step = &plan.steps[0];
    assert_eq!(ids(&p, &[step.ours]), ["a"]);
    assert_eq!(step.after.risk_score, 46);
    assert_eq!(step.action, Action::Introduce);
}

#[test]
fn equal_scores_prefer_the_smaller_level_distance() {
    let mut p = partnership();
    // Two of ours, a senior and a staff member; their staff member x is
    // reached only through their manager y, whom both of ours cover.
    person(&mut p, "s", Side::Ours, Level::Senior);
    person(&mut p, "t", Side::Ours, Level::Staff);
    person(&mut p, "y", Side::Partner, Level::Manager);
    person(&mut p, "x", Side::Partner, Level::Staff);
    p.ties.push(Tie::new("s", "y"));
    p.ties.push(Tie::new("t", "y"));
    p.ties.push(Tie::new("y", "x"));
    // Before: y alone cuts both off: bus factor 1 (18), no-champion (9), y
    // the single point to x (1): 28. Meeting x, s or t: bus factor 2 (9),
    // no-champion (9): 18 either way; t is staff, like x.
    let plan = plan(&p, &Scenario::on(AS_OF), 1);
    assert_eq!(plan.before.risk_score, 28);
    let step = &plan.steps[0];
    assert_eq!(ids(&p, &[step.ours, step.partner]), ["t", "x"]);
    assert_eq!((step.after.risk_score, step.after.bus_factor), (18, 2));
    // The strongest live tie to x is y's: one of theirs, as nobody of ours
    // has one.
    assert_eq!(ids(&p, &[step.via.unwrap()]), ["y"]);
}

#[test]
fn equal_scores_prefer_renewing_a_stale_tie_over_an_introduction() {
    let mut p = partnership();
    person(&mut p, "s", Side::Ours, Level::Senior);
    person(&mut p, "t", Side::Ours, Level::Staff);
    person(&mut p, "r", Side::Ours, Level::Staff);
    person(&mut p, "x", Side::Partner, Level::Staff);
    p.ties.push(Tie::new("r", "x"));
    meeting(&mut p, 120, &["s", "x"]);
    // Before: bus factor 1 (18: x alone cuts their side off), no-champion
    // (9), r the single point to x (1), x's stale tie with s (1): 29. s
    // renewing or t meeting x both end r's single point and the stale-tie
    // risk (x has two live ties then): 27 either way, bus factor still 1.
    // Renewing comes first, although t's level is closer to x's.
    let plan = plan(&p, &Scenario::on(AS_OF), 1);
    assert_eq!(plan.before.risk_score, 29);
    let step = &plan.steps[0];
    assert_eq!(
        (ids(&p, &[step.ours]), step.action),
        (vec!["s".to_string()], Action::Renew)
    );
    assert_eq!(step.after.risk_score, 27);
    assert_eq!(step.last_contact, Some(add_days(AS_OF, -120)));
    assert_eq!(step.via, None);
}

#[test]
fn nothing_lowers_the_score_of_a_partnership_without_partner_people() {
    let mut p = partnership();
    person(&mut p, "a", Side::Ours, Level::Staff);
    let plan = plan(&p, &Scenario::on(AS_OF), 10);
    // bus-factor 0 (27) and no-champion (9); no partner person to meet.
    assert_eq!(plan.before.risk_score, 36);
    assert!(plan.steps.is_empty());
    assert_eq!(
        partnermap::words::empty_plan(&p, &plan),
        "Add people on both sides first (a adds one, i imports contacts): the plan is meetings between one of our people and one of theirs."
    );
}

#[test]
fn an_empty_plan_says_what_to_do_instead() {
    // Everyone covered by everyone, but nobody a champion: only no-champion
    // (9) is left, and no meeting lowers it.
    let mut p = fully_covered();
    p.people[3].stance = None;
    let plan = plan(&p, &Scenario::on(AS_OF), 10);
    assert_eq!(plan.before.risk_score, 9);
    assert!(plan.steps.is_empty());
    assert!(
        partnermap::words::empty_plan(&p, &plan)
            .contains("nobody at the partner is marked a champion"),
    );
    // With the champion gone in a what-if, the same.
    let q = fully_covered();
    let gone = plan_for_gone(&q, 3);
    assert!(gone.steps.is_empty(), "{:?}", gone.steps);
    assert!(partnermap::words::empty_plan(&q, &gone).contains("champion"));
}

/// Three of ours each with an undated (always live) tie to each of three
/// of theirs, one a champion: nothing to fix.
fn fully_covered() -> Partnership {
    let mut p = partnership();
    for id in ["a", "b", "c"] {
        person(&mut p, id, Side::Ours, Level::Staff);
    }
    for id in ["x", "y", "z"] {
        person(&mut p, id, Side::Partner, Level::Staff);
    }
    p.people[3].stance = Some(Stance::Champion);
    for ours in ["a", "b", "c"] {
        for theirs in ["x", "y", "z"] {
            p.ties.push(Tie::new(ours, theirs));
        }
    }
    p
}

#[test]
fn a_score_of_zero_has_nothing_to_plan() {
    let p = fully_covered();
    let plan = plan(&p, &Scenario::on(AS_OF), 10);
    assert_eq!((plan.before.risk_score, plan.before.bus_factor), (0, 3));
    assert!(plan.steps.is_empty());
    assert_eq!(
        partnermap::words::empty_plan(&p, &plan),
        "Nothing to plan: the risk score is 0."
    );
}

#[test]
fn during_a_what_if_the_gone_are_neither_met_nor_introducers() {
    let p = one_unreachable_executive();
    let a = 0;
    let plan = plan(
        &p,
        &Scenario {
            as_of: AS_OF,
            gone: vec![a],
        },
        10,
    );
    // Without a: b → x is the only step (66 → bus 18 + no-champion 9 +
    // single-point b 9 + single-threaded x 9 + exec gap 3 = 48).
    assert_eq!(plan.steps.len(), 1);
    assert_eq!(ids(&p, &[plan.steps[0].ours]), ["b"]);
    assert_eq!(plan.steps[0].after.risk_score, 48);
}

/// Our `a` ("Ana") knows both of theirs, `x` and `y`, who know each other
/// well (a declared tie and two meetings today: strength 3); our `b` and
/// `c` know nobody. Everyone is staff. The names are given per test.
fn two_strangers(names: [&str; 5]) -> Partnership {
    let mut p = partnership();
    for (id, side) in [
        ("a", Side::Ours),
        ("b", Side::Ours),
        ("c", Side::Ours),
        ("x", Side::Partner),
        ("y", Side::Partner),
    ] {
        person(&mut p, id, side, Level::Staff);
    }
    for (person, name) in p.people.iter_mut().zip(names) {
        person.name = name.into();
    }
    for (a, b) in [("a", "x"), ("a", "y"), ("x", "y")] {
        p.ties.push(Tie::new(a, b));
    }
    meeting(&mut p, 0, &["x", "y"]);
    meeting(&mut p, 0, &["y", "x"]);
    p
}

#[test]
fn equal_steps_go_by_the_partners_name_then_ours_in_lower_case_and_via_is_our_side_first() {
    let p = two_strangers(["Ana", "Zed", "carl", "Bob", "alice"]);
    // Before: a alone cuts both off: bus factor 1 (18), no-champion (9), a
    // the single point to x and y (1 + 1): 29. Any of b, c meeting x or y
    // gives a second path: bus factor 2 (9), no-champion (9): 18, and no
    // single point. All four steps tie up to the names: "alice" (y) comes
    // before "Bob" (x) in lower case (not in code points: 'B' < 'a'), and
    // "carl" (c) before "Zed" (b). The bus factor cannot pass 2 (x and y
    // are all their side), so nothing more lowers the score.
    let plan = plan(&p, &Scenario::on(AS_OF), 10);
    assert_eq!(plan.before.risk_score, 29);
    assert_eq!(plan.steps.len(), 1);
    let step = &plan.steps[0];
    assert_eq!(ids(&p, &[step.ours, step.partner]), ["c", "y"]);
    assert_eq!((step.after.risk_score, step.after.bus_factor), (18, 2));
    assert_eq!(step.action, Action::Introduce);
    // y's live ties: a (ours, strength 1) and x (theirs, strength 3): our
    // side comes first, however strong the other tie.
    assert_eq!(ids(&p, &[step.via.unwrap()]), ["a"]);
}

#[test]
fn names_equal_in_lower_case_go_by_the_ids() {
    let p = two_strangers(["Ana", "Lee", "lee", "sam", "Sam"]);
    // As above, but the names tie in lower case: x before y, b before c.
    let plan = plan(&p, &Scenario::on(AS_OF), 10);
    let step = &plan.steps[0];
    assert_eq!(ids(&p, &[step.ours, step.partner]), ["b", "x"]);
    assert_eq!(ids(&p, &[step.via.unwrap()]), ["a"]);
}

#[test]
fn equal_scores_prefer_the_higher_bus_factor_after() {
    let mut p = fully_covered();
    // d, one of ours with no tie yet; e, their executive, known only to x.
    person(&mut p, "d", Side::Ours, Level::Staff);
    person(&mut p, "e", Side::Partner, Level::Executive);
    p.ties.push(Tie::new("x", "e"));
    // Before: bus factor 3 (a, b and c are all our side's ties across), x
    // the single point to e (9), e single-threaded with no cover (9), e's
    // exec gap (3, we have no executive): 21. Any of a–d meeting e: x is no
    // longer the single point and e is still single-threaded (now covered
    // by one): 12. Only d opens a fourth path across (d–e beside a–x, b–y,
    // c–z): bus factor 4, so d, though "Name a" comes first by name.
    let plan = plan(&p, &Scenario::on(AS_OF), 10);
    assert_eq!((plan.before.risk_score, plan.before.bus_factor), (21, 3));
    let one = &plan.steps[0];
    assert_eq!(ids(&p, &[one.ours, one.partner]), ["d", "e"]);
    assert_eq!((one.after.risk_score, one.after.bus_factor), (12, 4));
    assert_eq!(ids(&p, &[one.via.unwrap()]), ["x"], "e's only live tie");
    // Then a second of ours for e ends the single thread (3); all of a, b
    // and c give that, with bus factor 4: by name, a, introduced by d (our
    // side first). The exec gap cannot close: the plan ends there.
    let two = &plan.steps[1];
    assert_eq!(
        ids(&p, &[two.ours, two.partner, two.via.unwrap()]),
        ["a", "e", "d"]
    );
    assert_eq!((two.after.risk_score, two.after.bus_factor), (3, 4));
    assert_eq!(plan.steps.len(), 2);
}

#[test]
fn equal_scores_prefer_our_person_on_whom_less_hangs_now() {
    let mut p = partnership();
    person(&mut p, "a", Side::Ours, Level::Staff);
    person(&mut p, "b", Side::Ours, Level::Staff);
    for id in ["x", "y", "e"] {
        person(&mut p, id, Side::Partner, Level::Staff);
    }
    p.ties.push(Tie::new("a", "x"));
    p.ties.push(Tie::new("b", "x"));
    p.ties.push(Tie::new("a", "y"));
    // Before: bus factor 2 (a and b: 9), no-champion (9), a the single
    // point to y (1), e unreachable (3): 22. a or b meeting e: e reached,
    // through one of ours alone (1), bus factor still 2: 20 either way (b
    // meeting y instead: 21). a already carries y, b nobody: b.
    let plan = plan(&p, &Scenario::on(AS_OF), 10);
    assert_eq!(plan.before.risk_score, 22);
    let one = &plan.steps[0];
    assert_eq!(ids(&p, &[one.ours, one.partner]), ["b", "e"]);
    assert_eq!((one.after.risk_score, one.after.bus_factor), (20, 2));
    assert_eq!(one.via, None, "nobody knows e");
    // Now each carries one: a meeting e or b meeting y both give 19; e's
    // name comes first. Then b meets y (18): only the bus factor and the
    // missing champion are left, and no meeting lowers those.
    let two = &plan.steps[1];
    assert_eq!(
        ids(&p, &[two.ours, two.partner, two.via.unwrap()]),
        ["a", "e", "b"]
    );
    assert_eq!(two.after.risk_score, 19);
    let three = &plan.steps[2];
    assert_eq!(
        ids(&p, &[three.ours, three.partner, three.via.unwrap()]),
        ["b", "y", "a"]
    );
    assert_eq!(three.after.risk_score, 18);
    assert_eq!(plan.steps.len(), 3);
}

// ---- trend ---------------------------------------------------------------

#[test]
fn each_trend_row_is_the_analysis_as_of_its_day() {
    let mut p = one_unreachable_executive();
    // a met x 100 days ago: live from then for 90 days.
    meeting(&mut p, 100, &["a", "x"]);
    let days = trend_days(add_days(AS_OF, -130), AS_OF, Every::Month);
    let rows = trend(&p, &days);
    assert_eq!(rows.iter().map(|r| r.date).collect::<Vec<_>>(), days);
    for row in &rows {
        let a = Analysis::run(&p, &Scenario::on(row.date));
        assert_eq!(row.risk_score, a.risk_score(), "{}", row.date);
        assert_eq!(row.bus_factor, a.bus_factor.size);
        assert_eq!(row.counts, a.severity_counts());
        assert_eq!(row.live_ties, a.live.live_tie_count());
    }
    // 2026-02-28 (before the meeting): 66. 2026-03-31 and later months
    // while the tie is live: 45 (see the plan's step 1 above).
    // 2026-06-15: 107 days since 2026-03-07, stale: 66 + x's stale tie 1.
    let by_day = |d: Date| rows.iter().find(|r| r.date == d).unwrap();
    assert_eq!(by_day(Date::constant(2026, 2, 28)).risk_score, 66);
    assert_eq!(by_day(Date::constant(2026, 3, 31)).risk_score, 45);
    assert_eq!(by_day(Date::constant(2026, 3, 31)).reachable, 1);
    assert_eq!(by_day(AS_OF).risk_score, 67);
    assert_eq!(by_day(AS_OF).reachable, 0);
    assert_eq!(by_day(AS_OF).partner_people, 1);
}

// ---- grid ----------------------------------------------------------------

#[test]
fn the_grid_counts_each_team_and_level_with_no_team_last() {
    let mut p = partnership();
    person(&mut p, "a", Side::Ours, Level::Staff);
    person(&mut p, "b", Side::Ours, Level::Staff);
    // Their people: team, level, and how we reach them.
    for (id, team, level) in [
        ("f1", Some("Finance"), Level::Executive), // a and b: direct 2
        ("n1", None, Level::Staff),                // a: direct 1
        ("t1", Some("Tech"), Level::Senior),       // through f1: indirect
        ("f2", Some(" Finance "), Level::Executive), // nobody: unreachable
        ("t2", Some(""), Level::Manager),          // blank team: no team; a: direct 1
    ] {
        person(&mut p, id, Side::Partner, level);
        p.people.last_mut().unwrap().team = team.map(str::to_string);
    }
    for (x, y) in [
        ("a", "f1"),
        ("b", "f1"),
        ("a", "n1"),
        ("f1", "t1"),
        ("a", "t2"),
    ] {
        p.ties.push(Tie::new(x, y));
    }
    let a = Analysis::run(&p, &Scenario::on(AS_OF));
    let rows = grid(&p, &a);
    let teams: Vec<Option<&str>> = rows.iter().map(|r| r.team.as_deref()).collect();
    assert_eq!(teams, [Some("Finance"), Some("Tech"), None]);
    let finance_exec = &rows[0].cells[0];
    assert_eq!(finance_exec.people.len(), 2);
    assert_eq!(finance_exec.count(Reach::Direct2), 1);
    assert_eq!(finance_exec.count(Reach::Unreachable), 1);
    assert_eq!(finance_exec.worst(), Some(Reach::Unreachable));
    assert_eq!(rows[1].cells[1].count(Reach::Indirect), 1);
    assert_eq!(rows[2].cells[3].count(Reach::Direct1), 1);
    assert_eq!(rows[2].cells[2].count(Reach::Direct1), 1);
    // A level with nobody still has its cell, empty.
    assert!(rows[1].cells[0].people.is_empty());
    assert_eq!(rows[1].cells[0].worst(), None);
}

/// The plan with the person at `gone` marked gone in a what-if.
fn plan_for_gone(p: &Partnership, gone: usize) -> partnermap::plan::Plan {
    plan(
        p,
        &Scenario {
            as_of: AS_OF,
            gone: vec![gone],
        },
        10,
    )
}
