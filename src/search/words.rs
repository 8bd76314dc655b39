//! The vocabulary of the catalog: each distinct folded word once, sorted, with the rows
//! (per field) that contain it.

use std::collections::HashMap;

use crate::catalog::{Catalog, fold};

use super::postings::{PackedLists, Rows};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Field {
    /// Message and aliases.
    Message = 0,
    Keywords = 1,
    Description = 2,
    Solution = 3,
}

impl Field {
    pub const ALL: [Field; 4] = [
        Field::Message,
        Field::Keywords,
        Field::Description,
        Field::Solution,
    ];

    /// Typos are forgiven in the short fields that name the error; in a paragraph a
    /// typo's near neighbours are found too often to mean anything.
    pub fn allows_typos(self) -> bool {
        matches!(self, Field::Message | Field::Keywords)
    }
}

pub(super) struct WordIndex {
    /// Sorted, distinct.
    words: Vec<String>,
    /// List `word * 4 + field`: the rows in ascending order, each once.
    rows: PackedLists,
    /// Adjacent word pairs of messages and keywords ("access denied"), sorted, distinct.
    pairs: Vec<String>,
    /// List `pair`: the rows that have it.
    pair_rows: PackedLists,
}

impl WordIndex {
    pub fn new(catalog: &Catalog) -> Self {
        let mut map: HashMap<String, [Vec<u32>; 4]> = HashMap::new();
        let mut pairs: HashMap<String, Vec<u32>> = HashMap::new();
        for (row, e) in catalog.entries.iter().enumerate() {
            let row = row as u32;
            let naming = std::iter::once(&*e.message)
                .chain(e.aliases.iter().map(String::as_str))
                .chain(e.keywords.iter().map(String::as_str));
            for pair in naming.flat_map(pairs_of) {
                let list = pairs.entry(pair).or_default();
                if list.last() != Some(&row) {
                    list.push(row);
                }
            }
            let fields = [
                (
                    Field::Message,
                    std::iter::once(&*e.message)
                        .chain(e.aliases.iter().map(String::as_str))
                        .collect::<Vec<_>>(),
                ),
                (
                    Field::Keywords,
                    e.keywords.iter().map(String::as_str).collect(),
                ),
                (Field::Description, vec![&*e.description]),
                (Field::Solution, vec![&*e.solution]),
            ];
            for (field, texts) in fields {
                for text in texts {
                    for word in words_of(text) {
                        let lists = map.entry(word).or_default();
                        let list = &mut lists[field as usize];
                        if list.last() != Some(&row) {
                            list.push(row);
                        }
                    }
                }
            }
        }
        let mut pairs_by_word: Vec<(String, [Vec<u32>; 4])> = map.into_iter().collect();
        pairs_by_word.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut rows = PackedLists::default();
        for (_, lists) in &pairs_by_word {
            for list in lists {
                rows.push(list);
            }
        }
        rows.shrink_to_fit();
        let words = pairs_by_word.into_iter().map(|(word, _)| word).collect();
        let (pairs, pair_rows) = packed(pairs);
        WordIndex {
            words,
            rows,
            pairs,
            pair_rows,
        }
    }

