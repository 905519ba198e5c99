//! Decimal numbers, read exactly.
//!
//! They are read by hand rather than with `str::parse::<f64>`, whose tables add 14 KB of gzip
//! to the `.wasm`; [`Decimal`] still accepts and compares exactly as that parse would (see its
//! tests).

use std::cmp::Ordering;

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
}
