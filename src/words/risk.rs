//! The one line a person can read aloud about a risk (SPEC §5's `detail`).

use super::{days_ago, label, name_list, plural};
use crate::analysis::{Risk, RiskFacts, Subject};
use crate::model::Partnership;
use jiff::civil::Date;

/// The risk's `detail`, as of `as_of` (the day "n days ago" counts from).
pub fn risk_detail(p: &Partnership, as_of: Date, risk: &Risk) -> String {
    let ours = &p.names.ours;
    let partner = &p.names.partner;
    let labels =
        |people: &[usize]| -> Vec<String> { people.iter().map(|&i| label(&p.people[i])).collect() };
    let subject = match risk.subject {
        Subject::Person(i) => label(&p.people[i]),
        Subject::Partnership => p.names.name.clone(),
    };
    let other = || {
        let first = risk.people.first();
        first.map(|&i| label(&p.people[i])).unwrap_or_default()
    };
    match risk.facts {
        RiskFacts::BusFactor {
            size: 0,
            partner_people,
        } => {
            if partner_people > 0 {
                format!(
                    "No one at {partner} can be reached from {ours}: no live relationship is left"
                )
            } else {
                format!("No one at {partner} is on the map: add the people you work with there")
            }
        }
        RiskFacts::BusFactor { size, .. } => {
            // Named in file order, as the search found them.
            let mut people = risk.people.clone();
            people.sort_unstable();
            format!(
                "The partnership hangs on {}: {}",
                plural(size, "person", "people"),
                name_list(&labels(&people))
            )
        }
        RiskFacts::NoChampion { champions: 0 } => format!(
            "No one at {partner} is marked as a champion of the partnership: \
             set the stance of the people who back it"
        ),
        RiskFacts::NoChampion { champions } => format!(
            "{partner}'s {} cannot be reached from {ours}: no live path",
            plural(champions, "champion", "champions")
        ),
        RiskFacts::Unreachable { last_contact } => {
            let contact = match last_contact {
                Some(d) => format!("last contact {}", days_ago(d, as_of)),
                None => "no contact on record".to_string(),
            };
            format!("{subject} at {partner} has no live path from {ours}; {contact}")
        }
        RiskFacts::SinglePoint => format!(
            "{subject} is the only path to {} at {partner}: {}",
            plural(risk.people.len(), "person", "people"),
            name_list(&labels(&risk.people))
        ),
        RiskFacts::SingleThreaded { .. } if risk.people.is_empty() => format!(
            "{subject} is reached only through colleagues at {partner}; \
             no one at {ours} has a live tie with them"
        ),
        RiskFacts::SingleThreaded { last_contact } => {
            let contact = match last_contact {
                Some(d) => format!("last contact {}", days_ago(d, as_of)),
                None => "no date on record".to_string(),
            };
            format!("{subject} is covered only by {}; {contact}", other())
        }
        RiskFacts::ExecGap => format!("{subject} has no live tie to an executive at {ours}"),
        RiskFacts::StaleTie { last_contact } => stale_tie(p, as_of, risk, &subject, last_contact),
    }
}

/// A partner person's stale ties with our people, to renew.
fn stale_tie(
    p: &Partnership,
    as_of: Date,
    risk: &Risk,
    subject: &str,
    last_contact: Option<Date>,
) -> String {
    let when = last_contact.map_or_else(|| "long ago".to_string(), |d| days_ago(d, as_of));
    let days = p.settings.stale_after_days;
    let ours: Vec<String> = risk.people.iter().map(|&i| label(&p.people[i])).collect();
    if let [one] = ours.as_slice() {
        format!("{subject} and {one} last met {when} (stale after {days} days)")
    } else {
        format!(
            "{subject} has stale ties with {}; the latest contact was {when} \
             (stale after {days} days)",
            name_list(&ours)
        )
    }
}
