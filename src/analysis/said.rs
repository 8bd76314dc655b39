//! Catalog messages written out whole on a log line that names no code
//! (`2026-03-01T09:01:00Z ERROR HTTP 429: The throttling threshold has been reached`).
//! Such a line is an error of its own, as the same message in a JSON body is: the
//! splitting of a log asks each timed line without a code whether it holds one.
//!
//! One automaton over the catalog's messages (their fixed part, before a `{`), made once
//! per catalog, reads each line once: no line is compared with the rows one by one.
//! Only messages that prose would take as the gateway's text when written out are in it
//! (three meaningful words or more, or a long message): "Backend timeout" on a log line
//! is what anyone writes. Matching then decides what the line is.

use aho_corasick::{AhoCorasick, MatchKind};

use super::index::words;
use super::prose::{LONG_RUN_WORDS, STANDALONE_WORDS, STOPWORDS};
use crate::catalog::{Catalog, fold};

/// The messages a log line may hold whole.
pub(crate) struct Said {
    finder: Option<AhoCorasick>,
}

impl Said {
    pub(crate) fn of(catalog: &Catalog) -> Self {
        let mut patterns: Vec<String> = catalog
            .entries
            .iter()
            .flat_map(|e| {
                std::iter::once(e.message()).chain(e.aliases().iter().map(String::as_str))
            })
            .filter_map(|message| {
                let fixed = message
                    .split('{')
                    .next()?
                    .trim()
                    .trim_end_matches('.')
                    .trim_end();
                let all: Vec<String> = words(fixed).collect();
                let mut meaningful: Vec<&String> = all
                    .iter()
                    .filter(|w| !STOPWORDS.contains(w.as_str()))
                    .collect();
                meaningful.sort();
                meaningful.dedup();
                (meaningful.len() >= STANDALONE_WORDS || all.len() >= LONG_RUN_WORDS)
                    .then(|| fold(fixed))
            })
            .collect();
        patterns.sort();
        patterns.dedup();
        let finder = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostFirst)
            .build(&patterns)
            .ok()
            .filter(|_| !patterns.is_empty());
        Said { finder }
    }

    /// Whether `line` holds a catalog message word for word (ASCII case aside).
    pub(crate) fn in_line(&self, line: &str) -> bool {
        self.finder.as_ref().is_some_and(|f| f.is_match(line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_specific_message_is_found_on_a_line_and_ordinary_words_are_not() {
        let said = Said::of(&Catalog::embedded());
        assert!(said.in_line(
            "2026-03-01T09:01:00Z ERROR HTTP 429: The throttling threshold has been reached: policy user"
        ));
        assert!(said.in_line("09:01:00 WARN the THROTTLING threshold has been reached."));
        assert!(!said.in_line("2026-03-01T09:01:00Z ERROR Backend timeout after 30 s"));
        assert!(!said.in_line("2026-03-01T09:01:00Z INFO GET /v1/orders 200"));
    }
}
