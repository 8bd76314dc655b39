//! A catalog message inside prose: quoted in a ticket sentence (`calls die with "Backend
//! signature calculation failed" (500) since ...`), or written out in a longer text
//! ("customer pasted only this from their console: The IP address is not authorized to
//! access the API."). Texts are compared word by word, case-folded, punctuation ignored.
//!
//! Quoted strings and verbatim runs of a message's words are looked for in the first
//! [`SEARCHED_BYTES`] of the text; windows of words close to a message (a typo, a word
//! changed), in the sentences of its first [`WINDOWED_BYTES`]. What a hit is worth is
//! decided by the caller ([`super::matching`]): a window, or a short message that ordinary
//! sentences also say ("backend timeout"), is only ever a guess on its own.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::index::Messages;
use crate::catalog::{Catalog, fold};

/// Of a long text, the beginning searched for messages: a 100 KB paste costs what a
/// 32 KB one does.
pub(crate) const SEARCHED_BYTES: usize = 32 * 1024;
/// Of that, the beginning whose sentences are compared window by window (edit distance,
/// the costly part) with the messages that share enough words with it.
pub(crate) const WINDOWED_BYTES: usize = 2 * 1024;
/// At most this many windows are compared per text, whatever the catalog's size.
const MAX_WINDOWS: usize = 1_500;
/// At most this many rows are looked for in one text (those of the first catalogs
/// first): a text of the catalog's own words may share two meaningful words with nearly
/// every row of a 100,000-row catalog. The caller says so when rows were left out.
pub(crate) const MAX_ROWS: usize = 5_000;
/// A window at least this similar to a message is worth a guess.
const WINDOW_SIMILARITY: f32 = 0.75;
/// A message written out unquoted is the gateway's text, not ordinary words, when it has
/// this many meaningful words: "Backend signature calculation failed" (4) is; "Backend
/// timeout" or "The certificate has expired" (2) is what people write anyway.
pub(crate) const SPECIFIC_WORDS: usize = 4;
/// A message this many words long is the gateway's text when written out word for word,
/// however many of them are stopwords: no sentence says "The API does not exist or has
/// not been published in the environment" unless it repeats the gateway.
pub(crate) const LONG_RUN_WORDS: usize = 8;
/// With one meaningful word fewer ("Access token is expired"), only when it stands as a
/// clause of its own, as a pasted message does ("the console says: Access token is
/// expired."), not inside a sentence ("our access token is expired since Monday").
pub(crate) const STANDALONE_WORDS: usize = 3;

/// How the text holds a message.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Kind {
    /// A quoted string that is the message (`whole`), or starts with it and goes on
    /// after a separator with a detail ("...: ip 10.0.0.1").
    Quoted { whole: bool },
    /// The message's words in order, unquoted; `specific` when they are enough
    /// ([`SPECIFIC_WORDS`]) to be the gateway's text rather than ordinary words.
    Verbatim { specific: bool },
    /// Words of a sentence close to the message but not the same (0 to 1).
    Window { similarity: f32, specific: bool },
}

impl Kind {
    /// A find that is only ever a guess on its own: a window, or a message of ordinary
    /// words written out.
    pub(crate) fn is_guess(self) -> bool {
        matches!(
            self,
            Kind::Verbatim { specific: false } | Kind::Window { .. }
        )
    }
}

/// A catalog row whose message the text holds.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Hit {
    pub row: usize,
    pub(crate) kind: Kind,
    /// The words of the text that matched, as written.
    pub(crate) written: String,
    /// A status written right beside them: `"..." (500)`, `HTTP 500: ...`.
    pub(crate) status: Option<u16>,
}

#[derive(Deserialize)]
struct Vocabulary {
    stopwords: Vec<String>,
}

/// Words that say little about which error it is: the support vocabulary's stopwords
/// (one list for search and analysis; `cargo test` checks the file).
pub(crate) static STOPWORDS: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    toml::from_str::<Vocabulary>(include_str!("../../data/vocabulary.toml"))
        .map(|v| v.stopwords.iter().map(|w| fold(w)).collect())
        .unwrap_or_default()
});

