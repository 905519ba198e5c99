//! The iCalendar (RFC 5545) text of an invite: what the Smart Invites API returns as
//! `attachments.icalendar`, built here for the local mock of the API and for tests.
//!
//! ```
//! use smart_invite::calendar::{invite_calendar, CalendarMeta};
//! let invite = smart_invite::validate_json(r#"{"smart_invite_id":"board-42",
//!   "recipient":{"email":"cronofy@example.com"},
//!   "event":{"summary":"Board meeting","start":"2026-04-29T09:30:00Z","end":"2026-04-29T10:00:00Z",
//!            "reminders":[{"minutes":15}]}}"#).into_result().unwrap();
//! let dtstamp = "2026-04-01T08:00:00Z".parse().unwrap();
//! let ics = invite_calendar(&invite, &CalendarMeta::new("board-42@example.com", dtstamp));
//! assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
//! assert!(ics.contains("\r\nMETHOD:REQUEST\r\n"));
//! assert!(ics.contains("\r\nATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:cronofy@example.com\r\n"));
//! assert!(ics.contains("\r\nDTSTART:20260429T093000Z\r\n"));
//! assert!(ics.contains("\r\nTRIGGER:-PT15M\r\n"));
//! ```
//!
//! Written by hand rather than with the `icalendar` crate: 0.17 needs Rust 1.88 (this crate
//! supports 1.85), pulls `uuid` with `getrandom`'s JavaScript backend plus `iso8601`/`nom` into
//! the wasm even with its parser off, and passes a lone carriage return through TEXT values
//! unescaped (which breaks the CRLF-only rule). What an invite needs is one event of fixed
//! shape, so the writer below is a few functions: escape TEXT, quote parameters, fold at 75
//! octets on character boundaries, end lines with CRLF.

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::invite::{Invite, Organizer, Recipient, RecipientStatus, Transparency};
use crate::time::Moment;
use crate::DataCenter;

/// The longest content line RFC 5545 allows, in octets, line break excluded.
const LINE_OCTETS: usize = 75;

/// The iTIP method of the calendar: what the recipient's calendar should do with it.
///
/// ```
/// let m: smart_invite::calendar::CalendarMethod = serde_json::from_str(r#""cancel""#).unwrap();
/// assert_eq!(m.as_str(), "CANCEL");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CalendarMethod {
    /// Create or update the event (`METHOD:REQUEST`).
    #[default]
    Request,
    /// Remove the event (`METHOD:CANCEL`, `STATUS:CANCELLED`).
    Cancel,
}

impl CalendarMethod {
    /// The iCalendar name (`REQUEST`, `CANCEL`).
    ///
    /// ```
    /// assert_eq!(smart_invite::calendar::CalendarMethod::Request.as_str(), "REQUEST");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Request => "REQUEST",
            Self::Cancel => "CANCEL",
        }
    }
}

/// What the calendar says beyond the invite itself: identity, version and people.
///
/// As JSON (what the JavaScript side passes): `{"uid": "..", "sequence": 2, "method":
/// "request"|"cancel", "dtstamp": "2026-04-01T08:00:00Z", "organizer": {"name": .., "email": ..},
/// "attendees": [{"email": .., "status": "accepted"}]}`; all but `dtstamp` may be left out.
///
/// ```
/// let meta: smart_invite::calendar::CalendarMeta =
///     serde_json::from_str(r#"{"uid":"x@example.com","sequence":3,"dtstamp":"2026-04-01T08:00:00Z"}"#).unwrap();
/// assert_eq!(meta.sequence, 3);
/// assert_eq!(meta.method, smart_invite::calendar::CalendarMethod::Request);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarMeta {
    /// The event's UID, stable for the life of the invite. Empty: `<smart_invite_id>@smart-invite`.
    #[serde(default)]
    pub uid: String,
    /// The revision: 0 when created, one more on each update or cancellation.
    #[serde(default)]
    pub sequence: u32,
    /// REQUEST or CANCEL.
    #[serde(default)]
    pub method: CalendarMethod,
    /// When this calendar text was made (`DTSTAMP`), in UTC.
    #[serde(serialize_with = "serialize_utc", deserialize_with = "deserialize_utc")]
    pub dtstamp: DateTime<Utc>,
    /// The organizer. Each field left out falls back to the invite's `organizer`, and the email
    /// then to the default data center's forwarding address (replies must reach Cronofy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organizer: Option<Organizer>,
    /// The attendees with their answers. Empty: the invite's recipient(s), status `pending`
    /// unless the invite gives one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendees: Vec<Recipient>,
}

