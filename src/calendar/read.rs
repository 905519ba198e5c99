//! What the email needs to know from the iCalendar text: that it is one, its METHOD, the
//! event's SUMMARY, the attendees' addresses and DTSTAMP. A reader of those few properties,
//! not a full parser: the text itself goes into the message unchanged (line ends aside).
//!
//! The text can be as large as the input limit (1 MiB, thousands of attendees), so each step
//! is one pass over the bytes that copies only what it keeps.

use std::borrow::Cow;

use chrono::{DateTime, Utc};

/// Why a text is not an iCalendar object: the reason, as the end of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NotCalendar(pub(crate) String);

/// The facts read from an iCalendar text, and the text with CRLF line ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CalendarFacts {
    /// The text, every line ended by CRLF (what RFC 5545 and MIME text both require).
    pub(crate) text: String,
    /// The length in octets of the longest line of `text`, CRLF excluded.
    pub(crate) longest_line: usize,
    /// `METHOD` in upper case; `REQUEST` when the calendar has none.
    pub(crate) method: String,
    /// The first event's `SUMMARY`, unescaped.
    pub(crate) summary: Option<String>,
    /// The `mailto:` addresses of the `ATTENDEE` lines.
    pub(crate) attendees: Vec<String>,
    /// The first `DTSTAMP` in UTC.
    pub(crate) dtstamp: Option<DateTime<Utc>>,
}

impl CalendarFacts {
    /// Whether the calendar removes the event (`METHOD:CANCEL`).
    pub(crate) fn is_cancel(&self) -> bool {
        self.method == "CANCEL"
    }

    /// Takes what a content line (unfolded) says.
    fn take(&mut self, line: &str) {
        let Some((name, value)) = split_property(line) else { return };
        if name.eq_ignore_ascii_case("METHOD") {
            if self.method.is_empty() {
                self.method = value.trim().to_ascii_uppercase();
            }
        } else if name.eq_ignore_ascii_case("SUMMARY") {
            if self.summary.is_none() {
                self.summary = Some(unescape_text(value));
            }
        } else if name.eq_ignore_ascii_case("ATTENDEE") {
            self.attendees.extend(mailto(value));
        } else if name.eq_ignore_ascii_case("DTSTAMP") && self.dtstamp.is_none() {
            self.dtstamp = utc_time(value);
        }
    }
}

/// Reads `ics`, refusing text that is not a whole VCALENDAR.
///
/// One pass over the lines of the CRLF text, which are unfolded on the way (RFC 5545 3.1: a
/// line that starts with a space or a tab continues the one before, without that character):
/// only a folded line is copied, to join its pieces.
pub(crate) fn read(ics: &str) -> Result<CalendarFacts, NotCalendar> {
    let text = crlf(ics.strip_prefix('\u{feff}').unwrap_or(ics).trim_start());
    let not_calendar = |reason: &str| NotCalendar(reason.to_owned());
    if !text.get(..15).is_some_and(|start| start.eq_ignore_ascii_case("BEGIN:VCALENDAR")) {
        return Err(not_calendar("it does not start with BEGIN:VCALENDAR"));
    }
    let mut facts = CalendarFacts {
        text: String::new(),
        longest_line: 0,
        method: String::new(),
        summary: None,
        attendees: Vec::new(),
        dtstamp: None,
    };
    let mut ended = false;
    let mut take = |facts: &mut CalendarFacts, line: &str| {
        ended = ended || line.trim_end().eq_ignore_ascii_case("END:VCALENDAR");
        facts.take(line);
    };
    // Every LF of `text` ends a CRLF, and `text` ends with one: the last piece is empty.
    let mut unfolded: Option<Cow<'_, str>> = None;
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        facts.longest_line = facts.longest_line.max(line.len());
        match (line.as_bytes().first(), unfolded.as_mut()) {
            (Some(b' ' | b'\t'), Some(open)) => open.to_mut().push_str(&line[1..]),
            _ => {
                if let Some(done) = unfolded.replace(Cow::Borrowed(line)) {
                    take(&mut facts, &done);
                }
            }
        }
    }
    if let Some(done) = unfolded {
        take(&mut facts, &done);
    }
    if !ended {
        return Err(not_calendar("it has no END:VCALENDAR line (was it cut short?)"));
    }
    if facts.method.is_empty() {
        facts.method = "REQUEST".into();
    }
    if !facts.method.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err(not_calendar("its METHOD is not a single word such as REQUEST or CANCEL"));
    }
    facts.text = text;
    Ok(facts)
}

/// Every line end as CRLF, and a CRLF after the last line.
fn crlf(text: &str) -> String {
    let mut out = crlf_line_ends(text);
    if !out.ends_with("\r\n") {
        out.push_str("\r\n");
    }
    out
}

