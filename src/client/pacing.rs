//! Pacing: a client's requests kept under the API's rate limits.
//!
//! Cronofy allows an application 50 requests per second and 500 per minute and responds 429
//! beyond that. A [`Pacer`] gives each request a send time, its slot, so that no sliding
//! window carries more requests than its limit, even a little after the fact at the API:
//!
//! - a slot is at least `window + margin` after the slot `count` places back, for each limit
//!   (a log of the recent slots: the sliding-window log);
//! - slots are spaced evenly, at least `(1 s + margin) / per_second` apart, so that a second
//!   never carries a burst that the jitter of the network could squeeze into less than a second;
//! - no slot falls inside a pause: a 429's `Retry-After` pauses every request of the client,
//!   and a request whose slot a later pause covers gives it back and takes a new one
//!   ([`PacingCheck::Paused`]);
//! - a request that wakes up more than half the margin after its slot (a busy event loop)
//!   gives it back and takes a new one too, a few times at most ([`PacingCheck::Late`]): sent
//!   late, it would crowd the requests one window after it. A slot given back leaves the log,
//!   so it costs none of the window's allowance.
//!
//! The margin is the jitter allowed between a slot and the request's arrival at the API; its
//! default, 50 ms, comes from measurements (see `docs/scale.md`). The minute's window gets five
//! times as much ([`MINUTE_MARGIN_FACTOR`]): at the minute's edge a slot is exactly one minute
//! and a margin after a run's first requests, which leave later than warm ones (first calls,
//! new connections), and the extra margin costs a minute only 0.4%. The margin costs the
//! per-second rate 1000/1050.
//!
//! Everything here is pure: the caller passes the time, in milliseconds on a monotonic clock,
//! and sleeps until the slot itself (the WebAssembly client awaits a timer). `smart-invite/queue`
//! runs the same algorithm across processes, as a Lua script over Redis (`pkg/queue/limiter.mjs`).
//!
//! ```
//! use smart_invite::client::{Pacer, PacingCheck, RateLimit};
//! let mut pacer = Pacer::new(RateLimit { per_second: Some(10), per_minute: None, margin_ms: 0.0 });
//! let slots: Vec<f64> = (0..12).map(|_| pacer.reserve(0.0)).collect();
//! assert_eq!(slots[1], 100.0); // evenly spaced: 10 per second
//! assert_eq!(slots[10], 1_000.0); // the 11th is a full second after the 1st
//! assert_eq!(pacer.check(slots[1], 100.0, 0), PacingCheck::Send);
//! ```

use std::collections::VecDeque;

/// The default margin per window, in milliseconds.
pub const DEFAULT_MARGIN_MS: f64 = 50.0;

/// The minute's window gets this many times the margin (see the module's documentation).
///
/// ```
/// use smart_invite::client::{Pacer, RateLimit, MINUTE_MARGIN_FACTOR};
/// let mut pacer = Pacer::new(RateLimit { per_second: None, per_minute: Some(1), margin_ms: 10.0 });
/// pacer.reserve(0.0);
/// assert_eq!(pacer.reserve(0.0), 60_000.0 + 10.0 * MINUTE_MARGIN_FACTOR);
/// ```
pub const MINUTE_MARGIN_FACTOR: f64 = 5.0;

/// How many times one request gives up a slot for waking up late before it is sent anyway,
/// so that a saturated process still makes progress.
const MAX_MISSED_SLOTS: u32 = 10;

/// A client's limits: requests per sliding second and per sliding minute (`None`: not applied),
/// and the margin added to each window.
///
/// ```
/// let cronofy = smart_invite::client::RateLimit::default();
/// assert_eq!((cronofy.per_second, cronofy.per_minute), (Some(50), Some(500)));
/// assert_eq!(cronofy.margin_ms, 50.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimit {
    /// Requests per sliding second; Cronofy's default is 50.
    pub per_second: Option<u32>,
    /// Requests per sliding minute; Cronofy's default is 500.
    pub per_minute: Option<u32>,
    /// Added to each window for the jitter between a slot and the arrival at the API (ms).
    pub margin_ms: f64,
}

impl Default for RateLimit {
    fn default() -> Self {
        Self { per_second: Some(50), per_minute: Some(500), margin_ms: DEFAULT_MARGIN_MS }
    }
}

