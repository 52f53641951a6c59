//! Keys that appear twice in one object, said at the record they are in.

use super::path::{Duplicates, Step};
use crate::text::{clip, printable};

/// Each key that appears twice in one object as (place, message), at the
/// record it is in, and a last line counting those past the noted ones.
pub fn described(duplicates: &Duplicates) -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(duplicates.noted.len() + 1);
    for d in &duplicates.noted {
        let (record, rest) = match d.object.as_slice() {
            [] => ("top level".to_string(), &[] as &[Step]),
            [Step::Key(k), rest @ ..] if k == "partnership" || k == "settings" => (k.clone(), rest),
            [Step::Key(list), Step::Index(i), rest @ ..]
                if matches!(list.as_str(), "people" | "ties" | "meetings") =>
            {
                let name = match d.record_id.as_deref() {
                    Some(id) => format!("{list}[{i}] (id {:?})", clip(id)),
                    None => format!("{list}[{i}]"),
                };
                (name, rest)
            }
            other => ("top level".to_string(), other),
        };
        let field = |name: &str| format!("{record}, field {:?}", clip(name));
        out.push(match rest {
            [] => (
                field(&d.key),
                "appears twice; remove one (only one value can be kept, the other would be lost)"
                    .to_string(),
            ),
            [Step::Key(name), inner @ ..] => {
                let mut inside = String::new();
                for step in inner {
                    match step {
                        Step::Key(k) => inside.push_str(&format!(".{}", printable(&clip(k)))),
                        Step::Index(i) => inside.push_str(&format!("[{i}]")),
                    }
                }
                let object = if inside.is_empty() {
                    "its object".to_string()
                } else {
                    format!("the object at {inside}")
                };
                (
                    field(name),
                    format!(
                        "the key {:?} appears twice in {object}; remove one (only one value can be kept, the other would be lost)",
                        clip(&d.key),
                    ),
                )
            }
            [Step::Index(_), ..] => (
                record.clone(),
                format!(
                    "the key {:?} appears twice in one object; remove one",
                    clip(&d.key)
                ),
            ),
        });
    }
    if duplicates.more > 0 {
        out.push((
            "the file".to_string(),
            format!("{} more keys appear twice in one object", duplicates.more),
        ));
    }
    out
}
