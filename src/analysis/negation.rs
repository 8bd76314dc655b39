//! Codes the text says it is not: "It's NOT APIG.0308, the customer checked", "not a
//! 0308", "不是APIG.0308", "neither APIG.0301 nor APIG.0303". Such a code is no error the
//! paste reports: it is not read as one, no row of it is the match, and the answer says
//! the paste named it as not the error.
//!
//! A code is negated when a negation stands right before it, with nothing between but
//! spaces, quotes and a few words that do not change what is denied (`not a`, `not the
//! error code`, `isn't really`, `don't get`). Any other word, or punctuation, between
//! them ends it: "could not be processed: APIG.0201" reports APIG.0201.

use std::sync::LazyLock;

use regex::Regex;

use super::FoundError;
use super::index::Lookup;
use crate::pattern::re;

/// Negations, as words (any ASCII case, `isn't` with either apostrophe) or Chinese. The
/// words and their boundaries are ASCII: a Unicode `\b` sends the regex engine to its
/// slowest search on any text that is not ASCII (a paste of binary bytes spent most of
/// its analysis here), and every negation word is ASCII.
static NEGATION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:not|no|never|nor|neither|[a-z]+n(?:'|’)t)(?-u:\b)|不是|并非|并不是|不属于|而非",
    )
});
/// A code, or four digits alone (`not a 0308`), at the start of what follows.
static CODE_NEXT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:(apigw|apig|apic)[ ._-]?)?(\d{4})(?-u:\b)"));

/// Words that may stand between a negation and the code it denies.
const FILLERS: &[&str] = &[
    "a",
    "an",
    "the",
    "error",
    "code",
    "err",
    "really",
    "actually",
    "even",
    "just",
    "simply",
    "caused",
    "by",
    "due",
    "to",
    "related",
    "about",
    "get",
    "gets",
    "getting",
    "got",
    "see",
    "seeing",
    "saw",
    "seen",
    "returning",
    "returned",
    "receiving",
    "received",
    "any",
    "is",
    "it",
    "apig's",
    "是",
];
/// At most this many of them.
const MAX_FILLERS: usize = 4;

/// A code the text denies, with the words that deny it (as the text, narrowed, has them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Negated {
    /// The code as the catalog writes it (`APIG.0308`).
    pub(crate) code: String,
    /// Byte offset of the code in the text searched.
    pub(crate) at: usize,
    /// Written as four digits alone (`not a 0308`): a code only if the catalog has it.
    pub(crate) digits_only: bool,
    /// "NOT APIG.0308", "不是APIG.0308".
    pub(crate) words: String,
}

/// Every code `text` (narrowed: fullwidth forms as ASCII) denies, in order.
pub(crate) fn denied(text: &str) -> Vec<Negated> {
    NEGATION
        .find_iter(text)
        .filter_map(|m| {
            let after = text.get(m.end()..)?;
            let (skipped, code) = code_after(after)?;
            let end = m.end() + skipped + code.len();
            let c = CODE_NEXT.captures(code)?;
            Some(Negated {
                code: format!("APIG.{}", c.get(2)?.as_str()),
                at: m.end() + skipped,
                digits_only: c.get(1).is_none(),
                words: text.get(m.start()..end)?.to_string(),
            })
        })
        .collect()
}

/// Of the text after a negation: how many bytes of spaces, quotes and fillers come
/// before a code, and the code as written.
fn code_after(after: &str) -> Option<(usize, &str)> {
    let mut rest = after;
    for _ in 0..=MAX_FILLERS {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || "\"'`“”‘’「」".contains(c));
        if let Some(m) = CODE_NEXT.find(rest) {
            return Some((after.len() - rest.len(), m.as_str()));
        }
        let word_end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '\''))
            .unwrap_or(rest.len());
        let word = rest.get(..word_end)?.to_lowercase();
        if word.is_empty() || !FILLERS.contains(&word.as_str()) {
            return None;
        }
        rest = rest.get(word_end..)?;
    }
    None
}

