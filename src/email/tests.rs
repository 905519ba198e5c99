//! The message's shape, checked natively; the parsers' view (nodemailer, mailparser, Python's
//! `email`) is tested from JavaScript in tests/email/.

use serde_json::json;

use super::*;

const ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:x@example.com\r\n\
    DTSTAMP:20260401T080000Z\r\nATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:att@example.com\r\n\
    SUMMARY:Board meeting\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

fn response(ics: &str) -> InviteSource {
    InviteSource::Response(json!({
        "recipient": {"email": "cronofy@example.com", "status": "pending"},
        "smart_invite_id": "x",
        "event": {"summary": "Board meeting"},
        "attachments": {"icalendar": ics}
    }))
}

fn build(invite: InviteSource) -> Result<InviteEmail, EmailError> {
    build_invite_email(&EmailRequest::new(invite, "Acme Invites <invites@acme.example>"))
}

/// The header block of a message (up to the first empty line), unfolded.
fn top_headers(mime: &str) -> Vec<String> {
    let head = &mime[..mime.find("\r\n\r\n").unwrap()];
    head.replace("\r\n ", " ").replace("\r\n\t", "\t").split("\r\n").map(str::to_owned).collect()
}

#[test]
fn request_has_the_best_practice_structure() {
    let email = build(response(ICS)).unwrap();
    let mime = &email.mime;
    let headers = top_headers(mime);
    assert_eq!(headers[0], "From: Acme Invites <invites@acme.example>");
    assert_eq!(headers[1], "To: <cronofy@example.com>");
    assert_eq!(headers[2], "Subject: Board meeting");
    assert_eq!(headers[3], "Date: Wed, 01 Apr 2026 08:00:00 +0000");
    assert!(headers[4].starts_with("Message-ID: <") && headers[4].ends_with("@acme.example>"));
    assert_eq!(headers[5], "MIME-Version: 1.0");
    assert!(headers[6].starts_with("Content-Type: multipart/mixed;") && headers[6].contains("boundary=\"=_mixed_"));

    let order = [
        "Content-Type: multipart/alternative;",
        "Content-Type: text/plain; charset=UTF-8\r\n",
        "Content-Type: text/calendar; charset=UTF-8; method=REQUEST; name=\"invite.ics\"\r\nContent-Transfer-Encoding: 7bit\r\n\r\nBEGIN:VCALENDAR\r\n",
        "Content-Type: application/ics; charset=UTF-8; method=REQUEST;\r\n name=\"invite.ics\"\r\nContent-Disposition: attachment; filename=\"invite.ics\"\r\nContent-Transfer-Encoding: base64\r\n\r\n",
    ];
    let mut from = 0;
    for part in order {
        let at = mime[from..].find(part).unwrap_or_else(|| panic!("{part:?} missing or out of order in\n{mime}"));
        from += at + part.len();
    }
    assert!(mime.contains(ICS), "the inline part holds the calendar as it is");
    assert_eq!(email.message.alternatives[0].content, ICS);
    assert_eq!(email.message.attachments[0].content, ICS);
}

#[test]
fn every_line_is_crlf_and_short() {
    let mut request =
        EmailRequest::new(response(ICS), "Zoë Ünïcödé-Ñame With A Rather Long Display Name <z@example.com>");
    request.subject = Some("Réunion ".repeat(40));
    request.text = Some(format!("{}\nsecond line\rthird\r\n", "long line ".repeat(50)));
    request.html = Some("<p>Hello</p>\n".into());
    let email = build_invite_email(&request).unwrap();
    assert!(!email.mime.replace("\r\n", "").contains(['\r', '\n']), "bare CR or LF");
    for line in email.mime.split("\r\n") {
        assert!(line.len() <= 78, "{} octets: {line:?}", line.len());
    }
}

#[test]
fn cancel_uses_method_cancel_and_prefixes_the_subject() {
    let ics = ICS.replace("METHOD:REQUEST", "METHOD:CANCEL");
    let email = build(response(&ics)).unwrap();
    assert_eq!(email.message.subject, "Cancelled: Board meeting");
    assert!(email.mime.contains("text/calendar; charset=UTF-8; method=CANCEL;"));
    assert!(email.mime.contains("application/ics; charset=UTF-8; method=CANCEL;"));
    assert_eq!(email.message.attachments[0].content_type, "application/ics; charset=UTF-8; method=CANCEL");
}

#[test]
fn defaults_come_from_the_response_then_the_calendar() {
    let email = build(InviteSource::Calendar(ICS.into())).unwrap();
    assert_eq!(email.message.to, [Mailbox { name: None, address: "att@example.com".into() }]);
    assert_eq!(email.message.subject, "Board meeting");
    assert!(email.message.text.as_deref().unwrap().starts_with("Board meeting\r\n"));
    assert!(email.message.html.is_none());

    let many = InviteSource::Response(json!({"smart_invite": {
        "recipients": [{"email": "a@example.com"}, {"email": "b@example.com"}],
        "attachments": {"icalendar": ICS}}}));
    let addresses: Vec<String> = build(many).unwrap().message.to.into_iter().map(|m| m.address).collect();
    assert_eq!(addresses, ["a@example.com", "b@example.com"]);
}

