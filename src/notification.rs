//! Callbacks: the body Cronofy POSTs to an invite's `callback_url` when a recipient replies.
//!
//! Verify the body with [`crate::verify_notification`] first, then read it here. Reading is
//! permissive (unknown fields are ignored, optional ones may be absent, proposal times are
//! kept as given), but a body that is not JSON, or not a notification, is a
//! [`NotificationError`] whose message says what is wrong and where.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::lenient::{self, Failure};
use crate::reply::Reply;

/// A parsed callback notification, with the same shape as the JSON Cronofy sends.
///
/// ```
/// let n = smart_invite::parse_notification(br#"{
///   "notification": {"type": "smart_invite"},
///   "smart_invite": {"smart_invite_id": "interview-42", "callback_url": "https://example.com/cb",
///     "recipient": {"email": "a@example.com", "status": "accepted"},
///     "reply": {"email": "a@example.com", "status": "accepted"}}}"#).unwrap();
/// assert_eq!(n.notification.kind, "smart_invite");
/// let invite = n.smart_invite.unwrap();
/// assert_eq!(invite.smart_invite_id, "interview-42");
/// assert_eq!(invite.reply.unwrap().status.unwrap().as_str(), "accepted");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    /// What kind of notification this is.
    pub notification: NotificationInfo,
    /// The invite the reply is about; present for `smart_invite` notifications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smart_invite: Option<SmartInviteNotice>,
}

/// The `notification` object: its `type`.
///
/// ```
/// let info: smart_invite::NotificationInfo = serde_json::from_str(r#"{"type":"smart_invite"}"#).unwrap();
/// assert_eq!(info.kind, "smart_invite");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationInfo {
    /// `smart_invite` for invite replies; other types are passed through as given.
    #[serde(rename = "type")]
    pub kind: String,
}

/// The `smart_invite` object of a notification: which invite, its recipient's current state
/// and the reply that caused the notification.
///
/// ```
/// let s: smart_invite::SmartInviteNotice = serde_json::from_str(r#"{"smart_invite_id":"x"}"#).unwrap();
/// assert!(s.reply.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmartInviteNotice {
    /// The application's id for the invite.
    pub smart_invite_id: String,
    /// The callback URL the invite was created with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    /// The recipient with their current status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<Reply>,
    /// The reply just received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<Reply>,
}

/// Why a callback body could not be read.
///
/// ```
/// use smart_invite::{parse_notification, NotificationError};
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
/// A `smart_invite` notification must carry its `smart_invite` object; notifications of other
/// types are returned as they are. Never panics.
///
/// ```
/// let err = smart_invite::parse_notification(br#"{"foo": 1}"#).unwrap_err();
/// assert_eq!(err.to_string(),
///     "The notification body is JSON but not a Cronofy notification: missing field `notification` at line 1 column 10.");
/// ```
pub fn parse_notification(body: &[u8]) -> Result<Notification, NotificationError> {
    let notification: Notification = lenient::parse(body)?;
    if notification.notification.kind == "smart_invite" && notification.smart_invite.is_none() {
        return Err(NotificationError::NotANotification {
            detail: "a notification of type `smart_invite` must carry a `smart_invite` object".into(),
        });
    }
    Ok(notification)
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
        for body in [&b"[]"[..], b"null", b"42", br#"{"notification":"smart_invite"}"#, br#"{"notification":{}}"#] {
            let err = parse_notification(body).unwrap_err();
            assert!(matches!(err, NotificationError::NotANotification { .. }), "{err}");
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
