//! No input holds a CPU: every parser of untrusted input costs time linear in its input (n log n
//! at worst). Each shape is built at n and at 16n copies of its repeated part, and the CPU time
//! of the call at 16n must stay under 64 times the time at n: a linear path gives about 16, a
//! quadratic one about 256. The thread's own CPU time (not the wall clock) is taken, best of
//! several runs, so a busy machine does not move the ratio much; the margin is wide for the rest.
//!
//! Native only: the CPU clock comes from libc.
#![cfg(not(target_arch = "wasm32"))]

use smart_invite::{validate_json, DataCenter, Method};

use smart_invite::calendar::{invite_calendar, CalendarMeta};

use smart_invite::callbacks::{parse_notification, sign_notification, verify_notification};

use smart_invite::client::{parse_error_body, parse_response, prepare_invite, read_query};

use smart_invite::email::{build_invite_email, EmailRequest, InviteSource};

/// The CPU time this thread has used, in nanoseconds.
fn thread_cpu_ns() -> u128 {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `now` is a valid timespec for the call to write.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    now.tv_sec as u128 * 1_000_000_000 + now.tv_nsec as u128
}

/// The least CPU time of `runs` calls of `call`.
fn best_cpu_ns(runs: usize, call: &dyn Fn()) -> u128 {
    (0..runs)
        .map(|_| {
            let start = thread_cpu_ns();
            call();
            thread_cpu_ns() - start
        })
        .min()
        .unwrap_or(0)
        .max(1)
}

const EVENT: &str =
    r#""summary":"s","start":"2026-04-29T09:30:00Z","end":"2026-04-29T10:00:00Z","tzid":"Europe/London""#;

fn list(n: usize, item: impl Fn(usize) -> String) -> String {
    (0..n).map(item).collect::<Vec<_>>().join(",")
}