impl CalendarMeta {
    /// A first revision (`SEQUENCE:0`, `METHOD:REQUEST`) with the organizer and attendees taken
    /// from the invite.
    ///
    /// ```
    /// let meta = smart_invite::calendar::CalendarMeta::new("a@b", "2026-04-01T08:00:00Z".parse().unwrap());
    /// assert_eq!((meta.sequence, meta.attendees.len()), (0, 0));
    /// ```
    pub fn new(uid: impl Into<String>, dtstamp: DateTime<Utc>) -> Self {
        Self {
            uid: uid.into(),
            sequence: 0,
            method: CalendarMethod::Request,
            dtstamp,
            organizer: None,
            attendees: Vec::new(),
        }
    }
}

fn serialize_utc<S: Serializer>(time: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&crate::time::strftime::format(time.naive_utc(), "%Y-%m-%dT%H:%M:%SZ"))
}

fn deserialize_utc<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
    crate::time::strftime::parse_rfc3339(&text).ok_or_else(|| {
        serde::de::Error::custom(format!("dtstamp {text:?} is not an RFC 3339 time like 2026-04-01T08:00:00Z"))
    })
}

/// The iCalendar text of `invite`: one VCALENDAR holding one VEVENT, CRLF line ends, lines
/// folded at 75 octets. An invite without an event (a cancellation) gives only the identifying
/// properties, which is what RFC 5546 requires of a CANCEL.
///
/// ```
/// use smart_invite::calendar::{invite_calendar, CalendarMeta, CalendarMethod};
/// let invite = smart_invite::validate_json(r#"{"method":"cancel","smart_invite_id":"x",
///   "recipient":{"email":"a@example.com"}}"#).into_result().unwrap();
/// let mut meta = CalendarMeta::new("", "2026-04-01T08:00:00Z".parse().unwrap());
/// meta.method = CalendarMethod::Cancel;
/// meta.sequence = 2;
/// let ics = invite_calendar(&invite, &meta);
/// assert!(ics.contains("\r\nUID:x@smart-invite\r\nSEQUENCE:2\r\n"));
/// assert!(ics.contains("\r\nSTATUS:CANCELLED\r\n"));
/// ```
pub fn invite_calendar(invite: &Invite, meta: &CalendarMeta) -> String {
    let mut ics = Writer::default();
    ics.raw("BEGIN", "VCALENDAR");
    ics.raw("PRODID", concat!("-//smart-invite//smart-invite ", env!("CARGO_PKG_VERSION"), "//EN"));
    ics.raw("VERSION", "2.0");
    ics.raw("CALSCALE", "GREGORIAN");
    ics.raw("METHOD", meta.method.as_str());
    ics.raw("BEGIN", "VEVENT");
    write_identity(&mut ics, invite, meta);
    write_people(&mut ics, invite, meta);
    if let Some(event) = &invite.event {
        write_time(&mut ics, "DTSTART", event.start.time);
        write_time(&mut ics, "DTEND", event.end.time);
        ics.text("SUMMARY", &event.summary);
        if let Some(description) = &event.description {
            ics.text("DESCRIPTION", description);
        }
        if let Some(location) = &event.location {
            write_location(&mut ics, location);
        }
        if let Some(url) = &event.url {
            ics.raw("URL", &without_controls(url));
        }
        let transparency = match event.transparency {
            Some(Transparency::Transparent) => "TRANSPARENT",
            Some(Transparency::Opaque) | None => "OPAQUE",
        };
        ics.raw("TRANSP", transparency);
    }
    ics.raw("STATUS", if meta.method == CalendarMethod::Cancel { "CANCELLED" } else { "CONFIRMED" });
    if let Some(event) = &invite.event {
        for reminder in event.reminders.iter().flatten() {
            ics.raw("BEGIN", "VALARM");
            ics.raw("ACTION", "DISPLAY");
            ics.text("DESCRIPTION", &event.summary);
            ics.raw("TRIGGER", &format!("-PT{}M", reminder.minutes));
            ics.raw("END", "VALARM");
        }
    }
    ics.raw("END", "VEVENT");
    ics.raw("END", "VCALENDAR");
    ics.out
}

