//! The shape of absolute URLs, and the hosts that name this machine.
//!
//! URLs are checked by hand rather than with the `url` crate, whose IDNA tables would add
//! about 100 KB to the `.wasm` for a check that needs only the shape: a scheme, `//`, a
//! non-empty host, and no white space or characters that are never allowed in a URL.

/// Which schemes a URL field takes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Schemes {
    /// `http` or `https` (callback URLs).
    Web,
    /// Any scheme (the event's link).
    Any,
}

/// A URL that passed [`check_url`]: what the rules need to know of it.
pub(crate) struct CheckedUrl<'a> {
    pub(crate) scheme: &'a str,
    pub(crate) host: &'a str,
}

impl CheckedUrl<'_> {
    /// Plain `http` to a host other than this machine.
    pub(crate) fn is_insecure(&self) -> bool {
        self.scheme.eq_ignore_ascii_case("http") && !is_loopback(self.host)
    }
}

/// Whether a host names this machine: `localhost`, `127.0.0.0/8` or `[::1]`.
pub(crate) fn is_loopback(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    host.eq_ignore_ascii_case("localhost")
        || host == "[::1]"
        || host.strip_prefix("127.").is_some_and(|rest| {
            let parts: Vec<&str> = rest.split('.').collect();
            parts.len() == 3 && parts.iter().all(|p| p.parse::<u8>().is_ok())
        })
}

/// Checks the shape of an absolute URL; on failure, says what is wrong in words.
pub(crate) fn check_url(text: &str, schemes: Schemes) -> Result<CheckedUrl<'_>, &'static str> {
    let never_allowed = |c: char| matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`');
    // Scan bytes first: every byte of a multi-byte character is >= 0x80, so only a URL with one
    // of those needs the (slower) Unicode white-space and control tables.
    let suspicious = |b: &u8| *b <= b' ' || *b >= 0x7f || never_allowed(char::from(*b));
    if text.as_bytes().iter().any(suspicious) {
        if let Some(bad) = text.chars().find(|&c| c.is_whitespace() || c.is_control() || never_allowed(c)) {
            return Err(if bad.is_whitespace() {
                "must not contain spaces"
            } else {
                "contains a character not allowed in a URL"
            });
        }
    }
    let colon = text.bytes().position(|b| b == b':').ok_or("must be an absolute URL starting with https://")?;
    let (scheme, rest) = (&text[..colon], &text[colon + 1..]);
    let scheme_ok = scheme.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    if !scheme_ok {
        return Err("must be an absolute URL starting with https://");
    }
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    match (schemes, web) {
        (Schemes::Web, false) => return Err("must start with https:// (or http://)"),
        (Schemes::Any, false) if rest.is_empty() => return Err("has nothing after the scheme"),
        (Schemes::Any, false) => return Ok(CheckedUrl { scheme, host: "" }),
        _ => {}
    }
    let authority = rest.strip_prefix("//").ok_or("must have // after the scheme, like https://example.com")?;
    let end = authority.bytes().position(|b| matches!(b, b'/' | b'?' | b'#')).unwrap_or(authority.len());
    let authority = &authority[..end];
    let host_port = match authority.bytes().rposition(|b| b == b'@') {
        Some(at) => &authority[at + 1..],
        None => authority,
    };
    let host = match host_port.strip_prefix('[') {
        Some(v6) => &host_port[..v6.find(']').ok_or("has an unclosed [ in its host")? + 2],
        None => &host_port[..host_port.bytes().position(|b| b == b':').unwrap_or(host_port.len())],
    };
    let port = &host_port[host.len()..];
    if host.is_empty() {
        return Err("has no host name");
    }
    if !(port.is_empty() || port.strip_prefix(':').is_some_and(|p| p.parse::<u16>().is_ok())) {
        return Err("has a port that is not a number from 0 to 65535");
    }
    Ok(CheckedUrl { scheme, host })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let cases: &[(&str, Schemes, Result<&str, ()>)] = &[
            ("https://yourapp.example.com/cronofy/smart_invite/notifications", Schemes::Web, Ok("yourapp.example.com")),
            ("http://www.example.com", Schemes::Web, Ok("www.example.com")),
            ("http://127.0.0.1:8787/callback?x=1", Schemes::Web, Ok("127.0.0.1")),
            ("http://[::1]:3000/", Schemes::Web, Ok("[::1]")),
            ("https://user:pw@example.com", Schemes::Web, Ok("example.com")),
            ("ftp://example.com", Schemes::Web, Err(())),
            ("https//example.com", Schemes::Web, Err(())),
            ("https:///path", Schemes::Web, Err(())),
            ("https://exa mple.com", Schemes::Web, Err(())),
            ("https://example.com:99999", Schemes::Web, Err(())),
            ("/relative", Schemes::Web, Err(())),
            ("https =>//example.yourapp.com", Schemes::Web, Err(())),
            ("zoommtg://zoom.us/join?confno=1", Schemes::Any, Ok("")),
            ("mailto:a@example.com", Schemes::Any, Ok("")),
            ("mailto:", Schemes::Any, Err(())),
        ];
        for (text, schemes, expected) in cases {
            let got = check_url(text, *schemes).map(|u| u.host).map_err(|_| ());
            assert_eq!(&got, expected, "{text}");
        }
    }

    #[test]
    fn loopback_hosts() {
        for host in ["localhost", "127.0.0.1", "127.1.2.3", "[::1]", "LOCALHOST"] {
            assert!(is_loopback(host), "{host}");
        }
        for host in ["example.com", "127.0.0.1.example.com", "10.0.0.1", "127.0.0"] {
            assert!(!is_loopback(host), "{host}");
        }
    }
}
