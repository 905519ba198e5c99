//! The regular expressions the schemas state for texts. The tests hold each to the reader it
//! describes: what a pattern matches, the reader takes, but for what a pattern cannot see (a
//! date the calendar lacks, a number beyond f64's range).

/// The pieces of the time patterns, as macros so that `concat!` can join them.
macro_rules! date {
    () => {
        "[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
    };
}
macro_rules! clock {
    () => {
        "(?:[01][0-9]|2[0-3]):[0-5][0-9]"
    };
}

/// A time as written (`crate::time::parse`): a date, or a date and time with optional seconds
/// (a zero fraction only: the API refuses others) and an optional `Z` or offset; without one it
/// is a local time in the event's zone.
pub(crate) const WRITTEN_TIME: &str = concat!(
    "^",
    date!(),
    "(?:[Tt ]",
    clock!(),
    "(?::[0-5][0-9](?:\\.0+)?)?(?:[Zz]|[+-](?:[01][0-9]|2[0-3])(?::?[0-5][0-9])?)?)?$"
);

/// A time of the normalized invite (`Moment`'s text): UTC to the second, or a date.
pub(crate) const UTC_TIME: &str = concat!("^", date!(), "(?:T", clock!(), ":[0-5][0-9]Z)?$");

/// A decimal text, as the rules read coordinates (`Decimal::parse`: a finite number).
pub(crate) const DECIMAL: &str = r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$";

/// A text that is not blank (the rules count a blank text as left out).
pub(crate) const NOT_BLANK: &str = r"\S";

/// A colour `#rrggbb` (`rules::event`).
pub(crate) const COLOR: &str = "^#[0-9a-fA-F]{6}$";

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use proptest::string::string_regex;

    use super::*;
    use crate::time::parse::parse;
    use crate::time::{Moment, TimeError};
    use crate::validate::formats::Decimal;

    /// Texts the whole of which match an anchored `pattern` (the generator takes no anchors).
    fn matching(pattern: &str) -> impl Strategy<Value = String> {
        string_regex(pattern.strip_prefix('^').and_then(|p| p.strip_suffix('$')).unwrap()).unwrap()
    }

    /// Whether the text starts with a date the calendar has (2026-02-30 has the pattern's form).
    fn calendar_date(text: &str) -> bool {
        chrono::NaiveDate::parse_from_str(&text[..10], "%Y-%m-%d").is_ok()
    }

    proptest! {
        #[test]
        fn a_written_time_of_the_pattern_parses(text in matching(WRITTEN_TIME)) {
            prop_assume!(calendar_date(&text));
            let parsed = parse(&text);
            prop_assert!(!matches!(parsed, Err(TimeError::Malformed | TimeError::FractionalSeconds)), "{text}: {parsed:?}");
        }

        #[test]
        fn a_normalized_time_of_the_pattern_reads_as_a_moment(text in matching(UTC_TIME)) {
            prop_assume!(calendar_date(&text));
            let moment: Moment = text.parse().unwrap();
            prop_assert_eq!(moment.to_string(), text);
        }

        #[test]
        fn a_decimal_of_the_pattern_is_read(text in matching(DECIMAL)) {
            // Out of f64's range (1e310) the rules refuse what the pattern cannot.
            prop_assume!(text.parse::<f64>().is_ok_and(f64::is_finite));
            prop_assert!(Decimal::parse(&text).is_some(), "{text}");
        }

        #[test]
        fn a_colour_of_the_pattern_is_a_colour(text in matching(COLOR)) {
            let payload = serde_json::json!({ "smart_invite_id": "x", "recipient": { "email": "a@example.com" },
                "event": { "summary": "s", "start": "2026-04-29", "end": "2026-04-30", "color": text } });
            let v = crate::validate_value(&payload);
            prop_assert!(v.is_valid(), "{text}: {:?}", v.errors);
        }
    }
}
