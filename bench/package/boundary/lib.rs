//! Four ways across the JS/Wasm boundary for one `validateInvite` call: JSON text in or
//! serde-wasm-bindgen in, crossed with JSON text out or serde-wasm-bindgen out.

use js_sys::JSON;
use serde::Serialize;
use smart_invite::{validate_json, validate_value, Validation};
use wasm_bindgen::prelude::*;

fn json_in(input: &JsValue) -> Validation {
    let text = match input.as_string() {
        Some(text) => text,
        None => JSON::stringify(input).ok().and_then(|s| s.as_string()).unwrap_or_else(|| "null".into()),
    };
    validate_json(&text)
}

fn swb_in(input: JsValue) -> Validation {
    match serde_wasm_bindgen::from_value::<serde_json::Value>(input) {
        Ok(value) => validate_value(&value),
        Err(_) => validate_json("null"),
    }
}

fn json_out(v: &Validation) -> JsValue {
    serde_json::to_string(v).ok().and_then(|text| JSON::parse(&text).ok()).unwrap_or(JsValue::NULL)
}

fn swb_out(v: &Validation) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}

#[wasm_bindgen(js_name = jsonInJsonOut)]
pub fn json_in_json_out(input: JsValue) -> JsValue {
    json_out(&json_in(&input))
}

#[wasm_bindgen(js_name = jsonInSwbOut)]
pub fn json_in_swb_out(input: JsValue) -> JsValue {
    swb_out(&json_in(&input))
}

#[wasm_bindgen(js_name = swbInJsonOut)]
pub fn swb_in_json_out(input: JsValue) -> JsValue {
    json_out(&swb_in(input))
}

#[wasm_bindgen(js_name = swbInSwbOut)]
pub fn swb_in_swb_out(input: JsValue) -> JsValue {
    swb_out(&swb_in(input))
}
