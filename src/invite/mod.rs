//! The normalized invite: the typed wire form that [`crate::validate_json`] produces and the
//! API expects. Serializing it gives the request body, fields in a stable order.

mod payload;
#[cfg(any(feature = "client", feature = "callbacks"))]
pub(crate) mod reply;

pub use payload::{Coordinate, EventInput, InvitePayload, LocationInput, TimeInput};

#[cfg(any(feature = "client", feature = "callbacks"))]
pub use reply::{Proposal, Reply, ReplyStatus, ReportedTime};

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use crate::schema::patterns;
use crate::time::EventTime;
#[cfg(feature = "schema")]
use crate::validate::limits;

/// What a request asks of the API.
///
/// ```
/// assert_eq!(serde_json::to_string(&smart_invite::Method::Cancel).unwrap(), r#""cancel""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// Create or update the invite (the default).
    #[default]
    Request,
    /// Cancel the invite for its recipient(s).
    Cancel,
    /// Remove one recipient from a multi-recipient invite.
    Remove,
}

impl Method {
    /// Every method the API takes, the default first.
    ///
    /// ```
    /// let names: Vec<&str> = smart_invite::Method::ALL.iter().map(|m| m.as_str()).collect();
    /// assert_eq!(names, ["request", "cancel", "remove"]);
    /// ```
    pub const ALL: [Method; 3] = [Self::Request, Self::Cancel, Self::Remove];

    /// The wire name.
    ///
    /// ```
    /// assert_eq!(smart_invite::Method::Remove.as_str(), "remove");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Request => "request",
            Self::Cancel => "cancel",
            Self::Remove => "remove",
        }
    }
}

/// A recipient's answer to an invite.
///
/// ```
/// let s: smart_invite::RecipientStatus = serde_json::from_str(r#""accepted""#).unwrap();
/// assert_eq!(s, smart_invite::RecipientStatus::Accepted);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum RecipientStatus {
    /// No answer yet.
    #[default]
    Pending,
    /// Accepted.
    Accepted,
    /// Tentatively accepted.
    Tentative,
    /// Declined.
    Declined,
}

impl RecipientStatus {
    /// Every status, as the API names them.
    ///
    /// ```
    /// assert_eq!(smart_invite::RecipientStatus::ALL.len(), 4);
    /// ```
    pub const ALL: [RecipientStatus; 4] = [Self::Pending, Self::Accepted, Self::Tentative, Self::Declined];

    /// The wire name.
    ///
    /// ```
    /// assert_eq!(smart_invite::RecipientStatus::Declined.as_str(), "declined");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Accepted => "accepted",
            Self::Tentative => "tentative",
            Self::Declined => "declined",
        }
    }
}

/// Someone the invite is sent to.
///
/// ```
/// let r = smart_invite::Recipient { email: "a@example.com".into(), status: None };
/// assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"email":"a@example.com"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Recipient {
    /// The address the invite goes to.
    #[cfg_attr(feature = "schema", schemars(email, regex(pattern = patterns::NOT_BLANK)))]
    pub email: String,
    /// An initial status (multi-recipient requests only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<RecipientStatus>,
}

/// Who the invite appears to come from.
///
/// ```
/// let o = smart_invite::Organizer { name: Some("Acme".into()), email: None };
/// assert_eq!(serde_json::to_string(&o).unwrap(), r#"{"name":"Acme"}"#);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Organizer {
    /// The display name in the recipient's calendar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A custom organizer address (needs mail forwarding to the data center).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(email, regex(pattern = patterns::NOT_BLANK)))]
    pub email: Option<String>,
}

