//! Reading a query: terms, and codes in any spelling.

use crate::catalog::{code_digits, fold, normalize_code};

/// One word of the query, folded, with its reading as a code when it looks like one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Term {
    pub text: String,
    /// `apig.0308`, or the digits alone (`0308`).
    pub code: Option<String>,
}

/// Split into terms (ANDed); "APIG 0308" is one term, the code APIG.0308.
pub(super) fn parse_query(query: &str) -> Vec<Term> {
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
        // A repeated word adds nothing to an AND of terms.
        if !terms.iter().any(|t: &Term| t.text == text) {
            terms.push(Term {
                code: code_reading(&text),
                text,
            });
        }
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
    let prefix = norm.strip_suffix(digits).unwrap_or_default();
    (prefix.is_empty() || prefix.ends_with('.')).then_some(norm)
}
