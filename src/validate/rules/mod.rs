//! The rules of a Smart Invite payload, one module per part of it. They walk the JSON value
//! once, record every problem (never stopping at the first) and build the normalized invite
//! when nothing is wrong.
//!
//! The helpers here read one field of one shape (text, a choice, an object) so that rules of
//! the same shape share one implementation.

mod event;
mod invite;
mod organizer;
mod recipients;

pub(crate) use invite::invite;

use crate::json::{Json, Object};

use super::formats::{check_url, is_email, Schemes};
use super::issues::{Issue, IssueKey, Issues};
use crate::suggest;
use crate::validate::path::Path;
use crate::validate::quoted;
use crate::{DataCenter, Method};

/// What a walk over a payload found, and the settings it reads with.
pub(crate) struct Report {
    pub(crate) errors: Issues,
    pub(crate) warnings: Issues,
    pub(crate) data_center: DataCenter,
    /// The method of a payload that names none (`request`, or the client call's own).
    pub(crate) method: Method,
}

impl Report {
    pub(crate) fn new(data_center: DataCenter, method: Method) -> Self {
        Self { errors: Issues::default(), warnings: Issues::default(), data_center, method }
    }

    /// The errors and warnings, each closed with the count of what was not listed.
    pub(crate) fn finish(mut self) -> (Issues, Issues) {
        self.errors.close(IssueKey::ErrorsTruncated);
        self.warnings.close(IssueKey::WarningsTruncated);
        (self.errors, self.warnings)
    }

    /// Records an error or a warning, by the kind of the key.
    pub(crate) fn add(&mut self, path: &Path, key: IssueKey, description: impl Into<String>) {
        self.add_with(path, key, || description);
    }

    /// Records an issue whose description `describe` writes only if it will be listed (see
    /// [`crate::MAX_LISTED`]), for descriptions that cost a search, such as a suggestion.
    pub(crate) fn add_with<D: Into<String>>(&mut self, path: &Path, key: IssueKey, describe: impl FnOnce() -> D) {
        let list = if key.is_warning() { &mut self.warnings } else { &mut self.errors };
        list.push_with(|| (path.to_string(), Issue::new(key, describe())));
    }
}

/// How a JSON value's type is named in a description.
pub(crate) fn type_name(value: &Json<'_>) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "true or false",
        Json::Number(_) => "a number",
        Json::String(_) => "text",
        Json::Array(_) => "a list",
        Json::Object(_) => "an object",
    }
}

/// A field's value; `null` counts as absent (the PHP SDK sends `null` for omitted fields).
pub(crate) fn field<'v, 'a>(map: &'v Object<'a>, key: &str) -> Option<&'v Json<'a>> {
    map.get(key).filter(|v| !v.is_null())
}

/// Records that a required field is missing.
pub(crate) fn missing(path: &Path, report: &mut Report) {
    report.add(path, IssueKey::Required, format!("{} is required.", path.name()));
}

/// Records a wrong JSON type: `expected` names what belongs there ("text", "an object", ...).
pub(crate) fn wrong_type(path: &Path, value: &Json<'_>, expected: &str, report: &mut Report) {
    let got = type_name(value);
    report.add(path, IssueKey::InvalidType, format!("{} must be {expected}, not {got}.", path.name()));
}

/// The value as an object, or an error at `path`.
pub(crate) fn object<'v, 'a>(value: &'v Json<'a>, path: &Path, report: &mut Report) -> Option<&'v Object<'a>> {
    let map = value.as_object();
    if map.is_none() {
        wrong_type(path, value, "an object", report);
    }
    map
}

/// Warns about every key of `map` outside `known`, with the closest known name as a hint.
/// Such fields are not copied to the normalized invite.
pub(crate) fn unknown_fields(map: &Object<'_>, path: &Path, known: &[&'static str], report: &mut Report) {
    for key in map.keys().filter(|k| !known.contains(k)) {
        report.add_with(&path.key(key), IssueKey::UnknownField, || {
            let hint = suggest::did_you_mean(&suggest::closest(key, known.iter().copied(), |k| [k, ""], 1));
            format!("{} is not a Smart Invite field: it is ignored and not sent.{hint}", quoted(key))
        });
    }
}

