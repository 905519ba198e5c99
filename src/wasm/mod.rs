//! The WebAssembly bindings: the only part of the crate that knows about JavaScript.
//!
//! Each file binds one area of the JS API and converts at the boundary only: JSON text in
//! (`JSON.stringify` on the JS side, caught, then `serde_json`), plain objects out
//! (`serde_json` text, then `JSON.parse`; texts of megabytes as strings of their own), through
//! the helpers in `boundary.rs`. Each optional area's bindings sit behind the same Cargo feature
//! as its Rust module.

mod boundary;
#[cfg(feature = "calendar")]
mod calendar;
#[cfg(feature = "callbacks")]
mod callbacks;
#[cfg(feature = "client")]
mod client;
mod core;
#[cfg(feature = "email")]
mod email;
mod error;
#[cfg(feature = "perf-values")]
mod tape;
// The mock of the API runs on the full build, beside the calendar it attaches.
#[cfg(feature = "calendar")]
mod mock;

#[cfg(feature = "email")]
pub(crate) use boundary::to_js_with_texts;
pub(crate) use boundary::{json_text, to_js};
pub(crate) use error::smart_invite_error;

// The wasm-bindgen-test suites (Node and headless Chromium, `make test-pkg`) live in tests/wasm/
// but are unit-test modules here, because the bindings are private to the crate.
#[cfg(test)]
#[path = "../../tests/wasm/core.rs"]
mod core_tests;
#[cfg(test)]
#[path = "../../tests/wasm/error.rs"]
mod error_tests;
#[cfg(all(test, feature = "calendar"))]
#[path = "../../tests/wasm/mock.rs"]
mod mock_tests;
#[cfg(all(test, feature = "perf-values"))]
#[path = "../../tests/wasm/tape.rs"]
mod tape_tests;
