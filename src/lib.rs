//! partnermap: map the contacts of two organisations and the working
//! relationships between them, and find where a partnership hangs on one
//! person.
//!
//! The library knows nothing of terminals: [`store`] reads and writes the
//! data file, [`graph`] builds the live graph for a day, [`analysis`] finds
//! coverage, dependency, the bus factor and the risks as facts, [`words`]
//! says them, and [`export`] writes them as table, CSV, JSON or Markdown. The command line and the terminal
//! UI ([`tui`], the only module that knows of terminals) both call these
//! functions.
//!
//! ```
//! use partnermap::{analysis::Analysis, graph::Scenario, store};
//! use jiff::civil::date;
//!
//! let text = r#"{
//!   "schema": 1,
//!   "partnership": {"name": "N × C", "ours": "N", "partner": "C"},
//!   "people": [
//!     {"id": "ana", "name": "Ana", "side": "ours"},
//!     {"id": "li", "name": "Li", "side": "partner", "level": "executive"}
//!   ],
//!   "meetings": [{"id": "m-0001", "date": "2026-11-03", "attendees": ["ana", "li"]}]
//! }"#;
//! let p = store::parse(text, "example.json".as_ref()).unwrap();
//! let a = Analysis::run(&p, &Scenario::on(date(2026, 11, 24)));
//! assert_eq!(a.bus_factor.size, 1);
//! let kinds: Vec<&str> = a.risks.iter().map(|r| r.kind.as_str()).collect();
//! assert_eq!(
//!     kinds,
//!     ["bus-factor", "single-point", "no-champion", "single-threaded", "exec-gap"]
//! );
//! // 18 + 9 + 9 + 9 + 3: lower is better.
//! assert_eq!(a.risk_score(), 48);
//! ```

pub mod advice;
pub mod analysis;
pub mod change;
pub mod date;
pub mod demo;
pub mod edit;
pub mod export;
pub mod generate;
pub mod graph;
pub mod import;
pub mod lookalike;
pub mod merge;
pub mod model;
pub mod rules;
pub mod store;
pub mod text;
pub mod tui;
pub mod words;