/// `(name, value)` of a content line: the name ends at the first `;` or `:`, the value starts
/// after the first `:` that is not inside a quoted parameter value. (All three are ASCII, so
/// the bytes can be scanned: no byte of a multi-byte character equals one of them.)
fn split_property(line: &str) -> Option<(&str, &str)> {
    let bytes = line.as_bytes();
    let name_end = bytes.iter().position(|&b| b == b';' || b == b':')?;
    let mut quoted = false;
    for (at, &byte) in bytes.iter().enumerate().skip(name_end) {
        match byte {
            b'"' => quoted = !quoted,
            b':' if !quoted => return Some((&line[..name_end], &line[at + 1..])),
            _ => {}
        }
    }
    None
}

fn mailto(value: &str) -> Option<String> {
    let value = value.trim();
    let address = value.get(..7).filter(|scheme| scheme.eq_ignore_ascii_case("mailto:")).map(|_| &value[7..])?;
    (!address.is_empty()).then(|| address.to_owned())
}

fn utc_time(value: &str) -> Option<DateTime<Utc>> {
    let value = value.trim().strip_suffix('Z')?;
    crate::time::strftime::parse(value, "%Y%m%dT%H%M%S").map(|t| t.and_utc())
}

/// Every line end (CRLF, a lone LF or a lone CR) as CRLF: MIME text has no other kind.
///
/// Copies the text a line at a time between the LFs (found with `memchr`), so text that has
/// CRLF line ends already costs little more than a copy.
pub(crate) fn crlf_line_ends(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        let last = lines.peek().is_none();
        // The CR of a CRLF belongs to the line end; any other CR is a line end of its own.
        let line = if last { line } else { line.strip_suffix('\r').unwrap_or(line) };
        let mut pieces = line.split('\r');
        out.push_str(pieces.next().unwrap_or_default());
        for piece in pieces {
            out.push_str("\r\n");
            out.push_str(piece);
        }
        if !last {
            out.push_str("\r\n");
        }
    }
    out
}

/// Reverses RFC 5545 TEXT escaping.
fn unescape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let mut escaped = rest[at + 1..].chars();
        match escaped.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
        rest = escaped.as_str();
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ICS: &str = "BEGIN:VCALENDAR\nVERSION:2.0\nMETHOD:cancel\nBEGIN:VEVENT\nDTSTAMP:20260401T080000Z\n\
        ATTENDEE;CN=\"A: B\";PARTSTAT=NEEDS-ACTION:MAILTO:a@example.com\nATTENDEE:mailto:b@example.com\n\
        SUMMARY:Board\\, Q3\\n\n  review\nEND:VEVENT\nEND:VCALENDAR";

    #[test]
    fn reads_the_facts_and_normalizes_line_ends() {
        let facts = read(ICS).unwrap();
        assert!(facts.is_cancel());
        assert_eq!(facts.summary.as_deref(), Some("Board, Q3\n review"));
        assert_eq!(facts.attendees, ["a@example.com", "b@example.com"]);
        assert_eq!(facts.dtstamp, Some("2026-04-01T08:00:00Z".parse().unwrap()));
        assert!(facts.text.ends_with("END:VCALENDAR\r\n"));
        assert!(!facts.text.replace("\r\n", "").contains(['\r', '\n']));
    }

    #[test]
    fn unfolds_each_line_break_before_white_space_once() {
        // A folded line after an empty one continues the empty line (RFC 5545 3.1); the former
        // reading, four `replace` passes, left a lone CR there and read "CANCEL\rX" as the METHOD.
        let facts = read("BEGIN:VCALENDAR\r\nMETHOD:cancel\r\n\r\n\tSUMMARY:a\r\n b\r\nEND:VCALENDAR\r\n").unwrap();
        assert_eq!((facts.method.as_str(), facts.summary.as_deref()), ("CANCEL", Some("ab")));
        assert_eq!(facts.longest_line, "BEGIN:VCALENDAR".len());
        let long = format!("BEGIN:VCALENDAR\n{}\nEND:VCALENDAR", "X".repeat(999));
        assert_eq!(read(&long).unwrap().longest_line, 999);
    }

    #[test]
    fn every_line_end_becomes_crlf() {
        for (text, crlf) in [("a\rb\nc\r\nd", "a\r\nb\r\nc\r\nd"), ("\r\r\n\n\r", "\r\n\r\n\r\n\r\n"), ("", "")] {
            assert_eq!(crlf_line_ends(text), crlf, "{text:?}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_whole_calendar() {
        for (text, reason) in [
            ("", "BEGIN:VCALENDAR"),
            ("BEGIN:VCARD\r\nEND:VCARD\r\n", "BEGIN:VCALENDAR"),
            ("BEGIN:VCALENDAR\nVERSION:2.0...", "END:VCALENDAR"),
            ("BEGIN:VCALENDAR\r\nMETHOD:RE QUEST\r\nEND:VCALENDAR", "METHOD"),
        ] {
            let error = read(text).unwrap_err();
            assert!(error.0.contains(reason), "{text:?}: {error:?}");
        }
        assert_eq!(read("\u{feff}BEGIN:VCALENDAR\r\nEND:VCALENDAR").unwrap().method, "REQUEST");
    }
}
