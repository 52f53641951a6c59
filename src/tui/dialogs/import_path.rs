//! Tab completion of file names for the import dialog's path field, as a
//! shell does it: one match is completed (a folder gets its `/`), several
//! are completed as far as they agree and listed.

use std::path::{Path, PathBuf};

/// What Tab makes of the typed path.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Completion {
    /// The path as completed (the typed one when nothing matches).
    pub text: String,
    /// The names that match, when more than one does, sorted.
    pub choices: Vec<String>,
}

/// `~/…` in the typed path, with the home folder put in.
pub fn expand(typed: &str) -> PathBuf {
    match typed.strip_prefix("~/") {
        Some(rest) => directories::BaseDirs::new()
            .map_or_else(|| PathBuf::from(typed), |d| d.home_dir().join(rest)),
        None => PathBuf::from(typed),
    }
}

/// Completes `typed` against the files in its folder (relative paths
/// from `cwd`). Hidden files are offered only when a `.` is typed.
pub fn complete(typed: &str, cwd: &Path) -> Completion {
    let (folder, prefix) = match typed.rfind('/') {
        Some(at) => typed.split_at(at + 1),
        None => ("", typed),
    };
    let dir = {
        let expanded = expand(if folder.is_empty() { "." } else { folder });
        if expanded.is_absolute() {
            expanded
        } else {
            cwd.join(expanded)
        }
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Completion {
            text: typed.to_string(),
            choices: Vec::new(),
        };
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let hidden = name.starts_with('.') && !prefix.starts_with('.');
            (!hidden && name.starts_with(prefix)).then(|| {
                if e.path().is_dir() {
                    format!("{name}/")
                } else {
                    name
                }
            })
        })
        .collect();
    names.sort();
    let common = common_prefix(&names);
    let text = format!(
        "{folder}{}",
        if common.len() > prefix.len() {
            common
        } else {
            prefix
        }
    );
    Completion {
        text,
        choices: if names.len() > 1 { names } else { Vec::new() },
    }
}

/// The longest start all `names` share, cut at a character boundary.
fn common_prefix(names: &[String]) -> &str {
    let Some(first) = names.first() else {
        return "";
    };
    let mut end = first.len();
    for name in names.iter().skip(1) {
        end = first
            .char_indices()
            .zip(name.chars())
            .find(|((_, a), b)| a != b)
            .map_or(end.min(name.len()), |((i, _), _)| i.min(end));
    }
    first.get(..end).unwrap_or("")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn tab_completes_one_match_and_lists_several() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("contacts.csv"), "").unwrap();
        fs::write(dir.path().join("calendar.ics"), "").unwrap();
        fs::write(dir.path().join("calendar-old.ics"), "").unwrap();
        fs::write(dir.path().join(".hidden.csv"), "").unwrap();
        fs::create_dir(dir.path().join("exports")).unwrap();
        let cwd = dir.path();
        assert_eq!(complete("co", cwd).text, "contacts.csv");
        assert_eq!(complete("e", cwd).text, "exports/");
        let several = complete("cal", cwd);
        assert_eq!(several.text, "calendar");
        assert_eq!(several.choices, ["calendar-old.ics", "calendar.ics"]);
        assert_eq!(complete(".h", cwd).text, ".hidden.csv");
        assert_eq!(complete("x", cwd).text, "x");
        let absolute = format!("{}/con", cwd.display());
        assert_eq!(
            complete(&absolute, Path::new("/")).text,
            format!("{}/contacts.csv", cwd.display())
        );
        assert_eq!(complete("nowhere/x", cwd).text, "nowhere/x");
    }
}
