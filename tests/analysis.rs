//! Hand-computed cases for the live graph (SPEC §3), coverage and dependency
//! (§4) and every risk rule (§5), including the boundaries.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::Date;
use partnermap::analysis::{Analysis, RiskKind, Severity, Subject};
use partnermap::date::add_days;
use partnermap::graph::Scenario;
use partnermap::model::{Level, Meeting, Partnership, Person, Side, Stance, Tie};
use partnermap::words::risk_detail;

const AS_OF: Date = Date::constant(2026, 6, 15);

/// A small partnership built by hand.
#[derive(Default)]
struct Map {
    p: Partnership,
}

impl Map {
    fn new() -> Map {
        let mut m = Map::default();
        m.p.names.name = "Us × Them".into();
        m.p.names.ours = "Us".into();
        m.p.names.partner = "Them".into();
        m
    }

    fn person(mut self, id: &str, side: Side, level: Level) -> Map {
        let mut person = Person::new(id, format!("Name {id}"), side);
        person.level = level;
        self.p.people.push(person);
        self
    }

    fn ours(self, id: &str) -> Map {
        self.person(id, Side::Ours, Level::Staff)
    }

    fn theirs(self, id: &str) -> Map {
        self.person(id, Side::Partner, Level::Staff)
    }

    fn key(mut self, id: &str) -> Map {
        self.p.people.iter_mut().find(|x| x.id == id).unwrap().key = true;
        self
    }

    fn stance(mut self, id: &str, stance: Stance) -> Map {
        self.p
            .people
            .iter_mut()
            .find(|x| x.id == id)
            .unwrap()
            .stance = Some(stance);
        self
    }

    fn left(mut self, id: &str, days_before: i64) -> Map {
        self.p.people.iter_mut().find(|x| x.id == id).unwrap().left =
            Some(add_days(AS_OF, -days_before));
        self
    }

    /// A meeting `days_ago` days before the as-of date (negative: in the future).
    fn met(mut self, days_ago: i64, who: &[&str]) -> Map {
        let id = format!("m-{}", self.p.meetings.len() + 1);
        self.p.meetings.push(Meeting {
            id,
            date: add_days(AS_OF, -days_ago),
            title: None,
            attendees: who.iter().map(|s| s.to_string()).collect(),
            notes: None,
            source: None,
            extra: Default::default(),
        });
        self
    }

    /// A declared tie, with a last contact `days_ago` days before the as-of date.
    fn tie(mut self, a: &str, b: &str, days_ago: Option<i64>) -> Map {
        let mut tie = Tie::new(a, b);
        tie.last_contact = days_ago.map(|d| add_days(AS_OF, -d));
        self.p.ties.push(tie);
        self
    }

    fn run(&self) -> Analysis {
        Analysis::run(&self.p, &Scenario::on(AS_OF))
    }

    fn idx(&self, id: &str) -> usize {
        self.p.people.iter().position(|x| x.id == id).unwrap()
    }

    fn ids(&self, people: &[usize]) -> Vec<String> {
        people
            .iter()
            .map(|&i| self.p.people[i].id.clone())
            .collect()
    }
}

/// (kind, severity, subject id, people ids) of every risk, in list order.
fn risk_list(m: &Map, a: &Analysis) -> Vec<(RiskKind, Severity, String, Vec<String>)> {
    a.risks
        .iter()
        .map(|r| {
            (
                r.kind,
                r.severity,
                r.subject_id(&m.p).to_string(),
                m.ids(&r.people),
            )
        })
        .collect()
}

fn has(m: &Map, a: &Analysis, kind: RiskKind, subject: &str) -> Option<Severity> {
    a.risks
        .iter()
        .find(|r| r.kind == kind && r.subject_id(&m.p) == subject)
        .map(|r| r.severity)
}

fn tie_between<'a>(
    m: &Map,
    a: &'a Analysis,
    x: &str,
    y: &str,
) -> Option<&'a partnermap::graph::LiveTie> {
    let (i, j) = (m.idx(x), m.idx(y));
    a.live
        .ties
        .iter()
        .find(|t| (t.a, t.b) == (i.min(j), i.max(j)))
}

// ---- SPEC §3: the live graph --------------------------------------------

