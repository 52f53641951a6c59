//! The keys that appear twice inside JSON text that is kept as text (an
//! unknown field): one pass over the text, numbers never converted, so a
//! `1e400` in an unknown field is kept, not refused.

use super::read::Step;
use std::collections::HashSet;

/// How deep JSON may nest, as serde_json allows for the rest of the file.
pub(super) const MAX_DEPTH: usize = 128;

/// One open object or list while scanning JSON text.
enum Frame {
    Object {
        keys: HashSet<String>,
        key: Option<String>,
        expect_key: bool,
    },
    List {
        index: usize,
    },
}

/// The keys that appear twice in one object of `text` (valid JSON), each
/// with the steps from the text's value to that object; `None` when it
/// nests more than `room` levels. One pass over the text.
pub(super) fn scan_keys(text: &str, room: usize) -> Option<Vec<(Vec<Step>, String)>> {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                let mut end = i + 1;
                while let Some(&c) = bytes.get(end) {
                    match c {
                        b'\\' => end += 2,
                        b'"' => break,
                        _ => end += 1,
                    }
                }
                let is_key = matches!(
                    stack.last(),
                    Some(Frame::Object {
                        expect_key: true,
                        ..
                    })
                );
                if is_key {
                    let name: String = serde_json::from_str(text.get(i..=end)?).ok()?;
                    let mut again = false;
                    if let Some(Frame::Object {
                        keys,
                        key,
                        expect_key,
                    }) = stack.last_mut()
                    {
                        again = !keys.insert(name.clone());
                        *key = Some(name.clone());
                        *expect_key = false;
                    }
                    if again {
                        found.push((steps_of(&stack), name));
                    }
                }
                i = end;
            }
            b'{' | b'[' => {
                if stack.len() >= room {
                    return None;
                }
                stack.push(if b == b'{' {
                    Frame::Object {
                        keys: HashSet::new(),
                        key: None,
                        expect_key: true,
                    }
                } else {
                    Frame::List { index: 0 }
                });
            }
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                Some(Frame::List { index }) => *index += 1,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    Some(found)
}

/// The steps from the scanned value to the innermost open object.
fn steps_of(stack: &[Frame]) -> Vec<Step> {
    let outer = stack.len().saturating_sub(1);
    stack
        .iter()
        .take(outer)
        .filter_map(|frame| match frame {
            Frame::Object { key, .. } => key.clone().map(Step::Key),
            Frame::List { index } => Some(Step::Index(*index)),
        })
        .collect()
}
