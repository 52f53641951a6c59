//! Contacts from a vCard file (2.1, 3.0 and 4.0), read with `calcard`:
//! the name, e-mail addresses, title, organisation and department, and the
//! manager as Apple and Google write it (`X-ABRELATEDNAMES` labelled
//! Manager), as vCard 4.0 does (`RELATED` typed or labelled manager) and as
//! Outlook does (`X-MS-MANAGER`).

use super::ReadError;
use super::contact::{Contact, ManagerRef, emails_in, first_value};
use super::summary::{Origin, Unit};
use calcard::vcard::{VCard, VCardEntry, VCardParameterName, VCardProperty, VCardValue};
use calcard::{Entry, Parser};

/// The contacts of a vCard file's `text`.
pub fn contacts(text: &str, file: usize) -> Result<Vec<Contact>, ReadError> {
    let lines = begin_lines(text, "BEGIN:VCARD");
    if let Some(n) = unended(text, "VCARD") {
        return Err(cut_short(text, &format!("card {n} has no END:VCARD")));
    }
    let mut parser = Parser::new(text);
    let mut out = Vec::new();
    loop {
        match parser.entry() {
            Entry::VCard(card) => {
                let n = out.len() + 1;
                let origin = Origin {
                    file,
                    line: lines.get(n - 1).copied().unwrap_or(0),
                    unit: Unit::Card(n),
                };
                out.push(contact_of(&card, origin));
            }
            Entry::Eof => break,
            Entry::UnterminatedComponent(_) => {
                let n = out.len() + 1;
                return Err(cut_short(text, &format!("card {n} has no END:VCARD")));
            }
            Entry::TooManyComponents => {
                return Err(ReadError {
                    line: None,
                    problem: "too many nested parts to be a contact file".into(),
                });
            }
            // Lines outside a card, a calendar among the cards: not contacts.
            _ => {}
        }
    }
    if out.is_empty() {
        return Err(ReadError {
            line: Some(1),
            problem: "no contact card (BEGIN:VCARD … END:VCARD) in the file".into(),
        });
    }
    Ok(out)
}

/// The line numbers (1-based) of the lines that start with `begin`, in
/// any case: where each card or event starts.
pub fn begin_lines(text: &str, begin: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            let line = line.trim_start_matches('\u{feff}').trim_end();
            line.len() == begin.len() && line.eq_ignore_ascii_case(begin)
        })
        .map(|(i, _)| i + 1)
        .collect()
}

/// The number (1-based) of the first `BEGIN:{what}` that no `END:{what}`
/// closes, counting begins and ends line by line.
pub fn unended(text: &str, what: &str) -> Option<usize> {
    let (begin, end) = (format!("BEGIN:{what}"), format!("END:{what}"));
    let (mut begun, mut open) = (0, 0usize);
    for line in text.lines() {
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.eq_ignore_ascii_case(&begin) {
            begun += 1;
            open += 1;
        } else if line.eq_ignore_ascii_case(&end) {
            open = open.saturating_sub(1);
        }
    }
    (open > 0).then(|| begun + 1 - open)
}

/// A file that ends inside a record: refused at its last line.
pub fn cut_short(text: &str, what: &str) -> ReadError {
    ReadError {
        line: Some(text.lines().count().max(1)),
        problem: format!("{what}: the file looks cut short"),
    }
}