#[test]
fn a_tie_exactly_stale_after_days_old_is_live_and_one_day_older_is_stale() {
    let m = Map::new()
        .ours("o1")
        .ours("o2")
        .theirs("t1")
        .theirs("t2")
        .met(90, &["o1", "t1"])
        .met(91, &["o2", "t2"]);
    let a = m.run();
    assert!(tie_between(&m, &a, "o1", "t1").unwrap().live);
    assert!(!tie_between(&m, &a, "o2", "t2").unwrap().live);
    // One stale-tie risk per partner person: t2 (covered by nobody, a
    // stale tie with o2); t1's tie is live.
    assert_eq!(has(&m, &a, RiskKind::StaleTie, "t2"), Some(Severity::Low));
    assert_eq!(has(&m, &a, RiskKind::StaleTie, "t1"), None);
}

#[test]
fn someone_who_left_on_the_as_of_date_is_gone_and_the_day_after_is_not() {
    let m = Map::new()
        .ours("o")
        .theirs("gone")
        .theirs("stays")
        .left("gone", 0)
        .left("stays", -1)
        .met(1, &["o", "gone", "stays"]);
    let a = m.run();
    assert!(!a.live.active[m.idx("gone")]);
    assert!(a.live.active[m.idx("stays")]);
    assert_eq!(a.coverage.len(), 1);
    assert!(tie_between(&m, &a, "o", "gone").is_none());
    assert!(tie_between(&m, &a, "o", "stays").unwrap().live);
}

#[test]
fn a_meeting_on_the_as_of_date_counts_and_one_the_day_after_is_planned() {
    let m = Map::new()
        .ours("o")
        .theirs("today")
        .theirs("tomorrow")
        .met(0, &["o", "today"])
        .met(-1, &["o", "tomorrow"]);
    let a = m.run();
    let t = tie_between(&m, &a, "o", "today").unwrap();
    assert!(t.live);
    assert_eq!(t.last_contact, Some(AS_OF));
    assert!((t.strength - 1.0).abs() < 1e-12);
    assert!(tie_between(&m, &a, "o", "tomorrow").is_none());
    assert_eq!(
        has(&m, &a, RiskKind::Unreachable, "tomorrow"),
        Some(Severity::High)
    );
}

#[test]
fn a_meeting_pair_that_is_also_declared_is_one_tie() {
    let m = Map::new()
        .ours("o")
        .theirs("t")
        .tie("t", "o", Some(200))
        .met(30, &["o", "t"])
        .met(120, &["t", "o"]);
    let a = m.run();
    assert_eq!(a.live.ties.len(), 1);
    let t = &a.live.ties[0];
    assert!(t.declared);
    assert_eq!(t.meetings, 2);
    assert_eq!(t.last_contact, Some(add_days(AS_OF, -30)));
    assert!(t.live);
    // 1 (declared) + 0.5^(30/90) + 0.5^(120/90)
    let expected = 1.0 + 0.5f64.powf(30.0 / 90.0) + 0.5f64.powf(120.0 / 90.0);
    assert!((t.strength - expected).abs() < 1e-9, "{}", t.strength);
    assert_eq!(a.coverage[0].direct(), 1);
}

#[test]
fn a_declared_tie_without_a_date_is_live_whatever_its_meetings() {
    let m = Map::new()
        .ours("o")
        .theirs("t")
        .tie("o", "t", None)
        .met(400, &["o", "t"]);
    let a = m.run();
    let t = &a.live.ties[0];
    assert!(t.live);
    assert_eq!(t.last_contact, Some(add_days(AS_OF, -400)));
}

#[test]
fn a_declared_last_contact_after_the_as_of_date_counts_as_absent() {
    let m = Map::new()
        .ours("o")
        .theirs("t")
        .theirs("u")
        .tie("o", "t", Some(-10))
        .tie("o", "u", Some(-10))
        .met(200, &["o", "u"]);
    let a = m.run();
    let t = tie_between(&m, &a, "o", "t").unwrap();
    assert_eq!(t.last_contact, None);
    assert!(
        t.live,
        "a declared tie without a (past) last contact is live"
    );
    let u = tie_between(&m, &a, "o", "u").unwrap();
    assert_eq!(u.last_contact, Some(add_days(AS_OF, -200)));
    assert!(u.live);
}

#[test]
fn a_declared_dated_tie_goes_stale() {
    let m = Map::new().ours("o").theirs("t").tie("o", "t", Some(91));
    let a = m.run();
    assert!(!a.live.ties[0].live);
    assert_eq!(
        has(&m, &a, RiskKind::Unreachable, "t"),
        Some(Severity::High)
    );
}

#[test]
fn a_meeting_whose_others_left_still_ties_those_who_remain() {
    let m = Map::new()
        .ours("o")
        .ours("gone")
        .theirs("t")
        .left("gone", 10)
        .met(5, &["gone", "o", "t"]);
    let a = m.run();
    assert_eq!(a.live.ties.len(), 1);
    assert!(tie_between(&m, &a, "o", "t").unwrap().live);
}

