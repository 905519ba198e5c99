//! `buildInviteEmail`: the invite email as nodemailer options and as MIME text.

use chrono::DateTime;
use wasm_bindgen::prelude::*;

use super::{json_text, smart_invite_error, to_js_with_texts};
use crate::email::{build_apart, EmailError, EmailRequest};

/// Where the large texts of the email go in the object returned.
const MIME: &[&[&str]] = &[&["mime"]];
const CALENDAR: &[&[&str]] =
    &[&["message", "alternatives", "0", "content"], &["message", "attachments", "0", "content"]];
const TEXT: &[&[&str]] = &[&["message", "text"]];
const HTML: &[&[&str]] = &[&["message", "html"]];

/// Builds the email for an invite; throws a `SmartInviteError` of kind `"invalid_email"` (with
/// an `errors` map naming the option) when it cannot.
///
/// ```js
/// const { message, mime } = buildInviteEmail({ invite: response, from: "Acme <invites@acme.example>" });
/// await transporter.sendMail(message);
/// ```
#[wasm_bindgen(js_name = buildInviteEmail, skip_typescript)]
pub fn build_invite_email(options: JsValue) -> Result<JsValue, JsValue> {
    let request = request(&options).map_err(thrown)?;
    let (mut email, calendar) = build_apart(&request).map_err(thrown)?;
    // The message, the calendar (one string for both parts) and the bodies cross as strings of
    // their own, the rest as JSON.
    let mime = std::mem::take(&mut email.mime);
    let message = &mut email.message;
    let [text, html] = [&mut message.text, &mut message.html].map(|body| body.as_mut().map(std::mem::take));
    let mut texts = vec![(mime.as_str(), MIME), (calendar.as_str(), CALENDAR)];
    texts.extend(text.as_deref().map(|text| (text, TEXT)));
    texts.extend(html.as_deref().map(|html| (html, HTML)));
    Ok(to_js_with_texts(&email, &texts))
}

fn request(options: &JsValue) -> Result<EmailRequest, EmailError> {
    let shape = || EmailError::InvalidRequest("pass an object { invite, from, to?, subject?, text?, html? }".into());
    if !options.is_object() || js_sys::Array::is_array(options) {
        return Err(shape());
    }
    let text = json_text(options, "The email options").map_err(|errors| {
        let why = errors.iter().flat_map(|(_, list)| list).map(|issue| issue.description.as_str()).next();
        EmailError::InvalidRequest(why.unwrap_or_default().trim_end_matches('.').to_owned())
    })?;
    let mut request: EmailRequest =
        serde_json::from_str(&text).map_err(|error| EmailError::InvalidRequest(error.to_string()))?;
    if request.date.is_none() {
        request.date = DateTime::from_timestamp_millis(js_sys::Date::now() as i64);
    }
    Ok(request)
}

fn thrown(error: EmailError) -> JsValue {
    smart_invite_error("invalid_email", &error.to_string()).errors(&error.issues()).into_js()
}
