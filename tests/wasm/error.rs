//! `smart_invite_error`: the one way bindings throw, with and without the JS class registered.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::wasm::error::{set_error_class, smart_invite_error};
use crate::{Issue, IssueKey, Issues};

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn full_error() -> JsValue {
    let mut issues = Issues::default();
    issues.push("event.start", Issue::new(IssueKey::InvalidTime, "Not a time."));
    smart_invite_error("rate_limited", "Slow down.")
        .errors(&issues)
        .set("status", &JsValue::from(429))
        .set("requestId", &JsValue::from_str("req-1"))
        .set("retryAfterMs", &JsValue::from_f64(1500.0))
        .set("cause", &JsValue::from_str("the cause"))
        .into_js()
}

fn assert_fields(error: &JsValue) {
    assert_eq!(get(error, "message").as_string().unwrap(), "Slow down.");
    assert_eq!(get(error, "kind").as_string().unwrap(), "rate_limited");
    assert_eq!(get(error, "status").as_f64(), Some(429.0));
    assert_eq!(get(error, "requestId").as_string().unwrap(), "req-1");
    assert_eq!(get(error, "retryAfterMs").as_f64(), Some(1500.0));
    assert_eq!(get(error, "cause").as_string().unwrap(), "the cause");
    let errors = js_sys::JSON::stringify(&get(error, "errors")).unwrap();
    assert_eq!(String::from(errors), r#"{"event.start":[{"key":"errors.invalid_time","description":"Not a time."}]}"#);
}

/// One test for both states, since the registered class is global to the module.
#[wasm_bindgen_test]
fn errors_are_built_with_the_registered_class_or_a_plain_error() {
    let plain = full_error();
    assert!(plain.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&plain, "name").as_string().unwrap(), "SmartInviteError");
    assert_fields(&plain);

    // The package's class, in miniature: (message, options) like pkg/lib/error.mjs.
    let class: Function = Function::new_no_args(
        "return class SmartInviteError extends Error {
           constructor(message, options) {
             super(message, { cause: options.cause });
             this.name = 'SmartInviteError';
             Object.assign(this, options);
             delete this.cause; this.cause = options.cause;
           }
         }",
    )
    .call0(&JsValue::UNDEFINED)
    .unwrap()
    .into();
    set_error_class(class.clone());
    let built = full_error();
    assert!(built.is_instance_of::<js_sys::Error>());
    assert!(js_sys::Reflect::get_prototype_of(&built).unwrap() == get(&class, "prototype").into());
    assert_fields(&built);
    let minimal = smart_invite_error("network", "Offline.").into_js();
    assert!(get(&minimal, "status").is_undefined() && get(&minimal, "errors").is_undefined());
}
