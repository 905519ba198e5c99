//! Who the invite is for: exactly one of `recipient` or `recipients`.

use std::collections::HashSet;

use crate::json::{Json, Object};

use super::{choice, email, field, object, unknown_fields, Report, TextRule};
use crate::invite::{Method, Recipient, RecipientStatus};
use crate::validate::issues::IssueKey;
use crate::validate::path::Path;
use crate::validate::quoted;

const STATUSES: &[(&str, RecipientStatus)] = &[
    ("pending", RecipientStatus::Pending),
    ("accepted", RecipientStatus::Accepted),
    ("tentative", RecipientStatus::Tentative),
    ("declined", RecipientStatus::Declined),
];

/// Reads the recipient(s): `(recipient, recipients)`, at most one of them set.
pub(crate) fn read(
    map: &Object<'_>,
    root: &Path,
    method: Method,
    report: &mut Report,
) -> (Option<Recipient>, Option<Vec<Recipient>>) {
    let one_path = root.key("recipient");
    let many_path = root.key("recipients");
    match (field(map, "recipient"), field(map, "recipients")) {
        (Some(_), Some(_)) => {
            report.add(&many_path, IssueKey::Conflict, "Give either recipient or recipients, not both.");
            (None, None)
        }
        (None, None) => {
            report.add(
                &one_path,
                IssueKey::Required,
                "A recipient is required: give recipient with an email, or recipients with a list of them.",
            );
            (None, None)
        }
        (Some(one), None) => (single(one, &one_path, &["email"], report), None),
        (None, Some(_)) if method == Method::Remove => {
            report.add(
                &many_path,
                IssueKey::NotSupported,
                "A remove request names the one recipient to drop as recipient, not recipients.",
            );
            (None, None)
        }
        (None, Some(many)) => (None, list(many, &many_path, report)),
    }
}

/// One `{email, status?}` object; `known` says whether `status` may appear.
fn single(value: &Json<'_>, path: &Path, known: &[&'static str], report: &mut Report) -> Option<Recipient> {
    let map = object(value, path, report)?;
    let address = email(map, &path.key("email"), TextRule::REQUIRED, report);
    let status = if known.contains(&"status") { choice(map, &path.key("status"), STATUSES, report) } else { None };
    unknown_fields(map, path, known, report);
    Some(Recipient { email: address?, status })
}

fn list(value: &Json<'_>, path: &Path, report: &mut Report) -> Option<Vec<Recipient>> {
    let Some(items) = value.as_array() else {
        super::wrong_type(path, value, "a list of recipients", report);
        return None;
    };
    if items.is_empty() {
        report.add(path, IssueKey::Empty, "recipients must list at least one recipient.");
        return None;
    }
    let mut recipients = Vec::with_capacity(items.len());
    // Addresses seen so far, ASCII-lowercased: one lookup per recipient, not a scan of the rest.
    let mut seen = HashSet::with_capacity(items.len());
    let mut complete = true;
    for (index, item) in items.iter().enumerate() {
        let at = path.index(index);
        let Some(recipient) = single(item, &at, &["email", "status"], report) else {
            complete = false;
            continue;
        };
        if !seen.insert(recipient.email.to_ascii_lowercase()) {
            let address = &recipient.email;
            report.add(
                &at.key("email"),
                IssueKey::Duplicate,
                format!("{} is already a recipient: list each address once.", quoted(address)),
            );
            complete = false;
        }
        recipients.push(recipient);
    }
    complete.then_some(recipients)
}
