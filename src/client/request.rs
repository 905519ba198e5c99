//! Turning what a caller of the client passes into what is sent: the validated, normalized
//! body of a `POST /v1/smart_invites` for one method, or the query string of a read. Nothing
//! here sends anything; a payload that fails gives the error map and is never sent. An invite
//! validated earlier (a queued job, the valid ones of a bulk send) is sent as it was normalized,
//! without running the rules a second time ([`prepare_normalized`]).
//!
//! ```
//! use smart_invite::{DataCenter, Method};
//! use smart_invite::client::prepare_invite;
//! let request = prepare_invite(r#"{"smart_invite_id":"x","recipient":{"email":"a@example.com"}}"#,
//!     Method::Cancel, DataCenter::Us).unwrap();
//! assert_eq!(request.text, r#"{"method":"cancel","smart_invite_id":"x","recipient":{"email":"a@example.com"}}"#);
//! ```

use super::call::Call;
use crate::invite::{Invite, Method};
use crate::json::{Json, Object};
use crate::validate::formats::is_email;
use crate::validate::{quoted, Issue, IssueKey, Issues, Validator, MAX_INPUT_BYTES};
use crate::DataCenter;

/// A request ready to send: its text (the JSON body of a `POST`, or the query string of a
/// read) and the call it makes, which says what the response must carry ([`Call::missing`]).
///
/// ```
/// use smart_invite::client::{read_query, Call};
/// let read = read_query(r#"{"smart_invite_id":"x"}"#).unwrap();
/// assert_eq!((read.text.as_str(), read.call), ("?smart_invite_id=x", Call::Read { one_recipient: false, ics: false }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// The body or the query string.
    pub text: String,
    /// The call it makes.
    pub call: Call,
}

/// Validates `payload` (JSON text) as a request of `method` and returns the normalized JSON
/// body to send with its [`Call`], or every error found: [`check_invite`], then the body.
///
/// ```
/// use smart_invite::{DataCenter, Method};
/// use smart_invite::client::prepare_invite;
/// let errors = prepare_invite(r#"{"method":"cancel","smart_invite_id":"x"}"#, Method::Request, DataCenter::Us)
///     .unwrap_err();
/// assert!(errors.has("method", smart_invite::IssueKey::InvalidOption));
/// ```
pub fn prepare_invite(payload: &str, method: Method, data_center: DataCenter) -> Result<Prepared, Issues> {
    let invite = check_invite(payload, method, data_center)?;
    let text = serde_json::to_string(&invite).map_err(|e| {
        let mut errors = Issues::default();
        errors.push("", Issue::new(IssueKey::InvalidJson, format!("The invite could not be written as JSON: {e}.")));
        errors
    })?;
    Ok(Prepared { text, call: Call::sending(&invite) })
}

/// Validates `payload` (JSON text) as a request of `method` and returns the normalized invite,
/// or every error found. `method` is filled in when the payload has none; a payload naming
/// another method is refused (calling `cancel` with `"method": "request"` is a mistake worth
/// hearing about, not something to guess).
///
/// ```
/// use smart_invite::{DataCenter, Method};
/// use smart_invite::client::check_invite;
/// let invite = check_invite(r#"{"smart_invite_id":"x","recipient":{"email":"a@example.com"}}"#,
///     Method::Cancel, DataCenter::Us).unwrap();
/// assert_eq!(invite.method, Method::Cancel);
/// ```
pub fn check_invite(payload: &str, method: Method, data_center: DataCenter) -> Result<Invite, Issues> {
    let validator = Validator::new(data_center);
    let json = match Json::parse(payload) {
        Ok(json) if payload.len() <= MAX_INPUT_BYTES => json,
        // Too large or not JSON: the validator words these errors.
        _ => return Err(validator.json(payload).errors),
    };
    // A payload that names another method: checked as it is, then refused with the call to use.
    let named = json.as_object().and_then(|object| object.get("method")).and_then(Json::as_str);
    let other = Method::ALL.into_iter().find(|m| *m != method && named == Some(m.as_str()));
    let validation = validator.walk(&json, method);
    if let Some(given) = other {
        let description = format!(
            "method is \"{}\" but {}() sends \"{}\"; call {}() instead, or leave method out.",
            given.as_str(),
            Call::posting(method).name(),
            method.as_str(),
            Call::posting(given).name()
        );
        let mut errors = validation.errors;
        errors.push("method", Issue::new(IssueKey::InvalidOption, description));
        return Err(errors);
    }
    validation.into_result()
}

