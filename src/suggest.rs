//! "Did you mean ...?": the closest known names to a misspelt one.

/// The known names closest to `input` (case-insensitive Damerau-Levenshtein distance), best
/// first, at most `limit`: only those close enough to be a plausible typo, and of those only
/// the ones at the best distance found.
///
/// `key` gives the text to compare for each candidate (for time zones: the whole id and the
/// city alone, whichever is closer); keys are ASCII, like every name suggested.
pub(crate) fn closest<'a, T: Copy + Ord + 'a>(
    input: &str,
    candidates: impl IntoIterator<Item = T>,
    keys: impl Fn(T) -> [&'a str; 2],
    limit: usize,
) -> Vec<T> {
    let (input, lowercase_len) = lowercase_for_ascii_names(input.trim());
    if input.is_empty() || lowercase_len > 64 {
        return Vec::new();
    }
    let threshold = (input.chars().count() * 2 / 5).max(1);
    let mut scored: Vec<(usize, T)> = candidates
        .into_iter()
        .filter_map(|candidate| {
            let distance = keys(candidate)
                .iter()
                .filter(|k| !k.is_empty())
                .map(|k| strsim::damerau_levenshtein(&input, &k.to_ascii_lowercase()))
                .min()?;
            (distance <= threshold).then_some((distance, candidate))
        })
        .collect();
    scored.sort();
    // Only the best distance: "Lodnon" is London, not also Lisbon.
    let best = scored.first().map_or(0, |s| s.0);
    scored.into_iter().take_while(|s| s.0 == best).take(limit).map(|(_, candidate)| candidate).collect()
}

/// Characters outside ASCII whose lowercase takes another number of bytes in UTF-8:
/// `(character, bytes of its lowercase)`. Checked against `char::to_lowercase` for every
/// character by the tests.
const LOWERCASE_LENGTHS: [(char, usize); 27] = [
    ('\u{0130}', 3),
    ('\u{023A}', 3),
    ('\u{023E}', 3),
    ('\u{1E9E}', 2),
    ('\u{2126}', 2),
    ('\u{212A}', 1),
    ('\u{212B}', 2),
    ('\u{2C62}', 2),
    ('\u{2C64}', 2),
    ('\u{2C6D}', 2),
    ('\u{2C6E}', 2),
    ('\u{2C6F}', 2),
    ('\u{2C70}', 2),
    ('\u{2C7E}', 2),
    ('\u{2C7F}', 2),
    ('\u{A78D}', 2),
    ('\u{A7AA}', 2),
    ('\u{A7AB}', 2),
    ('\u{A7AC}', 2),
    ('\u{A7AD}', 2),
    ('\u{A7AE}', 2),
    ('\u{A7B0}', 2),
    ('\u{A7B1}', 2),
    ('\u{A7B2}', 2),
    ('\u{A7C5}', 2),
    ('\u{A7CB}', 2),
    ('\u{A7DC}', 2),
];

/// `text` lowercased for comparing with ASCII names, and the length in bytes of
/// `text.to_lowercase()`, without the Unicode case tables (10 KB of gzip in the `.wasm`).
///
/// Every character outside ASCII lowercases to one character outside ASCII, except `İ`
/// (U+0130, to `i` and a combining dot) and the Kelvin sign (U+212A, to `k`). Those two are
/// lowercased; the others are kept as they are, since no character outside ASCII equals one of
/// an ASCII name either way. So the distances to ASCII names, and the character count, are
/// those of `text.to_lowercase()`.
fn lowercase_for_ascii_names(text: &str) -> (String, usize) {
    let mut lowercase = String::with_capacity(text.len());
    let mut len = 0;
    for c in text.chars() {
        match c {
            '\u{0130}' => lowercase.push_str("i\u{0307}"),
            '\u{212A}' => lowercase.push('k'),
            c => lowercase.push(c.to_ascii_lowercase()),
        }
        len += LOWERCASE_LENGTHS.iter().find(|(special, _)| *special == c).map_or(c.len_utf8(), |&(_, len)| len);
    }
    (lowercase, len)
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
    fn lowercase_for_ascii_names_agrees_with_to_lowercase_for_every_character() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let text = c.to_string();
            let (ours, len) = lowercase_for_ascii_names(&text);
            let theirs = text.to_lowercase();
            assert_eq!(len, theirs.len(), "{c:?}");
            assert_eq!(ours.chars().count(), theirs.chars().count(), "{c:?}");
            if ours != theirs {
                // Kept as it is: then neither holds an ASCII character.
                assert!(!ours.is_ascii() && !theirs.chars().any(|l| l.is_ascii()), "{c:?}");
            }
        }
    }

    #[test]
    fn suggestions_read_case_as_to_lowercase_does() {
        let names = ["kelvin", "istanbul", "summary"];
        assert_eq!(closest("\u{212A}ELVIN", names, |n| [n, ""], 1), ["kelvin"]);
        assert_eq!(closest("\u{0130}STANBUL", names, |n| [n, ""], 1), ["istanbul"]);
        assert_eq!(closest("SÜMMARY", names, |n| [n, ""], 1), ["summary"]);
        // 64 bytes as written, 66 lowercased (U+023A lowercases to 3 bytes): too long to judge.
        let long = format!("{}{}", "\u{023A}\u{023A}", "a".repeat(60));
        assert!(closest(&long, ["a"], |n| [n, ""], 1).is_empty());
    }

    #[test]
    fn sentence_forms() {
        assert_eq!(did_you_mean(&[]), "");
        assert_eq!(did_you_mean(&["a"]), " Did you mean \"a\"?");
        assert_eq!(did_you_mean(&["a", "b", "c"]), " Did you mean \"a\", \"b\" or \"c\"?");
    }
}
