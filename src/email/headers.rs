//! The top-level header fields: mailboxes parsed from `"Name <address>"`, and header values
//! written so every line stays within 78 octets and reads back exactly.
//!
//! Plain ASCII words are written as they are, folded only at the spaces between them (unfolding
//! gives the same single space back). Everything else (non-ASCII, specials, runs of spaces, very
//! long words) becomes RFC 2047 "Q" encoded-words, each at most [`ENCODED_WORD_MAX`] characters
//! and never splitting a UTF-8 character, separated by folding white space that decoders drop.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::EmailError;

/// The longest header line written, CRLF excluded (RFC 5322's recommended limit).
pub(crate) const LINE_MAX: usize = 78;
/// The longest encoded-word written: fits after `Subject: ` on the first line.
const ENCODED_WORD_MAX: usize = 64;
const ENCODED_WORD_PREFIX: &str = "=?UTF-8?Q?";

/// An email address with an optional display name, as nodemailer takes it.
///
/// ```
/// let m: smart_invite::Mailbox = "\"Doe, Jane\" <jane@example.com>".parse().unwrap();
/// assert_eq!(m.name.as_deref(), Some("Doe, Jane"));
/// assert_eq!(m.address, "jane@example.com");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mailbox {
    /// The display name (any Unicode text but control characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The address itself (ASCII).
    pub address: String,
}

impl std::str::FromStr for Mailbox {
    type Err = EmailError;

    /// Parses `address`, `<address>`, `Name <address>` or `"Quoted, Name" <address>`.
    fn from_str(text: &str) -> Result<Self, EmailError> {
        Mailbox::parse("address", text)
    }
}

impl Mailbox {
    /// Parses one mailbox; `field` names the option in errors (`from`, `to[1]`).
    pub(crate) fn parse(field: &str, text: &str) -> Result<Self, EmailError> {
        refuse_controls(field, text)?;
        let text = text.trim();
        let (name, address) = match (text.strip_suffix('>'), text.rfind('<')) {
            (Some(inner), Some(open)) => (unquote(text[..open].trim()), inner[open + 1..].trim()),
            _ => (String::new(), text),
        };
        let valid = address.is_ascii()
            && !address.contains(|c: char| c.is_ascii_whitespace() || "<>,;\"".contains(c))
            && crate::formats::is_email(address);
        if !valid {
            return Err(EmailError::InvalidAddress { field: field.to_owned(), value: text.to_owned() });
        }
        let name = Some(name).filter(|n| !n.is_empty());
        Ok(Mailbox { name, address: address.to_owned() })
    }

    /// The domain of the address (for Message-ID).
    pub(crate) fn domain(&self) -> &str {
        self.address.rsplit_once('@').map_or("localhost", |(_, domain)| domain)
    }
}

/// A display name written in quotes loses them and its backslash escapes.
fn unquote(name: &str) -> String {
    let Some(inner) = name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) else {
        return name.to_owned();
    };
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        out.push(if c == '\\' { chars.next().unwrap_or('\\') } else { c });
    }
    out.trim().to_owned()
}

/// CR and LF would end the header and let the rest of the value inject new ones; other
/// control characters have no place in a header either.
pub(crate) fn refuse_controls(field: &str, text: &str) -> Result<(), EmailError> {
    if text.contains(|c: char| c.is_ascii_control() && c != '\t') {
        return Err(EmailError::ControlCharacter { field: field.to_owned() });
    }
    Ok(())
}

/// Appends `Name: value` as an unstructured field (Subject).
pub(crate) fn unstructured(out: &mut String, name: &str, value: &str) {
    let atoms = if value.is_empty() {
        Vec::new()
    } else if is_plain_phrase(value, |c| (' '..='~').contains(&c)) {
        value.split(' ').map(str::to_owned).collect()
    } else {
        encoded_words(value)
    };
    field(out, name, &atoms);
}

/// Appends `Name: mailbox, mailbox` (From, To).
pub(crate) fn mailboxes(out: &mut String, name: &str, list: &[Mailbox]) {
    let mut atoms = Vec::new();
    for (i, mailbox) in list.iter().enumerate() {
        if let Some(display) = &mailbox.name {
            if is_plain_phrase(display, is_atext) {
                atoms.extend(display.split(' ').map(str::to_owned));
            } else {
                atoms.extend(encoded_words(display));
            }
        }
        let separator = if i + 1 < list.len() { "," } else { "" };
        atoms.push(format!("<{}>{separator}", mailbox.address));
    }
    field(out, name, &atoms);
}

/// Writes the atoms separated by single spaces, folding before an atom that would pass
/// [`LINE_MAX`]. An atom longer than a line (a very long address) gets a line of its own.
fn field(out: &mut String, name: &str, atoms: &[String]) {
    out.push_str(name);
    out.push(':');
    let mut line = name.len() + 1;
    for (i, atom) in atoms.iter().enumerate() {
        if i > 0 && line + 1 + atom.len() > LINE_MAX {
            out.push_str("\r\n");
            line = 0;
        }
        out.push(' ');
        out.push_str(atom);
        line += 1 + atom.len();
    }
    out.push_str("\r\n");
}

