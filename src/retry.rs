//! When to try a request again, and how long to wait first.
//!
//! The client retries what is safe and likely to succeed later: a 429 (rate limited), a 5xx,
//! a network failure and a timeout. Every call of the API is idempotent (an upsert is keyed by
//! `smart_invite_id` and recipient, a cancel or a read changes nothing the second time), so a
//! retry never creates a second invite. Other 4xx answers are never retried: sending the same
//! request again gives the same answer.
//!
//! The wait is a jittered exponential backoff with a cap, unless the server said how long to
//! wait with `Retry-After` (seconds or an HTTP date): then that is honoured exactly, up to
//! [`RetryPolicy::max_retry_after_ms`]. A server asking for more than that ends the retries at
//! once, and the error carries the wait the server asked for, so the caller can schedule it.
//!
//! Everything here is pure: the caller passes the current time and a random number, so the
//! WebAssembly client and the tests share one implementation.
//!
//! ```
//! use smart_invite::{ErrorKind, RetryPolicy};
//! let policy = RetryPolicy::default();
//! // First retry of a 503 without Retry-After: between half and all of the base delay.
//! let wait = policy.delay_before_retry(0, ErrorKind::Server, None, 0.5).unwrap();
//! assert_eq!(wait, 375);
//! // A 404 is never retried.
//! assert_eq!(policy.delay_before_retry(0, ErrorKind::NotFound, None, 0.5), None);
//! ```

use chrono::{DateTime, Utc};

use crate::api_error::ErrorKind;
use crate::formats::Decimal;
use crate::strftime;

/// How many times to retry and how long to wait between attempts.
///
/// ```
/// let policy = smart_invite::RetryPolicy { max_retries: 5, ..Default::default() };
/// assert_eq!(policy.base_delay_ms, 500);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (so `max_retries + 1` attempts at most). Default 2.
    pub max_retries: u32,
    /// The backoff before the first retry; it doubles for each further retry. Default 500 ms.
    pub base_delay_ms: u64,
    /// No backoff wait is longer than this. Default 10 s.
    pub max_delay_ms: u64,
    /// The longest `Retry-After` that is waited for; a longer one ends the retries. Default 30 s.
    pub max_retry_after_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self { max_retries: 2, base_delay_ms: 500, max_delay_ms: 10_000, max_retry_after_ms: 30_000 }
    }
}

impl RetryPolicy {
    /// The backoff before retry number `retry` (0 for the first retry), given a random number
    /// in `[0, 1)`: "equal jitter", a uniform pick between half and all of
    /// `base_delay_ms * 2^retry`, capped at `max_delay_ms`. Half the wait is fixed so that a
    /// retry never follows at once; the other half spreads out clients that failed together.
    ///
    /// ```
    /// let policy = smart_invite::RetryPolicy::default();
    /// assert_eq!(policy.backoff_ms(0, 0.0), 250);
    /// assert_eq!(policy.backoff_ms(1, 0.999_999), 999);
    /// assert_eq!(policy.backoff_ms(40, 0.0), 5_000); // capped at 10 s, then jittered
    /// ```
    pub fn backoff_ms(&self, retry: u32, random: f64) -> u64 {
        let ceiling = self.base_delay_ms.saturating_mul(1u64.checked_shl(retry.min(63)).unwrap_or(u64::MAX));
        let ceiling = ceiling.min(self.max_delay_ms);
        let random = if random.is_finite() { random.clamp(0.0, 1.0) } else { 0.0 };
        let half = ceiling / 2;
        // `ceiling - half` fits in f64 exactly for any sane cap; the product is below it.
        half + ((ceiling - half) as f64 * random) as u64
    }