#[test]
fn strength_halves_every_half_life() {
    let mut m = Map::new().ours("o").theirs("t").met(45, &["o", "t"]);
    m.p.settings.half_life_days = 45;
    let a = m.run();
    assert!((a.live.ties[0].strength - 0.5).abs() < 1e-12);
}

// ---- SPEC §4: coverage, dependency, bus factor ---------------------------

#[test]
fn a_partner_gatekeeper_is_a_single_point_for_everyone_behind_them() {
    // o1, o2 both meet the gatekeeper g; engineers e1..e3 only meet g.
    let m = Map::new()
        .ours("o1")
        .ours("o2")
        .theirs("g")
        .theirs("e1")
        .theirs("e2")
        .theirs("e3")
        .met(1, &["o1", "g"])
        .met(2, &["o2", "g"])
        .met(3, &["g", "e1"])
        .met(3, &["g", "e2", "e3"]);
    let a = m.run();
    let g = m.idx("g");
    assert_eq!(m.ids(&a.exposure[g]), ["e1", "e2", "e3"]);
    for row in &a.coverage {
        let id = &m.p.people[row.person].id;
        if id == "g" {
            assert_eq!(row.direct(), 2);
            assert!(row.depends_on.is_empty());
        } else {
            assert_eq!(row.direct(), 0);
            assert_eq!(m.ids(&row.depends_on), ["g"]);
        }
    }
    assert_eq!(a.bus_factor.size, 1);
    assert_eq!(m.ids(&a.bus_factor.people), ["g"]);
    assert_eq!(
        has(&m, &a, RiskKind::SinglePoint, "g"),
        Some(Severity::High)
    );
    assert_eq!(
        has(&m, &a, RiskKind::BusFactor, "partnership"),
        Some(Severity::Critical)
    );
    assert_eq!(has(&m, &a, RiskKind::SinglePoint, "o1"), None);
}

#[test]
fn depends_on_is_the_whole_chain_of_cut_people() {
    // o — a — b — c (partner chain) plus a cycle a—x—b that bypasses nothing for c.
    let m = Map::new()
        .ours("o")
        .theirs("a")
        .theirs("x")
        .theirs("b")
        .theirs("c")
        .met(1, &["o", "a"])
        .met(1, &["a", "x"])
        .met(1, &["x", "b"])
        .met(1, &["a", "b"])
        .met(1, &["b", "c"]);
    let a = m.run();
    let row = |id: &str| {
        a.coverage
            .iter()
            .find(|r| m.p.people[r.person].id == id)
            .unwrap()
    };
    assert_eq!(m.ids(&row("c").depends_on), ["a", "b", "o"]);
    assert_eq!(m.ids(&row("x").depends_on), ["a", "o"]);
    assert_eq!(m.ids(&row("b").depends_on), ["a", "o"]);
    assert_eq!(m.ids(&row("a").depends_on), ["o"]);
    assert_eq!(m.ids(&a.exposure[m.idx("o")]), ["a", "b", "c", "x"]);
    assert_eq!(m.ids(&a.exposure[m.idx("b")]), ["c"]);
    assert!(a.exposure[m.idx("x")].is_empty());
}

#[test]
fn two_of_our_people_make_a_bus_factor_of_two() {
    let m = Map::new()
        .ours("o1")
        .ours("o2")
        .ours("idle")
        .theirs("t1")
        .theirs("t2")
        .theirs("t3")
        .met(1, &["o1", "t1", "t2"])
        .met(1, &["o2", "t2", "t3"]);
    let a = m.run();
    assert_eq!(a.bus_factor.size, 2);
    assert_eq!(
        has(&m, &a, RiskKind::BusFactor, "partnership"),
        Some(Severity::High)
    );
    let cut = m.ids(&a.bus_factor.people);
    assert_eq!(cut.len(), 2);
}

#[test]
fn three_disjoint_threads_raise_no_bus_factor_risk() {
    let m = Map::new()
        .ours("o1")
        .ours("o2")
        .ours("o3")
        .theirs("t1")
        .theirs("t2")
        .theirs("t3")
        .met(1, &["o1", "t1"])
        .met(1, &["o2", "t2"])
        .met(1, &["o3", "t3"]);
    let a = m.run();
    assert_eq!(a.bus_factor.size, 3);
    assert_eq!(has(&m, &a, RiskKind::BusFactor, "partnership"), None);
}

