//! Large shapes: the input's tail is one JSON fragment, repeated up to ~10,000 times as the
//! recipients, as fields of the event and as fields of the invite. Nothing may panic, each
//! list of a result stays bounded, and run with `-timeout=` (as `make fuzz` does) a slow call
//! is reported like a crash: time must not grow faster than the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smart_invite::{IssueKey, Issues, MAX_LISTED};

fn bounded(issues: &Issues, summary: IssueKey) {
    let listed: usize = issues.iter().map(|(_, list)| list.len()).sum();
    assert!(listed <= MAX_LISTED + 1, "{listed} issues listed");
    assert_eq!(issues.has("", summary), issues.found() > MAX_LISTED);
}

fuzz_target!(|data: &[u8]| {
    let Some((&count, fragment)) = data.split_first() else { return };
    let fragment = String::from_utf8_lossy(fragment);
    let items = vec![fragment.as_ref(); usize::from(count) * 40 + 1].join(",");
    let payloads = [
        format!(r#"{{"smart_invite_id":"x","recipients":[{items}]}}"#),
        format!(r#"{{"smart_invite_id":"x","recipient":{{"email":"a@example.com"}},"event":{{{items}}}}}"#),
        format!(r#"{{{items}}}"#),
    ];
    for payload in &payloads {
        let v = smart_invite::validate_json(payload);
        assert_eq!(v.is_valid(), v.errors.is_empty());
        bounded(&v.errors, IssueKey::ErrorsTruncated);
        bounded(&v.warnings, IssueKey::WarningsTruncated);
        let _ = smart_invite::client::parse_response(payload.as_bytes());
        let _ = smart_invite::callbacks::parse_notification(payload.as_bytes());
        let _ = smart_invite::client::parse_error_body(payload.as_bytes());
    }
});
