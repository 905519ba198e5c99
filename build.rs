//! Generates the time zone tables of `src/time/zone/` from chrono-tz, so that chrono-tz stays
//! the one source of the IANA data while the crate links none of its tables.
//!
//! chrono-tz exports no tables, only lookups, so each zone's history is read through them: the
//! offset at midnight UTC of every day from 1800 to 2100, and each change found there narrowed
//! to its second by bisection. Checks below stop the build if that could have missed anything
//! (a change outside those years, or two changes less than two days apart), or if the lookups of
//! `src/time/zone/history.rs` could answer differently from chrono-tz's (see `check_local_spans`).
//!
//! Written to `OUT_DIR`: `zones.rs` (the ids, a hash table of them, the spans, the
//! abbreviations, where each table starts) and `transitions.bin` (the tables). The encoding:
//! - a span is a total offset from UTC, its daylight-saving part and an abbreviation; the 600 or
//!   so distinct ones are listed once and named by their index everywhere else;
//! - ids whose histories are equal (links, and zones that merged) share one table;
//! - a table is its palette, then its transitions. The palette: one byte, the count of
//!   distinct spans the zone ever uses (at most 16), then each one's index as a varint, the
//!   span in force before the first transition first. Each transition is one varint
//!   `delta << 5 | palette index << 1 | exact`: `delta` is the time since the previous
//!   transition (since 1800-01-01T00:00:00Z for the first) in units of 15 minutes, or in seconds
//!   when `exact` is 1 (local mean times have odd seconds). Varints are little-endian base 128.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz, TzOffset, TZ_VARIANTS};

include!("src/time/zone/encoding.rs");

/// The days scanned: chrono-tz's tables start in the 1840s and end in 2099.
const FIRST_DAY: (i32, u32, u32) = (1800, 1, 1);
const END_DAY: (i32, u32, u32) = (2101, 1, 1);
const DAY: i64 = 86_400;

/// An offset in force over a span of time, as chrono-tz gives it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Span {
    offset: i32,
    dst: i32,
    abbreviation: Option<String>,
}

impl Span {
    fn of(offset: &TzOffset) -> Span {
        Span {
            offset: offset.fix().local_minus_utc(),
            dst: i32::try_from(offset.dst_offset().num_seconds()).expect("a daylight-saving offset fits in i32"),
            abbreviation: offset.abbreviation().map(str::to_owned),
        }
    }
}

/// A zone's history: the span in force first, then each change as (UTC instant, new span).
type History = (Span, Vec<(i64, Span)>);

fn offset_at(tz: Tz, t: i64) -> TzOffset {
    tz.offset_from_utc_datetime(
        &DateTime::from_timestamp(t, 0).expect("a scanned instant is in chrono's range").naive_utc(),
    )
}

fn timestamp(day: NaiveDate) -> i64 {
    day.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc().timestamp()
}

/// Every change of `tz` in `(lo, hi]`, given the offsets at both ends, narrowed to the second.
fn bisect(tz: Tz, (lo, at_lo): (i64, TzOffset), (hi, at_hi): (i64, TzOffset), changes: &mut Vec<(i64, Span)>) {
    if at_lo == at_hi {
        return;
    }
    if hi - lo == 1 {
        changes.push((hi, Span::of(&at_hi)));
        return;
    }
    let mid = lo + (hi - lo) / 2;
    let at_mid = offset_at(tz, mid);
    bisect(tz, (lo, at_lo), (mid, at_mid), changes);
    bisect(tz, (mid, at_mid), (hi, at_hi), changes);
}

