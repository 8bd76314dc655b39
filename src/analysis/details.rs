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
use crate::catalog::{Catalog, DetailWord, detail_words, fold};

/// Every detail string of a catalog, ready to be looked for in a message.
#[derive(Default)]
pub(crate) struct Details {
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
pub(crate) struct Found {
    /// The detail as the catalog writes it.
    pub(crate) detail: String,
    /// Every row the gateway appends it to.
    pub(crate) rows: Vec<usize>,
    /// Chars of the message it covers.
    pub(crate) chars: Range<usize>,
}

impl Details {
    pub(crate) fn of(catalog: &Catalog) -> Self {
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

    pub(crate) fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// The details `message` holds, word for word, in order of where they start.
    /// A detail inside a longer one found at the same place (`signature expired` in
    /// `... fail:signature expired` is not inside) is still listed: each names rows.
    pub(crate) fn find(&self, message: &str) -> Vec<Found> {
        if self.is_empty() {
            return Vec::new();
        }
        let words = Words::of(message);
        let mut out: Vec<Found> = Vec::new();
        for at in 0..words.len() {
            let Some(patterns) = words.word(at).and_then(|w| self.by_first.get(w)) else {
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
                    chars: words.chars(at).start..words.chars(end - 1).end,
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
pub(crate) fn candidates(
    found: &[Found],
    status: Option<u16>,
    catalog: &Catalog,
) -> Vec<Candidate> {
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
pub(crate) fn merge(by_message: Vec<Candidate>, by_detail: Vec<Candidate>) -> Vec<Candidate> {
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
pub(crate) fn quoted(found: &FoundError, in_message: &[Found]) -> Option<String> {
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
pub(crate) fn undecided(
    found: &FoundError,
    in_message: &[Found],
    catalog: &Catalog,
) -> Option<String> {
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

/// A detail the gateway appends to other rows than those of the paste's code: the code
/// decides, but the engineer should know the two disagree (a paste joined from two
/// responses, or the wrong credential type).
pub(crate) fn of_other_rows(
    in_message: &[Found],
    code_rows: &[usize],
    catalog: &Catalog,
) -> Vec<String> {
    let Some(code) = code_rows.first().and_then(|&r| catalog.entries.get(r)) else {
        return Vec::new();
    };
    in_message
        .iter()
        .filter(|f| !f.rows.iter().any(|r| code_rows.contains(r)))
        .map(|f| {
            format!(
                "The detail '{}' is what the gateway appends to {}, not to {}: check that code and message come from the same response.",
                f.detail,
                codes(&f.rows, catalog),
                code.code()
            )
        })
        .collect()
}

/// Prose longer than this many words is not read for a detail's words in any order:
/// in a paragraph they stand apart by chance.
const PARAPHRASE_WORDS: usize = 16;
/// Confidence of a row whose detail's words the prose has, not as the gateway writes
/// them, before status and catalog: at most a guess, but word for word it says more than
/// a message that only resembles another char by char, which it leads on a tie.
const PARAPHRASE: f32 = 0.44;
const PARAPHRASE_MAX: f32 = super::MATCH_THRESHOLD - 0.01;

impl Details {
    /// The details whose every word short prose has, in any order and in another form
    /// (`aksk signature verify failed` for `verify aksk signature fail`): what a customer
    /// retyped rather than pasted. Only for prose no message or detail matched.
    pub(crate) fn paraphrased(&self, prose: &str) -> Vec<Found> {
        let words = Words::of(prose);
        if words.len() > PARAPHRASE_WORDS {
            return Vec::new();
        }
        let all = 0..prose.chars().count();
        let has = |p: &Pattern| {
            p.words.iter().all(|d| match d {
                DetailWord::Word(d) => {
                    (0..words.len()).any(|i| words.word(i).is_some_and(|w| same_word(w, d)))
                }
                DetailWord::Any => true,
            })
        };
        let matched: Vec<&Pattern> = self
            .by_first
            .values()
            .flatten()
            .filter(|p| has(p))
            .collect();
        // A detail whose words a longer matched one holds says less: `verify signature
        // fail` in `aksk signature verify failed` is `verify aksk signature fail`.
        let within = |p: &Pattern, q: &Pattern| {
            q.words.len() > p.words.len() && p.words.iter().all(|w| q.words.contains(w))
        };
        matched
            .iter()
            .filter(|p| !matched.iter().any(|q| within(p, q)))
            .map(|p| Found {
                detail: p.text.clone(),
                rows: p.rows.clone(),
                chars: all.clone(),
            })
            .collect()
    }
}

/// The same word in another form: equal, the shorter (of 4 chars or more) begins the
/// longer (`fail`, `failed`), or 5 chars in common at the start (`verify`,
/// `verification`).
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = a.chars().count().min(b.chars().count());
    (common == shorter && shorter >= 4) || common >= 5
}

/// `by_text` with the rows whose details' words short prose has, when nothing there is
/// the match: the guesses come first, so a tie with a message guess goes to them.
pub(crate) fn with_paraphrases(
    by_text: Vec<Candidate>,
    details: &Details,
    prose: &str,
    status: Option<u16>,
    catalog: &Catalog,
) -> Vec<Candidate> {
    if by_text
        .iter()
        .any(|c| c.confidence >= super::MATCH_THRESHOLD)
    {
        return by_text;
    }
    let mut out = paraphrase_candidates(&details.paraphrased(prose), status, catalog);
    if out.is_empty() {
        return by_text;
    }
    // A message that only resembles another char by char says less than the words of a
    // detail: it follows the detail's guesses.
    let rest: Vec<Candidate> = by_text
        .into_iter()
        .filter(|c| out.iter().all(|g| g.row != c.row))
        .map(|mut c| {
            c.confidence = c.confidence.min(PARAPHRASE_MAX - 0.02);
            c
        })
        .collect();
    out.extend(rest);
    out
}

/// Rows whose detail's words prose has in another order or form: guesses, each said to
/// be one.
fn paraphrase_candidates(
    found: &[Found],
    status: Option<u16>,
    catalog: &Catalog,
) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for f in found {
        for &row in &f.rows {
            let Some(e) = catalog.entries.get(row) else {
                continue;
            };
            if out.iter().any(|c| c.row == row) {
                continue;
            }
            let mut confidence = PARAPHRASE;
            if let Some(status) = status {
                confidence += if status == e.http_status { 0.1 } else { -0.1 };
            }
            if super::matching::source_is_gateway(catalog, e) {
                confidence += 0.05;
            }
            out.push(Candidate {
                row,
                confidence: confidence.clamp(0.0, PARAPHRASE_MAX),
                reasons: vec![
                    "no APIG code in the paste; guessed from words of a detail".to_string(),
                    format!(
                        "the paste has the words of '{}', which the gateway appends to this row, but not as the gateway writes it",
                        f.detail
                    ),
                ],
            });
        }
    }
    out
}

/// What a `{...}` of the gateway stands for (an AK, an app key): a long word or one with
/// a digit, never a word of the sentence ("ak does not exist" is no key).
fn looks_like_a_key(word: &str) -> bool {
    word.chars().count() >= 8 || word.chars().any(|c| c.is_ascii_digit())
}

/// Where the detail's words end when they stand in `words` from `at`: each word as it
/// is; a `{...}` one word of any text, or none, as the gateway masks some (`ak:***`).
fn matches_at(detail: &[DetailWord], words: &Words, at: usize) -> Option<usize> {
    let Some((first, rest)) = detail.split_first() else {
        return Some(at);
    };
    match first {
        DetailWord::Word(d) => {
            if words.word(at)? == d {
                matches_at(rest, words, at + 1)
            } else {
                None
            }
        }
        DetailWord::Any => {
            let one = words
                .word(at)
                .filter(|w| looks_like_a_key(w))
                .and_then(|_| matches_at(rest, words, at + 1));
            one.or_else(|| matches_at(rest, words, at))
        }
    }
}

/// A message's folded words in one string: a word is a range of it, not an allocation
/// of its own (a long log has a message per line, a message may be 100 KB).
struct Words {
    folded: String,
    /// Each word's bytes in `folded`, and its chars in the message (char n of `folded`
    /// is char n of the message: see [`fold`]).
    spans: Vec<(Range<usize>, Range<usize>)>,
}

impl Words {
    fn of(message: &str) -> Self {
        let folded = fold(message);
        if folded.is_ascii() {
            return Words::of_ascii(folded);
        }
        Words::of_chars(folded)
    }

    /// [`Words::of`] a folded text, a char at a time.
    fn of_chars(folded: String) -> Self {
        let mut spans = Vec::new();
        let mut start: Option<(usize, usize)> = None;
        let mut chars = 0;
        for (byte, c) in folded.char_indices() {
            if c.is_alphanumeric() {
                start.get_or_insert((byte, chars));
            } else if let Some((b, ch)) = start.take() {
                spans.push((b..byte, ch..chars));
            }
            chars += 1;
        }
        if let Some((b, ch)) = start {
            spans.push((b..folded.len(), ch..chars));
        }
        Words { folded, spans }
    }

    /// [`Words::of`] a folded ASCII text, a byte at a time: each byte is a char.
    fn of_ascii(folded: String) -> Self {
        let mut spans = Vec::new();
        let mut start: Option<usize> = None;
        for (i, b) in folded.bytes().enumerate() {
            if b.is_ascii_alphanumeric() {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                spans.push((s..i, s..i));
            }
        }
        if let Some(s) = start {
            spans.push((s..folded.len(), s..folded.len()));
        }
        Words { folded, spans }
    }

    fn len(&self) -> usize {
        self.spans.len()
    }

    fn word(&self, i: usize) -> Option<&str> {
        self.spans
            .get(i)
            .and_then(|(bytes, _)| self.folded.get(bytes.clone()))
    }

    fn chars(&self, i: usize) -> Range<usize> {
        self.spans.get(i).map_or(0..0, |(_, chars)| chars.clone())
    }
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
    fn ascii_words_are_read_as_char_by_char() {
        for text in [
            "verify aksk signature fail, canonicalrequest:get|/v1/||",
            "  a_b c1  ",
            "",
            "x",
            "end.",
        ] {
            let (bytes, chars) = (Words::of_ascii(text.into()), Words::of_chars(text.into()));
            assert_eq!(bytes.spans, chars.spans, "{text}");
        }
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
    fn a_placeholder_takes_one_word_or_none_and_words_must_stand_whole() {
        let catalog = Catalog::embedded();
        let details = Details::of(&catalog);
        let found = details.find("err: ak LTAI5tQ9x not exist");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(code_of(&catalog, &found[0].rows), ["APIG.0301"]);
        assert!(details.find("the webapp not found page").is_empty());
        assert!(details.find("ak LTAI 5tQ9x not exist").is_empty());
        let masked = details.find("Get secretKey failed,ak:***,err:ak not exist");
        assert_eq!(masked.len(), 2, "{masked:?}");
        assert!(
            masked
                .iter()
                .all(|f| code_of(&catalog, &f.rows) == ["APIG.0301"])
        );
    }

    /// Every detail of the embedded catalog as the gateway would write it: `{ak}` as a
    /// key, with the rows that have it.
    fn every_detail(catalog: &Catalog) -> Vec<(String, Vec<usize>)> {
        let mut out: Vec<(String, Vec<usize>)> = Vec::new();
        for (row, e) in catalog.entries.iter().enumerate() {
            for d in e.details() {
                let text = d.replace("{ak}", "LTAI5tQ9xExample");
                match out.iter_mut().find(|(t, _)| *t == text) {
                    Some((_, rows)) => rows.push(row),
                    None => out.push((text, vec![row])),
                }
            }
        }
        assert!(out.len() >= 9, "{out:?}");
        out
    }

    /// The paste names `rows`: the one row as the match, or several as guesses with a
    /// warning that says the detail does not decide.
    fn names(analysis: &crate::analysis::Analysis, rows: &[usize], said: &str) {
        let error = analysis
            .errors
            .first()
            .unwrap_or_else(|| panic!("{said:?}: no error"));
        if let [row] = rows {
            let best = error
                .matched()
                .unwrap_or_else(|| panic!("{said:?}: {error:?}"));
            assert_eq!(best.row, *row, "{said:?}");
            return;
        }
        assert!(
            error.matched().is_none(),
            "{said:?} does not decide: {error:?}"
        );
        for row in rows {
            assert!(
                error.candidates.iter().any(|c| c.row == *row),
                "{said:?} offers row {row}"
            );
        }
        assert!(
            error
                .warnings
                .iter()
                .any(|w| w.contains("more than one row")),
            "{said:?}: {:?}",
            error.warnings
        );
    }

    #[test]
    fn each_detail_alone_names_its_row_or_says_which_rows_share_it() {
        let catalog = Catalog::embedded();
        for (detail, rows) in every_detail(&catalog) {
            let analysis = crate::analysis::analyze(&detail, &catalog);
            names(&analysis, &rows, &detail);
            assert_eq!(analysis.errors[0].detail.as_deref(), Some(detail.as_str()));
        }
    }

    #[test]
    fn each_detail_in_a_log_line_names_its_row_or_says_which_rows_share_it() {
        let catalog = Catalog::embedded();
        for (detail, rows) in every_detail(&catalog) {
            for line in [
                format!(
                    "2026-12-01T10:15:02Z ERROR orders-client POST https://api.example.com/v1/orders failed: {detail}, request_id=9f8e7d6c5b4a3f2e1d0c"
                ),
                format!(
                    "[WARN] gateway said \"{}\" on GET /v1/items",
                    detail.to_uppercase()
                ),
                format!("{{\"error_msg\": \"{detail}\", \"request_id\": \"b2c3d4e5f6a7b8c9\"}}"),
            ] {
                names(&crate::analysis::analyze(&line, &catalog), &rows, &line);
            }
        }
    }

    #[test]
    fn each_detail_with_its_code_or_message_is_the_match() {
        let catalog = Catalog::embedded();
        for (detail, rows) in every_detail(&catalog) {
            for &row in &rows {
                let e = &catalog.entries[row];
                let message = e.message().trim_end_matches('.');
                for paste in [
                    format!(
                        "{{\"error_code\":\"{}\",\"error_msg\":\"{detail}\"}}",
                        e.code()
                    ),
                    format!("{}: {message}: {detail}", e.code().replace("APIG", "APIGW")),
                    format!(
                        "HTTP/1.1 {} x\n\n{{\"error_msg\":\"{message}: {detail}\"}}",
                        e.http_status
                    ),
                ] {
                    let analysis = crate::analysis::analyze(&paste, &catalog);
                    let best = analysis.errors[0]
                        .matched()
                        .unwrap_or_else(|| panic!("{paste}"));
                    assert_eq!(best.row, row, "{paste}");
                    assert!(best.confidence >= 0.8, "{paste}: {best:?}");
                }
            }
        }
    }

    #[test]
    fn the_gateways_whole_texts_name_their_rows() {
        let catalog = Catalog::embedded();
        let row = |code: &str| {
            catalog
                .entries
                .iter()
                .position(|e| e.code() == code)
                .unwrap()
        };
        for (text, code) in [
            (
                "app not found, appkey 4f6e2c1a9b8d4e7f8a1b2c3d4e5f6a7b",
                "APIG.0303",
            ),
            (
                "verify signature fail, canonicalRequest:GET|/test/||host:api.example.com|x-sdk-date:20230527T015431Z||host;x-sdk-date|e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "APIG.0303",
            ),
            (
                "verify aksk signature fail, canonicalRequest:PUT|/v2/0a1b/servers/||content-type:application/json|host:ecs.example.com|x-sdk-date:20230527T015431Z||content-type;host;x-sdk-date|44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
                "APIG.0301",
            ),
            (
                "calc aksk signature fail:signature expired, signature time:20230527T000431Z,server time:20230527T020608Z",
                "APIG.0301",
            ),
            ("Get secretKey failed,ak:***,err:ak not exist", "APIG.0301"),
            (
                "AK access failed to reach the limit, forbidden",
                "APIG.0301",
            ),
        ] {
            let analysis = crate::analysis::analyze(text, &catalog);
            names(&analysis, &[row(code)], text);
        }
        let expired =
            "signature expired, signature time:20230527T000431Z,server time:20230527T020608Z";
        names(
            &crate::analysis::analyze(expired, &catalog),
            &[row("APIG.0301"), row("APIG.0303")],
            expired,
        );
        let with_message = format!("Incorrect app authentication information: {expired}");
        names(
            &crate::analysis::analyze(&with_message, &catalog),
            &[row("APIG.0303")],
            &with_message,
        );
    }

    #[test]
    fn words_of_a_detail_out_of_order_or_apart_are_not_the_detail() {
        let catalog = Catalog::embedded();
        for text in [
            "the signature of our app expired",
            "webapp not found",
            "signature fail verify aksk",
            "verify the aksk before the signature can fail",
        ] {
            let analysis = crate::analysis::analyze(text, &catalog);
            let by_detail = analysis
                .errors
                .iter()
                .flat_map(|e| &e.candidates)
                .any(|c| c.reasons.iter().any(|r| r.contains("gateway's detail")));
            assert!(!by_detail, "{text}: {analysis:?}");
            assert!(!analysis.identified(), "{text}: {analysis:?}");
        }
        let not_a_key = crate::analysis::analyze("AK does not exist", &catalog);
        assert!(
            !format!("{not_a_key:?}").contains("gateway's detail"),
            "'does' is no key: {not_a_key:?}"
        );
    }

    #[test]
    fn a_retyped_detail_is_a_guess_at_its_row_ahead_of_messages_that_only_resemble() {
        let catalog = Catalog::embedded();
        for (text, code) in [
            ("aksk signature verify failed", "APIG.0301"),
            ("the app is not found", "APIG.0303"),
            ("token decryption failed", "APIG.0301"),
            ("our app key is not found by the gateway", "APIG.0303"),
            (
                "access for the AK is forbidden: failed to reach the limit",
                "APIG.0301",
            ),
        ] {
            let analysis = crate::analysis::analyze(text, &catalog);
            let error = &analysis.errors[0];
            let best = &error.candidates[0];
            assert_eq!(catalog.entries[best.row].code(), code, "{text}: {error:?}");
            assert!(
                error.matched().is_none(),
                "retyped is unsure: {text}: {best:?}"
            );
            assert!(
                best.reasons
                    .iter()
                    .any(|r| r.contains("not as the gateway writes it")),
                "{text}: {best:?}"
            );
        }
        let long = "we retyped it: the signature, as far as we can tell, of the request from our app in the staging region expired yesterday";
        let analysis = crate::analysis::analyze(long, &catalog);
        assert!(
            !format!("{analysis:?}").contains("not as the gateway writes it"),
            "a paragraph's words stand apart by chance"
        );
    }

    #[test]
    fn a_detail_of_another_code_is_said_to_disagree_with_the_code() {
        let catalog = Catalog::embedded();
        let paste = r#"{"error_code":"APIG.0303","error_msg":"Incorrect app authentication information: verify aksk signature fail"}"#;
        let error = &crate::analysis::analyze(paste, &catalog).errors[0];
        let best = error.matched().expect("the code decides");
        assert_eq!(catalog.entries[best.row].code(), "APIG.0303");
        assert!(
            error
                .warnings
                .iter()
                .any(|w| w.contains("'verify aksk signature fail' is what the gateway appends to APIG.0301, not to APIG.0303")),
            "{:?}",
            error.warnings
        );
        let agreeing = r#"{"error_code":"APIG.0301","error_msg":"signature expired"}"#;
        let error = &crate::analysis::analyze(agreeing, &catalog).errors[0];
        assert!(
            !error.warnings.iter().any(|w| w.contains("appends to")),
            "a shared detail agrees with either code: {:?}",
            error.warnings
        );
    }
}
