//! Reading the times of an event: the forms the API and HTML forms write (and so a [`Moment`]
//! from text, `FromStr` and `Deserialize`), and resolving local times in a time zone, where
//! daylight saving time can skip or repeat an hour.
//!
//! Accepted forms: `2026-04-29T09:30:00Z` (also `+00:00`, a space for `T`, `.000` fractions),
//! any other offset (converted to UTC), a date `2026-04-29`, and a local time without offset
//! `2026-04-29T09:30` or `2026-04-29T09:30:15` (what `<input type="datetime-local">` gives).

use std::fmt;

use super::moment::{local_text, utc_text, Moment};
use super::Zone;
use chrono::{
    DateTime, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc,
};
use serde::{Deserialize, Deserializer};

/// A time as written, before any time zone is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Written {
    /// A date, or a time with `Z` or an offset: needs no time zone.
    Absolute(Moment),
    /// A wall-clock time without offset, to be read in the event's time zone.
    Local(NaiveDateTime),
}

impl Written {
    pub(crate) fn absolute(self) -> Option<Moment> {
        match self {
            Written::Absolute(moment) => Some(moment),
            Written::Local(_) => None,
        }
    }
}

/// Why a time could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeError {
    /// Not one of the accepted forms.
    Malformed,
    /// Fractional seconds other than zero.
    FractionalSeconds,
    /// A local time where a time zone is needed to read it.
    NeedsZone,
    /// A local time inside a spring-forward gap.
    Nonexistent {
        /// The time as written.
        local: NaiveDateTime,
        /// The zone.
        tz: Zone,
        /// The wall-clock time the same instant shows after the jump.
        after: NaiveDateTime,
        /// That instant in UTC.
        utc: DateTime<Utc>,
    },
    /// A local time inside a fall-back overlap: it happens twice.
    Ambiguous {
        /// The time as written.
        local: NaiveDateTime,
        /// The zone.
        tz: Zone,
        /// The two instants, the earlier first, with their offsets.
        choices: [(DateTime<Utc>, FixedOffset); 2],
    },
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeError::Malformed => f.write_str(
                "must be a UTC time like 2026-04-29T09:30:00Z, a date like 2026-04-29, \
                 or a local time like 2026-04-29T09:30",
            ),
            TimeError::FractionalSeconds => {
                f.write_str("must not have fractions of a second (write 09:30:00, not 09:30:00.250)")
            }
            TimeError::NeedsZone => f.write_str("is a local time: it needs a time zone (tzid) to be read"),
            TimeError::Nonexistent { local, tz, after, utc } => write!(
                f,
                "{} does not exist in {tz}: the clocks go forward over it for daylight saving time. \
                 Did you mean {} (which is {})?",
                local_text(local),
                local_text(after),
                utc_text(utc),
            ),
            TimeError::Ambiguous { local, tz, choices: [(a, oa), (b, ob)] } => write!(
                f,
                "{l} happens twice in {tz}, when the clocks go back: at {} ({oa}) and at {} ({ob}). \
                 Add the offset to pick one, for example {l}{oa} or {l}{ob}.",
                utc_text(a),
                utc_text(b),
                l = local_text(local),
            ),
        }
    }
}

impl std::error::Error for TimeError {}

impl std::str::FromStr for Moment {
    type Err = TimeError;

