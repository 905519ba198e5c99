//! The API's responses: the invite as Cronofy holds it (after create, update, cancel, remove
//! or read), and the error map of a 422.
//!
//! Responses are read permissively, because Cronofy adds fields without notice and older
//! responses differ from current ones: unknown fields are ignored, an optional field of an
//! unexpected shape is dropped, `event.start`/`end` may be plain strings with a sibling
//! `event.tzid` or `{time, tzid}` objects, and `attachments` may be `{icalendar}`,
//! `{removed: {email}}` or `[]`. What is required is a JSON object with a `smart_invite_id`
//! (`smart_event_id` in pre-release responses): anything else is a [`ResponseError`].
//!
//! # The serialized shape
//!
//! [`InviteResponse`] serializes to one stable shape whatever form was read (absent fields are
//! left out; `[]` attachments are left out; `smart_event_id` becomes `smart_invite_id`; a
//! sibling `event.tzid` is moved into `start`/`end`). In TypeScript terms:
//!
//! ```ts
//! type Status = "pending" | "accepted" | "tentative" | "declined" | string;
//! type ReportedTime = { time: string; tzid?: string };     // time exactly as the API gave it
//! type Reply = { email: string; status?: Status; comment?: string;
//!                proposal?: { start: ReportedTime; end: ReportedTime } };
//! type InviteResponse = {
//!   smart_invite_id: string;
//!   method?: "request" | "cancel" | "remove";
//!   callback_url?: string;
//!   recipient?: Reply;
//!   recipients?: Reply[];
//!   replies?: Reply[];
//!   event?: { summary?: string; description?: string; start?: ReportedTime; end?: ReportedTime;
//!             location?: { description?: string; lat?: string; long?: string };
//!             reminders?: { minutes: number }[]; transparency?: "opaque" | "transparent";
//!             color?: string; url?: string };
//!   attachments?: { icalendar?: string; removed?: { email: string } };
//! };
//! ```

use std::fmt;

use serde::Serialize;

use crate::invite::reply::{Reply, ReportedTime};
use crate::invite::{Location, Method, Recipient, Reminder, Transparency};
use crate::json::lenient::{self, Failure, Object};
use crate::json::Json;
use crate::validate::{Issue, IssueKey, Issues};

/// An invite as the API returned it. Its serialized shape is described at the top of
/// `src/client/response.rs`.
///
/// ```
/// let r = smart_invite::client::parse_response(br#"{
///   "smart_invite_id": "interview-42",
///   "recipient": {"email": "a@example.com", "status": "pending"},
///   "event": {"summary": "Interview", "start": "2026-04-29T09:30:00Z", "end": "2026-04-29T10:00:00Z",
///             "tzid": "Europe/London"},
///   "attachments": {"icalendar": "BEGIN:VCALENDAR..."}}"#).unwrap();
/// assert_eq!(r.icalendar(), Some("BEGIN:VCALENDAR..."));
/// let json = serde_json::to_value(&r).unwrap();
/// assert_eq!(json["event"]["start"], serde_json::json!({"time": "2026-04-29T09:30:00Z", "tzid": "Europe/London"}));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InviteResponse {
    /// The application's id for the invite.
    pub smart_invite_id: String,
    /// The method echoed by the API, when it echoes one (it is not always the one sent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<Method>,
    /// Where reply notifications are posted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    /// The single recipient and their status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipient: Option<Reply>,
    /// Every recipient of a multi-recipient invite, with their status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipients: Option<Vec<Reply>>,
    /// The replies received so far (on reads).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replies: Option<Vec<Reply>>,
    /// The event as the API holds it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<ResponseEvent>,
    /// The iCalendar text to email, or who was removed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Attachments>,
}

impl InviteResponse {
    /// The iCalendar attachment to send to the recipient, if the response carries one.
    ///
    /// ```
    /// let r = smart_invite::client::parse_response(br#"{"smart_invite_id":"x","attachments":[]}"#).unwrap();
    /// assert_eq!(r.icalendar(), None);
    /// ```
    pub fn icalendar(&self) -> Option<&str> {
        self.attachments.as_ref()?.icalendar.as_deref()
    }

