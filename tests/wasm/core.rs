//! The core bindings seen from JavaScript: `validateInvite` and friends, in Node and in
//! headless Chromium (`make test-pkg`). Included into `src/wasm/` as a unit-test module, since
//! the bindings are private to the crate.

use js_sys::{Array, Function, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::wasm::core::{
    data_centers, normalize_invite, standard_validate, suggest_time_zones, time_zones, validate_invite,
};

const SEED: &str = include_str!("../fixtures/seed-request.json");

/// A JS value built by JavaScript source (`return ...`), for the shapes Rust cannot write.
fn js(source: &str) -> JsValue {
    Function::new_no_args(source).call0(&JsValue::UNDEFINED).expect("the test's JS source runs")
}

fn get(value: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(value.clone(), |v, key| Reflect::get(&v, &key.into()).unwrap_or(JsValue::UNDEFINED))
}

fn stringify(value: &JsValue) -> String {
    JSON::stringify(value).map(String::from).unwrap_or_default()
}

/// The keys of the `errors` map of a result (or of an error object).
fn error_paths(result: &JsValue) -> Vec<String> {
    Object::keys(get(result, "errors").unchecked_ref::<Object>()).iter().filter_map(|k| k.as_string()).collect()
}

fn first_key(result: &JsValue, path: &str) -> String {
    let list = Reflect::get(&get(result, "errors"), &path.into()).unwrap_or(JsValue::UNDEFINED);
    get(&Reflect::get(&list, &0.into()).unwrap_or(JsValue::UNDEFINED), "key").as_string().unwrap_or_default()
}

#[wasm_bindgen_test]
fn the_seed_example_validates_from_an_object_and_from_text() {
    let object = JSON::parse(SEED).unwrap();
    for input in [object, JsValue::from_str(SEED)] {
        let result = validate_invite(input, JsValue::UNDEFINED);
        assert_eq!(get(&result, "ok"), JsValue::TRUE);
        assert_eq!(get(&result, "invite.event.start.time").as_string().unwrap(), "2026-04-29T09:30:00Z");
        assert_eq!(get(&result, "invite.event.start.tzid").as_string().unwrap(), "Europe/London");
        assert_eq!(get(&result, "invite.method").as_string().unwrap(), "request");
        assert!(get(&result, "errors").is_undefined());
        // Warnings have the error map's shape: the custom organizer needs mail forwarding.
        let warning = Reflect::get(&get(&result, "warnings"), &"organizer.email".into()).unwrap();
        assert!(Array::is_array(&warning));
    }
}

#[wasm_bindgen_test]
fn outputs_are_plain_objects_whose_json_is_the_wire_body() {
    let result = validate_invite(JsValue::from_str(SEED), JsValue::UNDEFINED);
    let invite = get(&result, "invite");
    for value in [&result, &invite, &get(&invite, "event"), &get(&result, "warnings")] {
        assert_eq!(Object::get_prototype_of(value), Object::get_prototype_of(&Object::new()), "{}", stringify(value));
    }
    let normalized = crate::validate_json(SEED).invite.unwrap();
    assert_eq!(stringify(&invite), serde_json::to_string(&normalized).unwrap());
    let thrown = normalize_invite(JsValue::from_str(SEED), JsValue::UNDEFINED).unwrap();
    assert_eq!(stringify(&thrown), stringify(&invite));
}

#[wasm_bindgen_test]
fn errors_have_the_shape_of_a_cronofy_422() {
    let result = validate_invite(js(r#"return { smart_invite_id: "x", event: { summary: 5 } }"#), JsValue::UNDEFINED);
    assert_eq!(get(&result, "ok"), JsValue::FALSE);
    assert!(get(&result, "invite").is_undefined());
    assert_eq!(first_key(&result, "recipient"), "errors.required");
    assert_eq!(first_key(&result, "event.summary"), "errors.invalid_type");
    let issue = Reflect::get(&Reflect::get(&get(&result, "errors"), &"recipient".into()).unwrap(), &0.into()).unwrap();
    assert_eq!(Object::keys(issue.unchecked_ref::<Object>()).join(",").as_string().unwrap(), "key,description");
}

/// Every kind of JS value gives a result, never an exception; the ones JSON cannot express
/// are refused with a sentence naming the problem.
#[wasm_bindgen_test]
fn any_js_value_gives_a_result() {
    let cases: &[(&str, &str, &str)] = &[
        ("return undefined", "", "errors.invalid_type"),
        ("return null", "", "errors.invalid_type"),
        ("return 42", "", "errors.invalid_type"),
        ("return NaN", "", "errors.invalid_type"),
        ("return true", "", "errors.invalid_type"),
        ("return []", "", "errors.invalid_type"),
        ("return [1, {a: 2}]", "", "errors.invalid_type"),
        ("return ''", "", "errors.invalid_json"),
        ("return '{not json'", "", "errors.invalid_json"),
        ("return () => 1", "", "errors.invalid_type"),
        ("return Symbol('s')", "", "errors.invalid_type"),
        ("return new Date(0)", "", "errors.invalid_type"),
        ("return new Map([['a', 1]])", "smart_invite_id", "errors.required"),
        ("const o = { smart_invite_id: 'x' }; o.self = o; return o", "", "errors.invalid_json"),
        ("return { smart_invite_id: 'x', n: 10n }", "", "errors.invalid_json"),
        ("return { get smart_invite_id() { throw new Error('boom') } }", "", "errors.invalid_json"),
        ("return { toJSON() { throw 'not an Error' } }", "", "errors.invalid_json"),
        ("return JSON.parse('{\"__proto__\": {\"smart_invite_id\": \"x\"}}')", "smart_invite_id", "errors.required"),
        ("return 'x'.repeat(1048577)", "", "errors.too_large"),
        ("let a = []; for (let i = 0; i < 100000; i++) a = [a]; return a", "", "errors.invalid_json"),
        ("return '['.repeat(100000)", "", "errors.invalid_json"),
        ("return '\"\\uD800\"'", "", "errors.invalid_type"),
    ];
    for (source, path, key) in cases {
        let result = validate_invite(js(source), JsValue::UNDEFINED);
        assert_eq!(get(&result, "ok"), JsValue::FALSE, "{source}");
        assert_eq!(first_key(&result, path), *key, "{source}: {}", stringify(&result));
    }
    let cyclic = validate_invite(js("const o = {}; o.o = o; return o"), JsValue::UNDEFINED);
    let description = stringify(&cyclic);
    assert!(description.contains("cannot be turned into JSON") && description.contains("ircular"), "{description}");
}

#[wasm_bindgen_test]
fn the_data_center_option_names_the_forwarding_address() {
    let options = js("return { dataCenter: 'uk' }");
    let result = validate_invite(JsValue::from_str(SEED), options);
    assert!(stringify(&get(&result, "warnings")).contains("organizer@invite-uk.cronofy.com"));

    for bad in ["return { dataCenter: 'eu' }", "return { dataCenter: 7 }", "return 5", "return 'uk'"] {
        let result = validate_invite(JsValue::from_str(SEED), js(bad));
        assert_eq!(error_paths(&result), ["options.dataCenter"], "{bad}");
        assert_eq!(first_key(&result, "options.dataCenter"), "errors.invalid_option");
        let error = normalize_invite(JsValue::from_str(SEED), js(bad)).unwrap_err();
        assert_eq!(get(&error, "kind").as_string().unwrap(), "invalid_options", "{bad}");
    }
    let throwing = js("return { get dataCenter() { throw new Error('no') } }");
    assert_eq!(error_paths(&validate_invite(JsValue::from_str(SEED), throwing)), ["options.dataCenter"]);
    for fine in ["return null", "return {}", "return { dataCenter: null }", "return { dataCenter: ' DE ' }"] {
        assert_eq!(get(&validate_invite(JsValue::from_str(SEED), js(fine)), "ok"), JsValue::TRUE, "{fine}");
    }
}

#[wasm_bindgen_test]
fn normalize_throws_the_error_map() {
    let error = normalize_invite(js("return { smart_invite_id: 'x' }"), JsValue::UNDEFINED).unwrap_err();
    assert!(error.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&error, "name").as_string().unwrap(), "SmartInviteError");
    assert_eq!(get(&error, "kind").as_string().unwrap(), "validation");
    assert_eq!(first_key(&error, "recipient"), "errors.required");
    let message = get(&error, "message").as_string().unwrap();
    assert!(message.starts_with("The invite has 2 errors; the first at recipient: "), "{message}");
}

/// The Standard Schema's result is built in Rust: the invite as `value`, or one issue per
/// error with the path as its segments, read back from the error map's text.
#[wasm_bindgen_test]
fn the_standard_schema_result_has_paths_as_segments() {
    let valid = standard_validate(JSON::parse(SEED).unwrap(), JsValue::UNDEFINED).unwrap();
    let direct = validate_invite(JsValue::from_str(SEED), JsValue::UNDEFINED);
    assert_eq!(stringify(&valid), stringify(&js_object(&[("value", get(&direct, "invite"))])));

    let bad = js("return { smart_invite_id: 'x', recipients: [{ email: 'a@example.com' }, { email: 'bob@' }], \
        event: { summary: 'S', start: '2026-03-29T01:30', end: '2026-03-29T02:30', tzid: 'Europe/London' } }");
    let issues = get(&standard_validate(bad, JsValue::UNDEFINED).unwrap(), "issues");
    assert_eq!(
        stringify(&Array::from(&issues).iter().map(|i| get(&i, "path")).collect::<Array>()),
        r#"[["recipients",1,"email"],["event","start"]]"#
    );
    assert_eq!(
        get(&Reflect::get(&issues, &1.into()).unwrap(), "key").as_string().unwrap(),
        "errors.nonexistent_local_time"
    );

    // A string is a value to a schema, not JSON text; the whole payload is the path [].
    let text = standard_validate(JsValue::from_str(SEED), JsValue::UNDEFINED).unwrap();
    assert_eq!(
        stringify(&text),
        r#"{"issues":[{"message":"The invite must be a JSON object, not text.","path":[],"key":"errors.invalid_type"}]}"#
    );
    let error = standard_validate(JSON::parse(SEED).unwrap(), js("return { dataCenter: 'eu' }")).unwrap_err();
    assert_eq!(get(&error, "kind").as_string().unwrap(), "invalid_options");
}

fn js_object(entries: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in entries {
        Reflect::set(&object, &JsValue::from_str(key), value).unwrap();
    }
    object
}

#[wasm_bindgen_test]
fn time_zones_and_data_centers() {
    let zones: Vec<String> = Array::from(&time_zones()).iter().filter_map(|z| z.as_string()).collect();
    assert!(zones.len() > 500);
    assert!(zones.windows(2).all(|w| w[0] < w[1]));
    assert!(zones.iter().any(|z| z == "Europe/London"));
    assert_eq!(stringify(&suggest_time_zones("Europe/Lodnon".into())), r#"["Europe/London"]"#);
    assert_eq!(stringify(&suggest_time_zones(JsValue::from(5))), "[]");
    let centers = data_centers();
    assert_eq!(Array::from(&centers).length(), 6);
    assert_eq!(
        stringify(&Reflect::get(&centers, &1.into()).unwrap()),
        r#"{"id":"uk","apiUrl":"https://api-uk.cronofy.com","forwardingAddress":"organizer@invite-uk.cronofy.com"}"#
    );
}

/// The entries' never-throwing stringify (`{ message }` for an exception) gives the same
/// results as the built-in fallback. Registered last: it stays for the module's lifetime.
#[wasm_bindgen_test]
fn a_registered_stringify_is_used_and_its_caught_message_reported() {
    let hook: Function = js(
        "return (v) => { try { return JSON.stringify(v); } catch (e) { return { message: 'caught: ' + e.message }; } }",
    )
    .into();
    crate::wasm::boundary::set_stringify(hook);
    let cyclic = validate_invite(js("const o = {}; o.o = o; return o"), JsValue::UNDEFINED);
    let description = stringify(&cyclic);
    assert!(description.contains("cannot be turned into JSON: caught: Converting circular"), "{description}");
    assert_eq!(get(&validate_invite(JSON::parse(SEED).unwrap(), JsValue::UNDEFINED), "ok"), JsValue::TRUE);
    assert_eq!(first_key(&validate_invite(JsValue::UNDEFINED, JsValue::UNDEFINED), ""), "errors.invalid_type");
    let odd = validate_invite(js("return { toJSON() { throw 5 } }"), JsValue::UNDEFINED);
    assert_eq!(first_key(&odd, ""), "errors.invalid_json");
}
