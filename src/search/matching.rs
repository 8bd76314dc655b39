//! How one query term matches one catalog word, in order of strength: the word itself,
//! another form of it ("uploads", "upload"), a word the vocabulary says it means, a word
//! it begins, or a typo of it. The index and the "why" of a single row both ask here, so
//! what is ranked and what is explained cannot disagree.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::query::Term;
use super::words::protocol_version;

/// How a term matched a word, weakest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Fuzzy,
    Prefix,
    Synonym,
    Stem,
    Exact,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct WordMatch {
    pub(crate) kind: Kind,
    /// Up to 100.
    pub(crate) quality: i64,
}

/// `term` against the catalog word `word`; typos count only where `typos` (message and
/// keywords: a typo's subsequence would be found in almost any paragraph).
pub(crate) fn word_match(
    matcher: &SkimMatcherV2,
    term: &Term,
    word: &str,
    typos: bool,
) -> Option<WordMatch> {
    let text = term.text.as_str();
    let found = |kind, quality| Some(WordMatch { kind, quality });
    if word == text {
        return found(Kind::Exact, 100);
    }
    if !term.meaningful {
        // "for" must not find "forbidden", nor "the" "then".
        return None;
    }
    if stem(word).is_some_and(|s| Some(s) == stem(text)) || same_protocol(word, text) {
        return found(Kind::Stem, 92);
    }
    if term.means.iter().any(|m| m == word) {
        return found(Kind::Synonym, 80);
    }
    if text.chars().count() >= 3 && word.starts_with(text) {
        return found(Kind::Prefix, 70);
    }
    if typos {
        return typo(matcher, text, word).map(|quality| WordMatch {
            kind: Kind::Fuzzy,
            quality,
        });
    }
    None
}

/// Two versions of one protocol (`tls1.0`, `tls1.1`): a customer on TLS 1.0 has the
/// error the catalog writes for TLSv1.1.
fn same_protocol(word: &str, text: &str) -> bool {
    match (protocol_version(word), protocol_version(text)) {
        (Some((a, _)), Some((b, _))) => a == b,
        _ => false,
    }
}

/// The word without an inflection (`uploads`, `refused`, `timing`), when enough is left
/// to mean something.
pub(crate) fn stem(word: &str) -> Option<&str> {
    let base = ["ing", "ed", "es", "s", "e"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .unwrap_or(word);
    (base.chars().count() >= 4).then_some(base)
}

/// How well `word` reads as a typo of `text`: a letter missing or out of place, or one
/// or two edits. Short words are too easy to confuse; a long word one edit off is
/// almost surely that word, so it weighs more than a synonym ("throtling" is
/// "throttling" more surely than "release" is "environment").
pub(crate) fn typo(matcher: &SkimMatcherV2, text: &str, word: &str) -> Option<i64> {
    let len = text.chars().count();
    if len < 4 || negates(text, word) {
        return None;
    }
    let allowed = if len <= 6 { 1 } else { 2 };
    let (wlen, tlen) = (word.len(), text.len());
    if wlen + allowed >= tlen && wlen <= tlen + allowed {
        let d = strsim::damerau_levenshtein(word, text);
        if d > 0 && d <= allowed {
            return Some(edit_quality(len, d));
        }
    }
    tight(matcher, word, text).map(|_| 45)
}

/// Prefixes that turn a word into its opposite.
const NEGATING: [&str; 8] = ["in", "un", "non", "dis", "im", "il", "ir", "mis"];

/// One word is the other with a negating prefix ("correct" and "incorrect", "authorized"
/// and "unauthorized"): two edits apart, and opposites, never a typo of each other (a
/// ticket's "app key is correct but not authorized" found "Incorrect app authentication
/// information" sure).
fn negates(a: &str, b: &str) -> bool {
    let prefixed = |long: &str, short: &str| {
        NEGATING
            .iter()
            .any(|p| long.strip_prefix(p).is_some_and(|rest| rest == short))
    };
    prefixed(a, b) || prefixed(b, a)
}

/// The quality of a typo `edits` edits off a word of `len` letters.
fn edit_quality(len: usize, edits: usize) -> i64 {
    match (edits, len) {
        (1, 8..) => 85,
        (1, 6..) => 65,
        (1, _) => 50,
        (_, 8..) => 60,
        _ => 40,
    }
}

/// Fuzzy match that starts at a word and keeps its letters close together: a
/// subsequence scattered over a sentence ("rate" in "tags exceeds the maximum") is noise,
/// a word with a letter missing ("throtling") is what people type.
pub(crate) fn tight(matcher: &SkimMatcherV2, haystack: &str, pattern: &str) -> Option<Vec<usize>> {
    let (_, idx) = matcher.fuzzy_indices(haystack, pattern)?;
    let (&first, &last) = (idx.first()?, idx.last()?);
    let len = pattern.chars().count();
    let starts_word = first == 0
        || haystack
            .chars()
            .nth(first - 1)
            .is_some_and(|c| !c.is_alphanumeric());
    let compact = last - first < len + len / 3 + 1;
    (starts_word && compact).then_some(idx)
}
