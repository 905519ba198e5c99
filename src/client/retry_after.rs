//! How long a server asks the client to wait: the `Retry-After` header (RFC 9110 section
//! 10.2.3), in seconds or as an HTTP date.

use chrono::{DateTime, Utc};

use crate::time::strftime;
use crate::validate::formats::Decimal;

/// Reads a `Retry-After` header value as a wait in milliseconds from `now`: either a number of
/// seconds (`120`; a fraction such as `1.5` is accepted too) or an HTTP date (the IMF-fixdate
/// `Sun, 06 Nov 1994 08:49:37 GMT`, and the obsolete RFC 850 and asctime forms that
/// RFC 9110 says a recipient must accept). A date in the past means no wait. Anything else
/// gives `None` (the header is then ignored and the usual backoff applies).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use smart_invite::client::parse_retry_after;
/// let now = Utc.with_ymd_and_hms(1994, 11, 6, 8, 49, 30).unwrap();
/// assert_eq!(parse_retry_after("3", now), Some(3_000));
/// assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), Some(7_000));
/// assert_eq!(parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", now), Some(7_000));
/// assert_eq!(parse_retry_after("Sun Nov  6 08:49:37 1994", now), Some(7_000));
/// assert_eq!(parse_retry_after("soon", now), None);
/// ```
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<u64> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if value.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        let seconds = Decimal::parse(value)?.to_f64();
        // A year is far beyond any cap; clamping keeps the conversion exact and finite.
        return Some((seconds.min(31_536_000.0) * 1000.0).round() as u64);
    }
    let at = parse_http_date(value)?;
    let wait = at.signed_duration_since(now).num_milliseconds();
    Some(u64::try_from(wait).unwrap_or(0))
}

/// The three date forms of RFC 9110 section 5.6.7, preferred first, read as chrono's
/// `NaiveDateTime::parse_from_str` reads them (see [`strftime::parse`]): the weekday must be
/// the date's.
const HTTP_DATE_FORMATS: [&str; 3] = [
    "%a, %d %b %Y %H:%M:%S GMT", // IMF-fixdate
    "%A, %d-%b-%y %H:%M:%S GMT", // RFC 850
    "%a %b %e %H:%M:%S %Y",      // asctime
];

fn parse_http_date(value: &str) -> Option<DateTime<Utc>> {
    HTTP_DATE_FORMATS.iter().find_map(|format| strftime::parse(value, format)).map(|naive| naive.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 4, 29, 9, 30, 0).unwrap()
    }

    #[test]
    fn retry_after_seconds() {
        assert_eq!(parse_retry_after("0", now()), Some(0));
        assert_eq!(parse_retry_after(" 120 ", now()), Some(120_000));
        assert_eq!(parse_retry_after("1.5", now()), Some(1_500));
        assert_eq!(parse_retry_after("99999999999999999999999", now()), Some(31_536_000_000));
        for bad in ["", "-1", "1e3", "1.2.3", ".", "12 s", "0x10"] {
            assert_eq!(parse_retry_after(bad, now()), None, "{bad:?}");
        }
    }

    #[test]
    fn retry_after_dates() {
        assert_eq!(parse_retry_after("Wed, 29 Apr 2026 09:30:05 GMT", now()), Some(5_000));
        assert_eq!(parse_retry_after("Wednesday, 29-Apr-26 09:31:00 GMT", now()), Some(60_000));
        assert_eq!(parse_retry_after("Wed Apr 29 09:30:01 2026", now()), Some(1_000));
        // In the past: retry now.
        assert_eq!(parse_retry_after("Wed, 29 Apr 2026 09:00:00 GMT", now()), Some(0));
        // A weekday that is not the date's makes the date unreadable.
        for bad in [
            "Wed, 29 Apr 2026 09:30:05 PST",
            "Wed, 31 Feb 2026 09:30:05 GMT",
            "2026-04-29T09:30:05Z",
            "Thu, 29 Apr 2026 09:30:05 GMT",
        ] {
            assert_eq!(parse_retry_after(bad, now()), None, "{bad:?}");
        }
    }
}
