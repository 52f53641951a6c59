//! Which column holds what, found by header name and never by position,
//! for every exporter SPEC §11 names (LinkedIn, Google Contacts, Outlook,
//! Salesforce, HubSpot, org charts) and for `--columns`.

use super::columns::ColumnMap;
use crate::import::contact::{Contact, ManagerRef, emails_in, first_value};
use crate::import::summary::{Format, Origin};
use csv::StringRecord;

/// A full name in one column.
const FULL_NAME: &[&str] = &[
    "name",
    "full name",
    "display name",
    "contact name",
    "employee name",
    "contact full name",
];
const FIRST: &[&str] = &["first name", "given name", "firstname", "first"];
const MIDDLE: &[&str] = &["middle name", "additional name"];
const LAST: &[&str] = &["last name", "family name", "surname", "lastname", "last"];
/// Job titles, best first: Outlook's `Title` is "Mr." and its job title is
/// `Job Title`, so `title` comes last.
const TITLE: &[&str] = &[
    "job title",
    "organization title",
    "organization 1 - title",
    "position",
    "title",
    "role",
];
const COMPANY: &[&str] = &[
    "company",
    "company name",
    "organization name",
    "organization 1 - name",
    "organization",
    "account name",
    "employer",
];
const TEAM: &[&str] = &[
    "department",
    "organization department",
    "organization 1 - department",
    "team",
    "division",
];
const MANAGER: &[&str] = &[
    "manager's name",
    "manager",
    "manager name",
    "reports to",
    "reports to name",
    "supervisor",
    "supervisor name",
    "line manager",
];
const ROW_ID: &[&str] = &[
    "personid",
    "person id",
    "employee id",
    "employeeid",
    "emp id",
    "id",
];
const BOSS_ID: &[&str] = &[
    "supervisorid",
    "supervisor id",
    "manager id",
    "managerid",
    "reports to id",
    "reportstoid",
];
/// Courtesy titles, which Outlook keeps in a column called `Title`.
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "herr", "frau", "mme", "m",
];

/// A header cell as compared: trimmed, quotes and a BOM dropped, lower case.
pub fn header_key(cell: &str) -> String {
    cell.trim_start_matches('\u{feff}')
        .trim()
        .trim_matches('"')
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_email_header(h: &str) -> bool {
    let h = h.replace("e-mail", "email");
    matches!(
        h.as_str(),
        "email" | "email address" | "primary email" | "work email" | "emails"
    ) || (h.starts_with("email ") && (h.ends_with(" - value") || h.ends_with(" address")))
}

/// Which column holds what.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    full: Option<usize>,
    first: Option<usize>,
    middle: Option<usize>,
    last: Option<usize>,
    emails: Vec<usize>,
    title: Option<usize>,
    company: Option<usize>,
    team: Option<usize>,
    manager: Option<usize>,
    /// Google's relations: the label's column and the value's.
    relations: Vec<(usize, usize)>,
    row_id: Option<usize>,
    boss_id: Option<usize>,
    pub format: Option<Format>,
    /// How many columns the header has.
    pub width: usize,
}

impl Columns {
    /// The columns of `header`, when it names a column of names (with
    /// `map`, when it holds every column the map names).
    pub fn find(header: &StringRecord, map: Option<&ColumnMap>) -> Option<Columns> {
        let keys: Vec<String> = header.iter().map(header_key).collect();
        let at = |names: &[&str]| names.iter().find_map(|n| keys.iter().position(|k| k == n));
        let mut c = Columns {
            full: at(FULL_NAME),
            first: at(FIRST),
            middle: at(MIDDLE),
            last: at(LAST),
            emails: (0..keys.len())
                .filter(|&i| keys.get(i).is_some_and(|k| is_email_header(k)))
                .collect(),
            title: at(TITLE),
            company: at(COMPANY),
            team: at(TEAM),
            manager: at(MANAGER),
            relations: relations(&keys),
            row_id: at(ROW_ID),
            boss_id: at(BOSS_ID),
            format: None,
            width: keys.len(),
        };
        if let Some(map) = map {
            c.apply(map, &keys)?;
        }
        if c.row_id.is_none() || c.boss_id.is_none() {
            (c.row_id, c.boss_id) = (None, None);
        }
        let named = c.full.is_some() || c.first.is_some() || c.last.is_some();
        named.then(|| {
            c.format = Some(match map {
                Some(_) => Format::Csv,
                None => format_of(&keys, &c),
            });
            c
        })
    }

    /// The columns `map` names, which must all be in `keys`.
    fn apply(&mut self, map: &ColumnMap, keys: &[String]) -> Option<()> {
        let at = |name: &str| keys.iter().position(|k| *k == header_key(name));
        for (key, column) in map.named() {
            let i = at(column)?;
            match key {
                "name" => {
                    (self.full, self.first, self.middle, self.last) = (Some(i), None, None, None)
                }
                "email" => self.emails = vec![i],
                "title" => self.title = Some(i),
                "company" => self.company = Some(i),
                "team" => self.team = Some(i),
                _ => self.manager = Some(i),
            }
        }
        Some(())
    }

