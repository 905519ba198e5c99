//! `SmartInviteClient`: sends invites with the host's `fetch` (the global one, or the one the
//! caller injects), after the core has validated and normalized them.
//!
//! One call is: check and normalize the payload (nothing is sent when it is invalid), then up
//! to `maxRetries + 1` attempts, each bounded by `timeoutMs` (a timer races every step and
//! aborts the fetch through an `AbortController` when it fires), with the waits
//! between them from [`RetryPolicy`], then the answer mapped by [`classify_response`] and read by
//! [`parse_answer`]. Every failure is one `SmartInviteError`.
//!
//! Every attempt of every call on one client first waits for its slot under the client's rate
//! limit (`rateLimit`, Cronofy's 50/s and 500/min by default): the [`Pacer`] decides, this
//! module only awaits the timers; a 429 pauses the pacer, so every call on the client waits.
//!
//! The client secret lives in wasm memory only: the JS object holds a pointer, so
//! `JSON.stringify`, `util.inspect` and `toString` cannot show it, and every error message is
//! built from the status and the body, then redacted once more.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use js_sys::{Array, Function, Object, Promise, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{AbortController, AbortSignal, RequestInit, Response};

use super::{json_text, smart_invite_error, to_js};
use crate::client::{
    check_base_url, classify_response, parse_answer, prepare_invite, read_query, ApiError, Call, ErrorKind,
    HttpResponse, Pacer, PacingCheck, RateLimit, ResponseError, RetryPolicy, REQUEST_ID_HEADERS,
};
use crate::{DataCenter, Method};

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` (Node 18+, Deno, Bun, workerd, browsers): `web_sys::window()` is
    /// `None` outside browsers, so the global is bound directly.
    #[wasm_bindgen(js_name = fetch, catch)]
    fn global_fetch(url: &str, init: &RequestInit) -> Result<Promise, JsValue>;

    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout_with_arg(handler: &Function, ms: f64, arg: &JsValue) -> JsValue;

    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);

    /// A monotonic clock in milliseconds (every runtime the package supports has it).
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// The path of every call.
const API_PATH: &str = "/v1/smart_invites";

/// The options the constructor takes; anything else is refused (a typo such as `timeout`
/// would otherwise be ignored without a word).
const OPTIONS: [&str; 10] = [
    "clientSecret",
    "dataCenter",
    "baseUrl",
    "timeoutMs",
    "maxRetries",
    "fetch",
    "allowBrowser",
    "retryDelayMs",
    "maxRetryAfterMs",
    "rateLimit",
];

/// `(option, least, most)` for the numeric options, in milliseconds or a count.
const LIMITS: [(&str, u64, u64); 4] = [
    // setTimeout's own limit: 2^31 - 1 ms.
    ("timeoutMs", 1, 2_147_483_647),
    ("maxRetries", 0, 10),
    ("retryDelayMs", 0, 60_000),
    ("maxRetryAfterMs", 0, 3_600_000),
];

/// The default time each attempt may take.
const DEFAULT_TIMEOUT_MS: u64 = 10_000;

/// `(field, least, most)` of the `rateLimit` option: requests per second and per minute, and
/// the margin in milliseconds.
const RATE_FIELDS: [(&str, u64, u64); 3] = [("perSecond", 1, 10_000), ("perMinute", 1, 600_000), ("marginMs", 0, 999)];

/// How long a 429 without `Retry-After` pauses the client: the per-second window.
const DEFAULT_PAUSE_MS: u64 = 1_000;

struct Config {
    secret: String,
    base_url: String,
    data_center: DataCenter,
    timeout_ms: u64,
    policy: RetryPolicy,
    fetch: Option<Function>,
    /// `None` with `rateLimit: false`.
    pacer: Option<RefCell<Pacer>>,
    rate: Option<RateLimit>,
}

/// Sends Smart Invites to the Cronofy API (see the README, "Sending invites").
///
/// ```js
/// const client = new SmartInviteClient({ clientSecret: process.env.CRONOFY_CLIENT_SECRET, dataCenter: "uk" });
/// const invite = await client.upsert({ smart_invite_id: "interview-42", recipient: { email: "ann@example.com" },
///   event: { summary: "Interview", start: "2026-04-29T09:30:00Z", end: "2026-04-29T10:00:00Z", tzid: "Europe/London" } });
/// invite.attachments.icalendar; // the .ics to email
/// ```
#[wasm_bindgen(js_name = SmartInviteClient, skip_typescript)]
pub struct SmartInviteClient {
    config: Rc<Config>,
}

