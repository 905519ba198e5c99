//! Every real response body (official SDKs' test stubs and Cronofy's documentation examples)
//! read by `parse_response`, and the stable shape it serializes to.

use serde_json::{json, Value};
use smart_invite::client::{parse_error_body, parse_response, Call, InviteResponse, ResponseError};
use smart_invite::Method;

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Each response fixture as the bytes a server would send: the JSON, or the raw text.
fn real_responses() -> Vec<(Value, Vec<u8>)> {
    let all = fixture("real-payloads.json");
    let responses = all["responses"].as_array().unwrap().clone();
    assert_eq!(responses.len(), 21);
    responses
        .into_iter()
        .map(|r| {
            let body = match r.get("json") {
                Some(value) => serde_json::to_vec(value).unwrap(),
                None => r["raw"].as_str().unwrap().as_bytes().to_vec(),
            };
            (r, body)
        })
        .collect()
}

fn parsed(index: usize) -> InviteResponse {
    parse_response(&real_responses()[index].1).unwrap()
}

#[test]
fn every_real_response_parses_except_the_one_that_is_not_json() {
    for (fixture, body) in real_responses() {
        let result = parse_response(&body);
        if fixture.get("json").is_some() {
            let response = result.unwrap_or_else(|e| panic!("{}: {e}", fixture["source"]));
            let id = fixture["json"].get("smart_invite_id").or(fixture["json"].get("smart_event_id"));
            assert_eq!(Some(&json!(response.smart_invite_id)), id);
            // What is serialized reads back to the same response.
            let again = parse_response(&serde_json::to_vec(&response).unwrap()).unwrap();
            assert_eq!(again, response);
        } else {
            let err = result.unwrap_err();
            assert!(matches!(err, ResponseError::NotJson { line: 1, column: 2, .. }), "{err:?}");
            assert!(err.to_string().starts_with("The API response is not valid JSON: key must be a string"), "{err}");
        }
    }
}

/// Each real response, the call it came from (from its fixture note), and the field the client
/// finds missing: only the Ruby SDK's hand-written stubs lack what the API always sends.
#[test]
fn each_real_response_carries_what_its_call_always_gets() {
    let single = Call::Upsert { multi: false };
    let multi = Call::Upsert { multi: true };
    let read_one = Call::Read { one_recipient: true, ics: false };
    let expected: [(usize, Call, Option<&str>); 20] = [
        (0, single, None),
        (1, Call::Cancel, None),
        (2, read_one, None),
        (3, multi, None),
        (4, Call::Cancel, None),
        (5, Call::Cancel, None),
        (6, single, Some("recipient.status")), // Ruby create stub: the request echoed, attachments []
        (7, read_one, None),
        (8, Call::Cancel, Some("attachments.icalendar")), // Ruby cancel stub: attachments []
        (9, Call::Remove, None),
        (10, single, Some("recipient")), // Ruby pre-release stub (smart_event_id)
        (12, single, None),
        (13, Call::Cancel, None),
        (14, read_one, None),
        (15, multi, None),
        (16, Call::Read { one_recipient: false, ics: false }, None),
        (17, Call::Read { one_recipient: true, ics: true }, None),
        (18, single, None),
        (19, multi, None),
        (20, read_one, None),
    ];
    let responses = real_responses();
    for (index, call, missing) in expected {
        let (fixture, body) = &responses[index];
        let found = match call.parse_response(body) {
            Ok(_) => None,
            Err(ResponseError::Incomplete { missing, .. }) => Some(missing),
            Err(e) => panic!("{}: {e}", fixture["source"]),
        };
        assert_eq!(found.as_deref(), missing, "{index} {} {}", fixture["source"], fixture["note"]);
    }
    // The one body that is not JSON stays that error.
    assert!(matches!(single.parse_response(&responses[11].1), Err(ResponseError::NotJson { .. })));
}

