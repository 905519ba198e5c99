//! The API client's logic, with no I/O: the body of a `POST /v1/smart_invites` or the query of
//! a read ([`prepare_invite`], [`read_query`]), what each answer means ([`classify_response`],
//! [`parse_response`], and what each call's answer always carries: [`parse_answer`]), when to
//! try again ([`RetryPolicy`], [`parse_retry_after`]), and when each request may go under the
//! API's rate limits ([`Pacer`]). The WebAssembly
//! `SmartInviteClient` sends with `fetch`, awaits the timers, and calls these. Needs the
//! `client` feature.
//!
//! ```
//! use smart_invite::client::{prepare_invite, parse_response};
//! use smart_invite::{DataCenter, Method};
//! let request = prepare_invite(r#"{"smart_invite_id":"x","recipient":{"email":"a@example.com"}}"#,
//!     Method::Cancel, DataCenter::Us).unwrap();
//! assert!(request.text.starts_with(r#"{"method":"cancel""#));
//! let answer = parse_response(br#"{"smart_invite_id":"x","attachments":{"icalendar":"BEGIN:VCALENDAR"}}"#).unwrap();
//! assert_eq!(answer.icalendar(), Some("BEGIN:VCALENDAR"));
//! ```

mod answer;
mod error;
mod pacing;
mod request;
mod response;
mod retry;
mod retry_after;

pub use answer::{parse_answer, Call};
pub use error::{
    check_base_url, classify_response, ApiError, ErrorKind, HttpResponse, BODY_EXCERPT_CHARS, REFUSED_KEY,
    REQUEST_ID_HEADERS,
};
pub use pacing::{Pacer, PacingCheck, RateLimit, DEFAULT_MARGIN_MS, MINUTE_MARGIN_FACTOR};
pub use request::{prepare_invite, read_query, Prepared};
pub use response::{parse_error_body, parse_response, Attachments, InviteResponse, ResponseError, ResponseEvent};
pub use retry::RetryPolicy;
pub use retry_after::parse_retry_after;