    /// Parses a UTC time, a time with an offset (converted to UTC) or a date; a local time
    /// without offset is refused here, as it needs a time zone.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        parse(text)?.absolute().ok_or(TimeError::NeedsZone)
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Reads `n` ASCII digits at `at`.
fn digits(bytes: &[u8], at: usize, n: usize) -> Option<u32> {
    let slice = bytes.get(at..at + n)?;
    slice.iter().try_fold(0u32, |acc, b| b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0')))
}

fn expect(bytes: &[u8], at: usize, what: u8) -> Option<()> {
    (bytes.get(at) == Some(&what)).then_some(())
}

/// Parses a time or date as written (see the module docs for the forms).
pub(crate) fn parse(text: &str) -> Result<Written, TimeError> {
    let b = text.as_bytes();
    let date = (|| {
        let year = digits(b, 0, 4)?;
        expect(b, 4, b'-')?;
        let month = digits(b, 5, 2)?;
        expect(b, 7, b'-')?;
        let day = digits(b, 8, 2)?;
        NaiveDate::from_ymd_opt(year as i32, month, day)
    })()
    .ok_or(TimeError::Malformed)?;
    if b.len() == 10 {
        return Ok(Written::Absolute(Moment::Date(date)));
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
        return Err(TimeError::Malformed);
    }
    let hour = digits(b, 11, 2).ok_or(TimeError::Malformed)?;
    expect(b, 13, b':').ok_or(TimeError::Malformed)?;
    let minute = digits(b, 14, 2).ok_or(TimeError::Malformed)?;
    let mut at = 16;
    let mut second = 0;
    if b.get(at) == Some(&b':') {
        second = digits(b, at + 1, 2).ok_or(TimeError::Malformed)?;
        at += 3;
        if b.get(at) == Some(&b'.') {
            let fraction = b[at + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if fraction == 0 {
                return Err(TimeError::Malformed);
            }
            if b[at + 1..at + 1 + fraction].iter().any(|&c| c != b'0') {
                return Err(TimeError::FractionalSeconds);
            }
            at += 1 + fraction;
        }
    }
    let time = NaiveTime::from_hms_opt(hour, minute, second).ok_or(TimeError::Malformed)?;
    let local = date.and_time(time);
    let offset_seconds = match &b[at..] {
        [] => return Ok(Written::Local(local)),
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), rest @ ..] => {
            let (hours, minutes) = match rest {
                [_, _] => (digits(rest, 0, 2), Some(0)),
                [_, _, b':', _, _] => (digits(rest, 0, 2), digits(rest, 3, 2)),
                [_, _, _, _] => (digits(rest, 0, 2), digits(rest, 2, 2)),
                _ => (None, None),
            };
            let (hours, minutes) = hours.zip(minutes).filter(|&(h, m)| h < 24 && m < 60).ok_or(TimeError::Malformed)?;
            let magnitude = (hours * 3600 + minutes * 60) as i32;
            if *sign == b'-' {
                -magnitude
            } else {
                magnitude
            }
        }
        _ => return Err(TimeError::Malformed),
    };
    let utc = local - Duration::seconds(i64::from(offset_seconds));
    Ok(Written::Absolute(Moment::Instant(utc.and_utc())))
}

/// Reads a wall-clock time in a zone: one instant, or an error that explains the gap or the
/// overlap daylight saving time makes there.
pub(crate) fn resolve(local: NaiveDateTime, tz: Zone) -> Result<DateTime<Utc>, TimeError> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(a, b) => {
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            Err(TimeError::Ambiguous {
                local,
                tz,
                choices: [(a.with_timezone(&Utc), a.offset().fix()), (b.with_timezone(&Utc), b.offset().fix())],
            })
        }
        LocalResult::None => {
            // The offset in force a day before is the one the clocks jump away from: reading the
            // written time with it gives the instant a person most likely meant.
            let before = tz.offset_from_utc_datetime(&(local - Duration::days(1))).fix();
            let utc = (local - Duration::seconds(i64::from(before.local_minus_utc()))).and_utc();
            Err(TimeError::Nonexistent { local, tz, after: utc.with_timezone(&tz).naive_local(), utc })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instant(text: &str) -> Moment {
        Moment::Instant(DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc))
    }