/// A normalized Smart Invite request: the exact body sent to `POST /v1/smart_invites`.
///
/// ```
/// let v = smart_invite::validate_json(r#"{"method":"cancel","smart_invite_id":"x",
///     "recipient":{"email":"a@example.com"}}"#);
/// let invite = v.invite.unwrap();
/// assert_eq!(serde_json::to_string(&invite).unwrap(),
///     r#"{"method":"cancel","smart_invite_id":"x","recipient":{"email":"a@example.com"}}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Invite {
    /// What is asked: create/update, cancel or remove.
    #[serde(default)]
    pub method: Method,
    /// The application's id for the invite.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = patterns::NOT_BLANK)))]
    pub smart_invite_id: String,
    /// The single recipient (exclusive with `recipients`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<Recipient>,
    /// Several recipients of one event (exclusive with `recipient`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipients: Option<Vec<Recipient>>,
    /// Where Cronofy posts reply notifications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(url))]
    pub callback_url: Option<String>,
    /// The organizer shown in the recipient's calendar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organizer: Option<Organizer>,
    /// The event (for `request` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<Event>,
}

impl Invite {
    /// Every recipient, whichever of `recipient` or `recipients` holds them.
    ///
    /// ```
    /// let v = smart_invite::validate_json(r#"{"method":"cancel","smart_invite_id":"x",
    ///     "recipients":[{"email":"a@example.com"},{"email":"b@example.com"}]}"#);
    /// assert_eq!(v.invite.unwrap().all_recipients().count(), 2);
    /// ```
    pub fn all_recipients(&self) -> impl Iterator<Item = &Recipient> {
        self.recipient.iter().chain(self.recipients.iter().flatten())
    }
}

/// The event an invite is for.
///
/// ```
/// let v = smart_invite::validate_json(r#"{"smart_invite_id":"x","recipient":{"email":"a@example.com"},
///   "event":{"summary":"Hi","start":"2026-04-29","end":"2026-04-30","tzid":"Europe/London"}}"#);
/// let event = v.invite.unwrap().event.unwrap();
/// assert_eq!(event.start.time.to_string(), "2026-04-29");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Event {
    /// The title, at most 1024 characters.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = patterns::NOT_BLANK), length(max = limits::MAX_SUMMARY_CHARS)))]
    pub summary: String,
    /// Plain text, at most 4096 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(max = limits::MAX_DESCRIPTION_CHARS)))]
    pub description: Option<String>,
    /// When it starts.
    pub start: EventTime,
    /// When it ends (strictly after `start`, and of the same kind).
    pub end: EventTime,
    /// Where it happens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Up to five reminders, in priority order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(max = limits::MAX_REMINDERS)))]
    pub reminders: Option<Vec<Reminder>>,
    /// Whether the event blocks time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transparency: Option<Transparency>,
    /// A colour `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(regex(pattern = patterns::COLOR)))]
    pub color: Option<String>,
    /// A link for the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(url))]
    pub url: Option<String>,
}

/// Where the event happens.
///
/// ```
/// let l = smart_invite::Location { description: Some("Board room".into()), lat: None, long: None };
/// assert_eq!(serde_json::to_string(&l).unwrap(), r#"{"description":"Board room"}"#);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Location {
    /// A free-text place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Latitude, -90 to 90, as the API takes it: a decimal string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(regex(pattern = patterns::DECIMAL)))]
    pub lat: Option<String>,
    /// Longitude, -180 to 180, as a decimal string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(regex(pattern = patterns::DECIMAL)))]
    pub long: Option<String>,
}

/// A reminder some minutes before the start.
///
/// ```
/// let r = smart_invite::Reminder { minutes: 10 };
/// assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"minutes":10}"#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Reminder {
    /// Minutes before the start.
    #[cfg_attr(feature = "schema", schemars(range(max = limits::MAX_REMINDER_MINUTES)))]
    pub minutes: u32,
}

/// Whether the event shows the attendee as busy.
///
/// ```
/// assert_eq!(serde_json::to_string(&smart_invite::Transparency::Opaque).unwrap(), r#""opaque""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Transparency {
    /// Busy.
    Opaque,
    /// Free.
    Transparent,
}
