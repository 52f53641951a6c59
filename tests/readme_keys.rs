//! The README's key table is the UI's own (`keymap::MAIN`, which the `?`
//! overlay and the hint bar read too), so the two cannot drift apart.
//! `PARTNERMAP_UPDATE_DOCS=1 cargo test --test readme_keys` rewrites it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use partnermap::tui::keymap::{MAIN, help_rows};

const START: &str = "| key | action |\n|---|---|\n";

/// The table as Markdown: one row per key of the main screen.
fn table() -> String {
    let mut out = String::from(START);
    for (label, help) in help_rows(MAIN) {
        let help = help.replace('|', "\\|");
        out.push_str(&format!("| `{label}` | {help} |\n"));
    }
    out
}

#[test]
fn the_readme_key_table_is_the_uis_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let start = readme.find(START).expect("the README has a key table");
    let len = readme[start..]
        .find("\n\n")
        .map_or(readme.len() - start, |n| n + 1);
    let (shown, wanted) = (&readme[start..start + len], table());
    if shown == wanted {
        return;
    }
    if std::env::var_os("PARTNERMAP_UPDATE_DOCS").is_some() {
        let updated = format!("{}{wanted}{}", &readme[..start], &readme[start + len..]);
        std::fs::write(path, updated).unwrap();
        return;
    }
    panic!(
        "the README's key table is not the UI's; run PARTNERMAP_UPDATE_DOCS=1 cargo test --test readme_keys\n--- README\n{shown}--- keymap\n{wanted}"
    );
}
