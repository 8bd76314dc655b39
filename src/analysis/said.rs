//! Catalog messages written out whole on a log line that names no code
//! (`2026-03-01T09:01:00Z ERROR HTTP 429: The throttling threshold has been reached`).
//! Such a line is an error of its own, as the same message in a JSON body is: the
//! splitting of a log asks each timed line without a code whether it holds one.
//!
//! One automaton over the catalog's messages (their fixed part, before a `{`), made once
//! per catalog, reads each line once: no line is compared with the rows one by one.
//! Only messages that prose would take as the gateway's text when written out are in it
//! (three meaningful words or more, or a long message): "Backend timeout" on a log line
//! is what anyone writes. A shorter message of two meaningful words or more counts when
//! the line quotes it whole (`ERROR call failed: "The app has been frozen."`): quoted,
//! it is the gateway's text, not the writer's. Matching then decides what the line is.

use aho_corasick::{AhoCorasick, MatchKind};

use super::index::words;
use super::prose::{LONG_RUN_WORDS, STANDALONE_WORDS, STOPWORDS};
use crate::catalog::{Catalog, fold};

/// The messages a log line may hold whole.
pub(crate) struct Said {
    finder: Option<AhoCorasick>,
    /// The shorter messages, found only between quotes.
    quoted: Option<AhoCorasick>,
}

/// Quote marks a line may put around a message.
const QUOTES: &[char] = &['"', '\'', '“', '”', '‘', '’', '「', '」', '`'];

impl Said {
    pub(crate) fn of(catalog: &Catalog) -> Self {
        let (mut patterns, mut short) = (Vec::new(), Vec::new());
        for (fixed, specific, meaningful) in Self::messages(catalog) {
            if specific {
                patterns.push(fixed);
            } else if meaningful >= 2 {
                short.push(fixed);
            }
        }
        Said {
            finder: finder(patterns),
            quoted: finder(short),
        }
    }

    /// Each catalog message's and alias's fixed part (folded), whether it is specific
    /// enough to be found anywhere on a line, and its count of meaningful words.
    fn messages(catalog: &Catalog) -> impl Iterator<Item = (String, bool, usize)> + '_ {
        catalog
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
                let specific = meaningful.len() >= STANDALONE_WORDS || all.len() >= LONG_RUN_WORDS;
                Some((fold(fixed), specific, meaningful.len()))
            })
    }

    /// Whether `line` holds a catalog message word for word (ASCII case aside), or a
    /// shorter one between quotes.
    pub(crate) fn in_line(&self, line: &str) -> bool {
        self.finder.as_ref().is_some_and(|f| f.is_match(line))
            || line.contains(QUOTES)
                && self.quoted.as_ref().is_some_and(|f| {
                    f.find_overlapping_iter(line)
                        .any(|m| between_quotes(line, m.start(), m.end()))
                })
    }
}

/// Whether `line`'s bytes `start..end` stand between quote marks (a full stop may
/// end the message inside them).
fn between_quotes(line: &str, start: usize, end: usize) -> bool {
    let before = line.get(..start).and_then(|b| b.chars().next_back());
    let after = line.get(end..).unwrap_or_default();
    let after = after.strip_prefix('.').unwrap_or(after).chars().next();
    before.is_some_and(|c| QUOTES.contains(&c)) && after.is_some_and(|c| QUOTES.contains(&c))
}

/// One automaton over `patterns` (each once), None when there are none.
fn finder(mut patterns: Vec<String>) -> Option<AhoCorasick> {
    patterns.sort();
    patterns.dedup();
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(&patterns)
        .ok()
        .filter(|_| !patterns.is_empty())
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

    #[test]
    fn a_short_message_counts_only_between_quotes() {
        let said = Said::of(&Catalog::embedded());
        for line in [
            "2026-12-07T10:00:00Z ERROR orders-client: \"The app has been frozen.\"",
            "2026-12-07T10:00:00Z ERROR call failed: 'The app has been frozen'",
            "2026-12-07T10:00:00Z ERROR 调用失败：“The app has been frozen.”",
        ] {
            assert!(said.in_line(line), "{line}");
        }
        for line in [
            "2026-12-07T10:00:00Z ERROR orders-client: The app has been frozen.",
            "2026-12-07T10:00:00Z ERROR \"the app has been frozen since monday\"",
        ] {
            assert!(!said.in_line(line), "{line}");
        }
    }
}
