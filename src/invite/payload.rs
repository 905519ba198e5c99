//! The payload as it is written: the typed form of what [`crate::validate_json`] reads, for
//! Rust code that builds payloads, and for the JSON Schema of the payload (feature `schema`).
//!
//! These types are looser than the rules: a time is any text, a zone any name. The rules of
//! [`crate::validate`] decide; serializing an [`InvitePayload`] and validating it is the way
//! to the normalized [`Invite`](super::Invite).
//!
//! ```
//! use smart_invite::invite::{EventInput, InvitePayload, TimeInput};
//! use smart_invite::Recipient;
//! let payload = InvitePayload {
//!     smart_invite_id: "interview-42".into(),
//!     recipient: Some(Recipient { email: "ann@example.com".into(), status: None }),
//!     event: Some(EventInput {
//!         summary: "Interview".into(),
//!         start: TimeInput::Text("2026-04-29T09:30".into()),
//!         end: TimeInput::Text("2026-04-29T10:00".into()),
//!         tzid: Some("Europe/London".into()),
//!         ..EventInput::default()
//!     }),
//!     ..InvitePayload::default()
//! };
//! let v = smart_invite::validate_value(&serde_json::to_value(&payload).unwrap());
//! assert_eq!(v.invite.unwrap().event.unwrap().start.time.to_string(), "2026-04-29T08:30:00Z");
//! ```

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use crate::schema::{patterns, subschemas};
#[cfg(feature = "schema")]
use crate::validate::limits;

use super::{Method, Organizer, Recipient, Reminder, Transparency};

/// A Smart Invite request as written: `method` `request` (the default) creates or updates the
/// invite and needs an `event`; `cancel` cancels it; `remove` removes its one `recipient`.
///
/// ```
/// let p: smart_invite::invite::InvitePayload = serde_json::from_str(
///     r#"{"method":"cancel","smart_invite_id":"x","recipient":{"email":"a@example.com"}}"#).unwrap();
/// assert_eq!(p.method, Some(smart_invite::Method::Cancel));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InvitePayload {
    /// What is asked; `request` when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("default" = "request")))]
    pub method: Option<Method>,
    /// Your id for the invite; with the recipient's email it names one invitation.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = patterns::NOT_BLANK)))]
    pub smart_invite_id: String,
    /// The person invited (or `recipients`, not both).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<Recipient>,
    /// Several people invited to one event (or `recipient`, not both).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub recipients: Option<Vec<Recipient>>,
    /// An http(s) URL Cronofy posts reply notifications to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(url))]
    pub callback_url: Option<String>,
    /// Who the invite comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organizer: Option<Organizer>,
    /// The event (for `request`; `cancel` and `remove` take none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<EventInput>,
}

/// The event as written. `attendees` and `conferencing` are refused: a Smart Invite sets them.
///
/// ```
/// let e: smart_invite::invite::EventInput = serde_json::from_str(
///     r#"{"summary":"Hi","start":"2026-04-29","end":"2026-04-30"}"#).unwrap();
/// assert_eq!(e.summary, "Hi");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(transform = subschemas::forbid_attendees))]
pub struct EventInput {
    /// The title.
    #[cfg_attr(
        feature = "schema",
        schemars(regex(pattern = patterns::NOT_BLANK), length(max = limits::MAX_SUMMARY_CHARS))
    )]
    pub summary: String,
    /// Plain text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(max = limits::MAX_DESCRIPTION_CHARS)))]
    pub description: Option<String>,
    /// When it starts.
    pub start: TimeInput,
    /// When it ends: after the start, and a date when the start is one.
    pub end: TimeInput,
    /// The IANA time zone the event is shown in, and local times are read in (`Etc/UTC`,
    /// with a warning, when left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::time::Zone>"))]
    pub tzid: Option<String>,
    /// Where it takes place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<LocationInput>,
    /// Reminders, in priority order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(max = limits::MAX_REMINDERS)))]
    pub reminders: Option<Vec<Reminder>>,
    /// Whether the event shows as busy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transparency: Option<Transparency>,
    /// A colour such as `#c6040f`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(regex(pattern = patterns::COLOR)))]
    pub color: Option<String>,
    /// A link for the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(url))]
    pub url: Option<String>,
}

/// A time as written: `2026-04-29T09:30:00Z`, `2026-04-29T10:30:00+01:00`, a local
/// `2026-04-29T09:30` read in the event's `tzid`, or a date `2026-04-29` for all-day events;
/// or an object giving the time with its own zone.
///
/// ```
/// use smart_invite::invite::TimeInput;
/// let t: TimeInput = serde_json::from_str(r#"{"time":"2026-04-29T09:30","tzid":"Asia/Tokyo"}"#).unwrap();
/// assert!(matches!(t, TimeInput::Zoned { tzid: Some(_), .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum TimeInput {
    /// A time or a date, in the event's zone unless it has an offset.
    Text(#[cfg_attr(feature = "schema", schemars(regex(pattern = patterns::WRITTEN_TIME)))] String),
    /// A time or a date with the zone of this end of the event.
    Zoned {
        /// A time or a date.
        #[cfg_attr(feature = "schema", schemars(regex(pattern = patterns::WRITTEN_TIME)))]
        time: String,
        /// The zone of this time (the event's `tzid` when left out).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "schema", schemars(with = "Option<crate::time::Zone>"))]
        tzid: Option<String>,
    },
}

impl Default for TimeInput {
    /// An empty text, which the rules report as blank.
    fn default() -> Self {
        Self::Text(String::new())
    }
}

/// Where the event takes place, as written.
///
/// ```
/// use smart_invite::invite::{Coordinate, LocationInput};
/// let l: LocationInput = serde_json::from_str(r#"{"lat":51.5,"long":"-0.12"}"#).unwrap();
/// assert_eq!(l.lat, Some(Coordinate::Number(51.5)));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LocationInput {
    /// The place, as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The latitude, -90 to 90.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<subschemas::Latitude>"))]
    pub lat: Option<Coordinate>,
    /// The longitude, -180 to 180.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<subschemas::Longitude>"))]
    pub long: Option<Coordinate>,
}

/// A coordinate as written: a number, or a decimal text (kept digit for digit).
///
/// ```
/// let c: smart_invite::invite::Coordinate = serde_json::from_str(r#""51.50735""#).unwrap();
/// assert_eq!(c, smart_invite::invite::Coordinate::Text("51.50735".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Coordinate {
    /// A JSON number.
    Number(f64),
    /// A decimal text.
    Text(String),
}
