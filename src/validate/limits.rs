//! The numeric limits the rules enforce that a JSON Schema can state too (a `maxLength`, a
//! `maxItems`, a `maximum`), each a constant the rules use, and [`ALL`], the table of them by
//! name, from which the npm package's JSON Schema is derived.
//!
//! ```
//! use smart_invite::validate::limits::{self, MAX_REMINDERS};
//! assert!(limits::ALL.contains(&("MAX_REMINDERS", MAX_REMINDERS as u64)));
//! let reminders = vec![r#"{"minutes":5}"#; MAX_REMINDERS + 1].join(",");
//! let v = smart_invite::validate_json(&format!(r#"{{"smart_invite_id":"x","recipient":{{"email":"a@example.com"}},
//!   "event":{{"summary":"s","start":"2026-04-29","end":"2026-04-30","reminders":[{reminders}]}}}}"#));
//! assert!(v.errors.has("event.reminders", smart_invite::IssueKey::TooMany));
//! ```

/// Declares each limit as a constant and lists them all in [`ALL`], by the constant's name,
/// so that the table cannot leave one out or misname it.
macro_rules! limits {
    ($($(#[doc = $doc:literal])+ $name:ident: $ty:ty = $value:expr;)+) => {
        $($(#[doc = $doc])+ pub const $name: $ty = $value;)+

        /// Every limit as `(constant name, value)`, in the order of this module.
        ///
        /// ```
        /// use smart_invite::validate::limits;
        /// assert_eq!(limits::ALL[0], ("MAX_SUMMARY_CHARS", 1024));
        /// ```
        pub const ALL: &[(&str, u64)] = &[$((stringify!($name), $name as u64),)+];
    };
}

limits! {
    /// The most characters (not bytes) of `event.summary`.
    ///
    /// ```
    /// assert_eq!(smart_invite::validate::limits::MAX_SUMMARY_CHARS, 1024);
    /// ```
    MAX_SUMMARY_CHARS: usize = 1024;
    /// The most characters (not bytes) of `event.description`.
    ///
    /// ```
    /// assert_eq!(smart_invite::validate::limits::MAX_DESCRIPTION_CHARS, 4096);
    /// ```
    MAX_DESCRIPTION_CHARS: usize = 4096;
    /// The most items of `event.reminders`.
    ///
    /// ```
    /// assert_eq!(smart_invite::validate::limits::MAX_REMINDERS, 5);
    /// ```
    MAX_REMINDERS: usize = 5;
    /// The most minutes a reminder may come before the start (the API has no smaller limit
    /// that it documents).
    ///
    /// ```
    /// assert_eq!(smart_invite::validate::limits::MAX_REMINDER_MINUTES, u32::MAX);
    /// ```
    MAX_REMINDER_MINUTES: u32 = u32::MAX;
    /// The largest magnitude of `event.location.lat`, in degrees.
    ///
    /// ```
    /// assert_eq!(smart_invite::validate::limits::MAX_LATITUDE, 90);
    /// ```
    MAX_LATITUDE: u32 = 90;
    /// The largest magnitude of `event.location.long`, in degrees.
    ///
    /// ```
    /// assert_eq!(smart_invite::validate::limits::MAX_LONGITUDE, 180);
    /// ```
    MAX_LONGITUDE: u32 = 180;
}