#[wasm_bindgen(js_class = SmartInviteClient)]
impl SmartInviteClient {
    /// Checks the options; throws `SmartInviteError` kind `invalid_options`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<SmartInviteClient, JsValue> {
        let config =
            read_options(&options).map_err(|message| smart_invite_error("invalid_options", &message).into_js())?;
        Ok(Self { config: Rc::new(config) })
    }

    /// Creates or updates an invite (`method: "request"`).
    pub fn upsert(&self, payload: JsValue) -> Promise {
        self.post(payload, Method::Request)
    }

    /// Cancels an invite for its recipient(s) (`method: "cancel"`).
    pub fn cancel(&self, payload: JsValue) -> Promise {
        self.post(payload, Method::Cancel)
    }

    /// Removes one recipient from a multi-recipient invite (`method: "remove"`).
    #[wasm_bindgen(js_name = removeRecipient)]
    pub fn remove_recipient(&self, payload: JsValue) -> Promise {
        self.post(payload, Method::Remove)
    }

    /// Reads an invite: `{ smart_invite_id, recipient_email?, include_ics? }`.
    pub fn get(&self, params: JsValue) -> Promise {
        let config = Rc::clone(&self.config);
        future_to_promise(async move {
            let read = json_text(&params, "The read parameters").and_then(|text| read_query(&text));
            let read = read.map_err(|errors| throw(ApiError::invalid_payload(errors), None, &config.secret))?;
            let url = format!("{}{API_PATH}{}", config.base_url, read.text);
            send(&config, read.call, "GET", &url, None).await
        })
    }

    /// What the client sends to, without the secret.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> JsValue {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Shown<'a> {
            base_url: &'a str,
            data_center: &'a str,
            timeout_ms: u64,
            max_retries: u32,
            rate_limit: serde_json::Value,
        }
        let c = &self.config;
        let rate_limit = match c.rate {
            Some(rate) => serde_json::json!({
                "perSecond": rate.per_second, "perMinute": rate.per_minute, "marginMs": rate.margin_ms,
            }),
            None => serde_json::Value::Bool(false),
        };
        let shown = Shown {
            base_url: &c.base_url,
            data_center: c.data_center.id(),
            timeout_ms: c.timeout_ms,
            max_retries: c.policy.max_retries,
            rate_limit,
        };
        to_js(&shown)
    }

    /// `SmartInviteClient(https://api.cronofy.com)`.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        format!("SmartInviteClient({})", self.config.base_url)
    }

    fn post(&self, payload: JsValue, method: Method) -> Promise {
        let config = Rc::clone(&self.config);
        future_to_promise(async move {
            let request = json_text(&payload, "The invite")
                .and_then(|text| prepare_invite(&text, method, config.data_center))
                .map_err(|errors| throw(ApiError::invalid_payload(errors), None, &config.secret))?;
            let url = format!("{}{API_PATH}", config.base_url);
            send(&config, request.call, "POST", &url, Some(&request.text)).await
        })
    }
}

/// A failed attempt: the error, and the JS exception behind it when there is one.
struct Failure {
    error: ApiError,
    cause: Option<JsValue>,
}

impl From<ApiError> for Failure {
    fn from(error: ApiError) -> Self {
        Self { error, cause: None }
    }
}

