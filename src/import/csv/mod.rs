//! Contacts from a CSV file: the header row is found by its names (after
//! LinkedIn's `Notes:` lines, whatever the delimiter), then each row is
//! one contact. A report's footer (Salesforce's totals and copyright,
//! one cell a line) is no contact and is passed over.

mod columns;
mod layout;

pub use columns::{ColumnMap, KEYS as COLUMN_KEYS};

use super::ReadError;
use super::contact::Contact;
use super::summary::{Format, Origin, Unit};
use csv::{ReaderBuilder, StringRecord};
use layout::Columns;

/// How many rows are read looking for the header.
const HEADER_SEARCH: usize = 50;

/// The contacts of a CSV file's `text`, and which exporter's it is.
pub fn contacts(
    text: &str,
    file: usize,
    map: Option<&ColumnMap>,
) -> Result<(Format, Vec<Contact>), ReadError> {
    // The csv crate counts a record after CRLF from the line before it.
    let text = if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    for delimiter in [b',', b';', b'\t'] {
        if let Some(found) = with_delimiter(&text, delimiter, file, map)? {
            return Ok(found);
        }
    }
    Err(no_header(&text, map))
}

/// The contacts, when a header is found with this delimiter.
fn with_delimiter(
    text: &str,
    delimiter: u8,
    file: usize,
    map: Option<&ColumnMap>,
) -> Result<Option<(Format, Vec<Contact>)>, ReadError> {
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let mut columns = None;
    for record in records.by_ref().take(HEADER_SEARCH) {
        if let Some(found) = Columns::find(&record.map_err(csv_error)?, map) {
            columns = Some(found);
            break;
        }
    }
    let Some(columns) = columns else {
        return Ok(None);
    };
    let mut contacts = Vec::new();
    for record in records {
        let record = record.map_err(csv_error)?;
        let filled = record.iter().filter(|c| !c.trim().is_empty()).count();
        // A blank row, or a line of one cell under a header of several (a
        // report's footer: totals, copyright), holds no contact.
        if filled == 0 || (record.len() == 1 && columns.width > 2) {
            continue;
        }
        let origin = Origin {
            file,
            line: line_of(&record),
            unit: Unit::Row,
        };
        contacts.push(columns.contact(&record, origin));
    }
    Ok(Some((columns.format.unwrap_or(Format::Csv), contacts)))
}

fn line_of(record: &StringRecord) -> usize {
    record
        .position()
        .map_or(0, |p| usize::try_from(p.line()).unwrap_or(usize::MAX))
}

fn csv_error(e: csv::Error) -> ReadError {
    let line = e
        .position()
        .map(|p| usize::try_from(p.line()).unwrap_or(usize::MAX));
    ReadError {
        line,
        problem: format!("not a CSV file this can read: {e}"),
    }
}

/// No row is a header: say what the first line holds and how to name
/// the columns.
fn no_header(text: &str, map: Option<&ColumnMap>) -> ReadError {
    let problem = match map {
        Some(map) => format!(
            "no line has all the columns given with --columns ({})",
            crate::text::clip(&map.to_string())
        ),
        None => {
            let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            format!(
                "no column of names (such as \"Name\" or \"First Name\") in the header {:?}; \
                 name the columns with --columns name=…,email=…",
                crate::text::clip(first)
            )
        }
    };
    ReadError {
        line: Some(1),
        problem,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn linkedin_notes_come_before_the_header() {
        let text = "Notes:\n\"When exporting your connection data, you may notice that some, of the email addresses are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nLi,Wei,https://www.linkedin.com/in/liwei,,Contoso,CFO,03 Nov 2025\n";
        let (format, contacts) = contacts(text, 0, None).unwrap();
        assert_eq!(format, Format::LinkedIn);
        assert_eq!(contacts.len(), 1);
        assert_eq!(contacts[0].name, "Li Wei");
        assert_eq!(contacts[0].origin.line, 5);
        assert_eq!(contacts[0].company.as_deref(), Some("Contoso"));
    }

    #[test]
    fn semicolons_footers_and_missing_names() {
        let text = "Name;Email;Title\nLi Wei;li@contoso.example;CFO\n\n\"Grand Totals (1 records)\"\n\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"\n";
        let (_, contacts) = contacts(text, 0, None).unwrap();
        assert_eq!(contacts.len(), 1);
        let e = super::contacts("Email,Phone\na@b.example,1\n", 0, None).unwrap_err();
        assert_eq!(e.line, Some(1));
        assert!(e.problem.contains("no column of names"), "{}", e.problem);
    }
}
