//! IANA time zones as chrono time zones, with the data of chrono-tz in a compact form.
//!
//! `build.rs` reads every zone of chrono-tz (the ids, and each zone's offsets from 1800 to 2100)
//! and writes tables of our own: each distinct offset and abbreviation once, each distinct
//! history once (links share their target's), transitions as small deltas. A zone's history is
//! decoded the first time it is looked up and kept; lookups are then binary searches, as in
//! chrono-tz. `zone/oracle.rs` checks every zone against chrono-tz.

use std::fmt;
use std::sync::OnceLock;

use chrono::{FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[cfg(all(test, not(target_arch = "wasm32")))]
mod oracle;

/// The tables `build.rs` generates.
mod tables {
    include!(concat!(env!("OUT_DIR"), "/zones.rs"));
}

include!("zone/encoding.rs");

use tables::{
    ABBREVIATIONS, ABBREVIATION_ENDS, IDS, ID_ENDS, ID_SLOTS, ID_TABLES, SPAN_ABBREVIATIONS, SPAN_DST, SPAN_OFFSETS,
    TABLES, TABLE_STARTS, TRANSITIONS,
};

/// An IANA time zone, one of those [`time_zones`](super::time_zones) lists: a chrono
/// [`TimeZone`], so local times read in it give one instant, two (when the clocks go back) or
/// none (when they go forward).
///
/// ```
/// use chrono::{NaiveDate, TimeZone};
/// use smart_invite::time::Zone;
/// let london = Zone::find("Europe/London").unwrap();
/// let local = |m, d, h| NaiveDate::from_ymd_opt(2026, m, d).unwrap().and_hms_opt(h, 30, 0).unwrap();
/// assert!(london.from_local_datetime(&local(3, 29, 1)).earliest().is_none()); // the clocks skip 01:30
/// assert_eq!(london.from_local_datetime(&local(7, 1, 9)).unwrap().to_rfc3339(), "2026-07-01T09:30:00+01:00");
/// assert!(london.from_local_datetime(&local(10, 25, 1)).single().is_none()); // 01:30 comes twice
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Zone(u16);

impl Zone {
    /// `Etc/UTC`, the zone of an event without `tzid`.
    ///
    /// ```
    /// assert_eq!(smart_invite::time::Zone::ETC_UTC.name(), "Etc/UTC");
    /// ```
    pub const ETC_UTC: Zone = Zone(tables::ETC_UTC);

    /// The zone with exactly this IANA id (case matters), if there is one.
    ///
    /// ```
    /// use smart_invite::time::Zone;
    /// assert_eq!(Zone::find("Asia/Tokyo").map(Zone::name), Some("Asia/Tokyo"));
    /// assert_eq!(Zone::find("asia/tokyo"), None);
    /// ```
    pub fn find(id: &str) -> Option<Zone> {
        // A hash table (build.rs) rather than a binary search over the sorted ids: the seed
        // example's validation took 500 instructions more (2.6%) with the search.
        let mut slot = id_hash(id.as_bytes()) as usize;
        loop {
            slot %= ID_SLOTS.len();
            let zone = Zone(ID_SLOTS[slot].checked_sub(1)?);
            if zone.name() == id {
                return Some(zone);
            }
            slot += 1;
        }
    }

    /// Its IANA id. A link keeps its own id (`GB` stays `GB`), with the history of the zone it
    /// points to.
    ///
    /// ```
    /// use smart_invite::time::Zone;
    /// assert_eq!(Zone::find("GB").unwrap().name(), "GB");
    /// ```
    pub fn name(self) -> &'static str {
        let i = usize::from(self.0);
        let start = if i == 0 { 0 } else { usize::from(ID_ENDS[i - 1]) };
        &IDS[start..usize::from(ID_ENDS[i])]
    }

    /// Every zone, in the order of their ids.
    pub(crate) fn all() -> impl Iterator<Item = Zone> {
        (0..ID_ENDS.len() as u16).map(Zone)
    }

    fn history(self) -> &'static History {
        static DECODED: [OnceLock<History>; TABLES] = [const { OnceLock::new() }; TABLES];
        let table = usize::from(ID_TABLES[usize::from(self.0)]);
        DECODED[table].get_or_init(|| History::decode(table))
    }

    fn offset(self, span: u16) -> ZoneOffset {
        ZoneOffset { zone: self, span }
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Zone").field(&self.name()).finish()
    }
}

