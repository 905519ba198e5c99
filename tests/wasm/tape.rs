//! Results through the tape (`src/wasm/tape.rs`) and the package's own decoder
//! (`tapeDecoder` in pkg/lib/tape.mjs, evaluated from its source): every value comes out as
//! `JSON.parse` of serde_json's text gives it, in Node and in headless Chromium (`make test-pkg`).
//! The decoder stays registered afterwards, as the package registers it, so the tests that run
//! later in this module go through the tape too.

use js_sys::{Array, Function, JsString, JSON};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde::Serialize;
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::json::Json;
use crate::wasm::tape::{set_decoder, to_js};

const TAPE: &str = include_str!("../../pkg/lib/tape.mjs");
const SEED: &str = include_str!("../fixtures/seed-request.json");

/// A new decoder from pkg/lib/tape.mjs (the module is its one function, tapeDecoder).
fn package_decoder() -> Function {
    let at = TAPE.find("export function tapeDecoder()").expect("pkg/lib/tape.mjs exports tapeDecoder()");
    let source = &TAPE[at + "export ".len()..];
    let make = Function::new_no_args(&format!("{source}\nreturn tapeDecoder();"));
    make.call0(&JsValue::UNDEFINED).expect("tapeDecoder() runs").unchecked_into()
}

/// The JSON text of a JS value, own `__proto__` fields included (and no prototype's).
fn text_of(value: &JsValue) -> String {
    JSON::stringify(value).map(String::from).unwrap_or_default()
}

/// The tape's value and JSON.parse's value of serde_json's text for `value` are the same.
fn assert_same<T: Serialize + ?Sized>(value: &T) {
    let built = to_js(value).expect("a decoder is registered");
    let parsed = JSON::parse(&serde_json::to_string(value).unwrap()).unwrap();
    assert_eq!(text_of(&built), text_of(&parsed));
    // Numbers: Object.is, so that -0 and 0 differ.
    let numbers = Function::new_with_args(
        "a, b",
        "const walk = (x, y) => typeof x === 'object' && x !== null \
           ? Object.keys(x).every((k) => walk(x[k], y[k])) && Object.getPrototypeOf(x) === Object.getPrototypeOf(y) \
           : Object.is(x, y); return walk(a, b);",
    );
    assert_eq!(numbers.call2(&JsValue::UNDEFINED, &built, &parsed).unwrap(), JsValue::TRUE, "{}", text_of(&parsed));
}

#[derive(Serialize)]
enum Shape {
    Unit,
    Newtype(u8),
    Tuple(i32, &'static str),
    Struct { name: &'static str, sides: Option<u32> },
}

#[derive(Serialize)]
struct Everything {
    text: String,
    character: char,
    small: f32,
    large: f64,
    negative_zero: f64,
    not_a_number: f64,
    infinite: f32,
    biggest: u64,
    least: i64,
    wide: u128,
    absent: Option<u8>,
    unit: (),
    pair: (bool, bool),
    shapes: Vec<Shape>,
    bytes: serde_json::Value,
}

#[wasm_bindgen_test]
fn values_come_out_as_json_parse_gives_them() {
    set_decoder(package_decoder());
    let validation = crate::validate_json(SEED);
    assert_same(&validation);
    assert_same(&crate::validate_json("{}"));
    assert_same(&Everything {
        text: "é, 😀, \u{7f}, \"quoted\\\" \n".to_owned(),
        character: '😀',
        small: 0.1,
        large: 1e21,
        negative_zero: -0.0,
        not_a_number: f64::NAN,
        infinite: f32::INFINITY,
        biggest: u64::MAX,
        least: i64::MIN,
        wide: u128::MAX,
        absent: None,
        unit: (),
        pair: (true, false),
        shapes: vec![
            Shape::Unit,
            Shape::Newtype(7),
            Shape::Tuple(-1, "x"),
            Shape::Struct { name: "sq", sides: Some(4) },
        ],
        bytes: json!([5e-324, f64::MAX, 0.30000000000000004, 123456789012345678u64]),
    });
    // Keys that objects inherit are own fields; a repeated key keeps its first place, last value.
    let repeated =
        Json::parse(r#"{"__proto__": {"a": 1}, "constructor": 2, "b": 1, "toString": [], "b": 2, "é😀": 3}"#);
    assert_same(&repeated.unwrap());
    let keys: std::collections::BTreeMap<i64, bool> = [(-1, true), (10, false), (2, true)].into();
    assert_same(&keys);
}

#[wasm_bindgen_test]
fn any_json_value_comes_out_as_json_parse_gives_it() {
    set_decoder(package_decoder());
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any::<String>().prop_map(Value::from),
    ];
    let values = leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::from),
            prop::collection::btree_map(any::<String>(), inner, 0..8)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    });
    TestRunner::new(Config { cases: 300, ..Config::default() })
        .run(&values, |value| {
            assert_same(&value);
            Ok(())
        })
        .unwrap();
}

