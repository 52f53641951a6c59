//! `partnermap import` on the samples in `data/samples/` (each exporter's
//! real layout and quirks), with counts worked out by hand from the
//! samples and a small base file; importing again changes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{fails, manifest_dir, ok, pm_file, read_json, run, write_temp};
use serde_json::{Value, json};
use std::fs;
use std::path::{Path, PathBuf};

const AS_OF: &str = "2026-11-24";

fn sample(name: &str) -> PathBuf {
    manifest_dir().join("data/samples").join(name)
}

/// Three of ours and three of Contoso's, some fields left empty.
fn base() -> Value {
    json!({
        "schema": 1,
        "partnership": {"name": "Northwind × Contoso", "ours": "Northwind", "partner": "Contoso"},
        "people": [
            {"id": "ana", "name": "Ana Ruiz", "side": "ours", "email": "ana@northwind.example",
             "title": "VP Alliances", "level": "executive"},
            {"id": "sam", "name": "Sam Okafor", "side": "ours", "email": "sam@northwind.example"},
            {"id": "tom", "name": "Tom Reyes", "side": "ours", "email": "tom@northwind.example"},
            {"id": "carlos", "name": "Carlos Mendes", "side": "partner",
             "email": "carlos@contoso.example", "title": "COO"},
            {"id": "li", "name": "Li Wei", "side": "partner"},
            {"id": "rosa", "name": "Rosa Alvarez", "side": "partner", "email": "rosa@contoso.example"}
        ]
    })
}

/// `partnermap --file FILE import ARGS… --as-of AS_OF`, which must succeed.
fn import(file: &Path, args: &[&str]) -> String {
    let mut all = vec!["import", "--as-of", AS_OF];
    all.extend_from_slice(args);
    ok(pm_file(file, &all))
}

fn person<'a>(file: &'a Value, id: &str) -> &'a Value {
    file["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {file:#}"))
}

