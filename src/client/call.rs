//! The calls of the API, each by the JS client method that makes it, and what the response to
//! each always carries, checked: the TypeScript types of the package promise these fields per
//! method (`SingleUpsertResponse`, `CancelResponse`, ...), and a 2xx response without one of them
//! is a [`ResponseError::Incomplete`] (`invalid_response` in JS) rather than a value that breaks
//! the caller later.
//!
//! The fields are those that the seed's example response, Cronofy's documentation and every
//! create, cancel and read response recorded by the official SDKs carry (`real-payloads.json`):
//!
//! | call | always there |
//! |---|---|
//! | create or update with `recipient` | `recipient.status`, `event.summary`/`start`/`end`, `attachments.icalendar` |
//! | create or update with `recipients` | a status on each of `recipients[]`, the event, `attachments.icalendar` |
//! | cancel | `attachments.icalendar` (the .ics that removes the event) |
//! | remove | nothing beyond `smart_invite_id` |
//! | read with `recipient_email` | `recipient.status`, the event, a status on each of `replies[]` |
//! | read without it | a status on each of `recipients[]`, the event, a status on each reply |
//! | read with `include_ics` | also `attachments.icalendar` |
//!
//! Two hand-written stubs of the Ruby SDK's tests (`attachments: []`, no status) fail these;
//! no response of the API does.

use super::response::{parse_response, InviteResponse, ResponseError};
use crate::invite::{Invite, Method, Reply};

/// A call to the API, as far as it decides what the response must carry.
///
/// ```
/// use smart_invite::client::Call;
/// let call = Call::Read { one_recipient: true, ics: false };
/// assert_eq!(call.name(), "get");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    /// A create or update, for one `recipient` or for `recipients` (`multi`).
    Upsert {
        /// Sent with `recipients`.
        multi: bool,
    },
    /// A cancellation.
    Cancel,
    /// The removal of one recipient.
    Remove,
    /// A read, of one recipient (`recipient_email` given) or of every one, with the .ics or not.
    Read {
        /// `recipient_email` was given.
        one_recipient: bool,
        /// `include_ics` was true.
        ics: bool,
    },
}

impl Call {
    /// The call that sends `invite`: its method, and whether it lists `recipients`.
    ///
    /// ```
    /// let v = smart_invite::validate_json(r#"{"smart_invite_id":"x","method":"cancel",
    ///     "recipients":[{"email":"a@example.com"}]}"#);
    /// assert_eq!(smart_invite::client::Call::sending(&v.invite.unwrap()), smart_invite::client::Call::Cancel);
    /// ```
    pub fn sending(invite: &Invite) -> Call {
        Call::sending_as(invite.method, invite.recipients.is_some())
    }

    /// The call that sends an invite of `method` that lists `recipients` (`multi`) or not.
    ///
    /// ```
    /// use smart_invite::{client::Call, Method};
    /// assert_eq!(Call::sending_as(Method::Request, true), Call::Upsert { multi: true });
    /// assert_eq!(Call::sending_as(Method::Cancel, true), Call::Cancel);
    /// ```
    pub fn sending_as(method: Method, multi: bool) -> Call {
        match Call::posting(method) {
            Call::Upsert { .. } => Call::Upsert { multi },
            call => call,
        }
    }

    /// The call that posts an invite of `method` (with one `recipient`: [`Call::sending`] tells
    /// a multi-recipient upsert apart).
    ///
    /// ```
    /// use smart_invite::{client::Call, Method};
    /// assert_eq!(Call::posting(Method::Request).name(), "upsert");
    /// ```
    pub fn posting(method: Method) -> Call {
        match method {
            Method::Request => Call::Upsert { multi: false },
            Method::Cancel => Call::Cancel,
            Method::Remove => Call::Remove,
        }
    }

