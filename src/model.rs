//! The normalized invite: the typed wire form that [`crate::validate_json`] produces and the
//! API expects. Serializing it gives the request body, fields in a stable order.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What a request asks of the API.
///
/// ```
/// assert_eq!(serde_json::to_string(&smart_invite::Method::Cancel).unwrap(), r#""cancel""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
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
    /// The wire name.
    ///
    /// ```
    /// assert_eq!(smart_invite::Method::Remove.as_str(), "remove");
    /// ```
    pub fn as_str(self) -> &'static str {
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
pub struct Recipient {
    /// The address the invite goes to.
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
pub struct Organizer {
    /// The display name in the recipient's calendar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A custom organizer address (needs mail forwarding to the data center).
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
pub struct Invite {
    /// What is asked: create/update, cancel or remove.
    #[serde(default)]
    pub method: Method,
    /// The application's id for the invite.
    pub smart_invite_id: String,
    /// The single recipient (exclusive with `recipients`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<Recipient>,
    /// Several recipients of one event (exclusive with `recipient`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipients: Option<Vec<Recipient>>,
    /// Where Cronofy posts reply notifications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
pub struct Event {
    /// The title, at most 1024 characters.
    pub summary: String,
    /// Plain text, at most 4096 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
    pub reminders: Option<Vec<Reminder>>,
    /// Whether the event blocks time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transparency: Option<Transparency>,
    /// A colour `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// A link for the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One end of an event: a UTC instant or a date, with the time zone it is shown in.
///
/// ```
/// let t: smart_invite::EventTime =
///     serde_json::from_str(r#"{"time":"2026-04-29T09:30:00Z","tzid":"Europe/London"}"#).unwrap();
/// assert_eq!(t.tzid.name(), "Europe/London");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventTime {
    /// The instant (always UTC) or the all-day date.
    pub time: Moment,
    /// The IANA zone the event is shown in.
    #[serde(serialize_with = "serialize_tz", deserialize_with = "deserialize_tz")]
    pub tzid: Tz,
}

fn serialize_tz<S: Serializer>(tz: &Tz, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(tz.name())
}

fn deserialize_tz<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Tz, D::Error> {
    let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
    crate::zones::find(&name).ok_or_else(|| serde::de::Error::custom(format!("unknown time zone {name}")))
}

/// A point in time in UTC, or a whole day.
///
/// ```
/// use smart_invite::Moment;
/// let m: Moment = "2026-04-29T09:30:00Z".parse().unwrap();
/// assert_eq!(m.to_string(), "2026-04-29T09:30:00Z");
/// assert!(matches!("2026-04-29".parse::<Moment>().unwrap(), Moment::Date(_)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Moment {
    /// A time, normalized to UTC, whole seconds.
    Instant(DateTime<Utc>),
    /// An all-day date.
    Date(NaiveDate),
}

impl fmt::Display for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Moment::Instant(t) => crate::event_time::utc_text(t),
            Moment::Date(d) => crate::event_time::date_text(*d),
        })
    }
}

impl std::str::FromStr for Moment {
    type Err = crate::event_time::TimeError;

    /// Parses a UTC time, a time with an offset (converted to UTC) or a date; a local time
    /// without offset is refused here, as it needs a time zone.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        crate::event_time::parse(text)?.absolute().ok_or(crate::event_time::TimeError::NeedsZone)
    }
}

impl Serialize for Moment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Where the event happens.
///
/// ```
/// let l = smart_invite::Location { description: Some("Board room".into()), lat: None, long: None };
/// assert_eq!(serde_json::to_string(&l).unwrap(), r#"{"description":"Board room"}"#);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// A free-text place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Latitude, -90 to 90, as the API takes it: a decimal string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<String>,
    /// Longitude, -180 to 180, as a decimal string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub long: Option<String>,
}

/// A reminder some minutes before the start.
///
/// ```
/// let r = smart_invite::Reminder { minutes: 10 };
/// assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"minutes":10}"#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    /// Minutes before the start.
    pub minutes: u32,
}

/// Whether the event shows the attendee as busy.
///
/// ```
/// assert_eq!(serde_json::to_string(&smart_invite::Transparency::Opaque).unwrap(), r#""opaque""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Transparency {
    /// Busy.
    Opaque,
    /// Free.
    Transparent,
}
