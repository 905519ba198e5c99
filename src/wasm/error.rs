//! `SmartInviteError` from Rust: every binding throws through [`smart_invite_error`].
//!
//! The JS class is defined once, in the package (`pkg/lib/error.mjs`); each package entry
//! hands it to the module with `__setErrorClass` right after instantiation, so an error thrown
//! here is `instanceof SmartInviteError` in the caller's realm. Before that (a bare
//! wasm-bindgen test, say) a plain `Error` named `SmartInviteError` with the same fields is
//! thrown instead.

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::Issues;

thread_local! {
    static ERROR_CLASS: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Registers the JS `SmartInviteError` class (internal: called by the package entries).
///
/// ```js
/// import { __setErrorClass } from "./gen/smart_invite.js";
/// __setErrorClass(SmartInviteError);
/// ```
#[wasm_bindgen(js_name = __setErrorClass, skip_typescript)]
pub fn set_error_class(class: Function) {
    ERROR_CLASS.with(|slot| *slot.borrow_mut() = Some(class));
}

/// A `SmartInviteError` being built: a kind, a message, then optional fields.
///
/// The JS class takes `new SmartInviteError(message, { kind, errors, status, requestId,
/// retryAfterMs, cause })`; the setters fill that options object.
pub(crate) struct ErrorBuilder {
    message: String,
    options: Object,
}

/// Starts a `SmartInviteError` of one kind (`"validation"`, `"network"`, ... see the JS
/// API contract) with a message a person can act on.
///
/// ```ignore
/// return Err(smart_invite_error("validation", "The invite has 2 errors.").errors(&issues).into_js());
/// ```
pub(crate) fn smart_invite_error(kind: &str, message: &str) -> ErrorBuilder {
    let builder = ErrorBuilder { message: message.to_owned(), options: Object::new() };
    builder.set("kind", &JsValue::from_str(kind))
}

impl ErrorBuilder {
    /// Sets a field of the error: `status` (the HTTP status), `requestId` (for support
    /// tickets), `retryAfterMs` (the wait the server asked for), `cause` (the runtime's error).
    pub(crate) fn set(self, field: &str, value: &JsValue) -> Self {
        // Setting a data property on a fresh plain object cannot fail.
        let _ = Reflect::set(&self.options, &JsValue::from_str(field), value);
        self
    }

    /// The error map, in the shape of Cronofy's 422 `errors` object.
    pub(crate) fn errors(self, errors: &Issues) -> Self {
        let errors = super::to_js(errors);
        self.set("errors", &errors)
    }

    /// The JS error object, ready to throw (`Err(builder.into_js())`).
    pub(crate) fn into_js(self) -> JsValue {
        let class = ERROR_CLASS.with(|slot| slot.borrow().clone());
        let message = JsValue::from_str(&self.message);
        if let Some(class) = class {
            if let Ok(error) = Reflect::construct(&class, &Array::of2(&message, &self.options)) {
                return error;
            }
        }
        let error = js_sys::Error::new(&self.message);
        error.set_name("SmartInviteError");
        Object::assign(&error, &self.options);
        error.into()
    }
}