#[test]
fn zero_reachable_partner_people() {
    let m = Map::new().ours("o").theirs("t").met(200, &["o", "t"]);
    let a = m.run();
    assert_eq!(a.bus_factor.size, 0);
    assert!(a.bus_factor.people.is_empty());
    assert!(!a.coverage[0].reachable);
    assert!(a.coverage[0].depends_on.is_empty());
    assert_eq!(a.coverage[0].last_contact, Some(add_days(AS_OF, -200)));
    assert_eq!(
        has(&m, &a, RiskKind::BusFactor, "partnership"),
        Some(Severity::Critical)
    );
    assert_eq!(
        has(&m, &a, RiskKind::Unreachable, "t"),
        Some(Severity::High)
    );
    assert_eq!(has(&m, &a, RiskKind::StaleTie, "t"), Some(Severity::Low));
}

#[test]
fn a_partner_side_of_one_person() {
    let m = Map::new()
        .ours("o1")
        .ours("o2")
        .theirs("t")
        .met(3, &["o1", "o2", "t"]);
    let a = m.run();
    assert_eq!(a.bus_factor.size, 1);
    assert_eq!(m.ids(&a.bus_factor.people), ["t"]);
    assert_eq!(a.coverage[0].direct(), 2);
    assert!(a.coverage[0].depends_on.is_empty());
    let kinds: Vec<_> = a.risks.iter().map(|r| r.kind).collect();
    // Nobody at the partner is a champion.
    assert_eq!(kinds, [RiskKind::BusFactor, RiskKind::NoChampion]);
    // 9 × (3 − 1) + 9.
    assert_eq!(a.risk_score(), 27);
}

#[test]
fn an_empty_file_has_bus_factor_zero_and_two_partnership_risks() {
    let m = Map::new();
    let a = m.run();
    assert_eq!(a.bus_factor.size, 0);
    assert!(a.coverage.is_empty());
    assert_eq!(a.active_people(), 0);
    let kinds: Vec<_> = a.risks.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, [RiskKind::BusFactor, RiskKind::NoChampion]);
    assert!(a.risks.iter().all(|r| r.subject == Subject::Partnership));
    // 9 × 3 + 9.
    assert_eq!(a.risk_score(), 36);
}

#[test]
fn everyone_gone() {
    let m = Map::new()
        .ours("o")
        .theirs("t")
        .met(3, &["o", "t"])
        .left("o", 1)
        .left("t", 1);
    let a = m.run();
    assert_eq!(a.active_people(), 0);
    assert!(a.live.ties.is_empty());
    assert_eq!(a.bus_factor.size, 0);
}

#[test]
fn what_if_removes_a_person_in_memory_only() {
    let m = Map::new()
        .ours("o1")
        .ours("o2")
        .person("t", Side::Partner, Level::Senior)
        .met(3, &["o1", "t"])
        .met(3, &["o2", "t"]);
    let before = m.run();
    assert_eq!(has(&m, &before, RiskKind::SingleThreaded, "t"), None);
    let scenario = Scenario {
        as_of: AS_OF,
        gone: vec![m.idx("o2")],
    };
    let after = Analysis::run(&m.p, &scenario);
    assert_eq!(
        has(&m, &after, RiskKind::SingleThreaded, "t"),
        Some(Severity::Medium)
    );
    assert_eq!(m.ids(&after.exposure[m.idx("o1")]), ["t"]);
    assert!(m.p.people[m.idx("o2")].left.is_none());
}

// ---- SPEC §5: risk rules and severities ----------------------------------

#[test]
fn unreachable_is_critical_for_executives_and_key_people() {
    let m = Map::new()
        .ours("o")
        .person("exec", Side::Partner, Level::Executive)
        .theirs("keyp")
        .key("keyp")
        .theirs("plain");
    let a = m.run();
    assert_eq!(
        has(&m, &a, RiskKind::Unreachable, "exec"),
        Some(Severity::Critical)
    );
    assert_eq!(
        has(&m, &a, RiskKind::Unreachable, "keyp"),
        Some(Severity::Critical)
    );
    assert_eq!(
        has(&m, &a, RiskKind::Unreachable, "plain"),
        Some(Severity::High)
    );
}

