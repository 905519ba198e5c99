//! The organizer shown in the recipient's calendar.

use crate::json::Json;

use super::{email, object, text, unknown_fields, Report, TextRule};
use crate::invite::Organizer;
use crate::validate::issues::IssueKey;
use crate::validate::path::Path;

/// Reads `{name?, email?}`; a custom email earns a warning naming the forwarding address.
pub(crate) fn read(value: &Json<'_>, path: &Path, report: &mut Report) -> Option<Organizer> {
    let map = object(value, path, report)?;
    let name = text(map, &path.key("name"), TextRule::OPTIONAL, report);
    let email_path = path.key("email");
    let address = email(map, &email_path, TextRule::OPTIONAL, report);
    if let Some(address) = &address {
        let dc = report.data_center;
        let forward = dc.forwarding_address();
        report.add(
            &email_path,
            IssueKey::OrganizerForwarding,
            format!(
                "Replies reach Smart Invites only if mail to {address} is forwarded to {forward} \
                 (the address for the {dc} data center): set up that forwarding before sending."
            ),
        );
    }
    unknown_fields(map, path, &["name", "email"], report);
    Some(Organizer { name, email: address })
}