/// Text that can be written as it is: words of allowed characters separated by single
/// spaces, no word longer than fits on a line, nothing that looks like an encoded-word.
fn is_plain_phrase(text: &str, allowed: impl Fn(char) -> bool) -> bool {
    !text.is_empty()
        && !text.contains("=?")
        && text.split(' ').all(|word| !word.is_empty() && word.len() <= ENCODED_WORD_MAX && word.chars().all(&allowed))
}

/// RFC 5322 `atext`: what a display name may hold unquoted.
fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c)
}

/// `text` as "Q" encoded-words (RFC 2047 section 4.2, with the restricted set of section 5
/// that is valid in a display name too), split between characters.
pub(crate) fn encoded_words(text: &str) -> Vec<String> {
    let budget = ENCODED_WORD_MAX - ENCODED_WORD_PREFIX.len() - 2;
    let mut words = Vec::new();
    let mut payload = String::new();
    let mut piece = String::new();
    for c in text.chars() {
        piece.clear();
        let mut bytes = [0; 4];
        for &byte in c.encode_utf8(&mut bytes).as_bytes() {
            match byte {
                b' ' => piece.push('_'),
                b if b.is_ascii_alphanumeric() || b"!*+-/".contains(&b) => piece.push(char::from(b)),
                b => {
                    // Writing to a String cannot fail.
                    let _ = write!(piece, "={b:02X}");
                }
            }
        }
        if payload.len() + piece.len() > budget {
            words.push(format!("{ENCODED_WORD_PREFIX}{payload}?="));
            payload.clear();
        }
        payload.push_str(&piece);
    }
    if !payload.is_empty() || words.is_empty() {
        words.push(format!("{ENCODED_WORD_PREFIX}{payload}?="));
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mailbox(text: &str) -> Result<Mailbox, EmailError> {
        Mailbox::parse("from", text)
    }

    #[test]
    fn parses_the_usual_forms() {
        let cases = [
            ("a@example.com", None, "a@example.com"),
            (" <a@example.com> ", None, "a@example.com"),
            ("Ann Lee <a@example.com>", Some("Ann Lee"), "a@example.com"),
            ("\"Lee, Ann \\\"AL\\\"\" <a@example.com>", Some("Lee, Ann \"AL\""), "a@example.com"),
            ("Zoë Ō <a@example.com>", Some("Zoë Ō"), "a@example.com"),
        ];
        for (text, name, address) in cases {
            let m = mailbox(text).unwrap();
            assert_eq!((m.name.as_deref(), m.address.as_str()), (name, address), "{text}");
        }
    }

    #[test]
    fn refuses_injection_and_non_addresses() {
        for text in ["Ann\r\nBcc: x@example.com <a@example.com>", "a@example.com\n", "A\u{0}B <a@example.com>"] {
            assert_eq!(mailbox(text), Err(EmailError::ControlCharacter { field: "from".into() }), "{text:?}");
        }
        for text in ["", "Ann", "Ann <>", "<a@example.com", "a b@example.com", "zoë@example.com", "a@b@c"] {
            assert!(matches!(mailbox(text), Err(EmailError::InvalidAddress { .. })), "{text:?}");
        }
    }

    #[test]
    fn plain_subjects_fold_at_spaces_only() {
        let mut out = String::new();
        let subject = "word ".repeat(30).trim_end().to_owned();
        unstructured(&mut out, "Subject", &subject);
        assert!(out.lines().all(|l| l.len() <= LINE_MAX), "{out}");
        assert_eq!(out.replace("\r\n", "").strip_prefix("Subject: ").unwrap().trim_end(), subject);
    }

    #[test]
    fn encodes_what_is_not_plain() {
        let mut out = String::new();
        unstructured(&mut out, "Subject", "Réunion: budget");
        assert_eq!(out, "Subject: =?UTF-8?Q?R=C3=A9union=3A_budget?=\r\n");
        out.clear();
        unstructured(&mut out, "Subject", "two  spaces");
        assert_eq!(out, "Subject: =?UTF-8?Q?two__spaces?=\r\n");
    }

    #[test]
    fn encoded_words_never_split_a_character() {
        let words = encoded_words(&"😀".repeat(30));
        assert!(words.len() > 1);
        for word in &words {
            assert!(word.len() <= ENCODED_WORD_MAX, "{word}");
            // Each word holds whole emoji: 4 encoded octets each.
            assert_eq!(word.trim_start_matches(ENCODED_WORD_PREFIX).trim_end_matches("?=").len() % 12, 0);
        }
    }

    #[test]
    fn mailbox_lists_quote_nothing_and_fold_between_atoms() {
        let list = [
            Mailbox { name: Some("Ann Lee".into()), address: "ann@example.com".into() },
            Mailbox { name: Some("Lee, Bo".into()), address: "bo@example.com".into() },
            Mailbox { name: None, address: "c@example.com".into() },
        ];
        let mut out = String::new();
        mailboxes(&mut out, "To", &list);
        assert_eq!(
            out,
            "To: Ann Lee <ann@example.com>, =?UTF-8?Q?Lee=2C_Bo?= <bo@example.com>,\r\n <c@example.com>\r\n"
        );
    }
}
