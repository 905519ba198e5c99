//! One call of the client, from its first attempt to its result, as a state machine that does
//! no I/O: [`Sending`] is fed what happened ([`SendEvent`]) and says what to do next ([`SendAction`]).
//!
//! A call is up to `max_retries + 1` attempts. Before each, the request waits for its slot
//! under the client's rate limit ([`Pacer`]); each attempt is one fetch bounded by the timeout;
//! its response is mapped by [`classify_response`] and read by [`Call::parse_response`]; a
//! failure worth another attempt ([`RetryPolicy`]) is followed by a wait and the next attempt,
//! and a 429 pauses the pacer, so that every call on the client waits, not only this one.
//!
//! The caller performs what the machine asks for (sleeps, fetches, reads the clock) and reports
//! back; in WebAssembly that is `SmartInviteClient` over `fetch` and `setTimeout`, and in the
//! tests a few lines that play the API. Times are milliseconds on a monotonic clock, and the
//! random numbers for the backoff's jitter are in `[0, 1)`.
//!
//! ```
//! use smart_invite::client::{Call, HttpResponse, RetryPolicy, SendAction, SendEvent, Sending};
//! let mut sending = Sending::new(Call::Remove, RetryPolicy::default(), 10_000, "https://api.cronofy.com");
//! assert_eq!(sending.step(SendEvent::Ready { now: 0.0 }, None), SendAction::Fetch { timeout_ms: 10_000 });
//! let busy = HttpResponse { status: 503, body: "", request_id: None, retry_after: Some("1") };
//! let date = chrono::DateTime::UNIX_EPOCH;
//! let next = sending.step(SendEvent::Responded { response: busy, now: 20.0, date, random: 0.5 }, None);
//! assert_eq!(next, SendAction::WaitBeforeRetry { ms: 1_000 });
//! assert_eq!(sending.step(SendEvent::Ready { now: 1_020.0 }, None), SendAction::Fetch { timeout_ms: 10_000 });
//! let body = r#"{"smart_invite_id":"x"}"#;
//! let ok = HttpResponse { status: 200, body, request_id: None, retry_after: None };
//! let done = sending.step(SendEvent::Responded { response: ok, now: 1_040.0, date, random: 0.5 }, None);
//! assert!(matches!(done, SendAction::Done(response) if response.smart_invite_id == "x"));
//! ```

use chrono::{DateTime, Utc};

use super::call::Call;
use super::error::{classify_response, ApiError, ErrorKind, HttpResponse};
use super::pacing::{Pacer, PacingCheck};
use super::response::{InviteResponse, ResponseError};
use super::retry::RetryPolicy;

/// How long a 429 without `Retry-After` pauses the client: the per-second window.
///
/// ```
/// use smart_invite::client::{Call, HttpResponse, Pacer, RateLimit, RetryPolicy, SendEvent, Sending, DEFAULT_PAUSE_MS};
/// let mut pacer = Pacer::new(RateLimit::default());
/// let mut sending = Sending::new(Call::Cancel, RetryPolicy::default(), 10_000, "https://api.cronofy.com");
/// sending.step(SendEvent::Ready { now: 0.0 }, Some(&mut pacer));
/// let response = HttpResponse { status: 429, body: "", request_id: None, retry_after: None };
/// let date = chrono::DateTime::UNIX_EPOCH;
/// sending.step(SendEvent::Responded { response, now: 10.0, date, random: 0.5 }, Some(&mut pacer));
/// assert_eq!(pacer.reserve(10.0), 10.0 + DEFAULT_PAUSE_MS as f64);
/// ```
pub const DEFAULT_PAUSE_MS: u64 = 1_000;

