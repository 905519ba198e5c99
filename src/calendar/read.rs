//! What the email needs to know from the iCalendar text: that it is one, its METHOD, the
//! event's SUMMARY, the attendees' addresses and DTSTAMP. A reader of those few properties,
//! not a full parser: the text itself goes into the message unchanged (line ends aside).

use chrono::{DateTime, Utc};

/// Why a text is not an iCalendar object: the reason, as the end of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NotCalendar(pub(crate) String);

/// The facts read from an iCalendar text, and the text with CRLF line ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CalendarFacts {
    /// The text, every line ended by CRLF (what RFC 5545 and MIME text both require).
    pub(crate) text: String,
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
}

/// Reads `ics`, refusing text that is not a whole VCALENDAR.
pub(crate) fn read(ics: &str) -> Result<CalendarFacts, NotCalendar> {
    let text = crlf(ics.strip_prefix('\u{feff}').unwrap_or(ics).trim_start());
    let not_calendar = |reason: &str| NotCalendar(reason.to_owned());
    if !text.get(..15).is_some_and(|start| start.eq_ignore_ascii_case("BEGIN:VCALENDAR")) {
        return Err(not_calendar("it does not start with BEGIN:VCALENDAR"));
    }
    let unfolded = unfold(&text);
    let lines: Vec<&str> = unfolded.split("\r\n").collect();
    if !lines.iter().any(|line| line.trim_end().eq_ignore_ascii_case("END:VCALENDAR")) {
        return Err(not_calendar("it has no END:VCALENDAR line (was it cut short?)"));
    }
    let mut facts = CalendarFacts { text, method: String::new(), summary: None, attendees: Vec::new(), dtstamp: None };
    for line in lines {
        let Some((name, value)) = split_property(line) else { continue };
        match name.to_ascii_uppercase().as_str() {
            "METHOD" if facts.method.is_empty() => facts.method = value.trim().to_ascii_uppercase(),
            "SUMMARY" if facts.summary.is_none() => facts.summary = Some(unescape_text(value)),
            "ATTENDEE" => facts.attendees.extend(mailto(value)),
            "DTSTAMP" if facts.dtstamp.is_none() => facts.dtstamp = utc_time(value),
            _ => {}
        }
    }
    if facts.method.is_empty() {
        facts.method = "REQUEST".into();
    }
    if !facts.method.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err(not_calendar("its METHOD is not a single word such as REQUEST or CANCEL"));
    }
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
/// after the first `:` that is not inside a quoted parameter value.
fn split_property(line: &str) -> Option<(&str, &str)> {
    let name_end = line.find([';', ':'])?;
    let mut quoted = false;
    for (at, c) in line.char_indices().skip_while(|(at, _)| *at < name_end) {
        match c {
            '"' => quoted = !quoted,
            ':' if !quoted => return Some((&line[..name_end], &line[at + 1..])),
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

/// Undoes folding: a line break followed by a space or tab joins the two lines. Accepts CRLF
/// and bare LF line ends (some servers normalize them).
pub(crate) fn unfold(text: &str) -> String {
    text.replace("\r\n ", "").replace("\r\n\t", "").replace("\n ", "").replace("\n\t", "")
}

/// Every line end (CRLF, a lone LF or a lone CR) as CRLF: MIME text has no other kind.
pub(crate) fn crlf_line_ends(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\r\n");
            }
            '\n' => out.push_str("\r\n"),
            c => out.push(c),
        }
    }
    out
}

/// Reverses RFC 5545 TEXT escaping.
fn unescape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
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