    #[test]
    fn accepted_forms() {
        let cases: &[(&str, Written)] = &[
            ("2026-04-29T09:30:00Z", Written::Absolute(instant("2026-04-29T09:30:00Z"))),
            ("2026-04-29T09:30:00+00:00", Written::Absolute(instant("2026-04-29T09:30:00Z"))),
            ("2014-08-05 15:30:00Z", Written::Absolute(instant("2014-08-05T15:30:00Z"))),
            ("2026-04-29T09:30:00.000Z", Written::Absolute(instant("2026-04-29T09:30:00Z"))),
            ("2026-04-29T11:30:00+02:00", Written::Absolute(instant("2026-04-29T09:30:00Z"))),
            ("2026-04-29T04:00:00-0530", Written::Absolute(instant("2026-04-29T09:30:00Z"))),
            ("2026-04-29T10:30:00+01", Written::Absolute(instant("2026-04-29T09:30:00Z"))),
            ("2026-04-29T09:30Z", Written::Absolute(instant("2026-04-29T09:30:00Z"))),
            ("2026-04-29", Written::Absolute(Moment::Date(NaiveDate::from_ymd_opt(2026, 4, 29).unwrap()))),
            (
                "2026-04-29T10:30",
                Written::Local(NaiveDate::from_ymd_opt(2026, 4, 29).unwrap().and_hms_opt(10, 30, 0).unwrap()),
            ),
            (
                "2026-04-29T10:30:15",
                Written::Local(NaiveDate::from_ymd_opt(2026, 4, 29).unwrap().and_hms_opt(10, 30, 15).unwrap()),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(parse(text).as_ref(), Ok(expected), "{text}");
        }
    }

    #[test]
    fn refused_forms() {
        let cases: &[(&str, TimeError)] = &[
            ("2026-04-29T09:30:00.250Z", TimeError::FractionalSeconds),
            ("2026-02-30", TimeError::Malformed),
            ("2026-04-29T24:00:00Z", TimeError::Malformed),
            ("2026-04-29T09:30:00+25:00", TimeError::Malformed),
            ("2026-04-29T09:30:00.Z", TimeError::Malformed),
            ("29/04/2026", TimeError::Malformed),
            ("2026-04-29T09:30:00ZZ", TimeError::Malformed),
            ("", TimeError::Malformed),
            ("2026-04-29T0", TimeError::Malformed),
            ("2026-4-29", TimeError::Malformed),
        ];
        for (text, expected) in cases {
            assert_eq!(parse(text).as_ref(), Err(expected), "{text}");
        }
    }

    fn local(text: &str) -> NaiveDateTime {
        match parse(text).unwrap() {
            Written::Local(t) => t,
            other => panic!("{other:?}"),
        }
    }

    /// `(zone, local time, Ok(utc) | Err(kind))` for the three zones the issue names.
    #[test]
    fn daylight_saving_time_cases() {
        let cases: &[(&str, &str, Result<&str, &str>)] = &[
            ("Europe/London", "2026-03-29T00:59", Ok("2026-03-29T00:59:00Z")),
            ("Europe/London", "2026-03-29T01:30", Err("gap")),
            ("Europe/London", "2026-03-29T02:00", Ok("2026-03-29T01:00:00Z")),
            ("Europe/London", "2026-10-25T01:30", Err("overlap")),
            ("Europe/London", "2026-10-25T02:00", Ok("2026-10-25T02:00:00Z")),
            ("America/New_York", "2026-03-08T02:30", Err("gap")),
            ("America/New_York", "2026-03-08T03:00", Ok("2026-03-08T07:00:00Z")),
            ("America/New_York", "2026-11-01T01:30", Err("overlap")),
            ("America/New_York", "2026-07-01T09:00", Ok("2026-07-01T13:00:00Z")),
            // Lord Howe shifts by 30 minutes: 02:00 -> 02:30 in October, 02:00 -> 01:30 in April.
            ("Australia/Lord_Howe", "2026-10-04T02:15", Err("gap")),
            ("Australia/Lord_Howe", "2026-10-04T02:30", Ok("2026-10-03T15:30:00Z")),
            ("Australia/Lord_Howe", "2026-04-05T01:45", Err("overlap")),
            ("Australia/Lord_Howe", "2026-04-05T02:00", Ok("2026-04-04T15:30:00Z")),
        ];
        for (zone, text, expected) in cases {
            let tz = Zone::find(zone).unwrap();
            let got = resolve(local(text), tz);
            match (expected, &got) {
                (Ok(utc), Ok(t)) => assert_eq!(utc_text(t), *utc, "{zone} {text}"),
                (Err("gap"), Err(TimeError::Nonexistent { .. })) => {}
                (Err("overlap"), Err(TimeError::Ambiguous { .. })) => {}
                _ => panic!("{zone} {text}: expected {expected:?}, got {got:?}"),
            }
        }
    }

    fn london() -> Zone {
        Zone::find("Europe/London").unwrap()
    }

    #[test]
    fn gap_message_suggests_the_time_after_the_jump() {
        let err = resolve(local("2026-03-29T01:30"), london()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "2026-03-29T01:30 does not exist in Europe/London: the clocks go forward over it for \
             daylight saving time. Did you mean 2026-03-29T02:30 (which is 2026-03-29T01:30:00Z)?"
        );
        let err = resolve(local("2026-10-04T02:15"), Zone::find("Australia/Lord_Howe").unwrap()).unwrap_err();
        assert!(err.to_string().contains("Did you mean 2026-10-04T02:45"), "{err}");
    }

    #[test]
    fn overlap_message_shows_both_instants_and_how_to_pick() {
        let err = resolve(local("2026-10-25T01:30"), london()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "2026-10-25T01:30 happens twice in Europe/London, when the clocks go back: at \
             2026-10-25T00:30:00Z (+01:00) and at 2026-10-25T01:30:00Z (+00:00). Add the offset to \
             pick one, for example 2026-10-25T01:30+01:00 or 2026-10-25T01:30+00:00."
        );
        // The suggested spellings parse back to the two instants.
        if let TimeError::Ambiguous { choices, .. } = err {
            for (utc, offset) in choices {
                let written = parse(&format!("2026-10-25T01:30{offset}")).unwrap();
                assert_eq!(written, Written::Absolute(Moment::Instant(utc)));
            }
        }
    }
}