fn recipients(n: usize, item: impl Fn(usize) -> String) -> String {
    format!(r#"{{"smart_invite_id":"x","recipients":[{}],"event":{{{EVENT}}}}}"#, list(n, item))
}

fn in_event(n: usize, field: impl Fn(usize) -> String) -> String {
    format!(
        r#"{{"smart_invite_id":"x","recipient":{{"email":"a@example.com"}},"event":{{{EVENT},{}}}}}"#,
        list(n, field)
    )
}

fn at_top(n: usize, field: impl Fn(usize) -> String) -> String {
    format!(
        r#"{{"smart_invite_id":"x","recipient":{{"email":"a@example.com"}},"event":{{{EVENT}}},{}}}"#,
        list(n, field)
    )
}

/// The payloads `validate_json` gets: each the issue's shapes and the ones found since.
/// A payload with its repeated part n times.
type Shape = fn(usize) -> String;

const PAYLOADS: &[(&str, Shape)] = &[
    ("distinct recipients", |n| recipients(n, |i| format!(r#"{{"email":"p{i}@example.com"}}"#))),
    ("recipients of wrong types", |n| recipients(n, |i| format!(r#"{{"email":{i},"status":[1]}}"#))),
    ("the same recipient repeated", |n| recipients(n, |_| r#"{"email":"A@example.com"}"#.into())),
    ("bad recipient addresses", |n| recipients(n, |i| format!(r#"{{"email":"p{i}@"}}"#))),
    ("misspelt fields in event", |n| in_event(n, |i| format!(r#""sumary{i}":1"#))),
    ("misspelt fields at the top", |n| at_top(n, |i| format!(r#""smart_invite_di{i}":1"#))),
    ("one unknown key repeated", |n| at_top(n, |_| r#""colour":1"#.into())),
    ("a known key repeated", |n| at_top(n, |_| r#""callback_url":"https://a.example.com/x""#.into())),
    ("unknown fields holding nested lists", |n| in_event(n, |i| format!(r#""x{i}":[[[[[[[[1]]]]]]]]"#))),
    ("many reminders", |n| {
        in_event(1, |_| format!(r#""reminders":[{}]"#, list(n, |i| format!(r#"{{"minutes":{i}}}"#))))
    }),
    ("a long near-miss zone", |n| {
        let zone = format!("Europe/Lond{}", "o".repeat(n * 20));
        format!(
            r#"{{"smart_invite_id":"x","recipient":{{"email":"a@example.com"}},"event":{{"summary":"s","start":"2026-04-29T09:30","end":"2026-04-29T10:00","tzid":"{zone}"}}}}"#
        )
    }),
    ("a summary full of escapes", |n| {
        in_event(1, |_| format!(r#""description":"{}""#, "\\n\\u00e9\\\"".repeat(n * 3)))
    }),
    ("a long email address", |n| {
        format!(r#"{{"smart_invite_id":"x","recipient":{{"email":"{}@example.com"}}}}"#, "a.".repeat(n * 10))
    }),
    ("a long callback URL", |n| {
        format!(
            r#"{{"smart_invite_id":"x","callback_url":"https://{}x.com/","recipient":{{"email":"a@example.com"}}}}"#,
            "a.".repeat(n * 10)
        )
    }),
    ("a long time", |n| in_event(1, |_| format!(r#""time":"2026-04-29T09:30{}""#, "0".repeat(n * 20)))),
    ("a long misspelt key", |n| at_top(1, |_| format!(r#""{}":1"#, "s".repeat(n * 20)))),
];

fn assert_linear(name: &str, n: usize, make: &dyn Fn(usize) -> Box<dyn Fn()>) {
    let (small, large) = (make(n), make(16 * n));
    let (a, b) = (best_cpu_ns(5, &*small), best_cpu_ns(3, &*large));
    let ratio = b as f64 / a as f64;
    assert!(ratio < 64.0, "{name}: {a} ns at n = {n}, {b} ns at 16n: {ratio:.1}x grows faster than the input");
}

#[test]
fn validation_is_linear_in_every_shape() {
    for (name, payload) in PAYLOADS {
        let text_at = |n: usize| -> Box<dyn Fn()> {
            let text = payload(n);
            assert!(text.len() < smart_invite::MAX_INPUT_BYTES, "{name}: {} bytes at {n}", text.len());
            Box::new(move || drop(std::hint::black_box(validate_json(&text))))
        };
        assert_linear(name, 1_000, &text_at);
    }
}

#[test]
fn preparing_a_request_is_linear() {
    for (name, payload) in PAYLOADS {
        let text_at = |n: usize| -> Box<dyn Fn()> {
            let text = payload(n);
            Box::new(move || drop(std::hint::black_box(prepare_invite(&text, Method::Request, DataCenter::Us))))
        };
        assert_linear(name, 1_000, &text_at);
    }
    assert_linear("read parameters with many keys", 1_000, &|n| {
        let text = format!(r#"{{"smart_invite_id":"x",{}}}"#, list(n, |i| format!(r#""k{i}":1"#)));
        Box::new(move || drop(std::hint::black_box(read_query(&text))))
    });
}

/// API answers, error bodies and callbacks: what a server (or someone posing as one) sends.
#[test]
fn reading_answers_and_callbacks_is_linear() {
    let replies = |n: usize| list(n, |i| format!(r#"{{"email":"p{i}@example.com","status":"pending"}}"#));
    assert_linear("an answer with many recipients", 1_000, &|n| {
        let body =
            format!(r#"{{"smart_invite_id":"x","recipients":[{}],"attachments":{{"icalendar":"B"}}}}"#, replies(n));
        Box::new(move || drop(std::hint::black_box(parse_response(body.as_bytes()))))
    });
    assert_linear("a 422 with many paths", 1_000, &|n| {
        let body = format!(r#"{{"errors":{{{}}}}}"#, list(n, |i| format!(r#""f{i}":[{{"key":"errors.x"}}]"#)));
        Box::new(move || drop(std::hint::black_box(parse_error_body(body.as_bytes()))))
    });
    assert_linear("a 422 with one path many times", 1_000, &|n| {
        let body = format!(r#"{{"errors":{{"f":[{}]}}}}"#, list(n, |_| r#"{"key":"errors.x"}"#.into()));
        Box::new(move || drop(std::hint::black_box(parse_error_body(body.as_bytes()))))
    });
    assert_linear("a callback with many replies and a long comment", 1_000, &|n| {
        let body = format!(
            r#"{{"notification":{{"type":"smart_invite"}},"smart_invite":{{"smart_invite_id":"x","recipient":{{"email":"a@example.com","status":"accepted","comment":"{}"}},"replies":[{}]}}}}"#,
            "\\n".repeat(n * 10),
            replies(n)
        );
        Box::new(move || drop(std::hint::black_box(parse_notification(body.as_bytes()))))
    });
    assert_linear("verifying a large callback", 1_000, &|n| {
        let body = "x".repeat(n * 500);
        let signature = sign_notification(body.as_bytes(), "secret");
        Box::new(move || {
            std::hint::black_box(verify_notification(body.as_bytes(), Some(&signature), &["s", "secret"]));
        })
    });
}

/// The ICS writer and the email: thousands of attendees, long texts to escape and fold.
#[test]
fn writing_the_calendar_and_the_email_is_linear() {
    let invite = |n: usize| {
        let recipients = list(n, |i| format!(r#"{{"email":"p{i}@example.com"}}"#));
        let text = format!(
            r#"{{"smart_invite_id":"x","recipients":[{recipients}],"event":{{"summary":"{}","description":"{}","start":"2026-04-29T09:30:00Z","end":"2026-04-29T10:00:00Z"}}}}"#,
            "é,;".repeat(300),
            "\\né;".repeat(1300)
        );
        validate_json(&text).into_result().expect("a valid invite")
    };
    let meta = || CalendarMeta::new("u", "2026-04-01T08:00:00Z".parse().unwrap());
    assert_linear("a calendar with many attendees", 500, &|n| {
        let (invite, meta) = (invite(n), meta());
        Box::new(move || drop(std::hint::black_box(invite_calendar(&invite, &meta))))
    });
    assert_linear("an email for many attendees", 500, &|n| {
        let request = EmailRequest::new(InviteSource::Calendar(invite_calendar(&invite(n), &meta())), "a@example.com");
        Box::new(move || drop(std::hint::black_box(build_invite_email(&request))))
    });
    assert_linear("an email with a long summary", 500, &|n| {
        let ics = format!(
            "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nATTENDEE:mailto:b@example.com\r\nSUMMARY:{}\r\nEND:VCALENDAR\r\n",
            "é ".repeat(n * 20)
        );
        let request = EmailRequest::new(InviteSource::Calendar(ics), "a@example.com");
        Box::new(move || drop(std::hint::black_box(build_invite_email(&request))))
    });
    // The reader joins folded lines as it goes: a SUMMARY folded into thousands of pieces, with
    // bare LF and lone CR line ends to normalize.
    assert_linear("an email of a summary folded into many lines", 500, &|n| {
        let folded = "\n é\r\t,".repeat(n * 20);
        let ics = format!("BEGIN:VCALENDAR\nATTENDEE:mailto:b@example.com\nSUMMARY:x{folded}\rEND:VCALENDAR");
        let request = EmailRequest::new(InviteSource::Calendar(ics), "a@example.com");
        Box::new(move || drop(std::hint::black_box(build_invite_email(&request))))
    });
    // The boundaries are looked for at each `=` of the bodies: bodies full of near misses.
    assert_linear("an email whose bodies are full of boundary-like text", 500, &|n| {
        let near = "=_mixed_=_alt_0123456789abcdef=\n".repeat(n * 10);
        let ics = format!("BEGIN:VCALENDAR\r\nATTENDEE:mailto:b@example.com\r\nX-A:{near}END:VCALENDAR\r\n");
        let mut request = EmailRequest::new(InviteSource::Calendar(ics), "a@example.com");
        (request.text, request.html) = (Some(near.clone()), Some(near));
        Box::new(move || drop(std::hint::black_box(build_invite_email(&request))))
    });
    // Every `to` given is parsed and named by its place (`to[i]`) for its error.
    assert_linear("an email to many given addresses", 500, &|n| {
        let ics = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".to_owned();
        let mut request = EmailRequest::new(InviteSource::Calendar(ics), "a@example.com");
        request.to = (0..n * 10).map(|i| format!("Person {i} <p{i}@example.com>")).collect();
        Box::new(move || drop(std::hint::black_box(build_invite_email(&request))))
    });
}
