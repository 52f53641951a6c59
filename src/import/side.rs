//! Which side a contact is on (SPEC §11): `--side`, else an e-mail domain
//! of `partnership.domains`, else the company against the two
//! organisations' names with case, punctuation and a legal form ignored.

use super::contact::domain_of;
use crate::model::{Names, Side};

/// Legal forms left out at the end of a company's name ("Contoso Ltd" is
/// Contoso), in lower case and without dots.
const LEGAL_FORMS: &[&str] = &[
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "llc",
    "llp",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "plc",
    "corp",
    "corporation",
    "co",
    "bv",
    "nv",
    "pty",
    "srl",
    "spa",
    "oy",
    "ab",
    "kk",
];

/// A company's name as compared: lower case, words of letters and digits,
/// trailing legal forms dropped ("Contoso, Ltd." is `contoso`).
pub fn company_key(name: &str) -> String {
    let mut words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric() && c != '&')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| LEGAL_FORMS.contains(&w.as_str()))
    {
        words.pop();
    }
    words.join(" ")
}

/// The side of a contact with these e-mail addresses and company.
pub fn side_of(
    forced: Option<Side>,
    emails: &[String],
    company: Option<&str>,
    names: &Names,
) -> Option<Side> {
    if forced.is_some() {
        return forced;
    }
    let by_domain = names.domains.as_ref().and_then(|domains| {
        emails
            .iter()
            .filter_map(|e| domain_of(e))
            .find_map(|d| domains.side_of(&d))
    });
    by_domain.or_else(|| company.and_then(|c| side_of_company(c, names)))
}

/// The side whose organisation is `company`, when one is.
pub fn side_of_company(company: &str, names: &Names) -> Option<Side> {
    let key = company_key(company);
    if key.is_empty() {
        return None;
    }
    Side::ALL
        .into_iter()
        .find(|&side| company_key(names.of(side)) == key)
}

/// The side of an e-mail address by its domain alone.
pub fn side_of_email(email: &str, names: &Names) -> Option<Side> {
    let domain = domain_of(email)?;
    names.domains.as_ref()?.side_of(&domain)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Domains;

    fn names() -> Names {
        Names {
            name: "N × C".into(),
            ours: "Northwind".into(),
            partner: "Contoso, Ltd.".into(),
            domains: Some(Domains {
                ours: vec!["northwind.example".into()],
                partner: vec!["contoso.example".into()],
                extra: Default::default(),
            }),
            extra: Default::default(),
        }
    }

    #[test]
    fn legal_forms_case_and_punctuation_are_ignored() {
        assert_eq!(company_key("Contoso Ltd"), "contoso");
        assert_eq!(company_key("CONTOSO, L.T.D."), "contoso l t d");
        assert_eq!(company_key("Contoso GmbH & Co. KG"), "contoso gmbh & co kg");
        assert_eq!(company_key("Contoso Inc."), "contoso");
        assert_eq!(company_key("Contoso Corp"), "contoso");
        assert_eq!(company_key("Northwind Traders"), "northwind traders");
        assert_eq!(company_key("Ltd"), "ltd");
    }

    #[test]
    fn side_comes_from_the_flag_then_the_domain_then_the_company() {
        let n = names();
        let mail = |e: &str| vec![e.to_string()];
        assert_eq!(
            side_of(Some(Side::Ours), &mail("x@contoso.example"), None, &n),
            Some(Side::Ours)
        );
        assert_eq!(
            side_of(None, &mail("x@Contoso.Example"), Some("Northwind"), &n),
            Some(Side::Partner)
        );
        assert_eq!(
            side_of(None, &mail("x@gmail.example"), Some("Northwind Inc"), &n),
            Some(Side::Ours)
        );
        assert_eq!(
            side_of(None, &[], Some("contoso plc"), &n),
            Some(Side::Partner)
        );
        assert_eq!(
            side_of(None, &mail("x@fabrikam.example"), Some("Fabrikam"), &n),
            None
        );
        assert_eq!(side_of_email("ana@northwind.example", &n), Some(Side::Ours));
    }
}
