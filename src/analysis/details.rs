//! The gateway's detail strings (`verify aksk signature fail`, the text it appends after
//! a row's message) found in a paste. Customers often quote only the detail; a detail
//! found verbatim names its row, one that several rows share only narrows them.
//!
//! The details are the catalog's data (`details` of a row). They are gathered once per
//! analysis, keyed by their first word, so a message is read once whatever the number
//! of details and rows.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::FoundError;
use super::matching::Candidate;
use crate::catalog::{Catalog, DetailWord, detail_words, words_with_chars};

/// Every detail string of a catalog, ready to be looked for in a message.
#[derive(Default)]
pub struct Details {
    /// Details by their first word (the data test makes it a word, not `{...}`).
    by_first: FxHashMap<String, Vec<Pattern>>,
}

struct Pattern {
    words: Vec<DetailWord>,
    /// The detail as the catalog writes it.
    text: String,
    /// The rows with this detail (the same words), in catalog order.
    rows: Vec<usize>,
}

/// A detail found in a message.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// The detail as the catalog writes it.
    pub detail: String,
    /// Every row the gateway appends it to.
    pub rows: Vec<usize>,
    /// Chars of the message it covers.
    pub chars: Range<usize>,
}

impl Details {
    pub fn of(catalog: &Catalog) -> Self {
        let mut by_first: FxHashMap<String, Vec<Pattern>> = FxHashMap::default();
        let with_details = catalog
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.lists().is_some());
        for (row, e) in with_details {
            for detail in e.details() {
                let words = detail_words(detail);
                let Some(DetailWord::Word(first)) = words.first() else {
                    continue;
                };
                let patterns = by_first.entry(first.clone()).or_default();
                match patterns.iter_mut().find(|p| p.words == words) {
                    Some(p) if !p.rows.contains(&row) => p.rows.push(row),
                    Some(_) => {}
                    None => patterns.push(Pattern {
                        text: detail.clone(),
                        words,
                        rows: vec![row],
                    }),
                }
            }
        }
        Details { by_first }
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// The details `message` holds, word for word, in order of where they start.
    /// A detail inside a longer one found at the same place (`signature expired` in
    /// `... fail:signature expired` is not inside) is still listed: each names rows.
    pub fn find(&self, message: &str) -> Vec<Found> {
        if self.is_empty() {
            return Vec::new();
        }
        let words = words_with_chars(message);
        let mut out: Vec<Found> = Vec::new();
        for (at, (word, _)) in words.iter().enumerate() {
            let Some(patterns) = self.by_first.get(word) else {
                continue;
            };
            for p in patterns {
                let Some(end) = matches_at(&p.words, &words, at) else {
                    continue;
                };
                if out.iter().any(|f| f.detail == p.text) {
                    continue;
                }
                out.push(Found {
                    detail: p.text.clone(),
                    rows: p.rows.clone(),
                    chars: words[at].1.start..words[end - 1].1.end,
                });
            }
        }
        out
    }
}

/// Confidence of a row named by a detail only it has, before status and catalog: a
/// verbatim detail is nearly as telling as the catalog message (a bare message scores
/// 0.75 before them).
const ONE_ROW: f32 = 0.7;
/// Confidence of rows a detail does not tell apart: below [`super::MATCH_THRESHOLD`]
/// whatever the status, so none of them is said to be the match.
const SHARED: f32 = 0.4;
const SHARED_MAX: f32 = super::MATCH_THRESHOLD - 0.05;
/// A row a detail also names, when another detail names one row alone.
const ALSO: f32 = 0.3;

/// Rows named by the details found (no code in the paste). A detail only one row has
/// names it; when the details found name no single row (a detail several rows share,
/// or details of different rows), each row is a guess, and the reason says so.
pub fn candidates(found: &[Found], status: Option<u16>, catalog: &Catalog) -> Vec<Candidate> {
    let mut own: Vec<(usize, &Found)> = found
        .iter()
        .filter_map(|f| match f.rows.as_slice() {
            [row] => Some((*row, f)),
            _ => None,
        })
        .collect();
    own.dedup_by_key(|(row, _)| *row);
    let one = match own.as_slice() {
        [(row, _)] => Some(*row),
        _ => None,
    };
    let mut out: Vec<Candidate> = Vec::new();
    for f in found {
        for &row in &f.rows {
            if out.iter().any(|c| c.row == row) {
                continue;
            }
            let Some(e) = catalog.entries.get(row) else {
                continue;
            };
            let (base, reason) = if one == Some(row) {
                let f = own.iter().find(|(r, _)| *r == row).map_or(f, |(_, f)| *f);
                (
                    ONE_ROW,
                    format!(
                        "'{}' is what the gateway appends to this row only",
                        f.detail
                    ),
                )
            } else if one.is_some() {
                (ALSO, format!("'{}' is appended to this row too", f.detail))
            } else {
                (SHARED, shared_reason(f, catalog))
            };
            let mut confidence = base;
            let mut reasons = vec![
                "no APIG code in the paste; matched by the gateway's detail".to_string(),
                reason,
            ];
            if let Some(status) = status {
                if status == e.http_status {
                    confidence += 0.15;
                    reasons.push(format!("status {status} matches"));
                } else {
                    confidence -= 0.1;
                }
            }
            if super::matching::source_is_gateway(catalog, e) {
                confidence += 0.05;
            }
            if one != Some(row) {
                confidence = confidence.min(SHARED_MAX);
            }
            out.push(Candidate {
                row,
                confidence: confidence.clamp(0.0, 1.0),
                reasons,
            });
        }
    }
    out
}

