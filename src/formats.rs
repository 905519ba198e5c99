//! Checks of the text formats the payload uses: email addresses, URLs, colours and decimal
//! numbers.
//!
//! URLs are checked by hand rather than with the `url` crate, whose IDNA tables would add
//! about 100 KB to the `.wasm` for a check that needs only the shape: a scheme, `//`, a
//! non-empty host, and no white space or characters that are never allowed in a URL.
//!
//! Decimal numbers are read exactly, by hand, rather than with `str::parse::<f64>`, whose
//! tables add 14 KB of gzip to the `.wasm`; [`Decimal`] still accepts and compares exactly as
//! that parse would (see its tests).

use std::cmp::Ordering;

use email_address::{EmailAddress, Options};

/// Whether `text` is an email address (RFC 5321/5322 as the `email_address` crate reads it),
/// without a display name: `Ann <ann@example.com>` is refused, the API wants the address alone.
///
/// The common shape (a dot-atom, `@`, a host name) is recognised by [`plain_address`] in one
/// pass over the bytes, and only other texts go to the crate: that took the seed example's two
/// addresses from 3,000 instructions to 300 (callgrind), and the crate accepts every address
/// the fast path does (a property test checks it).
pub(crate) fn is_email(text: &str) -> bool {
    plain_address(text) || {
        let options = Options::default().without_display_text();
        EmailAddress::parse_with_options(text, options).is_ok()
    }
}

/// `local@host` with a dot-atom local part (RFC 5322 `atext` runs joined by single dots, at
/// most 64 bytes) and a host name of at least two labels (letters, digits and inner hyphens,
/// at most 63 bytes each, 189 in all, so the whole address stays within 254).
fn plain_address(text: &str) -> bool {
    let bytes = text.as_bytes();
    let Some(at) = bytes.iter().position(|&b| b == b'@') else { return false };
    let (local, host) = (&bytes[..at], &bytes[at + 1..]);
    let atext = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&b);
    // The local part: no dot first, last or twice in a row.
    let mut previous = b'.';
    for &b in local {
        if !(atext(b) || (b == b'.' && previous != b'.')) {
            return false;
        }
        previous = b;
    }
    if local.len() > 64 || previous == b'.' || host.len() > 189 {
        return false;
    }
    // The host: labels of letters, digits and inner hyphens, at most 63 bytes, two at least.
    let (mut label, mut labels, mut previous) = (0, 1, b'.');
    for &b in host {
        match b {
            b'.' if label > 0 && previous != b'-' => (label, labels) = (0, labels + 1),
            b'-' if label > 0 => label += 1,
            _ if b.is_ascii_alphanumeric() => label += 1,
            _ => return false,
        }
        if label > 63 {
            return false;
        }
        previous = b;
    }
    labels >= 2 && label > 0 && previous != b'-'
}

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