/// Quoted strings of one line: straight, curly, guillemets, backticks, the corner
/// brackets of Chinese and Japanese (`「…」`, `『…』`); a single quote only where a word
/// does not go on through it ("don't" is no quote).
static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#""([^"\n]{2,300})"|“([^”\n]{2,300})”|„([^“”\n]{2,300})[“”]|«([^»\n]{2,300})»|`([^`\n]{2,300})`|(?:^|[\s(\[:,=])'([^'\n]{2,300})'(?:[\s)\].,;:!?]|$)|‘([^’\n]{2,300})’|「([^」\n]{2,300})」|『([^』\n]{2,300})』"#,
    )
    .expect("fixed pattern")
});
/// The marks a [`QUOTED`] string begins with.
const QUOTE_MARKS: [char; 9] = ['"', '“', '„', '«', '`', '\'', '‘', '「', '『'];
/// A status right after the message: `" (500)`, `, HTTP 500`, `with status 500`.
static STATUS_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)^["'”’»`]?\s*(?:[,:;\-–—]\s*)?(?:(?:with|an?|http|status|code|error)\s*[:=]?\s*)*[(\[]?\s*([45]\d\d)\b"#)
        .expect("fixed pattern")
});
/// A status right before it: `HTTP 500: "...`, `(500) ...`, `504 - ...`.
static STATUS_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\b([45]\d\d)\s*[)\]]?\s*(?:[,:;\-–—]\s*)?["'“‘«`(\[]?\s*$"#)
        .expect("fixed pattern")
});
/// How far beside a message a status is looked for, in chars.
const BESIDE_CHARS: usize = 40;

/// A word of the text, folded, with where it is.
struct Token {
    word: String,
    /// Byte range in the text.
    start: usize,
    end: usize,
    /// Sentences are numbered; a window never spans two.
    sentence: usize,
    /// The quoted string it lies in (index into the text's quotes).
    quote: Option<usize>,
}

/// Of a message with `meaningful` distinct meaningful words, how many of them a text
/// must have for [`find`] to find it: all, word for word, or for a near find (a window)
/// [`window_needs`]. The index keeps it per row, so that a text is compared only with
/// the rows it shares that many words with (with 100,000 rows, two shared words took in
/// thousands of rows a log line cannot hold).
pub(crate) fn words_needed(meaningful: usize) -> usize {
    if meaningful < 2 {
        meaningful
    } else {
        window_needs(meaningful)
    }
}

/// A window is compared only with messages of two meaningful words or more, and only
/// when the text has half of them (two at least).
fn window_needs(meaningful: usize) -> usize {
    meaningful.div_ceil(2).max(2)
}

/// A catalog message as words (a template's fixed beginning only).
struct Pattern {
    words: Vec<String>,
    /// Its distinct words that are not stopwords.
    meaningful: Vec<String>,
}

impl Pattern {
    fn new(message: &str) -> Option<Self> {
        let fixed = message.split('{').next().unwrap_or_default();
        let words: Vec<String> = tokens(fixed).into_iter().map(|t| t.word).collect();
        let mut meaningful: Vec<String> = words
            .iter()
            .filter(|w| !STOPWORDS.contains(w.as_str()))
            .cloned()
            .collect();
        meaningful.sort();
        meaningful.dedup();
        (!words.is_empty()).then_some(Pattern { words, meaningful })
    }

    fn specific(&self) -> bool {
        self.meaningful.len() >= SPECIFIC_WORDS || self.words.len() >= LONG_RUN_WORDS
    }
}

