//! Our Markdown file: the layout people commit and read in review.
//!
//! `write` writes it (front matter YAML-safe, `mermaid` the gantt block);
//! `read` reads it back exactly, hand edits to the body included. `escape`
//! holds the reversible escapes both sides share; `front_matter` and
//! `blocks` (the heading outline, GFM tables, list items, links) are the
//! Markdown machinery the importer of other people's documents uses too;
//! `layout` names the sections and marks of the file.

pub mod blocks;
pub mod escape;
pub mod front_matter;
pub mod layout;
pub mod locate;
pub mod mermaid;
pub mod read;
pub mod write;

pub use read::{Imported, Notice};
pub use write::{to_markdown, to_markdown_with, ExportOptions};
