//! The two ends of an event as the API takes them: a [`Moment`] (a UTC instant or a whole day)
//! shown in an IANA zone, an [`EventTime`].

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::parse::{self, TimeError};
use super::Zone;

/// One end of an event: a UTC instant or a date, with the time zone it is shown in.
///
/// ```
/// let t: smart_invite::time::EventTime =
///     serde_json::from_str(r#"{"time":"2026-04-29T09:30:00Z","tzid":"Europe/London"}"#).unwrap();
/// assert_eq!(t.tzid.name(), "Europe/London");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventTime {
    /// The instant (always UTC) or the all-day date.
    pub time: Moment,
    /// The IANA zone the event is shown in.
    pub tzid: Zone,
}

/// A point in time in UTC, or a whole day.
///
/// ```
/// use smart_invite::time::Moment;
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
            Moment::Instant(t) => parse::utc_text(t),
            Moment::Date(d) => parse::date_text(*d),
        })
    }
}

impl std::str::FromStr for Moment {
    type Err = TimeError;

    /// Parses a UTC time, a time with an offset (converted to UTC) or a date; a local time
    /// without offset is refused here, as it needs a time zone.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        parse::parse(text)?.absolute().ok_or(TimeError::NeedsZone)
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
