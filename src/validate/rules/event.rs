//! The event: summary, times and their zones, location, reminders and the rest.

use crate::json::{Json, Object};

use super::{choice, field, object, text, unknown_fields, url, wrong_type, Report, TextRule};
use crate::invite::{Event, Location, Reminder, Transparency};
use crate::time::parse::{self as event_time, Written};
use crate::time::{EventTime, Moment, Zone};
use crate::validate::formats::{Decimal, Schemes};
use crate::validate::issues::IssueKey;
use crate::validate::limits::{
    MAX_DESCRIPTION_CHARS, MAX_LATITUDE, MAX_LONGITUDE, MAX_REMINDERS, MAX_REMINDER_MINUTES, MAX_SUMMARY_CHARS,
};
use crate::validate::path::Path;
use crate::validate::quoted;

const FIELDS: &[&str] = &[
    "summary",
    "description",
    "start",
    "end",
    "tzid",
    "location",
    "reminders",
    "transparency",
    "color",
    "url",
    "attendees",
    "conferencing",
];

/// Fields of the Events API that Smart Invites refuse, and why.
const NOT_SUPPORTED: &[(&str, &str)] = &[
    ("attendees", "attendees are not supported with Smart Invites: the recipients become the attendees."),
    (
        "conferencing",
        "conferencing is not supported with Smart Invites yet: put the meeting link in the description or url.",
    ),
];

const SUMMARY: TextRule = TextRule { max_chars: Some(MAX_SUMMARY_CHARS), ..TextRule::REQUIRED };
const DESCRIPTION: TextRule = TextRule { max_chars: Some(MAX_DESCRIPTION_CHARS), ..TextRule::OPTIONAL };

/// `(field, largest magnitude, the midpoint between it and the next f64 up)` of the
/// coordinates. A decimal text reads as an f64 above the limit exactly when it is above the
/// midpoint (the midpoint itself rounds to the limit, whose last bit is even).
const COORDINATES: [(&str, u32, &str); 2] = [
    ("lat", MAX_LATITUDE, "90.00000000000000710542735760100185871124267578125"),
    ("long", MAX_LONGITUDE, "180.0000000000000142108547152020037174224853515625"),
];

/// The zone an event's times are read in, as far as the event's own `tzid` tells.
#[derive(Clone, Copy)]
enum EventZone {
    Given(Zone),
    /// Absent: `Etc/UTC`, with a warning if any end relies on it.
    Missing,
    /// Not an IANA id: already an error; local times cannot be read.
    Unknown,
}

pub(crate) fn read(value: &Json<'_>, path: &Path, report: &mut Report) -> Option<Event> {
    let map = object(value, path, report)?;
    for (name, why) in NOT_SUPPORTED {
        if field(map, name).is_some() {
            report.add(&path.key(name), IssueKey::NotSupported, *why);
        }
    }
    let summary = text(map, &path.key("summary"), SUMMARY, report);
    let description = text(map, &path.key("description"), DESCRIPTION, report);

    let zone = match time_zone(map, &path.key("tzid"), report) {
        Some(Some(tz)) => EventZone::Given(tz),
        Some(None) => EventZone::Missing,
        None => EventZone::Unknown,
    };
    let mut defaulted = false;
    let start_path = path.key("start");
    let end_path = path.key("end");
    let start = end_time(map, &start_path, zone, &mut defaulted, report);
    let end = end_time(map, &end_path, zone, &mut defaulted, report);
    if defaulted {
        report.add(
            &path.key("tzid"),
            IssueKey::DefaultTimeZone,
            "No time zone given, so Etc/UTC is used: set tzid to the zone the event belongs to, for example Europe/London.",
        );
    }
    if let (Some(start), Some(end)) = (start, end) {
        order(start.time, end.time, &end_path, report);
    }

    let location = field(map, "location").and_then(|v| location(v, &path.key("location"), report));
    let reminders = field(map, "reminders").and_then(|v| reminders(v, &path.key("reminders"), report));
    let transparency = choice(
        map,
        &path.key("transparency"),
        &[("opaque", Transparency::Opaque), ("transparent", Transparency::Transparent)],
        report,
    );
    let color_path = path.key("color");
    let color = text(map, &color_path, TextRule::OPTIONAL, report).filter(|c| {
        let ok = is_color(c);
        if !ok {
            report.add(
                &color_path,
                IssueKey::InvalidColor,
                format!("color must be a colour like #c6040f, not {}.", quoted(c)),
            );
        }
        ok
    });
    let url = url(map, &path.key("url"), Schemes::Any, report);
    unknown_fields(map, path, FIELDS, report);

    Some(Event {
        summary: summary?,
        description,
        start: start?,
        end: end?,
        location,
        reminders,
        transparency,
        color,
        url,
    })
}