/// The request for an invite that was validated and normalized before (what [`check_invite`]
/// or [`crate::validate_json`] gave, kept as JSON text: a queued job, the valid ones of a bulk
/// send): the text is sent as it is, and no rule runs again. Its `method` and whether it lists
/// `recipients` (`multi`) name the [`Call`]. The API checks what it receives: a stored invite
/// corrupted since it was validated is refused there.
///
/// ```
/// use smart_invite::client::{prepare_normalized, Call};
/// use smart_invite::Method;
/// let text = r#"{"method":"cancel","smart_invite_id":"x","recipient":{"email":"a@example.com"}}"#;
/// let request = prepare_normalized(text.into(), Method::Cancel, false);
/// assert_eq!((request.text.as_str(), request.call), (text, Call::Cancel));
/// ```
pub fn prepare_normalized(text: String, method: Method, multi: bool) -> Prepared {
    Prepared { text, call: Call::sending_as(method, multi) }
}

/// The parameters a read takes, in query order.
const READ_PARAMS: [&str; 3] = ["smart_invite_id", "recipient_email", "include_ics"];

/// Checks the parameters of a read (`{smart_invite_id, recipient_email?, include_ics?}` as
/// JSON text) and returns the query string, `?` included, with its [`Call`]. Without
/// `recipient_email` the API responds with every recipient of a multi-recipient invite.
///
/// ```
/// let q = smart_invite::client::read_query(r#"{"smart_invite_id":"a b&c","recipient_email":"x+1@example.com",
///     "include_ics":true}"#).unwrap();
/// assert_eq!(q.text, "?smart_invite_id=a%20b%26c&recipient_email=x%2B1%40example.com&include_ics=true");
/// ```
pub fn read_query(params: &str) -> Result<Prepared, Issues> {
    let mut errors = Issues::default();
    let mut refuse = |path: &str, key: IssueKey, description: String| errors.push(path, Issue::new(key, description));
    let json = match Json::parse(params) {
        Ok(json) => json,
        Err(e) => {
            refuse("", IssueKey::InvalidJson, format!("The read parameters are not valid JSON: {e}."));
            return Err(errors);
        }
    };
    let Some(map) = json.as_object() else {
        refuse("", IssueKey::InvalidType, "The read parameters must be an object with smart_invite_id.".into());
        return Err(errors);
    };
    for key in map.keys().filter(|k| !READ_PARAMS.contains(k)) {
        let description = format!("{} is not a read parameter; use {}.", quoted(key), READ_PARAMS.join(", "));
        refuse(key, IssueKey::NotSupported, description);
    }
    let id = text_param(map, "smart_invite_id", &mut refuse);
    if map.get("smart_invite_id").is_none_or(Json::is_null) {
        refuse("smart_invite_id", IssueKey::Required, "smart_invite_id is required.".into());
    } else if id.as_deref().is_some_and(|id| id.trim().is_empty()) {
        refuse("smart_invite_id", IssueKey::Blank, "smart_invite_id must not be empty.".into());
    }
    let email = text_param(map, "recipient_email", &mut refuse);
    if let Some(email) = &email {
        if !is_email(email) {
            let description = format!("recipient_email {} is not an email address.", quoted(email));
            refuse("recipient_email", IssueKey::InvalidEmail, description);
        }
    }
    let include_ics = match map.get("include_ics") {
        None | Some(Json::Null) | Some(Json::Bool(false)) => false,
        Some(Json::Bool(true)) => true,
        Some(_) => {
            refuse("include_ics", IssueKey::InvalidType, "include_ics must be true or false.".into());
            false
        }
    };
    if !errors.is_empty() {
        errors.close(IssueKey::ErrorsTruncated);
        return Err(errors);
    }
    let mut query = format!("?smart_invite_id={}", encode(id.as_deref().unwrap_or_default()));
    let call = Call::Read { one_recipient: email.is_some(), ics: include_ics };
    if let Some(email) = email {
        query.push_str("&recipient_email=");
        query.push_str(&encode(&email));
    }
    if include_ics {
        query.push_str("&include_ics=true");
    }
    Ok(Prepared { text: query, call })
}

/// A text parameter, or `None` (with an error recorded when it is there but not text).
fn text_param(map: &Object<'_>, key: &str, refuse: &mut impl FnMut(&str, IssueKey, String)) -> Option<String> {
    match map.get(key)? {
        Json::String(text) => Some(text.to_string()),
        Json::Null => None,
        _ => {
            refuse(key, IssueKey::InvalidType, format!("{key} must be text."));
            None
        }
    }
}

