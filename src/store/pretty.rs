//! serde_json's pretty printer, byte for byte (two spaces a level), but
//! with each line break and its indentation written at once: serde_json
//! writes a level's two spaces one level at a time, and a file of a million
//! meetings has ten million lines.

use serde_json::ser::Formatter;
use std::io::{self, Write};

/// A line break and then spaces: every line's start is a slice of it.
const LINES: &[u8] = b",\n                                                                                                                                ";

/// How deep a line's start can be written in one slice; deeper ones (only
/// inside unknown fields' values, which are written as they were read,
/// or in nothing partnermap writes) are written in pieces.
const DEPTH: usize = (LINES.len() - 2) / 2;

/// The state of `serde_json::ser::PrettyFormatter`: how deep, and whether
/// the current list or object has a value yet.
#[derive(Default)]
pub struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    /// A printer for a value written `depth` levels deep (inside a list
    /// or an object written by hand).
    pub fn at(depth: usize) -> Pretty {
        Pretty {
            depth,
            has_value: false,
        }
    }
}

/// Writes a line break (after a comma when `comma`) and `depth` levels of
/// indentation.
pub(super) fn line<W: ?Sized + Write>(w: &mut W, comma: bool, depth: usize) -> io::Result<()> {
    let start = usize::from(!comma);
    let shallow = depth.min(DEPTH);
    w.write_all(LINES.get(start..2 + 2 * shallow).unwrap_or_default())?;
    for _ in shallow..depth {
        w.write_all(b"  ")?;
    }
    Ok(())
}

impl Formatter for Pretty {
    #[inline]
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    #[inline]
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            line(w, false, self.depth)?;
        }
        w.write_all(b"]")
    }

    #[inline]
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        line(w, !first, self.depth)
    }

    #[inline]
    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    #[inline]
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    #[inline]
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            line(w, false, self.depth)?;
        }
        w.write_all(b"}")
    }

    #[inline]
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        line(w, !first, self.depth)
    }

    #[inline]
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    #[inline]
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The same text as serde_json's pretty printer, also past the depth
    /// written at once, for empty and nested lists and objects.
    #[test]
    fn writes_what_serde_jsons_pretty_printer_writes() {
        let mut deep = json!({"end": [1, [], {}, "x"]});
        for i in 0..(DEPTH + 5) {
            deep = json!({ "level": i, "inner": [deep, {"a": []}, {}] });
        }
        for value in [
            json!(null),
            json!([]),
            json!({}),
            json!([[], [{}], {"a": {"b": [1, 2]}}]),
            deep,
        ] {
            let mut ours = Vec::new();
            let mut ser = serde_json::Serializer::with_formatter(&mut ours, Pretty::default());
            assert!(serde::Serialize::serialize(&value, &mut ser).is_ok());
            let theirs = serde_json::to_vec_pretty(&value).unwrap_or_default();
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&theirs)
            );
        }
    }
}