/// The catalog rows whose message (or an alias) `text` holds, at most one hit a row;
/// a message lying inside a longer one that was found is not a hit of its own. With
/// them, when more than [`MAX_ROWS`] rows might have been held, how many those were
/// (only the first [`MAX_ROWS`] were looked for).
pub(crate) fn find(text: &str, catalog: &Catalog, index: &Messages) -> (Vec<Hit>, Option<usize>) {
    let text = head(text, SEARCHED_BYTES);
    let quotes = quotes(text);
    let mut words = tokens(text);
    if words.is_empty() {
        return (Vec::new(), None);
    }
    mark_quotes(&mut words, &quotes);
    let prose = Prose::new(text, &words, &quotes);
    let mut word = String::new();
    let mut rows = index.in_text(prose.at.keys().copied());
    let possible = rows.len();
    rows.truncate(MAX_ROWS);
    let patterns: Vec<(usize, Vec<Pattern>)> = rows
        .into_iter()
        .filter_map(|row| Some((row, catalog.entries.get(row)?)))
        .map(|(row, e)| {
            let patterns = std::iter::once(e.message())
                .chain(e.aliases().iter().map(String::as_str))
                .filter(|m| prose.may_hold(m, &mut word))
                .filter_map(Pattern::new)
                .collect();
            (row, patterns)
        })
        .collect();
    let strongest = |spans: Vec<Span>| {
        spans
            .into_iter()
            .max_by(|a, b| a.strength().total_cmp(&b.strength()))
    };
    let mut spans: Vec<(usize, Span)> = patterns
        .iter()
        .filter_map(|(row, ps)| {
            strongest(ps.iter().filter_map(|p| prose.verbatim(p)).collect()).map(|s| (*row, s))
        })
        .collect();
    // A near find (a window) is only ever a guess, and the caller keeps no guess beside
    // a sure find: once the text holds a message for sure, the windows (the costly part,
    // up to [`MAX_WINDOWS`] edit distances a text) are not compared.
    if !uncovered(&spans).iter().any(|(_, s)| !s.kind.is_guess()) {
        let mut budget = MAX_WINDOWS;
        let windows: Vec<(usize, Span)> = patterns
            .iter()
            .filter(|(row, _)| !spans.iter().any(|(r, _)| r == row))
            .filter_map(|(row, ps)| {
                let found = ps
                    .iter()
                    .filter_map(|p| prose.window(p, &mut budget))
                    .collect();
                strongest(found).map(|s| (*row, s))
            })
            .collect();
        spans.extend(windows);
        spans.sort_by_key(|(row, _)| *row);
    }
    let hits = uncovered(&spans)
        .into_iter()
        .map(|(row, span)| prose.hit(row, span))
        .collect();
    (hits, (possible > MAX_ROWS).then_some(possible))
}

/// The spans no other span covers ([`Span::covers`]).
fn uncovered(spans: &[(usize, Span)]) -> Vec<(usize, Span)> {
    spans
        .iter()
        .filter(|(_, s)| !spans.iter().any(|(_, other)| other.covers(s)))
        .cloned()
        .collect()
}

/// Where a message was found: tokens `first..=last`, and how.
#[derive(Clone, Debug)]
struct Span {
    first: usize,
    last: usize,
    kind: Kind,
}

impl Span {
    /// Orders a row's spans: quoted before verbatim before windows, the more specific
    /// and the closer first.
    fn strength(&self) -> f32 {
        match self.kind {
            Kind::Quoted { whole: true } => 5.0,
            Kind::Quoted { whole: false } => 4.0,
            Kind::Verbatim { specific: true } => 3.0,
            Kind::Verbatim { specific: false } => 2.0,
            Kind::Window { similarity, .. } => similarity,
        }
    }

    /// A verbatim or quoted find that strictly contains `other` ("The API does not exist."
    /// inside "The API does not exist or has not been published in the environment.").
    fn covers(&self, other: &Span) -> bool {
        !matches!(self.kind, Kind::Window { .. })
            && self.first <= other.first
            && other.last <= self.last
            && self.last - self.first > other.last - other.first
    }
}

/// The text with its words indexed, so that a message is looked up by its rarest word
/// rather than compared at every position.
struct Prose<'t> {
    text: &'t str,
    words: &'t [Token],
    quotes: &'t [(usize, usize)],
    at: FxHashMap<&'t str, Vec<usize>>,
    /// Words of the windowed beginning.
    windowed: usize,
}

impl<'t> Prose<'t> {
    fn new(text: &'t str, words: &'t [Token], quotes: &'t [(usize, usize)]) -> Self {
        let mut at: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (i, t) in words.iter().enumerate() {
            at.entry(t.word.as_str()).or_default().push(i);
        }
        Prose {
            text,
            words,
            quotes,
            at,
            windowed: words.iter().take_while(|t| t.end <= WINDOWED_BYTES).count(),
        }
    }