/// What a request does when it wakes up at its slot (see [`Pacer::check`]).
///
/// ```
/// use smart_invite::client::{Pacer, PacingCheck, RateLimit};
/// let mut pacer = Pacer::new(RateLimit::default());
/// let slot = pacer.reserve(0.0);
/// pacer.pause(0.0, 2_000.0); // a 429 with Retry-After: 2 arrived meanwhile
/// assert_eq!(pacer.check(slot, 0.0, 0), PacingCheck::Paused);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PacingCheck {
    /// Send now.
    Send,
    /// A pause that began after the slot was given covers it: reserve another.
    Paused,
    /// Woken up more than half the margin after the slot: reserve another.
    Late,
}

/// The slots given to one client's requests, and the pause after a 429.
///
/// ```
/// use smart_invite::client::{Pacer, RateLimit};
/// // Cronofy's limits: 500 requests as fast as 50 per second allows, then the minute.
/// let mut pacer = Pacer::new(RateLimit::default());
/// let slots: Vec<f64> = (0..501).map(|_| pacer.reserve(0.0)).collect();
/// assert_eq!(slots[50], 1_050.0);
/// assert_eq!(slots[500], 60_250.0); // the minute's margin is 5 x 50 ms
/// ```
#[derive(Debug, Clone)]
pub struct Pacer {
    /// `(count, window ms, margin ms)` for each limit applied.
    limits: Vec<(usize, f64, f64)>,
    spacing_ms: f64,
    margin_ms: f64,
    /// The latest slots, oldest first: as many as the largest count.
    slots: VecDeque<f64>,
    keep: usize,
    paused_until: f64,
}

impl Pacer {
    /// A pacer for `limit`. A limit of 0 is not applied; a margin that is not a finite
    /// positive number counts as 0.
    ///
    /// ```
    /// use smart_invite::client::{Pacer, RateLimit};
    /// let mut unlimited = Pacer::new(RateLimit { per_second: None, per_minute: None, margin_ms: 0.0 });
    /// assert_eq!(unlimited.reserve(7.0), 7.0);
    /// ```
    pub fn new(limit: RateLimit) -> Self {
        let margin_ms = if limit.margin_ms.is_finite() && limit.margin_ms > 0.0 { limit.margin_ms } else { 0.0 };
        let windows =
            [(limit.per_second, 1_000.0, margin_ms), (limit.per_minute, 60_000.0, margin_ms * MINUTE_MARGIN_FACTOR)];
        let limits: Vec<(usize, f64, f64)> = windows
            .into_iter()
            .filter_map(|(count, window, margin)| count.filter(|&n| n > 0).map(|n| (n as usize, window, margin)))
            .collect();
        let spacing_ms = match limit.per_second {
            Some(n) if n > 0 => (1_000.0 + margin_ms) / f64::from(n),
            _ => 0.0,
        };
        let keep = limits.iter().map(|&(count, ..)| count).max().unwrap_or(1);
        Self { limits, spacing_ms, margin_ms, slots: VecDeque::new(), keep, paused_until: f64::MIN }
    }

    /// Gives the next request its slot: the earliest time at or after `now` that keeps every
    /// limit, the spacing and any pause. Slots never go backwards, so the requests keep the
    /// order in which they asked.
    ///
    /// ```
    /// use smart_invite::client::{Pacer, RateLimit};
    /// let mut pacer = Pacer::new(RateLimit { per_second: Some(4), per_minute: None, margin_ms: 0.0 });
    /// assert_eq!(pacer.reserve(0.0), 0.0);
    /// assert_eq!(pacer.reserve(0.0), 250.0);
    /// assert_eq!(pacer.reserve(900.0), 900.0); // idle since: no wait
    /// ```
    pub fn reserve(&mut self, now: f64) -> f64 {
        let mut at = now.max(self.paused_until);
        if let Some(&last) = self.slots.back() {
            at = at.max(last + self.spacing_ms);
        }
        for &(count, window, margin) in &self.limits {
            if let Some(index) = self.slots.len().checked_sub(count) {
                at = at.max(self.slots[index] + window + margin);
            }
        }
        self.slots.push_back(at);
        while self.slots.len() > self.keep {
            self.slots.pop_front();
        }
        at
    }