#[test]
fn single_threaded_severity_follows_level() {
    let m = Map::new()
        .ours("o")
        .person("x", Side::Partner, Level::Executive)
        .theirs("k")
        .key("k")
        .person("s", Side::Partner, Level::Senior)
        .person("mg", Side::Partner, Level::Manager)
        .theirs("st")
        .met(1, &["o", "x"])
        .met(1, &["o", "k"])
        .met(1, &["o", "s"])
        .met(1, &["o", "mg"])
        .met(1, &["o", "st"]);
    let a = m.run();
    assert_eq!(
        has(&m, &a, RiskKind::SingleThreaded, "x"),
        Some(Severity::High)
    );
    assert_eq!(
        has(&m, &a, RiskKind::SingleThreaded, "k"),
        Some(Severity::High)
    );
    assert_eq!(
        has(&m, &a, RiskKind::SingleThreaded, "s"),
        Some(Severity::Medium)
    );
    // Managers and staff are never single-threaded (SPEC §5): what hangs
    // on one person there is that person's single point.
    assert_eq!(has(&m, &a, RiskKind::SingleThreaded, "mg"), None);
    assert_eq!(has(&m, &a, RiskKind::SingleThreaded, "st"), None);
    assert_eq!(
        has(&m, &a, RiskKind::SinglePoint, "o"),
        Some(Severity::Critical)
    );
    let r = a
        .risks
        .iter()
        .find(|r| r.kind == RiskKind::SingleThreaded)
        .unwrap();
    assert_eq!(m.ids(&r.people), ["o"]);
}

#[test]
fn single_point_severity_follows_exposure() {
    // o1 alone reaches a1, a2 (medium); o2 alone reaches b1..b3 (high);
    // o3 alone reaches a key person (critical).
    let m = Map::new()
        .ours("o1")
        .ours("o2")
        .ours("o3")
        .theirs("a1")
        .theirs("a2")
        .theirs("b1")
        .theirs("b2")
        .theirs("b3")
        .theirs("k")
        .key("k")
        .met(1, &["o1", "a1", "a2"])
        .met(1, &["o2", "b1", "b2", "b3"])
        .met(1, &["o3", "k"]);
    let a = m.run();
    assert_eq!(
        has(&m, &a, RiskKind::SinglePoint, "o1"),
        Some(Severity::Medium)
    );
    assert_eq!(
        has(&m, &a, RiskKind::SinglePoint, "o2"),
        Some(Severity::High)
    );
    assert_eq!(
        has(&m, &a, RiskKind::SinglePoint, "o3"),
        Some(Severity::Critical)
    );
    assert_eq!(a.bus_factor.size, 3);
}

#[test]
fn exec_gap_needs_a_live_tie_to_one_of_our_executives() {
    let m = Map::new()
        .ours("staff")
        .person("ourexec", Side::Ours, Level::Executive)
        .person("x1", Side::Partner, Level::Executive)
        .person("x2", Side::Partner, Level::Executive)
        .person("x3", Side::Partner, Level::Executive)
        .met(1, &["staff", "x1"])
        .met(1, &["ourexec", "x2"])
        .met(200, &["ourexec", "x3"]);
    let a = m.run();
    assert_eq!(has(&m, &a, RiskKind::ExecGap, "x1"), Some(Severity::Medium));
    assert_eq!(has(&m, &a, RiskKind::ExecGap, "x2"), None);
    assert_eq!(has(&m, &a, RiskKind::ExecGap, "x3"), Some(Severity::Medium));
}

#[test]
fn a_stale_tie_risk_is_about_the_partner_person_with_our_side_as_people() {
    let m = Map::new()
        .ours("o1")
        .ours("o2")
        .person("t1", Side::Partner, Level::Executive)
        .theirs("t2")
        .met(100, &["o1", "o2"])
        .met(100, &["t1", "t2"])
        .met(100, &["t1", "o1"]);
    let a = m.run();
    let stale: Vec<_> = risk_list(&m, &a)
        .into_iter()
        .filter(|r| r.0 == RiskKind::StaleTie)
        .collect();
    assert_eq!(
        stale,
        [(
            RiskKind::StaleTie,
            Severity::Medium,
            "t1".to_string(),
            vec!["o1".to_string()]
        )]
    );
    assert_eq!(a.live.stale_tie_count(), 3);
}

#[test]
fn risks_sort_by_severity_kind_then_name_case_insensitively() {
    let mut m = Map::new().ours("o").theirs("b").theirs("a").theirs("c");
    m.p.people[1].name = "beta".into();
    m.p.people[2].name = "Alpha".into();
    m.p.people[3].name = "Beta".into();
    let a = m.run();
    let order: Vec<_> = risk_list(&m, &a).into_iter().map(|r| (r.0, r.2)).collect();
    assert_eq!(
        order,
        [
            (RiskKind::BusFactor, "partnership".to_string()),
            (RiskKind::NoChampion, "partnership".to_string()),
            (RiskKind::Unreachable, "a".to_string()),
            (RiskKind::Unreachable, "c".to_string()),
            (RiskKind::Unreachable, "b".to_string()),
        ]
    );
}

