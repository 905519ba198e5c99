//! The entry points: JSON text, bytes or a `serde_json::Value` in; the normalized invite or
//! the error map out, with warnings either way.

pub(crate) mod formats;
mod issues;
pub mod limits;
pub mod path;
mod rules;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::invite::{Invite, Method};
use crate::json::Json;
use crate::DataCenter;
pub use issues::{Issue, IssueKey, Issues, MAX_LISTED};
use rules::Report;

/// A value the payload holds, quoted for a description: its first 60 characters, then `…`
/// when there are more. A person can recognise what they typed, and a hostile 1 MiB value
/// does not make every message (and the time to write and read it) 1 MiB long.
pub(crate) fn quoted(text: &str) -> String {
    format!("\"{}\"", excerpt(text, 60))
}

/// At most `max_chars` characters of `text`, cut on a character boundary, then `…` when there
/// were more.
pub(crate) fn excerpt(text: &str, max_chars: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]).into(),
        None => text.into(),
    }
}

/// Inputs larger than this (1 MiB) are refused before they are parsed. A real invite is a
/// few kilobytes; the largest fields allowed add up to well under this.
pub const MAX_INPUT_BYTES: usize = 1 << 20;

/// The outcome of checking a payload: the normalized invite if it is valid, else the errors;
/// warnings either way.
///
/// Serializes as `{"ok": true, "invite": ..., "warnings": ...}` or
/// `{"ok": false, "errors": ..., "warnings": ...}`.
///
/// ```
/// let v = smart_invite::validate_json(r#"{"smart_invite_id":"x"}"#);
/// assert!(!v.is_valid());
/// let json = serde_json::to_value(&v).unwrap();
/// assert_eq!(json["ok"], false);
/// assert_eq!(json["errors"]["recipient"][0]["key"], "errors.required");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Validation {
    /// The normalized invite; `Some` exactly when `errors` is empty.
    pub invite: Option<Invite>,
    /// Every error found, by field path.
    pub errors: Issues,
    /// Every warning found, by field path.
    pub warnings: Issues,
}

impl Validation {
    /// Whether the payload is valid (warnings allowed).
    ///
    /// ```
    /// assert!(!smart_invite::validate_json("{}").is_valid());
    /// ```
    pub fn is_valid(&self) -> bool {
        self.invite.is_some()
    }

    /// The normalized invite, or the error map.
    ///
    /// ```
    /// let err = smart_invite::validate_json("null").into_result().unwrap_err();
    /// assert!(err.has("", smart_invite::IssueKey::InvalidType));
    /// ```
    pub fn into_result(self) -> Result<Invite, Issues> {
        self.invite.ok_or(self.errors)
    }

    fn refused(key: IssueKey, description: String) -> Self {
        let mut errors = Issues::default();
        errors.push("", Issue::new(key, description));
        Self { invite: None, errors, warnings: Issues::default() }
    }
}

/// `{ ok, invite, warnings }` or `{ ok, errors, warnings }`: a struct to serializers, so that its
/// field names are static (the wasm bindings send those once: src/wasm/tape.rs).
impl Serialize for Validation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut fields = serializer.serialize_struct("Validation", 3)?;
        fields.serialize_field("ok", &self.is_valid())?;
        match &self.invite {
            Some(invite) => fields.serialize_field("invite", invite)?,
            None => fields.serialize_field("errors", &self.errors)?,
        }
        fields.serialize_field("warnings", &self.warnings)?;
        fields.end()
    }
}

/// Checks payloads with settings: which data center the invite goes to (it names the
/// forwarding address in the organizer warning).
///
/// ```
/// use smart_invite::{DataCenter, Validator};
/// let v = Validator::new(DataCenter::Uk).json(r#"{"method":"cancel","smart_invite_id":"x",
///     "recipient":{"email":"a@example.com"},"organizer":{"email":"me@example.com"}}"#);
/// let warning = &v.warnings.get("organizer.email").unwrap()[0];
/// assert!(warning.description.contains("organizer@invite-uk.cronofy.com"));
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Validator {
    /// The data center the invite will be sent to.
    pub data_center: DataCenter,
}

impl Validator {
    /// A validator for one data center.
    ///
    /// ```
    /// let _ = smart_invite::Validator::new(smart_invite::DataCenter::De);
    /// ```
    pub fn new(data_center: DataCenter) -> Self {
        Self { data_center }
    }

