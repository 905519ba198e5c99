//! # smart-invite
//!
//! Validate, normalize and send [Cronofy Smart Invite](https://docs.cronofy.com/developers/api/smart-invites/)
//! payloads, with errors in exactly the shape of Cronofy's own 422 responses, so one error
//! handler serves local and remote failures.
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
//! # The data flow
//!
//! The data flows one way. JSON text (or bytes, or a `serde_json::Value`) goes in; `json` (`src/json/`)
//! parses it once into a borrowed tree; the rules of [`validate`] walk that tree, record every
//! problem by field path (never stopping at the first) and build the typed [`Invite`] of
//! [`invite`], with its times from [`time`]; out comes the normalized invite (serializing it
//! gives the exact request body) or the [`Issues`] map, which has the shape of Cronofy's 422
//! `errors`. The optional parts take that invite further: [`client`] turns it into a request
//! and each HTTP outcome into one typed result, [`callbacks`] checks and reads what Cronofy
//! posts back, [`calendar`] writes and reads the iCalendar text, [`email`] wraps it in the
//! message for the recipient. Nothing here knows about JavaScript: the WebAssembly bindings
//! live in their own module (`src/wasm/`, built only for `wasm32`), which converts at the
//! boundary, once per call.
//!
//! # Where things are
//!
//! | module | what it holds |
//! |---|---|
//! | [`validate`] | the entry points, the rules, the error map ([`Issues`]) |
//! | [`invite`] | the typed payload as written, the normalized invite and, with `client` or `callbacks`, the recipients' replies (RSVPs) |
//! | [`time`] | event times, daylight-saving gaps and overlaps, IANA zones and their suggestions |
//! | [`DataCenter`] | Cronofy's data centers: API host and organizer forwarding address |
//! | [`client`] | request bodies and queries, responses, errors, retries and `Retry-After`, the send loop as a state machine |
//! | [`callbacks`] | signatures of callbacks (HMAC-SHA256) and reading their bodies |
//! | [`calendar`] | the iCalendar text of an invite, written and read |
//! | [`email`] | the invite email: nodemailer options and the RFC 5322 message |
//!
//! # Features
//!
//! The validator, the zones and the data centers are always there. Each optional part is one
//! feature, all on by default but `schema`:
//!
//! | feature | brings | extra crates |
//! |---|---|---|
//! | `client` | [`client`]; in wasm, `SmartInviteClient` over `fetch` | `wasm-bindgen-futures`, `web-sys` (wasm only) |
//! | `callbacks` | [`callbacks`] | `hmac`, `sha2`, `base64` |
//! | `calendar` | [`calendar`] | |
//! | `email` | [`email`] (and `calendar`) | `mail-builder`, `base64` |
//! | `schema` | [`schema`]: the JSON Schemas of the payload and of the normalized invite (off by default; the npm package's schemas and types are written from it at build time) | `schemars` |
//! | `perf-values` | no API: in wasm, results reach JavaScript as a tape a JS decoder builds objects from, instead of JSON text and `JSON.parse` (a fifth of a `validateInvite()` call less in Node, 14 KB more code) | |
//!
//! The npm package is built three times from this crate: the full build with every feature,
//! for speed; the core build, the validator alone with `perf-values`, for speed, which Node and
//! Bun instantiate first; and the browser build with no feature, for size. `docs/package.md` says
//! which runtime gets which.

#[cfg(feature = "calendar")]
pub mod calendar;
#[cfg(feature = "callbacks")]
pub mod callbacks;
#[cfg(feature = "client")]
pub mod client;
mod data_center;
#[cfg(feature = "email")]
pub mod email;
pub mod invite;
mod json;
#[cfg(feature = "schema")]
pub mod schema;
mod suggest;
pub mod time;
pub mod validate;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use data_center::{DataCenter, UnknownDataCenter};
pub use invite::{Event, Invite, Location, Method, Organizer, Recipient, RecipientStatus, Reminder, Transparency};
pub use validate::{
    validate_bytes, validate_json, validate_value, Issue, IssueKey, Issues, Validation, Validator, MAX_INPUT_BYTES,
    MAX_LISTED,
};
