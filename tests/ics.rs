//! Property tests of the iCalendar writer: whatever the text, every line fits in 75 octets,
//! lines end with CRLF only, and unfolding then unescaping gives the text back.

use proptest::prelude::*;
use serde_json::json;
use smart_invite::calendar::{invite_calendar, CalendarMeta};
use smart_invite::validate_value;

/// Reverses RFC 5545 folding (CRLF followed by one space).
fn unfold(ics: &str) -> String {
    ics.replace("\r\n ", "")
}

/// Reverses TEXT escaping, independently of the writer.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// What the writer promises to keep: the text with CRLF and CR as LF, and ASCII control
/// characters other than TAB and LF removed (RFC 5545 TEXT cannot hold them).
fn kept(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !c.is_ascii_control() || *c == '\t' || *c == '\n')
        .collect()
}

fn property<'a>(unfolded: &'a str, name: &str) -> &'a str {
    let prefix = format!("\r\n{name}:");
    let start = unfolded.find(&prefix).unwrap_or_else(|| panic!("no {name} in {unfolded}")) + prefix.len();
    let end = unfolded[start..].find("\r\n").unwrap() + start;
    &unfolded[start..end]
}

/// Text with what makes iCalendar hard: specials, line breaks, multibyte characters, long runs.
fn nasty_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\\".to_string()),
        Just(";".to_string()),
        Just(",".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        Just("\r".to_string()),
        Just("\t".to_string()),
        Just("é".to_string()),
        Just("老虎".to_string()),
        Just("😀".to_string()),
        "[a-z ]{1,80}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 1..40).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn lines_fit_and_text_comes_back(summary in nasty_text(), description in nasty_text(), location in nasty_text()) {
        // The validator refuses control characters in a summary; the writer must cope anyway, so
        // the invite is validated with a plain summary and the nasty one is set afterwards.
        let mut invite = validate_value(&json!({
            "smart_invite_id": "prop",
            "recipient": {"email": "a@example.com"},
            "event": {"summary": "x", "start": "2026-04-29T09:30:00Z", "end": "2026-04-29T10:00:00Z",
                      "reminders": [{"minutes": 5}]}
        })).into_result().unwrap();
        let event = invite.event.as_mut().unwrap();
        event.summary = summary.clone();
        event.description = Some(description.clone());
        event.location = Some(smart_invite::Location { description: Some(location.clone()), lat: None, long: None });
        let ics = invite_calendar(&invite, &CalendarMeta::new("prop@x", "2026-04-01T08:00:00Z".parse().unwrap()));

        prop_assert!(ics.ends_with("\r\n"));
        for line in ics.strip_suffix("\r\n").unwrap().split("\r\n") {
            prop_assert!(line.len() <= 75, "{} octets: {:?}", line.len(), line);
            prop_assert!(!line.contains('\r') && !line.contains('\n'), "bare CR or LF in {:?}", line);
        }
        let unfolded = unfold(&ics);
        prop_assert_eq!(unescape(property(&unfolded, "SUMMARY")), kept(&summary));
        prop_assert_eq!(unescape(property(&unfolded, "DESCRIPTION")), kept(&description));
        prop_assert_eq!(unescape(property(&unfolded, "LOCATION")), kept(&location));
    }
}