fn history(tz: Tz) -> History {
    let date = |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).expect("a valid date");
    let (first_day, end_day) = (date(FIRST_DAY), date(END_DAY));
    assert_eq!(timestamp(first_day), EPOCH);
    let name = tz.name();
    // Nothing may change before or after the days scanned.
    assert!(
        offset_at(tz, DateTime::<Utc>::MIN_UTC.timestamp()) == tz.offset_from_utc_date(&first_day),
        "{name} changes its offset before {first_day}: scan from earlier"
    );
    assert!(
        offset_at(tz, DateTime::<Utc>::MAX_UTC.timestamp()) == tz.offset_from_utc_date(&end_day),
        "{name} changes its offset after {end_day}: scan further"
    );
    let mut changes = Vec::new();
    let (mut day, mut t) = (first_day, EPOCH);
    let mut at_day = tz.offset_from_utc_date(&day);
    while day < end_day {
        let next = day.succ_opt().expect("a next day");
        let at_next = tz.offset_from_utc_date(&next);
        bisect(tz, (t, at_day), (t + DAY, at_next), &mut changes);
        (day, t, at_day) = (next, t + DAY, at_next);
    }
    // A day's scan sees the offset change, not how often it changed: two changes within a day
    // that cancel out would pass unseen. None of the changes found is within two days of the
    // next, which a history with such pairs would hardly avoid.
    for pair in changes.windows(2) {
        assert!(
            pair[1].0 - pair[0].0 >= 2 * DAY,
            "{name} changes at {} and again at {}: scan more often than daily",
            pair[0].0,
            pair[1].0
        );
    }
    let history = (Span::of(&offset_at(tz, EPOCH)), changes);
    check_local_spans(name, &history);
    history
}

/// Span `k` covers the local times `[start_k + offset_k, start_(k+1) + offset_k)`. The lookups
/// of `src/time/zone/history.rs` read a local time as the spans covering it, found by one binary search
/// over the spans' local starts; chrono-tz binary-searches the same spans with its own rule and
/// then looks at the neighbours. Both give the same answer when the local starts and the local
/// ends both increase and no local time is covered by more than two spans, as checked here.
fn check_local_spans(name: &str, (first, changes): &History) {
    let offset = |k: usize| i64::from(if k == 0 { first.offset } else { changes[k - 1].1.offset });
    let start = |k: usize| changes[k - 1].0 + offset(k);
    let end = |k: usize| changes[k].0 + offset(k);
    for k in 1..changes.len() {
        assert!(start(k) < start(k + 1) && end(k - 1) < end(k), "{name}: local spans out of order at {k}");
    }
    for k in 0..changes.len().saturating_sub(1) {
        assert!(end(k) <= start(k + 2), "{name}: a local time in three spans at {k}");
    }
}

