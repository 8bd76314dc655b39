//! Ranked search over the catalog: what the engineer types (a code in any spelling, a
//! status, words from the customer's message, typos included) to the rows it means.
//!
//! Built for 100,000 rows at keystroke speed: the index holds each distinct word once,
//! with the rows (per field) that contain it. A query term is matched against the
//! vocabulary, not against every row: fuzzily (fuzzy-matcher's skim scorer, kept only
//! when the match is tight) and by edit distance for the message, aliases and keywords;
//! by word prefix for description and solution, where a fuzzy subsequence would be found
//! in almost any paragraph. Codes and statuses have their own lookups.

mod postings;
mod query;
mod words;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::catalog::{Catalog, code_digits, fold, normalize_code};
use query::{Term, parse_query};
use words::{Field, WordIndex};

/// Where a term matched, best first. The tier dominates the score, so an exact code
/// always outranks a message hit, whatever the fuzzy scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    Solution = 0,
    Description = 1,
    Keywords = 2,
    Message = 3,
    Status = 4,
    CodePrefix = 5,
    ExactCode = 6,
}

const TIER_WEIGHT: i64 = 10_000;

/// One matching row: its index in the catalog and its score (higher is better).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub row: usize,
    pub score: i64,
}

/// Every row's code, folded (`apig.0308`), for the code lookups. The codes share one
/// string: a `String` per row would cost more than the codes themselves.
#[derive(Default)]
struct Codes {
    text: String,
    rows: Vec<RowCode>,
}

struct RowCode {
    /// Where the code ends in `Codes::text`; it starts where the previous row's ends.
    end: u32,
    /// `apig.`, the service part including the dot (empty for a bare number).
    prefix_len: u32,
    status: u16,
}

impl Codes {
    fn push(&mut self, code: &str, status: u16) {
        let prefix_len = code.len() - code_digits(code).len();
        self.text.push_str(code);
        self.rows.push(RowCode {
            end: self.text.len() as u32,
            prefix_len: prefix_len as u32,
            status,
        });
    }

    /// Each row's (code, service prefix such as `apig.`, digits, status), in row order.
    fn iter(&self) -> impl Iterator<Item = (&str, &str, &str, u16)> {
        let mut start = 0;
        self.rows.iter().map(move |r| {
            let code = self.text.get(start..r.end as usize).unwrap_or_default();
            start = r.end as usize;
            let split = r.prefix_len as usize;
            let (prefix, digits) = (
                code.get(..split).unwrap_or_default(),
                code.get(split..).unwrap_or(code),
            );
            (code, prefix, digits, r.status)
        })
    }
}

/// The search index, built once per catalog.
pub struct SearchIndex {
    codes: Codes,
    words: WordIndex,
    matcher: SkimMatcherV2,
}

