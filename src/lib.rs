//! partnermap: map the contacts of two organisations and the working
//! relationships between them, and find where a partnership hangs on one
//! person.
//!
//! The library knows nothing of terminals: [`store`] reads and writes the
//! data file, [`graph`] builds the live graph for a day, [`analysis`] finds
//! coverage, dependency, the bus factor and the risks, and [`export`] writes
//! them as table, CSV, JSON or Markdown. The command line and the terminal
//! UI both call these functions.

pub mod analysis;
pub mod date;
pub mod demo;
pub mod edit;
pub mod export;
pub mod generate;
pub mod graph;
pub mod model;
pub mod store;
pub mod text;
