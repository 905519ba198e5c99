//! Every byte string through every parser of untrusted input: invite payloads (and their
//! normalized form, which must validate to itself), API responses, callback notifications and
//! signature headers. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let validation = smart_invite::validate_bytes(data);
    assert_eq!(validation.is_valid(), validation.errors.is_empty());
    if let Some(invite) = &validation.invite {
        let text = serde_json::to_string(invite).unwrap();
        assert_eq!(smart_invite::validate_json(&text).invite.as_ref(), Some(invite), "{text}");
    }
    let _ = smart_invite::client::parse_response(data);
    let _ = smart_invite::callbacks::parse_notification(data);
    let header = String::from_utf8_lossy(data);
    let _ = smart_invite::callbacks::verify_notification(data, Some(&header), &["secret"]);
});
