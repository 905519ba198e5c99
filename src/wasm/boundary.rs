//! Crossing the JS/Wasm boundary, the one way every binding does it: JSON text in, plain
//! objects out.
//!
//! In: a string is JSON text; anything else goes through `JSON.stringify`. The package entries
//! register one that never throws (`__setStringify`, from pkg/lib/wire.mjs): a wasm-bindgen
//! `catch` import that throws leaks one externref table slot per call (its discarded return
//! value), and 100,000 cyclic inputs grew the memory by 4 MB. Without it (bare glue, the
//! wasm-bindgen tests) `js_sys::JSON::stringify` is used. Text longer than
//! [`MAX_INPUT_BYTES`] is refused before it is copied into wasm memory.
//!
//! Out: `serde_json` text, then `JSON.parse`, or in the server builds a tape of the value that
//! a JS decoder builds objects from (`tape.rs`, feature `perf-values`). Both ways were measured
//! faster than walking JS objects with serde-wasm-bindgen (docs/package.md). A value holding
//! texts of megabytes (the
//! email's message and calendar) sends those as strings of their own ([`to_js_with_texts`]):
//! escaping them into JSON and parsing them back cost more than the rest of the call.

use std::cell::RefCell;

use js_sys::{Function, JsString, Reflect, JSON};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::{Issue, IssueKey, Issues, MAX_INPUT_BYTES};

thread_local! {
    static STRINGIFY: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Registers `(value) => string | undefined | { message }`: `JSON.stringify` with its
/// exception caught in JS and described by a `{ message }` object (internal, for the entries).
///
/// ```js
/// __setStringify((v) => { try { return JSON.stringify(v); } catch (e) { return { message: String(e) }; } });
/// ```
#[wasm_bindgen(js_name = __setStringify, skip_typescript)]
pub fn set_stringify(stringify: Function) {
    STRINGIFY.with(|slot| *slot.borrow_mut() = Some(stringify));
}

/// The JSON text of a JS value, or the error map that says why there is none, worded for
/// `what` (`"The invite"`, `"The read parameters"`, ...). `undefined`, functions and symbols,
/// which JSON has no text for, give `null`.
pub(crate) fn json_text(value: &JsValue, what: &str) -> Result<String, Issues> {
    let refuse = |key: IssueKey, description: String| {
        let mut errors = Issues::default();
        errors.push("", Issue::new(key, description));
        errors
    };
    let stringified = if value.is_string() {
        Ok(value.clone())
    } else {
        match STRINGIFY.with(|slot| slot.borrow().clone()) {
            Some(stringify) => stringify.call1(&JsValue::UNDEFINED, value),
            None => JSON::stringify(value).map(JsValue::from),
        }
    };
    let why = match stringified {
        Ok(text) if text.is_string() => {
            let text: JsString = text.unchecked_into();
            // A UTF-16 code unit never takes less than one UTF-8 byte, so this refuses before copying.
            let units = text.length() as usize;
            if units > MAX_INPUT_BYTES {
                let description =
                    format!("{what} is {units} characters long; the most accepted is {MAX_INPUT_BYTES} bytes (1 MiB).");
                return Err(refuse(IssueKey::TooLarge, description));
            }
            return Ok(String::from(text));
        }
        Ok(text) if text.is_undefined() => return Ok("null".to_owned()),
        // The registered stringify caught an exception: `{ message }`.
        Ok(caught) => Reflect::get(&caught, &JsValue::from_str("message")).ok().and_then(|m| m.as_string()),
        Err(exception) => exception_message(&exception),
    };
    let why = why.unwrap_or_default();
    let why = why.lines().next().unwrap_or_default().trim_end_matches('.');
    let why = if why.is_empty() { "a toJSON method or getter threw" } else { why };
    Err(refuse(IssueKey::InvalidJson, format!("{what} cannot be turned into JSON: {why}.")))
}

/// The message of a thrown value: an `Error`'s `message`, or the value itself when it is text.
pub(crate) fn exception_message(exception: &JsValue) -> Option<String> {
    match exception.dyn_ref::<js_sys::Error>() {
        Some(error) => Some(String::from(error.message())),
        None => exception.as_string(),
    }
}

/// A plain JS value (objects, arrays, strings, numbers) for a serializable Rust value: no `Map`s,
/// no `undefined` holes. Built by `JSON.parse` of its `serde_json` text, or, with the feature
/// `perf-values` and a decoder registered, from a tape ([`super::tape`]), which gives the same
/// value in less time.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    #[cfg(feature = "perf-values")]
    if let Some(built) = super::tape::to_js(value) {
        return built;
    }
    match serde_json::to_string(value) {
        Ok(text) => JSON::parse(&text).unwrap_or(JsValue::NULL),
        Err(_) => JsValue::NULL,
    }
}

/// [`to_js`] for a value that holds large texts (a whole message, a calendar): the caller takes
/// each text out of `value` (leaving `""`, so its key keeps its place) and names where it goes,
/// one place or several; each text is then set as a string of its own. A text crosses once,
/// UTF-8 decoded into a JS string, instead of being escaped into JSON, decoded and parsed again
/// (docs/email.md has the figures).
#[cfg(feature = "email")]
pub(crate) fn to_js_with_texts<T: Serialize + ?Sized>(value: &T, texts: &[(&str, &[&[&str]])]) -> JsValue {
    let root = to_js(value);
    for (text, places) in texts {
        let string = JsValue::from_str(text);
        for path in *places {
            let Some((key, parents)) = path.split_last() else { continue };
            let get = |object: JsValue, key: &&str| Reflect::get(&object, &JsValue::from_str(key)).ok();
            if let Some(parent) = parents.iter().try_fold(root.clone(), get) {
                // Setting a property of a plain object from JSON.parse cannot throw.
                let _ = Reflect::set(&parent, &JsValue::from_str(key), &string);
            }
        }
    }
    root
}
