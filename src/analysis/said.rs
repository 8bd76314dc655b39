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

use super::index::{Messages, Text, words};
use super::prose::{LONG_RUN_WORDS, STANDALONE_WORDS, STOPWORDS};
use crate::catalog::{Catalog, fold};

/// The messages a log line may hold whole.
pub(crate) struct Said {
    finder: Option<Finder>,
    /// The shorter messages, found only between quotes.
    quoted: Option<Finder>,
}

/// Quote marks a line may put around a message.
const QUOTES: &[char] = &['"', '\'', '“', '”', '‘', '’', '「', '」', '`'];

impl Said {
    /// Made from the catalog's messages as the index folded them (`messages`): the
    /// automaton's messages are prefixes of those texts, not copies of their own.
    pub(crate) fn of(catalog: &Catalog, messages: &Messages) -> Self {
        let (mut patterns, mut short) = (Vec::new(), Vec::new());
        for (i, (fixed, specific, meaningful)) in Self::messages(catalog).enumerate() {
            // The fixed part is a prefix of the message as the index folded it (the
            // same text, folded a char at a time, cut before its `{`).
            let Some(at) = messages
                .text(i)
                .filter(|t| t.folded.starts_with(fixed.as_str()))
                .and_then(|_| {
                    Some(Pattern(
                        u32::try_from(i).ok()?,
                        u32::try_from(fixed.len()).ok()?,
                    ))
                })
            else {
                continue;
            };
            if specific {
                patterns.push(at);
            } else if meaningful >= 2 {
                short.push(at);
            }
        }
        let texts = messages.texts();
        Said {
            finder: finder(texts, patterns),
            quoted: finder(texts, short),
        }
    }

