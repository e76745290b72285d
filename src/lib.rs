//! The postmortem editor in the browser: the Leptos app that binds the
//! document core (`postmortem_core`) to the page. See ARCHITECTURE.md.
//! It is built for wasm32 only; natively this crate is empty, so the
//! workspace's native tests and lints build no web crate.

#[cfg(target_arch = "wasm32")]
pub mod ui;
