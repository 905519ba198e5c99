//! Emailing an invite: the message Cronofy's best practice asks for, from an API response
//! (or just its iCalendar text), as nodemailer options and as a complete RFC 5322 message.
//!
//! ```
//! use smart_invite::email::{build_invite_email, EmailRequest, InviteSource};
//! let response = serde_json::json!({
//!     "recipient": {"email": "cronofy@example.com", "status": "pending"},
//!     "event": {"summary": "Board meeting"},
//!     "attachments": {"icalendar": "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"}
//! });
//! let email = build_invite_email(&EmailRequest::new(InviteSource::Response(response), "Acme <invites@acme.example>"))?;
//! assert_eq!(email.message.subject, "Board meeting");
//! assert_eq!(email.message.to[0].address, "cronofy@example.com");
//! assert!(email.mime.contains("\r\nContent-Type: text/calendar; charset=UTF-8; method=REQUEST; name=\"invite.ics\"\r\n"));
//! # Ok::<(), smart_invite::email::EmailError>(())
//! ```
//!
//! The message is `multipart/mixed`: a `multipart/alternative` with the text body, the html
//! body and the calendar inline (`text/calendar; charset=UTF-8; method=REQUEST`, 7bit), then the
//! same calendar as an attachment (`application/ics; charset=UTF-8; method=REQUEST`, base64),
//! both named `invite.ics`; `method=CANCEL` when the calendar says so. The MIME tree is written
//! by the `mail-builder` crate, the calendar's base64 (once, for both parts when the text is not
//! 7bit) by the `base64` crate; the top-level header fields are written here (see `headers.rs`
//! for why). Nothing is random: Message-ID and boundaries are hashes of the content, so the same
//! input gives the same message.
//!
//! The calendar can hold thousands of attendees (up to the 1 MiB input limit), so each step is
//! one pass over the text that copies only what it keeps: the calendar is read line by line
//! (`calendar::read`), the `To` field is written mailbox by mailbox, the message is written into
//! one buffer.

mod headers;

use std::borrow::Cow;
use std::fmt;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::raw::Raw;
use mail_builder::headers::HeaderType;
use mail_builder::mime::{BodyPart, MimePart};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

pub use headers::Mailbox;

use crate::calendar::read::{self as calendar, crlf_line_ends, CalendarFacts};
use crate::validate::{Issue, IssueKey, Issues};

/// The file name both calendar parts carry.
const FILE_NAME: &str = "invite.ics";

/// What to email: the invite, the sender, and optionally the rest.
///
/// As JSON (what the JavaScript side passes): `{"invite": <API response> | "<iCalendar text>",
/// "from": "Name <address>", "to": "address" | ["Name <address>", ...], "subject": "..",
/// "text": "..", "html": "..", "date": "2026-04-01T08:00:00Z"}`; unknown fields are refused.
///
/// ```
/// let request: smart_invite::email::EmailRequest = serde_json::from_str(
///     r#"{"invite":"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n","from":"a@example.com","to":"b@example.com"}"#).unwrap();
/// assert_eq!(request.to, ["b@example.com"]);
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailRequest {
    /// The API response of a create, update, cancel or read (with `include_ics`), or just
    /// its `attachments.icalendar` text.
    pub invite: InviteSource,
    /// The sender: `address` or `Name <address>`.
    pub from: String,
    /// The recipients, one mailbox per string. Empty: the invite's recipient(s), else the
    /// calendar's attendees.
    #[serde(default, deserialize_with = "one_or_many")]
    pub to: Vec<String>,
    /// The subject. Absent: the event's summary, `Cancelled: <summary>` for a cancellation.
    #[serde(default)]
    pub subject: Option<String>,
    /// The plain text body. When neither body is given, a short text naming the event is used.
    #[serde(default)]
    pub text: Option<String>,
    /// The HTML body.
    #[serde(default)]
    pub html: Option<String>,
    /// The `Date` header. Absent: the calendar's DTSTAMP (the JavaScript binding passes the
    /// current time).
    #[serde(default, deserialize_with = "optional_utc")]
    pub date: Option<DateTime<Utc>>,
}

impl EmailRequest {
    /// A request with only the invite and the sender; every other field defaulted.
    ///
    /// ```
    /// use smart_invite::email::{EmailRequest, InviteSource};
    /// let r = EmailRequest::new(InviteSource::Calendar("BEGIN:VCALENDAR..".into()), "a@example.com");
    /// assert!(r.to.is_empty() && r.subject.is_none());
    /// ```
    pub fn new(invite: InviteSource, from: impl Into<String>) -> Self {
        Self { invite, from: from.into(), to: Vec::new(), subject: None, text: None, html: None, date: None }
    }
}

