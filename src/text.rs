//! Making strings from the data file safe to show: control characters and
//! escape sequences become visible, harmless text.

#![deny(clippy::indexing_slicing)]

use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

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

/// How many columns `text` takes on a terminal, counted grapheme by
/// grapheme as terminals (and ratatui) count: CJK and emoji take two,
/// combining marks and joiners none (`e` + U+0301 is one, `👩‍💻` two).
pub fn width(text: &str) -> usize {
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// `text` cut to at most `columns` columns, ending with `…` when cut, and
/// never inside a character or a grapheme cluster; not padded.
pub fn cut(text: &str, columns: usize) -> Cow<'_, str> {
    if width(text) <= columns {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut used = 0;
    // Room is kept for the `…` (one column).
    for g in text.graphemes(true) {
        let w = UnicodeWidthStr::width(g);
        if used + w + 1 > columns {
            break;
        }
        out.push_str(g);
        used += w;
    }
    if columns > 0 {
        out.push('…');
    }
    Cow::Owned(out)
}

/// `text` cut (see [`cut`]) and padded with spaces to exactly `columns`
/// columns, for a left-aligned column of a table.
pub fn fit(text: &str, columns: usize) -> String {
    let text = cut(text, columns);
    let pad = columns.saturating_sub(width(&text));
    format!("{text}{}", " ".repeat(pad))
}

/// Like [`fit`], but aligned right: the spaces go first.
pub fn fit_right(text: &str, columns: usize) -> String {
    let text = cut(text, columns);
    let pad = columns.saturating_sub(width(&text));
    format!("{}{text}", " ".repeat(pad))
}

/// Names as a sentence says them: "A", "A and B", "A, B and C". Every list
/// of names in a sentence is joined here.
pub fn join_names<S: AsRef<str>>(names: &[S]) -> String {
    join_with(names, "and")
}

/// Names as a choice: "A", "A and B", "A, B or C" — for "any one of"
/// three or more, where each alone is meant (SPEC §7); two are still
/// joined with "and".
pub fn join_choice<S: AsRef<str>>(names: &[S]) -> String {
    match names {
        [_, _, _, ..] => join_with(names, "or"),
        _ => join_with(names, "and"),
    }
}

fn join_with<S: AsRef<str>>(names: &[S], word: &str) -> String {
    match names {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} {word} {}", init.join(", "), last.as_ref())
        }
    }
}

/// `text` as XML character data or an attribute value: control and
/// bidirectional characters shown as in [`printable`] (XML 1.0 cannot hold
/// most of them at all), the characters XML gives a meaning escaped, and
/// the two non-characters XML refuses written out.
pub fn xml(text: &str) -> Cow<'_, str> {
    let shown = printable(text);
    if !shown.contains(['&', '<', '>', '"', '\'', '\u{fffe}', '\u{ffff}']) {
        return shown;
    }
    let mut out = String::with_capacity(shown.len() + 16);
    for c in shown.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\u{fffe}' | '\u{ffff}' => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `text` as the inside of a double-quoted string that escapes with a
/// backslash (Graphviz DOT, YAML): shown as in [`printable`], with `\\` and
/// `"` escaped, so that nothing in a name ends the string or becomes an
/// escape such as `\n`.
pub fn backslash_quoted(text: &str) -> String {
    printable(text).replace('\\', "\\\\").replace('"', "\\\"")
}

/// `text` as the inside of a quoted Mermaid label (`["…"]`): shown as in
/// [`printable`], with the characters Mermaid reads as quotes, HTML or
/// entity codes written as entity codes (`#quot;`, `#lt;`, `#35;`).
pub fn mermaid(text: &str) -> String {
    let shown = printable(text);
    let mut out = String::with_capacity(shown.len() + 8);
    for c in shown.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            c => out.push(c),
        }
    }
    out
}

/// Splits `text` into lines of at most `width` characters, at spaces
/// where it can (a word longer than a line is cut).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while line.chars().count() > width {
            let head: String = line.chars().take(width).collect();
            line = line.chars().skip(width).collect();
            out.push(head);
        }
    }
    out.push(line);
    out
}

/// A count with thousands separated: `1,462`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
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
    fn escapes_for_xml_dot_and_mermaid() {
        let hostile = "<b a='1'>\"&\u{1b}[31m\u{202e}\u{ffff}#\\n`";
        assert_eq!(
            super::xml(hostile),
            "&lt;b a=&apos;1&apos;&gt;&quot;&amp;\\u{1b}[31m\\u{202e}\\u{ffff}#\\n`"
        );
        assert_eq!(super::xml("Ana Ruiz"), "Ana Ruiz");
        assert_eq!(
            super::backslash_quoted(hostile),
            "<b a='1'>\\\"&\\\\u{1b}[31m\\\\u{202e}\u{ffff}#\\\\n`"
        );
        assert_eq!(
            super::mermaid(hostile),
            "#lt;b a='1'#gt;#quot;#amp;\\u{1b}[31m\\u{202e}\u{ffff}#35;\\n#96;"
        );
    }

    #[test]
    fn wraps_at_spaces_and_groups_thousands() {
        assert_eq!(super::wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(super::wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(super::wrap("", 4), [""]);
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(1_462), "1,462");
        assert_eq!(super::thousands(1_000_000), "1,000,000");
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
    #[test]
    fn widths_count_columns_not_characters() {
        use super::width;
        assert_eq!(width("Zoë"), 3);
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(width("王小明"), 6);
        assert_eq!(width("🐉🐉 Dragon"), 11);
        assert_eq!(width("👩\u{200d}💻 Grace"), 8);
        assert_eq!(width("a\u{200b}b"), 2);
    }

    #[test]
    fn fit_pads_and_cuts_by_columns_never_inside_a_grapheme() {
        use super::{fit, fit_right, width};
        assert_eq!(fit("Zoë", 5), "Zoë  ");
        assert_eq!(fit_right("Zoë", 5), "  Zoë");
        assert_eq!(fit("王小明李四", 6), "王小… ");
        assert_eq!(fit("👩\u{200d}💻 Grace", 3), "👩\u{200d}💻…");
        assert_eq!(fit("👩\u{200d}💻 Grace", 2), "… ");
        assert_eq!(fit("ee\u{301}x", 3), "ee\u{301}x");
        assert_eq!(fit("ee\u{301}xy", 3), "ee\u{301}…");
        assert_eq!(fit("abc", 0), "");
        for text in [
            "王小明李四张三",
            "🐉🐉 Dragon",
            "👩\u{200d}💻 Grace",
            "Zoë",
            "e\u{301}",
        ] {
            for columns in 0..16 {
                assert_eq!(width(&fit(text, columns)), columns, "{text:?} in {columns}");
                assert_eq!(width(&fit_right(text, columns)), columns);
            }
        }
    }

    #[test]
    fn names_are_joined_as_said() {
        use super::join_names;
        assert_eq!(join_names::<&str>(&[]), "");
        assert_eq!(join_names(&["A"]), "A");
        assert_eq!(join_names(&["A", "B"]), "A and B");
        assert_eq!(join_names(&["A", "B", "C"]), "A, B and C");
    }

    #[test]
    fn bidirectional_controls_are_escaped() {
        for c in [
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}',
        ] {
            let shown = printable(&format!("a{c}b")).into_owned();
            assert!(!shown.contains(c), "{c:?}");
        }
    }
}
