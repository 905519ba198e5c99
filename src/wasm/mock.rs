//! What the local mock of the API (pkg/mock) takes from the core (internal, not part of the
//! documented API): `__requestIds`, what it logs of each request body, and `__isLoopbackHost`,
//! where it may post callbacks.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::to_js;

/// The `smart_invite_id` and `recipient.email` of a request body, where they are text:
/// `{ smart_invite_id?, recipient? }` (neither for a body that is not a JSON object). A repeated
/// key counts by its last value, as with `JSON.parse`.
///
/// The body is scanned, not built: serde_json skips every other value. `JSON.parse` of the
/// whole body for these two fields cost the mock as much as validating it, and far more for
/// some shapes (an event of 25,000 misspelt fields, a body nested 120 deep).
///
/// ```js
/// __requestIds('{"smart_invite_id":"x","recipient":{"email":"a@example.com"}}'); // { smart_invite_id: "x", recipient: "a@example.com" }
/// ```
#[wasm_bindgen(js_name = __requestIds, skip_typescript)]
pub fn request_ids(body: &str) -> JsValue {
    let mut json = serde_json::Deserializer::from_str(body);
    let ids = match Reader::Top.deserialize(&mut json).and_then(|found| json.end().map(|()| found)) {
        Ok(Found::Ids(ids)) => ids,
        _ => Ids::default(),
    };
    to_js(&ids)
}

#[derive(Serialize, Default)]
struct Ids<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    smart_invite_id: Option<Cow<'a, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recipient: Option<Cow<'a, str>>,
}

/// What a value is read for.
#[derive(Clone, Copy)]
enum Reader {
    /// The body: an object with `smart_invite_id` and `recipient`.
    Top,
    /// `recipient`: an object with `email`.
    Recipient,
    /// A field that counts only as text.
    Text,
}

/// What a value gave.
enum Found<'a> {
    Nothing,
    Text(Cow<'a, str>),
    Ids(Ids<'a>),
}

impl<'a> Found<'a> {
    fn text(self) -> Option<Cow<'a, str>> {
        match self {
            Found::Text(text) => Some(text),
            _ => None,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Reader {
    type Value = Found<'de>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Reader {
    type Value = Found<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let mut ids = Ids::default();
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match (self, key.as_ref()) {
                (Reader::Top, "smart_invite_id") => ids.smart_invite_id = map.next_value_seed(Reader::Text)?.text(),
                (Reader::Top, "recipient") => ids.recipient = map.next_value_seed(Reader::Recipient)?.text(),
                (Reader::Recipient, "email") => ids.recipient = map.next_value_seed(Reader::Text)?.text(),
                _ => drop(map.next_value::<IgnoredAny>()?),
            }
        }
        Ok(match self {
            Reader::Top => Found::Ids(ids),
            Reader::Recipient => ids.recipient.map_or(Found::Nothing, Found::Text),
            Reader::Text => Found::Nothing,
        })
    }

    fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(match self {
            Reader::Text => Found::Text(Cow::Borrowed(text)),
            Reader::Top | Reader::Recipient => Found::Nothing,
        })
    }

    fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
        Ok(match self {
            Reader::Text => Found::Text(Cow::Owned(text.to_owned())),
            Reader::Top | Reader::Recipient => Found::Nothing,
        })
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Found::Nothing)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Found::Nothing)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Found::Nothing)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Found::Nothing)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Found::Nothing)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Found::Nothing)
    }
}

/// Whether a host names this machine (`localhost`, `127.0.0.0/8`, `[::1]`), by the rule the
/// core applies to callback URLs: the mock posts callbacks to such hosts only.
///
/// ```js
/// __isLoopbackHost(new URL("http://127.0.0.1:8787/cb").hostname); // true
/// __isLoopbackHost("example.com"); // false
/// ```
#[wasm_bindgen(js_name = __isLoopbackHost, skip_typescript)]
pub fn is_loopback_host(host: &str) -> bool {
    crate::validate::formats::is_loopback(host)
}
