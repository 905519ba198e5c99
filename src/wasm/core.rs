//! `validateInvite`, `normalizeInvite`, `timeZones`, `suggestTimeZones`, `dataCenters`.
//!
//! Any JS value is accepted: a string is JSON text; anything else goes through
//! `JSON.stringify`, whose exceptions (cyclic objects, BigInt, a throwing `toJSON` or getter)
//! become an `errors.invalid_json` result. Text longer than [`MAX_INPUT_BYTES`] is refused
//! before it is copied into wasm memory.
//!
//! The package entries register a `JSON.stringify` that never throws (`__setStringify`, from
//! pkg/lib/setup.mjs): a wasm-bindgen `catch` import that throws leaks one externref table
//! slot per call (its discarded return value), and 100,000 cyclic inputs grew the memory by
//! 4 MB. Without it (bare glue, the wasm-bindgen tests) `js_sys::JSON::stringify` is used.

use std::cell::RefCell;

use js_sys::{Function, JsString, Reflect, JSON};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{smart_invite_error, to_js};
use crate::{DataCenter, Issue, IssueKey, Issues, Validation, Validator, MAX_INPUT_BYTES};

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

/// Checks a payload (JSON text or any JS value); never throws.
///
/// ```js
/// const result = validateInvite({ smart_invite_id: "x" }, { dataCenter: "uk" });
/// result.ok; // false
/// result.errors["recipient"][0].key; // "errors.required"
/// ```
#[wasm_bindgen(js_name = validateInvite, skip_typescript)]
pub fn validate_invite(input: JsValue, options: JsValue) -> JsValue {
    let validation = match validator(&options) {
        Ok(validator) => check(&validator, &input),
        Err(description) => refused("options.dataCenter", IssueKey::InvalidOption, description),
    };
    to_js(&validation)
}

/// Checks a payload and returns the normalized invite, or throws a `SmartInviteError` of kind
/// `"validation"` carrying the error map (kind `"invalid_options"` for bad options).
///
/// ```js
/// const invite = normalizeInvite(form); // throws SmartInviteError { kind: "validation", errors }
/// await fetch(url, { method: "POST", body: JSON.stringify(invite) });
/// ```
#[wasm_bindgen(js_name = normalizeInvite, skip_typescript)]
pub fn normalize_invite(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let validator = validator(&options).map_err(|message| smart_invite_error("invalid_options", &message).into_js())?;
    let validation = check(&validator, &input);
    match &validation.invite {
        Some(invite) => Ok(to_js(invite)),
        None => {
            Err(smart_invite_error("validation", &summary(&validation.errors)).errors(&validation.errors).into_js())
        }
    }
}

/// Every IANA time zone id the validator accepts, sorted.
///
/// ```js
/// timeZones().includes("Europe/London"); // true
/// ```
#[wasm_bindgen(js_name = timeZones, skip_typescript)]
pub fn time_zones() -> JsValue {
    to_js(&crate::time_zones())
}

/// Up to three known zone ids closest to an unknown one, best first (`[]` for a non-string).
///
/// ```js
/// suggestTimeZones("Europe/Lodnon"); // ["Europe/London"]
/// ```
#[wasm_bindgen(js_name = suggestTimeZones, skip_typescript)]
pub fn suggest_time_zones(id: JsValue) -> JsValue {
    let id = id.as_string().unwrap_or_default();
    to_js(&crate::suggest_time_zones(&id))
}

/// The data centers with their API base URL and organizer forwarding address, `us` first.
///
/// ```js
/// dataCenters()[1]; // { id: "uk", apiUrl: "https://api-uk.cronofy.com", forwardingAddress: "..." }
/// ```
#[wasm_bindgen(js_name = dataCenters, skip_typescript)]
pub fn data_centers() -> JsValue {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Row {
        id: &'static str,
        api_url: &'static str,
        forwarding_address: &'static str,
    }
    let rows: Vec<Row> = DataCenter::ALL
        .iter()
        .map(|dc| Row { id: dc.id(), api_url: dc.api_url(), forwarding_address: dc.forwarding_address() })
        .collect();
    to_js(&rows)
}

