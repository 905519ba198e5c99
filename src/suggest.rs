//! "Did you mean ...?": the closest known names to a misspelt one.

/// The known names closest to `input` (case-insensitive Damerau-Levenshtein distance), best
/// first, at most `limit`: only those close enough to be a plausible typo, and of those only
/// the ones at the best distance found.
///
/// `key` gives the text to compare for each candidate (for time zones: the whole id and the
/// city alone, whichever is closer).
pub(crate) fn closest<'a, T: Copy + Ord + 'a>(
    input: &str,
    candidates: impl IntoIterator<Item = T>,
    keys: impl Fn(T) -> [&'a str; 2],
    limit: usize,
) -> Vec<T> {
    let input = input.trim().to_lowercase();
    if input.is_empty() || input.len() > 64 {
        return Vec::new();
    }
    let threshold = (input.chars().count() * 2 / 5).max(1);
    let mut scored: Vec<(usize, T)> = candidates
        .into_iter()
        .filter_map(|candidate| {
            let distance = keys(candidate)
                .iter()
                .filter(|k| !k.is_empty())
                .map(|k| strsim::damerau_levenshtein(&input, &k.to_lowercase()))
                .min()?;
            (distance <= threshold).then_some((distance, candidate))
        })
        .collect();
    scored.sort();
    // Only the best distance: "Lodnon" is London, not also Lisbon.
    let best = scored.first().map_or(0, |s| s.0);
    scored.into_iter().take_while(|s| s.0 == best).take(limit).map(|(_, candidate)| candidate).collect()
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
        assert!(closest("zzzzzz", fields, |f| [f, ""], 3).is_empty());
    }

    #[test]
    fn sentence_forms() {
        assert_eq!(did_you_mean(&[]), "");
        assert_eq!(did_you_mean(&["a"]), " Did you mean \"a\"?");
        assert_eq!(did_you_mean(&["a", "b", "c"]), " Did you mean \"a\", \"b\" or \"c\"?");
    }
}