/// Where the calendar comes from.
///
/// ```
/// let s: smart_invite::email::InviteSource = serde_json::from_str(r#""BEGIN:VCALENDAR""#).unwrap();
/// assert!(matches!(s, smart_invite::email::InviteSource::Calendar(_)));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum InviteSource {
    /// The iCalendar text itself.
    Calendar(String),
    /// An API response (`{"smart_invite": {...}}` or the object itself), read permissively:
    /// `attachments.icalendar`, `recipient.email`, `recipients[].email`, `event.summary`.
    Response(Value),
}

/// Text is the calendar, any other value a response. Read as one `Value` and then sorted: an
/// untagged enum would first copy the value (a calendar of up to 1 MiB) into serde's buffer.
impl<'de> Deserialize<'de> for InviteSource {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Value::deserialize(deserializer)? {
            Value::String(text) => Self::Calendar(text),
            other => Self::Response(other),
        })
    }
}

fn one_or_many<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match Option::<OneOrMany>::deserialize(deserializer)? {
        None => Vec::new(),
        Some(OneOrMany::One(one)) => vec![one],
        Some(OneOrMany::Many(many)) => many,
    })
}

fn optional_utc<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    let Some(text) = Option::<String>::deserialize(deserializer)? else { return Ok(None) };
    crate::time::strftime::parse_rfc3339(&text).map(Some).ok_or_else(|| {
        serde::de::Error::custom(format!("date {text:?} is not an RFC 3339 time like 2026-04-01T08:00:00Z"))
    })
}

/// The email, twice: options for nodemailer, and the whole message as text.
///
/// ```
/// # use smart_invite::email::{build_invite_email, EmailRequest, InviteSource};
/// let ics = "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nATTENDEE:mailto:b@example.com\r\nSUMMARY:Lunch\r\nEND:VCALENDAR\r\n";
/// let email = build_invite_email(&EmailRequest::new(InviteSource::Calendar(ics.into()), "a@example.com")).unwrap();
/// assert_eq!(email.message.subject, "Cancelled: Lunch");
/// assert!(email.mime.starts_with("From: <a@example.com>\r\nTo: <b@example.com>\r\nSubject: Cancelled: Lunch\r\n"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InviteEmail {
    /// What nodemailer's `sendMail` takes as it is.
    pub message: NodemailerMessage,
    /// The complete RFC 5322 message, CRLF line ends, for any other mailer or raw SMTP.
    pub mime: String,
}

/// nodemailer message options (`from`, `to`, `subject`, bodies, and the two calendar parts as
/// an `alternatives` entry and an `attachments` entry).
///
/// ```
/// # use smart_invite::email::{build_invite_email, EmailRequest, InviteSource};
/// # let ics = "BEGIN:VCALENDAR\r\nATTENDEE:mailto:b@example.com\r\nEND:VCALENDAR\r\n";
/// let email = build_invite_email(&EmailRequest::new(InviteSource::Calendar(ics.into()), "a@example.com")).unwrap();
/// let json = serde_json::to_value(&email.message).unwrap();
/// assert_eq!(json["attachments"][0]["contentTransferEncoding"], "base64");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodemailerMessage {
    /// The sender.
    pub from: Mailbox,
    /// The recipients.
    pub to: Vec<Mailbox>,
    /// The subject, unencoded (nodemailer encodes it); except ASCII text that nodemailer would
    /// write so that readers misread it (holding `=?`, white space at an end or in runs), which
    /// is given already RFC 2047 encoded. The same goes for display names.
    pub subject: String,
    /// The plain text body, CRLF line ends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The HTML body, CRLF line ends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    /// The inline `text/calendar` part.
    pub alternatives: Vec<NodemailerPart>,
    /// The `application/ics` attachment.
    pub attachments: Vec<NodemailerPart>,
    /// The same Message-ID as in `mime`.
    pub message_id: String,
    /// The same Date as in `mime` (RFC 5322 form).
    pub date: String,
}

