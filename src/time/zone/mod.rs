//! IANA time zones as chrono time zones, with the data of chrono-tz in a compact form.
//!
//! `build.rs` reads every zone of chrono-tz (the ids, and each zone's offsets from 1800 to 2100)
//! and writes tables of our own: each distinct offset and abbreviation once, each distinct
//! history once (links share their target's), transitions as small deltas. A zone's history is
//! decoded the first time it is looked up and kept; lookups are then binary searches, as in
//! chrono-tz.
//!
//! | file | what it holds |
//! |---|---|
//! | `mod.rs` | [`Zone`]: found by id, and a chrono [`TimeZone`] |
//! | `ids.rs` | every id ([`time_zones`]) and suggestions for an unknown one |
//! | `offset.rs` | [`ZoneOffset`]: the offset, its daylight-saving part, its abbreviation |
//! | `history.rs` | a zone's transitions, decoded from the tables, and the lookups in them |
//! | `encoding.rs` | what `build.rs` and these files agree on to write and read the tables |
//! | `oracle.rs` | the tests that check every zone against chrono-tz |

use std::fmt;
use std::sync::OnceLock;

use chrono::{LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod history;
mod ids;
mod offset;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod oracle;

/// The tables `build.rs` generates.
mod tables {
    include!(concat!(env!("OUT_DIR"), "/zones.rs"));
}

include!("encoding.rs");

use history::History;
pub use ids::{suggest_time_zones, time_zones};
pub use offset::ZoneOffset;
use tables::{IDS, ID_ENDS, ID_SLOTS, ID_TABLES, TABLES};

/// An IANA time zone, one of those [`time_zones`] lists: a chrono
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
        ZoneOffset::new(self, span)
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

impl TimeZone for Zone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Self {
        offset.zone()
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