/// What happened, as the caller reports it to [`Sending::step`].
///
/// ```
/// use smart_invite::client::{Call, ErrorKind, RetryPolicy, SendAction, SendEvent, Sending};
/// let mut sending = Sending::new(Call::Remove, RetryPolicy::default(), 10_000, "http://127.0.0.1:9");
/// sending.step(SendEvent::Ready { now: 0.0 }, None);
/// let refused = SendEvent::NetworkError { detail: "fetch failed (ECONNREFUSED)", random: 0.0 };
/// assert_eq!(sending.step(refused, None), SendAction::WaitBeforeRetry { ms: 250 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SendEvent<'a> {
    /// The call begins, or the wait the machine asked for is over; `now` is the clock.
    Ready {
        /// The monotonic clock, in milliseconds.
        now: f64,
    },
    /// The API responded (any status).
    Responded {
        /// The status, the body and the headers that matter.
        response: HttpResponse<'a>,
        /// The monotonic clock when it came, in milliseconds (a 429 pauses the pacer from then).
        now: f64,
        /// The wall-clock time when it came, to read a `Retry-After` given as a date.
        date: DateTime<Utc>,
        /// A random number in `[0, 1)` for the jitter of the backoff, should a retry follow.
        random: f64,
    },
    /// The API could not be reached, or the connection broke; `detail` says why in the
    /// runtime's words.
    NetworkError {
        /// What failed, for the message.
        detail: &'a str,
        /// A random number in `[0, 1)` for the jitter of the backoff.
        random: f64,
    },
    /// No complete response came within the timeout.
    TimedOut {
        /// A random number in `[0, 1)` for the jitter of the backoff.
        random: f64,
    },
    /// The transport resolved to something that is not a response (an injected `fetch` that
    /// returns the wrong thing).
    NotAResponse,
}

/// What to do next, as [`Sending::step`] says.
///
/// ```
/// use smart_invite::client::{Call, ErrorKind, RetryPolicy, SendAction, SendEvent, Sending};
/// let mut sending = Sending::new(Call::Remove, RetryPolicy::default(), 10_000, "https://api.cronofy.com");
/// assert_eq!(sending.step(SendEvent::Ready { now: 0.0 }, None), SendAction::Fetch { timeout_ms: 10_000 });
/// let SendAction::Failed(error) = sending.step(SendEvent::NotAResponse, None) else { panic!() };
/// assert_eq!(error.kind, ErrorKind::InvalidResponse);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum SendAction {
    /// Sleep `ms`, until this request's slot under the rate limit, then report
    /// [`SendEvent::Ready`].
    WaitForSlot {
        /// How long, in milliseconds.
        ms: u64,
    },
    /// Sending the request, and report how it went; give up after `timeout_ms` with
    /// [`SendEvent::TimedOut`] (and abort the request).
    Fetch {
        /// How long the attempt may take, in milliseconds.
        timeout_ms: u64,
    },
    /// Sleep `ms` before the next attempt, then report [`SendEvent::Ready`].
    WaitBeforeRetry {
        /// How long, in milliseconds.
        ms: u64,
    },
    /// The call succeeded: the invite as the API returned it (boxed: it is large, the other
    /// actions small).
    Done(Box<InviteResponse>),
    /// The call failed: no attempt is left, or none would help.
    Failed(ApiError),
}

/// Where a call is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Stage {
    /// Waiting for a slot under the rate limit: the slot held, if any, and how many slots were
    /// given back for waking up late.
    Pacing { slot: Option<f64>, missed: u32 },
    /// An attempt is under way.
    Fetching,
}

/// One call: its attempts so far and where it is. How it steps is described at the top of `src/client/send.rs`.
///
/// ```
/// use smart_invite::client::{SendAction, Call, SendEvent, Pacer, RateLimit, RetryPolicy, Sending};
/// let mut pacer = Pacer::new(RateLimit { per_second: Some(1), per_minute: None, margin_ms: 0.0 });
/// pacer.reserve(0.0); // another call took the slot at 0
/// let mut sending = Sending::new(Call::Cancel, RetryPolicy::default(), 5_000, "https://api.cronofy.com");
/// assert_eq!(sending.step(SendEvent::Ready { now: 0.0 }, Some(&mut pacer)), SendAction::WaitForSlot { ms: 1_000 });
/// assert_eq!(sending.step(SendEvent::Ready { now: 1_000.0 }, Some(&mut pacer)), SendAction::Fetch { timeout_ms: 5_000 });
/// ```
#[derive(Debug, Clone)]
pub struct Sending<'a> {
    call: Call,
    policy: RetryPolicy,
    timeout_ms: u64,
    base_url: &'a str,
    /// Retries made so far (the attempt under way is number `retries + 1`).
    retries: u32,
    stage: Stage,
}

