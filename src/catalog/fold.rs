//! Case folding that keeps a text's char positions: `fold` maps each char to exactly
//! one char, so the n-th char of a folded text stands for the n-th char of the original.
//! Byte lengths may differ (U+212A KELVIN SIGN is 3 bytes, `k` is 1), which is why
//! offsets found in a folded copy are never used to slice the original: go back through
//! char counts ([`after_chars`]).

/// Lower-case one char at a time, each char to exactly one char.
pub(crate) fn fold(text: &str) -> String {
    text.chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect()
}

/// What follows the first `n` chars of `text` (empty when it is shorter).
pub(crate) fn after_chars(text: &str, n: usize) -> &str {
    text.char_indices()
        .nth(n)
        .and_then(|(at, _)| text.get(at..))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHANGING: &str = "tas\u{212A} \u{130}stanbul STRA\u{1E9E}E \u{3A3}\u{391}\u{3A3}";

    #[test]
    fn folding_keeps_the_char_count_of_length_changing_letters() {
        assert_eq!(fold(CHANGING).chars().count(), CHANGING.chars().count());
        assert_ne!(fold(CHANGING).len(), CHANGING.len(), "the bytes do change");
    }

    #[test]
    fn a_folded_prefix_is_skipped_in_the_original_by_chars() {
        let prefix = fold("tas\u{212A} ");
        assert_eq!(
            after_chars(CHANGING, prefix.chars().count()),
            "\u{130}stanbul STRA\u{1E9E}E \u{3A3}\u{391}\u{3A3}"
        );
        assert_eq!(after_chars("ab", 5), "");
    }
}
