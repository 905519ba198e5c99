//! What a response of the API means: one [`ApiError`] with a [`ErrorKind`] for every way a call
//! can fail, and the rule for which base URLs the client may send a client secret to.
//!
//! The kinds follow the status codes Cronofy documents (401, 402, 403, 404, 422, 429, 5xx) and
//! add the failures that never reach a status: a timeout, a network failure, a body that is not
//! what the API sends. A 422 carries the server's `errors` map, which has the same shape as the
//! map the local validation produces, so one handler shows both.
//!
//! ```
//! use smart_invite::client::{classify_response, ErrorKind, HttpResponse};
//! let response = HttpResponse { status: 429, body: "", request_id: Some("req-1"), retry_after: Some("2") };
//! let err = classify_response(&response, chrono::DateTime::UNIX_EPOCH).unwrap_err();
//! assert_eq!(err.kind, ErrorKind::RateLimited);
//! assert_eq!(err.retry_after_ms, Some(2_000));
//! assert_eq!(err.request_id.as_deref(), Some("req-1"));
//! ```

use std::fmt;

use chrono::{DateTime, Utc};

use super::retry_after::parse_retry_after;
use crate::validate::{Issue, IssueKey, Issues};

/// Every way a call of the API can fail; [`ErrorKind::as_str`] is the `kind` of the JS
/// `SmartInviteError`.
///
/// ```
/// assert_eq!(smart_invite::client::ErrorKind::PaymentRequired.as_str(), "payment_required");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The payload is invalid: found locally (nothing was sent) or by the server (400, 422).
    Validation,
    /// 401: the client secret was not recognised.
    Unauthorized,
    /// 402: the application's plan does not include Smart Invites.
    PaymentRequired,
    /// 403: the credentials lack the permission.
    Forbidden,
    /// 404: no such invite (or a wrong base URL).
    NotFound,
    /// 429: too many requests; `retry_after_ms` says when to try again, if the server said.
    RateLimited,
    /// 5xx: the API failed.
    Server,
    /// No complete response within the timeout.
    Timeout,
    /// The API could not be reached (DNS, refused or reset connection, TLS).
    Network,
    /// A response the client cannot use: not JSON, an unexpected shape or status, a redirect.
    InvalidResponse,
}

/// `(kind, name, retried)`, one row each.
const KINDS: [(ErrorKind, &str, bool); 10] = [
    (ErrorKind::Validation, "validation", false),
    (ErrorKind::Unauthorized, "unauthorized", false),
    (ErrorKind::PaymentRequired, "payment_required", false),
    (ErrorKind::Forbidden, "forbidden", false),
    (ErrorKind::NotFound, "not_found", false),
    (ErrorKind::RateLimited, "rate_limited", true),
    (ErrorKind::Server, "server", true),
    (ErrorKind::Timeout, "timeout", true),
    (ErrorKind::Network, "network", true),
    (ErrorKind::InvalidResponse, "invalid_response", false),
];

impl ErrorKind {
    /// Every kind, in the order of the table above.
    ///
    /// ```
    /// assert_eq!(smart_invite::client::ErrorKind::ALL.len(), 10);
    /// ```
    pub const ALL: [ErrorKind; 10] = [
        Self::Validation,
        Self::Unauthorized,
        Self::PaymentRequired,
        Self::Forbidden,
        Self::NotFound,
        Self::RateLimited,
        Self::Server,
        Self::Timeout,
        Self::Network,
        Self::InvalidResponse,
    ];