/// Reads a `tzid` field: `Some(Some(zone))`, `Some(None)` when absent, `None` when invalid.
fn time_zone(map: &Object<'_>, path: &Path, report: &mut Report) -> Option<Option<Zone>> {
    let errors_before = report.errors.found();
    let Some(id) = text(map, path, TextRule::OPTIONAL, report) else {
        // Absent or empty is no zone; a wrong type is already an error.
        return (report.errors.found() == errors_before).then_some(None);
    };
    match Zone::find(&id) {
        Some(tz) => Some(Some(tz)),
        None => {
            let hint = crate::suggest::did_you_mean(&crate::time::suggest_time_zones(&id));
            report.add(path, IssueKey::UnknownTimeZone, format!("{} is not an IANA time zone.{hint}", quoted(&id)));
            None
        }
    }
}

/// Reads `start` or `end`: a string, or `{time, tzid}` with its own zone.
fn end_time(
    map: &Object<'_>,
    path: &Path,
    zone: EventZone,
    defaulted: &mut bool,
    report: &mut Report,
) -> Option<EventTime> {
    let Some(value) = field(map, path.name()) else {
        super::missing(path, report);
        return None;
    };
    let time_path = path.key("time");
    let (text_path, written, zone) = match value {
        Json::String(s) => (path, s.as_ref(), zone),
        Json::Object(object) => {
            let own = time_zone(object, &path.key("tzid"), report);
            unknown_fields(object, path, &["time", "tzid"], report);
            let Some(Json::String(s)) = field(object, "time") else {
                match field(object, "time") {
                    None => super::missing(&time_path, report),
                    Some(other) => wrong_type(&time_path, other, "text", report),
                }
                return None;
            };
            let zone = match own {
                Some(Some(tz)) => EventZone::Given(tz),
                Some(None) => zone,
                None => EventZone::Unknown,
            };
            (&time_path, s.as_ref(), zone)
        }
        other => {
            wrong_type(path, other, "a time like 2026-04-29T09:30:00Z or an object {time, tzid}", report);
            return None;
        }
    };
    let name = path.name();
    let written = written.trim();
    if written.is_empty() {
        // A cleared `datetime-local` sends "": blank, as any other required text left empty.
        report.add(text_path, IssueKey::Blank, format!("{name} must not be empty."));
        return None;
    }
    let parsed = event_time::parse(written).map_err(|e| (IssueKey::from(&e), e));
    let moment = parsed.and_then(|w| match (w, zone) {
        (Written::Absolute(m), _) => Ok(Some(m)),
        (Written::Local(local), EventZone::Given(tz)) => resolve(local, tz),
        (Written::Local(local), EventZone::Missing) => resolve(local, Zone::ETC_UTC),
        // The zone is already reported as unknown; the time cannot be read without it.
        (Written::Local(_), EventZone::Unknown) => Ok(None),
    });
    let tz = match zone {
        EventZone::Given(tz) => tz,
        EventZone::Missing => {
            *defaulted = true;
            Zone::ETC_UTC
        }
        EventZone::Unknown => return None,
    };
    match moment {
        Ok(time) => Some(EventTime { time: time?, tzid: tz }),
        Err((key, e)) => {
            let sentence = format!("{name} {e}");
            let stop = if sentence.ends_with(['?', '.']) { "" } else { "." };
            report.add(text_path, key, format!("{sentence}{stop}"));
            None
        }
    }
}

fn resolve(local: chrono::NaiveDateTime, tz: Zone) -> Result<Option<Moment>, (IssueKey, event_time::TimeError)> {
    event_time::resolve(local, tz).map(|t| Some(Moment::Instant(t))).map_err(|e| (IssueKey::from(&e), e))
}

impl From<&event_time::TimeError> for IssueKey {
    fn from(e: &event_time::TimeError) -> Self {
        use event_time::TimeError::*;
        match e {
            Malformed | NeedsZone => IssueKey::InvalidTime,
            FractionalSeconds => IssueKey::FractionalSeconds,
            Nonexistent { .. } => IssueKey::NonexistentLocalTime,
            Ambiguous { .. } => IssueKey::AmbiguousLocalTime,
        }
    }
}

/// Both ends of one kind, and start strictly before end.
fn order(start: Moment, end: Moment, end_path: &Path, report: &mut Report) {
    match (start, end) {
        (Moment::Date(_), Moment::Instant(_)) | (Moment::Instant(_), Moment::Date(_)) => {
            let (s, e) = if matches!(start, Moment::Date(_)) { ("a date", "a time") } else { ("a time", "a date") };
            report.add(
                end_path,
                IssueKey::MixedTimeKinds,
                format!("end is {e} but start is {s}: both must be dates (an all-day event) or both times."),
            );
        }
        _ if start >= end => {
            report.add(end_path, IssueKey::StartAfterEnd, format!("end ({end}) must be after start ({start})."));
        }
        _ => {}
    }
}

/// Whether `text` is a colour `#rrggbb`.
fn is_color(text: &str) -> bool {
    text.len() == 7 && text.starts_with('#') && text[1..].chars().all(|c| c.is_ascii_hexdigit())
}