fn write_identity(ics: &mut Writer, invite: &Invite, meta: &CalendarMeta) {
    if meta.uid.is_empty() {
        ics.text("UID", &format!("{}@smart-invite", invite.smart_invite_id));
    } else {
        ics.text("UID", &meta.uid);
    }
    ics.raw("SEQUENCE", &meta.sequence.to_string());
    ics.raw("DTSTAMP", &crate::time::strftime::format(meta.dtstamp.naive_utc(), "%Y%m%dT%H%M%SZ"));
}

fn write_people(ics: &mut Writer, invite: &Invite, meta: &CalendarMeta) {
    let pick = |field: fn(&Organizer) -> Option<&String>| {
        meta.organizer.as_ref().and_then(field).or_else(|| invite.organizer.as_ref().and_then(field))
    };
    let name = pick(|o| o.name.as_ref()).map(|n| param_value(n)).filter(|n| !n.is_empty());
    let email = pick(|o| o.email.as_ref()).map_or(DataCenter::default().forwarding_address(), |e| e.as_str());
    let cn = name.as_deref().map(|n| ("CN", n));
    ics.line("ORGANIZER", cn.as_slice(), &["mailto:", &without_controls(email)]);

    let mut attendee = |attendee: &Recipient| {
        let status = partstat(attendee.status.unwrap_or_default());
        let address = without_controls(&attendee.email);
        ics.line("ATTENDEE", &[("PARTSTAT", status), ("RSVP", "TRUE")], &["mailto:", &address]);
    };
    if meta.attendees.is_empty() {
        invite.all_recipients().for_each(&mut attendee);
    } else {
        meta.attendees.iter().for_each(&mut attendee);
    }
}

/// The iCalendar participation status of an API recipient status.
fn partstat(status: RecipientStatus) -> &'static str {
    match status {
        RecipientStatus::Pending => "NEEDS-ACTION",
        RecipientStatus::Accepted => "ACCEPTED",
        RecipientStatus::Tentative => "TENTATIVE",
        RecipientStatus::Declined => "DECLINED",
    }
}

fn write_time(ics: &mut Writer, name: &str, moment: Moment) {
    match moment {
        Moment::Instant(t) => ics.raw(name, &crate::time::strftime::format(t.naive_utc(), "%Y%m%dT%H%M%SZ")),
        Moment::Date(d) => ics.line(name, &[("VALUE", "DATE")], &[&ical_date(d)]),
    }
}

fn ical_date(date: NaiveDate) -> String {
    crate::time::strftime::format(date.and_time(chrono::NaiveTime::MIN), "%Y%m%d")
}

fn write_location(ics: &mut Writer, location: &crate::Location) {
    if let Some(description) = &location.description {
        ics.text("LOCATION", description);
    }
    if let (Some(lat), Some(long)) = (&location.lat, &location.long) {
        // GEO is two FLOAT values; anything else (an unvalidated invite) is left out, not mangled.
        if is_ical_float(lat) && is_ical_float(long) {
            ics.raw("GEO", &format!("{lat};{long}"));
        }
    }
}

