//! A recipient's reply as Cronofy reports it, in responses (`recipient`, `recipients[]`,
//! `replies[]`) and in callbacks (`recipient`, `reply`): the status, an optional comment, and
//! optionally a proposed new time.
//!
//! Times reported by the API are kept exactly as given (proposals carry offsets such as
//! `+02:00`, and a zone id we do not know must not make a whole reply unreadable);
//! [`ReportedTime::moment`] and [`ReportedTime::zone`] read them when wanted.

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::model::{Moment, RecipientStatus};

/// A reply status: one of the four the API documents, or any other text it may add later.
///
/// Serializes as the plain status text either way.
///
/// ```
/// use smart_invite::{RecipientStatus, ReplyStatus};
/// let known: ReplyStatus = serde_json::from_str(r#""declined""#).unwrap();
/// assert_eq!(known, ReplyStatus::Known(RecipientStatus::Declined));
/// let other: ReplyStatus = serde_json::from_str(r#""delegated""#).unwrap();
/// assert_eq!(other.as_str(), "delegated");
/// assert_eq!(serde_json::to_string(&other).unwrap(), r#""delegated""#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ReplyStatus {
    /// `pending`, `accepted`, `tentative` or `declined`.
    Known(RecipientStatus),
    /// A status this version does not know.
    Other(String),
}

impl ReplyStatus {
    /// The status as the API wrote it.
    ///
    /// ```
    /// let s = smart_invite::ReplyStatus::Known(smart_invite::RecipientStatus::Tentative);
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
/// Reads either a plain string or a `{"time", "tzid"}` object; always serializes as the object
/// (without `tzid` when none was given).
///
/// ```
/// use smart_invite::ReportedTime;
/// let t: ReportedTime =
///     serde_json::from_str(r#"{"time":"2025-01-21T23:00:00+02:00","tzid":"Europe/Paris"}"#).unwrap();
/// assert_eq!(t.moment().unwrap().to_string(), "2025-01-21T21:00:00Z");
/// assert_eq!(t.zone().unwrap().name(), "Europe/Paris");
/// let plain: ReportedTime = serde_json::from_str(r#""2017-10-05T09:30:00Z""#).unwrap();
/// assert_eq!(serde_json::to_string(&plain).unwrap(), r#"{"time":"2017-10-05T09:30:00Z"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "TimeForm")]
pub struct ReportedTime {
    /// The time or date exactly as given, e.g. `2025-01-21T23:00:00+02:00`.
    pub time: String,
    /// The IANA zone id given with it, e.g. `Europe/Paris`; not checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tzid: Option<String>,
}

impl ReportedTime {
    /// The time as a UTC instant or a date, if it is in a form the crate reads (offsets are
    /// converted to UTC). `None` for anything else, never a panic.
    ///
    /// ```
    /// let t = smart_invite::ReportedTime { time: "soon".into(), tzid: None };
    /// assert_eq!(t.moment(), None);
    /// ```
    pub fn moment(&self) -> Option<Moment> {
        self.time.parse().ok()
    }

    /// The zone, if `tzid` names one this crate knows.
    ///
    /// ```
    /// let t = smart_invite::ReportedTime { time: "2025-01-21".into(), tzid: Some("Mars/Olympus".into()) };
    /// assert_eq!(t.zone(), None);
    /// ```
    pub fn zone(&self) -> Option<Tz> {
        self.tzid.as_deref().and_then(crate::zones::find)
    }
}

/// The two forms a time is written in by the API.
#[derive(Deserialize)]
#[serde(untagged)]
enum TimeForm {
    Plain(String),
    Zoned {
        time: String,
        #[serde(default, deserialize_with = "crate::lenient::optional")]
        tzid: Option<String>,
    },
}

impl From<TimeForm> for ReportedTime {
    fn from(form: TimeForm) -> Self {
        match form {
            TimeForm::Plain(time) => Self { time, tzid: None },
            TimeForm::Zoned { time, tzid } => Self { time, tzid },
        }
    }
}

/// A new time a recipient proposes for the event.
///
/// ```
/// let p: smart_invite::Proposal = serde_json::from_str(r#"{
///   "start": {"time": "2025-01-21T23:00:00+02:00", "tzid": "Europe/Paris"},
///   "end": {"time": "2025-01-22T00:00:00+02:00", "tzid": "Europe/Paris"}}"#).unwrap();
/// assert_eq!(p.end.time, "2025-01-22T00:00:00+02:00");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
/// let r: smart_invite::Reply = serde_json::from_str(
///     r#"{"email":"a@example.com","status":"tentative","comment":"Later?","mood":"fine"}"#).unwrap();
/// assert_eq!(r.status.unwrap().as_str(), "tentative");
/// assert_eq!(r.comment.as_deref(), Some("Later?"));
/// assert!(r.proposal.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    /// The recipient's address.
    pub email: String,
    /// Their answer so far.
    #[serde(default, deserialize_with = "crate::lenient::optional", skip_serializing_if = "Option::is_none")]
    pub status: Option<ReplyStatus>,
    /// What they wrote with it.
    #[serde(default, deserialize_with = "crate::lenient::optional", skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The time they proposed instead.
    #[serde(default, deserialize_with = "crate::lenient::optional", skip_serializing_if = "Option::is_none")]
    pub proposal: Option<Proposal>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proposal_with_an_unknown_zone_is_kept_as_given() {
        let r: Reply = serde_json::from_str(
            r#"{"email":"a@example.com","status":"tentative","proposal":{
                "start":{"time":"2025-01-21T23:00:00+02:00","tzid":"Europe/Atlantis"},
                "end":{"time":"2025-01-21T23:30:00+02:00"}}}"#,
        )
        .unwrap();
        let proposal = r.proposal.unwrap();
        assert_eq!(proposal.start.tzid.as_deref(), Some("Europe/Atlantis"));
        assert_eq!(proposal.start.zone(), None);
        assert_eq!(proposal.end.moment().unwrap().to_string(), "2025-01-21T21:30:00Z");
    }

    #[test]
    fn odd_optional_fields_are_dropped() {
        let r: Reply =
            serde_json::from_str(r#"{"email":"a@example.com","status":7,"comment":["x"],"proposal":{"start":1}}"#)
                .unwrap();
        assert_eq!(r, Reply { email: "a@example.com".into(), status: None, comment: None, proposal: None });
        assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"email":"a@example.com"}"#);
    }

    #[test]
    fn a_reply_without_email_is_refused() {
        assert!(serde_json::from_str::<Reply>(r#"{"status":"accepted"}"#).is_err());
    }
}