impl<'a> Sending<'a> {
    /// A call about to begin: `call` says what its response must carry, `policy` when to
    /// retry, `timeout_ms` how long each attempt may take, and `base_url` where it goes (for the
    /// message of a network failure).
    ///
    /// ```
    /// use smart_invite::client::{Call, RetryPolicy, Sending};
    /// let _ = Sending::new(Call::Remove, RetryPolicy::default(), 10_000, "https://api-de.cronofy.com");
    /// ```
    pub fn new(call: Call, policy: RetryPolicy, timeout_ms: u64, base_url: &'a str) -> Self {
        Self { call, policy, timeout_ms, base_url, retries: 0, stage: Stage::Pacing { slot: None, missed: 0 } }
    }

    /// Takes what happened and says what to do next. `pacer` is the client's, shared by every
    /// call on it (`None` without a rate limit). Begin with [`SendEvent::Ready`]; report each
    /// fetch's outcome, and [`SendEvent::Ready`] after each wait. Never panics: an event out of
    /// turn is read as well as it can be (an outcome as the outcome of an attempt, `Ready` as
    /// the end of a wait).
    ///
    /// ```
    /// use smart_invite::client::{Call, ErrorKind, RetryPolicy, SendAction, SendEvent, Sending};
    /// let policy = RetryPolicy { max_retries: 1, ..RetryPolicy::default() };
    /// let mut sending = Sending::new(Call::Remove, policy, 50, "https://api.cronofy.com");
    /// sending.step(SendEvent::Ready { now: 0.0 }, None);
    /// assert_eq!(sending.step(SendEvent::TimedOut { random: 0.0 }, None), SendAction::WaitBeforeRetry { ms: 250 });
    /// sending.step(SendEvent::Ready { now: 300.0 }, None);
    /// let SendAction::Failed(error) = sending.step(SendEvent::TimedOut { random: 0.0 }, None) else { panic!() };
    /// assert_eq!(error.kind, ErrorKind::Timeout);
    /// assert!(error.message.ends_with("(2 attempts)."));
    /// ```
    pub fn step(&mut self, event: SendEvent<'_>, pacer: Option<&mut Pacer>) -> SendAction {
        let (error, random) = match event {
            SendEvent::Ready { now } => return self.pace(now, pacer),
            SendEvent::Responded { response, now, date, random } => match self.read(&response, date) {
                Ok(invite) => return SendAction::Done(Box::new(invite)),
                Err(error) => {
                    if let (ErrorKind::RateLimited, Some(pacer)) = (error.kind, pacer) {
                        // Every call on this client waits, not only this one.
                        let pause = error.retry_after_ms.unwrap_or(DEFAULT_PAUSE_MS);
                        pacer.pause(now, pause as f64);
                    }
                    (error, random)
                }
            },
            SendEvent::NetworkError { detail, random } => (ApiError::network(self.base_url, detail), random),
            SendEvent::TimedOut { random } => (ApiError::timeout(self.timeout_ms), random),
            SendEvent::NotAResponse => {
                let error = ApiError::unusable_body(0, "", "fetch resolved to something that is not a Response");
                (ApiError { status: None, ..error }, 0.0)
            }
        };
        self.failed(error, random)
    }

    /// The wait for a slot under the rate limit: the pacer gives the slot and says, on waking
    /// up, whether to go or to take another (see [`Pacer::check`]).
    fn pace(&mut self, now: f64, pacer: Option<&mut Pacer>) -> SendAction {
        let fetch = SendAction::Fetch { timeout_ms: self.timeout_ms };
        let (Some(pacer), Stage::Pacing { mut slot, mut missed }) = (pacer, self.stage) else {
            self.stage = Stage::Fetching;
            return fetch;
        };
        // Each round gives a slot back (a late wake-up, at most MAX_MISSED_SLOTS times, or a
        // pause that covers it) or ends: the loop is short.
        loop {
            let held = match slot {
                Some(held) => held,
                None => {
                    let reserved = pacer.reserve(now);
                    if reserved > now {
                        self.stage = Stage::Pacing { slot: Some(reserved), missed };
                        return SendAction::WaitForSlot { ms: (reserved - now).ceil() as u64 };
                    }
                    reserved
                }
            };
            slot = None;
            match pacer.check(held, now, missed) {
                PacingCheck::Send => break,
                PacingCheck::Late => missed += 1,
                PacingCheck::Paused => {}
            }
        }
        self.stage = Stage::Fetching;
        fetch
    }

