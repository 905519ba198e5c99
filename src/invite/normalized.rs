//! Reading an invite that is already in its normalized form: what validation gave, kept as JSON
//! text (a queued job, the mock's store) and read back to be sent or written as iCalendar. It
//! is read strictly as the typed [`Invite`] (serde), and no rule runs again: the rules ran when
//! the invite was made, and the text must be exactly what they gave, so anything else (a field
//! left out or added, a value not in its normalized form, a corrupted job) is refused with the
//! path that differs.

use super::Invite;
use crate::json::Json;
use crate::validate::{excerpt, Issue, IssueKey, Issues, MAX_INPUT_BYTES};

impl Invite {
    /// Reads `text`, the JSON of a normalized invite (what [`crate::validate_json`] returns,
    /// serialized), without running the rules. Any text that is not exactly the normalized form
    /// of the invite it holds gives an error map: `""` when it is not JSON or does not fit the
    /// typed invite, else the path of the first field that differs.
    ///
    /// ```
    /// use smart_invite::{validate_json, Invite, IssueKey};
    /// let invite = validate_json(r#"{"smart_invite_id":"x","recipient":{"email":"a@example.com"},
    ///   "event":{"summary":"Hi","start":"2026-04-29T10:30:00+01:00","end":"2026-04-29T10:00:00Z"}}"#)
    ///     .into_result().unwrap();
    /// let text = serde_json::to_string(&invite).unwrap();
    /// assert_eq!(Invite::from_normalized_json(&text), Ok(invite));
    ///
    /// // A time as a person writes it is not the normalized form: the rules must see it first.
    /// let raw = text.replace("2026-04-29T09:30:00Z", "2026-04-29T10:30:00+01:00");
    /// let errors = Invite::from_normalized_json(&raw).unwrap_err();
    /// assert!(errors.has("event.start.time", IssueKey::InvalidType));
    /// let errors = Invite::from_normalized_json(&text.replace("\"event\"", "\"evnt\"")).unwrap_err();
    /// assert!(errors.has("evnt", IssueKey::NotSupported));
    /// ```
    pub fn from_normalized_json(text: &str) -> Result<Invite, Issues> {
        read_normalized(text).map(|(invite, _)| invite)
    }
}

/// [`Invite::from_normalized_json`], with the invite's normalized JSON text: `text` itself in
/// the common case, written once and compared.
pub(crate) fn read_normalized(text: &str) -> Result<(Invite, String), Issues> {
    if text.len() > MAX_INPUT_BYTES {
        let description = format!("The invite is {} bytes; the most accepted is {MAX_INPUT_BYTES}.", text.len());
        return Err(refuse("", IssueKey::TooLarge, description));
    }
    let invite: Invite = serde_json::from_str(text).map_err(|e| match e.is_data() {
        true => refuse(
            "",
            IssueKey::InvalidType,
            format!("This is not a normalized invite (what validation returns): {e}."),
        ),
        false => refuse("", IssueKey::InvalidJson, format!("The invite is not valid JSON: {e}.")),
    })?;
    // Writing an invite cannot fail (no maps with non-text keys, no floats).
    let normal = serde_json::to_string(&invite).unwrap_or_default();
    // The common case: the text is the normalized form as written, fields in their order.
    if normal == text {
        return Ok((invite, normal));
    }
    // Else, field by field, both read as JSON values (the same text, so they are JSON): fields
    // in another order are the same invite; anything else is refused by its path.
    let (Ok(given), Ok(expected)) = (Json::parse(text), Json::parse(&normal)) else {
        return Err(refuse("", IssueKey::InvalidJson, "The invite could not be read as JSON.".into()));
    };
    match first_difference(&given, &expected, String::new()) {
        Some((path, key, description)) => Err(refuse(path, key, description)),
        None => Ok((invite, normal)),
    }
}

/// An error map of one issue.
fn refuse(path: impl Into<String>, key: IssueKey, description: String) -> Issues {
    let mut errors = Issues::default();
    errors.push(path, Issue::new(key, description));
    errors
}

