//! The postmortem editor in the browser: the Leptos app that binds the
//! document core (`postmortem_core`) to the page. See ARCHITECTURE.md.

pub mod ui;
