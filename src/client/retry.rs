//! When to try a request again, and how long to wait first.
//!
//! The client retries what is safe and likely to succeed later: a 429 (rate limited), a 5xx,
//! a network failure and a timeout. Every call of the API is idempotent (an upsert is keyed by
//! `smart_invite_id` and recipient, a cancel or a read changes nothing the second time), so a
//! retry never creates a second invite. Other 4xx responses are never retried: sending the
//! same request again gives the same response.
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
//! use smart_invite::client::{ErrorKind, RetryPolicy};
//! let policy = RetryPolicy::default();
//! // First retry of a 503 without Retry-After: between half and all of the base delay.
//! let wait = policy.delay_before_retry(0, ErrorKind::Server, None, 0.5).unwrap();
//! assert_eq!(wait, 375);
//! // A 404 is never retried.
//! assert_eq!(policy.delay_before_retry(0, ErrorKind::NotFound, None, 0.5), None);
//! ```

use super::error::ErrorKind;

/// How many times to retry and how long to wait between attempts.
///
/// ```
/// let policy = smart_invite::client::RetryPolicy { max_retries: 5, ..Default::default() };
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
    /// let policy = smart_invite::client::RetryPolicy::default();
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
    /// use smart_invite::client::{ErrorKind, RetryPolicy};
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