    /// Checks a payload given as JSON text.
    ///
    /// ```
    /// let v = smart_invite::Validator::default().json("{not json");
    /// assert!(v.errors.get("").unwrap()[0].description.contains("line 1 column 2"));
    /// ```
    pub fn json(&self, text: &str) -> Validation {
        if text.len() > MAX_INPUT_BYTES {
            let size = text.len();
            return Validation::refused(
                IssueKey::TooLarge,
                format!("The invite is {size} bytes; the most accepted is {MAX_INPUT_BYTES} bytes (1 MiB)."),
            );
        }
        match Json::parse(text) {
            Ok(json) => self.walk(&json, Method::default()),
            Err(e) if e.to_string().starts_with("recursion limit exceeded") => too_deep(),
            Err(e) => Validation::refused(IssueKey::InvalidJson, format!("The invite is not valid JSON: {e}.")),
        }
    }

    /// Checks a payload given as bytes (which must be UTF-8 JSON).
    ///
    /// ```
    /// let v = smart_invite::Validator::default().bytes(b"\xff{}");
    /// assert!(v.errors.has("", smart_invite::IssueKey::InvalidJson));
    /// ```
    pub fn bytes(&self, bytes: &[u8]) -> Validation {
        match std::str::from_utf8(bytes) {
            Ok(text) => self.json(text),
            Err(e) => {
                let at = e.valid_up_to();
                Validation::refused(
                    IssueKey::InvalidJson,
                    format!("The invite is not UTF-8 text: invalid byte at offset {at}."),
                )
            }
        }
    }

    /// Checks a payload already parsed into a `serde_json::Value`.
    ///
    /// ```
    /// let v = smart_invite::Validator::default().value(&serde_json::json!({"method": "nope"}));
    /// assert!(v.errors.has("method", smart_invite::IssueKey::InvalidOption));
    /// ```
    pub fn value(&self, value: &Value) -> Validation {
        // The rules walk the borrowed tree that text parses into; a value goes through its text,
        // which also gives it the parser's limits (depth, size) exactly as text input has them.
        if nesting_exceeds(value, MAX_DEPTH) {
            return too_deep();
        }
        self.json(&value.to_string())
    }

    /// Checks a parsed payload; one without a `method` is checked as a `method` request.
    pub(crate) fn walk(&self, json: &Json<'_>, method: Method) -> Validation {
        let mut report = Report::new(self.data_center, method);
        let invite = rules::invite(json, &mut report);
        let (errors, warnings) = report.finish();
        Validation { invite, errors, warnings }
    }
}

/// The deepest nesting accepted, the invite object itself being level 1: `serde_json`'s parser
/// refuses the 128th level, and a `Value` is held to the same limit, with the same words.
const MAX_DEPTH: usize = 127;

fn too_deep() -> Validation {
    Validation::refused(IssueKey::InvalidJson, format!("The invite is nested more than {MAX_DEPTH} levels deep."))
}

/// Whether `value` nests deeper than `limit` levels (the value itself is level 1), found
/// without recursion so that no input can exhaust the stack.
fn nesting_exceeds(value: &Value, limit: usize) -> bool {
    let mut stack = vec![(value, 0usize)];
    while let Some((value, depth)) = stack.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match value {
            Value::Array(items) => Box::new(items.iter()),
            Value::Object(map) => Box::new(map.values()),
            _ => continue,
        };
        if depth >= limit {
            return true;
        }
        stack.extend(children.map(|child| (child, depth + 1)));
    }
    false
}

/// Checks a payload given as JSON text, for the default data center (`us`).
///
/// ```
/// let v = smart_invite::validate_json(r#"{
///   "recipient": {"email": "cronofy@example.com"},
///   "smart_invite_id": "your-unique-identifier-for-invite",
///   "event": {"summary": "Board meeting", "start": "2026-04-29T09:30:00Z",
///             "end": "2026-04-29T10:00:00Z", "tzid": "Europe/London"}
/// }"#);
/// assert!(v.is_valid());
/// let event = v.invite.unwrap().event.unwrap();
/// assert_eq!(event.start.tzid.name(), "Europe/London");
/// ```
pub fn validate_json(text: &str) -> Validation {
    Validator::default().json(text)
}

/// Checks a payload given as bytes, for the default data center.
///
/// ```
/// assert!(!smart_invite::validate_bytes(b"[1, 2]").is_valid());
/// ```
pub fn validate_bytes(bytes: &[u8]) -> Validation {
    Validator::default().bytes(bytes)
}

/// Checks a payload given as a `serde_json::Value`, for the default data center.
///
/// ```
/// let v = smart_invite::validate_value(&serde_json::json!({"method": "cancel",
///     "smart_invite_id": "x", "recipient": {"email": "a@example.com"}}));
/// assert!(v.is_valid());
/// ```
pub fn validate_value(value: &Value) -> Validation {
    Validator::default().value(value)
}