    /// How long to wait before retry number `retry` (0 for the first retry) after a failure of
    /// kind `kind`, or `None` when the failure must not be retried: the retries are used up,
    /// the kind is not retryable (see [`ErrorKind::is_retryable`]), or the server asked for a
    /// `Retry-After` longer than [`Self::max_retry_after_ms`].
    ///
    /// ```
    /// use smart_invite::{ErrorKind, RetryPolicy};
    /// let policy = RetryPolicy::default();
    /// assert_eq!(policy.delay_before_retry(0, ErrorKind::RateLimited, Some(2_000), 0.3), Some(2_000));
    /// assert_eq!(policy.delay_before_retry(0, ErrorKind::RateLimited, Some(120_000), 0.3), None);
    /// assert_eq!(policy.delay_before_retry(2, ErrorKind::Network, None, 0.3), None); // used up
    /// ```
    pub fn delay_before_retry(
        &self,
        retry: u32,
        kind: ErrorKind,
        retry_after_ms: Option<u64>,
        random: f64,
    ) -> Option<u64> {
        if retry >= self.max_retries || !kind.is_retryable() {
            return None;
        }
        match retry_after_ms {
            Some(wait) if wait > self.max_retry_after_ms => None,
            Some(wait) => Some(wait),
            None => Some(self.backoff_ms(retry, random)),
        }
    }
}

/// Reads a `Retry-After` header value as a wait in milliseconds from `now`: either a number of
/// seconds (`120`; a fraction such as `1.5` is accepted too) or an HTTP date (the IMF-fixdate
/// `Sun, 06 Nov 1994 08:49:37 GMT`, and the obsolete RFC 850 and asctime forms that
/// RFC 9110 says a recipient must accept). A date in the past means no wait. Anything else
/// gives `None` (the header is then ignored and the usual backoff applies).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use smart_invite::parse_retry_after;
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
    fn backoff_doubles_stays_in_its_jitter_band_and_is_capped() {
        let policy = RetryPolicy::default();
        for retry in 0..8 {
            let ceiling = (500u64 << retry).min(10_000);
            for random in [0.0, 0.25, 0.5, 0.75, 0.999_999_9] {
                let wait = policy.backoff_ms(retry, random);
                assert!(wait >= ceiling / 2 && wait <= ceiling, "retry {retry} random {random}: {wait}");
            }
        }
        assert_eq!(policy.backoff_ms(u32::MAX, 1.0), 10_000);
    }

    #[test]
    fn backoff_survives_odd_random_numbers() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.backoff_ms(0, f64::NAN), 250);
        assert_eq!(policy.backoff_ms(0, -3.0), 250);
        assert_eq!(policy.backoff_ms(0, 7.0), 500);
        let huge = RetryPolicy { base_delay_ms: u64::MAX, max_delay_ms: u64::MAX, ..Default::default() };
        assert!(huge.backoff_ms(10, 0.5) >= u64::MAX / 2);
    }

    #[test]
    fn only_transient_kinds_are_retried() {
        let policy = RetryPolicy::default();
        for kind in ErrorKind::ALL {
            let retried = policy.delay_before_retry(0, kind, None, 0.0).is_some();
            let expected =
                matches!(kind, ErrorKind::RateLimited | ErrorKind::Server | ErrorKind::Network | ErrorKind::Timeout);
            assert_eq!(retried, expected, "{kind:?}");
        }
    }

    #[test]
    fn retries_stop_after_max_retries() {
        let policy = RetryPolicy { max_retries: 3, ..Default::default() };
        let retries = (0..10).take_while(|&n| policy.delay_before_retry(n, ErrorKind::Server, None, 0.5).is_some());
        assert_eq!(retries.count(), 3);
        let none = RetryPolicy { max_retries: 0, ..Default::default() };
        assert_eq!(none.delay_before_retry(0, ErrorKind::Server, None, 0.5), None);
    }

    #[test]
    fn retry_after_is_honoured_up_to_the_cap() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.delay_before_retry(1, ErrorKind::Server, Some(0), 0.9), Some(0));
        assert_eq!(policy.delay_before_retry(0, ErrorKind::RateLimited, Some(30_000), 0.9), Some(30_000));
        assert_eq!(policy.delay_before_retry(0, ErrorKind::RateLimited, Some(30_001), 0.9), None);
        // Retry-After never makes a non-retryable failure retryable.
        assert_eq!(policy.delay_before_retry(0, ErrorKind::Forbidden, Some(10), 0.9), None);
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
