//! What opens over the main screen: forms, the export dialog, the
//! message log and help.

pub mod export;
pub mod form;
pub mod log;

pub use export::{
    Dialog, EXPORT_FORMATS, Export, export_path, export_path_numbered, free_export_path,
};
