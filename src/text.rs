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
    use super::{CLIP_CHARS, clip, printable};

    #[test]
    fn escapes_terminal_sequences() {
        assert_eq!(printable("\u{1b}]0;owned\u{7}"), "\\u{1b}]0;owned\\u{7}");
        assert_eq!(printable("a\nb\r\tc"), "a\\u{a}b\\u{d}\\u{9}c");
        assert_eq!(printable("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(printable("\u{202e}evil"), "\\u{202e}evil");
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
    fn leaves_ordinary_text_alone() {
        assert_eq!(printable("Li Wei × Zoë — CFO"), "Li Wei × Zoë — CFO");
    }
}