#[test]
fn options_override_the_defaults() {
    let request: EmailRequest = serde_json::from_value(json!({
        "invite": ICS, "from": "a@example.com", "to": ["Bo <b@example.com>", "c@example.com"],
        "subject": "Hello", "html": "<b>Hi</b>", "date": "2026-05-01T10:00:00+02:00"
    }))
    .unwrap();
    let email = build_invite_email(&request).unwrap();
    assert_eq!(email.message.to[0], Mailbox { name: Some("Bo".into()), address: "b@example.com".into() });
    assert_eq!(email.message.subject, "Hello");
    assert_eq!(email.message.date, "Fri, 01 May 2026 08:00:00 +0000");
    assert!(email.message.text.is_none(), "no default text when an html body is given");
    assert!(email.mime.contains("Content-Type: text/html; charset=UTF-8\r\n"));
}

#[test]
fn non_ascii_calendars_go_base64_inline_too() {
    let ics = ICS.replace("Board meeting", "Réunion du conseil");
    let email = build(InviteSource::Calendar(ics)).unwrap();
    assert_eq!(email.message.alternatives[0].content_transfer_encoding, "base64");
    assert!(email.mime.contains("name=\"invite.ics\"\r\nContent-Transfer-Encoding: base64\r\n"));
}

#[test]
fn same_input_same_message_and_ids_differ_with_content() {
    let a = build(response(ICS)).unwrap();
    assert_eq!(a, build(response(ICS)).unwrap());
    let b = build(response(&ICS.replace("DTSTAMP:20260401T080000Z", "DTSTAMP:20260401T080001Z"))).unwrap();
    assert_ne!(a.message.message_id, b.message.message_id);
}

#[test]
fn bad_input_gives_errors_not_panics() {
    let calendar = |text: &str| InviteSource::Calendar(text.into());
    let cases: Vec<(EmailRequest, &str)> = vec![
        (
            EmailRequest::new(InviteSource::Response(json!({"attachments": []})), "a@example.com"),
            "invite.attachments.icalendar",
        ),
        (EmailRequest::new(InviteSource::Response(json!(42)), "a@example.com"), "invite.attachments.icalendar"),
        (
            EmailRequest::new(calendar("BEGIN:VCALENDAR\nVERSION:2.0..."), "a@example.com"),
            "invite.attachments.icalendar",
        ),
        (EmailRequest::new(calendar(ICS), "not an address"), "from"),
        (EmailRequest::new(calendar(ICS), "Eve\r\nBcc: all@example.com <e@example.com>"), "from"),
        (
            EmailRequest {
                to: vec!["a@example.com".into(), "b".into()],
                ..EmailRequest::new(calendar(ICS), "a@example.com")
            },
            "to[1]",
        ),
        (EmailRequest::new(calendar("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"), "a@example.com"), "to"),
    ];
    for (request, path) in cases {
        let error = build_invite_email(&request).unwrap_err();
        assert!(error.issues().get(path).is_some(), "{error:?} should be at {path}");
        assert!(error.to_string().ends_with('.'), "{error}");
    }
    let unknown = serde_json::from_value::<EmailRequest>(json!({"invite": ICS, "from": "a@example.com", "cc": "x"}));
    assert!(unknown.unwrap_err().to_string().contains("unknown field `cc`"));
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    fn header_text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                Just("\r\n".to_owned()),
                Just("\"".to_owned()),
                Just("=?".to_owned()),
                Just("é".to_owned()),
                Just("😀".to_owned()),
                "[a-z ,;<>@]{1,90}",
                any::<char>().prop_map(String::from),
            ],
            0..12,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Whatever the names, subject and body: a message whose every line ends with CRLF and
        /// fits in 78 octets, or the control-character error for a header value.
        #[test]
        fn any_input_gives_short_crlf_lines_or_an_error(name in header_text(), subject in header_text(), text in any::<String>()) {
            let mut request = EmailRequest::new(InviteSource::Calendar(ICS.into()), format!("\"{}\" <a@example.com>", name.replace(['"', '\\'], "")));
            request.subject = Some(subject.clone());
            request.text = Some(text);
            match build_invite_email(&request) {
                Ok(email) => {
                    prop_assert!(!email.mime.replace("\r\n", "").contains(['\r', '\n']));
                    for line in email.mime.split("\r\n") {
                        prop_assert!(line.len() <= 78, "{} octets: {:?}", line.len(), line);
                    }
                }
                Err(EmailError::ControlCharacter { field }) => {
                    let value = if field == "from" { &name } else { &subject };
                    prop_assert!(value.contains(|c: char| c.is_ascii_control() && c != '\t'));
                }
                Err(other) => prop_assert!(false, "unexpected {other:?}"),
            }
        }
    }
}