fn location(value: &Json<'_>, path: &Path, report: &mut Report) -> Option<Location> {
    let map = object(value, path, report)?;
    let description = text(map, &path.key("description"), TextRule::OPTIONAL, report);
    let [lat, long] =
        COORDINATES.map(|(name, limit, midpoint)| coordinate(map, &path.key(name), (limit, midpoint), report));
    unknown_fields(map, path, &["description", "lat", "long"], report);
    Some(Location { description, lat, long })
}

/// A latitude or longitude given as a number or a decimal string, normalized to the string the
/// API takes. A string is read as `f64::from_str` would read it (a finite number), exactly.
fn coordinate(map: &Object<'_>, path: &Path, (limit, midpoint): (u32, &str), report: &mut Report) -> Option<String> {
    let value = field(map, path.name())?;
    let name = path.name();
    // `Some(whether it is within the limit)` for a number.
    let (text, within) = match value {
        Json::Number(n) => (n.to_string(), n.as_f64().map(|n| n.abs() <= f64::from(limit))),
        Json::String(s) => {
            let magnitude = Decimal::parse(s.trim());
            (s.trim().to_owned(), magnitude.map(|m| Decimal::parse(midpoint).is_some_and(|midpoint| m <= midpoint)))
        }
        other => {
            wrong_type(path, other, "a number like 51.5074", report);
            return None;
        }
    };
    match within {
        None => report.add(
            path,
            IssueKey::InvalidType,
            format!("{name} must be a number like 51.5074, not {}.", quoted(&text)),
        ),
        Some(false) => {
            report.add(path, IssueKey::OutOfRange, format!("{name} must be between -{limit} and {limit}, not {text}."))
        }
        Some(true) => return Some(text),
    }
    None
}

fn reminders(value: &Json<'_>, path: &Path, report: &mut Report) -> Option<Vec<Reminder>> {
    let Some(items) = value.as_array() else {
        wrong_type(path, value, "a list of reminders", report);
        return None;
    };
    if items.len() > MAX_REMINDERS {
        let n = items.len();
        report.add(path, IssueKey::TooMany, format!("reminders has {n} items; the most allowed is {MAX_REMINDERS}."));
        return None;
    }
    let read: Vec<Option<Reminder>> = items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let at = path.index(index);
            let map = object(item, &at, report)?;
            unknown_fields(map, &at, &["minutes"], report);
            let minutes_path = at.key("minutes");
            let Some(minutes) = field(map, "minutes") else {
                super::missing(&minutes_path, report);
                return None;
            };
            let whole =
                minutes.as_u64().filter(|&m| m <= u64::from(MAX_REMINDER_MINUTES)).and_then(|m| u32::try_from(m).ok());
            if whole.is_none() {
                let (key, why) = match minutes.as_f64() {
                    Some(m) if m < 0.0 => (IssueKey::OutOfRange, "must be 0 or more".to_owned()),
                    Some(m) if m.fract() == 0.0 => (IssueKey::OutOfRange, "is too large".to_owned()),
                    Some(_) => (IssueKey::InvalidType, "must be a whole number of minutes".to_owned()),
                    None => (IssueKey::InvalidType, format!("must be a number, not {}", super::type_name(minutes))),
                };
                report.add(&minutes_path, key, format!("minutes {why}."));
            }
            Some(Reminder { minutes: whole? })
        })
        .collect();
    read.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinate_midpoints_split_the_limit_from_the_next_f64() {
        for (_, limit, midpoint) in COORDINATES {
            let limit = f64::from(limit);
            assert_eq!(midpoint.parse::<f64>(), Ok(limit), "{midpoint}");
            let above = format!("{midpoint}000001");
            assert!(above.parse::<f64>().is_ok_and(|f| f > limit), "{above}");
            let below = format!("-{}", &midpoint[..midpoint.len() - 1]);
            assert_eq!(below.parse::<f64>(), Ok(-limit));
            let (m, a, b) = (Decimal::parse(midpoint), Decimal::parse(&above), Decimal::parse(&below));
            assert!(a > m && b < m, "{midpoint}");
        }
    }

    #[test]
    fn colors() {
        assert!(is_color("#c6040f") && is_color("#C6040F"));
        assert!(!is_color("c6040f") && !is_color("#c6040") && !is_color("#gggggg") && !is_color("#ééé"));
    }

    proptest::proptest! {
        #[test]
        fn texts_near_a_limit_are_out_of_range_exactly_when_their_f64_is(digits in "[0-9]{0,40}", long in proptest::bool::ANY) {
            let (_, limit, midpoint) = COORDINATES[usize::from(long)];
            let text = format!("{}{digits}", &midpoint[..midpoint.len() - 10]);
            let std_out = text.parse::<f64>().is_ok_and(|f| f > f64::from(limit));
            let ours_out = Decimal::parse(&text) > Decimal::parse(midpoint);
            proptest::prop_assert_eq!(std_out, ours_out, "{}", text);
        }
    }
}
