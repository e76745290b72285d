//! Stands in for the `wasm-streams` crate (patched in by the editor's
//! Cargo.toml).
//!
//! Leptos always builds the browser client of its server functions
//! (`server_fn`), which streams request and response bodies through
//! wasm-streams. This editor calls no server and defines no server
//! function, so none of that code runs. But wasm-streams exports three
//! classes to JavaScript, and exports are kept however unused: about 10 KB
//! of wasm and 6 KB of JavaScript glue on every first load.
//!
//! This crate offers exactly what `server_fn` names (`ReadableStream` with
//! `from_raw`, `into_raw`, `from_stream` and `into_stream`) and exports
//! nothing. Turning a Rust stream into a JavaScript one, or back, is not
//! possible here: those two calls stop the program with a message saying
//! so. Should the editor ever talk to a server, remove the patch.

use futures_util::stream::Stream;
use std::pin::Pin;
use std::task::{Context, Poll};
use wasm_bindgen::JsValue;

const NO_STREAMS: &str =
    "streaming bodies need the real wasm-streams crate: remove the patch in Cargo.toml";

/// A JavaScript `ReadableStream`, held but not read.
pub struct ReadableStream {
    raw: web_sys::ReadableStream,
}

impl ReadableStream {
    pub fn from_raw(raw: web_sys::ReadableStream) -> Self {
        ReadableStream { raw }
    }

    pub fn into_raw(self) -> web_sys::ReadableStream {
        self.raw
    }

    pub fn from_stream<St>(_stream: St) -> Self
    where
        St: Stream<Item = Result<JsValue, JsValue>> + 'static,
    {
        panic!("{NO_STREAMS}")
    }

    pub fn into_stream(self) -> IntoStream {
        panic!("{NO_STREAMS}")
    }
}

/// The type `into_stream` would return. No value of it is ever made.
pub struct IntoStream {
    _never: std::convert::Infallible,
}

impl Stream for IntoStream {
    type Item = Result<JsValue, JsValue>;

    fn poll_next(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        match self._never {}
    }
}