    /// The invite a response carries, or the error it means.
    fn read(&self, response: &HttpResponse<'_>, date: DateTime<Utc>) -> Result<InviteResponse, ApiError> {
        classify_response(response, date)?;
        self.call.parse_response(response.body.as_bytes()).map_err(|e| {
            let what = match &e {
                ResponseError::NotJson { detail, .. } => format!("its body is not JSON ({detail})"),
                ResponseError::NotAnInvite { detail } => format!("its body is not a Smart Invite ({detail})"),
                ResponseError::Incomplete { missing, .. } => {
                    format!("its body lacks `{missing}`, which the API always sends for {}()", self.call.name())
                }
            };
            let mut error = ApiError::unusable_body(response.status, response.body, &what);
            error.request_id = response.request_id.map(str::to_owned);
            error
        })
    }

    /// After a failed attempt: a wait and the next attempt, or the end.
    fn failed(&mut self, error: ApiError, random: f64) -> SendAction {
        match self.policy.delay_before_retry(self.retries, error.kind, error.retry_after_ms, random) {
            Some(ms) => {
                self.retries += 1;
                self.stage = Stage::Pacing { slot: None, missed: 0 };
                SendAction::WaitBeforeRetry { ms }
            }
            None => SendAction::Failed(error.after_attempts(self.retries + 1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::RateLimit;

    const BASE: &str = "https://api.cronofy.com";
    const REMOVED: &str = r#"{"smart_invite_id":"x","attachments":{"removed":{"email":"a@example.com"}}}"#;

    fn response<'a>(status: u16, body: &'a str, retry_after: Option<&'a str>) -> HttpResponse<'a> {
        HttpResponse { status, body, request_id: Some("req-1"), retry_after }
    }

    fn responded(response: HttpResponse<'_>, now: f64) -> SendEvent<'_> {
        SendEvent::Responded { response, now, date: DateTime::UNIX_EPOCH, random: 0.5 }
    }

    fn remove(policy: RetryPolicy) -> Sending<'static> {
        Sending::new(Call::Remove, policy, 10_000, BASE)
    }

    const FETCH: SendAction = SendAction::Fetch { timeout_ms: 10_000 };

    fn failure(action: SendAction) -> ApiError {
        match action {
            SendAction::Failed(error) => error,
            other => panic!("expected a failure, got {other:?}"),
        }
    }

    #[test]
    fn a_success_at_the_first_attempt() {
        let mut sending = remove(RetryPolicy::default());
        assert_eq!(sending.step(SendEvent::Ready { now: 0.0 }, None), FETCH);
        let done = sending.step(responded(response(200, REMOVED, None), 5.0), None);
        assert!(matches!(&done, SendAction::Done(r) if r.smart_invite_id == "x"), "{done:?}");
    }

    #[test]
    fn transient_failures_are_retried_with_backoff_until_the_attempts_run_out() {
        let mut sending = remove(RetryPolicy::default());
        sending.step(SendEvent::Ready { now: 0.0 }, None);
        // 500 ms doubling, half of it fixed: 375 then 750 with random 0.5.
        let outcomes = [
            (sending.step(responded(response(503, "", None), 1.0), None), SendAction::WaitBeforeRetry { ms: 375 }),
            (sending.step(SendEvent::Ready { now: 400.0 }, None), FETCH),
            (
                sending.step(SendEvent::NetworkError { detail: "ECONNRESET", random: 0.5 }, None),
                SendAction::WaitBeforeRetry { ms: 750 },
            ),
            (sending.step(SendEvent::Ready { now: 1_200.0 }, None), FETCH),
        ];
        for (got, expected) in outcomes {
            assert_eq!(got, expected);
        }
        let error = failure(sending.step(SendEvent::TimedOut { random: 0.5 }, None));
        assert_eq!(error.kind, ErrorKind::Timeout);
        assert_eq!(
            error.message,
            "The API did not answer within 10000 ms (the timeoutMs option); the request may or may not have been \
             processed, and sending it again is safe (3 attempts)."
        );
    }

    #[test]
    fn max_retries_bounds_the_attempts() {
        for max_retries in 0..4 {
            let mut sending = remove(RetryPolicy { max_retries, ..RetryPolicy::default() });
            let mut attempts = 0;
            let mut action = sending.step(SendEvent::Ready { now: 0.0 }, None);
            while let SendAction::Fetch { .. } = action {
                attempts += 1;
                action = match sending.step(SendEvent::NetworkError { detail: "down", random: 0.0 }, None) {
                    SendAction::WaitBeforeRetry { .. } => sending.step(SendEvent::Ready { now: 0.0 }, None),
                    end => end,
                };
            }
            assert_eq!(attempts, max_retries + 1);
            let error = failure(action);
            assert_eq!(error.kind, ErrorKind::Network);
            assert!(error.message.starts_with("Could not reach the API at https://api.cronofy.com: down"));
        }
    }

    #[test]
    fn retry_after_is_waited_for_up_to_the_cap_then_given_to_the_caller() {
        let mut sending = remove(RetryPolicy::default());
        sending.step(SendEvent::Ready { now: 0.0 }, None);
        let wait = sending.step(responded(response(503, "", Some("2")), 0.0), None);
        assert_eq!(wait, SendAction::WaitBeforeRetry { ms: 2_000 });
        sending.step(SendEvent::Ready { now: 2_000.0 }, None);
        let error = failure(sending.step(responded(response(429, "", Some("120")), 2_000.0), None));
        assert_eq!((error.kind, error.retry_after_ms), (ErrorKind::RateLimited, Some(120_000)));
        assert_eq!((error.status, error.request_id.as_deref()), (Some(429), Some("req-1")));
        assert!(error.message.ends_with("(2 attempts)."), "{}", error.message);
    }

    #[test]
    fn a_429_pauses_the_pacer_for_every_call() {
        let mut pacer = Pacer::new(RateLimit::default());
        let mut sending = remove(RetryPolicy::default());
        assert_eq!(sending.step(SendEvent::Ready { now: 0.0 }, Some(&mut pacer)), FETCH);
        let wait = sending.step(responded(response(429, "", Some("3")), 100.0), Some(&mut pacer));
        assert_eq!(wait, SendAction::WaitBeforeRetry { ms: 3_000 });
        // Another call on the client waits for the pause too.
        let mut other = remove(RetryPolicy::default());
        assert_eq!(
            other.step(SendEvent::Ready { now: 200.0 }, Some(&mut pacer)),
            SendAction::WaitForSlot { ms: 2_900 }
        );
        // Without Retry-After, the pause is the per-second window.
        let mut pacer = Pacer::new(RateLimit::default());
        let mut sending = remove(RetryPolicy::default());
        sending.step(SendEvent::Ready { now: 0.0 }, Some(&mut pacer));
        sending.step(responded(response(429, "", None), 100.0), Some(&mut pacer));
        assert_eq!(pacer.reserve(100.0), 100.0 + DEFAULT_PAUSE_MS as f64);
        // A 503 does not pause.
        let mut pacer = Pacer::new(RateLimit::default());
        let mut sending = remove(RetryPolicy::default());
        sending.step(SendEvent::Ready { now: 0.0 }, Some(&mut pacer));
        sending.step(responded(response(503, "", Some("3")), 100.0), Some(&mut pacer));
        assert_eq!(pacer.reserve(100.0), 100.0);
    }

    #[test]
    fn each_attempt_waits_for_its_slot_and_a_late_wake_up_takes_another() {
        let mut pacer = Pacer::new(RateLimit { per_second: Some(10), per_minute: None, margin_ms: 40.0 });
        pacer.reserve(0.0); // another call's slot, at 0: the next is 104 ms later
        let mut sending = remove(RetryPolicy::default());
        assert_eq!(sending.step(SendEvent::Ready { now: 0.0 }, Some(&mut pacer)), SendAction::WaitForSlot { ms: 104 });
        // Woken 30 ms after the slot (more than half the margin): the slot is given back and a
        // new one, at once, is taken.
        assert_eq!(sending.step(SendEvent::Ready { now: 134.0 }, Some(&mut pacer)), FETCH);
        // Retries wait for a slot too.
        let wait = sending.step(SendEvent::TimedOut { random: 0.0 }, Some(&mut pacer));
        assert_eq!(wait, SendAction::WaitBeforeRetry { ms: 250 });
        assert_eq!(sending.step(SendEvent::Ready { now: 150.0 }, Some(&mut pacer)), SendAction::WaitForSlot { ms: 88 });
    }

    #[test]
    fn what_is_not_retried_ends_the_call_at_once() {
        for status in [400, 401, 402, 403, 404, 422, 301] {
            let mut sending = remove(RetryPolicy::default());
            sending.step(SendEvent::Ready { now: 0.0 }, None);
            let error = failure(sending.step(responded(response(status, "", None), 0.0), None));
            assert_eq!(error.status, Some(status));
            assert!(!error.message.contains("attempts"), "{}", error.message);
        }
        let mut sending = remove(RetryPolicy::default());
        sending.step(SendEvent::Ready { now: 0.0 }, None);
        let error = failure(sending.step(SendEvent::NotAResponse, None));
        assert_eq!((error.kind, error.status), (ErrorKind::InvalidResponse, None));
        assert_eq!(
            error.message,
            "The API answered HTTP 0 but fetch resolved to something that is not a Response: the body is empty."
        );
    }

    #[test]
    fn unusable_bodies_say_what_is_wrong_and_keep_the_request_id() {
        let cases = [
            (Call::Remove, "<html>", "its body is not JSON (expected value at line 1 column 1)"),
            (Call::Remove, "[]", "its body is not a Smart Invite (it is an array, not an object)"),
            (
                Call::Cancel,
                r#"{"smart_invite_id":"x"}"#,
                "its body lacks `attachments.icalendar`, which the API always sends for cancel()",
            ),
        ];
        for (call, body, what) in cases {
            let mut sending = Sending::new(call, RetryPolicy::default(), 10_000, BASE);
            sending.step(SendEvent::Ready { now: 0.0 }, None);
            let error = failure(sending.step(responded(response(200, body, None), 0.0), None));
            assert_eq!((error.kind, error.status), (ErrorKind::InvalidResponse, Some(200)));
            assert!(error.message.starts_with(&format!("The API answered HTTP 200 but {what}")), "{}", error.message);
            assert_eq!(error.request_id.as_deref(), Some("req-1"));
        }
    }

    proptest::proptest! {
        /// Whatever happens, in whatever order and at whatever times, the machine answers
        /// without panicking and retries at most `max_retries` times.
        #[test]
        fn any_sequence_of_events_is_answered_without_a_panic(
            events in proptest::collection::vec(
                (0u8..6, 0u16..700, proptest::num::f64::ANY, proptest::num::f64::ANY), 0..60),
            paced in proptest::bool::ANY,
        ) {
            let mut pacer = Pacer::new(RateLimit::default());
            let mut sending = remove(RetryPolicy::default());
            let mut retries = 0;
            for (kind, status, now, random) in events {
                let event = match kind {
                    0 => SendEvent::Ready { now },
                    1 => responded(response(status, REMOVED, Some("1")), now),
                    2 => SendEvent::Responded { response: response(status, "", None), now, date: DateTime::UNIX_EPOCH, random },
                    3 => SendEvent::NetworkError { detail: "x", random },
                    4 => SendEvent::TimedOut { random },
                    _ => SendEvent::NotAResponse,
                };
                let action = sending.step(event, paced.then_some(&mut pacer));
                if matches!(action, SendAction::WaitBeforeRetry { .. }) {
                    retries += 1;
                }
                if matches!(action, SendAction::Done(_) | SendAction::Failed(_)) {
                    break;
                }
            }
            proptest::prop_assert!(retries <= RetryPolicy::default().max_retries);
        }
    }
}
