//! "Did you mean ...?": the closest known names to a misspelt one.

/// The longest input worth a suggestion; longer text is not a typo of a name.
const MAX_INPUT: usize = 64;

/// The known names closest to `input` (case-insensitive optimal-string-alignment distance:
/// edits and swaps of neighbours), best first, at most `limit`: only those close enough to be a
/// plausible typo, and of those only the ones at the best distance found.
///
/// `keys` gives the texts to compare for each candidate (for time zones: the whole id and the
/// city alone, whichever is closer). Every known name is ASCII, so ASCII lowercasing suffices.
///
/// The distance is at least the difference in length, so candidates too long or too short to
/// be within the threshold are skipped before the distance is computed: a search over the
/// ~600 zone ids stays far below a millisecond even for inputs that match nothing.
pub(crate) fn closest<'a, T: Copy + Ord + 'a>(
    input: &str,
    candidates: impl IntoIterator<Item = T>,
    keys: impl Fn(T) -> [&'a str; 2],
    limit: usize,
) -> Vec<T> {
    let input = input.trim().to_ascii_lowercase();
    let length = input.chars().count();
    if length == 0 || length > MAX_INPUT {
        return Vec::new();
    }
    let threshold = (length * 2 / 5).max(1);
    let mut rows = Vec::new();
    let mut scored: Vec<(usize, T)> = candidates
        .into_iter()
        .filter_map(|candidate| {
            let distance = keys(candidate)
                .iter()
                .filter(|k| !k.is_empty() && k.len().abs_diff(input.len()) <= threshold)
                .filter_map(|k| bounded_distance(input.as_bytes(), k.as_bytes(), threshold, &mut rows))
                .min()?;
            Some((distance, candidate))
        })
        .collect();
    scored.sort();
    // Only the best distance: "Lodnon" is London, not also Lisbon.
    let best = scored.first().map_or(0, |s| s.0);
    scored.into_iter().take_while(|s| s.0 == best).take(limit).map(|(_, candidate)| candidate).collect()
}

/// The optimal-string-alignment distance between `input` (already lowercase) and `name`
/// compared case-insensitively, byte by byte, if it is at most `max`; `None` as soon as every
/// alignment is already further than `max`. `rows` is scratch space reused across calls.
fn bounded_distance(input: &[u8], name: &[u8], max: usize, rows: &mut Vec<usize>) -> Option<usize> {
    let width = input.len() + 1;
    rows.resize(3 * width, 0);
    // Three rows in one buffer: the one before the previous (for swaps), the previous, the current.
    let (mut before, mut previous, mut current) = (0, width, 2 * width);
    for j in 0..width {
        rows[previous + j] = j;
    }
    for (i, &b) in name.iter().enumerate() {
        let b = b.to_ascii_lowercase();
        rows[current] = i + 1;
        let mut row_min = i + 1;
        for j in 1..width {
            let a = input[j - 1];
            let mut cost = (rows[previous + j - 1] + usize::from(a != b))
                .min(rows[previous + j] + 1)
                .min(rows[current + j - 1] + 1);
            if i > 0 && j > 1 && a == name[i - 1].to_ascii_lowercase() && input[j - 2] == b {
                cost = cost.min(rows[before + j - 2] + 1);
            }
            rows[current + j] = cost;
            row_min = row_min.min(cost);
        }
        if row_min > max {
            return None;
        }
        (before, previous, current) = (previous, current, before);
    }
    Some(rows[previous + width - 1]).filter(|&d| d <= max)
}

/// Formats suggestions as a sentence ending: ` Did you mean "a" or "b"?` (empty when none).
pub(crate) fn did_you_mean(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => format!(" Did you mean \"{one}\"?"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(|n| format!("\"{n}\"")).collect();
            format!(" Did you mean {} or \"{last}\"?", init.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_transpositions_and_case() {
        let fields = ["summary", "description", "start", "end"];
        assert_eq!(closest("sumary", fields, |f| [f, ""], 3), vec!["summary"]);
        assert_eq!(closest("STRAT", fields, |f| [f, ""], 3), vec!["start"]);
        assert_eq!(closest("  Descriptoin ", fields, |f| [f, ""], 3), vec!["description"]);
        assert!(closest("zzzzzz", fields, |f| [f, ""], 3).is_empty());
        assert!(closest("", fields, |f| [f, ""], 3).is_empty());
        assert!(closest(&"s".repeat(MAX_INPUT + 1), fields, |f| [f, ""], 3).is_empty());
    }

    #[test]
    fn non_ascii_input_is_compared_without_panicking() {
        let fields = ["summary", "start"];
        assert_eq!(closest("sümmary", fields, |f| [f, ""], 3), vec!["summary"]);
        assert!(closest("ÉÉÉÉÉÉÉÉ", fields, |f| [f, ""], 3).is_empty());
    }

    #[test]
    fn bounded_distance_agrees_with_strsim_within_the_bound() {
        let words =
            ["", "a", "ab", "ba", "summary", "sumary", "smuamry", "europe/london", "europe/lodnon", "Europe/LONDON"];
        for a in words {
            for b in words {
                let expected = strsim::osa_distance(a, &b.to_ascii_lowercase());
                for max in 0..6 {
                    let got = bounded_distance(a.as_bytes(), b.as_bytes(), max, &mut Vec::new());
                    assert_eq!(got, Some(expected).filter(|&d| d <= max), "{a:?} {b:?} max {max}");
                }
            }
        }
    }

    #[test]
    fn sentence_forms() {
        assert_eq!(did_you_mean(&[]), "");
        assert_eq!(did_you_mean(&["a"]), " Did you mean \"a\"?");
        assert_eq!(did_you_mean(&["a", "b", "c"]), " Did you mean \"a\", \"b\" or \"c\"?");
    }
}