    /// Each catalog message's and alias's fixed part (folded), whether it is specific
    /// enough to be found anywhere on a line, and its count of meaningful words; one
    /// for each text the index folded, in its order.
    fn messages(catalog: &Catalog) -> impl Iterator<Item = (String, bool, usize)> + '_ {
        catalog
            .entries
            .iter()
            .flat_map(|e| {
                std::iter::once(e.message()).chain(e.aliases().iter().map(String::as_str))
            })
            .map(|message| {
                let fixed = message.split('{').next().unwrap_or_default();
                let fixed = fixed.trim().trim_end_matches('.').trim_end();
                let all: Vec<String> = words(fixed).collect();
                let mut meaningful: Vec<&String> = all
                    .iter()
                    .filter(|w| !STOPWORDS.contains(w.as_str()))
                    .collect();
                meaningful.sort();
                meaningful.dedup();
                let specific = meaningful.len() >= STANDALONE_WORDS || all.len() >= LONG_RUN_WORDS;
                (fold(fixed), specific, meaningful.len())
            })
    }

    /// Whether `line` holds a catalog message word for word (ASCII case aside), or a
    /// shorter one between quotes.
    pub(crate) fn in_line(&self, messages: &Messages, line: &str) -> bool {
        let texts = messages.texts();
        self.finder
            .as_ref()
            .is_some_and(|f| f.found(texts, line).next().is_some())
            || line.contains(QUOTES)
                && self.quoted.as_ref().is_some_and(|f| {
                    f.found(texts, line)
                        .any(|(start, end)| between_quotes(line, start, end))
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

/// Of a message, the bytes (at most) the automaton holds: few enough that the automaton
/// stays small (1.6 MB over 100,000 messages; 12 bytes took 6.7 MB), the messages that
/// share them told apart by the whole comparison.
const PREFIX: usize = 8;

/// A message of the finder: the first bytes (its fixed part) of the index's text of
/// that number.
#[derive(Clone, Copy)]
struct Pattern(u32, u32);

impl Pattern {
    fn of(self, texts: &[Text]) -> &str {
        let text = texts.get(self.0 as usize).map(|t| &*t.folded);
        text.and_then(|t| t.get(..self.1 as usize))
            .unwrap_or_default()
    }
}

/// Messages (folded) found on a line with ASCII case aside: an automaton over each
/// message's first [`PREFIX`] bytes finds where one may begin, and the whole message is
/// compared there. An automaton over the whole messages of a 100,000-row catalog took 7 s
/// and 380 MiB to build (a trie node for every byte of 4 MB of messages), after every load.
struct Finder {
    prefixes: AhoCorasick,
    /// Every message, sorted: those that share a prefix are neighbours. Places in the
    /// index's texts, not copies (6 MB with 100,000 rows).
    whole: Vec<Pattern>,
    /// By the automaton's pattern id, the first message with that prefix; one more entry
    /// than patterns.
    first: Vec<u32>,
}

impl Finder {
    /// Each place `line` holds one of the messages: its byte range.
    fn found<'a>(
        &'a self,
        texts: &'a [Text],
        line: &'a str,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        let bytes = line.as_bytes();
        self.prefixes
            .find_overlapping_iter(line)
            .flat_map(move |m| {
                let id = m.pattern().as_usize();
                let from = self.first.get(id).copied().unwrap_or_default() as usize;
                let to = self.first.get(id + 1).copied().unwrap_or_default() as usize;
                self.whole
                    .get(from..to)
                    .unwrap_or_default()
                    .iter()
                    .map(move |p| {
                        let whole = p.of(texts);
                        (m.start(), m.start() + whole.len(), whole)
                    })
            })
            .filter(move |(start, end, whole)| {
                bytes
                    .get(*start..*end)
                    .is_some_and(|b| b.eq_ignore_ascii_case(whole.as_bytes()))
            })
            .map(|(start, end, _)| (start, end))
    }
}

/// One finder over the messages `patterns` of `texts` (each once), None when there are
/// none.
fn finder(texts: &[Text], mut patterns: Vec<Pattern>) -> Option<Finder> {
    patterns.sort_by(|a, b| a.of(texts).cmp(b.of(texts)));
    patterns.dedup_by(|a, b| a.of(texts) == b.of(texts));
    let mut prefixes: Vec<&str> = Vec::new();
    let mut first = Vec::new();
    // Sorted, so the messages that share a prefix are neighbours (a prefix written twice
    // is two patterns, each with its own messages: still every message found).
    for (i, pattern) in patterns.iter().enumerate() {
        let pattern = pattern.of(texts);
        let mut cut = PREFIX.min(pattern.len());
        while !pattern.is_char_boundary(cut) {
            cut -= 1;
        }
        let prefix = pattern.get(..cut).unwrap_or_default();
        if prefixes.last() != Some(&prefix) {
            prefixes.push(prefix);
            first.push(u32::try_from(i).ok()?);
        }
    }
    first.push(u32::try_from(patterns.len()).ok()?);
    let prefixes = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(&prefixes)
        .ok()
        .filter(|_| !prefixes.is_empty())?;
    Some(Finder {
        prefixes,
        whole: patterns,
        first,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_specific_message_is_found_on_a_line_and_ordinary_words_are_not() {
        let catalog = Catalog::embedded();
        let messages = Messages::of(&catalog);
        let said = Said::of(&catalog, &messages);
        assert!(said.in_line(&messages, "2026-03-01T09:01:00Z ERROR HTTP 429: The throttling threshold has been reached: policy user"
        ));
        assert!(said.in_line(
            &messages,
            "09:01:00 WARN the THROTTLING threshold has been reached."
        ));
        assert!(!said.in_line(
            &messages,
            "2026-03-01T09:01:00Z ERROR Backend timeout after 30 s"
        ));
        assert!(!said.in_line(&messages, "2026-03-01T09:01:00Z INFO GET /v1/orders 200"));
    }

    /// Messages are told apart by their whole text, past the automaton's prefix: two that
    /// begin alike, one cut inside a char at the prefix's length.
    #[test]
    fn messages_that_begin_alike_are_found_by_their_whole_text() {
        let messages = [
            "The request body is too large",
            "The request body is malformed",
            "ab请求过于频繁",
        ];
        let texts: Vec<Text> = messages.iter().map(|m| Text::of(m)).collect();
        let patterns = (0..texts.len())
            .map(|i| Pattern(i as u32, texts[i].folded.len() as u32))
            .collect();
        let f = finder(&texts, patterns).expect("a finder");
        let at = |line: &str| -> Vec<String> {
            f.found(&texts, line)
                .filter_map(|(start, end)| line.get(start..end).map(str::to_string))
                .collect()
        };
        assert_eq!(
            at("ERROR the REQUEST body is malformed, see docs"),
            ["the REQUEST body is malformed"]
        );
        assert!(at("ERROR The request body is").is_empty());
        assert!(at("ERROR The request body is fine").is_empty());
        assert_eq!(at("x ab请求过于频繁 y"), ["ab请求过于频繁"]);
        assert!(at("x ab请求过于 y").is_empty());
    }

    /// Every message's fixed part is found in the index's folded text of it (none is left
    /// out of the finder): a message left out would never be found on a log line.
    #[test]
    fn every_catalog_message_is_a_place_in_the_index_texts() {
        let catalog = Catalog::embedded();
        let messages = Messages::of(&catalog);
        let fixed: Vec<(String, bool, usize)> = Said::messages(&catalog).collect();
        assert_eq!(fixed.len(), messages.texts().len());
        for (i, (fixed, _, _)) in fixed.iter().enumerate() {
            let text = messages.text(i).map(|t| &*t.folded).unwrap_or_default();
            assert!(text.starts_with(fixed.as_str()), "{fixed:?} in {text:?}");
        }
    }

    #[test]
    fn a_short_message_counts_only_between_quotes() {
        let catalog = Catalog::embedded();
        let messages = Messages::of(&catalog);
        let said = Said::of(&catalog, &messages);
        for line in [
            "2026-12-07T10:00:00Z ERROR orders-client: \"The app has been frozen.\"",
            "2026-12-07T10:00:00Z ERROR call failed: 'The app has been frozen'",
            "2026-12-07T10:00:00Z ERROR 调用失败：“The app has been frozen.”",
        ] {
            assert!(said.in_line(&messages, line), "{line}");
        }
        for line in [
            "2026-12-07T10:00:00Z ERROR orders-client: The app has been frozen.",
            "2026-12-07T10:00:00Z ERROR \"the app has been frozen since monday\"",
        ] {
            assert!(!said.in_line(&messages, line), "{line}");
        }
    }
}