impl Serialize for Zone {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Zone {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Zone::find(&name).ok_or_else(|| serde::de::Error::custom(format!("unknown time zone {name}")))
    }
}

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

impl TimeZone for Zone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Self {
        offset.zone
    }

    /// One offset the day has, as chrono-tz answers: that of its first second if it exists
    /// once, else that of its last, else the earlier of either's two.
    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<ZoneOffset> {
        let first = self.offset_from_local_datetime(&local.and_time(NaiveTime::MIN));
        let last = self.offset_from_local_datetime(&local.and_hms_opt(23, 59, 59).expect("a valid time"));
        match (first, last) {
            (single @ LocalResult::Single(_), _) | (_, single @ LocalResult::Single(_)) => single,
            (LocalResult::Ambiguous(earlier, _), _) | (_, LocalResult::Ambiguous(earlier, _)) => {
                LocalResult::Single(earlier)
            }
            (LocalResult::None, LocalResult::None) => LocalResult::None,
        }
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<ZoneOffset> {
        self.history().local(local.and_utc().timestamp()).map(|span| self.offset(span))
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.offset_from_utc_datetime(&utc.and_time(NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        self.offset(self.history().at(utc.and_utc().timestamp()))
    }
}

/// A zone's history, decoded: the span in force first, then each change.
struct History {
    first: u16,
    changes: Box<[Change]>,
}

/// From `at` (seconds since 1970, UTC) on, the span `span` is in force.
struct Change {
    at: i64,
    span: u16,
}

impl History {
    /// Reads one table (the encoding is described in build.rs).
    fn decode(table: usize) -> History {
        let mut bytes = TRANSITIONS[TABLE_STARTS[table] as usize..TABLE_STARTS[table + 1] as usize].iter();
        // The palette's length is one byte (build.rs writes it so), then its entries as varints.
        let count = bytes.next().map_or(0, |&n| usize::from(n));
        let mut varint = || {
            let mut value = 0u64;
            for shift in (0..64).step_by(7) {
                let byte = *bytes.next()?;
                value |= u64::from(byte & 0x7f) << shift;
                if byte < 0x80 {
                    break;
                }
            }
            Some(value)
        };
        let mut palette = [0u16; 16];
        for entry in palette.iter_mut().take(count) {
            *entry = varint().unwrap_or(0) as u16;
        }
        let mut at = EPOCH;
        let mut changes = Vec::new();
        while let Some(value) = varint() {
            let delta = (value >> 5) as i64;
            at += if value & 1 == 1 { delta } else { delta * UNIT };
            changes.push(Change { at, span: palette[(value >> 1 & 15) as usize] });
        }
        History { first: palette[0], changes: changes.into_boxed_slice() }
    }

    fn span(&self, k: usize) -> u16 {
        if k == 0 {
            self.first
        } else {
            self.changes[k - 1].span
        }
    }

    /// The span in force at the UTC instant `t`.
    fn at(&self, t: i64) -> u16 {
        self.span(self.changes.partition_point(|c| c.at <= t))
    }

    /// The spans in force at the local time `t` (seconds since 1970 on the wall clock): span `k`
    /// covers `[start_k + offset_k, start_(k+1) + offset_k)` of local time. build.rs checks that
    /// these starts and ends both increase and that no local time is in three spans, so the
    /// spans covering `t` are the last one starting at or before it, and maybe the one before.
    fn local(&self, t: i64) -> LocalResult<u16> {
        let offset = |span: u16| i64::from(SPAN_OFFSETS[usize::from(span)]);
        let last = self.changes.partition_point(|c| c.at + offset(c.span) <= t);
        let covers = |k: usize| k == self.changes.len() || t < self.changes[k].at + offset(self.span(k));
        match (covers(last), last > 0 && covers(last - 1)) {
            (false, _) => LocalResult::None,
            (true, true) => LocalResult::Ambiguous(self.span(last - 1), self.span(last)),
            (true, false) => LocalResult::Single(self.span(last)),
        }
    }
}
