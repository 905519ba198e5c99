//! Dotted field paths (`event.start`, `recipients[1].email`), built on the stack while the
//! rules walk a payload and turned into text only when an issue is recorded.

use std::fmt;

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

#[cfg(test)]
mod tests {
    use super::Path;

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
}