/// One nodemailer attachment or alternative.
///
/// ```
/// # use smart_invite::email::{build_invite_email, EmailRequest, InviteSource};
/// # let ics = "BEGIN:VCALENDAR\r\nATTENDEE:mailto:b@example.com\r\nEND:VCALENDAR\r\n";
/// # let email = build_invite_email(&EmailRequest::new(InviteSource::Calendar(ics.into()), "a@example.com")).unwrap();
/// let inline = &email.message.alternatives[0];
/// assert_eq!(inline.content_transfer_encoding, "7bit");
/// assert_eq!(inline.content, ics);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodemailerPart {
    /// The file name (the attachment; the inline part is named in its content type, since
    /// nodemailer would mark a part with a file name as an attachment).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// The full content type with its parameters.
    pub content_type: String,
    /// The content: the iCalendar text.
    pub content: String,
    /// `7bit` or `base64`.
    pub content_transfer_encoding: String,
    /// `attachment` for the attachment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_disposition: Option<String>,
}

/// Why no email could be built. Each message says what to change.
///
/// ```
/// use smart_invite::email::{build_invite_email, EmailError, EmailRequest, InviteSource};
/// let error = build_invite_email(&EmailRequest::new(InviteSource::Calendar("hello".into()), "a@example.com"));
/// assert!(matches!(error, Err(EmailError::NotCalendar(_))));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmailError {
    /// The options do not have the expected shape (the JSON reason).
    InvalidRequest(String),
    /// The invite carries no iCalendar text.
    MissingCalendar,
    /// The iCalendar text is not a whole VCALENDAR (the reason).
    NotCalendar(String),
    /// An address option is not an email address.
    InvalidAddress {
        /// `from`, `to[0]`, ...
        field: String,
        /// What was given.
        value: String,
    },
    /// A header value holds CR, LF or another control character (header injection).
    ControlCharacter {
        /// `from`, `to[0]`, `subject`.
        field: String,
    },
    /// Nobody to send to: no `to`, and the invite names no recipient.
    NoRecipients,
}

impl fmt::Display for EmailError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidRequest(reason) => write!(f, "The email options are not valid: {reason}."),
            Self::MissingCalendar => f.write_str(
                "The invite has no attachments.icalendar: pass the API response of a create, update or cancel \
                 (or of a read with include_ics=true), or the iCalendar text itself.",
            ),
            Self::NotCalendar(reason) => write!(f, "The invite's iCalendar text is not a calendar: {reason}."),
            Self::InvalidAddress { field, value } => write!(
                f,
                "{field} is not an email address: {value:?}. Write it as name@example.com or Name <name@example.com> \
                 (an ASCII address)."
            ),
            Self::ControlCharacter { field } => write!(
                f,
                "{field} contains a line break or another control character, which could inject header fields; \
                 remove it."
            ),
            Self::NoRecipients => f.write_str("There is nobody to send to: the invite names no recipient; pass `to`."),
        }
    }
}

impl std::error::Error for EmailError {}

impl EmailError {
    /// The error as an error map entry (path, key, description), like a validation error.
    ///
    /// ```
    /// let e = smart_invite::email::EmailError::ControlCharacter { field: "subject".into() };
    /// assert!(e.issues().has("subject", smart_invite::IssueKey::ControlCharacters));
    /// ```
    pub fn issues(&self) -> Issues {
        let (path, key) = match self {
            Self::InvalidRequest(_) => ("", IssueKey::InvalidType),
            Self::MissingCalendar => ("invite.attachments.icalendar", IssueKey::Required),
            Self::NotCalendar(_) => ("invite.attachments.icalendar", IssueKey::InvalidType),
            Self::InvalidAddress { field, .. } => (field.as_str(), IssueKey::InvalidEmail),
            Self::ControlCharacter { field } => (field.as_str(), IssueKey::ControlCharacters),
            Self::NoRecipients => ("to", IssueKey::Required),
        };
        let mut issues = Issues::default();
        issues.push(path, Issue::new(key, self.to_string()));
        issues
    }
}

/// Builds the invite email (see the module docs for its shape).
///
/// ```
/// use smart_invite::email::{build_invite_email, EmailError, EmailRequest, InviteSource};
/// let ics = "BEGIN:VCALENDAR\r\nATTENDEE:mailto:b@example.com\r\nEND:VCALENDAR\r\n";
/// let mut request = EmailRequest::new(InviteSource::Calendar(ics.into()), "a@example.com");
/// request.subject = Some("Hi\r\nBcc: everyone@example.com".into());
/// assert_eq!(build_invite_email(&request), Err(EmailError::ControlCharacter { field: "subject".into() }));
/// ```
pub fn build_invite_email(request: &EmailRequest) -> Result<InviteEmail, EmailError> {
    let (mut email, calendar) = build_apart(request)?;
    email.message.alternatives[0].content.clone_from(&calendar);
    email.message.attachments[0].content = calendar;
    Ok(email)
}

