//! The CSV writer on arbitrary names and ids: every report re-parses, with
//! the `csv` crate, to exactly the cells of the report, each with its
//! control and bidirectional characters escaped (`\u{1b}`) and defused when
//! it then starts like a formula; no cell starts like a formula unguarded,
//! and no control character but the line ends reaches the output.

#![no_main]

use arbitrary::Arbitrary;
use jiff::civil::date;
use libfuzzer_sys::fuzz_target;
use partnermap::analysis::Analysis;
use partnermap::date::add_days;
use partnermap::export::{
    self, CoverageReport, Format, Report, RiskReport, Style, csv_cell, guard,
};
use partnermap::graph::Scenario;
use partnermap::model::{Level, Meeting, Partnership, Person, Side, Tie};
use partnermap::text::{needs_escape, printable};

#[derive(Debug, Arbitrary)]
struct Input {
    name: String,
    people: Vec<(String, String, bool, u8, Option<String>)>,
    ties: Vec<(u8, u8, Option<u8>)>,
    meetings: Vec<(Vec<u8>, u8)>,
    cells: Vec<String>,
}

const DANGEROUS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn build(input: &Input) -> Partnership {
    let mut p = Partnership::default();
    p.names.name = input.name.clone();
    p.names.ours = "Us".into();
    p.names.partner = "Them".into();
    let as_of = date(2026, 11, 24);
    for (i, (id, name, partner, level, title)) in input.people.iter().take(24).enumerate() {
        // Ids must be unique and non-empty; anything else goes.
        let id = if id.is_empty() || p.person(id).is_some() {
            format!("{id}#{i}")
        } else {
            id.clone()
        };
        let side = if *partner { Side::Partner } else { Side::Ours };
        let mut person = Person::new(id, name.clone(), side);
        person.level = Level::ALL[usize::from(*level) % 4];
        person.title = title.clone();
        p.people.push(person);
    }
    let n = p.people.len();
    if n == 0 {
        return p;
    }
    for (a, b, last) in input.ties.iter().take(64) {
        let (a, b) = (usize::from(*a) % n, usize::from(*b) % n);
        let (ida, idb) = (p.people[a].id.clone(), p.people[b].id.clone());
        if a == b || p.ties.iter().any(|t| t.joins(&ida, &idb)) {
            continue;
        }
        let mut tie = Tie::new(ida, idb);
        tie.last_contact = last.map(|d| add_days(as_of, -i64::from(d) * 2));
        p.ties.push(tie);
    }
    for (k, (who, age)) in input.meetings.iter().take(64).enumerate() {
        let mut attendees: Vec<String> = Vec::new();
        for w in who {
            let id = &p.people[usize::from(*w) % n].id;
            if !attendees.contains(id) {
                attendees.push(id.clone());
            }
        }
        if attendees.is_empty() {
            continue;
        }
        p.meetings.push(Meeting {
            id: format!("m-{k:04}"),
            date: add_days(as_of, -i64::from(*age)),
            title: None,
            attendees,
            notes: None,
            source: None,
            extra: Default::default(),
        });
    }
    p
}

fn parse(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| match r {
            Ok(record) => record.iter().map(str::to_string).collect(),
            Err(e) => panic!("the CSV does not parse: {e}\n{text}"),
        })
        .collect()
}

fn check(text: &str, expected: Vec<Vec<String>>) {
    // Only the writer's own line ends are left raw.
    assert!(
        !text.chars().any(|c| c != '\n' && needs_escape(c)),
        "a raw control character in {text:?}"
    );
    let rows = parse(text);
    assert_eq!(
        rows.len(),
        expected.len() + 1,
        "one header and one row per record"
    );
    for (row, cells) in rows.iter().skip(1).zip(expected) {
        let written: Vec<String> = cells
            .iter()
            .map(|c| guard(&printable(c)).into_owned())
            .collect();
        assert_eq!(row, &written);
        for cell in row {
            assert!(!cell.starts_with(DANGEROUS), "unguarded cell {cell:?}");
            assert!(!cell.chars().any(needs_escape), "unescaped cell {cell:?}");
        }
    }
}

fuzz_target!(|input: Input| {
    for cell in &input.cells {
        let g = guard(cell);
        if cell.starts_with(DANGEROUS) {
            assert_eq!(g, format!("'{cell}"));
        } else {
            assert_eq!(g, cell.as_str());
        }
        let written = csv_cell(cell);
        assert_eq!(written, guard(&printable(cell)));
        assert!(
            !written.starts_with(DANGEROUS),
            "unguarded cell {written:?}"
        );
        assert!(
            !written.chars().any(needs_escape),
            "unescaped cell {written:?}"
        );
    }
    let p = build(&input);
    let a = Analysis::run(&p, &Scenario::on(date(2026, 11, 24)));

    let risks = RiskReport::new(&p, &a).json();
    let expected = risks
        .risks
        .iter()
        .map(|r| {
            vec![
                r.severity.to_string(),
                r.kind.to_string(),
                r.weight.to_string(),
                r.subject.clone(),
                r.subject_name.clone(),
                r.side.unwrap_or("").to_string(),
                r.people.join(";"),
                r.detail.clone(),
            ]
        })
        .collect();
    check(
        &export::risks(&p, &a, Format::Csv, Style::default()),
        expected,
    );

    let coverage = CoverageReport::new(&p, &a).json();
    let expected = coverage
        .people
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                r.name.clone(),
                r.level.to_string(),
                r.key.to_string(),
                r.stance.unwrap_or("").to_string(),
                r.direct.to_string(),
                r.covered_by.join(";"),
                r.depends_on.join(";"),
                r.reachable.to_string(),
                r.last_contact.clone().unwrap_or_default(),
            ]
        })
        .collect();
    check(
        &export::coverage(&p, &a, Format::Csv, Style::default()),
        expected,
    );
});
