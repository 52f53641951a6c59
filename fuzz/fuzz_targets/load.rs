//! The loader on arbitrary bytes: it never panics, never overflows the stack
//! and never hangs; what it accepts survives a save and a reload unchanged,
//! and every report can be made from it.

#![no_main]

use jiff::civil::date;
use libfuzzer_sys::fuzz_target;
use partnermap::analysis::Analysis;
use partnermap::export::{self, Format, Style};
use partnermap::graph::Scenario;
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
    assert_eq!(p, again, "the round trip changed the partnership");
    assert_eq!(saved, store::to_text(&again), "saving is not stable");
    // The analysis and every export run on anything that loads.
    let analysis = Analysis::run(&p, &Scenario::on(date(2026, 11, 24)));
    for format in Format::ALL {
        let _ = export::risks(&p, &analysis, format, Style::default());
        let _ = export::coverage(&p, &analysis, format, Style { color: true });
    }
});