/// The email with its two calendar parts' `content` left empty, and the calendar text they
/// both hold: the WebAssembly binding hands that text to JavaScript once for both.
pub(crate) fn build_apart(request: &EmailRequest) -> Result<(InviteEmail, String), EmailError> {
    let source = read_source(&request.invite)?;
    let facts = calendar::read(source.icalendar).map_err(|why| EmailError::NotCalendar(why.0))?;
    let from = Mailbox::parse("from", &request.from)?;
    let to = recipients(request, &source, &facts)?;
    let subject = subject(request, &source, &facts)?;
    let mut text = body(request.text.as_deref());
    let html = body(request.html.as_deref());
    if text.is_none() && html.is_none() {
        text = Some(default_text(&subject, &facts));
    }
    let date = request.date.or(facts.dtstamp).unwrap_or(DateTime::UNIX_EPOCH);
    let date = crate::time::strftime::format(date.naive_utc(), "%a, %d %b %Y %H:%M:%S +0000");

    let mut content = vec![request.from.as_str(), &subject, &date, &facts.text];
    content.extend([text.as_deref(), html.as_deref()].into_iter().flatten());
    content.extend(to.iter().map(|m| m.address.as_str()));
    let fingerprint = Fingerprint::of(&content);
    let message_id = format!("<{}@{}>", fingerprint.hex(), from.domain());
    let parts = CalendarParts::new(&facts);

    let mut mime = String::new();
    headers::mailboxes(&mut mime, "From", std::slice::from_ref(&from));
    headers::mailboxes(&mut mime, "To", &to);
    headers::unstructured(&mut mime, "Subject", &subject);
    mime.push_str(&format!("Date: {date}\r\nMessage-ID: {message_id}\r\nMIME-Version: 1.0\r\n"));
    let bodies = [text.as_deref(), html.as_deref(), Some(facts.text.as_str())];
    let boundaries = fingerprint.boundaries(&bodies);
    let mime = mime_body(mime, &parts, &facts.text, [text.as_deref(), html.as_deref()], &boundaries);

    let message = NodemailerMessage {
        from: headers::literal_for_nodemailer(from),
        to: to.into_iter().map(headers::literal_for_nodemailer).collect(),
        subject: headers::literal_text(&subject),
        text,
        html,
        alternatives: vec![parts.inline],
        attachments: vec![parts.attachment],
        message_id,
        date,
    };
    Ok((InviteEmail { message, mime }, facts.text))
}

/// The calendar and the people named by the invite, borrowed from the request.
struct Source<'a> {
    icalendar: &'a str,
    recipients: Vec<&'a str>,
    summary: Option<&'a str>,
}

fn read_source(invite: &InviteSource) -> Result<Source<'_>, EmailError> {
    let response = match invite {
        InviteSource::Calendar(text) => return Ok(Source { icalendar: text, recipients: Vec::new(), summary: None }),
        InviteSource::Response(value) => value.get("smart_invite").filter(|v| v.is_object()).unwrap_or(value),
    };
    let text = |pointer: &str| response.pointer(pointer).and_then(Value::as_str);
    let icalendar = text("/attachments/icalendar").ok_or(EmailError::MissingCalendar)?;
    let many = response.get("recipients").and_then(Value::as_array).into_iter().flatten().map(|r| r.get("email"));
    let recipients =
        std::iter::once(response.pointer("/recipient/email")).chain(many).flatten().filter_map(Value::as_str).collect();
    Ok(Source { icalendar, recipients, summary: text("/event/summary") })
}

/// The mailboxes of `to`; without it, the invite's recipients, else the calendar's attendees
/// (each error names the `to` entry, or `to` for an address from the invite).
fn recipients(request: &EmailRequest, source: &Source, facts: &CalendarFacts) -> Result<Vec<Mailbox>, EmailError> {
    match request.to.as_slice() {
        [] if source.recipients.is_empty() && facts.attendees.is_empty() => Err(EmailError::NoRecipients),
        [] if source.recipients.is_empty() => facts.attendees.iter().map(|text| Mailbox::parse("to", text)).collect(),
        [] => source.recipients.iter().map(|text| Mailbox::parse("to", text)).collect(),
        [one] => Ok(vec![Mailbox::parse("to", one)?]),
        many => many.iter().enumerate().map(|(i, text)| Mailbox::parse(&format!("to[{i}]"), text)).collect(),
    }
}