/// Percent-encodes everything but the unreserved characters of RFC 3986.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../tests/fixtures/seed-request.json");

    #[test]
    fn upsert_fills_in_the_method_and_normalizes() {
        let request = prepare_invite(SEED, Method::Request, DataCenter::Us).unwrap();
        assert_eq!(request.call, Call::Upsert { multi: false });
        let value: serde_json::Value = serde_json::from_str(&request.text).unwrap();
        assert_eq!(value["method"], "request");
        assert_eq!(value["event"]["start"]["tzid"], "Europe/London");
    }

    #[test]
    fn the_call_follows_the_method_and_the_recipients() {
        let call = |payload: &str, method| prepare_invite(payload, method, DataCenter::Us).unwrap().call;
        let many = r#"{"smart_invite_id":"x","recipients":[{"email":"a@example.com"}],
            "event":{"summary":"S","start":"2026-04-29","end":"2026-04-30"}}"#;
        assert_eq!(call(many, Method::Request), Call::Upsert { multi: true });
        assert_eq!(call(many, Method::Cancel), Call::Cancel);
        let one = r#"{"smart_invite_id":"x","recipient":{"email":"a@example.com"}}"#;
        assert_eq!(call(one, Method::Remove), Call::Remove);
    }

    #[test]
    fn a_different_method_is_refused_with_the_call_to_use() {
        let payload = r#"{"method":"remove","smart_invite_id":"x","recipient":{"email":"a@example.com"}}"#;
        let errors = prepare_invite(payload, Method::Cancel, DataCenter::Us).unwrap_err();
        let issue = &errors.get("method").unwrap()[0];
        assert_eq!(
            issue.description,
            "method is \"remove\" but cancel() sends \"cancel\"; call removeRecipient() instead, or leave method out."
        );
        let payload = r#"{"method":"remove","smart_invite_id":"x","recipient":{"email":"a@example.com"}}"#;
        assert!(prepare_invite(payload, Method::Remove, DataCenter::Us).is_ok());
        let payload = r#"{"method":"cancelled","smart_invite_id":"x","recipient":{"email":"a@example.com"}}"#;
        let errors = prepare_invite(payload, Method::Cancel, DataCenter::Us).unwrap_err();
        assert!(errors.has("method", IssueKey::InvalidOption));
    }

    #[test]
    fn bad_json_and_huge_payloads_are_worded_by_the_validator() {
        let errors = prepare_invite("{", Method::Request, DataCenter::Us).unwrap_err();
        assert!(errors.has("", IssueKey::InvalidJson));
        let huge = format!("{{\"smart_invite_id\":\"{}\"}}", "x".repeat(MAX_INPUT_BYTES));
        let errors = prepare_invite(&huge, Method::Request, DataCenter::Us).unwrap_err();
        assert!(errors.has("", IssueKey::TooLarge));
        let errors = prepare_invite("[]", Method::Request, DataCenter::Us).unwrap_err();
        assert!(errors.has("", IssueKey::InvalidType));
    }

    /// What `prepare_invite` must give, reached another way: the method put into the payload
    /// as a `serde_json::Value`, then `validate_json` of its text.
    fn validated_with_method(payload: &str, method: Method) -> Result<String, Vec<(String, String)>> {
        let errors = |issues: &Issues| {
            let mut list: Vec<(String, String)> =
                issues.iter().flat_map(|(p, l)| l.iter().map(move |i| (p.to_owned(), i.key.to_string()))).collect();
            list.sort();
            list
        };
        let mut value = match serde_json::from_str::<serde_json::Value>(payload) {
            Ok(value) => value,
            Err(_) => return Err(errors(&crate::validate_json(payload).errors)),
        };
        let mut refused = None;
        match value.get("method") {
            Some(serde_json::Value::String(given)) if !given.trim().is_empty() => {
                refused = (given != method.as_str() && Method::ALL.iter().any(|m| m.as_str() == given)).then_some(());
            }
            Some(serde_json::Value::String(_)) | Some(serde_json::Value::Null) | None => {
                if let Some(map) = value.as_object_mut() {
                    map.insert("method".into(), method.as_str().into());
                }
            }
            _ => {}
        }
        let validation = crate::validate_json(&value.to_string());
        let mut expected = errors(&validation.errors);
        if refused.is_some() {
            expected.push(("method".into(), "errors.invalid_option".into()));
            expected.sort();
            return Err(expected);
        }
        validation.invite.map(|invite| serde_json::to_string(&invite).unwrap()).ok_or(expected)
    }

    #[test]
    fn prepared_as_validated_with_the_method_filled_in() {
        let fixtures: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/real-payloads.json")).unwrap();
        let mut payloads: Vec<String> =
            fixtures["requests"].as_array().unwrap().iter().map(|r| r["json"].to_string()).collect();
        payloads.extend(
            [
                SEED,
                r#"{"zz":1,"smart_invite_id":"x","recipient":{"email":"a@example.com","b":1,"a":2},"smart_invite_id":" ","aa":[]}"#,
                r##"{"method":null,"smart_invite_id":"x","recipient":{"email":"a@example.com"},"event":{"summary":"s",
                   "start":"2026-04-29T09:30:00Z","end":"2026-04-29T10:00:00Z","location":{"lat":51.50740000000001,
                   "long":1e2,"lat":0.30000000000000004},"zzz":1,"colour":"#fff"}}"##,
                r#"{"method":5,"smart_invite_id":"x"}"#,
                r#"{"method":"remove","recipients":[],"smart_invite_id":"x"}"#,
                "[]",
                "null",
                "{",
            ]
            .map(str::to_owned),
        );
        for payload in &payloads {
            for method in Method::ALL {
                let prepared = prepare_invite(payload, method, DataCenter::Us).map(|p| p.text).map_err(|issues| {
                    let mut list: Vec<(String, String)> = issues
                        .iter()
                        .flat_map(|(p, l)| l.iter().map(move |i| (p.to_owned(), i.key.to_string())))
                        .collect();
                    list.sort();
                    list
                });
                assert_eq!(prepared, validated_with_method(payload, method), "{payload} as {method:?}");
            }
        }
    }

    #[test]
    fn a_normalized_invite_is_sent_as_prepared_from_its_payload() {
        let fixtures: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/real-payloads.json")).unwrap();
        let payloads = fixtures["requests"].as_array().unwrap().iter().map(|r| r["json"].to_string());
        let mut sent = 0;
        for payload in payloads.chain([SEED.to_owned()]) {
            for method in Method::ALL {
                let Ok(invite) = check_invite(&payload, method, DataCenter::Us) else { continue };
                let stored = serde_json::to_string(&invite).unwrap();
                let again = prepare_normalized(stored, invite.method, invite.recipients.is_some());
                assert_eq!(Ok(again), prepare_invite(&payload, method, DataCenter::Us), "{payload}");
                sent += 1;
            }
        }
        assert!(sent > 10, "only {sent} fixtures were valid");
    }

    #[test]
    fn read_queries() {
        let read = |params| read_query(params).map(|q| (q.text, q.call)).unwrap();
        let every = Call::Read { one_recipient: false, ics: false };
        assert_eq!(read(r#"{"smart_invite_id":"x"}"#), ("?smart_invite_id=x".into(), every));
        assert_eq!(
            read(r#"{"smart_invite_id":"é/1","include_ics":false,"recipient_email":null}"#),
            ("?smart_invite_id=%C3%A9%2F1".into(), every)
        );
        assert_eq!(
            read(r#"{"smart_invite_id":"x","recipient_email":"a@example.com","include_ics":true}"#).1,
            Call::Read { one_recipient: true, ics: true }
        );
    }

    #[test]
    fn unknown_read_parameters_are_listed_in_document_order() {
        let errors = read_query(r#"{"zeta":1,"smart_invite_id":"x","alpha":2,"zeta":3}"#).unwrap_err();
        let paths: Vec<(&str, usize)> = errors.iter().map(|(path, list)| (path, list.len())).collect();
        assert_eq!(paths, [("zeta", 2), ("alpha", 1)]);
    }

    #[test]
    fn read_parameters_are_checked() {
        let cases = [
            ("{}", "smart_invite_id", IssueKey::Required),
            (r#"{"smart_invite_id":" "}"#, "smart_invite_id", IssueKey::Blank),
            (r#"{"smart_invite_id":5}"#, "smart_invite_id", IssueKey::InvalidType),
            (r#"{"smart_invite_id":"x","recipient_email":"nope"}"#, "recipient_email", IssueKey::InvalidEmail),
            (r#"{"smart_invite_id":"x","recipient_email":1}"#, "recipient_email", IssueKey::InvalidType),
            (r#"{"smart_invite_id":"x","include_ics":"yes"}"#, "include_ics", IssueKey::InvalidType),
            (r#"{"smart_invite_id":"x","recipientEmail":"a@example.com"}"#, "recipientEmail", IssueKey::NotSupported),
            ("[]", "", IssueKey::InvalidType),
            ("{", "", IssueKey::InvalidJson),
        ];
        for (params, path, key) in cases {
            let errors = read_query(params).unwrap_err();
            assert!(errors.has(path, key), "{params}: {errors:?}");
        }
    }
}