/// The first place, in document order, where `given` is not `normal`: its path, key and words.
fn first_difference(given: &Json<'_>, normal: &Json<'_>, path: String) -> Option<(String, IssueKey, String)> {
    let at = |key: &str| if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") };
    match (given, normal) {
        (Json::Object(given), Json::Object(normal)) => {
            for (key, value) in given.fields() {
                let Some(expected) = normal.get(key) else {
                    let description = format!("{} is not a field of a normalized invite.", at(key));
                    return Some((at(key), IssueKey::NotSupported, description));
                };
                if let Some(found) = first_difference(value, expected, at(key)) {
                    return Some(found);
                }
            }
            let missing = normal.keys().find(|key| given.get(key).is_none())?;
            let description = format!("{} is missing; a normalized invite always has it.", at(missing));
            Some((at(missing), IssueKey::Required, description))
        }
        (Json::Array(given), Json::Array(normal)) if given.len() == normal.len() => {
            given.iter().zip(normal).enumerate().find_map(|(n, (g, e))| first_difference(g, e, format!("{path}[{n}]")))
        }
        _ if given == normal => None,
        _ => {
            let shown = |value: &Json<'_>| excerpt(&serde_json::to_string(value).unwrap_or_default(), 60).into_owned();
            let description = format!(
                "{} is {} where a normalized invite has {}: send the invite through validation first.",
                if path.is_empty() { "The invite" } else { &path },
                shown(given),
                shown(normal)
            );
            Some((path, IssueKey::InvalidType, description))
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::validate_json;

    fn normalized(payload: &str) -> String {
        serde_json::to_string(&validate_json(payload).into_result().unwrap()).unwrap()
    }

    #[test]
    fn every_normalized_fixture_reads_back_as_itself() {
        let fixtures: Value = serde_json::from_str(include_str!("../../tests/fixtures/real-payloads.json")).unwrap();
        let mut read = 0;
        for request in fixtures["requests"].as_array().unwrap() {
            let Some(invite) = validate_json(&request["json"].to_string()).invite else { continue };
            let text = serde_json::to_string(&invite).unwrap();
            assert_eq!(Invite::from_normalized_json(&text).as_ref(), Ok(&invite), "{text}");
            read += 1;
        }
        assert!(read > 10, "only {read} fixtures were valid");
        let seed = normalized(include_str!("../../tests/fixtures/seed-request.json"));
        assert!(Invite::from_normalized_json(&seed).is_ok());
    }

    #[test]
    fn what_is_not_the_normalized_form_is_refused_by_path() {
        let text = normalized(
            r#"{"smart_invite_id":"x","recipients":[{"email":"a@example.com"},{"email":"b@example.com"}],
              "event":{"summary":"Hi","start":"2026-04-29","end":"2026-04-30","tzid":"Europe/London",
              "reminders":[{"minutes":10}]}}"#,
        );
        let edited = |from: &str, to: &str| text.replace(from, to);
        let cases = [
            ("{".to_owned(), "", IssueKey::InvalidJson),
            ("[]".to_owned(), "", IssueKey::InvalidType),
            ("null".to_owned(), "", IssueKey::InvalidType),
            (r#"{"method":"request"}"#.to_owned(), "", IssueKey::InvalidType),
            (r#"{"method":"resend","smart_invite_id":"x"}"#.to_owned(), "", IssueKey::InvalidType),
            (r#"{"smart_invite_id":"x"}"#.to_owned(), "method", IssueKey::Required),
            (
                edited(r#""b@example.com""#, r#""b@example.com","name":"B""#),
                "recipients[1].name",
                IssueKey::NotSupported,
            ),
            (edited(r#""minutes":10"#, r#""minutes":10,"x":null"#), "event.reminders[0].x", IssueKey::NotSupported),
            (edited(r#""2026-04-29""#, r#""2026-04-29T00:00:00+00:00""#), "event.start.time", IssueKey::InvalidType),
        ];
        for (input, path, key) in cases {
            let errors = Invite::from_normalized_json(&input).unwrap_err();
            assert!(errors.has(path, key), "{input}: {errors:?}");
            assert_eq!(errors.len(), 1);
        }
        let mut huge = text.clone();
        huge.push_str(&" ".repeat(MAX_INPUT_BYTES));
        assert!(Invite::from_normalized_json(&huge).unwrap_err().has("", IssueKey::TooLarge));
    }

    #[test]
    fn fields_in_another_order_are_the_same_invite_written_in_order() {
        let text = normalized(
            r#"{"smart_invite_id":"x","recipient":{"email":"a@example.com"},"organizer":{"name":"A"},
            "event":{"summary":"Hi","start":"2026-04-29","end":"2026-04-30","tzid":"Europe/London"}}"#,
        );
        let mut value: Value = serde_json::from_str(&text).unwrap();
        let map = value.as_object_mut().unwrap();
        let event = map.remove("event").unwrap();
        let reordered = format!(r#"{{"event":{event},{}"#, &serde_json::to_string(map).unwrap()[1..]);
        assert_ne!(reordered, text);
        let (invite, written) = read_normalized(&reordered).unwrap();
        assert_eq!(written, text);
        assert_eq!(Ok(invite), Invite::from_normalized_json(&text));
    }

    #[test]
    fn the_words_say_what_differs() {
        let text = normalized(r#"{"method":"cancel","smart_invite_id":"x","recipient":{"email":"a@example.com"}}"#);
        let bad = text.replace(r#""cancel""#, r#""Cancel""#);
        let errors = Invite::from_normalized_json(&bad).unwrap_err();
        let issue = &errors.get("").unwrap()[0];
        assert!(
            issue
                .description
                .starts_with("This is not a normalized invite (what validation returns): unknown variant `Cancel`"),
            "{}",
            issue.description
        );
        let errors = Invite::from_normalized_json(&text.replace(r#""x""#, r#""x","zz":1"#)).unwrap_err();
        assert_eq!(errors.get("zz").unwrap()[0].description, "zz is not a field of a normalized invite.");
    }
}