/// The text of an entry's values, joined by spaces.
fn text_of(entry: &VCardEntry) -> Option<String> {
    let parts: Vec<&str> = entry
        .values
        .iter()
        .filter_map(|v| match v {
            VCardValue::Text(t) => Some(t.trim()),
            VCardValue::Component(parts) => parts.first().map(|s| s.trim()),
            _ => None,
        })
        .filter(|t| !t.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The value at `at` of a structured entry (`ORG:Company;Department`).
fn part(entry: &VCardEntry, at: usize) -> Option<String> {
    match entry.values.get(at)? {
        VCardValue::Text(t) => first_value(t).map(str::to_string),
        VCardValue::Component(parts) => parts
            .first()
            .and_then(|t| first_value(t))
            .map(str::to_string),
        _ => None,
    }
}

fn contact_of(card: &VCard, origin: Origin) -> Contact {
    let find = |property: &VCardProperty| card.entries.iter().find(|e| &e.name == property);
    let name = find(&VCardProperty::Fn)
        .and_then(text_of)
        .or_else(|| find(&VCardProperty::N).and_then(name_from_n))
        .unwrap_or_default();
    let emails = card
        .entries
        .iter()
        .filter(|e| e.name == VCardProperty::Email)
        .filter_map(text_of)
        .flat_map(|t| emails_in(&t).collect::<Vec<_>>())
        .collect();
    let org = find(&VCardProperty::Org);
    Contact {
        origin,
        name,
        emails,
        title: find(&VCardProperty::Title).and_then(text_of),
        company: org.and_then(|o| part(o, 0)),
        team: org.and_then(|o| part(o, 1)),
        manager: manager_of(card),
        row_id: None,
    }
}

/// "Given Family" from `N:Family;Given;Middle;Prefix;Suffix`.
fn name_from_n(entry: &VCardEntry) -> Option<String> {
    let at = |i| part(entry, i);
    let parts: Vec<String> = [at(1), at(2), at(0)].into_iter().flatten().collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The manager a card names, in any of the ways address books write it.
fn manager_of(card: &VCard) -> Option<ManagerRef> {
    let labelled = |group: &Option<String>| {
        group.as_ref().is_some_and(|g| {
            card.entries.iter().any(|e| {
                e.group.as_ref() == Some(g)
                    && matches!(&e.name, VCardProperty::Other(n) if n.eq_ignore_ascii_case("X-ABLABEL"))
                    && text_of(e).is_some_and(|l| l.to_lowercase().contains("manager"))
            })
        })
    };
    card.entries.iter().find_map(|e| {
        let is_manager = match &e.name {
            VCardProperty::Related => typed_manager(e) || labelled(&e.group),
            VCardProperty::Other(name) => {
                let name = name.to_ascii_uppercase();
                (name == "X-ABRELATEDNAMES" && labelled(&e.group))
                    || matches!(
                        name.as_str(),
                        "X-MS-MANAGER" | "X-MANAGER" | "X-EVOLUTION-MANAGER"
                    )
            }
            _ => false,
        };
        if !is_manager {
            return None;
        }
        let text = text_of(e)?;
        ManagerRef::from_text(&text)
            .filter(|m| !matches!(m, ManagerRef::Name(n) if n.contains(':')))
    })
}

/// `RELATED;TYPE=x-manager` and the like.
fn typed_manager(entry: &VCardEntry) -> bool {
    entry.params.iter().any(|p| {
        matches!(p.name, VCardParameterName::Type | VCardParameterName::Label)
            && p.value
                .clone()
                .into_text()
                .to_lowercase()
                .contains("manager")
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn cards_give_names_titles_companies_teams_and_managers() {
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Kowalczyk;Marta;;;\r\nORG:Contoso Ltd.;Finance\r\nTITLE:Analyst\r\nEMAIL;type=INTERNET:marta@contoso.example\r\nitem1.X-ABRELATEDNAMES:Li Wei\r\nitem1.X-ABLabel:_$!<Manager>!$_\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:In=C3=AAs Duarte\r\nX-MS-MANAGER:li@contoso.example\r\nEND:VCARD\r\n";
        let cards = contacts(text, 0).unwrap();
        assert_eq!(cards.len(), 2);
        assert_eq!(cards[0].name, "Marta Kowalczyk");
        assert_eq!(cards[0].company.as_deref(), Some("Contoso Ltd."));
        assert_eq!(cards[0].team.as_deref(), Some("Finance"));
        assert_eq!(cards[0].manager, Some(ManagerRef::Name("Li Wei".into())));
        assert_eq!(cards[1].name, "Inês Duarte");
        assert_eq!(cards[1].origin.line, 10);
        assert_eq!(
            cards[1].manager,
            Some(ManagerRef::Email("li@contoso.example".into()))
        );
    }

    #[test]
    fn a_card_cut_short_refuses_the_file() {
        let e = contacts("BEGIN:VCARD\nVERSION:3.0\nFN:Li Wei\n", 0).unwrap_err();
        assert!(
            e.problem.contains("card 1 has no END:VCARD"),
            "{}",
            e.problem
        );
        assert_eq!(e.line, Some(3));
        assert!(contacts("hello\n", 0).is_err());
    }
}
