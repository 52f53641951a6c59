//! A new, empty partnership: the two organisations, its name and each
//! side's e-mail domains, checked before anything is written. `init` on the
//! command line and the terminal UI's start form both make one here.

use crate::model::{Domains, MAX_TEXT_CHARS, Names, Partnership, Side};
use crate::rules::{self, Field};

/// A new partnership as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewPartnership {
    /// Our organisation's name.
    pub ours: String,
    /// The partner organisation's name.
    pub partner: String,
    /// The partnership's name; empty for [`default_name`].
    pub name: String,
    /// Our e-mail domains, as typed (any case).
    pub ours_domains: Vec<String>,
    /// The partner's e-mail domains, as typed.
    pub partner_domains: Vec<String>,
}

/// What a refusal is about: one of the things typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartField {
    Ours,
    Partner,
    Name,
    /// The domains of one side.
    Domains(Side),
}

/// Why a new partnership was refused: the thing typed at fault and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct StartError {
    pub field: StartField,
    pub message: String,
}

fn refuse<T>(field: StartField, message: impl Into<String>) -> Result<T, StartError> {
    Err(StartError {
        field,
        message: message.into(),
    })
}

/// "OURS × PARTNER": the name a partnership gets when none is typed.
pub fn default_name(ours: &str, partner: &str) -> String {
    format!("{} × {}", ours.trim(), partner.trim())
}

/// Domains typed in one line: separated by commas, each trimmed; empty
/// pieces dropped ("a.example, b.example").
pub fn split_domains(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_string)
        .collect()
}

/// The partnership `new` describes, with nobody in it yet; refused, naming
/// the field, when a name is empty or too long, the two organisations have
/// the same name, or a domain is not one (lower-cased first; no `@`, no
/// spaces; not on both sides).
pub fn new_partnership(new: &NewPartnership) -> Result<Partnership, StartError> {
    let ours = org_name(StartField::Ours, "our organisation", &new.ours)?;
    let partner = org_name(
        StartField::Partner,
        "the partner organisation",
        &new.partner,
    )?;
    if ours.to_lowercase() == partner.to_lowercase() {
        return refuse(
            StartField::Partner,
            format!("the partner needs a name other than ours ({ours:?})"),
        );
    }
    let name = match new.name.trim() {
        "" => default_name(&ours, &partner),
        typed => typed.to_string(),
    };
    if let Some(fault) = rules::length(Field::Name, &name) {
        return refuse(StartField::Name, format!("the name {fault}"));
    }
    let ours_domains = domains(Side::Ours, &new.ours_domains, &[])?;
    let partner_domains = domains(Side::Partner, &new.partner_domains, &ours_domains)?;
    let domains = (!ours_domains.is_empty() || !partner_domains.is_empty()).then(|| Domains {
        ours: ours_domains,
        partner: partner_domains,
        extra: Default::default(),
    });
    Ok(Partnership {
        names: Names {
            name,
            ours,
            partner,
            domains,
            extra: Default::default(),
        },
        ..Partnership::default()
    })
}

/// An organisation's name, trimmed: required, at most [`MAX_TEXT_CHARS`].
fn org_name(field: StartField, what: &str, typed: &str) -> Result<String, StartError> {
    let name = typed.trim();
    if name.is_empty() {
        return refuse(field, format!("{what} needs a name"));
    }
    let chars = name.chars().count();
    if chars > MAX_TEXT_CHARS {
        return refuse(
            field,
            format!("the name is {chars} characters long; at most {MAX_TEXT_CHARS} are allowed"),
        );
    }
    Ok(name.to_string())
}