    /// Whether the text has every word of `message`, or two of its meaningful ones: the
    /// least a verbatim or a near find needs. Checked without building the message's
    /// words, so that the rows a text cannot hold (nearly all) cost a few lookups each.
    fn may_hold(&self, message: &str, word: &mut String) -> bool {
        let fixed = message.split('{').next().unwrap_or_default();
        let (mut all, mut meaningful) = (true, 0);
        for w in fixed
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
        {
            word.clear();
            word.extend(w.chars().map(|c| c.to_lowercase().next().unwrap_or(c)));
            if !self.at.contains_key(word.as_str()) {
                all = false;
            } else if !STOPWORDS.contains(word.as_str()) {
                meaningful += 1;
            }
        }
        all || meaningful >= 2
    }

    /// The strongest place where the pattern's words stand in order.
    fn verbatim(&self, p: &Pattern) -> Option<Span> {
        let n = p.words.len();
        let mut rarest: Option<(usize, &Vec<usize>)> = None;
        for (j, w) in p.words.iter().enumerate() {
            let positions = self.at.get(w.as_str())?;
            if rarest.is_none_or(|(_, r)| positions.len() < r.len()) {
                rarest = Some((j, positions));
            }
        }
        let (j, positions) = rarest?;
        positions
            .iter()
            .filter_map(|&at| at.checked_sub(j))
            .filter(|&first| {
                self.words
                    .get(first..first + n)
                    .is_some_and(|run| run.iter().zip(&p.words).all(|(t, w)| t.word == *w))
            })
            .map(|first| self.classify(first, first + n - 1, p))
            .max_by(|a, b| a.strength().total_cmp(&b.strength()))
    }

    fn classify(&self, first: usize, last: usize, p: &Pattern) -> Span {
        let quote = self.words[first].quote;
        let quoted = quote.is_some()
            && self.words[last].quote == quote
            && (first == 0 || self.words[first - 1].quote != quote);
        let ends_quote = self.words.get(last + 1).is_none_or(|t| t.quote != quote);
        let kind = match quote {
            Some(_) if quoted && ends_quote => Kind::Quoted { whole: true },
            Some(_) if quoted && self.detail_follows(last) => Kind::Quoted { whole: false },
            _ => Kind::Verbatim {
                specific: p.specific()
                    || (p.meaningful.len() >= STANDALONE_WORDS && self.stands_alone(first, last)),
            },
        };
        Span { first, last, kind }
    }

    /// Words `first..=last` form a clause of their own: punctuation, a line break or the
    /// text's edge on both sides.
    fn stands_alone(&self, first: usize, last: usize) -> bool {
        let before = self.text.get(..self.words[first].start).unwrap_or_default();
        let after = self.text.get(self.words[last].end..).unwrap_or_default();
        let opens = before
            .trim_end_matches([' ', '\t'])
            .chars()
            .next_back()
            .is_none_or(|c| ":\n>-–—([|\"'“‘«`".contains(c));
        let closes = after
            .trim_start_matches([' ', '\t'])
            .chars()
            .next()
            .is_none_or(|c| ".!?\n\r([,;:\"'”’»`".contains(c));
        opens && closes
    }

    /// The quoted message goes on as the gateway writes a detail: "...: decrypt token fail".
    fn detail_follows(&self, last: usize) -> bool {
        let after = self.text.get(self.words[last].end..).unwrap_or_default();
        after.starts_with([':', ',', ';', '.']) || after.starts_with(" -")
    }