    /// The JS client method that makes this call.
    ///
    /// ```
    /// assert_eq!(smart_invite::client::Call::Remove.name(), "removeRecipient");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Call::Upsert { .. } => "upsert",
            Call::Cancel => "cancel",
            Call::Remove => "removeRecipient",
            Call::Read { .. } => "get",
        }
    }

    /// The first field `response` lacks that the API always sends for this call, as a path
    /// (`recipient.status`, `recipients[1].status`), or `None` when nothing is missing.
    ///
    /// ```
    /// use smart_invite::client::{parse_response, Call};
    /// let response = parse_response(br#"{"smart_invite_id":"x","attachments":[]}"#).unwrap();
    /// assert_eq!(Call::Cancel.missing(&response).as_deref(), Some("attachments.icalendar"));
    /// assert_eq!(Call::Remove.missing(&response), None);
    /// ```
    pub fn missing(self, response: &InviteResponse) -> Option<String> {
        let (one, many, event, replies, ics) = match self {
            Call::Upsert { multi } => (!multi, multi, true, false, true),
            Call::Cancel => (false, false, false, false, true),
            Call::Remove => (false, false, false, false, false),
            Call::Read { one_recipient, ics } => (one_recipient, !one_recipient, true, true, ics),
        };
        if one {
            match &response.recipient {
                None => return Some("recipient".into()),
                Some(recipient) if recipient.status.is_none() => return Some("recipient.status".into()),
                Some(_) => {}
            }
        }
        if many {
            match response.recipients.as_deref() {
                None | Some([]) => return Some("recipients".into()),
                Some(list) => {
                    if let Some(at) = without_status(list) {
                        return Some(format!("recipients[{at}].status"));
                    }
                }
            }
        }
        if event {
            let Some(event) = &response.event else { return Some("event".into()) };
            let fields =
                [("summary", event.summary.is_some()), ("start", event.start.is_some()), ("end", event.end.is_some())];
            if let Some((name, _)) = fields.iter().find(|(_, there)| !there) {
                return Some(format!("event.{name}"));
            }
        }
        if replies {
            if let Some(at) = response.replies.as_deref().and_then(without_status) {
                return Some(format!("replies[{at}].status"));
            }
        }
        (ics && response.icalendar().is_none()).then(|| "attachments.icalendar".into())
    }

    /// Reads the body of a 2xx response to this call: [`parse_response`], then what this call's
    /// response always carries ([`Call::missing`]).
    ///
    /// ```
    /// use smart_invite::client::{Call, ResponseError};
    /// let body = br#"{"smart_invite_id":"x","recipient":{"email":"a@example.com"},
    ///   "event":{"summary":"Hi","start":"2026-04-29T09:30:00Z","end":"2026-04-29T10:00:00Z"},
    ///   "attachments":{"icalendar":"BEGIN:VCALENDAR"}}"#;
    /// let err = Call::Upsert { multi: false }.parse_response(body).unwrap_err();
    /// assert_eq!(err, ResponseError::Incomplete { call: "upsert", missing: "recipient.status".into() });
    /// assert_eq!(err.to_string(),
    ///     "The API's response to upsert lacks `recipient.status`, which the API always sends.");
    /// assert!(Call::Cancel.parse_response(body).is_ok());
    /// ```
    pub fn parse_response(self, body: &[u8]) -> Result<InviteResponse, ResponseError> {
        let response = parse_response(body)?;
        match self.missing(&response) {
            Some(missing) => Err(ResponseError::Incomplete { call: self.name(), missing }),
            None => Ok(response),
        }
    }
}