    /// Whether a request that reserved `slot` may go at `now`, when it wakes up; `missed` is
    /// how many slots it has already given back for being late. Unless the verdict is
    /// [`PacingCheck::Send`], the slot is given back: it leaves the log, and the request
    /// reserves another.
    ///
    /// ```
    /// use smart_invite::client::{Pacer, PacingCheck, RateLimit};
    /// let mut pacer = Pacer::new(RateLimit::default());
    /// let slot = pacer.reserve(0.0);
    /// assert_eq!(pacer.check(slot, 20.0, 0), PacingCheck::Send);
    /// assert_eq!(pacer.check(slot, 40.0, 10), PacingCheck::Send); // given back 10 times already
    /// assert_eq!(pacer.check(slot, 40.0, 0), PacingCheck::Late); // more than 25 ms late
    /// assert_eq!(pacer.reserve(40.0), 40.0); // the slot at 0 left the log: no wait
    /// ```
    pub fn check(&mut self, slot: f64, now: f64, missed: u32) -> PacingCheck {
        let verdict = if slot < self.paused_until {
            // reserve never gives a slot inside a pause: this pause began after the slot was given.
            PacingCheck::Paused
        } else if now - slot > self.margin_ms / 2.0 && missed < MAX_MISSED_SLOTS {
            PacingCheck::Late
        } else {
            return PacingCheck::Send;
        };
        // Slots are unique while there is a spacing, and equal ones interchangeable otherwise;
        // a given-back slot is among the latest, so the search from the back is short.
        if let Some(index) = self.slots.iter().rposition(|&s| s == slot) {
            self.slots.remove(index);
        }
        verdict
    }

