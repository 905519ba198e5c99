//! A recipient's reply as Cronofy reports it, in responses (`recipient`, `recipients[]`,
//! `replies[]`) and in callbacks (`recipient`, `reply`): the status, an optional comment, and
//! optionally a proposed new time.
//!
//! Times reported by the API are kept exactly as given (proposals carry offsets such as
//! `+02:00`, and a zone id we do not know must not make a whole reply unreadable);
//! [`ReportedTime::moment`] and [`ReportedTime::zone`] read them when wanted.

use serde::Serialize;

use crate::invite::RecipientStatus;
use crate::json::lenient::{self, Object};
use crate::json::Json;
use crate::time::{Moment, Zone};

/// A reply status: one of the four the API documents, or any other text it may add later.
///
/// Serializes as the plain status text either way.
///
/// ```
/// use smart_invite::RecipientStatus;
/// use smart_invite::invite::ReplyStatus;
/// assert_eq!(ReplyStatus::from("declined"), ReplyStatus::Known(RecipientStatus::Declined));
/// let other = ReplyStatus::from("delegated");
/// assert_eq!(other.as_str(), "delegated");
/// assert_eq!(serde_json::to_string(&other).unwrap(), r#""delegated""#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ReplyStatus {
    /// `pending`, `accepted`, `tentative` or `declined`.
    Known(RecipientStatus),
    /// A status this version does not know.
    Other(String),
}

impl From<&str> for ReplyStatus {
    fn from(text: &str) -> Self {
        match RecipientStatus::ALL.into_iter().find(|status| status.as_str() == text) {
            Some(status) => Self::Known(status),
            None => Self::Other(text.to_owned()),
        }
    }
}

impl ReplyStatus {
    /// The status as the API wrote it.
    ///
    /// ```
    /// let s = smart_invite::invite::ReplyStatus::Known(smart_invite::RecipientStatus::Tentative);
    /// assert_eq!(s.as_str(), "tentative");
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            Self::Known(status) => status.as_str(),
            Self::Other(text) => text,
        }
    }
}

/// A time as the API reported it: the text as given, and the zone id given with it, if any.
///
/// The API writes a time either as a plain string or as a `{"time", "tzid"}` object; both are
/// read into this, which always serializes as the object (without `tzid` when none was given).
///
/// ```
/// use smart_invite::invite::ReportedTime;
/// let t = ReportedTime { time: "2025-01-21T23:00:00+02:00".into(), tzid: Some("Europe/Paris".into()) };
/// assert_eq!(t.moment().unwrap().to_string(), "2025-01-21T21:00:00Z");
/// assert_eq!(t.zone().unwrap().name(), "Europe/Paris");
/// let plain = ReportedTime { time: "2017-10-05T09:30:00Z".into(), tzid: None };
/// assert_eq!(serde_json::to_string(&plain).unwrap(), r#"{"time":"2017-10-05T09:30:00Z"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportedTime {
    /// The time or date exactly as given, e.g. `2025-01-21T23:00:00+02:00`.
    pub time: String,
    /// The IANA zone id given with it, e.g. `Europe/Paris`; not checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tzid: Option<String>,
}

impl ReportedTime {
    /// The time as a UTC instant or a date, if it is in a form the crate reads (offsets are
    /// converted to UTC). `None` for anything else, never a panic.
    ///
    /// ```
    /// let t = smart_invite::invite::ReportedTime { time: "soon".into(), tzid: None };
    /// assert_eq!(t.moment(), None);
    /// ```
    pub fn moment(&self) -> Option<Moment> {
        self.time.parse().ok()
    }

    /// The zone, if `tzid` names one this crate knows.
    ///
    /// ```
    /// let t = smart_invite::invite::ReportedTime { time: "2025-01-21".into(), tzid: Some("Mars/Olympus".into()) };
    /// assert_eq!(t.zone(), None);
    /// ```
    pub fn zone(&self) -> Option<Zone> {
        self.tzid.as_deref().and_then(Zone::find)
    }
}

impl ReportedTime {
    /// Reads a plain string or a `{time, tzid}` object; `zone` is the sibling `tzid` used when
    /// the time has none of its own.
    pub(crate) fn read(value: &Json<'_>, zone: Option<&str>) -> Option<Self> {
        let (time, tzid) = match value {
            Json::String(time) => (time.to_string(), None),
            Json::Object(object) => (lenient::text(object, "time")?, lenient::text(object, "tzid")),
            _ => return None,
        };
        Some(Self { time, tzid: tzid.or_else(|| zone.map(str::to_owned)) })
    }
}

