//! `__buildInviteIcs`: the iCalendar attachment of the local mock of the API (internal, not
//! part of the documented API).

use wasm_bindgen::prelude::*;

use super::smart_invite_error;
use crate::calendar::{invite_calendar, CalendarMeta};
use crate::validate_json;

/// The `attachments.icalendar` text for an invite (any payload the API accepts, raw or
/// normalized, as JSON text) and its calendar meta (`CalendarMeta` as JSON text). Throws a
/// `SmartInviteError` of kind `"validation"` (with the error map) for an invalid invite, or
/// `"invalid_options"` for meta JSON that does not fit.
///
/// ```js
/// const ics = __buildInviteIcs(JSON.stringify(invite),
///   JSON.stringify({ uid: "board-42@mock", sequence: 1, method: "request", dtstamp: new Date().toISOString() }));
/// ```
#[wasm_bindgen(js_name = __buildInviteIcs, skip_typescript)]
pub fn build_invite_ics(invite_json: &str, meta_json: &str) -> Result<String, JsValue> {
    let invite = validate_json(invite_json).into_result().map_err(|errors| {
        let message = format!("The invite cannot be written as iCalendar: {} field(s) are invalid.", errors.len());
        smart_invite_error("validation", &message).errors(&errors).into_js()
    })?;
    let meta: CalendarMeta = serde_json::from_str(meta_json).map_err(|error| {
        let message = format!(
            "The calendar meta is not valid: {error}. Expected {{\"uid\", \"sequence\", \"method\": \"request\"|\"cancel\", \"dtstamp\": \"2026-04-01T08:00:00Z\", \"organizer\", \"attendees\"}}."
        );
        smart_invite_error("invalid_options", &message).into_js()
    })?;
    Ok(invite_calendar(&invite, &meta))
}
