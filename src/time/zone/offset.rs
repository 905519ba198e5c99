//! The offset of a zone at some instant, as the tables give it.

use std::fmt;

use chrono::{FixedOffset, Offset, TimeDelta};

use super::tables::{ABBREVIATIONS, ABBREVIATION_ENDS, SPAN_ABBREVIATIONS, SPAN_DST, SPAN_OFFSETS};
use super::Zone;

/// The offset of a [`Zone`] at some instant: from UTC, its daylight-saving part, and its
/// abbreviation.
///
/// ```
/// use chrono::{Offset, TimeZone};
/// let london = smart_invite::time::Zone::find("Europe/London").unwrap();
/// let t = london.with_ymd_and_hms(2026, 7, 1, 12, 0, 0).unwrap();
/// assert_eq!(t.offset().fix().local_minus_utc(), 3600);
/// assert_eq!(t.to_string(), "2026-07-01 12:00:00 BST");
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ZoneOffset {
    zone: Zone,
    /// An index into the `SPAN_*` tables.
    span: u16,
}

impl ZoneOffset {
    pub(super) fn new(zone: Zone, span: u16) -> Self {
        Self { zone, span }
    }

    /// The zone it is an offset of.
    pub(super) fn zone(&self) -> Zone {
        self.zone
    }

    /// The abbreviation in use (`BST`), or `None` where the database has only the numbers (the
    /// offset is then written `+03` or `+0530`).
    ///
    /// ```
    /// use chrono::TimeZone;
    /// use smart_invite::time::Zone;
    /// let at = |zone| Zone::find(zone).unwrap().with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    /// assert_eq!(at("America/New_York").offset().abbreviation(), Some("EST"));
    /// assert_eq!(at("Asia/Dubai").offset().abbreviation(), None);
    /// assert_eq!(at("Asia/Dubai").offset().to_string(), "+04");
    /// ```
    pub fn abbreviation(&self) -> Option<&'static str> {
        let i = usize::from(SPAN_ABBREVIATIONS[usize::from(self.span)]);
        let end = *ABBREVIATION_ENDS.get(i)?;
        let start = if i == 0 { 0 } else { ABBREVIATION_ENDS[i - 1] };
        Some(&ABBREVIATIONS[usize::from(start)..usize::from(end)])
    }

    /// The daylight-saving part of the offset: zero in standard time.
    ///
    /// ```
    /// use chrono::{TimeDelta, TimeZone};
    /// let paris = smart_invite::time::Zone::find("Europe/Paris").unwrap();
    /// let summer = paris.with_ymd_and_hms(2026, 7, 1, 12, 0, 0).unwrap();
    /// assert_eq!(summer.offset().dst_offset(), TimeDelta::hours(1));
    /// ```
    pub fn dst_offset(&self) -> TimeDelta {
        TimeDelta::seconds(i64::from(SPAN_DST[usize::from(self.span)]))
    }

    /// The offset from UTC in seconds.
    fn seconds(&self) -> i32 {
        SPAN_OFFSETS[usize::from(self.span)]
    }
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        FixedOffset::east_opt(self.seconds()).expect("the tables hold offsets under a day")
    }
}

/// The abbreviation, or the offset as `+HH` or `+HHMM` where there is none (as chrono-tz).
impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(abbreviation) = self.abbreviation() {
            return f.write_str(abbreviation);
        }
        let seconds = self.seconds();
        let sign = if seconds < 0 { '-' } else { '+' };
        let minutes = seconds.unsigned_abs() / 60;
        write!(f, "{sign}{:02}", minutes / 60)?;
        if minutes % 60 != 0 {
            write!(f, "{:02}", minutes % 60)?;
        }
        Ok(())
    }
}

impl fmt::Debug for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