fn ids(file: &Value) -> Vec<String> {
    file["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn linkedin_connections_match_fill_add_and_skip_by_company() {
    let (_dir, file) = write_temp("p.json", &base());
    let out = import(
        &file,
        &[sample("linkedin-connections.csv").to_str().unwrap()],
    );
    assert!(
        out.starts_with(
            "Imported: 4 people added, 3 matched (3 fields filled), 0 meetings added, 4 skipped"
        ),
        "{out}"
    );
    assert!(out.contains("LinkedIn connections (CSV), 11 rows"), "{out}");
    // Li Wei is matched by name on Contoso's side; empty fields are filled.
    assert!(
        out.contains("Li Wei: title, email (linkedin-connections.csv line 5)"),
        "{out}"
    );
    assert!(
        out.contains("Tom Reyes: title (linkedin-connections.csv line 10)"),
        "{out}"
    );
    assert!(
        out.contains(
            "linkedin-connections.csv line 12: Yuki Tanaka (company \"Tailspin Toys\"): on no side"
        ),
        "{out}"
    );
    assert!(
        out.contains("linkedin-connections.csv line 15: no name"),
        "{out}"
    );
    assert!(
        out.contains("Kenji Mori: \"Director of Store Systems\" → senior"),
        "{out}"
    );
    let after = read_json(&file);
    assert_eq!(person(&after, "li")["email"], "li@contoso.example");
    assert_eq!(person(&after, "li")["title"], "Chief Financial Officer");
    // What the user wrote stays: Carlos keeps "COO".
    assert_eq!(person(&after, "carlos")["title"], "COO");
    assert_eq!(person(&after, "marta-kowalczyk")["side"], "partner");
    assert_eq!(person(&after, "marta-kowalczyk")["level"], "staff");
    assert_eq!(person(&after, "amara-okoye")["level"], "manager");
    assert_eq!(person(&after, "lena-fischer")["side"], "ours");
    assert_eq!(ids(&after).len(), 10);
}

#[test]
fn an_org_chart_gives_reporting_lines_by_supervisor_id() {
    let (_dir, file) = write_temp("p.json", &base());
    let out = import(
        &file,
        &[
            "--side",
            "partner",
            sample("contoso-org-chart.csv").to_str().unwrap(),
        ],
    );
    assert!(out.contains("org chart (CSV), 5 rows"), "{out}");
    assert!(
        out.starts_with("Imported: 4 people added, 1 matched (1 field filled)"),
        "{out}"
    );
    let after = read_json(&file);
    assert_eq!(person(&after, "carlos")["team"], "Operations");
    assert_eq!(person(&after, "kenji-mori")["reports_to"], "carlos");
    assert_eq!(person(&after, "ella-schmidt")["reports_to"], "kenji-mori");
    assert_eq!(person(&after, "ada-nwosu")["reports_to"], "bruno-costa");
    ok(pm_file(&file, &["check"]));
}

#[test]
fn outlook_windows_1252_with_quoted_headers_and_managers_by_name() {
    let (_dir, file) = write_temp("p.json", &base());
    let out = import(&file, &[sample("outlook-contacts.csv").to_str().unwrap()]);
    assert!(out.contains("Outlook contacts (CSV), 4 rows"), "{out}");
    assert!(
        out.starts_with("Imported: 4 people added, 0 matched"),
        "{out}"
    );
    let after = read_json(&file);
    let jurgen = person(&after, "jürgen-müller");
    assert_eq!(jurgen["name"], "Jürgen Müller");
    // "Title" is Outlook's "Hr."; the job is "Job Title".
    assert_eq!(jurgen["title"], "Head of Procurement");
    assert_eq!(jurgen["reports_to"], "grace-liu");
    assert_eq!(
        person(&after, "stefan-wagner")["reports_to"],
        "jürgen-müller"
    );
    // An Exchange path is no e-mail address; the company puts Inês on our side.
    let ines = person(&after, "inês-duarte");
    assert_eq!(ines["side"], "ours");
    assert_eq!(ines["email"], Value::Null);
    assert_eq!(ines["level"], "executive");
    // Grace, whom Jürgen reports to, is added before him.
    let order = ids(&after);
    let at = |id: &str| order.iter().position(|x| x == id).unwrap();
    assert!(at("grace-liu") < at("jürgen-müller"), "{order:?}");
    ok(pm_file(&file, &["check"]));
}

#[test]
fn google_both_layouts_salesforce_hubspot_and_outlook_com() {
    let (_dir, file) = write_temp("p.json", &base());
    let files = [
        "google-contacts.csv",
        "google-contacts-legacy.csv",
        "salesforce-contacts.csv",
        "hubspot-contacts.csv",
        "outlook-com-contacts.csv",
    ]
    .map(|f| sample(f).to_str().unwrap().to_string());
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let out = import(&file, &args);
    for said in [
        "google-contacts.csv: Google Contacts (CSV), 4 rows",
        "google-contacts-legacy.csv: Google Contacts (CSV), 3 rows",
        "salesforce-contacts.csv: Salesforce report (CSV), 5 rows",
        "hubspot-contacts.csv: HubSpot contacts (CSV), 4 rows",
        "outlook-com-contacts.csv: Outlook contacts (CSV), 2 rows",
        "hubspot-contacts.csv line 5: no name",
    ] {
        assert!(out.contains(said), "{said:?} not in\n{out}");
    }
    let after = read_json(&file);
    // Google's "Manager" relation, in both layouts.
    assert_eq!(person(&after, "kenji-mori")["reports_to"], "carlos");
    assert_eq!(person(&after, "ella-schmidt")["reports_to"], "kenji-mori");
    assert_eq!(person(&after, "julia-berg")["reports_to"], "omar-farouk");
    // Salesforce's "Reports To".
    assert_eq!(person(&after, "hana-sato")["reports_to"], "carlos");
    assert_eq!(person(&after, "dmitri-volkov")["reports_to"], "hana-sato");
    assert_eq!(person(&after, "priya-shah")["reports_to"], "dmitri-volkov");
    // Li Wei: "li@contoso.example ::: …" fills the empty e-mail; "CFO" the title.
    assert_eq!(person(&after, "li")["email"], "li@contoso.example");
    assert_eq!(person(&after, "li")["title"], "CFO");
    // Outlook.com: Ana is matched by e-mail; her title is hers, her manager
    // Priya Nair is no one here.
    assert_eq!(person(&after, "ana")["title"], "VP Alliances");
    assert!(
        out.contains("Ana Ruiz's manager \"Priya Nair\" is no one on the same side"),
        "{out}"
    );
    assert_eq!(person(&after, "lena-fischer")["reports_to"], "ana");
    ok(pm_file(&file, &["check"]));
}

#[test]
fn vcards_2_1_3_0_and_4_0_with_their_managers() {
    let (_dir, file) = write_temp("p.json", &base());
    let files = [
        "outlook-contacts-v21.vcf",
        "apple-contacts-v3.vcf",
        "google-contacts-v4.vcf",
    ]
    .map(|f| sample(f).to_str().unwrap().to_string());
    let mut args: Vec<&str> = files.iter().map(String::as_str).collect();
    args.extend([
        "--partner-domain",
        "contoso.example",
        "--ours-domain",
        "northwind.example",
    ]);
    let out = import(&file, &args);
    assert!(
        out.starts_with(
            "Imported: 6 people added, 1 matched (1 field filled), 0 meetings added, 1 skipped"
        ),
        "{out}"
    );
    assert!(
        out.contains("outlook-contacts-v21.vcf: vCard contacts, 3 cards"),
        "{out}"
    );
    assert!(
        out.contains("apple-contacts-v3.vcf card 3 (line 26): Yuki Tanaka"),
        "{out}"
    );
    let after = read_json(&file);
    assert_eq!(
        after["partnership"]["domains"],
        json!({"ours": ["northwind.example"], "partner": ["contoso.example"]})
    );
    // vCard 2.1: Windows-1252 and quoted-printable UTF-8.
    assert_eq!(person(&after, "jürgen-müller")["team"], "Procurement");
    assert_eq!(person(&after, "inês-duarte")["side"], "ours");
    // Apple's X-ABRELATEDNAMES and vCard 4.0's RELATED, labelled Manager.
    assert_eq!(person(&after, "marta-kowalczyk")["reports_to"], "li");
    assert_eq!(person(&after, "henrik-larsen")["reports_to"], "carlos");
    assert!(
        out.contains("Sofia Rossi's manager \"Dmitri Volkov\" is no one on the same side"),
        "{out}"
    );
    assert!(
        out.contains("Jürgen Müller's manager \"Grace Liu\" is no one on the same side"),
        "{out}"
    );
    // Sam is matched by e-mail: his empty title is filled, nothing else.
    assert_eq!(person(&after, "sam")["title"], "Account Director");
}

#[test]
fn calendars_from_google_and_outlook_become_meetings_and_import_once() {
    let (_dir, file) = write_temp("p.json", &base());
    let google = sample("google-calendar.ics");
    let outlook = sample("outlook-calendar.ics");
    let args = [
        google.to_str().unwrap(),
        outlook.to_str().unwrap(),
        "--partner-domain",
        "contoso.example",
        "--ours-domain",
        "northwind.example",
    ];
    let out = import(&file, &args);
    assert!(
        out.starts_with(
            "Imported: 8 people added, 0 matched (0 fields filled), 16 meetings added, 3 skipped"
        ),
        "{out}"
    );
    assert!(out.contains("Left out: 4 events cancelled; 3 events after 2026-11-24 (planned); 2 guests who declined; 3 rooms and resources; 1 unknown attendee whose domain is neither side's (jules@fabrikam.example)"), "{out}");
    assert!(out.contains("google-calendar.ics event 6 (line 157): \"Pricing pre-read\": no one from Contoso attends"), "{out}");
    let after = read_json(&file);
    let meetings = after["meetings"].as_array().unwrap();
    let by_source = |source: &str| {
        meetings
            .iter()
            .find(|m| m["source"] == source)
            .unwrap_or_else(|| panic!("no {source}"))
    };
    // UTC in the calendar's zone; the LA call on its own day there.
    let deep_dive = by_source("ics:5f1b0c7d2e9a4b3c8d6e0f1a2b3c4d5e@google.com");
    assert_eq!(deep_dive["date"], "2026-10-12");
    assert_eq!(
        deep_dive["attendees"],
        json!(["ana", "jo-park", "dmitri-volkov"])
    );
    assert_eq!(
        by_source("ics:1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a@google.com")["date"],
        "2026-10-20"
    );
    // The moved occurrence keeps its original day in its source.
    let moved = by_source("ics:0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d@google.com/2026-10-28");
    assert_eq!(moved["date"], "2026-10-29");
    assert_eq!(moved["attendees"], json!(["ana", "rosa", "tariq-aziz"]));
    // Outlook: Windows zone names, MAILTO: in capitals, the declined and
    // the rooms out, the organiser in; the weekly series expanded.
    let sync: Vec<&Value> = meetings
        .iter()
        .filter(|m| {
            m["source"]
                .as_str()
                .unwrap()
                .starts_with("ics:040000008200E00074C5B7101A82E0080000000070A9")
        })
        .collect();
    let days: Vec<&str> = sync.iter().map(|m| m["date"].as_str().unwrap()).collect();
    assert_eq!(
        days,
        [
            "2026-09-29",
            "2026-10-13",
            "2026-10-20",
            "2026-10-27",
            "2026-11-03",
            "2026-11-11",
            "2026-11-24"
        ]
    );
    assert_eq!(sync[0]["attendees"], json!(["carlos", "ana"]));
    let qbr = by_source(
        "ics:040000008200E00074C5B7101A82E00800000000B0E1F2A3C4D5DC01000000000000000010000000A1B2C3D4E5F60718293A4B5C6D7E8F90",
    );
    assert_eq!(
        qbr["attendees"],
        json!(["ana", "li", "sam", "marta-kowalczyk"])
    );
    // The unknown guest of a partner domain is named from the address.
    assert_eq!(person(&after, "marta-kowalczyk")["name"], "Marta Kowalczyk");
    // Again: nothing changes, and the file is not even rewritten.
    let bytes = fs::read(&file).unwrap();
    let again = import(&file, &args);
    assert!(
        again.starts_with("Nothing to change: 0 people added"),
        "{again}"
    );
    assert!(again.contains("16 events already in the file"), "{again}");
    assert_eq!(fs::read(&file).unwrap(), bytes);
}

#[test]
fn a_changed_event_is_left_alone_and_needs_a_look() {
    let (dir, file) = write_temp("p.json", &base());
    let calendar = dir.path().join("calendar.ics");
    fs::copy(sample("google-calendar.ics"), &calendar).unwrap();
    let args = [
        calendar.to_str().unwrap(),
        "--partner-domain",
        "contoso.example",
    ];
    import(&file, &args);
    let text = fs::read_to_string(&calendar).unwrap();
    let moved = text.replace(
        "America/Los_Angeles:20261020T170000",
        "America/Los_Angeles:20261021T170000",
    );
    fs::write(&calendar, moved).unwrap();
    let bytes = fs::read(&file).unwrap();
    let out = import(&file, &args);
    assert!(out.contains("calendar.ics event 7 (line 178): "), "{out}");
    assert!(out.contains("\"Digital roadmap call with Victor Lindqvist\": changed in the calendar since it was imported as m-0008 (moved from 2026-10-20 to 2026-10-21); the meeting was left as it is"), "{out}");
    assert_eq!(fs::read(&file).unwrap(), bytes);
}

#[test]
fn dry_run_writes_nothing_and_columns_read_any_csv() {
    let (dir, file) = write_temp("p.json", &base());
    let csv = dir.path().join("crm.csv");
    fs::write(
        &csv,
        "Full name;Mail;Role;Org\nNadia Haddad;nadia@contoso.example;Head of Retail;Contoso AG\n",
    )
    .unwrap();
    let bytes = fs::read(&file).unwrap();
    let columns = "--columns=name=Full name,email=Mail,title=Role,company=Org";
    let out = import(&file, &["--dry-run", columns, csv.to_str().unwrap()]);
    assert!(
        out.starts_with("Dry run, nothing written: 1 person added"),
        "{out}"
    );
    assert!(out.contains("contacts (CSV), 1 row"), "{out}");
    assert_eq!(fs::read(&file).unwrap(), bytes);
    import(&file, &[columns, csv.to_str().unwrap()]);
    assert_eq!(person(&read_json(&file), "nadia-haddad")["level"], "senior");
    let bad = fails(
        pm_file(
            &file,
            &["import", "--columns", "phone=Tel", csv.to_str().unwrap()],
        ),
        2,
    );
    assert!(
        bad.stderr
            .contains("\"phone\" is not one of name, email, title, company, team, manager"),
        "{}",
        bad.stderr
    );
    let missing = run(pm_file(
        &file,
        &["import", "--columns", "name=Nom", csv.to_str().unwrap()],
    ));
    assert_eq!(missing.code, 1, "{}", missing.stderr);
    assert!(
        missing.stderr.contains(
            "crm.csv: line 1: no line has all the columns given with --columns (name=Nom)"
        ),
        "{}",
        missing.stderr
    );
}

#[test]
fn a_contact_made_matchable_by_a_later_one_is_matched_and_a_second_import_changes_nothing() {
    // Found by the fuzzer: card 1 is on no side until card 2 adds someone
    // with its address; one pass would skip it now and match it next time.
    let (dir, file) = write_temp("p.json", &base());
    let cards = dir.path().join("cards.vcf");
    fs::write(
        &cards,
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:J. Mueller\r\nORG:Elsewhere;Procurement\r\nEMAIL:jm@private.example\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jürgen Müller\r\nORG:Contoso\r\nEMAIL:jm@private.example\r\nEMAIL:juergen@contoso.example\r\nEND:VCARD\r\n",
    )
    .unwrap();
    let args = [
        cards.to_str().unwrap(),
        "--partner-domain",
        "contoso.example",
    ];
    let out = import(&file, &args);
    assert!(
        out.starts_with(
            "Imported: 1 person added, 1 matched (0 fields filled), 0 meetings added, 0 skipped"
        ),
        "{out}"
    );
    assert_eq!(
        person(&read_json(&file), "jürgen-müller")["team"],
        "Procurement"
    );
    let bytes = fs::read(&file).unwrap();
    let again = import(&file, &args);
    assert!(again.starts_with("Nothing to change"), "{again}");
    assert_eq!(fs::read(&file).unwrap(), bytes);
}