    /// Every recipient, whichever of `recipient` or `recipients` holds them.
    ///
    /// ```
    /// let r = smart_invite::client::parse_response(br#"{"smart_invite_id":"x",
    ///     "recipients":[{"email":"a@example.com"},{"email":"b@example.com","status":"accepted"}]}"#).unwrap();
    /// assert_eq!(r.all_recipients().map(|r| r.email.as_str()).collect::<Vec<_>>(), ["a@example.com", "b@example.com"]);
    /// ```
    pub fn all_recipients(&self) -> impl Iterator<Item = &Reply> {
        self.recipient.iter().chain(self.recipients.iter().flatten())
    }
}

/// The event of a response. Every field is optional: responses to cancel and remove carry no
/// event, and a field of an unexpected shape is dropped.
///
/// ```
/// let r = smart_invite::client::parse_response(br#"{"smart_invite_id":"x","event":{"summary":"Hi",
///   "start":{"time":"2026-04-29","tzid":"Europe/London"},"end":"2026-04-30","reminders":[{"minutes":10}]}}"#).unwrap();
/// let event = r.event.unwrap();
/// assert_eq!(event.start.unwrap().tzid.as_deref(), Some("Europe/London"));
/// assert_eq!(event.end.unwrap().tzid, None);
/// assert_eq!(event.reminders.unwrap()[0].minutes, 10);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseEvent {
    /// The title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// When it starts, with its zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<ReportedTime>,
    /// When it ends, with its zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<ReportedTime>,
    /// Where it happens.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The reminders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reminders: Option<Vec<Reminder>>,
    /// Whether it blocks time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transparency: Option<Transparency>,
    /// Its colour.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// Its link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The `attachments` of a response: the iCalendar text after create, update and cancel, or the
/// recipient removed after a remove.
///
/// ```
/// let r = smart_invite::client::parse_response(
///     br#"{"smart_invite_id":"x","attachments":{"removed":{"email":"a@example.com"}}}"#).unwrap();
/// assert_eq!(r.attachments.unwrap().removed.unwrap().email, "a@example.com");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Attachments {
    /// The RFC 5545 text to email to the recipient.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub icalendar: Option<String>,
    /// The recipient taken off the invite.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub removed: Option<Recipient>,
}

fn read_response(body: &Object<'_>) -> Result<InviteResponse, Failure> {
    // `smart_event_id` is the pre-release name of `smart_invite_id`.
    let smart_invite_id = lenient::text(body, "smart_invite_id")
        .or_else(|| lenient::text(body, "smart_event_id"))
        .ok_or_else(|| Failure::shape("it has no `smart_invite_id`"))?;
    Ok(InviteResponse {
        smart_invite_id,
        method: option(body, "method", &Method::ALL, Method::as_str),
        callback_url: lenient::text(body, "callback_url"),
        recipient: body.get("recipient").and_then(Reply::read),
        recipients: items(body, "recipients", Reply::read),
        replies: items(body, "replies", Reply::read),
        event: lenient::object(body, "event").map(read_event),
        attachments: lenient::object(body, "attachments").and_then(read_attachments),
    })
}

fn read_event(event: &Object<'_>) -> ResponseEvent {
    let zone = lenient::text(event, "tzid");
    let time = |key| ReportedTime::read(event.get(key)?, zone.as_deref());
    ResponseEvent {
        summary: lenient::text(event, "summary"),
        description: lenient::text(event, "description"),
        start: time("start"),
        end: time("end"),
        location: lenient::object(event, "location").map(|location| {
            // The API takes lat/long as decimal strings; a number is kept as its text.
            let coordinate = |key| match location.get(key)? {
                Json::String(text) => Some(text.to_string()),
                Json::Number(number) => Some(number.to_string()),
                _ => None,
            };
            Location {
                description: lenient::text(location, "description"),
                lat: coordinate("lat"),
                long: coordinate("long"),
            }
        }),
        reminders: items(event, "reminders", |reminder| {
            let minutes = reminder.as_object()?.get("minutes")?.as_u64()?;
            Some(Reminder { minutes: u32::try_from(minutes).ok()? })
        }),
        transparency: option(event, "transparency", &[Transparency::Opaque, Transparency::Transparent], |t| match t {
            Transparency::Opaque => "opaque",
            Transparency::Transparent => "transparent",
        }),
        color: lenient::text(event, "color"),
        url: lenient::text(event, "url"),
    }
}

