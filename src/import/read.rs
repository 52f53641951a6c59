//! A file's bytes as text (UTF-8 with or without a byte-order mark,
//! UTF-16 with one, else Windows-1252) and its format, found from the
//! content: a calendar, vCards, or else a CSV. A picture or another binary
//! file is refused by what it is.

use super::ReadError;
use encoding_rs::{Encoding, WINDOWS_1252};
use std::borrow::Cow;

/// What a file holds, by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Calendar,
    VCard,
    Csv,
}

/// Known binary formats by their first bytes, and what to call them.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG", "a PNG picture"),
    (b"\xff\xd8\xff", "a JPEG picture"),
    (b"GIF8", "a GIF picture"),
    (b"%PDF", "a PDF document"),
    (
        b"PK\x03\x04",
        "a ZIP archive (an .xlsx workbook is one: save it as CSV)",
    ),
    (b"\xd0\xcf\x11\xe0", "an Office document (save it as CSV)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"RIFF", "a RIFF file (WebP, WAV, AVI)"),
    (b"BM", "a BMP picture"),
];

/// The text of a file, decoded.
pub fn text(bytes: &[u8]) -> Result<Cow<'_, str>, ReadError> {
    if let Some(what) = binary(bytes) {
        return Err(ReadError {
            line: Some(1),
            problem: format!("this is {what}, not a contact or calendar file"),
        });
    }
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes.get(bom..).unwrap_or_default());
        return Ok(text);
    }
    Ok(match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => WINDOWS_1252.decode_without_bom_handling(bytes).0,
    })
}

/// What a binary file is, when it is one: a known format by its first
/// bytes, or anything with NUL bytes (a text file in UTF-16 starts with
/// its byte-order mark and is not binary).
fn binary(bytes: &[u8]) -> Option<&'static str> {
    if Encoding::for_bom(bytes).is_some_and(|(e, _)| e != encoding_rs::UTF_8) {
        return None;
    }
    let magic = MAGIC.iter().find(|(m, _)| bytes.starts_with(m));
    if let Some((_, what)) = magic {
        return Some(what);
    }
    let head = bytes.get(..bytes.len().min(8192)).unwrap_or_default();
    head.contains(&0).then_some("a binary file")
}

/// What `text` holds: a calendar or vCards by their first line, else a CSV.
pub fn kind(text: &str) -> Kind {
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let starts = |what: &str| {
        first
            .get(..what.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(what))
    };
    if starts("BEGIN:VCALENDAR") {
        Kind::Calendar
    } else if starts("BEGIN:VCARD") {
        Kind::VCard
    } else {
        Kind::Csv
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn text_is_utf8_with_or_without_bom_else_windows_1252() {
        assert_eq!(
            text(b"\xef\xbb\xbfName\nIn\xc3\xaas").unwrap(),
            "Name\nInês"
        );
        assert_eq!(text(b"Name\nIn\xeas").unwrap(), "Name\nInês");
        assert_eq!(text(b"\xff\xfeN\0a\0").unwrap(), "Na");
        let e = text(b"\x89PNG\r\n\x1a\n\0\0").unwrap_err();
        assert!(e.problem.contains("PNG picture"), "{}", e.problem);
        assert!(text(b"Name\0x").is_err());
    }

    #[test]
    fn the_format_comes_from_the_content() {
        assert_eq!(kind("\u{feff}\r\nbegin:vcalendar\r\n"), Kind::Calendar);
        assert_eq!(kind("BEGIN:VCARD\nVERSION:3.0"), Kind::VCard);
        assert_eq!(kind("Name,Email\n"), Kind::Csv);
    }
}