fn subject(request: &EmailRequest, source: &Source, facts: &CalendarFacts) -> Result<String, EmailError> {
    if let Some(subject) = &request.subject {
        headers::refuse_controls("subject", subject)?;
        return Ok(subject.clone());
    }
    let summary = source.summary.or(facts.summary.as_deref()).unwrap_or("Invitation");
    // A summary from the calendar may hold line breaks: a subject is one line.
    let summary: String = summary.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let summary = summary.trim();
    Ok(if facts.is_cancel() { format!("Cancelled: {summary}") } else { summary.to_owned() })
}

fn body(text: Option<&str>) -> Option<String> {
    text.filter(|t| !t.is_empty()).map(crlf_line_ends)
}

fn default_text(subject: &str, facts: &CalendarFacts) -> String {
    let action = if facts.is_cancel() {
        "This event has been cancelled. If your calendar still shows it, open the attached"
    } else {
        "Your calendar should offer to accept or decline this invitation. If it does not, open the attached"
    };
    let title = if subject.trim().is_empty() { "Invitation" } else { subject };
    format!("{title}\r\n\r\n{action} {FILE_NAME}.\r\n")
}

/// The two calendar parts, with the same content type parameters in the message and in the
/// nodemailer options; their content is the calendar, set by [`build_invite_email`].
struct CalendarParts {
    inline: NodemailerPart,
    attachment: NodemailerPart,
}

impl CalendarParts {
    fn new(facts: &CalendarFacts) -> Self {
        let method = &facts.method;
        // 7bit as Cronofy asks, when the text allows it: ASCII, lines within 998 octets.
        let seven_bit = facts.longest_line <= 998 && facts.text.is_ascii();
        let inline = NodemailerPart {
            filename: None,
            content_type: format!("text/calendar; charset=UTF-8; method={method}; name=\"{FILE_NAME}\""),
            content: String::new(),
            content_transfer_encoding: if seven_bit { "7bit" } else { "base64" }.into(),
            content_disposition: None,
        };
        let attachment = NodemailerPart {
            filename: Some(FILE_NAME.into()),
            content_type: format!("application/ics; charset=UTF-8; method={method}"),
            content: String::new(),
            content_transfer_encoding: "base64".into(),
            content_disposition: Some("attachment".into()),
        };
        Self { inline, attachment }
    }
}

/// The message: the top-level `headers`, then the MIME tree written by mail-builder.
///
/// Both calendar parts carry the `calendar` as it is (7bit) or the same base64, encoded once.
fn mime_body(
    headers: String,
    parts: &CalendarParts,
    calendar: &str,
    [text, html]: [Option<&str>; 2],
    boundaries: &[String; 2],
) -> String {
    let mut alternatives: Vec<MimePart<'_>> = [("text/plain", text), ("text/html", html)]
        .into_iter()
        .filter_map(|(kind, body)| Some(text_part(kind, body?)))
        .collect();
    let (inline, attachment) = (&parts.inline, &parts.attachment);
    let base64 = base64_lines(calendar);
    let encoding = inline.content_transfer_encoding.as_str();
    let inline_body = if encoding == "base64" { &base64 } else { calendar };
    alternatives.push(leaf(&inline.content_type, encoding, Cow::Borrowed(inline_body)));
    let mut attachment =
        leaf(&format!("{}; name=\"{FILE_NAME}\"", attachment.content_type), "base64", Cow::Borrowed(&base64));
    attachment.headers.insert(1, header("Content-Disposition", format!("attachment; filename=\"{FILE_NAME}\"")));
    let multipart = |kind: &'static str, boundary: &str, children| {
        MimePart::new(ContentType::new(kind).attribute("boundary", boundary.to_owned()), BodyPart::Multipart(children))
    };
    let alternative = multipart("multipart/alternative", &boundaries[1], alternatives);
    let mixed = multipart("multipart/mixed", &boundaries[0], vec![alternative, attachment]);
    let mut out = headers.into_bytes();
    // Room for the bodies (quoted-printable takes at most three octets for one) and the headers.
    let bodies = [text, html].iter().flatten().map(|body| body.len() * 3).sum::<usize>();
    out.reserve(inline_body.len() + base64.len() + bodies + 4096);
    // Writing into a Vec cannot fail.
    let _ = mixed.write_part(&mut out);
    // Every piece written is UTF-8 (the headers and bodies are strings, mail-builder adds ASCII).
    String::from_utf8(out).unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

