//! The top-level header fields: mailboxes parsed from `"Name <address>"`, and header values
//! written so every line stays within 78 octets and reads back exactly.
//!
//! Plain ASCII words are written as they are, folded only at the spaces between them (unfolding
//! gives the same single space back). Everything else (non-ASCII, specials, runs of spaces, very
//! long words) becomes RFC 2047 encoded-words, each at most [`ENCODED_WORD_MAX`] characters
//! and never splitting a UTF-8 character, separated by folding white space that decoders drop.

use std::fmt::Write as _;

use mail_builder::encoders::base64::base64_encode;
use serde::{Deserialize, Serialize};

use super::EmailError;

/// The longest header line written, CRLF excluded (RFC 5322's recommended limit).
pub(crate) const LINE_MAX: usize = 78;
/// The longest encoded-word written: within RFC 2047's 75, and short enough to sit right after
/// `Subject: ` (a fold straight after the colon reads as a leading space in Python's `email`).
const ENCODED_WORD_MAX: usize = LINE_MAX - "Subject: ".len();
const Q_PREFIX: &str = "=?UTF-8?Q?";
const B_PREFIX: &str = "=?UTF-8?B?";

/// An email address with an optional display name, as nodemailer takes it.
///
/// ```
/// let m: smart_invite::email::Mailbox = "\"Doe, Jane\" <jane@example.com>".parse().unwrap();
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
        let (name, address) = match text.strip_suffix('>').zip(text.rfind('<')) {
            Some((inner, open)) => (unquote(text[..open].trim()), inner[open + 1..].trim()),
            None => (String::new(), text),
        };
        let valid = address.is_ascii()
            && !address.bytes().any(|b| b.is_ascii_whitespace() || matches!(b, b'<' | b'>' | b',' | b';' | b'"'))
            && crate::validate::formats::is_email(address);
        if !valid {
            return Err(EmailError::InvalidAddress { field: field.to_owned(), value: text.to_owned() });
        }
        let name = Some(normalize_name(&name)).filter(|n| !n.is_empty());
        Ok(Mailbox { name, address: address.to_owned() })
    }

    /// The domain of the address (for Message-ID).
    pub(crate) fn domain(&self) -> &str {
        self.address.rsplit_once('@').map_or("localhost", |(_, domain)| domain)
    }
}

/// A display name as every reader sees it: in a phrase, white space between words is one space
/// (Python's `email` reads a run of spaces and tabs as one, and drops other white space that
/// follows a space), and white space around the name is not part of it. A lone non-space white
/// space character (a no-break space) is kept.
fn normalize_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut run = String::new();
    for c in name.chars() {
        if c.is_whitespace() {
            run.push(c);
            continue;
        }
        if !out.is_empty() && !run.is_empty() {
            let mut chars = run.chars();
            match (chars.next(), chars.next()) {
                (Some(lone), None) if lone != ' ' && lone != '\t' => out.push(lone),
                _ => out.push(' '),
            }
        }
        run.clear();
        out.push(c);
    }
    out.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}').to_owned()
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
    // ASCII control characters are single bytes, never part of a multi-byte character.
    if text.bytes().any(|b| b.is_ascii_control() && b != b'\t') {
        return Err(EmailError::ControlCharacter { field: field.to_owned() });
    }
    Ok(())
}

/// Appends `Name: value` as an unstructured field (Subject).
pub(crate) fn unstructured(out: &mut String, name: &str, value: &str) {
    let mut field = Field::start(out, name);
    if value.is_empty() {
    } else if is_plain_phrase(value, |c| (' '..='~').contains(&c)) {
        value.split(' ').for_each(|word| field.atom(&[word]));
    } else {
        encoded_words(value).iter().for_each(|word| field.atom(&[word]));
    }
    field.end();
}

