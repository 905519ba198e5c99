//! The API client's logic, with no I/O: the body of a `POST /v1/smart_invites` or the query of
//! a read ([`prepare_invite`], [`read_query`]), or of an invite normalized before
//! ([`prepare_normalized`]); the calls and what the response to each always
//! carries ([`Call`]); what a response means ([`classify_response`], [`parse_response`],
//! [`ApiError`]); when to try again ([`RetryPolicy`], [`parse_retry_after`]); when each request
//! may go under the API's rate limits ([`Pacer`]); and one call from its first attempt to its
//! result, as a state machine that says what to do next ([`Sending`]). The WebAssembly
//! `SmartInviteClient` does what [`Sending`] asks: it sleeps, fetches and reads the clock. Needs
//! the `client` feature.
//!
//! ```
//! use smart_invite::client::{prepare_invite, parse_response};
//! use smart_invite::{DataCenter, Method};
//! let request = prepare_invite(r#"{"smart_invite_id":"x","recipient":{"email":"a@example.com"}}"#,
//!     Method::Cancel, DataCenter::Us).unwrap();
//! assert!(request.text.starts_with(r#"{"method":"cancel""#));
//! let response = parse_response(br#"{"smart_invite_id":"x","attachments":{"icalendar":"BEGIN:VCALENDAR"}}"#).unwrap();
//! assert_eq!(response.icalendar(), Some("BEGIN:VCALENDAR"));
//! ```

mod call;
mod error;
mod pacing;
mod request;
mod response;
mod retry;
mod retry_after;
mod send;

pub use call::Call;
pub use error::{
    check_base_url, classify_response, ApiError, ErrorKind, HttpResponse, BODY_EXCERPT_CHARS, REQUEST_ID_HEADERS,
};
pub use pacing::{Pacer, PacingCheck, RateLimit, DEFAULT_MARGIN_MS, MINUTE_MARGIN_FACTOR};
pub use request::{check_invite, prepare_invite, prepare_normalized, read_query, Prepared};
pub use response::{parse_error_body, parse_response, Attachments, InviteResponse, ResponseError, ResponseEvent};
pub use retry::RetryPolicy;
pub use retry_after::parse_retry_after;
pub use send::{SendAction, SendEvent, Sending, DEFAULT_PAUSE_MS};
