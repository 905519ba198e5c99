//! The error map: field path to a list of `{key, description}` items, in exactly the shape of
//! the `errors` object of Cronofy's 422 responses, so one handler serves local and remote errors.

use std::borrow::Cow;
use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Declares [`IssueKey`] from one table, each variant with its documentation and its key, so
/// that the enum, [`IssueKey::ALL`] and [`IssueKey::as_str`] cannot disagree.
macro_rules! issue_keys {
    ($($(#[doc = $doc:literal])+ $variant:ident => $key:literal,)+) => {
        /// The stable identifier of a problem found in a payload.
        ///
        /// Each variant's [`IssueKey::as_str`] is what appears as `key` in the error map. Errors
        /// start with `errors.` (the payload would be rejected), warnings with `warnings.` (it is
        /// sent, but something deserves a look).
        ///
        /// ```
        /// use smart_invite::IssueKey;
        /// assert_eq!(IssueKey::Required.as_str(), "errors.required");
        /// assert!(IssueKey::UnknownField.is_warning());
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum IssueKey {
            $($(#[doc = $doc])+ $variant,)+
        }

        impl IssueKey {
            /// Every key, in the order of the enum.
            ///
            /// ```
            /// use smart_invite::IssueKey;
            /// assert_eq!(IssueKey::ALL[0], IssueKey::Required);
            /// assert!(IssueKey::ALL.iter().all(|key| key.as_str().contains('.')));
            /// ```
            pub const ALL: &'static [IssueKey] = &[$(Self::$variant,)+];

            /// The stable identifier, such as `errors.required`.
            ///
            /// ```
            /// assert_eq!(smart_invite::IssueKey::StartAfterEnd.as_str(), "errors.start_after_end");
            /// ```
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $key,)+
                }
            }
        }
    };
}

issue_keys! {
    /// A required field is missing or `null`.
    Required => "errors.required",
    /// A field has the wrong JSON type (a number where text belongs, ...).
    InvalidType => "errors.invalid_type",
    /// A text field is empty or only white space.
    Blank => "errors.blank",
    /// A text field is longer than the API allows.
    TooLong => "errors.too_long",
    /// A value is not one of the allowed options (`method`, `status`, `transparency`).
    InvalidOption => "errors.invalid_option",
    /// Text contains control characters (line breaks, tabs, NUL, ...).
    ControlCharacters => "errors.control_characters",
    /// Not a valid email address.
    InvalidEmail => "errors.invalid_email",
    /// Not an absolute URL of an allowed scheme.
    InvalidUrl => "errors.invalid_url",
    /// Not a time or date in a form the API accepts.
    InvalidTime => "errors.invalid_time",
    /// A time with non-zero fractional seconds, which the API rejects.
    FractionalSeconds => "errors.fractional_seconds",
    /// A local time that does not exist in its time zone (the spring-forward gap).
    NonexistentLocalTime => "errors.nonexistent_local_time",
    /// A local time that happens twice in its time zone (the fall-back overlap).
    AmbiguousLocalTime => "errors.ambiguous_local_time",
    /// `start` and `end` are not of the same kind (one a date, the other a time).
    MixedTimeKinds => "errors.mixed_time_kinds",
    /// `start` is not strictly before `end`.
    StartAfterEnd => "errors.start_after_end",
    /// A time zone id that is not an IANA time zone.
    UnknownTimeZone => "errors.unknown_time_zone",
    /// A field that Smart Invites do not support (`event.attendees`, `event.conferencing`).
    NotSupported => "errors.not_supported",
    /// A number outside its allowed range (latitude, longitude, reminder minutes).
    OutOfRange => "errors.out_of_range",
    /// A list with more items than allowed (reminders).
    TooMany => "errors.too_many",
    /// A list that must not be empty is empty.
    Empty => "errors.empty",
    /// The same email address appears twice among the recipients.
    Duplicate => "errors.duplicate",
    /// Two fields that exclude each other are both present (`recipient` and `recipients`).
    Conflict => "errors.conflict",
    /// Not a colour of the form `#rrggbb`.
    InvalidColor => "errors.invalid_color",
    /// The input is not JSON (or not UTF-8); the description gives line and column.
    InvalidJson => "errors.invalid_json",
    /// The input is larger than [`crate::MAX_INPUT_BYTES`].
    TooLarge => "errors.too_large",
    /// Warning: a field the API does not document; it is dropped from the output.
    UnknownField => "warnings.unknown_field",
    /// Warning: a field that this method ignores; it is dropped from the output.
    Ignored => "warnings.ignored",
    /// Warning: no time zone was given, `Etc/UTC` is assumed.
    DefaultTimeZone => "warnings.default_time_zone",
    /// Warning: a plain `http` callback URL to a host other than loopback.
    InsecureUrl => "warnings.insecure_url",
    /// Warning: a custom organizer email needs mail forwarding to the data center.
    OrganizerForwarding => "warnings.organizer_forwarding",
    /// More than [`MAX_LISTED`] errors were found: the rest are counted in this one, at the
    /// path `""`, and not listed.
    ErrorsTruncated => "errors.truncated",
    /// More than [`MAX_LISTED`] warnings were found: the rest are counted in this one, at the
    /// path `""`, and not listed.
    WarningsTruncated => "warnings.truncated",
    /// Not found by the validator: the API refused a payload (HTTP 400 or 422) without an error
    /// map of its own, and the client says so in one issue at the path `""`, quoting the body.
    Refused => "errors.refused",
}

impl IssueKey {
    /// Whether this key marks a warning (the payload is still valid) rather than an error.
    ///
    /// ```
    /// assert!(!smart_invite::IssueKey::TooLong.is_warning());
    /// ```
    pub fn is_warning(self) -> bool {
        self.as_str().starts_with("warnings.")
    }
}

impl fmt::Display for IssueKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem at one field: a stable `key` for programs and a `description` for people.
///
/// ```
/// use smart_invite::{Issue, IssueKey};
/// let issue = Issue::new(IssueKey::Required, "summary is required.");
/// assert_eq!(issue.key, "errors.required");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// A stable identifier such as `errors.required` (see [`IssueKey`]); a server may send others.
    pub key: Cow<'static, str>,
    /// A sentence a person filling a form can act on.
    #[serde(default)]
    pub description: String,
}

