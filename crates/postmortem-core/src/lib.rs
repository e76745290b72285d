//! The document core: everything the editor and the `postmortem` command know
//! about a postmortem, as plain Rust with no web crate. It never reads a clock,
//! storage or the DOM: the current time and ids come in as arguments.
//!
//! Layers, lowest first (ARCHITECTURE.md; `tests/core/layering.rs` holds it):
//! `model` ← `url`, `time`, `gfm` (Markdown shapes on one line) ← the rules on a document (`validate`, `metrics`,
//! `chart`, `naming`, `reread`, `paste`, `sample`, `history`, `review`, `insights`) ←
//! `format` (our own files) ← `import` (other people's), `storage`,
//! `library` ← `file` (which format, open and save), `preview`.

pub mod chart;
pub mod file;
pub mod format;
pub mod gfm;
pub mod history;
pub mod import;
pub mod insights;
pub mod library;
pub mod metrics;
pub mod model;
pub mod naming;
pub mod paste;
pub mod path;
pub mod preview;
pub mod reread;
pub mod review;
pub mod sample;
pub mod storage;
pub mod time;
pub mod url;
pub mod validate;