/// A text body: mail-builder picks 7bit, quoted-printable or base64 for it, except that text
/// with control characters (NUL, ...) always goes base64, which carries any octet.
fn text_part<'x>(kind: &str, body: &'x str) -> MimePart<'x> {
    let content_type = format!("{kind}; charset=UTF-8");
    if body.bytes().any(|b| b.is_ascii_control() && !matches!(b, b'\r' | b'\n' | b'\t')) {
        return leaf(&content_type, "base64", Cow::Owned(base64_lines(body)));
    }
    MimePart { headers: vec![header("Content-Type", content_type)], contents: BodyPart::Text(Cow::Borrowed(body)) }
}

/// A part whose body is already in its transfer encoding.
fn leaf<'x>(content_type: &str, encoding: &str, body: Cow<'x, str>) -> MimePart<'x> {
    let headers =
        vec![header("Content-Type", content_type.to_owned()), header("Content-Transfer-Encoding", encoding.to_owned())];
    MimePart { headers, contents: BodyPart::Text(body) }
}

/// A header of the MIME tree, folded before its last parameter when the line would be too long
/// (mail-builder folds raw values only at a space past column 76).
fn header<'x>(name: &'static str, value: String) -> (Cow<'x, str>, HeaderType<'x>) {
    let value = match value.rfind("; ") {
        Some(at) if name.len() + 2 + value.len() > headers::LINE_MAX => {
            format!("{};\r\n {}", &value[..at], &value[at + 2..])
        }
        _ => value,
    };
    (Cow::Borrowed(name), HeaderType::Raw(Raw::new(value)))
}

/// Base64 in lines of 76 characters, each ended by CRLF (RFC 2045 6.8), as mail-builder writes
/// it; with the `base64` crate, about ten times faster than mail-builder's encoder.
fn base64_lines(text: &str) -> String {
    const LINE_INPUT: usize = 76 / 4 * 3;
    let mut out = vec![0; text.len().div_ceil(LINE_INPUT) * 78];
    let mut at = 0;
    for line in text.as_bytes().chunks(LINE_INPUT) {
        // The buffer holds every line: encoding cannot run out of room.
        at += BASE64.encode_slice(line, &mut out[at..]).unwrap_or_default();
        out[at..at + 2].copy_from_slice(b"\r\n");
        at += 2;
    }
    out.truncate(at);
    String::from_utf8(out).unwrap_or_default()
}

/// A hash of the content (two FNV-1a 64 with different seeds): Message-ID and boundaries come
/// from it, so no clock, host name or random source is needed.
#[derive(Clone, Copy)]
struct Fingerprint([u64; 2]);

impl Fingerprint {
    fn of(texts: &[&str]) -> Self {
        Self([0xcbf2_9ce4_8422_2325, 0x6c62_272e_07bb_0142]).and(texts)
    }

    fn and(self, texts: &[&str]) -> Self {
        const PRIME: u64 = 0x0000_0100_0000_01b3;
        let [mut a, mut b] = self.0;
        let mut add = |byte: u8| {
            a = (a ^ u64::from(byte)).wrapping_mul(PRIME);
            b = (b ^ u64::from(byte)).wrapping_mul(PRIME);
        };
        for text in texts {
            text.bytes().for_each(&mut add);
            add(0xff);
        }
        Self([a, b])
    }

    fn hex(self) -> String {
        format!("{:016x}{:016x}", self.0[0], self.0[1])
    }

    /// Two boundaries (mixed, alternative) that occur in none of the bodies.
    fn boundaries(self, bodies: &[Option<&str>]) -> [String; 2] {
        let mut salt = 0u32;
        loop {
            let hash = self.and(&[&salt.to_string()]).hex();
            let pair = [format!("=_mixed_{hash}"), format!("=_alt_{hash}")];
            // Both start with `=`: one pass over the `=` of each body finds either.
            let holds =
                |body: &str| body.match_indices('=').any(|(at, _)| pair.iter().any(|b| body[at..].starts_with(b)));
            if !bodies.iter().flatten().any(|body| holds(body)) {
                return pair;
            }
            salt += 1;
        }
    }
}

#[cfg(test)]
mod tests;