#[test]
fn both_time_forms_give_the_same_shape() {
    let flat = serde_json::to_value(parsed(0)).unwrap();
    assert_eq!(flat["event"]["start"], json!({"time": "2017-10-05T09:30:00Z", "tzid": "Europe/London"}));
    assert_eq!(flat["event"].get("tzid"), None);
    let objects = serde_json::to_value(parsed(18)).unwrap();
    assert_eq!(objects["event"]["end"], json!({"time": "2019-11-21T10:00:00Z", "tzid": "Europe/London"}));
    // A flat time without any zone keeps only its text.
    assert_eq!(serde_json::to_value(parsed(6)).unwrap()["event"]["start"], json!({"time": "2014-08-05T15:30:00Z"}));
}

#[test]
fn the_seed_response_serializes_to_itself() {
    let seed = fixture("seed-response.json");
    let response = parse_response(&serde_json::to_vec(&seed).unwrap()).unwrap();
    assert_eq!(serde_json::to_value(&response).unwrap(), seed);
}

#[test]
fn statuses_comments_and_proposals_are_read() {
    let read = parsed(7);
    let recipient = read.recipient.as_ref().unwrap();
    assert_eq!(recipient.status.as_ref().unwrap().as_str(), "declined");
    assert_eq!(recipient.proposal.as_ref().unwrap().start.moment().unwrap().to_string(), "2014-09-13T21:00:00Z");
    let replies = read.replies.as_ref().unwrap();
    assert_eq!(
        replies.iter().map(|r| r.status.as_ref().unwrap().as_str()).collect::<Vec<_>>(),
        ["accepted", "declined"]
    );
    // Kept as given, even when it is not a URL.
    assert_eq!(read.callback_url.as_deref(), Some("https =>//example.yourapp.com/cronofy/smart_invite/notifications"));

    let multi = parsed(5);
    assert_eq!(multi.all_recipients().count(), 2);
    assert_eq!(multi.recipients.as_ref().unwrap()[0].comment.as_deref(), Some("example comment"));
    // A Ruby stub's recipient has no status at all.
    assert_eq!(parsed(6).recipient.unwrap().status, None);
}

#[test]
fn methods_and_attachments_in_all_their_forms() {
    assert_eq!(parsed(1).method, Some(Method::Cancel));
    assert_eq!(parsed(4).method, None);
    assert_eq!(parsed(13).method, Some(Method::Request));
    assert_eq!(parsed(0).icalendar(), Some("BEGIN:VCALENDAR\nVERSION:2.0..."));
    assert_eq!(parsed(2).attachments, None);
    // `[]` (Ruby stubs) means no attachments.
    assert_eq!(parsed(8).attachments, None);
    let removed = parsed(9);
    assert_eq!(removed.method, Some(Method::Remove));
    assert_eq!(removed.attachments.unwrap().removed.unwrap().email, "example@example.com");
    // The pre-release name of the id.
    assert_eq!(parsed(10).smart_invite_id, "qTtZdczOccgaPncGJaCiLg");
}

#[test]
fn a_2xx_body_that_is_json_but_not_an_invite_is_an_error() {
    for body in ["[]", r#"{"foo":1}"#, "null", r#"{"recipient":{"email":"a@example.com"}}"#] {
        let err = parse_response(body.as_bytes()).unwrap_err();
        assert!(matches!(err, ResponseError::NotAnInvite { .. }), "{body}: {err:?}");
        assert!(err.to_string().starts_with("The API response is JSON but not a Smart Invite: "), "{err}");
    }
}

#[test]
fn a_422_body_reads_into_the_same_error_map_as_local_validation() {
    let body = br#"{"errors":{"event.summary":[{"key":"errors.required","description":"summary must be specified"}],
        "event_id":[{"key":"errors.required","description":"required"}]}}"#;
    let issues = parse_error_body(body).unwrap();
    assert_eq!(issues.get("event.summary").unwrap()[0].description, "summary must be specified");
    let local = smart_invite::validate_json(r#"{"smart_invite_id":"x","recipient":{"email":"a@example.com"}}"#);
    let local_json = serde_json::to_value(&local.errors).unwrap();
    let remote = parse_error_body(&serde_json::to_vec(&json!({ "errors": local_json })).unwrap()).unwrap();
    assert_eq!(remote, local.errors);
}