/// Whether the code at byte `at` of `text` is denied (`denied` found it there).
pub(crate) fn is_denied(denied: &[Negated], at: usize) -> bool {
    denied.iter().any(|n| n.at == at)
}

/// Below the match threshold: a row of a code the paste denies is at most this.
const DENIED_CAP: f32 = 0.2;

/// The errors, each row of a code `text` denies (and that no error reports) capped
/// below a guess, with why; and the warnings that say what was denied.
pub(crate) fn apply(
    mut found: Vec<FoundError>,
    text: &str,
    lookup: &Lookup,
    warnings: &mut Vec<String>,
) -> Vec<FoundError> {
    let narrowed = crate::catalog::narrow(text);
    let mut seen: Vec<String> = Vec::new();
    for n in denied(&narrowed) {
        let rows = lookup.code_rows(&n.code);
        if seen.contains(&n.code) || (n.digits_only && rows.is_empty()) {
            continue;
        }
        seen.push(n.code.clone());
        if found
            .iter()
            .any(|e| e.code.as_deref() == Some(n.code.as_str()))
        {
            warnings.push(format!(
                "The paste says it is not {} (\u{201c}{}\u{201d}), yet a record in it reports {0}: counted as reported; ask which is right.",
                n.code, n.words
            ));
            continue;
        }
        warnings.push(format!(
            "Named as not the error: {} (\u{201c}{}\u{201d}); not reported as an error, and no row of it is the match.",
            n.code, n.words
        ));
        for e in &mut found {
            cap(e, &rows, &n);
        }
    }
    found
}

/// `e`'s candidates among `rows` (the denied code's) made guesses below [`DENIED_CAP`].
fn cap(e: &mut FoundError, rows: &[usize], n: &Negated) {
    let was_matched = e.matched().is_some();
    let mut changed = false;
    for c in e.candidates.iter_mut().filter(|c| rows.contains(&c.row)) {
        c.confidence = c.confidence.min(DENIED_CAP);
        c.reasons.push(format!(
            "the paste says it is not {} (\u{201c}{}\u{201d})",
            n.code, n.words
        ));
        changed = true;
    }
    if changed {
        e.candidates
            .sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    }
    if was_matched && e.matched().is_none() {
        e.warnings.push(format!(
            "No candidate is confident enough to be the match: the best was a row of {}, which the paste says it is not.",
            n.code
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::denied;

    fn codes(text: &str) -> Vec<String> {
        denied(text).into_iter().map(|n| n.code).collect()
    }

    #[test]
    fn a_code_right_after_a_negation_is_denied() {
        for (text, code) in [
            ("It's NOT APIG.0308, the customer checked", "APIG.0308"),
            ("not a 0308, the calls fail with 403", "APIG.0308"),
            ("客户说不是APIG.0308，返回403", "APIG.0308"),
            ("this isn't the APIG.0301 error", "APIG.0301"),
            ("this isn’t \"APIG.0301\"", "APIG.0301"),
            ("we don't get APIG.0308 any more", "APIG.0308"),
            ("并非 APIG.0201 的问题", "APIG.0201"),
            ("the error code is not apigw-0303", "APIG.0303"),
        ] {
            assert_eq!(codes(text), [code], "{text}");
        }
        assert_eq!(
            codes("neither APIG.0301 nor APIG.0303"),
            ["APIG.0301", "APIG.0303"]
        );
    }

    #[test]
    fn a_negation_with_other_words_or_punctuation_before_the_code_denies_nothing() {
        for text in [
            "ERROR request could not be processed: APIG.0201",
            "WARN token not valid APIG.0301",
            "2026-12-07 10:00:00 ERROR APIG.0308 will not be retried",
            "not only APIG.0308 but also APIG.0201",
            "no longer APIG.0308",
            "ERROR not retrying APIG.0308",
            "notice APIG.0308",
        ] {
            assert_eq!(codes(text), Vec::<String>::new(), "{text}");
        }
    }
}