/// `{icalendar}` or `{removed: {email}}`; `None` when neither is there (`[]`, `{}`).
fn read_attachments(attachments: &Object<'_>) -> Option<Attachments> {
    let removed = lenient::object(attachments, "removed")
        .and_then(|removed| lenient::text(removed, "email"))
        .map(|email| Recipient { email, status: None });
    let icalendar = lenient::text(attachments, "icalendar");
    (icalendar.is_some() || removed.is_some()).then_some(Attachments { icalendar, removed })
}

/// Why a 2xx response body could not be read. Each case means the server responded with
/// something other than the invite asked for (the JS client reports them as `invalid_response`).
///
/// ```
/// use smart_invite::client::{parse_response, ResponseError};
/// let err = parse_response(b"{'foo': 'bar'}").unwrap_err();
/// assert!(matches!(err, ResponseError::NotJson { line: 1, column: 2, .. }));
/// assert!(parse_response(b"[]").unwrap_err().to_string().contains("not a Smart Invite"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResponseError {
    /// The body is not JSON (or not UTF-8).
    NotJson {
        /// The line (from 1) where reading failed.
        line: usize,
        /// The column (from 1) where reading failed.
        column: usize,
        /// What the JSON reader found, with the position.
        detail: String,
    },
    /// The body is JSON but does not describe a Smart Invite.
    NotAnInvite {
        /// What is missing or of the wrong shape.
        detail: String,
    },
    /// The body is an invite without a field the API always sends for the call (see
    /// [`Call::parse_response`](super::Call::parse_response)).
    Incomplete {
        /// The JS client method of the call, e.g. `upsert`.
        call: &'static str,
        /// The path of the missing field, e.g. `recipient.status`.
        missing: String,
    },
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotJson { detail, .. } => write!(f, "The API response is not valid JSON: {detail}."),
            Self::NotAnInvite { detail } => write!(f, "The API response is JSON but not a Smart Invite: {detail}."),
            Self::Incomplete { call, missing } => {
                write!(f, "The API's response to {call} lacks `{missing}`, which the API always sends.")
            }
        }
    }
}

impl std::error::Error for ResponseError {}

impl From<Failure> for ResponseError {
    fn from(failure: Failure) -> Self {
        match failure {
            Failure::Syntax { line, column, detail } => Self::NotJson { line, column, detail },
            Failure::Shape { detail } => Self::NotAnInvite { detail },
        }
    }
}

/// Reads the body of a 2xx response to create, update, cancel, remove or read.
///
/// Never panics; what is accepted is described at the top of `src/client/response.rs`.
///
/// ```
/// let r = smart_invite::client::parse_response(br#"{"method":"remove","smart_invite_id":"x",
///   "recipient":{"email":"a@example.com"},"attachments":{"removed":{"email":"a@example.com"}},"new":1}"#).unwrap();
/// assert_eq!(r.method, Some(smart_invite::Method::Remove));
/// let err = smart_invite::client::parse_response(br#"{"foo":1}"#).unwrap_err();
/// assert_eq!(err.to_string(),
///     "The API response is JSON but not a Smart Invite: it has no `smart_invite_id`.");
/// ```
pub fn parse_response(body: &[u8]) -> Result<InviteResponse, ResponseError> {
    Ok(read_response(&lenient::parse_object(body)?)?)
}

/// The option among `options` whose name (by `name`) is the text at `key`.
pub(crate) fn option<T: Copy>(
    object: &Object<'_>,
    key: &str,
    options: &[T],
    name: impl Fn(T) -> &'static str,
) -> Option<T> {
    let text = object.get(key)?.as_str()?;
    options.iter().copied().find(|option| name(*option) == text)
}

/// The items at `key` that `read` accepts; `None` unless `key` holds an array.
pub(crate) fn items<'a, T>(object: &Object<'a>, key: &str, read: impl Fn(&Json<'a>) -> Option<T>) -> Option<Vec<T>> {
    Some(object.get(key)?.as_array()?.iter().filter_map(read).collect())
}

