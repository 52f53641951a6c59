//! JSON for any report: its shape serialised as it is, pretty-printed, and
//! made safe to show on a terminal.

use super::report::Report;

/// `report`'s JSON document, with a final newline.
pub fn write<R: Report>(report: &R) -> String {
    // Report shapes hold only strings, numbers, booleans and lists: they
    // always serialise.
    let text = serde_json::to_string_pretty(&report.json()).unwrap_or_default();
    // serde_json leaves C1 controls and bidirectional overrides raw: escape
    // them too, so that the JSON is safe to show on a terminal.
    let mut text = crate::text::json_escape_controls(&text).into_owned();
    text.push('\n');
    text
}
