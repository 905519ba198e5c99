//! Dotted field paths (`event.start`, `recipients[1].email`), built on the stack while the
//! rules walk a payload and turned into text only when an issue is recorded; and the way back,
//! from that text to its segments ([`segments`]), for tools that want a path as a list of keys
//! (the Standard Schema's issues in the npm package). Both directions live here, so the text
//! has one grammar.

use std::fmt;

use serde::{Serialize, Serializer};

/// Where a value sits in the payload.
#[derive(Clone, Copy)]
pub(crate) enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    pub(crate) fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    pub(crate) fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    /// The last named segment: what a description calls the field.
    pub(crate) fn name(&self) -> &'a str {
        match *self {
            Path::Root => "the invite",
            Path::Key(_, key) => key,
            Path::Index(parent, _) => parent.name(),
        }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Key(Path::Root, key) => f.write_str(key),
            Path::Key(parent, key) => write!(f, "{parent}.{key}"),
            Path::Index(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

/// One step of a field path: a field's name or a position in a list.
///
/// Serializes as what it is: a string or a number.
///
/// ```
/// use smart_invite::validate::path::Segment;
/// assert_eq!(serde_json::to_string(&Segment::Index(1)).unwrap(), "1");
/// assert_eq!(serde_json::to_string(&Segment::Key("email")).unwrap(), r#""email""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    /// A field of an object, by name.
    Key(&'a str),
    /// An item of a list, from 0.
    Index(usize),
}

impl Serialize for Segment<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            Segment::Key(key) => serializer.serialize_str(key),
            Segment::Index(index) => serializer.serialize_u64(index as u64),
        }
    }
}

/// The segments of a path of the error map, in order: `recipients[1].email` gives the key
/// `recipients`, the index 1 and the key `email`; `""` (the payload as a whole) gives none.
///
/// It reads back exactly the text the validator writes for a path, whose names never hold `.`
/// or `[`. Other text (a server's error map) splits as well as it can, and never panics: a `.`
/// separates two names, and `[` opens an index when digits and `]` follow (`a[x]` is one name).
///
/// ```
/// use smart_invite::validate::path::{segments, Segment};
/// let v = smart_invite::validate_json(r#"{"smart_invite_id":"x","recipients":[{"email":"a@example.com"},{"email":"bob@"}]}"#);
/// let (path, _) = v.errors.iter().next().unwrap();
/// assert_eq!(path, "recipients[1].email");
/// assert_eq!(segments(path).collect::<Vec<_>>(), [Segment::Key("recipients"), Segment::Index(1), Segment::Key("email")]);
/// assert_eq!(segments("").count(), 0);
/// // As JSON, a list of keys: what a Standard Schema issue's `path` is.
/// assert_eq!(serde_json::to_string(&segments(path)).unwrap(), r#"["recipients",1,"email"]"#);
/// ```
pub fn segments(path: &str) -> Segments<'_> {
    Segments { rest: path, started: false }
}

/// The iterator of [`segments`]; serializes as the list of them.
///
/// ```
/// let segments = smart_invite::validate::path::segments("event.start");
/// assert_eq!(serde_json::to_string(&segments).unwrap(), r#"["event","start"]"#);
/// ```
#[derive(Debug, Clone)]
pub struct Segments<'a> {
    rest: &'a str,
    started: bool,
}

impl<'a> Iterator for Segments<'a> {
    type Item = Segment<'a>;

    fn next(&mut self) -> Option<Segment<'a>> {
        if self.rest.is_empty() {
            return None;
        }
        if let Some((index, rest)) = index(self.rest) {
            (self.rest, self.started) = (rest, true);
            return Some(Segment::Index(index));
        }
        // Every name but the first follows the `.` that Display writes before it.
        let text = if self.started { self.rest.strip_prefix('.').unwrap_or(self.rest) } else { self.rest };
        let bytes = text.as_bytes();
        let mut end = 0;
        while end < bytes.len() && bytes[end] != b'.' && !(bytes[end] == b'[' && index(&text[end..]).is_some()) {
            end += 1;
        }
        (self.rest, self.started) = (&text[end..], true);
        Some(Segment::Key(&text[..end]))
    }
}

