//! Case folding that keeps a text's char positions: `fold` maps each char to exactly
//! one char, so the n-th char of a folded text stands for the n-th char of the original.
//! Byte lengths may differ (U+212A KELVIN SIGN is 3 bytes, `k` is 1), which is why
//! offsets found in a folded copy are never used to slice the original: go back through
//! char counts ([`after_chars`]).

/// Lower-case one char at a time, each char to exactly one char; a fullwidth letter,
/// digit or mark (`ＡＰＩＧ．０３０８`, `４２９`, `：`) as its ASCII form ([`narrow_char`]),
/// so a code or status typed with a Chinese input method reads as typed in ASCII; a
/// Traditional Chinese character of the vocabulary as its Simplified form
/// ([`super::traditional`]: `簽名錯誤` reads as `签名错误`).
pub(crate) fn fold(text: &str) -> String {
    // ASCII has no fullwidth form, and its lower case is one ASCII char: the same answer
    // a byte at a time (a log of thousands of messages folds each).
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    fold_by_char(text)
}

/// [`fold`] a char at a time, for any text.
fn fold_by_char(text: &str) -> String {
    text.chars()
        .map(|c| {
            let c = super::traditional::simplified(narrow_char(c));
            c.to_lowercase().next().unwrap_or(c)
        })
        .collect()
}

/// A fullwidth form (U+FF01 to U+FF5E) as the ASCII char it stands for, the ideographic
/// space as a space; any other char unchanged. One char to one char, as NFKC does for
/// these (no normalization crate for a hundred chars).
pub(crate) fn narrow_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// `text` with fullwidth forms as ASCII ([`narrow_char`]) and an ideographic full stop
/// (`。`, `｡`) between a letter and a digit as a dot (`APIG。0308`: a code typed with a
/// Chinese input method); the same number of chars, so a range of chars found in it is the
/// same range of `text`. Borrowed when there is nothing to change.
pub(crate) fn narrow(text: &str) -> std::borrow::Cow<'_, str> {
    let wide = |c: char| narrow_char(c) != c || matches!(c, '。' | '｡');
    if text.is_ascii() || !may_be_wide(text) || !text.chars().any(wide) {
        return std::borrow::Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().map(narrow_char).collect();
    let code_dot = |i: usize| {
        let before = i.checked_sub(1).and_then(|p| chars.get(p));
        before.is_some_and(char::is_ascii_alphabetic)
            && chars.get(i + 1).is_some_and(char::is_ascii_digit)
    };
    let out = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| match c {
            '。' | '｡' if code_dot(i) => '.',
            c => c,
        })
        .collect();
    std::borrow::Cow::Owned(out)
}

/// Whether `text` may hold a char [`narrow`] changes, by its UTF-8 bytes: each of them
/// (U+FF01 to U+FF5E, `｡` U+FF61, the ideographic space U+3000 and full stop U+3002)
/// begins with the bytes `EF BC`, `EF BD` or `E3 80`. Text without them (a log in another
/// script, bytes read as U+FFFD, `EF BF BD`) is not read a char at a time.
fn may_be_wide(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| matches!(w, [0xEF, 0xBC | 0xBD] | [0xE3, 0x80]))
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

    /// The byte test before reading chars passes every char `narrow` changes, and
    /// text with none of them (another script, replaced bytes) is lent as it is.
    #[test]
    fn every_char_narrowed_passes_the_byte_test() {
        let changed =
            ('\u{3000}'..='\u{FFFF}').filter(|&c| narrow_char(c) != c || matches!(c, '。' | '｡'));
        for c in changed {
            assert!(may_be_wide(&format!("x{c}y")), "{c:?}");
        }
        for text in ["\u{FFFD}\u{FFFD} APIG.0308", "Ошибка 錯誤 エラー", "ｰ"] {
            assert!(
                matches!(narrow(text), std::borrow::Cow::Borrowed(_)),
                "{text}"
            );
        }
        assert_eq!(narrow("ＡＰＩＧ。０３０８ \u{FFFD}"), "APIG.0308 \u{FFFD}");
    }

    #[test]
    fn folding_keeps_the_char_count_of_length_changing_letters() {
        assert_eq!(fold(CHANGING).chars().count(), CHANGING.chars().count());
        assert_ne!(fold(CHANGING).len(), CHANGING.len(), "the bytes do change");
    }

    #[test]
    fn fullwidth_codes_and_statuses_read_as_ascii_with_their_char_count() {
        assert_eq!(fold("ＡＰＩＧ．０３０８"), "apig.0308");
        assert_eq!(narrow("返回４２９，APIG。0308。"), "返回429,APIG.0308。");
        assert_eq!(narrow("错误码：ＡＰＩＧ.1009").chars().count(), 13);
        assert!(matches!(
            narrow("签名错误 401"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    /// ASCII text, folded a byte at a time, reads as every other text is folded.
    #[test]
    fn ascii_is_folded_as_a_char_at_a_time() {
        let every_ascii: String = (0u8..128).map(char::from).collect();
        for text in [
            every_ascii.as_str(),
            "APIG.0301 Incorrect IAM authentication information",
            "",
        ] {
            assert_eq!(fold(text), fold_by_char(text), "{text:?}");
        }
        assert_eq!(fold("Backend TIMEOUT"), "backend timeout");
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
