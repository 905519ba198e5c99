//! Reading what Cronofy sends back (responses and callbacks): keep every field that is usable,
//! drop an optional field whose shape is unexpected rather than the whole body, and sort
//! failures into the two cases a caller acts on: not JSON at all, or JSON of the wrong shape.
//!
//! The body is parsed once into the borrowed [`Json`] tree the validator walks (the same
//! parser as `serde_json::Value`'s, so the same errors; a repeated key counts by its last
//! value, as in a `Value`) and walked with the small readers below. Derived `Deserialize`
//! impls with lenient fallbacks did the same job for 107 KB more WebAssembly, and a
//! `serde_json::Value` for its `BTreeMap` code.

use crate::json::Json;
pub(crate) use crate::json::Object;

/// Why a body could not be read, before it is worded for a notification or a response.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Not JSON (or not UTF-8): where the text goes wrong, and `serde_json`'s account of it.
    Syntax { line: usize, column: usize, detail: String },
    /// JSON, but not of the expected shape.
    Shape { detail: String },
}

impl Failure {
    pub(crate) fn shape(detail: impl Into<String>) -> Self {
        Self::Shape { detail: detail.into() }
    }
}

/// Parses `body`, which must be a JSON object.
pub(crate) fn parse_object(body: &[u8]) -> Result<Object<'_>, Failure> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Failure::Syntax { line: 1, column: 1, detail: "the body is empty".into() });
    }
    // UTF-8 first, then the validator's own parse.
    let text = std::str::from_utf8(body).map_err(|error| {
        let valid = String::from_utf8_lossy(&body[..error.valid_up_to()]);
        let line = valid.matches('\n').count() + 1;
        let column = valid.rsplit('\n').next().map_or(0, |last| last.chars().count()) + 1;
        let detail = format!("a byte that is not UTF-8 at line {line} column {column}");
        Failure::Syntax { line, column, detail }
    })?;
    let value = Json::parse(text).map_err(|error| Failure::Syntax {
        line: error.line(),
        column: error.column(),
        detail: error.to_string(),
    })?;
    let found = match value {
        Json::Object(object) => return Ok(object),
        Json::Array(_) => "an array",
        Json::String(_) => "a string",
        Json::Number(_) => "a number",
        Json::Bool(_) => "a boolean",
        Json::Null => "null",
    };
    Err(Failure::shape(format!("it is {found}, not an object")))
}

/// The text at `key`, if it is text.
pub(crate) fn text(object: &Object<'_>, key: &str) -> Option<String> {
    object.get(key)?.as_str().map(str::to_owned)
}

/// The object at `key`, if it is one.
pub(crate) fn object<'v, 'a>(object: &'v Object<'a>, key: &str) -> Option<&'v Object<'a>> {
    object.get(key)?.as_object()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_take_what_fits_and_drop_the_rest() {
        let body = br#"{"t": "x", "n": 1, "list": [1, "two", 3], "o": {}, "m": "cancel"}"#;
        let o = parse_object(body).unwrap();
        assert_eq!((text(&o, "t"), text(&o, "n"), text(&o, "nope")), (Some("x".into()), None, None));
        assert!(object(&o, "o").is_some() && object(&o, "t").is_none());
    }

    #[test]
    fn syntax_and_shape_failures_are_told_apart() {
        assert!(matches!(parse_object(b"{\n \"n\": 1,\n}"), Err(Failure::Syntax { line: 3, column: 1, .. })));
        assert!(matches!(parse_object(b" \n "), Err(Failure::Syntax { line: 1, column: 1, .. })));
        match parse_object(b"{\"a\":\n  \"\xc3\xa9\xff\"}") {
            Err(Failure::Syntax { line: 2, column: 5, detail }) => {
                assert_eq!(detail, "a byte that is not UTF-8 at line 2 column 5")
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(parse_object(b"[1,"), Err(Failure::Syntax { .. })));
        for (body, found) in
            [(&b"[1, [2]]"[..], "an array"), (b"42", "a number"), (b"null", "null"), (b" \"x\"", "a string")]
        {
            match parse_object(body) {
                Err(Failure::Shape { detail }) => assert_eq!(detail, format!("it is {found}, not an object")),
                other => panic!("{body:?} gave {other:?}"),
            }
        }
        assert!(parse_object(b"{}").unwrap().keys().next().is_none());
    }
}
