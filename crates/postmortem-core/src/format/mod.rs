//! This editor's own files: the JSON file (`json`) and the Markdown file
//! (`markdown`), each written deterministically and read back exactly. What
//! a reader returns (`Imported`, `Notice`) lives here, below both our reader
//! and the importer of other people's documents.

pub mod json;
pub mod markdown;

pub use crate::format::markdown::read::{Imported, Notice};
