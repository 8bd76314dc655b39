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

pub(super) struct WordIndex {
    /// Sorted, distinct.
    words: Vec<String>,
    /// List `word * 4 + field`: the rows in ascending order, each once.
    rows: PackedLists,
}

impl WordIndex {
    pub fn new(catalog: &Catalog) -> Self {
        let mut map: HashMap<String, [Vec<u32>; 4]> = HashMap::new();
        for (row, e) in catalog.entries.iter().enumerate() {
            let row = row as u32;
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
        let mut pairs: Vec<(String, [Vec<u32>; 4])> = map.into_iter().collect();
        pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut rows = PackedLists::default();
        for (_, lists) in &pairs {
            for list in lists {
                rows.push(list);
            }
        }
        rows.shrink_to_fit();
        let words = pairs.into_iter().map(|(word, _)| word).collect();
        WordIndex { words, rows }
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

    /// Words within one or two edits of `term` (transposed or doubled letters, which a
    /// subsequence match cannot forgive), scored like a fuzzy hit less the edits.
    pub fn near_misses<'a>(&'a self, term: &'a str) -> impl Iterator<Item = (usize, i64)> + 'a {
        let len = term.chars().count();
        let allowed = if len <= 6 { 1 } else { 2 };
        self.words
            .iter()
            .enumerate()
            .filter(move |(_, w)| {
                len >= 4 && w.len() + allowed >= term.len() && w.len() <= term.len() + allowed
            })
            .filter_map(move |(i, w)| {
                let d = strsim::damerau_levenshtein(w, term);
                (d > 0 && d <= allowed).then(|| (i, (len as i64 - d as i64) * 14))
            })
    }
}

/// The words of a text, folded: each whitespace-separated token with its edge
/// punctuation trimmed ("x-stage"), and the alphanumeric parts of a token that has
/// inner punctuation ("x", "stage"), so both spellings are found.
fn words_of(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for token in text.split_whitespace() {
        let token = fold(token.trim_matches(|c: char| !c.is_alphanumeric()));
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
        out.push(token);
    }
    out
}