impl SearchIndex {
    pub fn new(catalog: &Catalog) -> Self {
        let mut codes = Codes::default();
        for e in &catalog.entries {
            codes.push(&normalize_code(&e.code), e.http_status);
        }
        codes.text.shrink_to_fit();
        SearchIndex {
            codes,
            words: WordIndex::new(catalog),
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    /// All rows matching every term of `query`, best first; ties keep catalog order.
    /// An empty query returns the whole catalog in order.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let terms = parse_query(query);
        let n = self.codes.rows.len();
        if terms.is_empty() {
            return (0..n).map(|row| Hit { row, score: 0 }).collect();
        }
        let mut total = vec![0i64; n];
        // How many terms each row matched so far: u32, as a query may have any number
        // of terms (a u8 wrapped at 256 and returned rows that matched nothing).
        let mut matched = vec![0u32; n];
        let mut best = vec![i64::MIN; n];
        let mut touched: Vec<u32> = Vec::new();
        for (i, term) in terms.iter().enumerate() {
            let mut note = |row: u32, score: i64| {
                let r = row as usize;
                if matched[r] as usize == i {
                    if best[r] == i64::MIN {
                        touched.push(row);
                    }
                    best[r] = best[r].max(score);
                }
            };
            self.code_scores(term, &mut note);
            self.word_scores(term, &mut note);
            for &row in &touched {
                let r = row as usize;
                total[r] += best[r];
                matched[r] += 1;
                best[r] = i64::MIN;
            }
            touched.clear();
        }
        let all = terms.len();
        let mut hits: Vec<Hit> = (0..n)
            .filter(|&r| matched[r] as usize == all)
            .map(|row| Hit {
                row,
                score: total[row],
            })
            .collect();
        hits.sort_unstable_by_key(|h| (std::cmp::Reverse(h.score), h.row));
        hits
    }

    /// Code and status tiers: exact code, code prefix, service prefix, status.
    fn code_scores(&self, term: &Term, note: &mut impl FnMut(u32, i64)) {
        let weight = |tier: Tier| tier as i64 * TIER_WEIGHT;
        let status: Option<u16> = term.text.parse().ok().filter(|_| term.text.len() == 3);
        for (row, (row_code, row_prefix, row_digits, row_status)) in self.codes.iter().enumerate() {
            let tier = match &term.code {
                Some(code) => {
                    let target = if code.contains('.') {
                        row_code
                    } else {
                        row_digits
                    };
                    if target == code {
                        Some(Tier::ExactCode)
                    } else if target.starts_with(code.as_str()) {
                        Some(Tier::CodePrefix)
                    } else if status == Some(row_status) {
                        Some(Tier::Status)
                    } else {
                        None
                    }
                }
                None => {
                    // A service prefix alone ("vpc", "apig") names every code of it.
                    let prefix = row_prefix.trim_end_matches('.');
                    (!prefix.is_empty() && prefix == term.text.trim_end_matches('.'))
                        .then_some(Tier::CodePrefix)
                }
            };
            if let Some(tier) = tier {
                note(row as u32, weight(tier));
            }
        }
    }

    /// Word tiers: the vocabulary words the term matches, and the rows holding them.
    fn word_scores(&self, term: &Term, note: &mut impl FnMut(u32, i64)) {
        let text = &term.text;
        let fuzzy_fields = [
            (Field::Message, Tier::Message),
            (Field::Keywords, Tier::Keywords),
        ];
        for word in self.words.starting_with_char(text) {
            if let Some((score, _)) = self.tight_match(self.words.text(word), text) {
                for (field, tier) in fuzzy_fields {
                    for row in self.words.rows(word, field) {
                        note(row, tier as i64 * TIER_WEIGHT + score);
                    }
                }
            }
        }
        for word in self.words.with_prefix(text) {
            for (field, tier) in [
                (Field::Description, Tier::Description),
                (Field::Solution, Tier::Solution),
            ] {
                for row in self.words.rows(word, field) {
                    note(row, tier as i64 * TIER_WEIGHT);
                }
            }
        }
        for (word, score) in self.words.near_misses(text) {
            for (field, tier) in fuzzy_fields {
                for row in self.words.rows(word, field) {
                    note(row, tier as i64 * TIER_WEIGHT + score);
                }
            }
        }
    }

    /// Fuzzy match that starts at a word and keeps its letters close together: a
    /// subsequence scattered over a sentence ("rate" in "tags exceeds the maximum")
    /// is noise, a word with a letter missing ("throtling") is what people type.
    fn tight_match(&self, haystack: &str, pattern: &str) -> Option<(i64, Vec<usize>)> {
        let (score, idx) = self.matcher.fuzzy_indices(haystack, pattern)?;
        let (&first, &last) = (idx.first()?, idx.last()?);
        let len = pattern.chars().count();
        let starts_word = first == 0
            || haystack
                .chars()
                .nth(first - 1)
                .is_some_and(|c| !c.is_alphanumeric());
        let compact = last - first < len + len / 3 + 1;
        (starts_word && compact).then_some((score.min(TIER_WEIGHT - 1), idx))
    }

    /// Char indices of `text` that the query matched, for highlighting a table cell.
    pub fn highlights(&self, text: &str, query: &str) -> Vec<usize> {
        let folded = fold(text);
        let mut out: Vec<usize> = Vec::new();
        for term in parse_query(query) {
            if let Some(code) = &term.code {
                out.extend(substring_chars(&folded, code_digits(code)));
            }
            match self.tight_match(&folded, &term.text) {
                Some((_, idx)) => out.extend(idx),
                None => out.extend(substring_chars(&folded, &term.text)),
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn substring_chars(text: &str, needle: &str) -> Vec<usize> {
    if needle.is_empty() {
        return Vec::new();
    }
    let Some(byte) = text.find(needle) else {
        return Vec::new();
    };
    let start = text.get(..byte).unwrap_or_default().chars().count();
    (start..start + needle.chars().count()).collect()
}

#[cfg(test)]
mod tests;