/// Appends `Name: mailbox, mailbox` (From, To).
pub(crate) fn mailboxes(out: &mut String, name: &str, list: &[Mailbox]) {
    let mut field = Field::start(out, name);
    for (i, mailbox) in list.iter().enumerate() {
        if let Some(display) = &mailbox.name {
            phrase(display).iter().for_each(|word| field.atom(&[word]));
        }
        let separator = if i + 1 < list.len() { "," } else { "" };
        field.atom(&["<", &mailbox.address, ">", separator]);
    }
    field.end();
}

/// A display name as atoms: plain words as they are, each run of other words as encoded-words
/// (the spaces inside a run encoded too). Breaking runs at plain words keeps most names to one
/// encoded-word per run: Python's `email` reads a space between two adjacent encoded-words of a
/// display name, where RFC 2047 (and mailparser) read none.
fn phrase(name: &str) -> Vec<String> {
    let mut atoms = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    for word in name.split(' ') {
        if is_plain_phrase(word, is_atext) {
            if !run.is_empty() {
                atoms.extend(encoded_words(&run.join(" ")));
                run.clear();
            }
            atoms.push(word.to_owned());
        } else {
            run.push(word);
        }
    }
    if !run.is_empty() {
        atoms.extend(encoded_words(&run.join(" ")));
    }
    atoms
}

/// A header field being written: atoms separated by single spaces, folding before an atom that
/// would pass [`LINE_MAX`]. An atom longer than a line (a very long address) gets a line of its
/// own. Atoms are written as they come, in pieces, so a field of thousands of mailboxes builds
/// no list of them first.
struct Field<'o> {
    out: &'o mut String,
    /// The length of the current line so far.
    line: usize,
    /// Whether an atom was written.
    started: bool,
}

impl<'o> Field<'o> {
    fn start(out: &'o mut String, name: &str) -> Self {
        out.push_str(name);
        out.push(':');
        Self { out, line: name.len() + 1, started: false }
    }

    /// Writes one atom, the concatenation of `pieces`.
    fn atom(&mut self, pieces: &[&str]) {
        let len: usize = pieces.iter().map(|piece| piece.len()).sum();
        if self.started && self.line + 1 + len > LINE_MAX {
            self.out.push_str("\r\n");
            self.line = 0;
        }
        self.out.push(' ');
        pieces.iter().for_each(|piece| self.out.push_str(piece));
        self.line += 1 + len;
        self.started = true;
    }

