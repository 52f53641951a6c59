//! The main screen's views, one file each: people (with the detail pane),
//! risks and map.

pub mod detail;
pub mod map;
pub mod people;
pub mod risks;
mod rows;
