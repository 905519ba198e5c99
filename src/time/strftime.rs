//! Times as text in the few strftime forms this crate writes and reads, and RFC 3339.
//!
//! [`format`] and [`parse`] take chrono's specifiers `%Y %y %m %d %e %H %M %S %a %A %b` and
//! give exactly what chrono's `format` and `NaiveDateTime::parse_from_str` give for them
//! (the tests compare the two), without linking chrono's general formatter and parser, which
//! cost 21 KB of gzip in the `.wasm`. Other specifiers are not supported: the forms are
//! constants of this crate.
//!
//! Each reader serves optional parts: [`parse`] the client (`Retry-After` dates) and the email
//! (`DTSTAMP`), [`parse_rfc3339`] the calendar. A build without them never calls them, and the
//! linker leaves them out.
#![cfg_attr(not(all(feature = "client", feature = "calendar")), allow(dead_code))]

use std::fmt::Write;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};

const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `t` in `form`, as chrono's `t.format(form).to_string()` writes it: `%Y` is a year of at
/// least four digits, with a sign outside 0 to 9999 (`+10000`), `%e` a day padded with a
/// space, `%S` of a leap second `60`. (Writing to a `String` cannot fail.)
pub(crate) fn format(t: NaiveDateTime, form: &str) -> String {
    let mut out = String::with_capacity(form.len() + 8);
    let mut chars = form.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let _ = match chars.next() {
            Some('Y') if (0..=9999).contains(&t.year()) => write!(out, "{:04}", t.year()),
            Some('Y') => write!(out, "{:+05}", t.year()),
            Some('y') => write!(out, "{:02}", t.year().rem_euclid(100)),
            Some('m') => write!(out, "{:02}", t.month()),
            Some('d') => write!(out, "{:02}", t.day()),
            Some('e') => write!(out, "{:2}", t.day()),
            Some('H') => write!(out, "{:02}", t.hour()),
            Some('M') => write!(out, "{:02}", t.minute()),
            Some('S') => write!(out, "{:02}", t.second() + u32::from(t.nanosecond() >= 1_000_000_000)),
            Some('a') => out.write_str(&WEEKDAYS[t.weekday().num_days_from_monday() as usize][..3]),
            Some('A') => out.write_str(WEEKDAYS[t.weekday().num_days_from_monday() as usize]),
            Some('b') => out.write_str(&MONTHS[t.month0() as usize][..3]),
            Some(other) => write!(out, "%{other}"),
            None => out.write_str("%"),
        };
    }
    out
}

/// The fields a text gives, each at most once.
#[derive(Default)]
struct Fields {
    year: Option<i32>,
    year_of_century: Option<i32>,
    month: Option<i32>,
    day: Option<i32>,
    weekday: Option<i32>,
    hour: Option<i32>,
    minute: Option<i32>,
    second: Option<i32>,
}

/// Sets a field; `None` when it already holds another value.
fn set(field: &mut Option<i32>, value: i32) -> Option<()> {
    (*field.get_or_insert(value) == value).then_some(())
}

