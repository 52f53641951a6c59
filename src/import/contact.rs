//! One contact as a contact file gives it (a CSV row, a vCard), before it
//! meets the partnership: the same shape whatever the format.

use super::Origin;

/// A manager as a contact file names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManagerRef {
    Name(String),
    Email(String),
    /// An org chart's id of another row of the same file.
    RowId(String),
}

impl ManagerRef {
    /// A name or an e-mail address, as a cell or a vCard value holds it.
    pub fn from_text(text: &str) -> Option<ManagerRef> {
        let text = first_value(text)?;
        let address = strip_mailto(text);
        if is_email(address) {
            Some(ManagerRef::Email(address.to_string()))
        } else {
            Some(ManagerRef::Name(text.to_string()))
        }
    }
}

/// One contact.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    pub origin: Origin,
    /// Empty when the record names nobody.
    pub name: String,
    pub emails: Vec<String>,
    pub title: Option<String>,
    pub company: Option<String>,
    pub team: Option<String>,
    pub manager: Option<ManagerRef>,
    /// An org chart's id for this row, which other rows' supervisor ids name.
    pub row_id: Option<String>,
}

/// The first of the values a cell holds (Google joins several with ` ::: `),
/// trimmed; `None` when it is empty.
pub fn first_value(text: &str) -> Option<&str> {
    text.split(" ::: ")
        .map(str::trim)
        .find(|part| !part.is_empty())
}

/// `mailto:x@y` (in any case) is `x@y`.
pub fn strip_mailto(text: &str) -> &str {
    let text = text.trim();
    match text.get(..7) {
        Some(scheme) if scheme.eq_ignore_ascii_case("mailto:") => text.get(7..).unwrap_or(""),
        _ => text,
    }
}

/// Whether `text` reads as one e-mail address (not an Exchange path such
/// as `/o=ExchangeLabs/ou=…`, which Outlook writes for internal contacts).
pub fn is_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.contains('@')
                && !text
                    .chars()
                    .any(|c| c.is_whitespace() || c == '/' || c.is_control())
        }
        None => false,
    }
}

/// The e-mail addresses in a cell: Google's ` ::: `, or `;` and `,`
/// between several; anything that is no address is left out.
pub fn emails_in(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split([';', ','])
        .flat_map(|part| part.split(" ::: "))
        .map(strip_mailto)
        .filter(|part| is_email(part))
        .map(str::to_string)
}

/// The domain of an e-mail address, in lower case.
pub fn domain_of(email: &str) -> Option<String> {
    email
        .rsplit_once('@')
        .map(|(_, domain)| domain.trim().to_lowercase())
        .filter(|d| !d.is_empty())
}

/// A name written "Last, First" (as Outlook writes `CN="Wei, Li"`) in
/// the usual order; any other name as it is.
pub fn natural_order(name: &str) -> String {
    let name = name.trim();
    match name.split_once(',') {
        Some((last, first)) if !first.contains(',') && !first.trim().is_empty() => {
            format!("{} {}", first.trim(), last.trim())
        }
        _ => name.to_string(),
    }
}

/// A name from an e-mail address's local part: `li.wei` is "Li Wei".
pub fn name_from_email(email: &str) -> String {
    let local = email.split('@').next().unwrap_or(email);
    local
        .split(['.', '_', '-', '+'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_give_their_addresses_names_and_managers() {
        let found: Vec<String> =
            emails_in("a@x.example ::: B@Y.example; nope, /o=Ex/cn=z").collect();
        assert_eq!(found, ["a@x.example", "B@Y.example"]);
        assert!(!is_email("x@localhost"));
        assert!(!is_email("a b@x.example"));
        assert_eq!(natural_order("Wei, Li"), "Li Wei");
        assert_eq!(natural_order("Li Wei"), "Li Wei");
        assert_eq!(
            name_from_email("marta.kowalczyk@contoso.example"),
            "Marta Kowalczyk"
        );
        assert_eq!(
            ManagerRef::from_text("MAILTO:li@contoso.example"),
            Some(ManagerRef::Email("li@contoso.example".into()))
        );
        assert_eq!(
            ManagerRef::from_text(" ::: Li Wei"),
            Some(ManagerRef::Name("Li Wei".into()))
        );
        assert_eq!(
            domain_of("Ana@NorthWind.example").as_deref(),
            Some("northwind.example")
        );
    }
}
