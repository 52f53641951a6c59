//! Import of arbitrary bytes as a contact file (CSV, and vCard when the
//! bytes start like one): it never panics and never hangs; a file it
//! refuses names a line that exists; a change it plans is always one the
//! partnership accepts (every rule holds after it), and importing the same
//! bytes again into the result changes nothing.

#![no_main]

use jiff::civil::date;
use libfuzzer_sys::fuzz_target;
use partnermap::import::{self, ColumnMap, Input, Options};
use partnermap::model::{Domains, Partnership, Person, Side};
use partnermap::rules;

fn base() -> Partnership {
    let mut p = Partnership::default();
    p.names.name = "N × C".into();
    p.names.ours = "Northwind".into();
    p.names.partner = "Contoso Ltd".into();
    p.names.domains = Some(Domains {
        ours: vec!["northwind.example".into()],
        partner: vec!["contoso.example".into()],
        extra: Default::default(),
    });
    let mut ana = Person::new("ana", "Ana Ruiz", Side::Ours);
    ana.email = Some("ana@northwind.example".into());
    let li = Person::new("li", "Li Wei", Side::Partner);
    p.people = vec![ana, li];
    p
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the options; the rest is the file.
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let options = Options {
        side: match pick % 3 {
            0 => None,
            1 => Some(Side::Ours),
            _ => Some(Side::Partner),
        },
        as_of: date(2026, 11, 24),
        columns: (pick & 4 != 0)
            .then(|| ColumnMap::parse("name=Name,email=Email,manager=Boss").ok())
            .flatten(),
        ..Options::default()
    };
    let inputs = [Input {
        path: "fuzz.csv".into(),
        bytes: bytes.to_vec(),
    }];
    let p = base();
    let plan = match import::plan(&p, &inputs, &options) {
        Ok(plan) => plan,
        Err(e) => {
            let lines = bytes.split(|&b| b == b'\n').count().max(1);
            assert!(
                e.line.is_none_or(|l| l >= 1 && l <= lines + 1),
                "{e}: {lines} lines"
            );
            return;
        }
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
    // Again: nothing to change.
    let again = import::plan(&q, &inputs, &options).expect("read once, read twice");
    assert!(
        again.change.is_none(),
        "a second import changes {:?}",
        again.summary
    );
});
