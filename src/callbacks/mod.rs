//! What Cronofy posts to an invite's `callback_url` when a recipient replies: check its
//! signature ([`verify_notification`]), then read it ([`parse_notification`]). Needs the
//! `callbacks` feature.
//!
//! ```
//! use smart_invite::callbacks::{parse_notification, sign_notification, verify_notification};
//! let body = br#"{"notification":{"type":"smart_invite"},"smart_invite":{"smart_invite_id":"x",
//!   "recipient":{"email":"a@example.com","status":"accepted"}}}"#;
//! let signature = sign_notification(body, "secret");
//! assert!(verify_notification(body, Some(&signature), &["secret"]));
//! let notice = parse_notification(body).unwrap().smart_invite.unwrap();
//! assert_eq!(notice.recipient.unwrap().status.unwrap().as_str(), "accepted");
//! ```

mod notification;
mod signature;

pub use notification::{parse_notification, Notification, NotificationError, NotificationInfo, SmartInviteNotice};
pub use signature::{sign_notification, verify_notification, SIGNATURE_HEADER};