    /// The contact a row holds.
    pub fn contact(&self, row: &StringRecord, origin: Origin) -> Contact {
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).and_then(first_value);
        let name = cell(self.full).map_or_else(
            || {
                [self.first, self.middle, self.last]
                    .into_iter()
                    .filter_map(cell)
                    .collect::<Vec<_>>()
                    .join(" ")
            },
            str::to_string,
        );
        let mut emails = Vec::new();
        for i in &self.emails {
            for email in row.get(*i).into_iter().flat_map(emails_in) {
                if !emails
                    .iter()
                    .any(|e: &String| e.eq_ignore_ascii_case(&email))
                {
                    emails.push(email);
                }
            }
        }
        let manager = cell(self.manager)
            .and_then(ManagerRef::from_text)
            .or_else(|| self.related_manager(row))
            .or_else(|| cell(self.boss_id).map(|id| ManagerRef::RowId(id.to_string())));
        Contact {
            origin,
            name,
            emails,
            title: cell(self.title)
                .filter(|t| !is_honorific(t))
                .map(str::to_string),
            company: cell(self.company).map(str::to_string),
            team: cell(self.team).map(str::to_string),
            manager,
            row_id: cell(self.row_id).map(str::to_string),
        }
    }

    /// A Google relation labelled "Manager".
    fn related_manager(&self, row: &StringRecord) -> Option<ManagerRef> {
        self.relations.iter().find_map(|&(label, value)| {
            let label = row.get(label).and_then(first_value)?;
            let label = label.trim_start_matches('*').trim();
            label
                .eq_ignore_ascii_case("manager")
                .then(|| row.get(value).and_then(ManagerRef::from_text))
                .flatten()
        })
    }
}

/// Google's `Relation N - Label` (or `- Type`) and `Relation N - Value`.
fn relations(keys: &[String]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        let Some(rest) = key.strip_prefix("relation ") else {
            continue;
        };
        let Some(n) = rest
            .strip_suffix(" - label")
            .or_else(|| rest.strip_suffix(" - type"))
        else {
            continue;
        };
        let value = format!("relation {n} - value");
        if let Some(j) = keys.iter().position(|k| *k == value) {
            out.push((i, j));
        }
    }
    out
}

/// Whether a title is a courtesy title ("Mr.", "Dr") rather than a job.
fn is_honorific(title: &str) -> bool {
    let word = title.trim().trim_end_matches('.').to_lowercase();
    HONORIFICS.contains(&word.as_str())
}

/// Which exporter wrote a header, by the columns only it has.
fn format_of(keys: &[String], c: &Columns) -> Format {
    let has = |name: &str| keys.iter().any(|k| k == name);
    if has("connected on") || (has("url") && has("position")) {
        Format::LinkedIn
    } else if has("e-mail 1 - value") || has("organization name") || has("organization 1 - name") {
        Format::GoogleContacts
    } else if has("e-mail address") && (has("job title") || has("manager's name")) {
        Format::Outlook
    } else if has("account name") || has("contact owner") && has("reports to") {
        Format::Salesforce
    } else if has("record id") || has("lifecycle stage") || has("contact owner") {
        Format::HubSpot
    } else if c.row_id.is_some() {
        Format::OrgChart
    } else {
        Format::Csv
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn record(cells: &[&str]) -> StringRecord {
        StringRecord::from(cells.to_vec())
    }

    #[test]
    fn columns_are_found_by_name_in_any_order() {
        let header = record(&[
            "\u{feff}\"Title\"",
            "First Name",
            "Last Name",
            "E-mail Address",
            "Job Title",
            "Company",
            "Manager's Name",
        ]);
        let c = Columns::find(&header, None).unwrap();
        assert_eq!(c.format, Some(Format::Outlook));
        let row = record(&[
            "Mr.",
            "Li",
            "Wei",
            "li@contoso.example",
            "CFO",
            "Contoso",
            "Carlos Mendes",
        ]);
        let contact = c.contact(&row, Origin::default());
        assert_eq!(contact.name, "Li Wei");
        assert_eq!(contact.title.as_deref(), Some("CFO"));
        assert_eq!(contact.emails, ["li@contoso.example"]);
        assert_eq!(
            contact.manager,
            Some(ManagerRef::Name("Carlos Mendes".into()))
        );
        // Outlook's Title alone is a courtesy title, not a job.
        let header = record(&["Title", "Name"]);
        let c = Columns::find(&header, None).unwrap();
        assert_eq!(
            c.contact(&record(&["Dr.", "Li Wei"]), Origin::default())
                .title,
            None
        );
        assert_eq!(
            c.contact(&record(&["CFO", "Li Wei"]), Origin::default())
                .title
                .as_deref(),
            Some("CFO")
        );
    }

    #[test]
    fn a_header_without_names_is_no_header_and_a_map_must_fit() {
        assert!(Columns::find(&record(&["Notes:"]), None).is_none());
        assert!(Columns::find(&record(&["Email", "Phone"]), None).is_none());
        let map = ColumnMap::parse("name=Who,email=Mail").unwrap();
        let c = Columns::find(&record(&["Who", "Mail"]), Some(&map)).unwrap();
        assert_eq!(c.format, Some(Format::Csv));
        assert!(Columns::find(&record(&["Who", "Phone"]), Some(&map)).is_none());
    }

    #[test]
    fn google_relations_name_managers_and_org_charts_name_rows() {
        let header = record(&[
            "Name",
            "Relation 1 - Label",
            "Relation 1 - Value",
            "E-mail 1 - Value",
        ]);
        let c = Columns::find(&header, None).unwrap();
        let row = record(&[
            "Li Wei",
            "Manager",
            "Carlos Mendes",
            "li@contoso.example ::: li.wei@contoso.example",
        ]);
        let contact = c.contact(&row, Origin::default());
        assert_eq!(
            contact.manager,
            Some(ManagerRef::Name("Carlos Mendes".into()))
        );
        assert_eq!(contact.emails.len(), 2);
        let header = record(&["PersonID", "Name", "SupervisorID"]);
        let c = Columns::find(&header, None).unwrap();
        assert_eq!(c.format, Some(Format::OrgChart));
        let contact = c.contact(&record(&["7", "Li Wei", "3"]), Origin::default());
        assert_eq!(contact.row_id.as_deref(), Some("7"));
        assert_eq!(contact.manager, Some(ManagerRef::RowId("3".into())));
    }
}
