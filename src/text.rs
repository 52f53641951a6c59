//! Making strings from the data file safe to show: control characters and
//! escape sequences become visible, harmless text.

#![deny(clippy::indexing_slicing)]

use std::borrow::Cow;

/// `text` with every control character (including ESC, BEL, CR, LF and the
/// C1 range) replaced by its escaped form, e.g. `\u{1b}`, so that a name
/// cannot move the cursor, retitle the window or hide other text.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A path as shown in a message: [`printable`] applied to its display form,
/// so that a file name holding an escape sequence or a line break is shown
/// as text (`\u{1b}`, `\u{a}`) instead of acting on the terminal.
pub fn path(path: &std::path::Path) -> Cow<'_, str> {
    match path.to_string_lossy() {
        Cow::Borrowed(text) => printable(text),
        Cow::Owned(text) => Cow::Owned(printable(&text).into_owned()),
    }
}

/// Like [`printable`], but line ends (`\n`) are kept: for text of several
/// lines, such as a CSV report shown on a terminal.
pub fn printable_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && needs_escape(c)) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(printable).collect();
    Cow::Owned(lines.join("\n"))
}

/// JSON text with every control character and bidirectional override that
/// serde_json leaves as it is (DEL, the C1 range, U+202A–202E, U+2066–2069)
/// written as a `\uXXXX` escape: the same JSON, safe on a terminal.
pub fn json_escape_controls(json: &str) -> Cow<'_, str> {
    if !json.chars().any(|c| c != '\n' && needs_escape(c)) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        // Outside strings JSON has only ASCII white space, which stays.
        if needs_escape(c) && !matches!(c, '\n' | '\t' | '\r' | ' ') {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// How many characters of a value [`clip`] keeps.
pub const CLIP_CHARS: usize = 60;

/// `text` cut to its first [`CLIP_CHARS`] characters (marked with `…`), so
/// that a message quoting a value from a file stays one readable line even
/// when the value is megabytes long.
pub fn clip(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(CLIP_CHARS) {
        None => Cow::Borrowed(text),
        Some((end, _)) => Cow::Owned(format!("{}…", text.get(..end).unwrap_or_default())),
    }
}

/// Whether a character must not reach a terminal or document as it is.
pub fn needs_escape(c: char) -> bool {
    // Bidirectional overrides can reorder what is shown: escape them too.
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::{CLIP_CHARS, clip, json_escape_controls, printable, printable_lines};

    #[test]
    fn escapes_terminal_sequences() {
        assert_eq!(printable("\u{1b}]0;owned\u{7}"), "\\u{1b}]0;owned\\u{7}");
        assert_eq!(printable("a\nb\r\tc"), "a\\u{a}b\\u{d}\\u{9}c");
        assert_eq!(printable("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(printable("\u{202e}evil"), "\\u{202e}evil");
    }

    #[test]
    fn keeps_line_ends_only() {
        assert_eq!(
            printable_lines("a,\u{1b}]0;owned\u{7}\nb\r\n"),
            "a,\\u{1b}]0;owned\\u{7}\nb\\u{d}\n"
        );
        assert_eq!(printable_lines("a\nb\n"), "a\nb\n");
    }

    #[test]
    fn json_stays_the_same_json() {
        let value = serde_json::json!({ "name": "Eve\u{9b}31m\u{7f}\u{202e}x", "n": "\u{1b}" });
        let text = serde_json::to_string_pretty(&value).unwrap_or_default();
        let safe = json_escape_controls(&text);
        assert!(
            !safe.contains(['\u{9b}', '\u{7f}', '\u{202e}', '\u{1b}']),
            "{safe}"
        );
        assert!(safe.contains("\\u009b"), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap_or_default();
        assert_eq!(back, value);
    }

    #[test]
    fn clips_long_values() {
        assert_eq!(clip("short"), "short");
        let long = "é".repeat(10_000);
        let clipped = clip(&long);
        assert_eq!(clipped.chars().count(), CLIP_CHARS + 1);
        assert!(clipped.ends_with('…'));
        assert_eq!(clip(&"x".repeat(CLIP_CHARS)), "x".repeat(CLIP_CHARS));
    }

    #[test]
    fn paths_are_escaped() {
        let evil = std::path::Path::new("/tmp/a\u{1b}]0;x\u{7}\nb\u{202e}.json");
        assert_eq!(
            super::path(evil),
            "/tmp/a\\u{1b}]0;x\\u{7}\\u{a}b\\u{202e}.json"
        );
        assert_eq!(super::path("/d/Zoë.json".as_ref()), "/d/Zoë.json");
    }

    #[test]
    fn leaves_ordinary_text_alone() {
        assert_eq!(printable("Li Wei × Zoë — CFO"), "Li Wei × Zoë — CFO");
    }
}
