//! `SmartInviteClient`: sends invites with the host's `fetch` (the global one, or the one the
//! caller injects), after the core has validated and normalized them.
//!
//! One call is: check and normalize the payload (nothing is sent when it is invalid; an invite
//! normalized before, by `upsertMany` or the queue, is sent as it is, without the rules), then the
//! attempts that the core's [`Sending`] asks for, each in its slot under the client's rate limit
//! (`rateLimit`, Cronofy's 50/s and 500/min by default, one [`Pacer`] per client), with the
//! waits between them. [`Sending`] decides every step (the slot, whether to retry and how long
//! to wait, what a response means, the pause after a 429); this module only does what it asks:
//! it awaits the timers, fetches (a timer races every step of an attempt and aborts the fetch
//! through an `AbortController` when it fires) and reads the clock. Every failure is one
//! `SmartInviteError`.
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
    check_base_url, check_invite, prepare_invite, prepare_normalized, read_query, ApiError, Call, ErrorKind,
    HttpResponse, Pacer, Prepared, RateLimit, RetryPolicy, SendAction, SendEvent, Sending, REQUEST_ID_HEADERS,
};
use crate::{DataCenter, Issue, IssueKey, Issues, Method};

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
        self.post_as(payload, Method::Request)
    }

    /// Cancels an invite for its recipient(s) (`method: "cancel"`).
    pub fn cancel(&self, payload: JsValue) -> Promise {
        self.post_as(payload, Method::Cancel)
    }

    /// Removes one recipient from a multi-recipient invite (`method: "remove"`).
    #[wasm_bindgen(js_name = removeRecipient)]
    pub fn remove_recipient(&self, payload: JsValue) -> Promise {
        self.post_as(payload, Method::Remove)
    }

    /// Reads an invite: `{ smart_invite_id, recipient_email?, include_ics? }`.
    pub fn get(&self, params: JsValue) -> Promise {
        let config = Rc::clone(&self.config);
        future_to_promise(async move {
            let read = json_text(&params, "The read parameters").and_then(|text| read_query(&text));
            let read = read.map_err(|errors| invalid(errors, &config))?;
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

    /// Checks `payload` as `upsert` does, without sending it: returns the normalized invite, or
    /// throws the very `SmartInviteError` that `upsert(payload)` rejects with (internal: for
    /// `upsertMany`, which then sends the valid ones with `__sendNormalized`).
    ///
    /// ```js
    /// const invite = client.__checkUpsert(payload); // throws SmartInviteError kind "validation"
    /// ```
    #[wasm_bindgen(js_name = __checkUpsert, skip_typescript)]
    pub fn check_upsert(&self, payload: JsValue) -> Result<JsValue, JsValue> {
        let checked = json_text(&payload, "The invite")
            .and_then(|text| check_invite(&text, Method::Request, self.config.data_center));
        match checked {
            Ok(invite) => Ok(to_js(&invite)),
            Err(errors) => Err(invalid(errors, &self.config)),
        }
    }

    /// Sends an invite that was validated and normalized before (what `__checkUpsert` or
    /// `validateInvite` gave, as is: its `method` says which change it is) without running the
    /// rules again (internal: for `upsertMany` and the queue's worker). Its JSON is sent as it
    /// is; the API checks it (a job corrupted in Redis is refused there). A value without one of
    /// the three methods rejects with a `SmartInviteError` of kind `validation`, unsent.
    ///
    /// ```js
    /// const answer = await client.__sendNormalized(job.data.invite);
    /// ```
    #[wasm_bindgen(js_name = __sendNormalized, skip_typescript)]
    pub fn send_normalized(&self, invite: JsValue) -> Promise {
        let field = |name: &str| Reflect::get(&invite, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
        let method = field("method").as_string();
        let Some(method) = Method::ALL.into_iter().find(|m| Some(m.as_str()) == method.as_deref()) else {
            let mut errors = Issues::default();
            let description = "A normalized invite names its method: request, cancel or remove.";
            errors.push("method", Issue::new(IssueKey::InvalidOption, description));
            return Promise::reject(&invalid(errors, &self.config));
        };
        let multi = !field("recipients").is_undefined();
        self.post(invite, move |text, _| Ok(prepare_normalized(text.to_owned(), method, multi)))
    }

    fn post_as(&self, payload: JsValue, method: Method) -> Promise {
        self.post(payload, move |text, data_center| prepare_invite(text, method, data_center))
    }

    /// Posts what `prepare` makes of `payload`'s JSON text; nothing when it gives errors.
    fn post(
        &self,
        payload: JsValue,
        prepare: impl FnOnce(&str, DataCenter) -> Result<Prepared, Issues> + 'static,
    ) -> Promise {
        let config = Rc::clone(&self.config);
        future_to_promise(async move {
            let request = json_text(&payload, "The invite")
                .and_then(|text| prepare(&text, config.data_center))
                .map_err(|errors| invalid(errors, &config))?;
            let url = format!("{}{API_PATH}", config.base_url);
            send(&config, request.call, "POST", &url, Some(&request.text)).await
        })
    }
}

/// The `SmartInviteError` of a payload that is not sent: kind `validation`, with its error map.
fn invalid(errors: Issues, config: &Config) -> JsValue {
    throw(ApiError::invalid_payload(errors), None, &config.secret)
}

/// What one fetch came to, for the core to read.
enum Fetched {
    /// A response, of any status.
    Response { status: u16, text: String, request_id: Option<String>, retry_after: Option<String> },
    /// No response: the runtime's words, and the exception behind them.
    Network { detail: String, cause: JsValue },
    /// The time was up; the exception behind it when the abort came from the transport.
    Timeout { cause: Option<JsValue> },
    /// The transport resolved to something without `text()`.
    NotAResponse,
}

/// One call: [`Sending`] decides every step (the slot under the rate limit, the attempts, the
/// waits, the result); this only sleeps, fetches and reads the clock.
async fn send(config: &Config, call: Call, method: &str, url: &str, body: Option<&str>) -> Result<JsValue, JsValue> {
    let mut sending = Sending::new(call, config.policy, config.timeout_ms, &config.base_url);
    // The JS exception behind the last attempt's failure, for the error's `cause`.
    let mut cause = None;
    let mut action = step(config, &mut sending, SendEvent::Ready { now: performance_now() });
    loop {
        action = match action {
            SendAction::WaitForSlot { ms } | SendAction::WaitBeforeRetry { ms } => {
                // The timer promise only resolves.
                let _ = sleep(ms).await;
                step(config, &mut sending, SendEvent::Ready { now: performance_now() })
            }
            SendAction::Fetch { timeout_ms } => {
                let fetched = attempt(config, method, url, body, timeout_ms).await.unwrap_or_else(|failed| failed);
                let random = js_sys::Math::random();
                cause = None;
                let event = match &fetched {
                    Fetched::Response { status, text, request_id, retry_after } => SendEvent::Responded {
                        response: HttpResponse {
                            status: *status,
                            body: text,
                            request_id: request_id.as_deref(),
                            retry_after: retry_after.as_deref(),
                        },
                        now: performance_now(),
                        date: now(),
                        random,
                    },
                    Fetched::Network { detail, cause: why } => {
                        cause = Some(why.clone());
                        SendEvent::NetworkError { detail, random }
                    }
                    Fetched::Timeout { cause: why } => {
                        cause = why.clone();
                        SendEvent::TimedOut { random }
                    }
                    Fetched::NotAResponse => SendEvent::NotAResponse,
                };
                step(config, &mut sending, event)
            }
            SendAction::Done(invite) => return Ok(to_js(&invite)),
            SendAction::Failed(error) => return Err(throw(error, cause.as_ref(), &config.secret)),
        }
    }
}

/// One step of the call, with the client's pacer, borrowed for the step only.
fn step(config: &Config, sending: &mut Sending<'_>, event: SendEvent<'_>) -> SendAction {
    let mut pacer = config.pacer.as_ref().map(RefCell::borrow_mut);
    sending.step(event, pacer.as_deref_mut())
}

thread_local! {
    /// The transport the package entry registered for its runtime (Node: `node:http`, see
    /// `pkg/lib/node-http.mjs`), used when the caller injects no `fetch`.
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

/// One request and its response, within the timeout: `Ok` with a response, `Err` with what
/// came instead.
///
/// `fetch(url, init)` rather than `fetch(new Request(...))`: Node's fetch turns the body of a
/// `Request` object into a stream and uploads it chunked, which measured about 300 µs of CPU
/// more per call; an `AbortController` aborted by our own timer is likewise cheaper in Node
/// than `AbortSignal.timeout`. The response is read structurally (`status`, `headers.get`,
/// `text()`), so a transport may return a lighter object than a `Response`.
async fn attempt(
    config: &Config,
    method: &str,
    url: &str,
    body: Option<&str>,
    timeout_ms: u64,
) -> Result<Fetched, Fetched> {
    let deadline = Deadline::start(timeout_ms).map_err(|cause| network("no AbortController", cause))?;
    let init = request_init(config, method, body, &deadline.controller.signal())
        .map_err(|cause| network("the request could not be built", cause))?;
    let transport = config.fetch.clone().or_else(|| DEFAULT_FETCH.with(|slot| slot.borrow().clone()));
    let fetched = match &transport {
        Some(fetch) => fetch.call2(&JsValue::UNDEFINED, &JsValue::from_str(url), &init).map(|v| Promise::resolve(&v)),
        None => global_fetch(url, &init),
    };
    let fetched = fetched.map_err(|cause| network("fetch threw", cause))?;
    let response = deadline.race(fetched).await.map_err(|cause| deadline.failure("fetch failed", cause))?;
    if !has_method(&response, "text") {
        return Err(Fetched::NotAResponse);
    }
    let response: Response = response.unchecked_into();
    let text = response.text().map_err(|cause| network("the body could not be read", cause))?;
    let text = deadline
        .race(text)
        .await
        .map_err(|cause| deadline.failure("the connection broke while the answer was read", cause))?;
    let headers = response.headers();
    let header = |name: &str| headers.get(name).ok().flatten();
    Ok(Fetched::Response {
        status: response.status(),
        text: text.as_string().unwrap_or_default(),
        request_id: REQUEST_ID_HEADERS.iter().find_map(|name| header(name)),
        retry_after: header("retry-after"),
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
}

impl Deadline {
    fn start(timeout_ms: u64) -> Result<Self, JsValue> {
        let ms = u32::try_from(timeout_ms).unwrap_or(u32::MAX);
        let marker: JsValue = Object::new().into();
        let mut timer = JsValue::UNDEFINED;
        let expired = Promise::new(&mut |_resolve, reject| {
            timer = set_timeout_with_arg(&reject, f64::from(ms), &marker);
        });
        Ok(Self { controller: AbortController::new()?, expired, marker, timer })
    }

    async fn race(&self, work: Promise) -> Result<JsValue, JsValue> {
        JsFuture::from(Promise::race(&Array::of2(&work, &self.expired))).await
    }

    /// A rejected step: a timeout when the time is up (the fetch is then aborted), else a
    /// network failure.
    fn failure(&self, what: &str, cause: JsValue) -> Fetched {
        if cause == self.marker || is_abort(&cause) {
            self.controller.abort();
            return Fetched::Timeout { cause: (cause != self.marker).then_some(cause) };
        }
        network(what, cause)
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

/// A failure without a response: `what` failed, in the runtime's words when it has some.
fn network(what: &str, cause: JsValue) -> Fetched {
    let detail = match describe(&cause) {
        Some(why) => format!("{what} ({why})"),
        None => what.to_owned(),
    };
    Fetched::Network { detail, cause }
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