/// Whether `text` is a colour `#rrggbb`.
pub(crate) fn is_color(text: &str) -> bool {
    text.len() == 7 && text.starts_with('#') && text[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// The magnitude of a decimal number, read exactly: `0.d₁d₂d₃… × 10^exponent`.
///
/// [`Decimal::parse`] accepts the grammar of `f64::from_str` (`12`, `-1.5`, `.5`, `5.`, `+1e-3`,
/// `1E3`, leading zeros) except `inf`, `infinity` and `nan`, and refuses what would parse to an
/// infinite `f64`, so a text is a number here exactly when it parses to a finite `f64`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decimal {
    /// The significant digits (ASCII), without leading or trailing zeros: empty for zero.
    digits: Vec<u8>,
    /// Where the decimal point goes: the value is `0.digits × 10^exponent`.
    exponent: i64,
}

/// The least magnitude that parses to an infinite `f64`: `2^1024 - 2^970`, the midpoint between
/// `f64::MAX` and `2^1024` (a tie rounds to the even side, infinity).
const F64_OVERFLOW: &str = concat!(
    "17976931348623158079372897140530341507993413271003782693617377898044496829276475094664901797758720709633",
    "02864166928879109465555478519404026306574886715058206819089020007083836762738548458177115317644757302700",
    "6985557136695962284291481986083493647529271907416844436551070434271155969950809304288017790417449779",
    "2"
);

impl Decimal {
    /// Reads a decimal number; `None` for anything `f64::from_str` refuses or reads as an
    /// infinity or NaN.
    pub(crate) fn parse(text: &str) -> Option<Decimal> {
        let decimal = Decimal::exact(text)?;
        Decimal::exact(F64_OVERFLOW).is_some_and(|overflow| decimal < overflow).then_some(decimal)
    }

    /// Reads a decimal number of any magnitude.
    fn exact(text: &str) -> Option<Decimal> {
        let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
        let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
            Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
            None => (unsigned, None),
        };
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        if whole.len() + fraction.len() == 0 || !all_digits(whole) || !all_digits(fraction) {
            return None;
        }
        let exponent = match exponent {
            None => 0,
            Some(text) => {
                let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
                if digits.is_empty() || !all_digits(digits) {
                    return None;
                }
                // Far beyond any f64 either way; the cap keeps the sum below from overflowing.
                let magnitude = digits.bytes().fold(0i64, |n, b| (n * 10 + i64::from(b - b'0')).min(1 << 40));
                if text.starts_with('-') {
                    -magnitude
                } else {
                    magnitude
                }
            }
        };
        let digits: Vec<u8> = whole.bytes().chain(fraction.bytes()).collect();
        let Some(first) = digits.iter().position(|&d| d != b'0') else {
            return Some(Decimal { digits: Vec::new(), exponent: 0 });
        };
        let last = digits.iter().rposition(|&d| d != b'0').unwrap_or(first);
        let point = whole.len() as i64 - first as i64;
        Some(Decimal { digits: digits[first..=last].to_vec(), exponent: point + exponent })
    }

    /// The value as an `f64`: the nearest one (as `str::parse` gives) for up to 15 significant
    /// digits and a power of ten up to 22, where one correctly rounded multiplication or
    /// division of two exact numbers is the answer; within a unit in the last place beyond.
    #[cfg_attr(not(feature = "client"), allow(dead_code))] // for Retry-After seconds
    pub(crate) fn to_f64(&self) -> f64 {
        let used = &self.digits[..self.digits.len().min(19)];
        let mantissa = used.iter().fold(0u64, |n, &d| n * 10 + u64::from(d - b'0'));
        // The value is about `mantissa × 10^scale`; 10^k is exact in an f64 up to k = 22.
        let scale = self.exponent - used.len() as i64;
        let power = (0..scale.unsigned_abs().min(400)).fold(1.0f64, |power, _| power * 10.0);
        if scale < 0 {
            mantissa as f64 / power
        } else {
            mantissa as f64 * power
        }
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self.digits.is_empty(), other.digits.is_empty()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            // Without trailing zeros, a prefix of the other's digits is the smaller number.
            (false, false) => self.exponent.cmp(&other.exponent).then_with(|| self.digits.cmp(&other.digits)),
        }
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for ok in ["cronofy@example.com", "a.b+c@sub.example.org", "example_2@example.com"] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in ["", "cronofy", "cronofy@", "@example.com", "Ann <ann@example.com>", "a b@example.com", "a@@b.com"] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    proptest::proptest! {
        /// The fast path never accepts what the crate refuses, on texts of its own alphabet and
        /// on any text.
        #[test]
        fn plain_addresses_are_addresses_to_the_crate(
            text in proptest::prop_oneof![
                "[a-z0-9.!#$%&'*+/=?^_`{|}~-]{0,70}@[a-zA-Z0-9.-]{0,70}",
                "[a-z.]{1,3}@[a-z0-9-]{1,3}(\\.[a-z0-9-]{0,3}){0,3}",
                proptest::prelude::any::<String>(),
            ]
        ) {
            if plain_address(&text) {
                let options = Options::default().without_display_text();
                proptest::prop_assert!(EmailAddress::parse_with_options(&text, options).is_ok(), "{}", text);
            }
        }
    }

    #[test]
    fn the_fast_path_takes_the_common_shapes() {
        for plain in ["cronofy@example.com", "a.b+c@sub.example.org", "o'brien@x-y.example.co.uk"] {
            assert!(plain_address(plain), "{plain}");
        }
        for other in ["\"a b\"@example.com", "a@[127.0.0.1]", "a@localhost", "a..b@example.com", "é@example.com"] {
            assert!(!plain_address(other), "{other}");
        }
    }

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

    /// What `str::parse::<f64>` says of `text`: a finite number or not.
    fn std_finite(text: &str) -> Option<f64> {
        text.parse::<f64>().ok().filter(|f| f.is_finite())
    }

    #[test]
    fn decimals_are_numbers_exactly_when_std_reads_a_finite_f64() {
        let texts = [
            "0", "-0", "+12", "00012", "1.", ".5", "-.5", "5.e3", ".5E-3", "1e+2", "1_0", "", ".", "+.", "-", "e5",
            ".e5", "1e", "1e+", "1.2.3", "++1", " 1", "0x10", "inf", "-Infinity", "NaN", "infinity", "1e308",
            "1e309", "1e99999999999999999999", "1e-99999999999999999999", "0e99999999999999999999",
            "1.7976931348623157e308", "1.7976931348623158e308", "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791",
            F64_OVERFLOW, "51.5074", "-0.1278",
        ];
        for text in texts {
            assert_eq!(Decimal::parse(text).is_some(), std_finite(text).is_some(), "{text:?}");
        }
    }

    #[test]
    fn fast_path_values_are_the_nearest_f64() {
        for text in ["0.5005", "1.0005", "120", "1.5", "0.1", "123456789012345", "1e22", "1e-22", "31535999.9995"] {
            assert_eq!(Decimal::parse(text).map(|d| d.to_f64()), std_finite(text), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn parse_agrees_with_std(text in "[+-]?[0-9]{0,3}[.]?[0-9]{0,3}([eE][+-]?[0-9]{0,3})?|[0-9.eE+infatyINFATY-]{0,10}") {
            proptest::prop_assert_eq!(Decimal::parse(&text).is_some(), std_finite(&text).is_some(), "{:?}", text);
        }

        #[test]
        fn order_agrees_with_std(a in "[0-9]{1,20}[.]?[0-9]{0,20}(e-?[0-9]{1,2})?", b in "[0-9]{1,20}[.]?[0-9]{0,20}(e-?[0-9]{1,2})?") {
            let (x, y) = (Decimal::parse(&a).unwrap(), Decimal::parse(&b).unwrap());
            let (fx, fy) = (std_finite(&a).unwrap(), std_finite(&b).unwrap());
            // Rounding to an f64 keeps the order, and may only merge neighbours.
            if fx < fy { proptest::prop_assert!(x < y) }
            if x < y { proptest::prop_assert!(fx <= fy) }
            if x == y { proptest::prop_assert!(fx == fy) }
        }

        #[test]
        fn short_values_convert_to_the_nearest_f64(mantissa in 0u64..1_000_000_000_000_000, point in 0usize..23) {
            let digits = format!("{mantissa:0>23}");
            let text = format!("{}.{}", &digits[..23 - point], &digits[23 - point..]);
            proptest::prop_assert_eq!(Decimal::parse(&text).map(|d| d.to_f64()), std_finite(&text), "{}", text);
        }
    }

    #[test]
    fn colors() {
        assert!(is_color("#c6040f") && is_color("#C6040F"));
        assert!(!is_color("c6040f") && !is_color("#c6040") && !is_color("#gggggg") && !is_color("#ééé"));
    }
}