/// The validator for `{ dataCenter }` options (`undefined` or `null` mean the defaults).
fn validator(options: &JsValue) -> Result<Validator, String> {
    if options.is_undefined() || options.is_null() {
        return Ok(Validator::default());
    }
    if !options.is_object() {
        return Err("The options must be an object such as { dataCenter: \"uk\" }.".to_owned());
    }
    let data_center = Reflect::get(options, &JsValue::from_str("dataCenter"))
        .map_err(|_| "Reading options.dataCenter threw an exception.".to_owned())?;
    if data_center.is_undefined() || data_center.is_null() {
        return Ok(Validator::default());
    }
    let id = data_center.as_string().ok_or_else(|| "options.dataCenter must be a string such as \"uk\".".to_owned())?;
    id.parse::<DataCenter>().map(Validator::new).map_err(|e| format!("options.dataCenter: {e}"))
}

/// Validates any JS value: strings as JSON text, anything else through `JSON.stringify`.
fn check(validator: &Validator, input: &JsValue) -> Validation {
    if input.is_string() {
        return check_text(validator, input.unchecked_ref::<JsString>());
    }
    let stringified = match STRINGIFY.with(|slot| slot.borrow().clone()) {
        Some(stringify) => stringify.call1(&JsValue::UNDEFINED, input),
        None => JSON::stringify(input).map(JsValue::from),
    };
    match stringified {
        Ok(text) if text.is_string() => check_text(validator, text.unchecked_ref()),
        // `undefined`, a function or a symbol: JSON has no text for them; judged as `null`.
        Ok(text) if text.is_undefined() => validator.value(&serde_json::Value::Null),
        // The registered stringify caught an exception: `{ message }`.
        Ok(caught) => {
            let message = Reflect::get(&caught, &JsValue::from_str("message")).ok().and_then(|m| m.as_string());
            unserializable(message.unwrap_or_default())
        }
        Err(exception) => unserializable(exception_message(&exception)),
    }
}

fn unserializable(message: String) -> Validation {
    let message = message.lines().next().unwrap_or_default().trim_end_matches('.');
    let why = if message.is_empty() { "a toJSON method or getter threw" } else { message };
    refused("", IssueKey::InvalidJson, format!("The invite cannot be turned into JSON: {why}."))
}

fn check_text(validator: &Validator, text: &JsString) -> Validation {
    // A UTF-16 code unit never takes less than one UTF-8 byte, so this refuses before copying.
    let units = text.length() as usize;
    if units > MAX_INPUT_BYTES {
        return refused(
            "",
            IssueKey::TooLarge,
            format!("The invite is {units} characters long; the most accepted is {MAX_INPUT_BYTES} bytes (1 MiB)."),
        );
    }
    validator.json(&String::from(text))
}

fn exception_message(exception: &JsValue) -> String {
    match exception.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => exception.as_string().unwrap_or_default(),
    }
}

fn refused(path: &str, key: IssueKey, description: String) -> Validation {
    let mut errors = Issues::default();
    errors.push(path, Issue::new(key, description));
    Validation { invite: None, errors, warnings: Issues::default() }
}

/// `"The invite has 3 errors; first at event.start: ..."`, for `SmartInviteError.message`.
fn summary(errors: &Issues) -> String {
    let count: usize = errors.iter().map(|(_, list)| list.len()).sum();
    let Some((path, list)) = errors.iter().next() else {
        return "The invite is not valid.".to_owned();
    };
    let first = list.first().map(|issue| issue.description.as_str()).unwrap_or_default();
    let at = if path.is_empty() { String::new() } else { format!(" at {path}") };
    let noun = if count == 1 { "error" } else { "errors" };
    format!("The invite has {count} {noun}; the first{at}: {first}")
}