fn varint(mut value: u64, out: &mut Vec<u8>) {
    while value >= 0x80 {
        out.push(value as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// The bytes of one table (see the module docs).
fn encode((first, changes): &History, span_index: &HashMap<&Span, usize>, out: &mut Vec<u8>) {
    let mut palette = vec![first];
    for (_, span) in changes {
        if !palette.contains(&span) {
            palette.push(span);
        }
    }
    assert!(palette.len() <= 16, "a zone with more than 16 distinct offsets: widen the palette index");
    out.push(palette.len() as u8);
    for span in &palette {
        varint(span_index[span] as u64, out);
    }
    let mut previous = EPOCH;
    for (at, span) in changes {
        let delta = u64::try_from(at - previous).expect("transitions in order, after 1800");
        let index = palette.iter().position(|p| *p == span).expect("in the palette") as u64;
        let (delta, exact) = if delta % UNIT as u64 == 0 { (delta / UNIT as u64, 0) } else { (delta, 1) };
        varint(delta << 5 | index << 1 | exact, out);
        previous = *at;
    }
}

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/time/zone/encoding.rs");
    let histories: Vec<(&str, History)> = TZ_VARIANTS.iter().map(|tz| (tz.name(), history(*tz))).collect();
    assert!(histories.windows(2).all(|w| w[0].0 < w[1].0), "chrono-tz lists its ids sorted");

    // One table per distinct history, in the order of the first id that has it.
    let mut tables: Vec<&History> = Vec::new();
    let mut table_of: HashMap<&History, usize> = HashMap::new();
    let id_tables: Vec<usize> = histories
        .iter()
        .map(|(_, history)| {
            *table_of.entry(history).or_insert_with(|| {
                tables.push(history);
                tables.len() - 1
            })
        })
        .collect();

    let mut spans: Vec<&Span> =
        tables.iter().flat_map(|(first, changes)| [first].into_iter().chain(changes.iter().map(|(_, s)| s))).collect();
    spans.sort();
    spans.dedup();
    let span_index: HashMap<&Span, usize> = spans.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let mut abbreviations: Vec<&str> = spans.iter().filter_map(|s| s.abbreviation.as_deref()).collect();
    abbreviations.sort();
    abbreviations.dedup();
    assert!(abbreviations.len() < 255, "abbreviation indexes are bytes, 255 meaning none");

    let mut bytes = Vec::new();
    let mut table_starts = Vec::new();
    for table in &tables {
        table_starts.push(bytes.len());
        encode(table, &span_index, &mut bytes);
    }
    table_starts.push(bytes.len());

    let ids: Vec<&str> = histories.iter().map(|(name, _)| *name).collect();
    // An open-addressing hash table of the ids: the slot of `id_hash(id)`, or the next free one.
    let mut slots = vec![0; (ids.len() * 3 / 2).next_power_of_two()];
    for (i, id) in ids.iter().enumerate() {
        let mut slot = id_hash(id.as_bytes()) as usize % slots.len();
        while slots[slot] != 0 {
            slot = (slot + 1) % slots.len();
        }
        slots[slot] = i + 1;
    }
    let abbreviation = |span: &Span| match &span.abbreviation {
        Some(a) => abbreviations.binary_search(&a.as_str()).expect("listed"),
        None => 255,
    };

    let mut code = String::new();
    let mut item = |doc: &str, declaration: String, value: String| {
        writeln!(code, "/// {doc}\npub(super) {declaration} = {value};").expect("writing to a String");
    };
    let ends = |texts: &[&str]| -> Vec<i64> {
        let mut end = 0;
        texts
            .iter()
            .map(|text| {
                end += text.len() as i64;
                end
            })
            .collect()
    };
    let arrays: [(&str, &str, &str, Vec<i64>); 8] = [
        ("Where each id of `IDS` ends.", "ID_ENDS", "u16", ends(&ids)),
        (
            "Each id's index plus one in the slot where `Zone::find` looks for it; 0 for a free slot.",
            "ID_SLOTS",
            "u16",
            slots.iter().map(|&s| s as i64).collect(),
        ),
        ("The table of each id.", "ID_TABLES", "u16", id_tables.iter().map(|&t| t as i64).collect()),
        (
            "Each span's offset from UTC, in seconds.",
            "SPAN_OFFSETS",
            "i32",
            spans.iter().map(|s| s.offset.into()).collect(),
        ),
        (
            "Each span's daylight-saving part of its offset, in seconds.",
            "SPAN_DST",
            "i16",
            spans.iter().map(|s| s.dst.into()).collect(),
        ),
        (
            "Each span's abbreviation, as an index into `ABBREVIATION_ENDS`; 255 for none.",
            "SPAN_ABBREVIATIONS",
            "u8",
            spans.iter().map(|s| abbreviation(s) as i64).collect(),
        ),
        ("Where each abbreviation of `ABBREVIATIONS` ends.", "ABBREVIATION_ENDS", "u16", ends(&abbreviations)),
        (
            "Where each table starts in `TRANSITIONS`, and where the last one ends.",
            "TABLE_STARTS",
            "u32",
            table_starts.iter().map(|&s| s as i64).collect(),
        ),
    ];
    // Written with their lengths and element types: a value out of its type's range fails to compile.
    for (doc, name, kind, values) in arrays {
        let list: Vec<String> = values.iter().map(i64::to_string).collect();
        item(doc, format!("static {name}: [{kind}; {}]", values.len()), format!("[{}]", list.join(", ")));
    }
    item("Every id, sorted, one after another.", "static IDS: &str".into(), format!("{:?}", ids.concat()));
    item(
        "Every abbreviation, one after another.",
        "static ABBREVIATIONS: &str".into(),
        format!("{:?}", abbreviations.concat()),
    );
    item("The number of tables.", "const TABLES: usize".into(), tables.len().to_string());
    item(
        "The id `Etc/UTC`.",
        "const ETC_UTC: u16".into(),
        ids.iter().position(|id| *id == "Etc/UTC").expect("chrono-tz has Etc/UTC").to_string(),
    );
    item(
        "The tables (see build.rs for the encoding).",
        "static TRANSITIONS: &[u8]".into(),
        r#"include_bytes!(concat!(env!("OUT_DIR"), "/transitions.bin"))"#.into(),
    );
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("transitions.bin"), &bytes).expect("writing transitions.bin");
    std::fs::write(Path::new(&out).join("zones.rs"), code).expect("writing zones.rs");
}
