//! Keys that appear twice in one object, reported at the record they are in.

use super::super::strict::{Duplicates, Step};
use super::fields::{Problems, Record};
use crate::text::{clip, printable};

/// Reports each key that appears twice in one object, at the record it is in.
pub(super) fn report_duplicates(duplicates: &Duplicates, problems: &mut Problems) {
    for d in &duplicates.noted {
        let (record, rest) = match d.object.as_slice() {
            [] => (Record::top("top level"), &[] as &[Step]),
            [Step::Key(k), rest @ ..] if k == "partnership" || k == "settings" => {
                (Record::top(k), rest)
            }
            [Step::Key(list), Step::Index(i), rest @ ..]
                if matches!(list.as_str(), "people" | "ties" | "meetings") =>
            {
                (Record::new(list, *i, d.record_id.as_deref()), rest)
            }
            other => (Record::top("top level"), other),
        };
        let (place, message) = match rest {
            [] => (
                record.field(&clip(&d.key)),
                "appears twice; remove one (only one value can be kept, the other would be lost)"
                    .to_string(),
            ),
            [Step::Key(field), inner @ ..] => {
                let mut inside = String::new();
                for step in inner {
                    match step {
                        Step::Key(k) => inside.push_str(&format!(".{}", printable(&clip(k)))),
                        Step::Index(i) => inside.push_str(&format!("[{i}]")),
                    }
                }
                (
                    record.field(&clip(field)),
                    format!(
                        "the key {:?} appears twice in {}; remove one (only one value can be kept, the other would be lost)",
                        clip(&d.key),
                        if inside.is_empty() {
                            "its object".to_string()
                        } else {
                            format!("the object at {inside}")
                        }
                    ),
                )
            }
            [Step::Index(_), ..] => (
                record.name.clone(),
                format!(
                    "the key {:?} appears twice in one object; remove one",
                    clip(&d.key)
                ),
            ),
        };
        problems.add(place, message);
    }
    if duplicates.more > 0 {
        problems.add(
            "the file",
            format!("{} more keys appear twice in one object", duplicates.more),
        );
    }
}
