//! Signed callbacks: Cronofy signs every notification it POSTs to a `callback_url` with the
//! header `Cronofy-HMAC-SHA256: base64(HMAC-SHA256(key = client secret, message = raw body))`.
//!
//! During a secret rotation the header lists one value per active secret, separated by commas
//! (sometimes with spaces around them), and the body is genuine when any value matches any of
//! the secrets the application knows. Comparisons run in constant time (the `hmac` crate's
//! `verify_slice`), so the time taken says nothing about how close a forged value came.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The name of the HTTP header that carries the signature.
///
/// ```
/// assert_eq!(smart_invite::callbacks::SIGNATURE_HEADER, "Cronofy-HMAC-SHA256");
/// ```
pub const SIGNATURE_HEADER: &str = "Cronofy-HMAC-SHA256";

/// The MAC of `body` under `secret`, before the final computation.
fn mac_for(body: &[u8], secret: &str) -> HmacSha256 {
    // HMAC takes a key of any length (long keys are hashed first), so this cannot fail; the
    // fallback only keeps the function free of `unwrap`.
    let mut mac =
        HmacSha256::new_from_slice(secret.as_bytes()).unwrap_or_else(|_| HmacSha256::new(&Default::default()));
    mac.update(body);
    mac
}

/// Signs a notification body the way Cronofy does: the base64 of its HMAC-SHA256 under the
/// client secret. Useful for tests and local mocks that post callbacks.
///
/// ```
/// let signature = smart_invite::callbacks::sign_notification(br#"{"example":"well-known"}"#, "pDY0Oi7TJSP2hfNmZNkm5");
/// assert_eq!(signature, "6r2/HjBkqymGegX0wOfifieeUXbbHwtV/LohHS+jv6c=");
/// ```
pub fn sign_notification(body: &[u8], secret: &str) -> String {
    STANDARD.encode(mac_for(body, secret).finalize().into_bytes())
}

