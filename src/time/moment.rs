//! The two ends of an event as the API takes them: a [`Moment`] (a UTC instant or a whole day)
//! shown in an IANA zone, an [`EventTime`], and the texts the API writes for times. Reading a
//! [`Moment`] from text (`FromStr`, `Deserialize`) is in `parse.rs`, which builds on this
//! module and not the other way round.

use std::fmt;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize, Serializer};

use super::strftime;
use super::Zone;

/// One end of an event: a UTC instant or a date, with the time zone it is shown in.
///
/// ```
/// let t: smart_invite::time::EventTime =
///     serde_json::from_str(r#"{"time":"2026-04-29T09:30:00Z","tzid":"Europe/London"}"#).unwrap();
/// assert_eq!(t.tzid.name(), "Europe/London");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
            Moment::Instant(t) => utc_text(t),
            Moment::Date(d) => date_text(*d),
        })
    }
}

impl Serialize for Moment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// `2026-04-29`.
pub(crate) fn date_text(date: NaiveDate) -> String {
    strftime::format(date.into(), "%Y-%m-%d")
}

/// `2026-04-29T09:30`: a wall-clock time to the minute.
pub(crate) fn local_text(t: &NaiveDateTime) -> String {
    strftime::format(*t, "%Y-%m-%dT%H:%M")
}

/// `2026-04-29T09:30:00Z`: an instant as the API writes it.
pub(crate) fn utc_text(t: &DateTime<Utc>) -> String {
    strftime::format(t.naive_utc(), "%Y-%m-%dT%H:%M:%SZ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_of_years_beyond_four_digits() {
        let t = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(23, 5, 9).unwrap().and_utc();
        assert_eq!(utc_text(&t(10_000, 1, 1)), "+10000-01-01T23:05:09Z");
        assert_eq!(utc_text(&t(-1, 12, 31)), "-0001-12-31T23:05:09Z");
        assert_eq!(utc_text(&t(0, 3, 1)), "0000-03-01T23:05:09Z");
        assert_eq!(date_text(NaiveDate::MAX), NaiveDate::MAX.format("%Y-%m-%d").to_string());
        assert_eq!(date_text(NaiveDate::MIN), NaiveDate::MIN.format("%Y-%m-%d").to_string());
    }
}
