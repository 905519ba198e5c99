//! # smart-invite
//!
//! Validate and normalize [Cronofy Smart Invite](https://docs.cronofy.com/developers/api/smart-invites/)
//! payloads before they are sent, with errors in exactly the shape of Cronofy's own 422
//! responses, so one error handler serves local and remote failures.
//!
//! ```
//! let v = smart_invite::validate_json(r#"{
//!   "smart_invite_id": "interview-42",
//!   "recipient": {"email": "cronofy@example.com"},
//!   "event": {"summary": "Interview", "start": "2026-03-29T01:30", "end": "2026-03-29T03:00",
//!             "tzid": "Europe/London"}
//! }"#);
//! // 01:30 does not exist in London that night: the clocks go forward.
//! let issue = &v.errors.get("event.start").unwrap()[0];
//! assert_eq!(issue.key, "errors.nonexistent_local_time");
//! ```
//!
//! The data flows one way: JSON in ([`validate_json`], [`validate_bytes`], [`validate_value`]),
//! a walk of the rules that collects every issue, then the normalized [`Invite`] or the
//! [`Issues`] map out. Nothing here knows about JavaScript; the WebAssembly bindings live in
//! their own module, built only for `wasm32`.

mod api_error;
mod data_center;
mod email;
mod event_time;
mod formats;
mod ics;
mod issues;
mod json;
mod lenient;
mod model;
mod notification;
mod path;
mod reply;
mod request;
mod response;
mod retry;
mod rules;
mod signature;
mod strftime;
mod suggest;
mod validate;
#[cfg(target_arch = "wasm32")]
mod wasm;
mod zones;

pub use api_error::{
    check_base_url, classify_reply, ApiError, ErrorKind, HttpReply, BODY_EXCERPT_CHARS, REFUSED_KEY, REQUEST_ID_HEADERS,
};
pub use data_center::{DataCenter, UnknownDataCenter};
pub use email::{
    build_invite_email, EmailError, EmailRequest, InviteEmail, InviteSource, Mailbox, NodemailerMessage, NodemailerPart,
};
pub use event_time::TimeError;
pub use ics::{invite_calendar, CalendarMeta, CalendarMethod};
pub use issues::{Issue, IssueKey, Issues, MAX_LISTED};
pub use model::{
    Event, EventTime, Invite, Location, Method, Moment, Organizer, Recipient, RecipientStatus, Reminder, Transparency,
};
pub use notification::{parse_notification, Notification, NotificationError, NotificationInfo, SmartInviteNotice};
pub use reply::{Proposal, Reply, ReplyStatus, ReportedTime};
pub use request::{prepare_invite, read_query};
pub use response::{parse_error_body, parse_response, Attachments, InviteResponse, ResponseError, ResponseEvent};
pub use retry::{parse_retry_after, RetryPolicy};
pub use signature::{sign_notification, verify_notification, SIGNATURE_HEADER};
pub use validate::{validate_bytes, validate_json, validate_value, Validation, Validator, MAX_INPUT_BYTES};
pub use zones::{suggest_time_zones, time_zones};