impl Serialize for Segments<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.clone())
    }
}

/// `[n]` at the start of `text` (digits only, that fit a `usize`): the index and the rest.
fn index(text: &str) -> Option<(usize, &str)> {
    let digits = text.strip_prefix('[')?;
    let close = digits.bytes().position(|b| !b.is_ascii_digit())?;
    if close == 0 || digits.as_bytes()[close] != b']' {
        return None;
    }
    let index =
        digits.bytes().take(close).try_fold(0usize, |n, b| n.checked_mul(10)?.checked_add(usize::from(b - b'0')))?;
    Some((index, &digits[close + 1..]))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{segments, Path, Segment};

    #[test]
    fn renders_dotted_paths_with_indices() {
        let root = Path::Root;
        let recipients = root.key("recipients");
        let second = recipients.index(1);
        assert_eq!(second.key("email").to_string(), "recipients[1].email");
        assert_eq!(root.key("event").key("start").to_string(), "event.start");
        assert_eq!(root.to_string(), "");
        assert_eq!(second.name(), "recipients");
    }

    /// The text Display writes for a path made of these segments.
    fn rendered(segments: &[Segment]) -> String {
        fn under(parent: &Path, rest: &[Segment]) -> String {
            match rest.split_first() {
                None => parent.to_string(),
                Some((Segment::Key(key), rest)) => under(&parent.key(key), rest),
                Some((Segment::Index(index), rest)) => under(&parent.index(*index), rest),
            }
        }
        under(&Path::Root, segments)
    }

    #[test]
    fn reads_back_what_display_writes() {
        use Segment::{Index, Key};
        let cases: &[&[Segment]] = &[
            &[],
            &[Key("event"), Key("start")],
            &[Key("recipients"), Index(1), Key("email")],
            &[Key("event"), Key("reminders"), Index(0), Key("minutes")],
            &[Index(3)],
            &[Key("a"), Index(0), Index(12)],
        ];
        for case in cases {
            let text = rendered(case);
            assert_eq!(segments(&text).collect::<Vec<_>>(), *case, "{text:?}");
        }
    }

    #[test]
    fn other_text_splits_on_dots_and_indices() {
        use Segment::{Index, Key};
        for (text, expected) in [
            ("a[x]", vec![Key("a[x]")]),
            ("a[+1]", vec![Key("a[+1]")]),
            ("a[1", vec![Key("a[1")]),
            ("a[99999999999999999999999]", vec![Key("a[99999999999999999999999]")]),
            ("a[01]", vec![Key("a"), Index(1)]),
            ("a..b", vec![Key("a"), Key(""), Key("b")]),
            (".a", vec![Key(""), Key("a")]),
            ("[1]a", vec![Index(1), Key("a")]),
        ] {
            assert_eq!(segments(text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }

    /// A name as the rules write one (never empty, never with `.` or `[`), or an index.
    fn segment() -> impl Strategy<Value = Result<String, usize>> {
        prop_oneof!["[^.\\[]{1,8}".prop_map(Ok), any::<usize>().prop_map(Err)]
    }

    proptest! {
        #[test]
        fn segments_is_the_inverse_of_display(owned in prop::collection::vec(segment(), 0..6)) {
            let path: Vec<Segment> =
                owned.iter().map(|s| s.as_ref().map_or_else(|&i| Segment::Index(i), |k| Segment::Key(k))).collect();
            let text = rendered(&path);
            prop_assert_eq!(segments(&text).collect::<Vec<_>>(), path);
        }

        #[test]
        fn any_text_splits_into_names_without_dots(text in "[a-z.\\[\\]0-9+]{0,16}") {
            for segment in segments(&text) {
                if let Segment::Key(key) = segment {
                    prop_assert!(!key.contains('.'), "{:?} in {:?}", key, text);
                }
            }
        }
    }
}