    fn row(self) -> &'static (ErrorKind, &'static str, bool) {
        &KINDS[self as usize]
    }

    /// The stable name, as the JS error's `kind`.
    ///
    /// ```
    /// assert_eq!(smart_invite::client::ErrorKind::InvalidResponse.as_str(), "invalid_response");
    /// ```
    pub fn as_str(self) -> &'static str {
        self.row().1
    }

    /// Whether a failure of this kind is worth another attempt: a rate limit, a server error, a
    /// network failure or a timeout. The others give the same response every time.
    ///
    /// ```
    /// use smart_invite::client::ErrorKind;
    /// assert!(ErrorKind::Server.is_retryable());
    /// assert!(!ErrorKind::Unauthorized.is_retryable());
    /// ```
    pub fn is_retryable(self) -> bool {
        self.row().2
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failed call: what kind of failure, a sentence a person can act on, and what the server
/// told about it. The message never holds the client secret: it is built from the status, the
/// error map and at most [`BODY_EXCERPT_CHARS`] characters of an unusable body.
///
/// ```
/// let err = smart_invite::client::ApiError::timeout(10_000);
/// assert_eq!(err.kind, smart_invite::client::ErrorKind::Timeout);
/// assert!(err.message.contains("10000 ms"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// What kind of failure this is.
    pub kind: ErrorKind,
    /// What happened and what to do about it.
    pub message: String,
    /// The HTTP status, when a response came.
    pub status: Option<u16>,
    /// The field errors (kind [`ErrorKind::Validation`]).
    pub errors: Option<Issues>,
    /// The server's request id header, when present (quote it to Cronofy's support).
    pub request_id: Option<String>,
    /// How long the server asked to wait before trying again (`Retry-After`).
    pub retry_after_ms: Option<u64>,
}

/// How many characters of an unusable body an error message quotes.
pub const BODY_EXCERPT_CHARS: usize = 200;

/// The headers a request id is read from, first found wins (the name Cronofy uses is not
/// documented; these are the common ones).
pub const REQUEST_ID_HEADERS: [&str; 3] = ["x-request-id", "request-id", "cronofy-request-id"];

impl ApiError {
    fn new(kind: ErrorKind, message: String) -> Self {
        Self { kind, message, status: None, errors: None, request_id: None, retry_after_ms: None }
    }

    /// The payload failed the local validation: nothing was sent.
    ///
    /// ```
    /// let v = smart_invite::validate_json(r#"{"smart_invite_id":"x"}"#);
    /// let err = smart_invite::client::ApiError::invalid_payload(v.errors);
    /// assert!(err.message.starts_with("The invite is invalid, nothing was sent: recipient:"));
    /// ```
    pub fn invalid_payload(errors: Issues) -> Self {
        let message = format!("The invite is invalid, nothing was sent: {}", summarize(&errors));
        Self { errors: Some(errors), ..Self::new(ErrorKind::Validation, message) }
    }

    /// No complete response came within `timeout_ms`.
    ///
    /// ```
    /// assert_eq!(smart_invite::client::ApiError::timeout(5).status, None);
    /// ```
    pub fn timeout(timeout_ms: u64) -> Self {
        let message = format!(
            "The API did not answer within {timeout_ms} ms (the timeoutMs option); the request may or may not \
             have been processed, and sending it again is safe."
        );
        Self::new(ErrorKind::Timeout, message)
    }

    /// The API could not be reached; `detail` says why (the runtime's own words).
    ///
    /// ```
    /// let err = smart_invite::client::ApiError::network("http://127.0.0.1:9", "connection refused");
    /// assert!(err.message.contains("127.0.0.1:9"));
    /// ```
    pub fn network(base_url: &str, detail: &str) -> Self {
        let detail = excerpt(detail);
        Self::new(ErrorKind::Network, format!("Could not reach the API at {base_url}: {detail}."))
    }

    /// A 2xx response whose body is not an invite: `detail` says what was wrong with it.
    ///
    /// ```
    /// let err = smart_invite::client::ApiError::unusable_body(200, "<html>", "it is not JSON");
    /// assert_eq!(err.kind, smart_invite::client::ErrorKind::InvalidResponse);
    /// assert_eq!(err.status, Some(200));
    /// ```
    pub fn unusable_body(status: u16, body: &str, detail: &str) -> Self {
        let message = format!("The API answered HTTP {status} but {detail}: {}", quote(body));
        Self { status: Some(status), ..Self::new(ErrorKind::InvalidResponse, message) }
    }

    /// Says how many attempts were made, for a failure that ended the retries.
    ///
    /// ```
    /// let err = smart_invite::client::ApiError::timeout(5).after_attempts(3);
    /// assert!(err.message.ends_with("(3 attempts)."));
    /// ```
    pub fn after_attempts(mut self, attempts: u32) -> Self {
        if attempts > 1 {
            let message = self.message.trim_end_matches('.');
            self.message = format!("{message} ({attempts} attempts).");
        }
        self
    }