/// How a text field is checked.
#[derive(Clone, Copy)]
pub(crate) struct TextRule {
    pub(crate) required: bool,
    pub(crate) max_chars: Option<usize>,
    /// Refuse control characters (line breaks, tabs, NUL, ...).
    pub(crate) single_line: bool,
}

impl TextRule {
    pub(crate) const OPTIONAL: TextRule = TextRule { required: false, max_chars: None, single_line: false };
    pub(crate) const REQUIRED: TextRule = TextRule { required: true, ..Self::OPTIONAL };
}

/// Reads a text field, trimmed. An optional field that is empty counts as absent.
pub(crate) fn text(map: &Object<'_>, path: &Path, rule: TextRule, report: &mut Report) -> Option<String> {
    let Some(value) = field(map, path.name()) else {
        if rule.required {
            missing(path, report);
        }
        return None;
    };
    let Some(raw) = value.as_str() else {
        wrong_type(path, value, "text", report);
        return None;
    };
    let trimmed = trim(raw);
    let name = path.name();
    if trimmed.is_empty() {
        if rule.required {
            report.add(path, IssueKey::Blank, format!("{name} must not be empty."));
        }
        return None;
    }
    if rule.single_line && has_control(trimmed) {
        report.add(
            path,
            IssueKey::ControlCharacters,
            format!("{name} must not contain line breaks, tabs or other control characters."),
        );
        return None;
    }
    // A text of at most `max` bytes has at most `max` characters: only longer ones are counted.
    if let Some(max) = rule.max_chars.filter(|&max| trimmed.len() > max) {
        let count = trimmed.chars().count();
        if count > max {
            report.add(
                path,
                IssueKey::TooLong,
                format!("{name} is {count} characters long; the most allowed is {max}."),
            );
            return None;
        }
    }
    Some(trimmed.to_owned())
}

/// `str::trim`, without its Unicode table lookups when both ends are plain ASCII.
fn trim(text: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii() && !b.is_ascii_whitespace());
    if plain(text.as_bytes().first()) && plain(text.as_bytes().last()) {
        text
    } else {
        text.trim()
    }
}

/// Whether `text` holds a control character (C0, DEL or C1). C1 characters are encoded as
/// 0xC2 0x80..0x9F, so a text without any of these bytes needs no decoding.
fn has_control(text: &str) -> bool {
    text.bytes().any(|b| b < 0x20 || b == 0x7f || b == 0xc2) && text.chars().any(char::is_control)
}

/// Reads a field that must be one of a few words, such as `method` or `status`.
pub(crate) fn choice<T: Copy>(
    map: &Object<'_>,
    path: &Path,
    options: &[(&'static str, T)],
    report: &mut Report,
) -> Option<T> {
    let text = text(map, path, TextRule::OPTIONAL, report)?;
    let found = options.iter().find(|(name, _)| *name == text).map(|(_, v)| *v);
    if found.is_none() {
        let names: Vec<&str> = options.iter().map(|(name, _)| *name).collect();
        let hint = suggest::did_you_mean(&suggest::closest(&text, names.iter().copied(), |n| [n, ""], 1));
        let name = path.name();
        report.add(
            path,
            IssueKey::InvalidOption,
            format!("{name} must be one of {}, not {}.{hint}", names.join(", "), quoted(&text)),
        );
    }
    found
}

/// Reads an email address field.
pub(crate) fn email(map: &Object<'_>, path: &Path, rule: TextRule, report: &mut Report) -> Option<String> {
    let address = text(map, path, rule, report)?;
    if is_email(&address) {
        Some(address)
    } else {
        report.add(path, IssueKey::InvalidEmail, format!("{} is not a valid email address.", quoted(&address)));
        None
    }
}

/// Reads a URL field: `Web` for http(s) only, `Any` for any scheme.
pub(crate) fn url(map: &Object<'_>, path: &Path, schemes: Schemes, report: &mut Report) -> Option<String> {
    let text = text(map, path, TextRule::OPTIONAL, report)?;
    match check_url(&text, schemes) {
        Ok(checked) => {
            if checked.is_insecure() {
                report.add(
                    path,
                    IssueKey::InsecureUrl,
                    format!("{} uses plain http, so what is sent to it is not encrypted: use https (plain http is fine for localhost).", path.name()),
                );
            }
            Some(text)
        }
        Err(why) => {
            report.add(path, IssueKey::InvalidUrl, format!("{} {why}.", path.name()));
            None
        }
    }
}