    /// The rows whose message or keywords hold `pair` ("access denied").
    pub fn rows_with_pair(&self, pair: &str) -> Rows<'_> {
        // A pair no row has reads past the last list, which is empty.
        let i = self
            .pairs
            .binary_search_by(|p| p.as_str().cmp(pair))
            .unwrap_or(self.pairs.len());
        self.pair_rows.get(i)
    }

    pub fn text(&self, word: usize) -> &str {
        &self.words[word]
    }

    pub fn rows(&self, word: usize, field: Field) -> Rows<'_> {
        self.rows.get(word * 4 + field as usize)
    }

    /// Words starting with the term's first char: the only ones a tight fuzzy match,
    /// which must start at a word, can hit.
    pub fn starting_with_char(&self, term: &str) -> std::ops::Range<usize> {
        match term.chars().next() {
            Some(c) => self.with_prefix_range(c.encode_utf8(&mut [0; 4])),
            None => 0..0,
        }
    }

    /// Words that start with `prefix`.
    pub fn with_prefix(&self, prefix: &str) -> std::ops::Range<usize> {
        if prefix.is_empty() {
            return 0..0;
        }
        self.with_prefix_range(prefix)
    }

    fn with_prefix_range(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = self.words.partition_point(|w| w.as_str() < prefix);
        let end = start + self.words[start..].partition_point(|w| w.starts_with(prefix));
        start..end
    }

    /// The index of `word`, if the catalog has it.
    pub fn find(&self, word: &str) -> Option<usize> {
        self.words.binary_search_by(|w| w.as_str().cmp(word)).ok()
    }

    /// Words within one or two edits of `term` (transposed or doubled letters, which a
    /// subsequence match cannot forgive).
    pub fn within_edits<'a>(&'a self, term: &'a str) -> impl Iterator<Item = usize> + 'a {
        let len = term.chars().count();
        let allowed = if len <= 6 { 1 } else { 2 };
        self.words
            .iter()
            .enumerate()
            .filter(move |(_, w)| {
                w.len() + allowed >= term.len() && w.len() <= term.len() + allowed
            })
            .filter(move |(_, w)| {
                let d = strsim::damerau_levenshtein(w, term);
                d > 0 && d <= allowed
            })
            .map(|(i, _)| i)
    }

    /// The catalog word nearest to `term` (at most a third of its letters off), for "did
    /// you mean"; None when `term` is a catalog word or nothing is near.
    pub fn nearest(&self, term: &str) -> Option<&str> {
        let len = term.chars().count();
        if len < 3 || self.find(term).is_some() {
            return None;
        }
        let allowed = (len / 3).max(1);
        self.words
            .iter()
            .filter(|w| w.len() + allowed >= term.len() && w.len() <= term.len() + allowed)
            .map(|w| (strsim::damerau_levenshtein(w, term), w))
            .filter(|(d, _)| *d <= allowed)
            .min_by_key(|(d, w)| (*d, w.len()))
            .map(|(_, w)| w.as_str())
    }
}

/// Keys sorted, with their row lists packed in the same order.
fn packed(map: HashMap<String, Vec<u32>>) -> (Vec<String>, PackedLists) {
    let mut entries: Vec<(String, Vec<u32>)> = map.into_iter().collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut lists = PackedLists::default();
    for (_, rows) in &entries {
        lists.push(rows);
    }
    lists.shrink_to_fit();
    (entries.into_iter().map(|(key, _)| key).collect(), lists)
}

/// Adjacent words of a text, folded and trimmed: "access denied", "denied the".
pub(super) fn pairs_of(text: &str) -> Vec<String> {
    let tokens: Vec<String> = text
        .split_whitespace()
        .map(|t| trim_token(&fold(t)))
        .filter(|t| !t.is_empty())
        .collect();
    tokens
        .windows(2)
        .map(|w| format!("{} {}", w[0], w[1]))
        .collect()
}

/// The words of a text, folded: each whitespace-separated token with its edge
/// punctuation trimmed ("x-stage"), the alphanumeric parts of a token that has inner
/// punctuation ("x", "stage"), so both spellings are found, and a protocol version in
/// one written form ("TLSv1.1" is also "tls1.1" and "tls").
pub(super) fn words_of(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for token in text.split_whitespace() {
        let token = trim_token(&fold(token));
        if token.is_empty() {
            continue;
        }
        let parts: Vec<&str> = token
            .split(|c: char| !c.is_alphanumeric())
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() > 1 {
            out.extend(parts.iter().map(|p| p.to_string()));
        }
        if let Some((protocol, version)) = protocol_version(&token) {
            out.push(protocol.to_string());
            out.push(format!("{protocol}{version}"));
        }
        out.push(token);
    }
    out
}

/// A token without the punctuation around it ("(TLSv1.1)," is "tlsv1.1").
pub(super) fn trim_token(token: &str) -> String {
    token
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// `tlsv1.1`, `tls1.1`, `http/1.0`, `sslv3` as (protocol, version): one written form for
/// the spellings a customer and a catalog may use.
pub(super) fn protocol_version(token: &str) -> Option<(&'static str, &str)> {
    let protocol = ["tls", "ssl", "http"]
        .into_iter()
        .find(|p| token.starts_with(p))?;
    let rest = token.get(protocol.len()..)?;
    let version = rest.strip_prefix(['v', '/']).unwrap_or(rest);
    let is_version = version.starts_with(|c: char| c.is_ascii_digit())
        && version.chars().all(|c| c.is_ascii_digit() || c == '.');
    is_version.then_some((protocol, version))
}