/// A decoder that throws on its first call and records the tapes of the later ones.
fn throwing_once() -> (Function, Array) {
    let tapes = Array::new();
    let decoder = Function::new_with_args(
        "tapes, decode",
        "let calls = 0; return (ops, texts) => { \
           if (calls++ === 0) throw new Error('first call'); \
           tapes.push(Array.from(ops)); return decode(ops, texts); };",
    )
    .call2(&JsValue::UNDEFINED, &tapes, &package_decoder())
    .unwrap();
    (decoder.unchecked_into(), tapes)
}

#[wasm_bindgen_test]
fn a_decoder_that_throws_leaves_the_json_way_and_no_field_name_half_known() {
    let (decoder, tapes) = throwing_once();
    set_decoder(decoder);
    let validation = crate::validate_json(SEED);
    // The first call throws: no value from the tape (the bindings take the JSON way), and the
    // field names numbered for it are forgotten, so the next tape sends them again (op 9)
    // instead of numbers the decoder never kept (op 8 alone).
    assert!(to_js(&validation).is_none());
    assert_same(&validation);
    let tape: Vec<u32> = tapes.get(0).unchecked_into::<Array>().iter().map(|op| op.as_f64().unwrap() as u32).collect();
    assert_eq!(tape[..2], [6, 9], "the first field name comes with its text: {tape:?}");
    set_decoder(package_decoder());
}

#[wasm_bindgen_test]
fn the_tape_is_the_documented_one() {
    let tapes = Array::new();
    let recorder = Function::new_with_args(
        "tapes",
        "return (ops, texts) => { tapes.push([Array.from(ops), texts]); return null; };",
    )
    .call1(&JsValue::UNDEFINED, &tapes)
    .unwrap();
    set_decoder(recorder.unchecked_into());
    #[derive(Serialize)]
    struct Small {
        name: &'static str,
        list: [u8; 2],
    }
    for _ in 0..2 {
        to_js(&Small { name: "é", list: [1, 22] });
    }
    let recorded = |at: u32| {
        let entry: Array = tapes.get(at).unchecked_into();
        let ops: Vec<u32> =
            entry.get(0).unchecked_into::<Array>().iter().map(|op| op.as_f64().unwrap() as u32).collect();
        (ops, entry.get(1).unchecked_into::<JsString>().as_string().unwrap())
    };
    // Field names with their number and text the first time (op 9), by number after (op 8);
    // texts by start and length in UTF-16 units.
    assert_eq!(
        recorded(0),
        (vec![6, 9, 0, 0, 4, 4, 4, 1, 9, 1, 5, 4, 5, 3, 9, 1, 3, 10, 2, 7, 7], "nameélist122".to_owned())
    );
    assert_eq!(recorded(1), (vec![6, 8, 0, 4, 0, 1, 8, 1, 5, 3, 1, 1, 3, 2, 2, 7, 7], "é122".to_owned()));
    set_decoder(package_decoder());
}
