//! Callbacks: the body Cronofy POSTs to an invite's `callback_url` when a recipient replies.
//!
//! Verify the body with [`crate::verify_notification`] first, then read it here. Reading is
//! permissive (unknown fields are ignored, optional ones may be absent, proposal times are
//! kept as given), but a body that is not JSON, or not a notification, is a
//! [`NotificationError`] whose message says what is wrong and where.

use std::fmt;

use serde::Serialize;

use crate::invite::reply::Reply;
use crate::json::lenient::{self, Failure, Object};
use crate::json::Json;

/// A parsed callback notification, with the same shape as the JSON Cronofy sends.
///
/// ```
/// let n = smart_invite::callbacks::parse_notification(br#"{
///   "notification": {"type": "smart_invite"},
///   "smart_invite": {"smart_invite_id": "interview-42", "callback_url": "https://example.com/cb",
///     "recipient": {"email": "a@example.com", "status": "accepted"},
///     "reply": {"email": "a@example.com", "status": "accepted"}}}"#).unwrap();
/// assert_eq!(n.notification.kind, "smart_invite");
/// let invite = n.smart_invite.unwrap();
/// assert_eq!(invite.smart_invite_id, "interview-42");
/// assert_eq!(invite.reply.unwrap().status.unwrap().as_str(), "accepted");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notification {
    /// What kind of notification this is.
    pub notification: NotificationInfo,
    /// The invite the reply is about; present for `smart_invite` notifications.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smart_invite: Option<SmartInviteNotice>,
}

/// The `notification` object: its `type`.
///
/// ```
/// let n = smart_invite::callbacks::parse_notification(br#"{"notification": {"type": "profile_disconnected"}}"#).unwrap();
/// assert_eq!(n.notification.kind, "profile_disconnected");
/// assert_eq!(serde_json::to_string(&n.notification).unwrap(), r#"{"type":"profile_disconnected"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotificationInfo {
    /// `smart_invite` for invite replies; other types are passed through as given.
    #[serde(rename = "type")]
    pub kind: String,
}

/// The `smart_invite` object of a notification: which invite, its recipient's current state
/// and the reply that caused the notification.
///
/// ```
/// let n = smart_invite::callbacks::parse_notification(
///     br#"{"notification": {"type": "smart_invite"}, "smart_invite": {"smart_invite_id": "x"}}"#).unwrap();
/// assert!(n.smart_invite.unwrap().reply.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SmartInviteNotice {
    /// The application's id for the invite.
    pub smart_invite_id: String,
    /// The callback URL the invite was created with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    /// The recipient with their current status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipient: Option<Reply>,
    /// The reply just received.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply: Option<Reply>,
}

/// Why a callback body could not be read.
///
/// ```
/// use smart_invite::callbacks::{parse_notification, NotificationError};
/// let err = parse_notification(b"{\"notification\": {\"type\": \"smart_invite\",}}").unwrap_err();
/// assert!(matches!(err, NotificationError::NotJson { line: 1, .. }));
/// assert!(err.to_string().starts_with("The notification body is not valid JSON: trailing comma at line 1"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum NotificationError {
    /// The body is not JSON (or not UTF-8).
    NotJson {
        /// The line (from 1) where reading failed.
        line: usize,
        /// The column (from 1) where reading failed.
        column: usize,
        /// What the JSON reader found, with the position.
        detail: String,
    },
    /// The notification body is JSON but not a Cronofy notification.
    NotANotification {
        /// What is missing or of the wrong shape.
        detail: String,
    },
}

impl fmt::Display for NotificationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotJson { detail, .. } => write!(f, "The notification body is not valid JSON: {detail}."),
            Self::NotANotification { detail } => {
                write!(f, "The notification body is JSON but not a Cronofy notification: {detail}.")
            }
        }
    }
}

impl std::error::Error for NotificationError {}

impl From<Failure> for NotificationError {
    fn from(failure: Failure) -> Self {
        match failure {
            Failure::Syntax { line, column, detail } => Self::NotJson { line, column, detail },
            Failure::Shape { detail } => Self::NotANotification { detail },
        }
    }
}