    /// Replaces the secret in the message and the request id (a last line of defence: a proxy
    /// or a runtime could echo a header into a body or an error text). A secret of 8 characters
    /// or more is replaced wherever it appears; a shorter one (not a real client secret, but a
    /// test's) only where no letter or digit touches it, so that `"s"` does not turn every "is"
    /// into "i\[redacted\]".
    ///
    /// ```
    /// use smart_invite::client::ApiError;
    /// let err = ApiError::network("https://x", "bad header Bearer s3cret-key").redact("s3cret-key");
    /// assert!(!err.message.contains("s3cret-key"));
    /// let err = ApiError::network("https://x", "this is Bearer s").redact("s");
    /// assert!(err.message.contains("this is Bearer [redacted]"));
    /// ```
    pub fn redact(mut self, secret: &str) -> Self {
        if let Some(message) = redacted(&self.message, secret) {
            self.message = message;
        }
        if let Some(id) = self.request_id.as_deref().and_then(|id| redacted(id, secret)) {
            self.request_id = Some(id);
        }
        self
    }
}

/// `text` with `secret` replaced (see [`ApiError::redact`]), or `None` when it does not appear.
fn redacted(text: &str, secret: &str) -> Option<String> {
    if secret.is_empty() || !text.contains(secret) {
        return None;
    }
    if secret.chars().count() >= 8 {
        return Some(text.replace(secret, "[redacted]"));
    }
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(secret) {
        let (before, after) = (&rest[..at], &rest[at + secret.len()..]);
        let previous = before.chars().next_back().or_else(|| out.chars().next_back());
        let whole = !word(previous) && !word(after.chars().next());
        out.push_str(before);
        out.push_str(if whole { "[redacted]" } else { secret });
        rest = after;
    }
    out.push_str(rest);
    (out != text).then_some(out)
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiError {}

/// The parts of an HTTP response that decide its meaning.
///
/// ```
/// let response = smart_invite::client::HttpResponse { status: 200, body: "{}", request_id: None, retry_after: None };
/// assert!(smart_invite::client::classify_response(&response, chrono::DateTime::UNIX_EPOCH).is_ok());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpResponse<'a> {
    /// The status code.
    pub status: u16,
    /// The body as text.
    pub body: &'a str,
    /// The first of [`REQUEST_ID_HEADERS`] present.
    pub request_id: Option<&'a str>,
    /// The `Retry-After` header.
    pub retry_after: Option<&'a str>,
}

/// Maps a response to `Ok(())` (any 2xx: the body is then parsed as an invite) or the error it
/// means. `now` is the time the response came, to read a `Retry-After` given as a date.
///
/// ```
/// use smart_invite::client::{classify_response, ErrorKind, HttpResponse};
/// let body = r#"{"errors":{"event.summary":[{"key":"errors.required","description":"summary must be specified"}]}}"#;
/// let response = HttpResponse { status: 422, body, request_id: None, retry_after: None };
/// let err = classify_response(&response, chrono::DateTime::UNIX_EPOCH).unwrap_err();
/// assert_eq!(err.kind, ErrorKind::Validation);
/// assert!(err.errors.unwrap().get("event.summary").is_some());
/// ```
pub fn classify_response(response: &HttpResponse<'_>, now: DateTime<Utc>) -> Result<(), ApiError> {
    let status = response.status;
    if (200..300).contains(&status) {
        return Ok(());
    }
    let mut err = match status {
        400 | 422 => refused(status, response.body),
        401 => ApiError::new(
            ErrorKind::Unauthorized,
            "The API did not recognise the client secret (HTTP 401): check the secret and that it belongs to \
             this data center."
                .into(),
        ),
        402 => ApiError::new(
            ErrorKind::PaymentRequired,
            "The Cronofy plan of this application does not include Smart Invites (HTTP 402).".into(),
        ),
        403 => ApiError::new(
            ErrorKind::Forbidden,
            "The client secret is not allowed to use Smart Invites (HTTP 403).".into(),
        ),
        404 => ApiError::new(
            ErrorKind::NotFound,
            "Not found (HTTP 404): no Smart Invite has this id and recipient, or the base URL is wrong.".into(),
        ),
        429 => ApiError::new(ErrorKind::RateLimited, "The API rate limit was reached (HTTP 429).".into()),
        500..=599 => ApiError::new(ErrorKind::Server, format!("The API failed with HTTP {status}; try again later.")),
        300..=399 | 0 => ApiError::new(
            ErrorKind::InvalidResponse,
            format!(
                "The API answered with a redirect (HTTP {status}), which is not followed with a client secret \
                 attached: set baseUrl to the final address."
            ),
        ),
        _ => ApiError::new(
            ErrorKind::InvalidResponse,
            format!("The API answered with an unexpected HTTP {status}: {}", quote(response.body)),
        ),
    };
    err.status = Some(status);
    err.request_id = response.request_id.map(|id| excerpt(id.trim()).into_owned()).filter(|id| !id.is_empty());
    if matches!(err.kind, ErrorKind::RateLimited | ErrorKind::Server) {
        err.retry_after_ms = response.retry_after.and_then(|value| parse_retry_after(value, now));
    }
    Err(err)
}

