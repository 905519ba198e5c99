//! Every zone against chrono-tz, the source of its data (a native test: chrono-tz is a
//! dev-dependency for this only). The same ids in the same order; the same offset (from UTC,
//! daylight-saving part, abbreviation) at each transition and one second before it; the same
//! answers for local times around each transition (a gap, an overlap, or one instant); and the
//! same offsets and local answers at random instants from 1800 to 2100.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz, TZ_VARIANTS};
use proptest::prelude::*;

use super::{Zone, ZoneOffset, EPOCH};

/// An offset as the two crates can both tell it: seconds from UTC, daylight-saving seconds,
/// abbreviation.
type Key = (i32, i64, Option<String>);

fn ours(offset: &ZoneOffset) -> Key {
    (offset.fix().local_minus_utc(), offset.dst_offset().num_seconds(), offset.abbreviation().map(str::to_owned))
}

fn theirs(offset: &chrono_tz::TzOffset) -> Key {
    (offset.fix().local_minus_utc(), offset.dst_offset().num_seconds(), offset.abbreviation().map(str::to_owned))
}

/// Each zone with chrono-tz's zone of the same id.
fn pairs() -> Vec<(Zone, Tz)> {
    Zone::all().zip(TZ_VARIANTS).collect()
}

fn utc(t: i64) -> NaiveDateTime {
    DateTime::from_timestamp(t, 0).unwrap().naive_utc()
}

fn same_at_utc(zone: Zone, tz: Tz, t: i64) {
    let at = utc(t);
    assert_eq!(ours(&zone.offset_from_utc_datetime(&at)), theirs(&tz.offset_from_utc_datetime(&at)), "{zone} at {at}");
}

/// A local result as both crates can tell it: each instant with its offset.
fn local_key<Z: TimeZone>(result: LocalResult<DateTime<Z>>, key: impl Fn(&Z::Offset) -> Key) -> Vec<(i64, Key)> {
    let one = |t: &DateTime<Z>| (t.timestamp(), key(t.offset()));
    match result {
        LocalResult::None => vec![],
        LocalResult::Single(t) => vec![one(&t)],
        LocalResult::Ambiguous(a, b) => vec![one(&a), one(&b)],
    }
}

fn same_at_local(zone: Zone, tz: Tz, t: i64) {
    let local = utc(t);
    let (mine, chrono_tz) = (zone.from_local_datetime(&local), tz.from_local_datetime(&local));
    assert_eq!(local_key(mine, ours), local_key(chrono_tz, theirs), "{zone}, local {local}");
}

fn same_on_local_date(zone: Zone, tz: Tz, date: NaiveDate) {
    #[allow(deprecated)] // the trait's required method, behind the deprecated `from_local_date`
    let (mine, chrono_tz) = (zone.offset_from_local_date(&date), tz.offset_from_local_date(&date));
    let keys = |r: LocalResult<Key>| match r {
        LocalResult::None => vec![],
        LocalResult::Single(k) => vec![k],
        LocalResult::Ambiguous(a, b) => vec![a, b],
    };
    assert_eq!(keys(mine.map(|o| ours(&o))), keys(chrono_tz.map(|o| theirs(&o))), "{zone} on {date}");
}

#[test]
fn the_same_ids_in_the_same_order() {
    let names: Vec<&str> = TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
    assert_eq!(super::super::time_zones(), names);
    for (zone, tz) in pairs() {
        assert_eq!(zone.name(), tz.name());
        assert_eq!(Zone::find(tz.name()), Some(zone));
        for other in
            [tz.name().to_lowercase(), format!("{} ", tz.name()), format!("x{}", tz.name()), tz.name()[1..].into()]
        {
            assert_eq!(Zone::find(&other).is_some(), other.parse::<Tz>().is_ok(), "{other:?}");
        }
    }
    assert_eq!(Zone::find(""), None);
    assert_eq!(Zone::ETC_UTC.name(), Tz::Etc__UTC.name());
}

#[test]
fn the_same_offsets_at_and_before_every_transition() {
    let mut transitions = 0;
    for (zone, tz) in pairs() {
        for t in [DateTime::<Utc>::MIN_UTC.timestamp(), EPOCH, 0, DateTime::<Utc>::MAX_UTC.timestamp()] {
            same_at_utc(zone, tz, t);
        }
        for change in zone.history().changes.iter() {
            same_at_utc(zone, tz, change.at - 1);
            same_at_utc(zone, tz, change.at);
            transitions += 1;
        }
    }
    // chrono-tz 0.10.4 (tzdb 2025b) has 65,578 transitions over its 597 ids; one of them
    // (Asia/Tbilisi, 1997-03-29) changes nothing and cannot be seen through its lookups.
    assert!(transitions > 60_000, "{transitions} transitions");
}

#[test]
fn the_same_local_answers_around_every_transition() {
    for (zone, tz) in pairs() {
        let history = zone.history();
        for (k, change) in history.changes.iter().enumerate() {
            let before = i64::from(super::tables::SPAN_OFFSETS[usize::from(history.span(k))]);
            let after = i64::from(super::tables::SPAN_OFFSETS[usize::from(change.span)]);
            // The edges of the gap or overlap, a second either side, and its middle.
            for edge in [before, after] {
                for d in [-1, 0, 1] {
                    same_at_local(zone, tz, change.at + edge + d);
                }
            }
            same_at_local(zone, tz, change.at + (before + after) / 2);
            let day = utc(change.at + after).date();
            for date in [day.pred_opt().unwrap(), day, day.succ_opt().unwrap()] {
                same_on_local_date(zone, tz, date);
            }
        }
    }
}

/// chrono-tz's one transition that changes nothing, which the tables leave out: around it, the
/// lookups still agree.
#[test]
fn the_same_answers_around_the_transition_left_out() {
    let (zone, tz) = (Zone::find("Asia/Tbilisi").unwrap(), Tz::Asia__Tbilisi);
    let at = NaiveDate::from_ymd_opt(1997, 3, 29).unwrap().and_hms_opt(19, 0, 0).unwrap().and_utc().timestamp();
    assert!(zone.history().changes.iter().all(|c| c.at != at));
    for d in -2..=2 {
        same_at_utc(zone, tz, at + d);
        same_at_local(zone, tz, at + 5 * 3600 + d);
    }
}

/// 1800-01-01 to 2100-12-31, in seconds since 1970.
const YEARS: std::ops::Range<i64> = EPOCH..4_133_980_800;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn the_same_offsets_at_random_instants(zone in 0..TZ_VARIANTS.len(), t in YEARS) {
        let (zone, tz) = (Zone::all().nth(zone).unwrap(), TZ_VARIANTS[zone]);
        same_at_utc(zone, tz, t);
    }

    #[test]
    fn the_same_local_answers_at_random_local_times(zone in 0..TZ_VARIANTS.len(), t in YEARS) {
        let (zone, tz) = (Zone::all().nth(zone).unwrap(), TZ_VARIANTS[zone]);
        same_at_local(zone, tz, t);
    }
}
