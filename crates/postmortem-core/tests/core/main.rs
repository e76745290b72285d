//! The document core's integration tests: one binary, one module per feature.
//! Runs with `cargo test -p postmortem-core` (no web crate).

mod chart;
mod clock;
mod compat;
mod corpus;
mod exports;
mod file;
mod foreign;
mod front_matter;
mod gen;
mod grouping;
mod history;
mod import_review;
mod insights;
mod json_files;
mod layering;
mod library;
mod locate;
mod mermaid;
mod metrics;
mod naming;
mod no_panic;
mod oracle;
mod paste;
mod preview;
mod reread;
mod reread_places;
mod roundtrip;
mod seeds;
mod stamps;
mod storage;
mod support;
mod validation;
mod zone_names;
