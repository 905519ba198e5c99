//! The real payloads others wrote (official SDK tests, Cronofy's docs) and the seed example.

use serde_json::Value;
use smart_invite::{validate_json, validate_value};

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

#[test]
fn every_real_request_is_judged_as_the_api_would() {
    let all = fixture("real-payloads.json");
    let requests = all["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 34);
    for request in requests {
        let v = validate_value(&request["json"]);
        let accept = request["accept"].as_bool().unwrap();
        assert_eq!(v.is_valid(), accept, "{}\n{}\nerrors: {:?}", request["source"], request["note"], v.errors);
    }
}

#[test]
fn the_seed_request_normalizes_to_the_seed_response_event() {
    let request = fixture("seed-request.json");
    let response = fixture("seed-response.json");
    let invite = validate_value(&request).into_result().unwrap();
    let normalized = serde_json::to_value(&invite).unwrap();
    assert_eq!(normalized["event"], response["event"]);
    assert_eq!(normalized["method"], "request");
    assert_eq!(normalized["recipient"], serde_json::json!({"email": "cronofy@example.com"}));
}

#[test]
fn normalizing_is_idempotent_on_every_accepted_fixture() {
    let all = fixture("real-payloads.json");
    let mut inputs: Vec<Value> = all["requests"].as_array().unwrap().iter().map(|r| r["json"].clone()).collect();
    inputs.push(fixture("seed-request.json"));
    for input in inputs {
        let Some(once) = validate_value(&input).invite else { continue };
        let text = serde_json::to_string(&once).unwrap();
        let twice = validate_json(&text);
        assert_eq!(twice.invite.as_ref(), Some(&once), "{text}");
        assert_eq!(serde_json::to_string(&twice.invite.unwrap()).unwrap(), text);
    }
}

#[test]
fn the_typed_payload_reads_every_accepted_fixture_to_the_same_invite() {
    let all = fixture("real-payloads.json");
    let mut inputs: Vec<Value> = all["requests"].as_array().unwrap().iter().map(|r| r["json"].clone()).collect();
    inputs.push(fixture("seed-request.json"));
    let mut read = 0;
    for input in inputs {
        let Some(invite) = validate_value(&input).invite else { continue };
        let typed: smart_invite::invite::InvitePayload = serde_json::from_value(input.clone()).unwrap();
        let again = validate_value(&serde_json::to_value(&typed).unwrap());
        assert_eq!(again.invite.as_ref(), Some(&invite), "{input}");
        read += 1;
    }
    assert_eq!(read, 32);
}
