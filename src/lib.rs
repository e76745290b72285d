//! Postmortem editor: a pure document core and, behind the `ui` feature, the
//! Leptos editor that binds it to the page. See ARCHITECTURE.md.

pub mod core;

#[cfg(feature = "ui")]
pub mod ui;
