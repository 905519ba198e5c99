//! `verifyNotification`, `parseNotification`, `signNotification`: the callback side.
//!
//! Bodies come in as the raw bytes received (a string, a `Uint8Array` or `Buffer`, or an
//! `ArrayBuffer`): the signature covers the exact bytes, so a body parsed and re-serialized by
//! a framework would not verify. A parsed object is refused by `verifyNotification` with a
//! message saying how to get the raw body.

use js_sys::{ArrayBuffer, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{json_text, smart_invite_error, to_js};
use crate::callbacks;

/// Whether a callback body carries a valid `Cronofy-HMAC-SHA256` signature for one of the
/// secrets; throws `invalid_options` for a body that is not raw or when no secret is given.
///
/// ```js
/// app.post("/cronofy/callback", express.raw({ type: "application/json" }), (req, res) => {
///   const ok = verifyNotification({ body: req.body, signature: req.get("Cronofy-HMAC-SHA256"),
///                                   clientSecret: process.env.CRONOFY_CLIENT_SECRET });
///   if (!ok) return res.sendStatus(401);
///   const { smart_invite } = parseNotification(req.body);
/// });
/// ```
#[wasm_bindgen(js_name = verifyNotification, skip_typescript)]
pub fn verify_notification(options: JsValue) -> Result<bool, JsValue> {
    if !options.is_object() {
        return Err(invalid_options(
            "verifyNotification takes { body, signature, clientSecret } (or clientSecrets: [...] during a rotation).",
        ));
    }
    let field = |name: &str| Reflect::get(&options, &name.into()).unwrap_or(JsValue::UNDEFINED);
    let body = raw_body(&field("body")).ok_or_else(|| {
        invalid_options(
            "body must be the raw request body as received (a string, Buffer or Uint8Array), not a parsed \
             object: the signature covers the exact bytes (with Express, use express.raw({ type: \"application/json\" })).",
        )
    })?;
    let signature = field("signature");
    let header = match signature.as_string() {
        Some(text) => Some(text),
        None if signature.is_undefined() || signature.is_null() => None,
        None => return Err(invalid_options("signature must be the Cronofy-HMAC-SHA256 header value, a string.")),
    };
    let mut secrets: Vec<String> = Vec::new();
    secrets.extend(field("clientSecret").as_string());
    let list = field("clientSecrets");
    if !list.is_undefined() && !list.is_null() {
        let array = list
            .dyn_ref::<js_sys::Array>()
            .ok_or_else(|| invalid_options("clientSecrets must be an array of strings."))?;
        for item in array.iter() {
            secrets
                .push(item.as_string().ok_or_else(|| invalid_options("clientSecrets must be an array of strings."))?);
        }
    }
    secrets.retain(|secret| !secret.is_empty());
    if secrets.is_empty() {
        return Err(invalid_options(
            "verifyNotification needs clientSecret (or clientSecrets), a non-empty string: the client secret of \
             the application the invite was sent with.",
        ));
    }
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    Ok(callbacks::verify_notification(&body, header.as_deref(), &secrets))
}

/// Reads a callback body into a plain object; throws `invalid_notification` with what is wrong
/// and where. Verify it first.
///
/// ```js
/// const { smart_invite } = parseNotification(rawBody);
/// smart_invite.reply.status; // "accepted"
/// ```
#[wasm_bindgen(js_name = parseNotification, skip_typescript)]
pub fn parse_notification(body: JsValue) -> Result<JsValue, JsValue> {
    let bytes = match raw_body(&body) {
        Some(bytes) => bytes,
        // Already parsed by a framework: read it back as JSON (there is nothing to verify here).
        None if body.is_object() => match json_text(&body, "The notification object") {
            Ok(text) => text.into_bytes(),
            Err(errors) => {
                let why = errors.iter().flat_map(|(_, list)| list).map(|issue| issue.description.as_str()).next();
                return Err(invalid_notification(why.unwrap_or_default()));
            }
        },
        None => {
            return Err(invalid_notification(
                "The notification body must be a string, a Buffer or a Uint8Array (the raw request body).",
            ))
        }
    };
    callbacks::parse_notification(&bytes).map(|n| to_js(&n)).map_err(|e| invalid_notification(&e.to_string()))
}

/// The `Cronofy-HMAC-SHA256` value Cronofy would send with `body` (for tests and mocks).
///
/// ```js
/// signNotification('{"example":"well-known"}', "pDY0Oi7TJSP2hfNmZNkm5"); // "6r2/HjBkqymGegX0wOfifieeUXbbHwtV/LohHS+jv6c="
/// ```
#[wasm_bindgen(js_name = signNotification, skip_typescript)]
pub fn sign_notification(body: JsValue, client_secret: JsValue) -> Result<String, JsValue> {
    let body = raw_body(&body)
        .ok_or_else(|| invalid_options("signNotification: body must be a string, a Buffer or a Uint8Array."))?;
    let secret = client_secret
        .as_string()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| invalid_options("signNotification: clientSecret must be a non-empty string."))?;
    Ok(callbacks::sign_notification(&body, &secret))
}

/// The bytes of a raw body: UTF-8 of a string, or the contents of a byte array or buffer.
fn raw_body(body: &JsValue) -> Option<Vec<u8>> {
    if let Some(text) = body.as_string() {
        return Some(text.into_bytes());
    }
    if let Some(bytes) = body.dyn_ref::<Uint8Array>() {
        return Some(bytes.to_vec());
    }
    body.dyn_ref::<ArrayBuffer>().map(|buffer| Uint8Array::new(buffer).to_vec())
}

fn invalid_options(message: &str) -> JsValue {
    smart_invite_error("invalid_options", message).into_js()
}

fn invalid_notification(message: &str) -> JsValue {
    smart_invite_error("invalid_notification", message).into_js()
}
