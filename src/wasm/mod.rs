//! The WebAssembly bindings: the only part of the crate that knows about JavaScript.
//!
//! Each file binds one area of the JS API and converts at the boundary only: JSON text in
//! (`JSON.stringify` on the JS side, caught, then `serde_json`), plain objects out
//! (`serde_json` text, then `JSON.parse`). That was measured faster than walking JS objects
//! with serde-wasm-bindgen, and it turns cyclic objects and BigInt into an error result
//! rather than a trap (see the README, "The npm package").

mod callbacks;
mod client;
mod core;
mod email;
mod error;
mod ics;

#[allow(unused_imports)] // for the client and email bindings
pub(crate) use error::{smart_invite_error, ErrorBuilder};

// The wasm-bindgen-test suites (Node and headless Chromium, `make test-pkg`) live in tests/wasm/
// but are unit-test modules here, because the bindings are private to the crate.
#[cfg(test)]
#[path = "../../tests/wasm/core.rs"]
mod core_tests;
#[cfg(test)]
#[path = "../../tests/wasm/error.rs"]
mod error_tests;

use serde::Serialize;
use wasm_bindgen::JsValue;

/// A plain JS value (objects, arrays, strings, numbers) for a serializable Rust value, built
/// by `JSON.parse` of its `serde_json` text: no `Map`s, no `undefined` holes.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    match serde_json::to_string(value) {
        Ok(text) => js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL),
        Err(_) => JsValue::NULL,
    }
}
