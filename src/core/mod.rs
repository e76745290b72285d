//! The document core: everything the editor knows about a postmortem, as plain
//! Rust with no web crate. It never reads a clock, storage or the DOM: the
//! current time and ids come in as arguments.

pub mod chart;
pub mod clock;
pub mod json;
pub mod library;
pub mod markdown;
pub mod metrics;
pub mod model;
pub mod naming;
pub mod paste;
pub mod reread;
pub mod sample;
pub mod storage;
pub mod validate;
pub mod zones;
