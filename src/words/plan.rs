//! What the plan (SPEC §8), the trend (§9) and the coverage grid (§10) say
//! in words: a step as a sentence, a risk it removes or adds, the plan's
//! headline and what an empty plan means.

use super::{days_ago, label, symbol};
use crate::analysis::{Risk, Subject};
use crate::model::{Partnership, Side, Stance};
use crate::plan::{Action, Plan, Step};
use jiff::civil::Date;

/// "Introduce Ana Ruiz (VP Alliances) to Victor Lindqvist (VP Digital),
/// through Rosa Alvarez (Alliance Manager)", or "Renew Sam Okafor's tie
/// with Mei Lin (Finance Manager): last met 146 days ago".
pub fn step_sentence(p: &Partnership, as_of: Date, step: &Step) -> String {
    let ours = label(&p.people[step.ours]);
    let partner = label(&p.people[step.partner]);
    match step.action {
        Action::Introduce => match step.via {
            Some(via) => format!(
                "Introduce {ours} to {partner}, through {}",
                label(&p.people[via])
            ),
            None => format!(
                "Introduce {ours} to {partner}: no one has a live tie to them, so reach out directly"
            ),
        },
        Action::Renew => match step.last_contact {
            Some(day) => format!(
                "Renew {}'s tie with {partner}: last met {}",
                p.people[step.ours].name,
                days_ago(day, as_of)
            ),
            None => format!("Renew {}'s tie with {partner}", p.people[step.ours].name),
        },
    }
}

/// A risk a step removes or adds, short: "‼ unreachable Victor Lindqvist".
pub fn risk_short(p: &Partnership, risk: &Risk) -> String {
    let subject = match risk.subject {
        Subject::Partnership => "the partnership",
        Subject::Person(i) => p.people[i].name.as_str(),
    };
    format!("{} {} {subject}", symbol(risk.severity), risk.kind)
}

/// Risks a step removes or adds, short, joined with "; " ("—" for none).
pub fn risks_short(p: &Partnership, risks: &[Risk]) -> String {
    if risks.is_empty() {
        return "—".to_string();
    }
    let said: Vec<String> = risks.iter().map(|r| risk_short(p, r)).collect();
    said.join("; ")
}

/// "risk score 149 → 96 after 10 meetings · bus factor 2 → 3", or what
/// an empty plan means.
pub fn plan_headline(plan: &Plan) -> String {
    let (before, after) = (plan.before, plan.after());
    if plan.steps.is_empty() {
        return format!(
            "risk score {} · bus factor {} · {}",
            before.risk_score,
            before.bus_factor,
            nothing_to_plan(plan)
        );
    }
    format!(
        "risk score {} → {} after {} · bus factor {} → {}",
        before.risk_score,
        after.risk_score,
        super::plural(plan.steps.len(), "meeting", "meetings"),
        before.bus_factor,
        after.bus_factor
    )
}

/// Why a plan has no step, in a few words for a headline.
pub fn nothing_to_plan(plan: &Plan) -> &'static str {
    if plan.before.risk_score == 0 {
        "nothing to fix"
    } else {
        "no meeting lowers it"
    }
}

/// Why a plan has no step, as the sentence said instead of the steps: what
/// to do instead when there is something (people to add, a champion to
/// mark).
pub fn empty_plan(p: &Partnership, plan: &Plan) -> &'static str {
    let scenario = &plan.scenario;
    let active = |i: usize, side: Side| {
        let x = &p.people[i];
        x.side == side && x.is_active_on(scenario.as_of) && !scenario.gone.contains(&i)
    };
    let on = |side: Side| (0..p.people.len()).any(|i| active(i, side));
    let champion = (0..p.people.len())
        .any(|i| active(i, Side::Partner) && p.people[i].stance == Some(Stance::Champion));
    if !on(Side::Ours) || !on(Side::Partner) {
        "Add people on both sides first (a adds one, i imports contacts): the plan is meetings between one of our people and one of theirs."
    } else if plan.before.risk_score == 0 {
        "Nothing to plan: the risk score is 0."
    } else if !champion {
        "No meeting lowers the risk score now: nobody at the partner is marked a champion (s sets a stance, or \"stance\" in the file), and the risk list says what else is left."
    } else {
        "No meeting between one of our people and a partner person lowers the risk score: what is left needs more than a meeting (the risk list says what)."
    }
}