/// The index of the first reply without a status.
fn without_status(list: &[Reply]) -> Option<usize> {
    list.iter().position(|reply| reply.status.is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED_RESPONSE: &str = include_str!("../../tests/fixtures/seed-response.json");

    /// The seed's example response with `change` applied to its JSON.
    fn seed_with(change: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
        let mut value: serde_json::Value = serde_json::from_str(SEED_RESPONSE).unwrap();
        change(&mut value);
        serde_json::to_vec(&value).unwrap()
    }

    fn missing(call: Call, body: &[u8]) -> Option<String> {
        match call.parse_response(body) {
            Ok(_) => None,
            Err(ResponseError::Incomplete { missing, .. }) => Some(missing),
            Err(other) => panic!("{other}"),
        }
    }

    const SINGLE: Call = Call::Upsert { multi: false };
    const MULTI: Call = Call::Upsert { multi: true };
    const READ_ONE: Call = Call::Read { one_recipient: true, ics: false };

    #[test]
    fn the_seed_response_carries_what_each_call_needs() {
        let seed = SEED_RESPONSE.as_bytes();
        for call in [SINGLE, Call::Cancel, Call::Remove, READ_ONE, Call::Read { one_recipient: true, ics: true }] {
            assert_eq!(missing(call, seed), None, "{call:?}");
        }
        assert_eq!(missing(MULTI, seed).as_deref(), Some("recipients"));
        assert_eq!(missing(Call::Read { one_recipient: false, ics: false }, seed).as_deref(), Some("recipients"));
    }

    #[test]
    fn each_missing_field_is_named() {
        let cases: Vec<(Call, Vec<u8>, &str)> = vec![
            (SINGLE, seed_with(|v| drop(v["recipient"].as_object_mut().unwrap().remove("status"))), "recipient.status"),
            (SINGLE, seed_with(|v| drop(v.as_object_mut().unwrap().remove("recipient"))), "recipient"),
            (SINGLE, seed_with(|v| v["recipient"] = "a@example.com".into()), "recipient"),
            (SINGLE, seed_with(|v| v["attachments"] = serde_json::json!([])), "attachments.icalendar"),
            (SINGLE, seed_with(|v| v["attachments"]["icalendar"] = 7.into()), "attachments.icalendar"),
            (SINGLE, seed_with(|v| drop(v.as_object_mut().unwrap().remove("event"))), "event"),
            (SINGLE, seed_with(|v| drop(v["event"].as_object_mut().unwrap().remove("summary"))), "event.summary"),
            (SINGLE, seed_with(|v| v["event"]["start"] = serde_json::json!({"tzid": "Europe/London"})), "event.start"),
            (SINGLE, seed_with(|v| drop(v["event"].as_object_mut().unwrap().remove("end"))), "event.end"),
            (MULTI, seed_with(|v| v["recipients"] = serde_json::json!([])), "recipients"),
            (
                MULTI,
                seed_with(|v| {
                    v["recipients"] = serde_json::json!([{"email": "a@example.com", "status": "accepted"}, {"email": "b@example.com"}])
                }),
                "recipients[1].status",
            ),
            (
                Call::Cancel,
                seed_with(|v| drop(v["attachments"].as_object_mut().unwrap().remove("icalendar"))),
                "attachments.icalendar",
            ),
            (
                READ_ONE,
                seed_with(|v| v["replies"] = serde_json::json!([{"email": "b@example.com"}])),
                "replies[0].status",
            ),
            (
                Call::Read { one_recipient: true, ics: true },
                seed_with(|v| drop(v.as_object_mut().unwrap().remove("attachments"))),
                "attachments.icalendar",
            ),
        ];
        for (call, body, field) in cases {
            assert_eq!(missing(call, &body).as_deref(), Some(field), "{call:?} {}", String::from_utf8_lossy(&body));
        }
    }

    #[test]
    fn what_is_not_promised_may_be_missing() {
        let thin = seed_with(|v| {
            let map = v.as_object_mut().unwrap();
            for key in ["callback_url", "event"] {
                map.remove(key);
            }
            map["recipient"].as_object_mut().unwrap().remove("status");
        });
        assert_eq!(missing(Call::Cancel, &thin), None);
        assert_eq!(missing(Call::Remove, br#"{"smart_invite_id":"x","attachments":[]}"#), None);
        let no_url = seed_with(|v| drop(v.as_object_mut().unwrap().remove("callback_url")));
        assert_eq!(missing(SINGLE, &no_url), None);
        // Not JSON, or not an invite, stays the error it was.
        assert!(matches!(SINGLE.parse_response(b"<html>"), Err(ResponseError::NotJson { .. })));
        assert!(matches!(Call::Remove.parse_response(b"{}"), Err(ResponseError::NotAnInvite { .. })));
    }
}