/// A 400 or 422: the server refused the payload. The `errors` map is kept as the server sent
/// it; a body without one still gives a validation error, with the body quoted.
fn refused(status: u16, body: &str) -> ApiError {
    let errors = match super::parse_error_body(body.as_bytes()) {
        Some(errors) if !errors.is_empty() => errors,
        _ => {
            let mut errors = Issues::default();
            let description = format!("The API refused the request (HTTP {status}): {}", quote(body));
            errors.push("", Issue::new(IssueKey::Refused, description));
            errors
        }
    };
    let message = format!("The API refused the invite (HTTP {status}): {}", summarize(&errors));
    ApiError { errors: Some(errors), ..ApiError::new(ErrorKind::Validation, message) }
}

/// The first issue in a sentence, and how many more there are.
fn summarize(errors: &Issues) -> String {
    let mut all = errors.iter().flat_map(|(path, list)| list.iter().map(move |issue| (path, issue)));
    let Some((path, first)) = all.next() else {
        return "no details were given.".into();
    };
    let description = excerpt(first.description.trim_end_matches('.'));
    let head = if path.is_empty() { description.into_owned() } else { format!("{path}: {description}") };
    match all.count() {
        0 => format!("{head}."),
        1 => format!("{head}; and 1 more problem (see errors)."),
        more => format!("{head}; and {more} more problems (see errors)."),
    }
}

/// At most [`BODY_EXCERPT_CHARS`] characters, cut on a character boundary.
fn excerpt(text: &str) -> std::borrow::Cow<'_, str> {
    crate::validate::excerpt(text, BODY_EXCERPT_CHARS)
}

/// A body quoted for a message: JSON-escaped so control characters cannot garble a log line.
fn quote(body: &str) -> String {
    if body.trim().is_empty() {
        return "the body is empty.".into();
    }
    let quoted = serde_json::to_string(&excerpt(body)).unwrap_or_default();
    format!("body {quoted}.")
}

/// Checks a `baseUrl` option and returns it without a trailing slash. Accepted: `https:` to any
/// host, and plain `http:` only to a loopback host (`localhost`, `127.x.x.x`, `[::1]`), since
/// anything else would send the client secret in clear text. User info, a query or a fragment
/// are refused (they would be mangled by appending the API path).
///
/// ```
/// use smart_invite::client::check_base_url;
/// assert_eq!(check_base_url("https://api-uk.cronofy.com/").unwrap(), "https://api-uk.cronofy.com");
/// assert_eq!(check_base_url("http://127.0.0.1:8787").unwrap(), "http://127.0.0.1:8787");
/// assert!(check_base_url("http://api.cronofy.com").unwrap_err().contains("https"));
/// ```
pub fn check_base_url(url: &str) -> Result<String, String> {
    let trimmed = url.trim();
    let refuse = |why: &str| Err(format!("baseUrl {:?} is not accepted: {why}", excerpt(trimmed)));
    let Some((scheme, rest)) = trimmed.split_once("://") else {
        return refuse("it must be an absolute URL such as https://api.cronofy.com.");
    };
    let secure = match scheme.to_ascii_lowercase().as_str() {
        "https" => true,
        "http" => false,
        _ => return refuse("only https: is allowed (or http: to a loopback host, for tests)."),
    };
    if rest.contains(['?', '#']) {
        return refuse("it must not have a query or a fragment.");
    }
    if rest.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return refuse("it contains white space or control characters.");
    }
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.contains('@') {
        return refuse("it must not hold user information; the client secret is the only credential.");
    }
    let Some(host) = host_of(authority) else {
        return refuse("the host or port is malformed.");
    };
    if !secure && !crate::validate::formats::is_loopback(host) {
        return refuse("plain http: would send the client secret unencrypted; use https: (http: is only for loopback hosts such as 127.0.0.1).");
    }
    Ok(format!("{}://{}", scheme.to_ascii_lowercase(), rest.trim_end_matches('/')))
}

