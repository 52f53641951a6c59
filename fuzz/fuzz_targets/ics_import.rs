//! Import of arbitrary bytes as a calendar: it never panics and never
//! hangs (however a rule repeats); a change it plans is always one the
//! partnership accepts, and importing the same calendar again changes
//! nothing.

#![no_main]

use jiff::civil::date;
use libfuzzer_sys::fuzz_target;
use partnermap::import::{self, Input, Options};
use partnermap::model::{Domains, Partnership, Person, Side};
use partnermap::rules;

fn base() -> Partnership {
    let mut p = Partnership::default();
    p.names.name = "N × C".into();
    p.names.ours = "Northwind".into();
    p.names.partner = "Contoso".into();
    p.names.domains = Some(Domains {
        ours: vec!["northwind.example".into()],
        partner: vec!["contoso.example".into()],
        extra: Default::default(),
    });
    for (id, name, side, email) in [
        ("ana", "Ana Ruiz", Side::Ours, "ana@northwind.example"),
        ("sam", "Sam Okafor", Side::Ours, "sam@northwind.example"),
        ("li", "Li Wei", Side::Partner, "li@contoso.example"),
    ] {
        let mut person = Person::new(id, name, side);
        person.email = Some(email.into());
        p.people.push(person);
    }
    p
}

fuzz_target!(|data: &[u8]| {
    let inputs = [Input {
        path: "fuzz.ics".into(),
        bytes: data.to_vec(),
    }];
    let options = Options {
        as_of: date(2026, 11, 24),
        ..Options::default()
    };
    let p = base();
    let Ok(plan) = import::plan(&p, &inputs, &options) else {
        return;
    };
    let Some(change) = plan.change else {
        return;
    };
    let mut q = p.clone();
    if let Err(e) = change.apply(&mut q) {
        panic!("the import planned a change the file refuses: {e}");
    }
    let problems = rules::check(&q);
    assert!(problems.is_empty(), "{problems:?}");
    let again = import::plan(&q, &inputs, &options).expect("read once, read twice");
    assert!(
        again.change.is_none(),
        "a second import changes {:?}",
        again.summary
    );
});