/// RFC 5545 FLOAT: `["+" / "-"] 1*DIGIT ["." 1*DIGIT]`.
fn is_ical_float(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    [whole, fraction].iter().all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

/// A URI or address value: control characters removed, so no value can start a new line.
/// (ASCII control characters are single bytes, never part of a multi-byte character.)
fn without_controls(text: &str) -> Cow<'_, str> {
    if text.bytes().any(|b| b.is_ascii_control()) {
        Cow::Owned(text.chars().filter(|c| !c.is_ascii_control()).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// A parameter value (RFC 5545 3.1): no control characters and no DQUOTE (replaced by an
/// apostrophe), quoted when it holds `;`, `:` or `,`.
fn param_value(text: &str) -> String {
    let clean: String =
        text.chars().filter(|c| !c.is_ascii_control()).map(|c| if c == '"' { '\'' } else { c }).collect();
    if clean.contains([';', ':', ',']) {
        format!("\"{clean}\"")
    } else {
        clean
    }
}

/// Escapes a TEXT value (RFC 5545 3.3.11): `\` `;` `,` get a backslash, every line break (CRLF,
/// LF or a lone CR) becomes `\n`, other ASCII control characters but TAB are dropped.
///
/// Every character that changes is ASCII, so the bytes are scanned and the runs between them
/// copied whole (no byte of a multi-byte character is below 0x80).
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let bytes = text.as_bytes();
    // `run` is where the text not yet copied starts; `at` the byte looked at.
    let (mut run, mut at) = (0, 0);
    while at < bytes.len() {
        let (replacement, width) = match bytes[at] {
            b'\\' => ("\\\\", 1),
            b';' => ("\\;", 1),
            b',' => ("\\,", 1),
            b'\n' => ("\\n", 1),
            b'\r' if bytes.get(at + 1) == Some(&b'\n') => ("\\n", 2),
            b'\r' => ("\\n", 1),
            b'\t' => ("\t", 1),
            byte if byte.is_ascii_control() => ("", 1),
            _ => {
                at += 1;
                continue;
            }
        };
        out.push_str(&text[run..at]);
        out.push_str(replacement);
        at += width;
        run = at;
    }
    out.push_str(&text[run..]);
    out
}

/// Appends one content line, folded so that no line exceeds 75 octets (a continuation line's
/// leading space counts) and no UTF-8 character is split, each line ended by CRLF.
fn push_folded(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = LINE_OCTETS;
    while rest.len() > limit {
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// Collects content lines into the calendar text.
#[derive(Default)]
struct Writer {
    out: String,
    /// A line longer than [`LINE_OCTETS`], put together before it is folded (reused).
    long: String,
}

impl Writer {
    /// A property whose value is written as it is (already valid for its value type).
    fn raw(&mut self, name: &str, value: &str) {
        self.line(name, &[], &[value]);
    }

    /// A TEXT property, escaped.
    fn text(&mut self, name: &str, value: &str) {
        self.line(name, &[], &[&escape_text(value)]);
    }

    /// `name;param=value;...:value`, the value given in pieces. A line that fits (an attendee,
    /// most properties) is written straight into the text; a longer one is folded.
    fn line(&mut self, name: &str, params: &[(&str, &str)], value: &[&str]) {
        let params_len: usize = params.iter().map(|(param, param_value)| param.len() + param_value.len() + 2).sum();
        let len = name.len() + params_len + 1 + value.iter().map(|piece| piece.len()).sum::<usize>();
        let line = if len <= LINE_OCTETS { &mut self.out } else { &mut self.long };
        line.push_str(name);
        for (param, param_value) in params {
            line.extend([";", param, "=", param_value]);
        }
        line.push(':');
        line.extend(value.iter().copied());
        if len <= LINE_OCTETS {
            self.out.push_str("\r\n");
        } else {
            push_folded(&mut self.out, &self.long);
            self.long.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate_json;

    fn dtstamp() -> DateTime<Utc> {
        "2026-04-01T08:00:00Z".parse().unwrap()
    }

    fn invite(event: &str) -> Invite {
        let json = format!(
            r#"{{"smart_invite_id":"board-42","recipient":{{"email":"cronofy@example.com"}},"event":{event}}}"#
        );
        validate_json(&json).into_result().unwrap()
    }

    fn lines(ics: &str) -> Vec<&str> {
        ics.strip_suffix("\r\n").unwrap().split("\r\n").collect()
    }

    #[test]
    fn escapes_text_specials_and_every_line_break() {
        assert_eq!(escape_text(r"a\b;c,d"), r"a\\b\;c\,d");
        assert_eq!(escape_text("1\r\n2\n3\r4"), r"1\n2\n3\n4");
        assert_eq!(escape_text("tab\there\u{0}\u{7f}"), "tab\there");
        assert_eq!(escape_text("Café: 10:00"), "Café: 10:00");
    }

    #[test]
    fn folds_at_exactly_75_octets() {
        let mut out = String::new();
        push_folded(&mut out, &"a".repeat(75));
        assert_eq!(out, format!("{}\r\n", "a".repeat(75)));
        out.clear();
        push_folded(&mut out, &"a".repeat(76));
        assert_eq!(out, format!("{}\r\n a\r\n", "a".repeat(75)));
        out.clear();
        // 74 + 74 + 1 after the first 75: continuation lines hold 74 octets after their space.
        push_folded(&mut out, &"a".repeat(75 + 74 + 1));
        assert_eq!(out, format!("{}\r\n {}\r\n a\r\n", "a".repeat(75), "a".repeat(74)));
    }

    #[test]
    fn never_splits_a_multibyte_character() {
        // 74 ASCII octets then "é" (2 octets) would end at octet 76: the é moves to the next line.
        let mut out = String::new();
        push_folded(&mut out, &format!("{}é", "a".repeat(74)));
        assert_eq!(out, format!("{}\r\n é\r\n", "a".repeat(74)));
        // A 4-octet emoji straddling the limit, then 3-octet CJK characters.
        out.clear();
        let line = format!("{}😀{}", "b".repeat(73), "老".repeat(40));
        push_folded(&mut out, &line);
        for l in lines(&out) {
            assert!(l.len() <= LINE_OCTETS, "{l:?} is {} octets", l.len());
        }
        assert_eq!(lines(&out)[0], "b".repeat(73));
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }

    #[test]
    fn request_has_every_property_in_order() {
        let invite = invite(
            r#"{"summary":"Board meeting","description":"Plans; Q3, Q4\nAgenda","start":"2026-04-29T09:30:00Z",
               "end":"2026-04-29T10:00:00Z","location":{"description":"Board room","lat":"51.5","long":"-0.12"},
               "url":"https://example.com/m","transparency":"transparent","reminders":[{"minutes":15},{"minutes":60}]}"#,
        );
        let mut meta = CalendarMeta::new("board-42@example.com", dtstamp());
        meta.sequence = 1;
        meta.organizer = Some(Organizer { name: Some("Acme, Inc.".into()), email: Some("org@example.com".into()) });
        let ics = invite_calendar(&invite, &meta);
        let expected = [
            "BEGIN:VCALENDAR",
            concat!("PRODID:-//smart-invite//smart-invite ", env!("CARGO_PKG_VERSION"), "//EN"),
            "VERSION:2.0",
            "CALSCALE:GREGORIAN",
            "METHOD:REQUEST",
            "BEGIN:VEVENT",
            "UID:board-42@example.com",
            "SEQUENCE:1",
            "DTSTAMP:20260401T080000Z",
            "ORGANIZER;CN=\"Acme, Inc.\":mailto:org@example.com",
            "ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:cronofy@example.com",
            "DTSTART:20260429T093000Z",
            "DTEND:20260429T100000Z",
            "SUMMARY:Board meeting",
            r"DESCRIPTION:Plans\; Q3\, Q4\nAgenda",
            "LOCATION:Board room",
            "GEO:51.5;-0.12",
            "URL:https://example.com/m",
            "TRANSP:TRANSPARENT",
            "STATUS:CONFIRMED",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "DESCRIPTION:Board meeting",
            "TRIGGER:-PT15M",
            "END:VALARM",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "DESCRIPTION:Board meeting",
            "TRIGGER:-PT60M",
            "END:VALARM",
            "END:VEVENT",
            "END:VCALENDAR",
        ];
        assert_eq!(lines(&ics), expected);
    }

    #[test]
    fn all_day_events_use_value_date() {
        let ics = invite_calendar(
            &invite(r#"{"summary":"Offsite","start":"2026-04-29","end":"2026-05-01","tzid":"Europe/London"}"#),
            &CalendarMeta::new("u", dtstamp()),
        );
        assert!(ics.contains("\r\nDTSTART;VALUE=DATE:20260429\r\nDTEND;VALUE=DATE:20260501\r\n"));
        assert!(ics.contains("\r\nTRANSP:OPAQUE\r\n"));
        assert!(!ics.contains("VALARM"));
    }

    #[test]
    fn cancel_says_cancelled_and_keeps_the_uid() {
        let invite = invite(r#"{"summary":"Offsite","start":"2026-04-29","end":"2026-05-01"}"#);
        let mut meta = CalendarMeta::new("", dtstamp());
        meta.method = CalendarMethod::Cancel;
        meta.sequence = 4;
        let ics = invite_calendar(&invite, &meta);
        assert!(ics.contains("\r\nMETHOD:CANCEL\r\n"));
        assert!(ics.contains("\r\nUID:board-42@smart-invite\r\nSEQUENCE:4\r\n"));
        assert!(ics.contains("\r\nSTATUS:CANCELLED\r\n"));
        assert!(!ics.contains("CONFIRMED"));
    }

    #[test]
    fn attendee_statuses_and_default_organizer() {
        let invite = invite(r#"{"summary":"S","start":"2026-04-29","end":"2026-05-01"}"#);
        let mut meta = CalendarMeta::new("u", dtstamp());
        meta.attendees = RecipientStatus::ALL
            .iter()
            .map(|s| Recipient { email: format!("{}@example.com", s.as_str()), status: Some(*s) })
            .collect();
        let ics = invite_calendar(&invite, &meta);
        assert!(ics.contains("\r\nORGANIZER:mailto:organizer@invite.cronofy.com\r\n"));
        for (status, partstat) in [
            ("pending", "NEEDS-ACTION"),
            ("accepted", "ACCEPTED"),
            ("tentative", "TENTATIVE"),
            ("declined", "DECLINED"),
        ] {
            let line = format!("\r\nATTENDEE;PARTSTAT={partstat};RSVP=TRUE:mailto:{status}@example.com\r\n");
            assert!(ics.contains(&line), "{line:?} missing from\n{ics}");
        }
        assert!(!ics.contains("cronofy@example.com"), "explicit attendees replace the invite's");
    }

    #[test]
    fn parameters_and_uris_cannot_inject_lines() {
        assert_eq!(param_value("Ann \"Boss\"\r\nX"), "Ann 'Boss'X");
        assert_eq!(param_value("a:b"), "\"a:b\"");
        assert_eq!(without_controls("a@b\r\nATTENDEE:x"), "a@bATTENDEE:x");
        assert!(matches!(without_controls("a@b"), Cow::Borrowed("a@b")));
    }

    #[test]
    fn geo_only_for_decimal_coordinates() {
        assert!(is_ical_float("51.5") && is_ical_float("-0.12") && is_ical_float("+7"));
        assert!(!is_ical_float("1e3") && !is_ical_float("") && !is_ical_float("1.") && !is_ical_float(".5"));
    }

    #[test]
    fn meta_round_trips_as_json() {
        let mut meta = CalendarMeta::new("u@x", dtstamp());
        meta.method = CalendarMethod::Cancel;
        meta.attendees = vec![Recipient { email: "a@example.com".into(), status: Some(RecipientStatus::Accepted) }];
        let json = serde_json::to_string(&meta).unwrap();
        assert_eq!(
            json,
            r#"{"uid":"u@x","sequence":0,"method":"cancel","dtstamp":"2026-04-01T08:00:00Z","attendees":[{"email":"a@example.com","status":"accepted"}]}"#
        );
        assert_eq!(serde_json::from_str::<CalendarMeta>(&json).unwrap(), meta);
        let err = serde_json::from_str::<CalendarMeta>(r#"{"dtstamp":"yesterday"}"#).unwrap_err();
        assert!(err.to_string().contains("RFC 3339"), "{err}");
    }
}