/// The host of `host[:port]` or `[ipv6][:port]` (brackets kept), if the authority is well formed.
fn host_of(authority: &str) -> Option<&str> {
    let (host, port) = match authority.strip_prefix('[') {
        Some(bracketed) => {
            let (inside, after) = bracketed.split_once(']')?;
            let host = &authority[..inside.len() + 2];
            match after {
                "" => (host, None),
                _ => (host, Some(after.strip_prefix(':')?)),
            }
        }
        None => match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.parse::<u16>().is_ok());
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let host_ok = !bare.is_empty() && bare.chars().all(|c| c.is_ascii_alphanumeric() || "-._:".contains(c));
    (port_ok && host_ok).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, body: &str) -> HttpResponse<'_> {
        HttpResponse { status, body, request_id: None, retry_after: None }
    }

    fn kind_of(status: u16) -> Option<ErrorKind> {
        classify_response(&response(status, ""), DateTime::UNIX_EPOCH).err().map(|e| e.kind)
    }

    #[test]
    fn table_rows_match_their_variant() {
        for kind in ErrorKind::ALL {
            assert_eq!(kind.row().0, kind);
        }
    }

    #[test]
    fn statuses_map_to_kinds() {
        use ErrorKind::*;
        let table = [
            (200, None),
            (202, None),
            (204, None),
            (400, Some(Validation)),
            (401, Some(Unauthorized)),
            (402, Some(PaymentRequired)),
            (403, Some(Forbidden)),
            (404, Some(NotFound)),
            (422, Some(Validation)),
            (423, Some(InvalidResponse)),
            (429, Some(RateLimited)),
            (500, Some(Server)),
            (503, Some(Server)),
            (599, Some(Server)),
            (301, Some(InvalidResponse)),
            (0, Some(InvalidResponse)),
            (100, Some(InvalidResponse)),
            (600, Some(InvalidResponse)),
        ];
        for (status, kind) in table {
            assert_eq!(kind_of(status), kind, "HTTP {status}");
        }
    }

    #[test]
    fn server_422_keeps_the_error_map() {
        let body = r#"{"errors":{"event.summary":[{"key":"errors.required","description":"summary must be specified"}],
            "recipient.email":[{"key":"errors.invalid","description":"is not an email"}]},"extra":1}"#;
        let err = classify_response(&response(422, body), DateTime::UNIX_EPOCH).unwrap_err();
        let errors = err.errors.unwrap();
        assert_eq!(errors.get("event.summary").unwrap()[0].key, "errors.required");
        assert_eq!(errors.get("recipient.email").unwrap()[0].description, "is not an email");
        assert_eq!(
            err.message,
            "The API refused the invite (HTTP 422): event.summary: summary must be specified; and 1 more problem \
             (see errors)."
        );
        assert_eq!(err.status, Some(422));
    }

    #[test]
    fn a_422_without_an_error_map_is_still_a_validation_error() {
        for body in ["", "oops", r#"{"errors":{}}"#, r#"{"errors":[1]}"#] {
            let err = classify_response(&response(422, body), DateTime::UNIX_EPOCH).unwrap_err();
            assert_eq!(err.kind, ErrorKind::Validation);
            let errors = err.errors.unwrap();
            assert_eq!(errors.len(), 1, "{body:?}");
            assert!(errors.has("", IssueKey::Refused), "{body:?}");
        }
    }

    #[test]
    fn retry_after_and_request_id_are_read() {
        let r = HttpResponse { status: 503, body: "", request_id: Some(" abc "), retry_after: Some("4") };
        let err = classify_response(&r, DateTime::UNIX_EPOCH).unwrap_err();
        assert_eq!((err.retry_after_ms, err.request_id.as_deref()), (Some(4_000), Some("abc")));
        let r = HttpResponse { status: 404, body: "", request_id: Some(""), retry_after: Some("4") };
        let err = classify_response(&r, DateTime::UNIX_EPOCH).unwrap_err();
        assert_eq!((err.retry_after_ms, err.request_id), (None, None));
    }

    #[test]
    fn bodies_are_quoted_short_and_escaped() {
        let body = format!("\u{1b}[31m{}", "é".repeat(500));
        let err = classify_response(&response(418, &body), DateTime::UNIX_EPOCH).unwrap_err();
        assert!(err.message.contains("\\u001b[31m"));
        assert!(err.message.chars().count() < 300);
        let err = ApiError::unusable_body(200, "   ", "it is not JSON");
        assert_eq!(err.message, "The API answered HTTP 200 but it is not JSON: the body is empty.");
    }

    #[test]
    fn local_validation_summary() {
        let v = crate::validate_json(r#"{"smart_invite_id":"x","recipient":{"email":"nope"}}"#);
        let err = ApiError::invalid_payload(v.errors);
        assert_eq!(err.kind, ErrorKind::Validation);
        assert!(
            err.message.starts_with("The invite is invalid, nothing was sent: recipient.email:"),
            "{}",
            err.message
        );
        let err = ApiError::invalid_payload(Issues::default());
        assert!(err.message.ends_with("no details were given."));
    }

    #[test]
    fn redaction_covers_message_and_request_id() {
        let mut err = ApiError::network("https://x", "echo s3cret s3cret");
        err.request_id = Some("id-s3cret".into());
        let err = err.redact("s3cret").redact("");
        assert_eq!(err.message, "Could not reach the API at https://x: echo [redacted] [redacted].");
        assert_eq!(err.request_id.as_deref(), Some("id-[redacted]"));
        // A secret too short to be a real one is replaced only where it stands apart.
        let err = ApiError::network("https://x", "this is: s, s-1 and sss").redact("s");
        assert_eq!(err.message, "Could not reach the API at https://x: this is: [redacted], [redacted]-1 and sss.");
    }

    #[test]
    fn base_urls() {
        let ok = [
            ("https://api.cronofy.com", "https://api.cronofy.com"),
            ("HTTPS://api.cronofy.com:443/", "https://api.cronofy.com:443"),
            ("https://proxy.example.com/cronofy/", "https://proxy.example.com/cronofy"),
            ("http://localhost:8787", "http://localhost:8787"),
            ("http://LOCALHOST.", "http://LOCALHOST."),
            ("http://127.0.0.1:1/", "http://127.0.0.1:1"),
            ("http://127.8.9.10", "http://127.8.9.10"),
            ("http://[::1]:8787", "http://[::1]:8787"),
            (" https://[2001:db8::1] ", "https://[2001:db8::1]"),
        ];
        for (input, expected) in ok {
            assert_eq!(check_base_url(input).as_deref(), Ok(expected), "{input}");
        }
        let refused = [
            ("api.cronofy.com", "absolute URL"),
            ("ftp://api.cronofy.com", "only https"),
            ("http://api.cronofy.com", "unencrypted"),
            ("http://128.0.0.1", "unencrypted"),
            ("http://localhost.evil.com", "unencrypted"),
            ("http://[::2]", "unencrypted"),
            ("https://user:pw@api.cronofy.com", "user information"),
            ("http://127.0.0.1@evil.com", "user information"),
            ("https://api.cronofy.com/?x=1", "query"),
            ("https://api.cronofy.com#top", "fragment"),
            ("https://", "malformed"),
            ("https://:80", "malformed"),
            ("https://api.cronofy.com:99999", "malformed"),
            ("https://api.cronofy.com:", "malformed"),
            ("https://[::1", "malformed"),
            ("https://[::1]x", "malformed"),
            ("https://a b.com", "white space"),
            ("https://a%20b.com", "malformed"),
        ];
        for (input, why) in refused {
            let err = check_base_url(input).unwrap_err();
            assert!(err.contains(why), "{input}: {err}");
        }
    }
}
