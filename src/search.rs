//! Ranked search over the catalog: what the engineer types (a code in any spelling, a
//! status, words from the customer's message, typos included) to the rows it means.
//!
//! Every haystack is case-folded once when the index is built. Short fields (message,
//! aliases, keywords) are scored fuzzily with fuzzy-matcher; long prose (description,
//! solution) only by substring, because a fuzzy subsequence is found in almost any
//! paragraph and would drown the real hits.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::catalog::Catalog;

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

/// Case-folded text of one row, built once.
struct Haystack {
    code: String,
    code_digits: String,
    status: String,
    message: String,
    aliases: Vec<String>,
    keywords: Vec<String>,
    description: String,
    solution: String,
}

/// The search index: folded haystacks plus the fuzzy scorer, built once per catalog.
pub struct SearchIndex {
    rows: Vec<Haystack>,
    matcher: SkimMatcherV2,
}

impl SearchIndex {
    pub fn new(catalog: &Catalog) -> Self {
        let rows = catalog
            .entries
            .iter()
            .map(|e| {
                let code = normalize_code(&e.code);
                Haystack {
                    code_digits: code_digits(&code).to_string(),
                    code,
                    status: e.http_status.to_string(),
                    message: fold(&e.message),
                    aliases: e.aliases.iter().map(|a| fold(a)).collect(),
                    keywords: e.keywords.iter().map(|k| fold(k)).collect(),
                    description: fold(&e.description),
                    solution: fold(&e.solution),
                }
            })
            .collect();
        SearchIndex {
            rows,
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// All rows matching every term of `query`, best first; ties keep catalog order.
    /// An empty query returns the whole catalog in order.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let terms = parse_query(query);
        let mut hits: Vec<Hit> = (0..self.rows.len())
            .filter_map(|row| {
                let mut total = 0;
                for term in &terms {
                    total += self.score_term(&self.rows[row], term)?;
                }
                Some(Hit { row, score: total })
            })
            .collect();
        hits.sort_by_key(|h| std::cmp::Reverse(h.score));
        hits
    }

    fn score_term(&self, hay: &Haystack, term: &Term) -> Option<i64> {
        if let Some(tier) = code_tier(hay, term) {
            return Some(tier as i64 * TIER_WEIGHT);
        }
        let text = &term.text;
        let fuzzy = |field: &str| self.fuzzy(field, text);
        let best_of = |fields: &[String]| fields.iter().filter_map(|f| fuzzy(f)).max();
        if let Some(s) = fuzzy(&hay.message).or_else(|| best_of(&hay.aliases)) {
            return Some(Tier::Message as i64 * TIER_WEIGHT + s);
        }
        if let Some(s) = best_of(&hay.keywords) {
            return Some(Tier::Keywords as i64 * TIER_WEIGHT + s);
        }
        if hay.description.contains(text.as_str()) {
            return Some(Tier::Description as i64 * TIER_WEIGHT);
        }
        if hay.solution.contains(text.as_str()) {
            return Some(Tier::Solution as i64 * TIER_WEIGHT);
        }
        std::iter::once(&hay.message)
            .chain(&hay.aliases)
            .chain(&hay.keywords)
            .find_map(|f| typo_score(f, text))
            .map(|s| Tier::Message as i64 * TIER_WEIGHT + s)
    }

    /// A fuzzy score, kept only when the match is tight enough to mean something.
    fn fuzzy(&self, haystack: &str, pattern: &str) -> Option<i64> {
        self.matcher.fuzzy_match(haystack, pattern)?;
        self.tight_match(haystack, pattern).map(|(score, _)| score)
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

/// One word of the query, folded, with its reading as a code when it looks like one.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    text: String,
    code: Option<String>,
}

/// Split into terms (ANDed); "APIG 0308" is one term, the code APIG.0308.
fn parse_query(query: &str) -> Vec<Term> {
    let words: Vec<String> = query.split_whitespace().map(fold).collect();
    let mut terms = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let word = &words[i];
        let joined = match words.get(i + 1) {
            Some(next) if is_code_prefix(word) && next.chars().all(|c| c.is_ascii_digit()) => {
                i += 1;
                Some(format!("{word}.{next}"))
            }
            _ => None,
        };
        let text = joined.unwrap_or_else(|| word.clone());
        terms.push(Term {
            code: code_reading(&text),
            text,
        });
        i += 1;
    }
    terms
}

fn is_code_prefix(word: &str) -> bool {
    matches!(
        word.trim_end_matches(['.', '-', '_']),
        "apig" | "apigw" | "apic"
    )
}

/// The normalized code a term spells (`apig.0308`), or its digits alone (`0308`).
fn code_reading(text: &str) -> Option<String> {
    let norm = normalize_code(text);
    let digits = code_digits(&norm);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let prefix = &norm[..norm.len() - digits.len()];
    (prefix.is_empty() || prefix.ends_with('.')).then_some(norm)
}

/// Fold a code's spellings to one form: lower case, `.` separator, APIGW read as APIG.
pub fn normalize_code(code: &str) -> String {
    let lower = fold(code.trim());
    let split = lower
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(lower.len());
    let (prefix, digits) = lower.split_at(split);
    let prefix = prefix.trim_end_matches(['.', '-', '_', ' ']);
    let prefix = if prefix == "apigw" { "apig" } else { prefix };
    if prefix.is_empty() || digits.is_empty() {
        format!("{prefix}{digits}")
    } else {
        format!("{prefix}.{digits}")
    }
}

fn code_digits(norm: &str) -> &str {
    norm.rsplit('.').next().unwrap_or(norm)
}

fn code_tier(hay: &Haystack, term: &Term) -> Option<Tier> {
    let Some(code) = term.code.as_deref() else {
        // A service prefix alone ("vpc", "apig") names every code of that service.
        let prefix = hay.code.strip_suffix(hay.code_digits.as_str())?;
        let is_prefix = prefix.strip_suffix('.') == Some(term.text.trim_end_matches('.'));
        return is_prefix.then_some(Tier::CodePrefix);
    };
    let (target, wanted) = if code.contains('.') {
        (&hay.code, code)
    } else {
        (&hay.code_digits, code)
    };
    if target == wanted {
        Some(Tier::ExactCode)
    } else if target.starts_with(wanted) {
        Some(Tier::CodePrefix)
    } else if hay.status == wanted {
        Some(Tier::Status)
    } else {
        None
    }
}

/// Lower-case one char at a time so char indices stay aligned with the original text.
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect()
}

/// A word of `text` within one or two edits of `term` (transpositions, extra letters:
/// typos a subsequence match cannot forgive), scored like a fuzzy hit less the edits.
fn typo_score(text: &str, term: &str) -> Option<i64> {
    let len = term.chars().count();
    if len < 4 {
        return None;
    }
    let allowed = if len <= 6 { 1 } else { 2 };
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() + allowed >= term.len() && w.len() <= term.len() + allowed)
        .map(|w| strsim::damerau_levenshtein(w, term))
        .filter(|&d| d <= allowed)
        .min()
        .map(|d| (len as i64 - d as i64) * 14)
}

fn substring_chars(text: &str, needle: &str) -> Vec<usize> {
    if needle.is_empty() {
        return Vec::new();
    }
    let Some(byte) = text.find(needle) else {
        return Vec::new();
    };
    let start = text[..byte].chars().count();
    (start..start + needle.chars().count()).collect()
}

#[cfg(test)]
mod tests;