impl Issue {
    /// An issue with one of our own keys.
    ///
    /// ```
    /// let issue = smart_invite::Issue::new(smart_invite::IssueKey::Blank, "summary is empty.");
    /// assert_eq!(issue.description, "summary is empty.");
    /// ```
    pub fn new(key: IssueKey, description: impl Into<String>) -> Self {
        Self { key: Cow::Borrowed(key.as_str()), description: description.into() }
    }

    /// Whether this issue carries the given key.
    ///
    /// ```
    /// use smart_invite::{Issue, IssueKey};
    /// assert!(Issue::new(IssueKey::TooLong, "x").is(IssueKey::TooLong));
    /// ```
    pub fn is(&self, key: IssueKey) -> bool {
        self.key == key.as_str()
    }
}

/// The most issues one map lists. Past it, issues are only counted, and one more issue at the
/// path `""` ([`IssueKey::ErrorsTruncated`] or [`IssueKey::WarningsTruncated`]) says how many
/// were left out: a payload with 25,000 bad recipients gets a readable answer, at a cost that
/// does not grow with the number of problems. Validity is still decided on all of them.
///
/// ```
/// let recipients: Vec<String> = (0..150).map(|i| format!(r#"{{"email":"bad{i}"}}"#)).collect();
/// let v = smart_invite::validate_json(&format!(r#"{{"smart_invite_id":"x","recipients":[{}]}}"#, recipients.join(",")));
/// assert_eq!(v.errors.iter().map(|(_, list)| list.len()).sum::<usize>(), smart_invite::MAX_LISTED + 1);
/// assert!(v.errors.has("", smart_invite::IssueKey::ErrorsTruncated));
/// assert_eq!(v.errors.found(), 151); // 150 bad addresses and the missing event
/// ```
pub const MAX_LISTED: usize = 100;

/// Field path to issues, in the order they were found; serializes to the JSON object of
/// Cronofy's 422 `errors` (`{"event.start": [{"key": ..., "description": ...}]}`).
///
/// It lists at most [`MAX_LISTED`] issues and counts the rest.
///
/// ```
/// use smart_invite::{Issue, IssueKey, Issues};
/// let mut issues = Issues::default();
/// issues.push("event.summary", Issue::new(IssueKey::Required, "summary is required."));
/// assert_eq!(
///     serde_json::to_string(&issues).unwrap(),
///     r#"{"event.summary":[{"key":"errors.required","description":"summary is required."}]}"#
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Issues {
    entries: Vec<(String, Vec<Issue>)>,
    /// Issues in `entries`, the summary of [`Issues::close`] aside.
    listed: usize,
    /// Issues found past [`MAX_LISTED`]: counted, not kept.
    omitted: usize,
}

impl Issues {
    /// Adds an issue at a path (an empty path means the payload as a whole). Past
    /// [`MAX_LISTED`] issues it is only counted.
    ///
    /// ```
    /// let mut issues = smart_invite::Issues::default();
    /// issues.push("", smart_invite::Issue::new(smart_invite::IssueKey::InvalidJson, "Not JSON."));
    /// assert_eq!(issues.len(), 1);
    /// ```
    pub fn push(&mut self, path: impl Into<String>, issue: Issue) {
        self.push_with(|| (path.into(), issue));
    }

    /// Adds the issue `make` builds, calling it only when the issue will be listed: past
    /// [`MAX_LISTED`] an issue costs a count, not its description.
    pub(crate) fn push_with(&mut self, make: impl FnOnce() -> (String, Issue)) {
        if self.listed >= MAX_LISTED {
            self.omitted += 1;
            return;
        }
        self.listed += 1;
        let (path, issue) = make();
        // At most MAX_LISTED entries to look through, so the scan costs O(1) per issue.
        match self.entries.iter_mut().find(|(p, _)| *p == path) {
            Some((_, list)) => list.push(issue),
            None => self.entries.push((path, vec![issue])),
        }
    }

