//! The schemas of the texts that are more than strings (a zone id, a normalized time, a
//! coordinate as written) and the transforms the generator applies.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::Value;

use super::patterns;
use crate::time::{Moment, Zone};
use crate::validate::limits;

impl JsonSchema for Zone {
    fn schema_name() -> Cow<'static, str> {
        "Zone".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "An IANA time zone id, such as Europe/London.",
            "examples": ["Europe/London"]
        })
    }
}

impl JsonSchema for Moment {
    fn schema_name() -> Cow<'static, str> {
        "Moment".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A time in UTC (2026-04-29T09:30:00Z), or a date (2026-04-29) for all-day events.",
            "pattern": patterns::UTC_TIME
        })
    }
}

/// Declares the schema of a coordinate as written, within ±`limit`: a number, or a decimal text.
macro_rules! coordinate {
    ($(#[$doc:meta])* $type:ident, $name:literal, $limit:expr) => {
        $(#[$doc])*
        pub(crate) enum $type {}

        impl JsonSchema for $type {
            fn schema_name() -> Cow<'static, str> {
                stringify!($type).into()
            }

            fn inline_schema() -> bool {
                true
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                let limit = f64::from($limit);
                json_schema!({
                    "description": format!("The {}, -{limit} to {limit}: a number or a decimal text.", $name),
                    "anyOf": [
                        { "type": "number", "minimum": -limit, "maximum": limit },
                        { "type": "string", "description": "A decimal number.", "pattern": patterns::DECIMAL }
                    ]
                })
            }
        }
    };
}

coordinate!(
    /// The schema of a latitude as written.
    Latitude,
    "latitude",
    limits::MAX_LATITUDE
);
coordinate!(
    /// The schema of a longitude as written.
    Longitude,
    "longitude",
    limits::MAX_LONGITUDE
);

/// `attendees` and `conferencing` refused in an event: a Smart Invite sets them itself.
pub(crate) fn forbid_attendees(schema: &mut Schema) {
    if let Some(Value::Object(properties)) = schema.get_mut("properties") {
        properties.insert("attendees".into(), Value::Bool(false));
        properties.insert("conferencing".into(), Value::Bool(false));
    }
}

/// A field that may be left out, without `null` beside it: `anyOf [T, null]` becomes `T`, and
/// `type: [T, "null"]` becomes `type: T`.
pub(crate) fn without_null(schema: &mut Schema) {
    let Some(object) = schema.as_object_mut() else { return };
    if let Some(Value::Array(types)) = object.get_mut("type") {
        types.retain(|t| t != "null");
        if let [only] = types.as_slice() {
            let only = only.clone();
            object.insert("type".into(), only);
        }
    }
    let is_null = |s: &Value| s.get("type").is_some_and(|t| t == "null") && s.as_object().is_some_and(|o| o.len() == 1);
    if let Some(Value::Array(choices)) = object.get_mut("anyOf") {
        if choices.iter().any(is_null) {
            choices.retain(|s| !is_null(s));
            if let [only] = choices.as_slice() {
                let Value::Object(only) = only.clone() else { return };
                object.remove("anyOf");
                for (key, value) in only {
                    object.entry(key).or_insert(value);
                }
            }
        }
    }
}

/// A description as a person reads it in a schema or an editor: the doc comment's prose, without
/// its Rust examples, each paragraph on one line.
pub(crate) fn prose_description(schema: &mut Schema) {
    let Some(Value::String(description)) = schema.get_mut("description") else { return };
    let mut prose = String::new();
    let mut in_code = false;
    for line in description.lines().map(str::trim) {
        if line.starts_with("```") {
            in_code = !in_code;
        } else if in_code {
        } else if line.is_empty() {
            prose.push_str("\n\n");
        } else {
            if !(prose.is_empty() || prose.ends_with('\n')) {
                prose.push(' ');
            }
            prose.push_str(line);
        }
    }
    *description = prose.trim().to_owned();
}