#[test]
fn the_demo_tells_every_kind_of_risk() {
    let p = partnermap::demo::shipped();
    let day = partnermap::demo::reference_date(&p).unwrap();
    let a = Analysis::run(&p, &Scenario::on(day));
    for kind in [
        RiskKind::BusFactor,
        RiskKind::Unreachable,
        RiskKind::SinglePoint,
        RiskKind::SingleThreaded,
        RiskKind::ExecGap,
        RiskKind::StaleTie,
    ] {
        assert!(a.risks.iter().any(|r| r.kind == kind), "{kind} missing");
    }
    let li = p.people.iter().position(|x| x.id == "li").unwrap();
    let sam = p.people.iter().position(|x| x.id == "sam").unwrap();
    let row = a.coverage.iter().find(|r| r.person == li).unwrap();
    assert_eq!(row.covered_by, [sam]);
    assert_eq!(row.depends_on, [sam]);
    assert_eq!(p.people.iter().filter(|x| x.left.is_some()).count(), 1);
}

#[test]
fn the_demo_moves_to_today() {
    let shipped = partnermap::demo::shipped();
    let reference = partnermap::demo::reference_date(&shipped).unwrap();
    let later = add_days(reference, 100);
    let moved = partnermap::demo::demo(later);
    assert!(!moved.extra.contains_key(partnermap::demo::REFERENCE_FIELD));
    assert_eq!(
        moved.meetings[0].date,
        add_days(shipped.meetings[0].date, 100)
    );
    let a = Analysis::run(&shipped, &Scenario::on(reference));
    let b = Analysis::run(&moved, &Scenario::on(later));
    let kinds = |p: &Partnership, x: &Analysis| {
        x.risks
            .iter()
            .map(|r| (r.kind, r.severity, risk_detail(p, x.scenario.as_of, r)))
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds(&shipped, &a), kinds(&moved, &b));
}

// ---------------------------------------------------------------------------
// Large events (SPEC §3): more than `large_meeting` active attendees tie nobody
// ---------------------------------------------------------------------------

/// A map with `ours` of our people and `theirs` partner people, all at one
/// meeting 10 days ago.
fn all_hands(ours: usize, theirs: usize) -> Map {
    let mut m = Map::new();
    let mut who = Vec::new();
    for i in 0..ours {
        m = m.ours(&format!("o{i}"));
        who.push(format!("o{i}"));
    }
    for i in 0..theirs {
        m = m.theirs(&format!("t{i}"));
        who.push(format!("t{i}"));
    }
    let refs: Vec<&str> = who.iter().map(String::as_str).collect();
    m.met(10, &refs)
}

#[test]
fn a_meeting_of_exactly_large_meeting_attendees_ties_everyone() {
    let m = all_hands(15, 15);
    assert_eq!(m.p.settings.large_meeting, 30);
    let a = m.run();
    assert_eq!(a.live.ties.len(), 30 * 29 / 2);
    assert!(tie_between(&m, &a, "o0", "t14").is_some_and(|t| t.live));
}

#[test]
fn a_meeting_of_one_more_ties_nobody_and_stays_on_record() {
    let m = all_hands(16, 15);
    let a = m.run();
    assert!(a.live.ties.is_empty(), "{} ties", a.live.ties.len());
    assert_eq!(m.p.meetings[0].attendees.len(), 31);
    // Nobody on the partner side is reached through the event.
    assert!(a.coverage.iter().all(|c| !c.reachable));
    let kinds: Vec<RiskKind> = a.risks.iter().map(|r| r.kind).collect();
    assert!(kinds.contains(&RiskKind::Unreachable));
}

#[test]
fn large_is_counted_among_active_attendees() {
    // 31 listed, one of whom has left: 30 active, so the meeting ties them.
    let m = all_hands(16, 15).left("o15", 30);
    let a = m.run();
    assert_eq!(a.live.ties.len(), 30 * 29 / 2);
    // Imagined gone (what-if) counts the same way.
    let m = all_hands(16, 15);
    let gone = Scenario {
        as_of: AS_OF,
        gone: vec![m.idx("o15")],
    };
    let a = Analysis::run(&m.p, &gone);
    assert_eq!(a.live.ties.len(), 30 * 29 / 2);
}

