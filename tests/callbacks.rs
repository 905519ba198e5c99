//! Signed callbacks against the real fixtures: every HMAC vector from the official SDKs' tests,
//! the two published vectors, and the documented notification example (raw and repaired).

use serde_json::Value;
use smart_invite::callbacks::{parse_notification, sign_notification, verify_notification, NotificationError};
use smart_invite::RecipientStatus;

fn real_payloads() -> Value {
    let path = format!("{}/tests/fixtures/real-payloads.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key].as_str().unwrap_or_else(|| panic!("fixture field {key} is not text"))
}

#[test]
fn every_sdk_vector_verifies_as_expected() {
    let all = real_payloads();
    let vectors = all["hmac_vectors"].as_array().unwrap();
    assert_eq!(vectors.len(), 13);
    for v in vectors {
        let (body, secret, header) = (text(v, "body").as_bytes(), text(v, "secret"), text(v, "signature"));
        let expected = v["valid"].as_bool().unwrap();
        assert_eq!(verify_notification(body, Some(header), &[secret]), expected, "{} {}", v["source"], v["note"]);
        // The same header with spaces after the commas (as the C# SDK tolerates) gives the same answer.
        let spaced = header.replace(',', ", ");
        assert_eq!(verify_notification(body, Some(&spaced), &[secret]), expected, "{spaced:?}");
        // A rotated-out secret alongside changes nothing.
        assert_eq!(verify_notification(body, Some(header), &["retired", secret]), expected);
        if expected {
            assert!(header.split(',').any(|value| value.trim() == sign_notification(body, secret)));
        }
    }
}

#[test]
fn the_published_vectors_pass() {
    let body = br#"{"example":"well-known"}"#;
    for (secret, signature) in [
        ("CRN_NggYusqPGLxwjw5FHOJYOqSrTPNXy8WQf14OID", "5DxentQi5YSXODEzTVv06sRwJ3pULIz1KrYv20qxEK0="),
        ("pDY0Oi7TJSP2hfNmZNkm5", "6r2/HjBkqymGegX0wOfifieeUXbbHwtV/LohHS+jv6c="),
    ] {
        assert_eq!(sign_notification(body, secret), signature);
        assert!(verify_notification(body, Some(signature), &[secret]));
        assert!(!verify_notification(&body[1..], Some(signature), &[secret]));
    }
}

#[test]
fn the_documented_example_as_printed_is_a_clear_error() {
    let all = real_payloads();
    let raw = text(&all["notifications"][0], "raw");
    let err = parse_notification(raw.as_bytes()).unwrap_err();
    // The trailing comma after "type": "smart_invite" is on line 3; the reader stops on line 4.
    assert!(matches!(err, NotificationError::NotJson { line: 4, column: 3, .. }), "{err:?}");
    assert_eq!(err.to_string(), "The notification body is not valid JSON: trailing comma at line 4 column 3.");
}

#[test]
fn the_documented_example_repaired_parses_fully() {
    let all = real_payloads();
    let body = serde_json::to_vec(&all["notifications"][0]["json"]).unwrap();
    let n = parse_notification(&body).unwrap();
    assert_eq!(n.notification.kind, "smart_invite");
    let invite = n.smart_invite.unwrap();
    assert_eq!(invite.smart_invite_id, "example_id");
    assert_eq!(invite.callback_url.as_deref(), Some("http://www.example.com"));
    for reply in [invite.recipient.unwrap(), invite.reply.unwrap()] {
        assert_eq!(reply.email, "example@example.com");
        assert_eq!(reply.status.unwrap().as_str(), RecipientStatus::Tentative.as_str());
        assert_eq!(reply.comment.as_deref(), Some("example comment"));
        let proposal = reply.proposal.unwrap();
        assert_eq!(proposal.start.time, "2025-01-21T23:00:00+02:00");
        assert_eq!(proposal.start.zone(), smart_invite::time::Zone::find("Europe/Paris"));
        assert_eq!(proposal.end.moment().unwrap().to_string(), "2025-01-21T21:00:00Z");
    }
}

#[test]
fn a_signed_callback_round_trip() {
    let all = real_payloads();
    let body = serde_json::to_vec(&all["notifications"][0]["json"]).unwrap();
    let header = sign_notification(&body, "current");
    assert!(verify_notification(&body, Some(&format!("{}, {header}", sign_notification(&body, "old"))), &["current"]));
    let reparsed = serde_json::to_vec(&parse_notification(&body).unwrap()).unwrap();
    assert_eq!(serde_json::from_slice::<Value>(&reparsed).unwrap(), all["notifications"][0]["json"]);
}