/// Every attempt of one call, each in its slot under the rate limit, with the waits between them.
async fn send(config: &Config, call: Call, method: &str, url: &str, body: Option<&str>) -> Result<JsValue, JsValue> {
    let mut retry = 0;
    loop {
        pace(config).await;
        let failure = match attempt(config, call, method, url, body).await {
            Ok(invite) => return Ok(invite),
            Err(failure) => failure,
        };
        let kind = failure.error.kind;
        if let (ErrorKind::RateLimited, Some(pacer)) = (kind, &config.pacer) {
            // Every call on this client waits, not only this one.
            let pause = failure.error.retry_after_ms.unwrap_or(DEFAULT_PAUSE_MS);
            pacer.borrow_mut().pause(performance_now(), pause as f64);
        }
        match config.policy.delay_before_retry(retry, kind, failure.error.retry_after_ms, js_sys::Math::random()) {
            Some(wait) => {
                // The timer promise only resolves.
                let _ = sleep(wait).await;
                retry += 1;
            }
            None => {
                let error = failure.error.after_attempts(retry + 1);
                return Err(throw(error, failure.cause.as_ref(), &config.secret));
            }
        }
    }
}

thread_local! {
    /// The transport the package entry registered for its runtime (Node: `node:http`, see
    /// `pkg/lib/node-http.cjs`), used when the caller injects no `fetch`.
    static DEFAULT_FETCH: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Registers a fetch-shaped transport used instead of the global `fetch` (internal: the Node
/// entry registers one on `node:http`, measured at a third of the CPU of Node 20's fetch).
///
/// ```js
/// __setDefaultFetch(nodeHttpFetch); // (url, init) => Promise<{ status, headers: { get }, text() }>
/// ```
#[wasm_bindgen(js_name = __setDefaultFetch, skip_typescript)]
pub fn set_default_fetch(fetch: Function) {
    DEFAULT_FETCH.with(|slot| *slot.borrow_mut() = Some(fetch));
}

/// One request and its answer, within the timeout.
///
/// `fetch(url, init)` rather than `fetch(new Request(...))`: Node's fetch turns the body of a
/// `Request` object into a stream and uploads it chunked, which measured about 300 µs of CPU
/// more per call; an `AbortController` aborted by our own timer is likewise cheaper in Node
/// than `AbortSignal.timeout`. The answer is read structurally (`status`, `headers.get`,
/// `text()`), so a transport may return a lighter object than a `Response`.
async fn attempt(config: &Config, call: Call, method: &str, url: &str, body: Option<&str>) -> Result<JsValue, Failure> {
    let deadline = Deadline::start(config.timeout_ms).map_err(|cause| network(config, "no AbortController", cause))?;
    let init = request_init(config, method, body, &deadline.controller.signal())
        .map_err(|cause| network(config, "the request could not be built", cause))?;
    let transport = config.fetch.clone().or_else(|| DEFAULT_FETCH.with(|slot| slot.borrow().clone()));
    let fetched = match &transport {
        Some(fetch) => fetch.call2(&JsValue::UNDEFINED, &JsValue::from_str(url), &init).map(|v| Promise::resolve(&v)),
        None => global_fetch(url, &init),
    };
    let fetched = fetched.map_err(|cause| network(config, "fetch threw", cause))?;
    let response = deadline.race(fetched).await.map_err(|cause| deadline.failure(config, "fetch failed", cause))?;
    if !has_method(&response, "text") {
        let error = ApiError::unusable_body(0, "", "fetch resolved to something that is not a Response");
        return Err(ApiError { status: None, ..error }.into());
    }
    let response: Response = response.unchecked_into();
    let text = response.text().map_err(|cause| network(config, "the body could not be read", cause))?;
    let text = deadline
        .race(text)
        .await
        .map_err(|cause| deadline.failure(config, "the connection broke while the answer was read", cause))?;
    let text = text.as_string().unwrap_or_default();
    let headers = response.headers();
    let header = |name: &str| headers.get(name).ok().flatten();
    let request_id = REQUEST_ID_HEADERS.iter().find_map(|name| header(name));
    let retry_after = header("retry-after");
    let answer = HttpResponse {
        status: response.status(),
        body: &text,
        request_id: request_id.as_deref(),
        retry_after: retry_after.as_deref(),
    };
    classify_response(&answer, now())?;
    parse_answer(text.as_bytes(), call).map(|invite| to_js(&invite)).map_err(|e| {
        let what = match &e {
            ResponseError::NotJson { detail, .. } => format!("its body is not JSON ({detail})"),
            ResponseError::NotAnInvite { detail } => format!("its body is not a Smart Invite ({detail})"),
            ResponseError::Incomplete { missing, .. } => {
                format!("its body lacks `{missing}`, which the API always sends for {}()", call.name())
            }
        };
        let mut error = ApiError::unusable_body(answer.status, &text, &what);
        error.request_id = request_id.clone();
        Failure::from(error)
    })
}

/// The `init` of `fetch(url, init)`: method, headers (a plain object, which an injected fetch
/// can spread), body, the abort signal, and no redirects followed.
fn request_init(
    config: &Config,
    method: &str,
    body: Option<&str>,
    signal: &AbortSignal,
) -> Result<RequestInit, JsValue> {
    let headers = Object::new();
    let set = |name: &str, value: &str| Reflect::set(&headers, &name.into(), &value.into());
    set("Authorization", &format!("Bearer {}", config.secret))?;
    set("Accept", "application/json")?;
    let init = RequestInit::new();
    init.set_method(method);
    if let Some(body) = body {
        set("Content-Type", "application/json; charset=utf-8")?;
        init.set_body(&JsValue::from_str(body));
    }
    init.set_headers(&headers);
    init.set_signal(Some(signal));
    // A redirect is reported, never followed: the secret goes only where baseUrl says.
    Reflect::set(&init, &"redirect".into(), &"manual".into())?;
    Ok(init)
}

/// The time limit of one attempt: a timer that rejects with a marker, raced against each step
/// (so even an injected fetch that ignores the signal cannot hang the call), and an
/// `AbortController` aborted when it fires, so the connection is dropped too.
struct Deadline {
    controller: AbortController,
    expired: Promise,
    marker: JsValue,
    timer: JsValue,
    timeout_ms: u64,
}

impl Deadline {
    fn start(timeout_ms: u64) -> Result<Self, JsValue> {
        let ms = u32::try_from(timeout_ms).unwrap_or(u32::MAX);
        let marker: JsValue = Object::new().into();
        let mut timer = JsValue::UNDEFINED;
        let expired = Promise::new(&mut |_resolve, reject| {
            timer = set_timeout_with_arg(&reject, f64::from(ms), &marker);
        });
        Ok(Self { controller: AbortController::new()?, expired, marker, timer, timeout_ms })
    }

    async fn race(&self, work: Promise) -> Result<JsValue, JsValue> {
        JsFuture::from(Promise::race(&Array::of2(&work, &self.expired))).await
    }

    /// A rejected step: a timeout when the time is up (the fetch is then aborted), else a
    /// network failure.
    fn failure(&self, config: &Config, what: &str, cause: JsValue) -> Failure {
        if cause == self.marker || is_abort(&cause) {
            self.controller.abort();
            let cause = (cause != self.marker).then_some(cause);
            return Failure { error: ApiError::timeout(self.timeout_ms), cause };
        }
        network(config, what, cause)
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
    }
}

fn has_method(value: &JsValue, name: &str) -> bool {
    value.is_object() && Reflect::get(value, &name.into()).is_ok_and(|f| f.is_function())
}

fn is_abort(error: &JsValue) -> bool {
    let name = Reflect::get(error, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
    name == "TimeoutError" || name == "AbortError"
}

fn network(config: &Config, what: &str, cause: JsValue) -> Failure {
    let detail = match describe(&cause) {
        Some(why) => format!("{what} ({why})"),
        None => what.to_owned(),
    };
    Failure { error: ApiError::network(&config.base_url, &detail), cause: Some(cause) }
}

/// The runtime's words for a failure: `message`, then the `code` and `message` of its
/// `cause` (Node's fetch says "fetch failed" and puts `ECONNREFUSED` in the cause).
fn describe(error: &JsValue) -> Option<String> {
    let text = |value: &JsValue, field: &str| {
        Reflect::get(value, &field.into()).ok().and_then(|v| v.as_string()).filter(|s| !s.is_empty())
    };
    let mut parts: Vec<String> = Vec::new();
    parts.extend(text(error, "message").or_else(|| error.as_string()));
    if let Some(cause) = Reflect::get(error, &"cause".into()).ok().filter(|c| c.is_object()) {
        parts.extend(text(&cause, "code"));
        parts.extend(text(&cause, "message"));
    }
    parts.dedup();
    (!parts.is_empty()).then(|| parts.join(": "))
}

/// Waits for this request's slot under the client's rate limit: the pacer gives the slot and
/// says, on waking up, whether to go or to take another (see [`Pacer::check`]).
async fn pace(config: &Config) {
    let Some(pacer) = &config.pacer else { return };
    let mut missed = 0;
    loop {
        let now = performance_now();
        let slot = pacer.borrow_mut().reserve(now);
        let now = if slot > now {
            // The timer promise only resolves.
            let _ = sleep((slot - now).ceil() as u64).await;
            performance_now()
        } else {
            now
        };
        match pacer.borrow_mut().check(slot, now, missed) {
            PacingCheck::Send => return,
            PacingCheck::Late => missed += 1,
            PacingCheck::Paused => {}
        }
    }
}

fn sleep(ms: u64) -> JsFuture {
    let promise = Promise::new(&mut |resolve, _reject| {
        set_timeout_with_arg(&resolve, ms as f64, &JsValue::UNDEFINED);
    });
    JsFuture::from(promise)
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or(DateTime::UNIX_EPOCH)
}

/// The JS error for `error`, with the secret taken out of anything that could carry it.
fn throw(error: ApiError, cause: Option<&JsValue>, secret: &str) -> JsValue {
    let error = error.redact(secret);
    let mut builder = smart_invite_error(error.kind.as_str(), &error.message);
    if let Some(errors) = &error.errors {
        builder = builder.errors(errors);
    }
    if let Some(status) = error.status {
        builder = builder.set("status", &JsValue::from(status));
    }
    if let Some(id) = &error.request_id {
        builder = builder.set("requestId", &JsValue::from_str(id));
    }
    if let Some(ms) = error.retry_after_ms {
        builder = builder.set("retryAfterMs", &JsValue::from_f64(ms as f64));
    }
    if let (Some(cause), true) = (cause, matches!(error.kind, ErrorKind::Network | ErrorKind::Timeout)) {
        builder = builder.set("cause", cause);
    }
    builder.into_js()
}

/// Reads and checks the constructor options.
fn read_options(options: &JsValue) -> Result<Config, String> {
    if !options.is_object() {
        return Err("new SmartInviteClient() takes an options object: { clientSecret, dataCenter?, baseUrl?, \
                    timeoutMs?, maxRetries?, fetch?, allowBrowser? }."
            .to_owned());
    }
    let object: &Object = options.unchecked_ref();
    for key in Object::keys(object).iter().filter_map(|k| k.as_string()) {
        if !OPTIONS.contains(&key.as_str()) {
            return Err(format!("Unknown option {key:?}; the options are {}.", OPTIONS.join(", ")));
        }
    }
    let get = |name: &str| field(options, name, &format!("option {name}"));
    let text = |name: &str| -> Result<Option<String>, String> {
        match get(name)? {
            None => Ok(None),
            Some(value) => value.as_string().map(Some).ok_or_else(|| format!("Option {name} must be a string.")),
        }
    };
    let number = |name: &str, default: u64| whole_number(get(name)?, name, default, limits(&LIMITS, name));

    let secret = text("clientSecret")?.filter(|s| !s.trim().is_empty()).ok_or_else(|| {
        "Option clientSecret is required: the client secret of your Cronofy application (keep it on the server)."
            .to_owned()
    })?;
    let allow_browser = match get("allowBrowser")? {
        None => false,
        Some(value) => value.as_bool().ok_or("Option allowBrowser must be true or false.")?,
    };
    if !allow_browser && in_browser() {
        return Err("A client secret in a web page can be read by every visitor, so SmartInviteClient refuses to \
                    run in a browser: send invites from your server. For a page only you use (a local tool, \
                    a test), pass allowBrowser: true."
            .to_owned());
    }
    let data_center = match text("dataCenter")? {
        None => DataCenter::default(),
        Some(id) => id.parse().map_err(|e| format!("Option dataCenter: {e}"))?,
    };
    let base_url = match text("baseUrl")? {
        None => data_center.api_url().to_owned(),
        Some(url) => check_base_url(&url)?,
    };
    let fetch = match get("fetch")? {
        None => None,
        Some(f) => Some(f.dyn_into::<Function>().map_err(|_| "Option fetch must be a function like fetch.")?),
    };
    let defaults = RetryPolicy::default();
    let policy = RetryPolicy {
        max_retries: number("maxRetries", u64::from(defaults.max_retries))? as u32,
        base_delay_ms: number("retryDelayMs", defaults.base_delay_ms)?,
        max_retry_after_ms: number("maxRetryAfterMs", defaults.max_retry_after_ms)?,
        ..defaults
    };
    let timeout_ms = number("timeoutMs", DEFAULT_TIMEOUT_MS)?;
    let rate = read_rate_limit(get("rateLimit")?)?;
    let pacer = rate.map(|rate| RefCell::new(Pacer::new(rate)));
    Ok(Config { secret, base_url, data_center, timeout_ms, policy, fetch, pacer, rate })
}

/// The `rateLimit` option: absent or `true` for Cronofy's limits, `false` for none, or
/// `{ perSecond?, perMinute?, marginMs? }` where a field left out keeps its default.
fn read_rate_limit(value: Option<JsValue>) -> Result<Option<RateLimit>, String> {
    let usage = "Option rateLimit takes { perSecond?, perMinute?, marginMs? } (Cronofy allows 50 per second and \
                 500 per minute unless its support raised them), or false to send without pacing.";
    let defaults = RateLimit::default();
    let Some(value) = value else { return Ok(Some(defaults)) };
    match value.as_bool() {
        Some(true) => return Ok(Some(defaults)),
        Some(false) => return Ok(None),
        None if !value.is_object() => return Err(usage.to_owned()),
        None => {}
    }
    let object: &Object = value.unchecked_ref();
    for key in Object::keys(object).iter().filter_map(|k| k.as_string()) {
        if !RATE_FIELDS.iter().any(|(field, ..)| *field == key) {
            return Err(format!("Unknown rateLimit field {key:?}. {usage}"));
        }
    }
    let number = |name: &str, default: u64| {
        let label = format!("rateLimit.{name}");
        whole_number(field(&value, name, &label)?, &label, default, limits(&RATE_FIELDS, name))
    };
    let count = |name: &str, default: Option<u32>| number(name, default.map_or(0, u64::from)).map(|n| Some(n as u32));
    Ok(Some(RateLimit {
        per_second: count("perSecond", defaults.per_second)?,
        per_minute: count("perMinute", defaults.per_minute)?,
        margin_ms: number("marginMs", defaults.margin_ms as u64)? as f64,
    }))
}

/// The field `name` of an options object, `None` when it is absent, `undefined` or `null`;
/// `label` names it if reading it throws (a getter).
fn field(object: &JsValue, name: &str, label: &str) -> Result<Option<JsValue>, String> {
    let value = Reflect::get(object, &name.into()).map_err(|_| format!("Reading {label} threw."))?;
    Ok((!value.is_undefined() && !value.is_null()).then_some(value))
}

/// The least and most a whole-number option may be, from its row of a table of limits.
fn limits(table: &[(&str, u64, u64)], name: &str) -> (u64, u64) {
    table.iter().find(|row| row.0 == name).map_or((0, u64::MAX), |row| (row.1, row.2))
}

/// A whole-number option: `default` when absent, else a whole number from `least` to `most`,
/// or the message that says which numbers are (`label` names the option).
fn whole_number(value: Option<JsValue>, label: &str, default: u64, (least, most): (u64, u64)) -> Result<u64, String> {
    let Some(value) = value else { return Ok(default) };
    match value.as_f64() {
        Some(n) if n.fract() == 0.0 && n >= least as f64 && n <= most as f64 => Ok(n as u64),
        _ => Err(format!("Option {label} must be a whole number from {least} to {most}.")),
    }
}

/// A page in a browser: a `window` or `document` global (Deno 2 and workers have neither).
fn in_browser() -> bool {
    let global = js_sys::global();
    ["window", "document"]
        .iter()
        .any(|name| Reflect::get(&global, &(*name).into()).is_ok_and(|value| !value.is_undefined() && !value.is_null()))
}
