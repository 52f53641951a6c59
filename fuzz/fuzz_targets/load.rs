//! The loader on arbitrary bytes: it never panics, never overflows the stack
//! and never hangs; what it accepts survives a save and a reload unchanged,
//! and every report can be made from it.

#![no_main]

use jiff::civil::date;
use libfuzzer_sys::fuzz_target;
use partnermap::analysis::Analysis;
use partnermap::export::{self, Format, Style};
use partnermap::graph::Scenario;
use partnermap::model::{Anchor, Extra, Partnership};
use partnermap::store;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("fuzz.json");
    let Ok(p) = store::parse(text, path) else {
        return;
    };
    // What loads, saves to text that loads to the same partnership, and
    // saving that again changes nothing.
    let saved = store::to_text(&p);
    let again = match store::parse(&saved, path) {
        Ok(again) => again,
        Err(e) => panic!("a saved file does not load: {e}\n{saved}"),
    };
    // The same text (unknown fields byte for byte, in place). An unknown
    // field that followed a known field that is not written (an absent
    // title) is read back as following the one written before it, so the
    // partnership is compared as saved.
    assert_eq!(saved, store::to_text(&again), "saving is not stable");
    assert_eq!(
        unanchored(p.clone()),
        unanchored(again),
        "the round trip changed the partnership"
    );
    // The analysis and every export run on anything that loads.
    let analysis = Analysis::run(&p, &Scenario::on(date(2026, 11, 24)));
    for format in Format::ALL {
        let _ = export::risks(&p, &analysis, format, Style::default());
        let _ = export::coverage(&p, &analysis, format, Style { color: true });
    }
});

/// The partnership with its unknown fields sorted by name and not placed:
/// what a save must keep, whatever order the file's fields were in.
fn unanchored(mut p: Partnership) -> Partnership {
    fn strip(extra: &mut Extra) {
        let mut fields: Vec<_> = extra.iter().cloned().collect();
        fields.sort_by(|a, b| a.name.cmp(&b.name));
        *extra = Extra::new();
        for mut field in fields {
            field.anchor = Anchor::End;
            extra.push(field);
        }
    }
    strip(&mut p.extra);
    strip(&mut p.names.extra);
    strip(&mut p.settings.extra);
    p.people.iter_mut().for_each(|x| strip(&mut x.extra));
    p.ties.iter_mut().for_each(|x| strip(&mut x.extra));
    p.meetings.iter_mut().for_each(|x| strip(&mut x.extra));
    p
}
