//! The start form: a new partnership when there is no data file yet — our
//! organisation, the partner, the partnership's name (derived from the two
//! until it is typed) and each side's e-mail domains. The checks are the
//! library's ([`crate::edit::new_partnership`]), as for `init`.

use super::{Field, FieldKind, Form, FormKind};
use crate::edit::{NewPartnership, StartError, StartField, default_name, split_domains};
use crate::model::Side;
use tui_input::Input;

pub const OURS: &str = "Our org";
pub const PARTNER: &str = "Partner org";
pub const PARTNERSHIP: &str = "Partnership";
pub const OURS_DOMAIN: &str = "Our domain";
pub const PARTNER_DOMAIN: &str = "Their domain";

/// The empty start form.
pub fn form() -> Form {
    Form::new(
        FormKind::Start { name_typed: false },
        "Start a new partnership",
        vec![
            Field::text(OURS, "", "required: your organisation, e.g. Northwind"),
            Field::text(PARTNER, "", "required: the partner, e.g. Contoso"),
            Field::text(PARTNERSHIP, "", "OURS × PARTNER unless you type a name"),
            Field::text(
                OURS_DOMAIN,
                "",
                "optional: your e-mail domain, e.g. northwind.example",
            ),
            Field::text(
                PARTNER_DOMAIN,
                "",
                "optional: the partner's, e.g. contoso.example",
            ),
        ],
    )
}

fn value(form: &Form, label: &str) -> String {
    form.field(label)
        .map(|f| f.value().to_string())
        .unwrap_or_default()
}

/// After `label` was typed in: the partnership's name follows the two
/// organisations until it is typed itself (emptied, it follows again).
pub fn edited(form: &mut Form, label: &str) {
    let partnership = value(form, PARTNERSHIP);
    let FormKind::Start { name_typed } = &mut form.kind else {
        return;
    };
    if label == PARTNERSHIP {
        *name_typed = !partnership.trim().is_empty();
        return;
    }
    if *name_typed || (label != OURS && label != PARTNER) {
        return;
    }
    let (ours, partner) = (value(form, OURS), value(form, PARTNER));
    let name = if ours.trim().is_empty() || partner.trim().is_empty() {
        String::new()
    } else {
        default_name(&ours, &partner)
    };
    if let Some(field) = form.field_mut(PARTNERSHIP) {
        field.kind = FieldKind::Text(Input::new(name));
    }
}

/// What the form holds, as the library takes it.
pub fn typed(form: &Form) -> NewPartnership {
    NewPartnership {
        ours: value(form, OURS),
        partner: value(form, PARTNER),
        name: value(form, PARTNERSHIP),
        ours_domains: split_domains(&value(form, OURS_DOMAIN)),
        partner_domains: split_domains(&value(form, PARTNER_DOMAIN)),
    }
}

/// Shows a refusal on the field it is about.
pub fn refused(form: &mut Form, e: &StartError) {
    let label = match e.field {
        StartField::Ours => OURS,
        StartField::Partner => PARTNER,
        StartField::Name => PARTNERSHIP,
        StartField::Domains(Side::Ours) => OURS_DOMAIN,
        StartField::Domains(Side::Partner) => PARTNER_DOMAIN,
    };
    form.mark(label, e.message.clone());
}
