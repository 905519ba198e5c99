//! `validateInvite`, `normalizeInvite`, `timeZones`, `suggestTimeZones`, `dataCenters`, and
//! `__standardValidate`, the Standard Schema's `validate` (pkg/lib/schema.mjs).
//!
//! Any JS value is accepted: a string is JSON text; anything else goes through
//! `JSON.stringify` (see `boundary.rs`), whose exceptions (cyclic objects, BigInt, a throwing
//! `toJSON` or getter) become an `errors.invalid_json` result.

use js_sys::{Reflect, JSON};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use wasm_bindgen::prelude::*;

use super::{json_text, smart_invite_error, to_js};
use crate::time;
use crate::validate::path::{segments, Segments};
use crate::{DataCenter, Issue, IssueKey, Issues, Validation, Validator};

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

/// The Standard Schema v1 `validate` of the invite payload (internal, for pkg/lib/schema.mjs):
/// `{ value: invite }`, or `{ issues: [{ message, path, key }] }` with one issue per error of
/// the error map, in its order, the path as its segments (`["recipients", 1, "email"]`, `[]`
/// for the payload as a whole). Warnings are not issues. A string is a value, not JSON text:
/// it gets the validator's "must be an object" issue. Throws a `SmartInviteError` of kind
/// `"invalid_options"` for bad options, as `normalizeInvite` does.
///
/// ```js
/// __standardValidate({ smart_invite_id: "x" }, { dataCenter: "uk" }).issues[0];
/// // { message: "recipient is required...", path: ["recipient"], key: "errors.required" }
/// ```
#[wasm_bindgen(js_name = __standardValidate, skip_typescript)]
pub fn standard_validate(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let validator = validator(&options).map_err(|message| smart_invite_error("invalid_options", &message).into_js())?;
    // JSON.stringify of a string cannot throw: its JSON text, which the validator reads as a string.
    let input = if input.is_string() { JSON::stringify(&input).map_or(input, JsValue::from) } else { input };
    Ok(to_js(&StandardResult(&check(&validator, &input))))
}

/// A validation as the Standard Schema's result: `{ value }` or `{ issues }`.
struct StandardResult<'a>(&'a Validation);

impl Serialize for StandardResult<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        match &self.0.invite {
            Some(invite) => map.serialize_entry("value", invite)?,
            None => map.serialize_entry("issues", &StandardIssues(&self.0.errors))?,
        }
        map.end()
    }
}

/// Each issue of an error map as `{ message, path, key }`, the path as its segments.
struct StandardIssues<'a>(&'a Issues);

impl Serialize for StandardIssues<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for (path, list) in self.0.iter() {
            for issue in list {
                seq.serialize_element(&StandardIssue {
                    message: &issue.description,
                    path: segments(path),
                    key: &issue.key,
                })?;
            }
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct StandardIssue<'a> {
    message: &'a str,
    path: Segments<'a>,
    key: &'a str,
}

/// Every IANA time zone id the validator accepts, sorted.
///
/// ```js
/// timeZones().includes("Europe/London"); // true
/// ```
#[wasm_bindgen(js_name = timeZones, skip_typescript)]
pub fn time_zones() -> JsValue {
    to_js(&time::time_zones())
}

/// Up to three known zone ids closest to an unknown one, best first (`[]` for a non-string).
///
/// ```js
/// suggestTimeZones("Europe/Lodnon"); // ["Europe/London"]
/// ```
#[wasm_bindgen(js_name = suggestTimeZones, skip_typescript)]
pub fn suggest_time_zones(id: JsValue) -> JsValue {
    let id = id.as_string().unwrap_or_default();
    to_js(&time::suggest_time_zones(&id))
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
    match json_text(input, "The invite") {
        Ok(text) => validator.json(&text),
        Err(errors) => Validation { invite: None, errors, warnings: Issues::default() },
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