#[test]
fn the_large_meeting_setting_moves_the_line() {
    let mut m = all_hands(2, 2);
    m.p.settings.large_meeting = 3;
    assert!(m.run().live.ties.is_empty());
    m.p.settings.large_meeting = 4;
    assert_eq!(m.run().live.ties.len(), 6);
    // A declared tie between two people at a large event still counts.
    m.p.settings.large_meeting = 2;
    let m = m.tie("o0", "t0", None);
    let a = m.run();
    assert_eq!(a.live.ties.len(), 1);
    let tie = tie_between(&m, &a, "o0", "t0").unwrap();
    assert_eq!(tie.meetings, 0, "the event adds no shared meeting");
}

#[test]
fn a_twenty_thousand_person_event_is_linear() {
    // 20,000 attendees would make 200 million pairs; as a large event it
    // makes none, and the analysis finishes at once.
    let m = all_hands(10_000, 10_000);
    let a = m.run();
    assert!(a.live.ties.is_empty());
    assert_eq!(a.coverage.len(), 10_000);
}

// ---- SPEC §5 revised: stance, no-champion, weights ------------------------

fn weight(m: &Map, a: &Analysis, kind: RiskKind, subject: &str) -> Option<u32> {
    a.risks
        .iter()
        .find(|r| r.kind == kind && r.subject_id(&m.p) == subject)
        .map(|r| r.weight)
}

#[test]
fn no_champion_is_raised_until_a_partner_champion_is_reachable() {
    let base = Map::new()
        .ours("o")
        .theirs("t")
        .theirs("far")
        .met(1, &["o", "t"]);
    let none = base.run();
    assert_eq!(
        has(&base, &none, RiskKind::NoChampion, "partnership"),
        Some(Severity::High)
    );
    // A champion who cannot be reached does not count.
    let far = Map { p: base.p.clone() }.stance("far", Stance::Champion);
    let a = far.run();
    assert_eq!(
        has(&far, &a, RiskKind::NoChampion, "partnership"),
        Some(Severity::High)
    );
    let detail = risk_detail(
        &far.p,
        AS_OF,
        a.risks
            .iter()
            .find(|r| r.kind == RiskKind::NoChampion)
            .unwrap(),
    );
    assert!(detail.contains("1 champion cannot be reached"), "{detail}");
    // Nor does one of ours, nor a partner champion who has left.
    let ours = Map { p: base.p.clone() }.stance("o", Stance::Champion);
    assert!(has(&ours, &ours.run(), RiskKind::NoChampion, "partnership").is_some());
    let gone = Map { p: base.p.clone() }
        .stance("t", Stance::Champion)
        .left("t", 1);
    assert!(has(&gone, &gone.run(), RiskKind::NoChampion, "partnership").is_some());
    // A reachable partner champion clears it.
    let near = Map { p: base.p.clone() }.stance("t", Stance::Champion);
    let a = near.run();
    assert_eq!(has(&near, &a, RiskKind::NoChampion, "partnership"), None);
    assert!(a.risks.iter().all(|r| r.people.len() <= 1));
}

#[test]
fn champions_count_like_executives_in_severities() {
    // c1 unreachable; c2 reached only through o2 (a single point); c3
    // covered by o1 alone; c4 with a stale tie only.
    let m = Map::new()
        .ours("o1")
        .ours("o2")
        .theirs("c1")
        .theirs("c2")
        .theirs("c3")
        .theirs("c4")
        .stance("c1", Stance::Champion)
        .stance("c2", Stance::Champion)
        .stance("c3", Stance::Champion)
        .stance("c4", Stance::Champion)
        .met(1, &["o2", "c2"])
        .met(1, &["o1", "c3"])
        .met(200, &["o1", "c4"]);
    let a = m.run();
    assert_eq!(
        has(&m, &a, RiskKind::Unreachable, "c1"),
        Some(Severity::Critical)
    );
    assert_eq!(
        has(&m, &a, RiskKind::SinglePoint, "o2"),
        Some(Severity::Critical)
    );
    assert_eq!(
        has(&m, &a, RiskKind::SingleThreaded, "c3"),
        Some(Severity::High)
    );
    assert_eq!(
        has(&m, &a, RiskKind::StaleTie, "c4"),
        Some(Severity::Medium)
    );
    // Weights: 3 × 9, 9, 9, 1.
    assert_eq!(weight(&m, &a, RiskKind::Unreachable, "c1"), Some(27));
    assert_eq!(weight(&m, &a, RiskKind::SinglePoint, "o2"), Some(9));
    assert_eq!(weight(&m, &a, RiskKind::SingleThreaded, "c3"), Some(9));
    assert_eq!(weight(&m, &a, RiskKind::StaleTie, "c4"), Some(1));
}

