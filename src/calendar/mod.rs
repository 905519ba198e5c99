//! The iCalendar (RFC 5545) text of an invite: written for the local mock of the API and the
//! demo's preview ([`invite_calendar`]), and read for the email (the METHOD, SUMMARY, attendees
//! and DTSTAMP it needs; with the `email` feature). Needs the `calendar` feature.
//!
//! ```
//! use smart_invite::calendar::{invite_calendar, CalendarMeta};
//! let invite = smart_invite::validate_json(r#"{"smart_invite_id":"x","recipient":{"email":"a@example.com"},
//!   "event":{"summary":"Lunch","start":"2026-04-29","end":"2026-04-30"}}"#).into_result().unwrap();
//! let ics = invite_calendar(&invite, &CalendarMeta::new("x@example.com", "2026-04-01T08:00:00Z".parse().unwrap()));
//! assert!(ics.contains("\r\nDTSTART;VALUE=DATE:20260429\r\n"));
//! ```

#[cfg(feature = "email")]
pub(crate) mod read;
mod write;

pub use write::{invite_calendar, CalendarMeta, CalendarMethod};
