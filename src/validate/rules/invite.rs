//! The top level of a payload: method, id, recipients, callback, organizer and event.

use crate::json::Json;

use super::{choice, event, organizer, recipients, text, unknown_fields, url, Report, TextRule};
use crate::invite::{Invite, Method};
use crate::validate::formats::Schemes;
use crate::validate::issues::IssueKey;
use crate::validate::path::Path;

const FIELDS: &[&str] = &["method", "smart_invite_id", "recipient", "recipients", "callback_url", "organizer", "event"];

/// `method`'s words and their methods, from [`Method::ALL`].
const METHODS: [(&str, Method); Method::ALL.len()] = {
    let mut table = [("", Method::Request); Method::ALL.len()];
    let mut index = 0;
    while index < table.len() {
        table[index] = (Method::ALL[index].as_str(), Method::ALL[index]);
        index += 1;
    }
    table
};

const ID: TextRule = TextRule { single_line: true, ..TextRule::REQUIRED };

/// Checks a whole payload; gives the normalized invite when nothing is wrong.
pub(crate) fn invite(value: &Json<'_>, report: &mut Report) -> Option<Invite> {
    let root = Path::Root;
    let Some(map) = value.as_object() else {
        let got = super::type_name(value);
        report.add(&root, IssueKey::InvalidType, format!("The invite must be a JSON object, not {got}."));
        return None;
    };
    let method_path = root.key("method");
    let errors_before = report.errors.found();
    let method = choice(map, &method_path, &METHODS, report).unwrap_or(report.method);
    // An empty or absent method is the default; only a wrong one leaves the method unknown.
    let method_known = report.errors.found() == errors_before;

    let smart_invite_id = text(map, &root.key("smart_invite_id"), ID, report);
    let (recipient, recipients) = recipients::read(map, &root, method, report);
    let callback_url = url(map, &root.key("callback_url"), Schemes::Web, report);
    let organizer =
        super::field(map, "organizer").and_then(|value| organizer::read(value, &root.key("organizer"), report));

    let event_path = root.key("event");
    let event = match (method, super::field(map, "event")) {
        (Method::Request, Some(value)) => event::read(value, &event_path, report),
        (Method::Request, None) => {
            // With a misspelt method the event may not be needed: the method's error says enough.
            if method_known {
                super::missing(&event_path, report);
            }
            None
        }
        (_, Some(_)) => {
            let m = method.as_str();
            report.add(
                &event_path,
                IssueKey::Ignored,
                format!("A {m} request does not take an event: it is ignored and not sent."),
            );
            None
        }
        (_, None) => None,
    };
    unknown_fields(map, &root, FIELDS, report);

    if !report.errors.is_empty() {
        return None;
    }
    Some(Invite { method, smart_invite_id: smart_invite_id?, recipient, recipients, callback_url, organizer, event })
}
