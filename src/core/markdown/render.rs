//! Preview rendering.