/// Reads a callback body (the raw bytes, as received) into a [`Notification`].
///
/// Unknown fields are ignored and the optional ones may be absent; `recipient` and `reply`,
/// when present, must be objects with an `email`. A `smart_invite` notification must carry its
/// `smart_invite` object; notifications of other types are returned as they are. Never panics.
///
/// ```
/// let err = smart_invite::callbacks::parse_notification(br#"{"foo": 1}"#).unwrap_err();
/// assert_eq!(err.to_string(),
///     "The notification body is JSON but not a Cronofy notification: it has no `notification.type`.");
/// ```
pub fn parse_notification(body: &[u8]) -> Result<Notification, NotificationError> {
    Ok(read(&lenient::parse_object(body)?)?)
}

fn read(body: &Object<'_>) -> Result<Notification, Failure> {
    let kind = lenient::object(body, "notification")
        .and_then(|n| lenient::text(n, "type"))
        .ok_or_else(|| Failure::shape("it has no `notification.type`"))?;
    let smart_invite = match body.get("smart_invite") {
        None | Some(Json::Null) if kind == "smart_invite" => {
            return Err(Failure::shape("a notification of type `smart_invite` must carry a `smart_invite` object"))
        }
        None | Some(Json::Null) => None,
        Some(value) => {
            Some(read_invite(value.as_object().ok_or_else(|| Failure::shape("`smart_invite` is not an object"))?)?)
        }
    };
    Ok(Notification { notification: NotificationInfo { kind }, smart_invite })
}

fn read_invite(invite: &Object<'_>) -> Result<SmartInviteNotice, Failure> {
    let reply = |key: &str| match invite.get(key) {
        None | Some(Json::Null) => Ok(None),
        Some(value) => Reply::read(value)
            .map(Some)
            .ok_or_else(|| Failure::shape(format!("`smart_invite.{key}` is not an object with an `email`"))),
    };
    Ok(SmartInviteNotice {
        smart_invite_id: lenient::text(invite, "smart_invite_id")
            .ok_or_else(|| Failure::shape("it has no `smart_invite.smart_invite_id`"))?,
        callback_url: lenient::text(invite, "callback_url"),
        recipient: reply("recipient")?,
        reply: reply("reply")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_smart_invite_notification_needs_its_invite() {
        let err = parse_notification(br#"{"notification":{"type":"smart_invite"}}"#).unwrap_err();
        assert!(err.to_string().contains("must carry a `smart_invite` object"), "{err}");
    }

    #[test]
    fn other_notification_types_pass_through() {
        let n = parse_notification(br#"{"notification":{"type":"verification"},"extra":[1]}"#).unwrap();
        assert_eq!(n.notification.kind, "verification");
        assert_eq!(serde_json::to_string(&n).unwrap(), r#"{"notification":{"type":"verification"}}"#);
    }

    #[test]
    fn shapes_that_are_not_notifications_are_errors() {
        for (body, detail) in [
            (&b"[]"[..], "it is an array, not an object"),
            (b"42", "it is a number, not an object"),
            (br#"{"notification":"smart_invite"}"#, "it has no `notification.type`"),
            (br#"{"notification":{"type":1}}"#, "it has no `notification.type`"),
            (br#"{"notification":{"type":"x"},"smart_invite":[]}"#, "`smart_invite` is not an object"),
            (br#"{"notification":{"type":"x"},"smart_invite":{}}"#, "it has no `smart_invite.smart_invite_id`"),
            (
                br#"{"notification":{"type":"smart_invite"},"smart_invite":{"smart_invite_id":"x","reply":{}}}"#,
                "`smart_invite.reply` is not an object with an `email`",
            ),
        ] {
            let err = parse_notification(body).unwrap_err();
            assert_eq!(err, NotificationError::NotANotification { detail: detail.into() });
        }
        for body in [&b""[..], b"{", b"\xff", b"{'a': 1}"] {
            let err = parse_notification(body).unwrap_err();
            assert!(matches!(err, NotificationError::NotJson { .. }), "{err}");
        }
    }

    #[test]
    fn a_recipient_without_status_and_a_reply_without_proposal_are_fine() {
        let n = parse_notification(
            br#"{"notification":{"type":"smart_invite"},"smart_invite":{"smart_invite_id":"x",
                "recipient":{"email":"a@example.com"},"reply":{"email":"a@example.com","status":"declined"}}}"#,
        )
        .unwrap();
        let invite = n.smart_invite.unwrap();
        assert_eq!(invite.recipient.unwrap().status, None);
        assert_eq!(invite.reply.unwrap().proposal, None);
        assert_eq!(invite.callback_url, None);
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512)) {
            let _ = parse_notification(&body);
        }
    }
}
