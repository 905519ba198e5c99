//! Reading what Cronofy sends back (responses and callbacks): keep every field that is usable,
//! drop an optional field whose shape is unexpected rather than the whole body, and turn
//! `serde_json` failures into the two cases a caller acts on: not JSON at all, or JSON of the
//! wrong shape.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::error::Category;
use serde_json::Value;

/// An optional field read leniently: `null`, absent or of an unexpected shape all give `None`.
/// Use with `#[serde(default, deserialize_with = "crate::lenient::optional")]`.
pub(crate) fn optional<'de, D: Deserializer<'de>, T: DeserializeOwned>(deserializer: D) -> Result<Option<T>, D::Error> {
    let value = Option::<Value>::deserialize(deserializer)?;
    Ok(value.and_then(|value| serde_json::from_value(value).ok()))
}

/// An optional list read leniently: the items of an unexpected shape are skipped; anything but
/// an array gives `None`.
pub(crate) fn items<'de, D: Deserializer<'de>, T: DeserializeOwned>(
    deserializer: D,
) -> Result<Option<Vec<T>>, D::Error> {
    match Option::<Value>::deserialize(deserializer)? {
        Some(Value::Array(items)) => {
            Ok(Some(items.into_iter().filter_map(|item| serde_json::from_value(item).ok()).collect()))
        }
        _ => Ok(None),
    }
}

/// Why a body could not be read, before it is worded for a notification or a response.
pub(crate) enum Failure {
    /// Not JSON (or not UTF-8): where the text goes wrong, and `serde_json`'s account of it.
    Syntax { line: usize, column: usize, detail: String },
    /// JSON, but not of the expected shape.
    Shape { detail: String },
}

/// Parses `body` as `T`, which must be written as a JSON object, sorting failures into [`Failure`].
pub(crate) fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, Failure> {
    // serde also reads a struct from an array of its fields in order; a body is never that.
    let not_an_object = match body.iter().find(|byte| !byte.is_ascii_whitespace()) {
        None => return Err(Failure::Syntax { line: 1, column: 1, detail: "the body is empty".into() }),
        Some(b'{') => None,
        Some(b'[') => Some("an array"),
        Some(b'"') => Some("a string"),
        Some(b'n') => Some("null"),
        Some(b't' | b'f') => Some("a boolean"),
        Some(_) => Some("a number"),
    };
    let shape = |detail: String| Failure::Shape {
        detail: not_an_object.map_or(detail, |found| format!("it is {found}, not an object")),
    };
    match serde_json::from_slice(body) {
        Ok(value) if not_an_object.is_none() => Ok(value),
        Ok(_) => Err(shape(String::new())),
        Err(error) => Err(match error.classify() {
            Category::Data => shape(error.to_string()),
            Category::Syntax | Category::Eof | Category::Io => {
                Failure::Syntax { line: error.line(), column: error.column(), detail: error.to_string() }
            }
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Probe {
        #[serde(default, deserialize_with = "optional")]
        n: Option<u8>,
        #[serde(default, deserialize_with = "items")]
        list: Option<Vec<u8>>,
    }

    #[test]
    fn unexpected_shapes_are_dropped_not_fatal() {
        let p: Probe = serde_json::from_str(r#"{"n":"x","list":[1,"two",3,300]}"#).unwrap();
        assert_eq!(p.n, None);
        assert_eq!(p.list, Some(vec![1, 3]));
        let p: Probe = serde_json::from_str(r#"{"n":7,"list":{}}"#).unwrap();
        assert_eq!((p.n, p.list), (Some(7), None));
        let p: Probe = serde_json::from_str(r#"{"n":null}"#).unwrap();
        assert_eq!((p.n, p.list), (None, None));
    }

    #[test]
    fn syntax_and_shape_failures_are_told_apart() {
        assert!(matches!(parse::<Probe>(b"{\n \"n\": 1,\n}"), Err(Failure::Syntax { line: 3, column: 1, .. })));
        assert!(matches!(parse::<Probe>(b""), Err(Failure::Syntax { .. })));
        assert!(matches!(parse::<Probe>(b"\"\xff\""), Err(Failure::Syntax { .. })));
        assert!(matches!(parse::<Probe>(b" \n "), Err(Failure::Syntax { line: 1, column: 1, .. })));
        for (body, found) in
            [(&b"[1, [2]]"[..], "an array"), (b"42", "a number"), (b"null", "null"), (b" \"x\"", "a string")]
        {
            match parse::<Probe>(body) {
                Err(Failure::Shape { detail }) => assert_eq!(detail, format!("it is {found}, not an object")),
                _ => panic!("{body:?} is not a shape failure"),
            }
        }
        // Not JSON wins over not an object.
        assert!(matches!(parse::<Probe>(b"[1,"), Err(Failure::Syntax { .. })));
    }
}