    /// Every issue found, the ones past [`MAX_LISTED`] included.
    ///
    /// ```
    /// let v = smart_invite::validate_json(r#"{"method":"request"}"#);
    /// assert_eq!(v.errors.found(), 3); // smart_invite_id, recipient and event
    /// ```
    pub fn found(&self) -> usize {
        self.listed + self.omitted
    }

    /// Ends the map: when issues were left out, adds the one issue at `""` that counts them,
    /// with `key` ([`IssueKey::ErrorsTruncated`] or [`IssueKey::WarningsTruncated`]).
    pub(crate) fn close(&mut self, key: IssueKey) {
        if self.omitted == 0 {
            return;
        }
        let (count, kind) = (self.omitted, if key.is_warning() { "warnings" } else { "errors" });
        let summary = Issue::new(
            key,
            format!(
                "{count} more {kind} were found and are not listed: at most {MAX_LISTED} are listed at once. \
                 Fix the ones listed and check again."
            ),
        );
        match self.entries.iter_mut().find(|(p, _)| p.is_empty()) {
            Some((_, list)) => list.push(summary),
            None => self.entries.push((String::new(), vec![summary])),
        }
    }

    /// Whether there is no issue at all.
    ///
    /// ```
    /// assert!(smart_invite::Issues::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The number of paths that carry at least one issue.
    ///
    /// ```
    /// assert_eq!(smart_invite::Issues::default().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The issues at one path, if any.
    ///
    /// ```
    /// let v = smart_invite::validate_json(r#"{"method":"request"}"#);
    /// assert!(v.errors.get("smart_invite_id").is_some());
    /// ```
    pub fn get(&self, path: &str) -> Option<&[Issue]> {
        self.entries.iter().find(|(p, _)| p == path).map(|(_, list)| list.as_slice())
    }

    /// Every `(path, issues)` pair, in the order found.
    ///
    /// ```
    /// let v = smart_invite::validate_json("[]");
    /// assert_eq!(v.errors.iter().count(), 1);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[Issue])> {
        self.entries.iter().map(|(p, list)| (p.as_str(), list.as_slice()))
    }

    /// Whether any issue at `path` carries `key`.
    ///
    /// ```
    /// use smart_invite::IssueKey;
    /// let v = smart_invite::validate_json(r#"{"method":"request"}"#);
    /// assert!(v.errors.has("smart_invite_id", IssueKey::Required));
    /// ```
    pub fn has(&self, path: &str, key: IssueKey) -> bool {
        self.get(path).is_some_and(|list| list.iter().any(|i| i.is(key)))
    }
}

impl Serialize for Issues {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (path, list) in &self.entries {
            map.serialize_entry(path, list)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Issues {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IssuesVisitor;
        impl<'de> Visitor<'de> for IssuesVisitor {
            type Value = Issues;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of field paths to lists of {key, description}")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Issues, A::Error> {
                let mut issues = Issues::default();
                while let Some((path, list)) = access.next_entry::<String, Vec<Issue>>()? {
                    for issue in list {
                        issues.push(path.clone(), issue);
                    }
                }
                issues.close(IssueKey::ErrorsTruncated);
                Ok(issues)
            }
        }
        deserializer.deserialize_map(IssuesVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_listed_once_with_its_kind() {
        let mut seen = std::collections::HashSet::new();
        for (index, key) in IssueKey::ALL.iter().enumerate() {
            assert_eq!(*key as usize, index, "{key}");
            assert!(seen.insert(key.as_str()), "{key} twice");
            assert!(key.as_str().starts_with("errors.") || key.is_warning(), "{key}");
        }
    }

    #[test]
    fn past_the_bound_issues_are_counted_and_summed_up_once() {
        let mut issues = Issues::default();
        for i in 0..MAX_LISTED + 7 {
            issues.push(format!("f{}", i % 3), Issue::new(IssueKey::Required, "x"));
        }
        issues.push("", Issue::new(IssueKey::InvalidJson, "y"));
        assert_eq!(issues.found(), MAX_LISTED + 8);
        issues.close(IssueKey::ErrorsTruncated);
        let listed: usize = issues.iter().map(|(_, list)| list.len()).sum();
        assert_eq!(listed, MAX_LISTED + 1);
        let summary = issues.get("").unwrap();
        assert_eq!(summary.len(), 1);
        assert!(summary[0].is(IssueKey::ErrorsTruncated));
        assert!(summary[0].description.starts_with("8 more errors were found and are not listed"));
    }

    #[test]
    fn a_map_within_the_bound_is_closed_unchanged() {
        let mut issues = Issues::default();
        issues.push("a", Issue::new(IssueKey::Required, "x"));
        let before = issues.clone();
        issues.close(IssueKey::WarningsTruncated);
        assert_eq!(issues, before);
    }
}