/// Whether `header` (the value of [`SIGNATURE_HEADER`]) proves that `body` was signed with one of
/// `secrets`.
///
/// - `body` must be the raw bytes as received, before any JSON parsing or re-encoding.
/// - The header may hold several comma-separated values; white space around each is ignored.
///   A missing or empty header is never valid.
/// - Any value matching any secret is enough. Empty secrets are skipped: an unset environment
///   variable must not turn into a key that anybody can sign with.
/// - Each comparison runs in constant time; no input makes this function panic.
///
/// ```
/// use smart_invite::callbacks::verify_notification;
/// let body = br#"{"example":"well-known"}"#;
/// let header = "something-else, 6r2/HjBkqymGegX0wOfifieeUXbbHwtV/LohHS+jv6c=";
/// assert!(verify_notification(body, Some(header), &["old-secret", "pDY0Oi7TJSP2hfNmZNkm5"]));
/// assert!(!verify_notification(body, Some(header), &["old-secret"]));
/// assert!(!verify_notification(body, None, &["pDY0Oi7TJSP2hfNmZNkm5"]));
/// ```
pub fn verify_notification(body: &[u8], header: Option<&str>, secrets: &[&str]) -> bool {
    let Some(header) = header else { return false };
    let candidates: Vec<Vec<u8>> = header
        .split(',')
        .map(str::trim)
        .filter(|value| !value.is_empty())
        .filter_map(|value| STANDARD.decode(value).ok())
        .collect();
    if candidates.is_empty() {
        return false;
    }
    secrets.iter().filter(|secret| !secret.is_empty()).any(|secret| {
        let mac = mac_for(body, secret);
        // Every candidate is checked, even after a match, so timing does not reveal which matched.
        candidates.iter().fold(false, |found, candidate| mac.clone().verify_slice(candidate).is_ok() | found)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const BODY: &[u8] = br#"{"example":"well-known"}"#;

    #[test]
    fn the_published_vectors_sign_and_verify() {
        let vectors = [
            ("CRN_NggYusqPGLxwjw5FHOJYOqSrTPNXy8WQf14OID", "5DxentQi5YSXODEzTVv06sRwJ3pULIz1KrYv20qxEK0="),
            ("pDY0Oi7TJSP2hfNmZNkm5", "6r2/HjBkqymGegX0wOfifieeUXbbHwtV/LohHS+jv6c="),
        ];
        for (secret, signature) in vectors {
            assert_eq!(sign_notification(BODY, secret), signature);
            assert!(verify_notification(BODY, Some(signature), &[secret]));
        }
        // Each vector's signature is wrong for the other's secret.
        assert!(!verify_notification(BODY, Some(vectors[0].1), &[vectors[1].0]));
    }

    #[test]
    fn header_values_are_trimmed_and_blank_ones_ignored() {
        let good = sign_notification(BODY, "s");
        for header in [format!("  {good}  "), format!("x , {good}"), format!(",,{good},"), format!("\t{good}\t, y")] {
            assert!(verify_notification(BODY, Some(&header), &["s"]), "{header:?}");
        }
        for header in ["", " ", ",", " , , "] {
            assert!(!verify_notification(BODY, Some(header), &["s"]), "{header:?}");
        }
    }

    #[test]
    fn no_secret_or_an_empty_secret_verifies_nothing() {
        let signed_with_empty_key = sign_notification(BODY, "");
        assert!(!verify_notification(BODY, Some(&signed_with_empty_key), &[""]));
        assert!(!verify_notification(BODY, Some(&signed_with_empty_key), &[]));
    }

    #[test]
    fn a_truncated_or_unpadded_signature_is_refused() {
        let good = sign_notification(BODY, "s");
        assert!(!verify_notification(BODY, Some(&good[..good.len() - 1]), &["s"]));
        assert!(!verify_notification(BODY, Some(&good[..20]), &["s"]));
    }

    #[test]
    fn long_keys_work_like_any_other() {
        let secret = "k".repeat(1000);
        let signature = sign_notification(BODY, &secret);
        assert!(verify_notification(BODY, Some(&signature), &[&secret]));
        assert!(!verify_notification(BODY, Some(&signature), &[&secret[1..]]));
    }

    proptest! {
        #[test]
        fn arbitrary_input_never_panics(body in proptest::collection::vec(any::<u8>(), 0..256),
                                        header in proptest::option::of(".*"),
                                        secrets in proptest::collection::vec(".*", 0..4)) {
            let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
            let _ = verify_notification(&body, header.as_deref(), &secrets);
        }

        #[test]
        fn what_is_signed_verifies(body in proptest::collection::vec(any::<u8>(), 0..256), secret in ".+",
                                   other in "[A-Za-z0-9+/]{0,43}") {
            let signature = sign_notification(&body, &secret);
            let header = format!("{other}, {signature}");
            prop_assert!(verify_notification(&body, Some(&header), &["another secret", &secret]));
        }

        #[test]
        fn one_flipped_body_byte_fails(body in proptest::collection::vec(any::<u8>(), 1..256), secret in ".+",
                                       index in any::<prop::sample::Index>(), bit in 0u8..8) {
            let signature = sign_notification(&body, &secret);
            let mut tampered = body.clone();
            tampered[index.index(body.len())] ^= 1 << bit;
            prop_assert!(!verify_notification(&tampered, Some(&signature), &[&secret]));
        }

        #[test]
        fn one_changed_signature_character_fails(body in proptest::collection::vec(any::<u8>(), 0..64), secret in ".+",
                                                 index in 0usize..43, replacement in "[A-Za-z0-9+/]") {
            let signature = sign_notification(&body, &secret);
            let mut chars: Vec<char> = signature.chars().collect();
            let replacement = replacement.chars().next().unwrap_or('A');
            prop_assume!(chars[index] != replacement);
            chars[index] = replacement;
            let tampered: String = chars.into_iter().collect();
            prop_assert!(!verify_notification(&body, Some(&tampered), &[&secret]));
        }
    }
}
