//! `--columns name=…,email=…`: which header names hold what, for a CSV
//! that no exporter's layout describes.

use std::fmt;

/// What `--columns` can name.
pub const KEYS: [&str; 6] = ["name", "email", "title", "company", "team", "manager"];

/// Header names for some of [`KEYS`], as given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMap {
    pub name: Option<String>,
    pub email: Option<String>,
    pub title: Option<String>,
    pub company: Option<String>,
    pub team: Option<String>,
    pub manager: Option<String>,
}

impl ColumnMap {
    /// Reads `name=Full name,email=Mail`; says what is wrong otherwise.
    pub fn parse(text: &str) -> Result<ColumnMap, String> {
        let mut map = ColumnMap::default();
        for pair in text.split(',').filter(|p| !p.trim().is_empty()) {
            let Some((key, column)) = pair.split_once('=') else {
                return Err(format!("{pair:?} is not KEY=COLUMN"));
            };
            let column = column.trim();
            if column.is_empty() {
                return Err(format!("{} names no column", key.trim()));
            }
            let slot = match key.trim().to_lowercase().as_str() {
                "name" => &mut map.name,
                "email" | "e-mail" => &mut map.email,
                "title" => &mut map.title,
                "company" => &mut map.company,
                "team" => &mut map.team,
                "manager" => &mut map.manager,
                other => {
                    return Err(format!("{other:?} is not one of {}", KEYS.join(", ")));
                }
            };
            *slot = Some(column.to_string());
        }
        if map == ColumnMap::default() {
            return Err(format!("name at least one of {}", KEYS.join(", ")));
        }
        Ok(map)
    }

    /// The columns named, as (key, header name).
    pub fn named(&self) -> Vec<(&'static str, &str)> {
        let slots = [
            &self.name,
            &self.email,
            &self.title,
            &self.company,
            &self.team,
            &self.manager,
        ];
        KEYS.into_iter()
            .zip(slots)
            .filter_map(|(key, slot)| slot.as_deref().map(|c| (key, c)))
            .collect()
    }
}

impl fmt::Display for ColumnMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pairs: Vec<String> = self
            .named()
            .iter()
            .map(|(k, c)| format!("{k}={c}"))
            .collect();
        f.write_str(&pairs.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_read_and_mistakes_named() {
        let map = ColumnMap::parse("name=Full name, email = Mail").unwrap_or_default();
        assert_eq!(map.name.as_deref(), Some("Full name"));
        assert_eq!(map.email.as_deref(), Some("Mail"));
        assert_eq!(map.to_string(), "name=Full name,email=Mail");
        assert!(
            ColumnMap::parse("phone=Tel").is_err_and(|e| e.contains("\"phone\" is not one of"))
        );
        assert!(ColumnMap::parse("name").is_err());
        assert!(ColumnMap::parse("name=").is_err());
        assert!(ColumnMap::parse("").is_err());
    }
}