#[test]
fn single_threaded_counts_people_reached_only_through_colleagues() {
    // x (executive) is reached through t (staff) alone, no one of ours
    // meets x: direct coverage 0, still single-threaded, with no people.
    // u (senior) is unreachable: unreachable, never single-threaded.
    let m = Map::new()
        .ours("o")
        .theirs("t")
        .person("x", Side::Partner, Level::Executive)
        .person("u", Side::Partner, Level::Senior)
        .met(1, &["o", "t"])
        .met(1, &["t", "x"]);
    let a = m.run();
    let r = a
        .risks
        .iter()
        .find(|r| r.kind == RiskKind::SingleThreaded)
        .unwrap();
    assert_eq!(r.subject_id(&m.p), "x");
    assert_eq!(r.severity, Severity::High);
    assert!(r.people.is_empty());
    assert_eq!(r.weight, 9);
    let detail = risk_detail(&m.p, AS_OF, r);
    assert!(
        detail.contains("reached only through colleagues"),
        "{detail}"
    );
    assert_eq!(has(&m, &a, RiskKind::SingleThreaded, "u"), None);
    assert_eq!(
        has(&m, &a, RiskKind::Unreachable, "u"),
        Some(Severity::High)
    );
    assert_eq!(weight(&m, &a, RiskKind::Unreachable, "u"), Some(9));
    // t is the only path to x: weight I(x) = 9; o too (to t and x): 1 + 9.
    assert_eq!(weight(&m, &a, RiskKind::SinglePoint, "t"), Some(9));
    assert_eq!(weight(&m, &a, RiskKind::SinglePoint, "o"), Some(10));
}

#[test]
fn stale_tie_is_one_risk_per_thinly_covered_partner_person() {
    // p1: stale ties with o1 and o2, covered by nobody → one risk, both
    // listed. p2: stale tie with o1 but covered by o2 and o3 → none.
    // p3: stale tie with o1, covered by o2 alone → one risk.
    let m = Map::new()
        .ours("o1")
        .ours("o2")
        .ours("o3")
        .theirs("p1")
        .theirs("p2")
        .theirs("p3")
        .met(120, &["o1", "p1"])
        .met(100, &["o2", "p1"])
        .met(100, &["o1", "p2"])
        .met(1, &["o2", "p2"])
        .met(1, &["o3", "p2"])
        .met(100, &["o1", "p3"])
        .met(1, &["o2", "p3"]);
    let a = m.run();
    let stale: Vec<_> = risk_list(&m, &a)
        .into_iter()
        .filter(|r| r.0 == RiskKind::StaleTie)
        .map(|r| (r.2, r.3))
        .collect();
    assert_eq!(
        stale,
        [
            ("p1".to_string(), vec!["o1".to_string(), "o2".to_string()]),
            ("p3".to_string(), vec!["o1".to_string()]),
        ]
    );
    let p1 = a
        .risks
        .iter()
        .find(|r| r.kind == RiskKind::StaleTie && r.subject_id(&m.p) == "p1")
        .unwrap();
    // The latest of the two stale contacts.
    let detail = risk_detail(&m.p, AS_OF, p1);
    assert!(
        detail.contains("the latest contact was 100 days ago"),
        "{detail}"
    );
}

#[test]
fn the_risk_score_is_the_sum_of_the_weights_in_the_spec_table() {
    // Bus factor 1 (o): 18. no-champion: 9. x executive, covered by o
    // alone: single-threaded 9, exec-gap 3. o is a single point for x and
    // s (senior): 9 + 3. s single-threaded (direct 0): 3.
    let m = Map::new()
        .ours("o")
        .person("x", Side::Partner, Level::Executive)
        .person("s", Side::Partner, Level::Senior)
        .met(1, &["o", "x"])
        .met(1, &["x", "s"]);
    let a = m.run();
    let weights: Vec<_> = a
        .risks
        .iter()
        .map(|r| (r.kind, r.subject_id(&m.p).to_string(), r.weight))
        .collect();
    assert_eq!(
        weights,
        [
            // Critical: bus factor 1; o's exposure holds an executive.
            (RiskKind::BusFactor, "partnership".to_string(), 18),
            (RiskKind::SinglePoint, "o".to_string(), 12),
            // High.
            (RiskKind::NoChampion, "partnership".to_string(), 9),
            (RiskKind::SingleThreaded, "x".to_string(), 9),
            // Medium: x's exposure is one senior.
            (RiskKind::SinglePoint, "x".to_string(), 3),
            (RiskKind::SingleThreaded, "s".to_string(), 3),
            (RiskKind::ExecGap, "x".to_string(), 3),
        ]
    );
    assert_eq!(a.risk_score(), 12 + 3 + 18 + 9 + 9 + 3 + 3);
}