/// Reads `text` written in `form`, as chrono's `NaiveDateTime::parse_from_str(text, form)`
/// reads it: white space in the form matches any white space or none; a number may follow
/// white space and have fewer digits (`%Y` also a sign and more); names are read in any case
/// from their first three letters (`%A` also takes the whole name); `%y` 70 to 99 is in the
/// 1900s, the rest in the 2000s; a weekday must be the date's; `:60` is a leap second.
pub(crate) fn parse(text: &str, form: &str) -> Option<NaiveDateTime> {
    let mut rest = text;
    let mut fields = Fields::default();
    let mut chars = form.chars();
    while let Some(c) = chars.next() {
        rest = match c {
            '%' => read_field(rest, chars.next()?, &mut fields)?,
            c if c.is_whitespace() => rest.trim_start(),
            c => rest.strip_prefix(c)?,
        };
    }
    if !rest.is_empty() {
        return None;
    }
    let year = match (fields.year, fields.year_of_century) {
        (year, None) => year?,
        (None, Some(y)) => y + if y < 70 { 2000 } else { 1900 },
        (Some(year), Some(y)) => (year >= 0 && year % 100 == y).then_some(year)?,
    };
    let date = NaiveDate::from_ymd_opt(year, u32::try_from(fields.month?).ok()?, u32::try_from(fields.day?).ok()?)?;
    if fields.weekday.is_some_and(|weekday| weekday != date.weekday().num_days_from_monday() as i32) {
        return None;
    }
    // A leap second is the last second of the minute, lengthened.
    let (second, nanos) = match fields.second.unwrap_or(0) {
        60 => (59, 1_000_000_000),
        second => (second as u32, 0),
    };
    let time = NaiveTime::from_hms_nano_opt(fields.hour? as u32, fields.minute? as u32, second, nanos)?;
    Some(date.and_time(time))
}

/// Reads the field of one specifier at the start of `text`; gives what follows it.
fn read_field<'a>(text: &'a str, specifier: char, fields: &mut Fields) -> Option<&'a str> {
    let names = |names: &[&str]| {
        let first = text.as_bytes().get(..3)?;
        names.iter().position(|name| first.eq_ignore_ascii_case(&name.as_bytes()[..3]))
    };
    match specifier {
        'a' | 'A' => {
            let weekday = names(&WEEKDAYS)?;
            set(&mut fields.weekday, weekday as i32)?;
            let rest = &text[3..];
            let suffix = &WEEKDAYS[weekday].as_bytes()[3..];
            match rest.as_bytes().get(..suffix.len()) {
                Some(given) if specifier == 'A' && given.eq_ignore_ascii_case(suffix) => Some(&rest[suffix.len()..]),
                _ => Some(rest),
            }
        }
        'b' => {
            set(&mut fields.month, names(&MONTHS)? as i32 + 1)?;
            Some(&text[3..])
        }
        'Y' => {
            let text = text.trim_start();
            let (value, rest) = match text.strip_prefix(['+', '-']) {
                Some(digits) => number(digits, usize::MAX)?,
                None => number(text, 4)?,
            };
            set(&mut fields.year, i32::try_from(if text.starts_with('-') { -value } else { value }).ok()?)?;
            Some(rest)
        }
        _ => {
            let (field, least, most) = match specifier {
                'y' => (&mut fields.year_of_century, 0, 99),
                'm' => (&mut fields.month, 1, 12),
                'd' | 'e' => (&mut fields.day, 1, 31),
                'H' => (&mut fields.hour, 0, 23),
                'M' => (&mut fields.minute, 0, 59),
                'S' => (&mut fields.second, 0, 60),
                _ => return None,
            };
            let (value, rest) = number(text.trim_start(), 2)?;
            set(field, i32::try_from(value).ok().filter(|value| (least..=most).contains(value))?)?;
            Some(rest)
        }
    }
}

/// At least one and at most `most` digits at the start of `text`, and what follows them.
fn number(text: &str, most: usize) -> Option<(i64, &str)> {
    let digits = text.bytes().take(most).take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let value = text.as_bytes()[..digits]
        .iter()
        .try_fold(0i64, |n, &digit| n.checked_mul(10)?.checked_add(i64::from(digit - b'0')))?;
    Some((value, &text[digits..]))
}