fn shared_reason(f: &Found, catalog: &Catalog) -> String {
    if f.rows.len() > 1 {
        format!(
            "'{}' is appended to {} rows ({}): it does not tell them apart",
            f.detail,
            f.rows.len(),
            codes(&f.rows, catalog)
        )
    } else {
        format!(
            "'{}' is appended to this row, but the paste holds details of other rows too",
            f.detail
        )
    }
}

fn codes(rows: &[usize], catalog: &Catalog) -> String {
    let mut codes: Vec<&str> = rows
        .iter()
        .filter_map(|&r| catalog.entries.get(r).map(|e| e.code()))
        .collect();
    codes.dedup();
    codes.join(", ")
}

/// Candidates by message and by detail, one per row. A row both name keeps the
/// stronger, raised when message and a detail only it has agree.
pub fn merge(by_message: Vec<Candidate>, by_detail: Vec<Candidate>) -> Vec<Candidate> {
    let mut out = by_message;
    for d in by_detail {
        match out.iter_mut().find(|c| c.row == d.row) {
            Some(c) => {
                let agree = d.confidence >= super::MATCH_THRESHOLD;
                if d.confidence > c.confidence {
                    c.reasons = d.reasons.clone();
                } else if let Some(reason) = d.reasons.get(1) {
                    c.reasons.push(reason.clone());
                }
                let best = c.confidence.max(d.confidence);
                c.confidence = if agree { (best + 0.1).min(0.95) } else { best };
            }
            None => out.push(d),
        }
    }
    out
}

/// The detail as the paste writes it, when one of the best row's details was found
/// (and no text followed a catalog message to be the detail).
pub fn quoted(found: &FoundError, in_message: &[Found]) -> Option<String> {
    let best = found.candidates.first()?;
    let message = found.message.as_deref()?;
    let f = in_message.iter().find(|f| f.rows.contains(&best.row))?;
    let text: String = message
        .chars()
        .skip(f.chars.start)
        .take(f.chars.len())
        .collect();
    Some(text)
}

/// When the details found leave the row open (no code, no message, no detail of one
/// row only), say which rows they name.
pub fn undecided(found: &FoundError, in_message: &[Found], catalog: &Catalog) -> Option<String> {
    if found.code.is_some() || found.matched().is_some() || in_message.is_empty() {
        return None;
    }
    let mut rows: Vec<usize> = in_message
        .iter()
        .flat_map(|f| f.rows.iter().copied())
        .collect();
    rows.sort_unstable();
    rows.dedup();
    let quoted: Vec<String> = in_message
        .iter()
        .map(|f| format!("'{}'", f.detail))
        .collect();
    Some(format!(
        "The gateway's detail {} belongs to more than one row ({}): the paste does not say which; its code or message would.",
        quoted.join(" and "),
        codes(&rows, catalog)
    ))
}

/// Where the detail's words end when they stand in `words` from `at`: each word as it
/// is, a `{...}` any one word.
fn matches_at(detail: &[DetailWord], words: &[(String, Range<usize>)], at: usize) -> Option<usize> {
    let said = words.get(at..at + detail.len())?;
    said.iter()
        .zip(detail)
        .all(|((w, _), d)| match d {
            DetailWord::Word(d) => d == w,
            DetailWord::Any => true,
        })
        .then_some(at + detail.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(catalog: &Catalog, rows: &[usize]) -> Vec<String> {
        rows.iter()
            .map(|&r| catalog.entries[r].code().to_string())
            .collect()
    }

    #[test]
    fn a_detail_is_found_inside_a_longer_text_whatever_its_case_and_punctuation() {
        let catalog = Catalog::embedded();
        let details = Details::of(&catalog);
        let text = "401 from gw: Verify AKSK signature fail, canonicalRequest:GET|/v1/||";
        let found = details.find(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].detail, "verify aksk signature fail");
        assert_eq!(code_of(&catalog, &found[0].rows), ["APIG.0301"]);
        let chars: String = text
            .chars()
            .skip(found[0].chars.start)
            .take(found[0].chars.len())
            .collect();
        assert_eq!(chars, "Verify AKSK signature fail");
    }

    #[test]
    fn a_shared_detail_names_every_row_that_has_it() {
        let catalog = Catalog::embedded();
        let found =
            Details::of(&catalog).find("signature expired, signature time:20230527T000431Z");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            code_of(&catalog, &found[0].rows),
            ["APIG.0301", "APIG.0303"]
        );
    }

    #[test]
    fn a_placeholder_takes_one_word_and_words_must_stand_whole() {
        let catalog = Catalog::embedded();
        let details = Details::of(&catalog);
        let found = details.find("err: ak LTAI5tQ9x not exist");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(code_of(&catalog, &found[0].rows), ["APIG.0301"]);
        assert!(details.find("the webapp not found page").is_empty());
        assert!(details.find("ak LTAI 5tQ9x not exist").is_empty());
    }
}