    /// The sentence words most like the pattern, when they are alike enough: windows of
    /// about its length that start at one of its words and share at least half of its
    /// meaningful words.
    fn window(&self, p: &Pattern, budget: &mut usize) -> Option<Span> {
        let need = window_needs(p.meaningful.len());
        let present = p
            .meaningful
            .iter()
            .filter(|w| self.at.contains_key(w.as_str()))
            .count();
        if p.meaningful.len() < 2 || present < need {
            return None;
        }
        let target = p.words.join(" ");
        let n = p.words.len();
        let is_word = |t: &Token| p.words.contains(&t.word);
        let mut best: Option<Span> = None;
        for first in 0..self.windowed {
            if !is_word(&self.words[first]) {
                continue;
            }
            for len in n.saturating_sub(1).max(1)..=n + 1 {
                let Some(run) = self.words.get(first..first + len) else {
                    break;
                };
                let last = first + len - 1;
                if last >= self.windowed || run[len - 1].sentence != run[0].sentence {
                    break;
                }
                let shared = p
                    .meaningful
                    .iter()
                    .filter(|w| run.iter().any(|t| t.word == **w))
                    .count();
                if shared < need {
                    continue;
                }
                if *budget == 0 {
                    return best;
                }
                *budget -= 1;
                let joined: Vec<&str> = run.iter().map(|t| t.word.as_str()).collect();
                let similarity = strsim::normalized_levenshtein(&joined.join(" "), &target) as f32;
                let better = best.as_ref().is_none_or(|b| similarity > b.strength());
                if (WINDOW_SIMILARITY..1.0).contains(&similarity) && better {
                    best = Some(Span {
                        first,
                        last,
                        kind: Kind::Window {
                            similarity,
                            specific: p.specific(),
                        },
                    });
                }
            }
        }
        best
    }

    fn hit(&self, row: usize, span: Span) -> Hit {
        let (mut start, mut end) = (self.words[span.first].start, self.words[span.last].end);
        if let (Kind::Quoted { .. }, Some(q)) = (span.kind, self.words[span.first].quote)
            && let Some(&(from, to)) = self.quotes.get(q)
        {
            // The status of a quoted message stands beside the quote.
            (start, end) = (from, to);
        }
        let mut written_end = self.words[span.last].end;
        match span.kind {
            Kind::Verbatim { .. } => written_end = with_detail(self.text, written_end),
            // A quoted message with the gateway's detail after it: the detail is the
            // rest of the quote, which ends at its closing mark.
            Kind::Quoted { whole: false } => written_end = end.max(written_end),
            _ => {}
        }
        Hit {
            row,
            kind: span.kind,
            written: self
                .text
                .get(self.words[span.first].start..written_end)
                .unwrap_or_default()
                .to_string(),
            status: status_beside(self.text, start, end),
        }
    }
}

/// Where a message written out that ends at `end` of `text` ends with the detail the
/// gateway writes after it (`Incorrect IAM authentication information: AK/SK signature
/// expired`): a colon, then the rest of the line up to a quote or a sentence's end.
fn with_detail(text: &str, end: usize) -> usize {
    let rest = text.get(end..).unwrap_or_default();
    let Some(after) = rest.strip_prefix([':', '：']) else {
        return end;
    };
    // A closing quote or bracket ends it, and so does the full-width punctuation of a
    // Chinese or Japanese sentence (`…verify signature fail」，請求ID：…`).
    let line = after
        .split([
            '\n', '"', '\'', '”', '’', '»', '」', '』', '，', '。', '；', '、',
        ])
        .next()
        .unwrap_or_default();
    let line = line.split(". ").next().unwrap_or(line).trim_end();
    if line.trim().is_empty() {
        return end;
    }
    end + (rest.len() - after.len()) + line.len()
}

/// A status written right before or after `start..end` of `text`.
fn status_beside(text: &str, start: usize, end: usize) -> Option<u16> {
    let after: String = text
        .get(end..)
        .unwrap_or_default()
        .chars()
        .take(BESIDE_CHARS)
        .collect();
    let before: Vec<char> = text
        .get(..start)
        .unwrap_or_default()
        .chars()
        .rev()
        .take(BESIDE_CHARS)
        .collect();
    let before: String = before.into_iter().rev().collect();
    STATUS_AFTER
        .captures(&after)
        .or_else(|| STATUS_BEFORE.captures(&before))
        .and_then(|c| c[1].parse().ok())
}