/// Reads an RFC 3339 time, as chrono's `DateTime::parse_from_rfc3339` reads it, in UTC:
/// `2026-04-01T08:00:00Z`, `t` or a space for `T`, `.` and any digits of a fraction (nine
/// kept), `z` or an offset `+02:00` (hours to 23, also with U+2212 as the minus), `:60` a leap
/// second.
pub(crate) fn parse_rfc3339(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    let two = |at: usize| -> Option<u32> {
        let pair = b.get(at..at + 2)?;
        pair.iter().all(u8::is_ascii_digit).then(|| u32::from(pair[0] - b'0') * 10 + u32::from(pair[1] - b'0'))
    };
    let separated = |at: usize, by: &[u8]| b.get(at).is_some_and(|c| by.contains(c));
    let year = two(0)? * 100 + two(2)?;
    if !(separated(4, b"-")
        && separated(7, b"-")
        && separated(10, b"Tt ")
        && separated(13, b":")
        && separated(16, b":"))
    {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year as i32, two(5)?, two(8)?)?;
    let (hour, minute) = (two(11)?, two(14)?);
    let (second, mut nanos) = match two(17)? {
        60 => (59, 1_000_000_000),
        second => (second, 0),
    };
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let kept = &fraction.as_bytes()[..digits.min(9)];
        let scale = 10u32.pow(9 - kept.len() as u32);
        nanos += kept.iter().fold(0u32, |n, &digit| n * 10 + u32::from(digit - b'0')) * scale;
        rest = &fraction[digits..];
    }
    // The first 19 bytes are ASCII: `rest` starts on a character.
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    let offset_seconds = match rest.as_bytes() {
        [b'Z' | b'z'] => 0,
        _ => {
            let (negative, hhmm) = match rest.chars().next()? {
                '+' => (false, &rest[1..]),
                '-' => (true, &rest[1..]),
                '\u{2212}' => (true, &rest['\u{2212}'.len_utf8()..]),
                _ => return None,
            };
            let h = hhmm.as_bytes();
            let digit = |at: usize| h[at].is_ascii_digit().then(|| i32::from(h[at] - b'0'));
            if h.len() != 5 || h[2] != b':' || !(b'0'..=b'5').contains(&h[3]) {
                return None;
            }
            let seconds = (digit(0)? * 10 + digit(1)?) * 3600 + (digit(3)? * 10 + digit(4)?) * 60;
            if negative {
                -seconds
            } else {
                seconds
            }
        }
    };
    let offset = FixedOffset::east_opt(offset_seconds)?;
    Some(date.and_time(time).and_local_timezone(offset).single()?.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every form this crate writes or reads, and each specifier alone.
    const FORMS: &[&str] = &[
        "%Y-%m-%d",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%SZ",
        "%Y%m%d",
        "%Y%m%dT%H%M%SZ",
        "%Y%m%dT%H%M%S",
        "%a, %d %b %Y %H:%M:%S +0000",
        "%a, %d %b %Y %H:%M:%S GMT",
        "%A, %d-%b-%y %H:%M:%S GMT",
        "%a %b %e %H:%M:%S %Y",
        "%Y %y %m %d %e %H %M %S %a %A %b",
    ];

    fn chrono_parse(text: &str, form: &str) -> Option<NaiveDateTime> {
        NaiveDateTime::parse_from_str(text, form).ok()
    }

    proptest::proptest! {
        #[test]
        fn format_writes_what_chrono_writes(days in -95_000_000i32..95_000_000, seconds in 0u32..86_400, leap: bool) {
            let date = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            let nanos = if leap && seconds % 60 == 59 { 1_000_000_000 } else { 0 };
            let t = date.and_time(NaiveTime::from_num_seconds_from_midnight_opt(seconds, nanos).unwrap());
            for form in FORMS {
                proptest::prop_assert_eq!(format(t, form), t.format(form).to_string());
            }
        }

        #[test]
        fn parse_reads_what_chrono_reads(text in concat!(
            "(Sun|sun|SUN|Sunday|sunDAY|Mon|Xyz)(,| |, |,  )[0-9]{1,3}( |-| - )(Nov|nov|NOVEMBER|Feb|Xyz)( |-)",
            "[+-]?[0-9]{1,5} {0,2}[0-9]{1,3}:[0-9]{1,3}:[0-9]{1,2}( GMT|GMT| gmt| UTC|)",
        )) {
            for form in FORMS {
                proptest::prop_assert_eq!(parse(&text, form), chrono_parse(&text, form), "{:?} {:?}", text, form);
            }
        }

        #[test]
        fn parse_reads_compact_forms_as_chrono_does(text in "[0-9 +-]{0,10}[Tt ]?[0-9 ]{0,8}Z?") {
            for form in ["%Y%m%dT%H%M%S", "%Y%m%dT%H%M%SZ", "%Y%m%d"] {
                proptest::prop_assert_eq!(parse(&text, form), chrono_parse(&text, form), "{:?} {:?}", text, form);
            }
        }

        #[test]
        fn rfc3339_reads_what_chrono_reads(text in concat!(
            "[0-9]{4}-[01][0-9]-[0-3][0-9][Tt x][0-2][0-9]:[0-6][0-9]:[0-6][0-9]",
            "([.][0-9]{0,12})?(Z|z|(\\+|-|\u{2212})[0-2][0-9]:?[0-9]{0,3}|)",
        )) {
            let chrono = DateTime::parse_from_rfc3339(&text).ok().map(|t| t.with_timezone(&Utc));
            proptest::prop_assert_eq!(parse_rfc3339(&text), chrono, "{:?}", text);
        }
    }

    #[test]
    fn parse_reads_every_written_date_back_as_chrono_does() {
        let mut t = NaiveDate::from_ymd_opt(1899, 12, 25).unwrap().and_hms_opt(23, 59, 59).unwrap();
        while t.year() < 2101 {
            for form in FORMS {
                let text = t.format(form).to_string();
                assert_eq!(parse(&text, form), chrono_parse(&text, form), "{text:?} {form:?}");
                let rfc3339 = t.and_utc().to_rfc3339();
                let chrono = DateTime::parse_from_rfc3339(&rfc3339).ok().map(|t| t.with_timezone(&Utc));
                assert_eq!(parse_rfc3339(&rfc3339), chrono, "{rfc3339}");
            }
            t += chrono::Duration::seconds(37 * 86_400 + 3_671);
        }
    }

    #[test]
    fn odd_texts_read_as_chrono_reads_them() {
        let texts = [
            "Mon, 06 Nov 1994 08:49:37 GMT",
            "Sun, 6 Nov 1994 8:9:37 GMT",
            "sun,06 nov 1994 08:49:37GMT",
            "Sun, 06 Nov 1994 23:59:60 GMT",
            "Sun, 06 Nov +1994 08:49:37 GMT",
            "Sun, 06 Nov 19945 08:49:37 GMT",
            "SUNDAY, 06-Nov-94 08:49:37 GMT",
            "Sund, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 +1994",
            "Sun Nov 6 08:49:37 1994 ",
            "Sun\u{a0}Nov 6 08:49:37 1994",
            "Sun, 00 Nov 1994 08:49:37 GMT",
            "Sat, 01 Jan -0001 00:00:00 GMT",
            "20260429T093000",
            "2026 4 29T9 3 0",
            "20260429t093000",
            "é",
        ];
        for text in texts {
            for form in FORMS {
                assert_eq!(parse(text, form), chrono_parse(text, form), "{text:?} {form:?}");
            }
        }
        let rfc3339 = [
            "2026-04-01T08:00:00Z",
            "2026-04-01 08:00:00.123456789123+02:00",
            "2026-04-01t08:00:60z",
            "2026-04-01T08:00:59.5\u{2212}23:59",
            "2026-04-01T08:00:00+24:00",
            "2026-04-01T08:00:00+02:60",
            "2026-04-01T08:00:00+0200",
            "2026-04-01T08:00:00.Z",
            "2026-04-01T08:00:00",
            "2026-02-30T08:00:00Z",
            "0000-01-01T00:00:00+01:00",
            "2026-04-01T08:00:00Zé",
            "é026-04-01T08:00:00Z",
        ];
        for text in rfc3339 {
            let chrono = DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc));
            assert_eq!(parse_rfc3339(text), chrono, "{text:?}");
        }
    }
}