/// Reads the body of a 422 response, `{"errors": {"field": [{"key", "description"}]}}`, into the
/// same [`Issues`] map local validation gives. `None` when the body is not of that shape.
///
/// ```
/// let body = br#"{"errors":{"event.summary":[{"key":"errors.required","description":"summary must be specified"}]}}"#;
/// let issues = smart_invite::client::parse_error_body(body).unwrap();
/// assert_eq!(issues.get("event.summary").unwrap()[0].key, "errors.required");
/// assert!(smart_invite::client::parse_error_body(b"<html>").is_none());
/// ```
pub fn parse_error_body(body: &[u8]) -> Option<Issues> {
    let mut issues = Issues::default();
    for (path, list) in lenient::parse_object(body).ok()?.get("errors")?.as_object()?.fields() {
        for item in list.as_array()? {
            issues.push(path, read_issue(item)?);
        }
    }
    issues.close(IssueKey::ErrorsTruncated);
    Some(issues)
}

/// One `{key, description?}` object, or a `[key, description?]` array, as the derived
/// `Deserialize` of [`Issue`] reads it.
fn read_issue(item: &Json<'_>) -> Option<Issue> {
    let text = |value: &Json<'_>| value.as_str().map(str::to_owned);
    let (key, description) = match item {
        Json::Object(fields) => (fields.get("key"), fields.get("description")),
        Json::Array(items) if items.len() <= 2 => (items.first(), items.get(1)),
        _ => return None,
    };
    let description = match description {
        None => String::new(),
        Some(value) => text(value)?,
    };
    Some(Issue { key: text(key?)?.into(), description })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_that_is_not_an_invite_is_an_error() {
        for body in [&b"[]"[..], b"{}", br#"{"foo":1}"#, b"null", b"\"x\"", b"3", br#"{"smart_invite_id":5}"#] {
            let err = parse_response(body).unwrap_err();
            assert!(matches!(err, ResponseError::NotAnInvite { .. }), "{body:?}: {err}");
        }
        for body in [&b""[..], b"{'foo': 'bar'}", b"<html></html>", b"{\"smart_invite_id\":\"\xff\"}"] {
            let err = parse_response(body).unwrap_err();
            assert!(matches!(err, ResponseError::NotJson { .. }), "{body:?}: {err}");
        }
    }

    #[test]
    fn the_shape_is_the_same_for_both_time_forms() {
        let flat = parse_response(
            br#"{"smart_invite_id":"x","event":{"start":"2017-10-05T09:30:00Z","end":"2017-10-05T10:00:00Z","tzid":"Europe/London"}}"#,
        )
        .unwrap();
        let objects = parse_response(
            br#"{"smart_invite_id":"x","event":{"start":{"time":"2017-10-05T09:30:00Z","tzid":"Europe/London"},
                "end":{"time":"2017-10-05T10:00:00Z","tzid":"Europe/London"}}}"#,
        )
        .unwrap();
        assert_eq!(flat, objects);
    }

    #[test]
    fn a_time_keeps_its_own_zone_over_the_sibling() {
        let r = parse_response(
            br#"{"smart_invite_id":"x","event":{"start":{"time":"2017-10-05T09:30:00Z","tzid":"Asia/Tokyo"},
                "end":"2017-10-05T10:00:00Z","tzid":"Europe/London"}}"#,
        )
        .unwrap();
        let event = r.event.unwrap();
        assert_eq!(event.start.unwrap().tzid.as_deref(), Some("Asia/Tokyo"));
        assert_eq!(event.end.unwrap().tzid.as_deref(), Some("Europe/London"));
    }

    #[test]
    fn odd_optional_fields_are_dropped_and_the_rest_kept() {
        let r = parse_response(
            br#"{"smart_invite_id":"x","method":"reschedule","callback_url":7,"recipient":"a@example.com",
                "replies":[{"email":"a@example.com","status":"accepted"},{"status":"declined"}],
                "event":{"summary":"Hi","transparency":"sometimes","location":{"lat":51.5},"reminders":[{"minutes":-1},{"minutes":5}]},
                "attachments":{"icalendar":{"not":"text"}}}"#,
        )
        .unwrap();
        assert_eq!((r.method, &r.callback_url, &r.recipient, &r.attachments), (None, &None, &None, &None));
        assert_eq!(r.replies.as_ref().map(Vec::len), Some(1));
        let event = r.event.as_ref().unwrap();
        assert_eq!((event.summary.as_deref(), event.transparency), (Some("Hi"), None));
        // A number where the API writes a decimal string is kept as its text.
        assert_eq!(event.location.as_ref().unwrap().lat.as_deref(), Some("51.5"));
        assert_eq!(event.reminders.as_ref().unwrap(), &[Reminder { minutes: 5 }]);
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"smart_invite_id":"x","replies":[{"email":"a@example.com","status":"accepted"}],"event":{"summary":"Hi","location":{"lat":"51.5"},"reminders":[{"minutes":5}]}}"#
        );
    }

    #[test]
    fn serializing_then_parsing_gives_the_same_response() {
        let r = parse_response(
            br#"{"smart_event_id":"x","method":"cancel","recipients":[{"email":"a@example.com","status":"tentative",
                "comment":"c","proposal":{"start":{"time":"2025-01-21T23:00:00+02:00","tzid":"Europe/Paris"},
                "end":{"time":"2025-01-21T23:30:00+02:00"}}}],"attachments":{"icalendar":"BEGIN:VCALENDAR"}}"#,
        )
        .unwrap();
        let text = serde_json::to_string(&r).unwrap();
        assert!(text.starts_with(r#"{"smart_invite_id":"x","method":"cancel""#), "{text}");
        assert_eq!(parse_response(text.as_bytes()).unwrap(), r);
    }

    #[test]
    fn error_bodies() {
        let issues =
            parse_error_body(br#"{"errors":{"event_id":[{"key":"errors.required","description":"required"}]}}"#)
                .unwrap();
        assert_eq!(issues.get("event_id").unwrap()[0].description, "required");
        for body in [&b""[..], b"[]", br#"{"error":"x"}"#, br#"{"errors":[]}"#] {
            assert!(parse_error_body(body).is_none(), "{body:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512)) {
            let _ = parse_response(&body);
            let _ = parse_error_body(&body);
        }
    }

    #[test]
    fn list_and_option_readers_take_what_fits() {
        let o = lenient::parse_object(br#"{"t": "x", "list": [1, "two", 3], "m": "cancel"}"#).unwrap();
        assert_eq!(items(&o, "list", Json::as_u64), Some(vec![1, 3]));
        assert_eq!(items(&o, "t", Json::as_u64), None);
        let methods = [Method::Request, Method::Cancel];
        assert_eq!(option(&o, "m", &methods, Method::as_str), Some(Method::Cancel));
        assert_eq!(option(&o, "t", &methods, Method::as_str), None);
    }

    #[test]
    fn error_bodies_read_as_the_derived_deserialize_reads_them() {
        let texts = [
            r#"{"b":[{"key":"k","description":"d"}],"a":[{"key":"x"}],"b":[{"key":"last"}]}"#,
            r#"{"a":[["k","d"]],"b":[["k"]],"c":[]}"#,
            r#"{"a":[["k","d","e"]]}"#,
            r#"{"a":[[]]}"#,
            r#"{"a":[{"key":"k","description":null}]}"#,
            r#"{"a":[{"key":1}]}"#,
            r#"{"a":[{"key":"k","extra":[1]}]}"#,
            r#"{"a":{"key":"k"}}"#,
            r#"[{"key":"k"}]"#,
            "{}",
        ];
        for text in texts {
            let body = format!(r#"{{"errors":{text}}}"#);
            assert_eq!(parse_error_body(body.as_bytes()), serde_json::from_str::<Issues>(text).ok(), "{text}");
        }
        // Where the derived reader refuses a key given twice in one issue, the last one counts.
        let issues = parse_error_body(br#"{"errors":{"a":[{"key":"k","key":"k2"}]}}"#).unwrap();
        assert_eq!(issues.get("a").unwrap()[0].key, "k2");
    }

    proptest::proptest! {
        #[test]
        fn error_bodies_agree_with_the_derived_deserialize(text in concat!(
            r#"\{("(a|b|c\.d|)":(\[(\{"key":("k"|1|null)(,"description":("d"|null|2))?\}|"#,
            r#"\["k"(,"d")?(,"e")?\]|\[\]|7)?(,\{"key":"q"\})?\]|null|"x"),?){0,4}\}"#,
        )) {
            let text = text.replace(",}", "}");
            let body = format!(r#"{{"errors":{text}}}"#);
            proptest::prop_assert_eq!(
                parse_error_body(body.as_bytes()),
                serde_json::from_str::<Issues>(&text).ok(),
                "{}",
                text
            );
        }
    }
}