/// The words of `text`, folded (as [`fold`] does, a char at a time), numbered by sentence.
fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut sentence = 0;
    let mut current: Option<(usize, String)> = None;
    for (at, c) in text.char_indices() {
        if c.is_alphanumeric() || c == '_' {
            let lower = c.to_lowercase().next().unwrap_or(c);
            match &mut current {
                Some((_, word)) => word.push(lower),
                None => current = Some((at, lower.to_string())),
            }
            continue;
        }
        if let Some((start, word)) = current.take() {
            out.push(token(word, start, at, sentence));
        }
        if matches!(c, '.' | '!' | '?' | ';' | ':' | '\n') {
            sentence += 1;
        }
    }
    if let Some((start, word)) = current {
        out.push(token(word, start, text.len(), sentence));
    }
    out
}

fn token(word: String, start: usize, end: usize, sentence: usize) -> Token {
    Token {
        word,
        start,
        end,
        sentence,
        quote: None,
    }
}

/// The byte ranges of the quoted strings' contents, in order.
fn quotes(text: &str) -> Vec<(usize, usize)> {
    // Most log lines have no quote mark at all: the pattern (with its groups, on the
    // regex crate's slower engine) is run only on text that has one.
    if !text.contains(QUOTE_MARKS) {
        return Vec::new();
    }
    QUOTED
        .captures_iter(text)
        .filter_map(|c| c.iter().skip(1).flatten().next())
        .map(|m| (m.start(), m.end()))
        .collect()
}

fn mark_quotes(words: &mut [Token], quotes: &[(usize, usize)]) {
    for t in words.iter_mut() {
        t.quote = quotes
            .iter()
            .position(|&(from, to)| from <= t.start && t.end <= to);
    }
}

/// The first `bytes` of `text`, cut at a char boundary.
pub(crate) fn head(text: &str, bytes: usize) -> &str {
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find_in(text: &str, catalog: &Catalog) -> Vec<Hit> {
        find(text, catalog, &Messages::of(catalog)).0
    }

    fn row_of(catalog: &Catalog, message: &str) -> usize {
        catalog
            .entries
            .iter()
            .position(|e| e.message() == message)
            .unwrap()
    }

    #[test]
    fn the_stopwords_are_read_from_the_vocabulary() {
        assert!(STOPWORDS.contains("the") && STOPWORDS.contains("error"));
        assert!(!STOPWORDS.contains("signature"));
    }

    #[test]
    fn a_quoted_message_with_its_status_is_found_whole() {
        let catalog = Catalog::embedded();
        let hits = find_in(
            "calls die with \"Backend signature calculation failed\" (500) since we enabled the backend signature key",
            &catalog,
        );
        let row = row_of(&catalog, "Backend signature calculation failed.");
        let hit = hits.iter().find(|h| h.row == row).unwrap();
        assert_eq!(hit.kind, Kind::Quoted { whole: true });
        assert_eq!(hit.status, Some(500));
        assert_eq!(hit.written, "Backend signature calculation failed");
    }

    #[test]
    fn a_message_inside_a_longer_one_is_not_found_on_its_own() {
        let catalog = Catalog::embedded();
        let hits = find_in(
            "they wrote: The API does not exist or has not been published in the environment. We did publish it.",
            &catalog,
        );
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(
            catalog.entries[hits[0].row].message(),
            "The API does not exist or has not been published in the environment."
        );
    }

    #[test]
    fn statuses_beside_a_message_are_read_and_others_are_not() {
        let text = "x HTTP 504: Backend timeout y";
        let start = text.find("Backend").unwrap();
        assert_eq!(status_beside(text, start, start + 15), Some(504));
        let text = "we had 504 users and then Backend timeout again in 2026";
        let start = text.find("Backend").unwrap();
        assert_eq!(status_beside(text, start, start + 15), None);
    }

    #[test]
    fn every_kind_of_quote_is_read() {
        // The quick check for a quote mark lets each of the pattern's quotes through.
        for (open, close) in [
            ('"', '"'),
            ('“', '”'),
            ('„', '“'),
            ('«', '»'),
            ('`', '`'),
            ('\'', '\''),
            ('‘', '’'),
            ('「', '」'),
            ('『', '』'),
        ] {
            let text = format!("the console says {open}Backend timeout{close} again");
            assert_eq!(quotes(&text).len(), 1, "{text}");
        }
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let q = quotes("it doesn't work, the customer's app says 'App not exist' today");
        assert_eq!(q.len(), 1, "{q:?}");
    }
}
