//! Whether a text holds any of a few ASCII words, whatever their ASCII case: the cheap
//! test run before a pattern that needs one of them (`status`, `code`, `http` before the
//! status forms), once per line of a log. A table of the words' first bytes skips the
//! text a byte at a time; only where one begins are the words compared. (An automaton
//! over the words, with case folded, cost ten times as much on a log's short lines.)

/// A few ASCII words, found whatever their ASCII case.
pub(crate) struct AsciiWords {
    words: &'static [&'static str],
    /// Whether a byte begins a word, in either case.
    first: [bool; 256],
}

impl AsciiWords {
    /// The words, each non-empty ASCII.
    pub(crate) const fn new(words: &'static [&'static str]) -> Self {
        let mut first = [false; 256];
        let mut i = 0;
        while i < words.len() {
            let b = words[i].as_bytes()[0];
            first[b.to_ascii_lowercase() as usize] = true;
            first[b.to_ascii_uppercase() as usize] = true;
            i += 1;
        }
        AsciiWords { words, first }
    }

    /// Whether `text` holds one of the words, whatever its ASCII case.
    pub(crate) fn in_text(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        bytes.iter().enumerate().any(|(at, &b)| {
            self.first[usize::from(b)]
                && self.words.iter().any(|w| {
                    bytes
                        .get(at..at + w.len())
                        .is_some_and(|s| s.eq_ignore_ascii_case(w.as_bytes()))
                })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::AsciiWords;

    const WORDS: AsciiWords = AsciiWords::new(&["status", "->", "<response"]);

    #[test]
    fn a_word_is_found_in_any_ascii_case_and_anywhere() {
        for text in [
            "status",
            "HTTP_STATUS=504",
            "x StAtUs",
            "POST /v1 -> 504",
            "<Response [401]>",
            "状态 status",
        ] {
            assert!(WORDS.in_text(text), "{text}");
        }
    }

    #[test]
    fn a_part_of_a_word_or_another_case_mapping_is_not() {
        // `ſ` (long s) is an `s` only to Unicode's case folding, not ASCII's.
        for text in [
            "", "statu", "stat us", "- >", "<respons", "ſtatus", "ⓢtatus",
        ] {
            assert!(!WORDS.in_text(text), "{text}");
        }
    }
}
