//! Making strings from the data file safe to show: control characters and
//! escape sequences become visible, harmless text.

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

/// Whether a character must not reach a terminal or document as it is.
pub fn needs_escape(c: char) -> bool {
    // Bidirectional overrides can reorder what is shown: escape them too.
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn escapes_terminal_sequences() {
        assert_eq!(printable("\u{1b}]0;owned\u{7}"), "\\u{1b}]0;owned\\u{7}");
        assert_eq!(printable("a\nb\r\tc"), "a\\u{a}b\\u{d}\\u{9}c");
        assert_eq!(printable("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(printable("\u{202e}evil"), "\\u{202e}evil");
    }

    #[test]
    fn leaves_ordinary_text_alone() {
        assert_eq!(printable("Li Wei × Zoë — CFO"), "Li Wei × Zoë — CFO");
    }
}