/// A new time a recipient proposes for the event.
///
/// ```
/// let r = smart_invite::client::parse_response(br#"{"smart_invite_id": "x", "recipient": {"email": "a@example.com",
///   "status": "tentative", "proposal": {"start": {"time": "2025-01-21T23:00:00+02:00", "tzid": "Europe/Paris"},
///                                       "end": {"time": "2025-01-22T00:00:00+02:00", "tzid": "Europe/Paris"}}}}"#);
/// let proposal = r.unwrap().recipient.unwrap().proposal.unwrap();
/// assert_eq!(proposal.end.time, "2025-01-22T00:00:00+02:00");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Proposal {
    /// The proposed start.
    pub start: ReportedTime,
    /// The proposed end.
    pub end: ReportedTime,
}

/// One recipient and their answer, as the API reports it.
///
/// `status`, `comment` and `proposal` are optional; one of an unexpected shape is dropped rather
/// than making the reply unreadable. Serializes without the fields that are absent.
///
/// ```
/// let r = smart_invite::client::parse_response(br#"{"smart_invite_id": "x",
///   "recipient": {"email": "a@example.com", "status": "tentative", "comment": "Later?", "mood": "fine"}}"#);
/// let reply = r.unwrap().recipient.unwrap();
/// assert_eq!(reply.status.unwrap().as_str(), "tentative");
/// assert_eq!(reply.comment.as_deref(), Some("Later?"));
/// assert!(reply.proposal.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reply {
    /// The recipient's address.
    pub email: String,
    /// Their answer so far.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ReplyStatus>,
    /// What they wrote with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The time they proposed instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposal: Option<Proposal>,
}

impl Reply {
    /// Reads a recipient object; `None` unless it is an object with a text `email`.
    pub(crate) fn read(value: &Json<'_>) -> Option<Self> {
        let object = value.as_object()?;
        Some(Self {
            email: lenient::text(object, "email")?,
            status: object.get("status").and_then(Json::as_str).map(ReplyStatus::from),
            comment: lenient::text(object, "comment"),
            proposal: lenient::object(object, "proposal").and_then(Proposal::read),
        })
    }
}

impl Proposal {
    fn read(object: &Object<'_>) -> Option<Self> {
        let end = |key| ReportedTime::read(object.get(key)?, None);
        Some(Self { start: end("start")?, end: end("end")? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Json<'_> {
        Json::parse(text).unwrap()
    }

    #[test]
    fn a_proposal_with_an_unknown_zone_is_kept_as_given() {
        let r = Reply::read(&json(
            r#"{"email": "a@example.com", "status": "tentative", "proposal": {
                "start": {"time": "2025-01-21T23:00:00+02:00", "tzid": "Europe/Atlantis"},
                "end": "2025-01-21T23:30:00+02:00"}}"#,
        ))
        .unwrap();
        let proposal = r.proposal.unwrap();
        assert_eq!(proposal.start.tzid.as_deref(), Some("Europe/Atlantis"));
        assert_eq!(proposal.start.zone(), None);
        assert_eq!(proposal.end, ReportedTime { time: "2025-01-21T23:30:00+02:00".into(), tzid: None });
        assert_eq!(proposal.end.moment().unwrap().to_string(), "2025-01-21T21:30:00Z");
    }

    #[test]
    fn odd_optional_fields_are_dropped() {
        let r = Reply::read(&json(
            r#"{"email": "a@example.com", "status": 7, "comment": ["x"], "proposal": {"start": 1}}"#,
        ))
        .unwrap();
        assert_eq!(r, Reply { email: "a@example.com".into(), status: None, comment: None, proposal: None });
        assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"email":"a@example.com"}"#);
    }

    #[test]
    fn a_reply_needs_an_email() {
        for text in [r#"{"status": "accepted"}"#, r#"{"email": 1}"#, r#""a@example.com""#, "null"] {
            assert_eq!(Reply::read(&json(text)), None, "{text}");
        }
    }

    #[test]
    fn a_time_of_its_own_wins_over_the_sibling_zone() {
        let own = ReportedTime::read(&json(r#"{"time": "2025-01-21", "tzid": "Asia/Tokyo"}"#), Some("Europe/London"));
        assert_eq!(own.unwrap().tzid.as_deref(), Some("Asia/Tokyo"));
        let inherited = ReportedTime::read(&json(r#""2025-01-21""#), Some("Europe/London"));
        assert_eq!(inherited.unwrap().tzid.as_deref(), Some("Europe/London"));
        assert_eq!(ReportedTime::read(&json(r#"{"tzid": "Asia/Tokyo"}"#), None), None);
        assert_eq!(ReportedTime::read(&json("5"), None), None);
    }
}