/// One side's domains, lower-cased, each once; `taken` are the other
/// side's, which these may not repeat.
fn domains(side: Side, typed: &[String], taken: &[String]) -> Result<Vec<String>, StartError> {
    let field = StartField::Domains(side);
    let mut out: Vec<String> = Vec::new();
    for d in typed {
        let d = d.trim().to_lowercase();
        if let Some(at) = d.find('@') {
            let after = d.get(at + 1..).unwrap_or_default();
            let hint = if after.is_empty() || after.contains('@') {
                "write the domain alone, e.g. contoso.example".to_string()
            } else {
                format!("write the part after @ alone: {after}")
            };
            return refuse(field, format!("{d:?} is not an e-mail domain; {hint}"));
        }
        if rules::domain(&d).is_some() {
            return refuse(
                field,
                format!(
                    "{d:?} is not an e-mail domain (no spaces, at most {} characters, e.g. contoso.example)",
                    crate::model::MAX_ID_CHARS
                ),
            );
        }
        if taken.contains(&d) {
            return refuse(
                field,
                format!("{d} is also given as our domain; a domain belongs to one side"),
            );
        }
        if !out.contains(&d) {
            out.push(d);
        }
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn new(ours: &str, partner: &str) -> NewPartnership {
        NewPartnership {
            ours: ours.into(),
            partner: partner.into(),
            ..NewPartnership::default()
        }
    }

    fn refused(new: &NewPartnership) -> (StartField, String) {
        let e = new_partnership(new).unwrap_err();
        (e.field, e.message)
    }

    #[test]
    fn the_name_defaults_to_ours_times_partner_and_nobody_is_in_it() {
        let p = new_partnership(&new(" Acme ", "Globex")).unwrap();
        assert_eq!(p.names.name, "Acme × Globex");
        assert_eq!(
            (p.names.ours.as_str(), p.names.partner.as_str()),
            ("Acme", "Globex")
        );
        assert_eq!(p.names.domains, None);
        assert!(p.people.is_empty() && p.ties.is_empty() && p.meetings.is_empty());
        let named = NewPartnership {
            name: "  Cloud alliance ".into(),
            ..new("Acme", "Globex")
        };
        assert_eq!(
            new_partnership(&named).unwrap().names.name,
            "Cloud alliance"
        );
    }

    #[test]
    fn names_must_be_there_fit_and_differ() {
        assert_eq!(refused(&new("  ", "Globex")).0, StartField::Ours);
        assert_eq!(
            refused(&new("Acme", "")),
            (
                StartField::Partner,
                "the partner organisation needs a name".into()
            )
        );
        assert_eq!(refused(&new("Acme", "ACME ")).0, StartField::Partner);
        let long = "x".repeat(MAX_TEXT_CHARS + 1);
        let (field, message) = refused(&new(&long, "Globex"));
        assert_eq!(field, StartField::Ours);
        assert_eq!(
            message,
            "the name is 1001 characters long; at most 1000 are allowed"
        );
        // The default name of two long names is too long itself.
        let half = "y".repeat(600);
        let (field, message) = refused(&new(&half, &"x".repeat(600)));
        assert_eq!(field, StartField::Name);
        assert!(message.contains("1203 characters"), "{message}");
    }

    #[test]
    fn domains_are_lower_cased_kept_once_and_checked() {
        let typed = NewPartnership {
            ours_domains: split_domains("Acme.example, acme.example,, acme.co.uk"),
            partner_domains: vec!["globex.example".into()],
            ..new("Acme", "Globex")
        };
        let d = new_partnership(&typed).unwrap().names.domains.unwrap();
        assert_eq!(d.ours, ["acme.example", "acme.co.uk"]);
        assert_eq!(d.partner, ["globex.example"]);
        assert_eq!(d.side_of("GLOBEX.example"), Some(Side::Partner));
        let with = |ours: &[&str], partner: &[&str]| NewPartnership {
            ours_domains: ours.iter().map(|d| d.to_string()).collect(),
            partner_domains: partner.iter().map(|d| d.to_string()).collect(),
            ..new("Acme", "Globex")
        };
        assert_eq!(
            refused(&with(&["ana@acme.example"], &[])),
            (
                StartField::Domains(Side::Ours),
                "\"ana@acme.example\" is not an e-mail domain; write the part after @ alone: acme.example".into()
            )
        );
        assert_eq!(
            refused(&with(&[], &["acme example"])).0,
            StartField::Domains(Side::Partner)
        );
        assert_eq!(
            refused(&with(&["acme.example"], &["ACME.example"])),
            (
                StartField::Domains(Side::Partner),
                "acme.example is also given as our domain; a domain belongs to one side".into()
            )
        );
    }
}
