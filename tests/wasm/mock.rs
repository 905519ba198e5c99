//! `__requestIds` against `JSON.parse`: the same ids for every body the mock may get, wherever
//! both read the body (a body serde_json refuses and JSON.parse takes gives no ids).

use js_sys::{Reflect, JSON};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::wasm::mock::request_ids;

fn get(value: &JsValue, key: &str) -> JsValue {
    if !value.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(value, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// What the mock took with `JSON.parse`: `json?.smart_invite_id`, `json?.recipient?.email`,
/// where they are text.
fn from_json_parse(body: &str) -> (Option<String>, Option<String>) {
    let json = JSON::parse(if body.is_empty() { "null" } else { body }).unwrap_or(JsValue::UNDEFINED);
    (get(&json, "smart_invite_id").as_string(), get(&get(&json, "recipient"), "email").as_string())
}

#[wasm_bindgen_test]
fn ids_are_those_json_parse_gives() {
    let big = format!(
        r#"{{"recipients":[{}],"event":{{{}}},"smart_invite_id":"big","x":[[[[{{"recipient":1}}]]]]}}"#,
        (0..500).map(|i| format!(r#"{{"email":"p{i}@example.com"}}"#)).collect::<Vec<_>>().join(","),
        (0..500).map(|i| format!(r#""sumary{i}":{i}"#)).collect::<Vec<_>>().join(",")
    );
    let bodies = [
        r#"{"smart_invite_id":"x","recipient":{"email":"a@example.com"}}"#,
        r#"{"recipient":{"name":"A","email":"a@example.com","email":"b@example.com"},"smart_invite_id":"y"}"#,
        r#"{"smart_invite_id":"a","smart_invite_id":"b","recipient":{"email":"a@x"},"recipient":{"x":1}}"#,
        r#"{"smart_invite_id":"a\"b\u00e9","recipient":{"email":"\u0041@x"}}"#,
        r#"{"smart_invite_id":42,"recipient":"a@example.com"}"#,
        r#"{"smart_invite_id":["x"],"recipient":[{"email":"a@x"}]}"#,
        r#"{"smart_invite_id":{"smart_invite_id":"inner"},"recipient":{"email":{"email":"x"}}}"#,
        r#"{"smart_invite_id":null,"recipient":null,"other":{"smart_invite_id":"no"}}"#,
        r#"[{"smart_invite_id":"x"}]"#,
        r#""smart_invite_id""#,
        r#"{"smart_invite_id":"x"} trailing"#,
        r#"{"smart_invite_id":"x""#,
        "",
        "  ",
        &big,
    ];
    for body in bodies {
        let ids = request_ids(body);
        let found = (get(&ids, "smart_invite_id").as_string(), get(&ids, "recipient").as_string());
        assert_eq!(found, from_json_parse(body), "{body}");
    }
}
