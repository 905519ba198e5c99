//! Prints what the JavaScript side of the package derives from the core, as one JSON object:
//!
//! ```json
//! { "issueKeys": ["errors.required", ..., "warnings.truncated"],
//!   "limits": { "maxSummaryChars": 1024, ... },
//!   "methods": ["request", "cancel", "remove"],
//!   "schemas": { "draft-2020-12": { "payload": {...}, "invite": {...} }, "draft-07": {...} } }
//! ```
//!
//! - `issueKeys`: every [`IssueKey`] string, in the order of the enum ([`IssueKey::ALL`]);
//! - `limits`: the limits of [`smart_invite::validate::limits`] that a JSON Schema states too,
//!   each named after its constant in lowerCamelCase (`MAX_SUMMARY_CHARS` is `maxSummaryChars`);
//! - `methods`: the wire names of the invite methods ([`Method::ALL`]);
//! - `schemas`: the JSON Schemas of the payload and of the normalized invite in each dialect
//!   ([`smart_invite::schema`]), from which the package's JSON Schemas and TypeScript types of
//!   both are written.
//!
//! ```sh
//! cargo run --quiet --features schema --example definitions > definitions.json
//! ```

use serde_json::{json, Map, Value};
use smart_invite::schema::{invite_schema, payload_schema, Draft};
use smart_invite::validate::limits;
use smart_invite::{IssueKey, Method};

/// `MAX_SUMMARY_CHARS` as `maxSummaryChars`.
fn lower_camel(constant: &str) -> String {
    let mut words = constant.split('_').map(str::to_ascii_lowercase);
    let first = words.next().unwrap_or_default();
    words.fold(first, |mut name, word| {
        let mut chars = word.chars();
        name.extend(chars.next().map(|c| c.to_ascii_uppercase()));
        name.push_str(chars.as_str());
        name
    })
}

fn main() {
    let issue_keys: Vec<&str> = IssueKey::ALL.iter().map(|key| key.as_str()).collect();
    let limits: Map<String, Value> =
        limits::ALL.iter().map(|&(name, value)| (lower_camel(name), Value::from(value))).collect();
    let methods: Vec<&str> = Method::ALL.iter().map(|method| method.as_str()).collect();
    let schemas: Map<String, Value> = Draft::ALL
        .iter()
        .map(|&draft| {
            (draft.name().to_owned(), json!({ "payload": payload_schema(draft), "invite": invite_schema(draft) }))
        })
        .collect();
    let definitions = json!({ "issueKeys": issue_keys, "limits": limits, "methods": methods, "schemas": schemas });
    println!("{definitions}");
}