    fn end(self) {
        self.out.push_str("\r\n");
    }
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

/// Header text as nodemailer should be given it: as it is, except ASCII text that nodemailer
/// would write unencoded but readers would not read back as given (holding `=?`, which they
/// take for an encoded-word; white space at either end or in runs; a word too long for a line),
/// which is given already encoded.
pub(crate) fn literal_text(text: &str) -> String {
    let misread = text.contains("=?") || (text.is_ascii() && !is_plain_phrase(text, |c| (' '..='~').contains(&c)));
    if !text.is_empty() && misread {
        encoded_words(text).join(" ")
    } else {
        text.to_owned()
    }
}

/// A mailbox whose display name nodemailer will write so that it reads back as given.
pub(crate) fn literal_for_nodemailer(mailbox: Mailbox) -> Mailbox {
    Mailbox { name: mailbox.name.as_deref().map(literal_text), address: mailbox.address }
}

/// `text` as RFC 2047 encoded-words, "Q" or "B" whichever takes fewer words (then fewer
/// characters), each at most 75 characters and never splitting a UTF-8 character.
pub(crate) fn encoded_words(text: &str) -> Vec<String> {
    let (q, b) = (WordEncoding::Q.words(text), WordEncoding::B.words(text));
    let size = |words: &Vec<String>| (words.len(), words.iter().map(String::len).sum::<usize>());
    if size(&b) < size(&q) {
        b
    } else {
        q
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum WordEncoding {
    /// Quoted-printable-like, with the restricted set of RFC 2047 section 5 (valid in a phrase).
    Q,
    /// Base64.
    B,
}

impl WordEncoding {
    fn prefix(self) -> &'static str {
        match self {
            Self::Q => Q_PREFIX,
            Self::B => B_PREFIX,
        }
    }

    /// Splits `text` between characters into the longest chunks whose encoding fits in one
    /// encoded-word, and wraps each. Linear in the length of `text`.
    fn words(self, text: &str) -> Vec<String> {
        let budget = ENCODED_WORD_MAX - self.prefix().len() - 2;
        let mut words = Vec::new();
        let (mut start, mut q_used) = (0, 0);
        for (at, c) in text.char_indices() {
            let q_char = self.q_cost(&text[at..at + c.len_utf8()]);
            let grown = match self {
                Self::Q => q_used + q_char,
                Self::B => 4 * (at + c.len_utf8() - start).div_ceil(3),
            };
            if grown > budget && at > start {
                words.push(self.wrap(&text[start..at]));
                start = at;
                q_used = q_char;
            } else {
                q_used += q_char;
            }
        }
        if start < text.len() || words.is_empty() {
            words.push(self.wrap(&text[start..]));
        }
        words
    }

    fn q_cost(self, chunk: &str) -> usize {
        chunk.bytes().map(|b| if is_q_literal(b) { 1 } else { 3 }).sum()
    }

    fn wrap(self, chunk: &str) -> String {
        let mut out = String::from(self.prefix());
        match self {
            Self::Q => {
                for &byte in chunk.as_bytes() {
                    if is_q_literal(byte) {
                        out.push(if byte == b' ' { '_' } else { char::from(byte) });
                    } else {
                        // Writing to a String cannot fail.
                        let _ = write!(out, "={byte:02X}");
                    }
                }
            }
            Self::B => out.push_str(&String::from_utf8_lossy(&base64_encode(chunk.as_bytes()).unwrap_or_default())),
        }
        out.push_str("?=");
        out
    }
}

fn is_q_literal(byte: u8) -> bool {
    byte == b' ' || byte.is_ascii_alphanumeric() || b"!*+-/".contains(&byte)
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
            ("\"  Ann \t  Lee \" <a@example.com>", Some("Ann Lee"), "a@example.com"),
            ("Ann\u{a0}Lee \u{a0}Jr <a@example.com>", Some("Ann\u{a0}Lee Jr"), "a@example.com"),
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
        for text in ["😀".repeat(30), "é".repeat(80), "老虎".repeat(20), "a".repeat(200)] {
            let words = encoded_words(&text);
            assert!(words.len() > 1, "{text}");
            for word in &words {
                assert!(word.len() <= ENCODED_WORD_MAX, "{word}");
            }
            let decoded: String = words.iter().map(|w| decode(w)).collect();
            assert_eq!(decoded, text);
        }
    }

    /// A test-only decoder of one encoded-word.
    fn decode(word: &str) -> String {
        let body = word.strip_suffix("?=").unwrap();
        let bytes = if let Some(q) = body.strip_prefix(Q_PREFIX) {
            let mut out = Vec::new();
            let mut rest = q.as_bytes();
            while let Some((&b, tail)) = rest.split_first() {
                match b {
                    b'_' => out.push(b' '),
                    b'=' => {
                        out.push(u8::from_str_radix(std::str::from_utf8(&tail[..2]).unwrap(), 16).unwrap());
                        rest = &tail[2..];
                        continue;
                    }
                    b => out.push(b),
                }
                rest = tail;
            }
            out
        } else {
            use base64::Engine;
            base64::engine::general_purpose::STANDARD.decode(body.strip_prefix(B_PREFIX).unwrap()).unwrap()
        };
        String::from_utf8(bytes).expect("each encoded-word holds whole characters")
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
            "To: Ann Lee <ann@example.com>, =?UTF-8?Q?Lee=2C?= Bo <bo@example.com>,\r\n <c@example.com>\r\n"
        );
    }
}