    /// Pauses every request for `ms` from `now` (a 429's `Retry-After`); a longer pause
    /// already set stays.
    ///
    /// ```
    /// use smart_invite::client::{Pacer, RateLimit};
    /// let mut pacer = Pacer::new(RateLimit::default());
    /// pacer.pause(1_000.0, 2_000.0);
    /// pacer.pause(1_500.0, 10.0);
    /// assert_eq!(pacer.reserve(1_600.0), 3_000.0);
    /// ```
    pub fn pause(&mut self, now: f64, ms: f64) {
        if ms.is_finite() && ms > 0.0 {
            self.paused_until = self.paused_until.max(now + ms);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The most of `times` (sorted) that one window of `ms` holds.
    fn busiest(times: &[f64], ms: f64) -> usize {
        let mut start = 0;
        let mut most = 0;
        for end in 0..times.len() {
            while times[end] - times[start] >= ms {
                start += 1;
            }
            most = most.max(end - start + 1);
        }
        most
    }

    fn limit(per_second: u32, per_minute: u32, margin_ms: f64) -> RateLimit {
        RateLimit { per_second: Some(per_second), per_minute: Some(per_minute), margin_ms }
    }

    proptest! {
        /// Whatever the times at which requests ask, every window keeps its limit even when
        /// each request arrives up to half the margin late, slots keep their order, never
        /// come before the asking and are spaced evenly.
        #[test]
        fn no_sliding_window_above_the_limit(
            per_second in 1u32..60,
            per_minute in 1u32..400,
            margin in 0.0f64..100.0,
            gaps in proptest::collection::vec(0.0f64..200.0, 1..900),
            jitter in proptest::collection::vec(0.0f64..1.0, 900),
        ) {
            let mut pacer = Pacer::new(limit(per_second, per_minute, margin));
            let mut now = 0.0;
            let mut slots = Vec::new();
            for gap in gaps {
                now += gap;
                let slot = pacer.reserve(now);
                prop_assert!(slot >= now);
                if let Some(&last) = slots.last() {
                    prop_assert!(slot - last >= (1_000.0 + margin) / f64::from(per_second) - 1e-9);
                }
                slots.push(slot);
            }
            let arrivals: Vec<f64> = slots.iter().zip(&jitter).map(|(s, j)| s + j * margin / 2.0).collect();
            let mut sorted = arrivals.clone();
            sorted.sort_by(f64::total_cmp);
            prop_assert!(busiest(&sorted, 1_000.0) <= per_second as usize);
            prop_assert!(busiest(&sorted, 60_000.0) <= per_minute as usize);
        }

        /// No slot falls inside a pause, and a slot that a later pause covers is reported.
        #[test]
        fn pauses_hold_every_request(
            pause_at in 0usize..200,
            pause_ms in 1.0f64..5_000.0,
            count in 1usize..300,
        ) {
            let mut pacer = Pacer::new(RateLimit::default());
            let mut held = Vec::new();
            let mut now = 0.0;
            for n in 0..count {
                if n == pause_at {
                    pacer.pause(now, pause_ms);
                    for &slot in &held {
                        let covered = slot < now + pause_ms;
                        prop_assert_eq!(pacer.clone().check(slot, slot, 0) == PacingCheck::Paused, covered);
                    }
                    let slot = pacer.reserve(now);
                    prop_assert!(slot >= now + pause_ms);
                    held.push(slot);
                } else {
                    held.push(pacer.reserve(now));
                }
                now += 5.0;
            }
        }
    }

    #[test]
    fn a_burst_of_2000_drains_in_the_time_the_limits_allow() {
        // Under 50/s and 500/min, the fastest any client may send the 2000th request is at
        // 3 minutes plus 499 times 20 ms (the first three minutes' 500 each, then 500 at 50/s).
        let mut pacer = Pacer::new(RateLimit::default());
        let last = (0..2_000).map(|_| pacer.reserve(0.0)).last().unwrap();
        let allowed = 3.0 * 60_000.0 + 499.0 * 20.0;
        assert!(last >= allowed, "{last}");
        assert!(allowed / last > 0.99, "{last} ms against {allowed} ms");
    }

    #[test]
    fn a_request_late_beyond_half_the_margin_takes_a_new_slot_ten_times_at_most() {
        let mut pacer = Pacer::new(limit(10, 500, 40.0));
        let slot = pacer.reserve(0.0);
        assert_eq!(pacer.check(slot, 20.0, 0), PacingCheck::Send);
        assert_eq!(pacer.check(slot, 20.1, 10), PacingCheck::Send);
        // A pause that ended before the slot does not matter.
        pacer.pause(-500.0, 100.0);
        assert_eq!(pacer.check(slot, 0.0, 0), PacingCheck::Send);
        assert_eq!(pacer.check(slot, 20.1, 2), PacingCheck::Late);
        assert!(pacer.slots.is_empty(), "the slot given back left the log");
    }

    /// Slots given back cost nothing: with every other slot given back for lateness, the
    /// minute still carries its whole allowance of sends.
    #[test]
    fn slots_given_back_leave_the_window_allowance_whole() {
        let mut pacer = Pacer::new(limit(50, 100, 0.0));
        let mut sent = Vec::new();
        let mut now = 0.0;
        let mut given_back = 0;
        while sent.len() < 200 {
            let slot = pacer.reserve(now);
            now = slot;
            if given_back <= sent.len() {
                assert_eq!(pacer.check(slot, slot + 1.0, 0), PacingCheck::Late);
                given_back += 1;
                continue;
            }
            assert_eq!(pacer.check(slot, slot, 0), PacingCheck::Send);
            sent.push(slot);
        }
        assert_eq!(busiest(&sent, 60_000.0), 100);
        assert!(sent[199] < 60_000.0 + 100.0 * 20.0 * 2.0, "{}", sent[199]);
    }

    #[test]
    fn odd_limits_and_times_never_panic() {
        for limit in [
            RateLimit { per_second: Some(0), per_minute: Some(0), margin_ms: f64::NAN },
            RateLimit { per_second: Some(u32::MAX), per_minute: None, margin_ms: f64::INFINITY },
            RateLimit { per_second: None, per_minute: Some(1), margin_ms: -5.0 },
        ] {
            let mut pacer = Pacer::new(limit);
            for now in [f64::NAN, -1.0, 0.0, f64::MAX, f64::INFINITY] {
                let slot = pacer.reserve(now);
                let _ = pacer.check(slot, now, 0);
                pacer.pause(now, f64::NAN);
                pacer.pause(now, 10.0);
            }
        }
        let mut none = Pacer::new(limit(0, 0, 0.0));
        assert_eq!(none.reserve(3.0), 3.0);
        assert_eq!(none.reserve(3.0), 3.0);
    }

    #[test]
    fn the_log_stays_as_long_as_the_largest_limit() {
        let mut pacer = Pacer::new(limit(50, 500, 0.0));
        for n in 0..5_000 {
            pacer.reserve(f64::from(n));
        }
        assert_eq!(pacer.slots.len(), 500);
    }
}
