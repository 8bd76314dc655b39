//! From extracted facts to catalog rows: the code narrows the candidates, status and
//! message choose among a code's rows, and a message alone is matched against every
//! message and alias. Each candidate carries a confidence and the reasons for it.

use serde::Serialize;

use super::FoundError;
use super::clock::SIGNATURE_TOLERANCE_MINUTES;
use super::details::{self, Details};
use super::fields::Fields;
use crate::catalog::{Catalog, Entry, after_chars, fold};

/// A catalog row that may be the error, with how sure we are and why.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Candidate {
    /// Index into the catalog's entries.
    pub row: usize,
    /// 0 to 1; below 0.5 it is shown as a guess.
    pub confidence: f32,
    pub reasons: Vec<String>,
}

/// How an extracted message relates to a catalog message.
#[derive(Debug, PartialEq)]
enum MessageFit {
    Same,
    /// A template (`{xxx}`) whose variable part is the text here.
    Template(String),
    /// The catalog message followed by a detail ("...: decrypt token fail").
    WithDetail(String),
    Similar(f32),
    Different,
}

pub fn resolve(fields: Fields, catalog: &Catalog, details: &Details) -> FoundError {
    let mut found = FoundError {
        code: fields.code.clone(),
        message: fields.message.clone(),
        http_status: fields.http_status,
        request_id: fields.request_id.clone(),
        seen_at: fields.seen_at,
        evidence: fields.evidence.clone(),
        ..FoundError::default()
    };
    if let (Some(raw), Some(code)) = (&fields.raw_code, &fields.code)
        && raw.to_ascii_uppercase().starts_with("APIGW")
    {
        found.warnings.push(format!(
            "{raw} (from a cloud-service endpoint) is the same error as {code}."
        ));
    }
    let rows: Vec<usize> = match &fields.code {
        Some(code) => (0..catalog.entries.len())
            .filter(|&r| catalog.entries[r].code().eq_ignore_ascii_case(code))
            .collect(),
        None => Vec::new(),
    };
    let in_message = fields
        .message
        .as_deref()
        .map(|m| details.find(m))
        .unwrap_or_default();
    found.candidates = if rows.is_empty() {
        if let Some(code) = &fields.code {
            found.warnings.push(format!(
                "{code} is not in the catalog; the facts above are what the paste says."
            ));
        }
        let by_text = details::merge(
            by_message(&fields, catalog),
            details::candidates(&in_message, fields.http_status, catalog),
        );
        let by_text = match &fields.message {
            Some(prose) if fields.message_only && in_message.is_empty() => {
                details::with_paraphrases(by_text, details, prose, fields.http_status, catalog)
            }
            _ => by_text,
        };
        if by_text.is_empty() && fields.code.is_none() {
            by_status(&fields, catalog)
        } else {
            by_text
        }
    } else {
        by_code(&fields, catalog, &rows, &in_message)
    };
    found
        .candidates
        .sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    doubt_ties(&mut found.candidates, catalog);
    found.candidates.truncate(5);
    found.detail = detail_of(&found, catalog).or_else(|| details::quoted(&found, &in_message));
    found
        .warnings
        .extend(details::undecided(&found, &in_message, catalog));
    found
        .warnings
        .extend(details::of_other_rows(&in_message, &rows, catalog));
    found.warnings.extend(warnings(&found, catalog, &rows));
    found
}

fn by_code(
    fields: &Fields,
    catalog: &Catalog,
    rows: &[usize],
    in_message: &[details::Found],
) -> Vec<Candidate> {
    let said = fields.message.as_deref().map(Said::new);
    rows.iter()
        .map(|&row| {
            let e = &catalog.entries[row];
            let siblings = rows
                .iter()
                .filter(|&&r| catalog.entries[r].source == e.source)
                .count();
            let source = &catalog.source_of(e).title;
            let mut confidence = 0.5;
            let mut reasons = vec![if siblings > 1 {
                format!("{} has {siblings} rows in {source}", e.code())
            } else {
                format!("{} is the only row with this code in {source}", e.code())
            }];
            if siblings == 1 {
                confidence += 0.15;
            }
            if let Some(status) = fields.http_status {
                if status == e.http_status {
                    confidence += 0.2;
                    reasons.push(format!("status {status} matches"));
                } else {
                    confidence -= 0.15;
                    reasons.push(format!(
                        "status {status} differs from the catalog's {}",
                        e.http_status
                    ));
                }
            }
            if let Some(said) = &said {
                let detail = in_message.iter().find(|f| f.rows.contains(&row));
                let (delta, reason) = message_evidence(said, e, detail);
                confidence += delta;
                reasons.push(reason);
            }
            if source_is_gateway(catalog, e) {
                confidence += 0.05;
            }
            Candidate {
                row,
                confidence: confidence.clamp(0.0, 1.0),
                reasons,
            }
        })
        .collect()
}

/// Below the threshold: a row tied with another is not "the match".
const TIED: f32 = super::MATCH_THRESHOLD - 0.05;

/// When the best candidates score the same and are different rows (a code with seven
/// rows and neither status nor message, or a status and a message that name two rows),
/// the paste does not say which: none of them is the match, and each says so.
fn doubt_ties(candidates: &mut [Candidate], catalog: &Catalog) {
    let Some(best) = candidates.first() else {
        return;
    };
    if best.confidence < super::MATCH_THRESHOLD {
        return;
    }
    let (top, row) = (best.confidence, best.row);
    let same = |r: usize| {
        catalog
            .entries
            .get(r)
            .map(|e| (e.code(), e.http_status, e.message()))
    };
    let tied = candidates
        .iter()
        .take_while(|c| (top - c.confidence).abs() < 1e-4)
        .filter(|c| same(c.row) != same(row))
        .count();
    if tied == 0 {
        return;
    }
    for c in candidates
        .iter_mut()
        .take_while(|c| (top - c.confidence).abs() < 1e-4)
    {
        c.confidence = TIED;
        c.reasons.push(format!(
            "as likely as {tied} other row(s): the paste does not say which"
        ));
    }
}

/// Calling-APIs rows are what a gateway response carries; management-API rows come
/// from the console and tooling, so a tie between the two leans to calling.
pub(super) fn source_is_gateway(catalog: &Catalog, e: &Entry) -> bool {
    catalog.source_of(e).id == "calling"
}

/// What the message says about a row of the paste's code: the catalog message (as it
/// is, a template, with a detail after it, or close), else a detail the gateway appends
/// to this row, else that it differs.
fn message_evidence(said: &Said, e: &Entry, detail: Option<&details::Found>) -> (f32, String) {
    let fit = best_fit(said, e);
    if let (MessageFit::Similar(_) | MessageFit::Different, Some(found)) = (&fit, detail) {
        return (
            0.2,
            format!(
                "message holds '{}', a detail the gateway appends to this row",
                found.detail
            ),
        );
    }
    match fit {
        MessageFit::Same => (0.25, format!("message is '{}'", e.message())),
        MessageFit::Template(var) => (
            0.23,
            format!("message fits the template '{}' with '{var}'", e.message()),
        ),
        MessageFit::WithDetail(detail) => (
            0.2,
            format!(
                "message is '{}' followed by the detail '{detail}'",
                e.message()
            ),
        ),
        MessageFit::Similar(s) => (
            0.2 * s,
            format!("message resembles '{}' ({:.0}%)", e.message(), s * 100.0),
        ),
        MessageFit::Different => (-0.1, format!("message differs from '{}'", e.message())),
    }
}

/// No (known) code: every message and alias, scored by similarity.
fn by_message(fields: &Fields, catalog: &Catalog) -> Vec<Candidate> {
    let Some(said) = fields.message.as_deref().map(Said::new) else {
        return Vec::new();
    };
    catalog
        .entries
        .iter()
        .enumerate()
        .filter_map(|(row, e)| {
            let (similarity, reason) = match best_fit(&said, e) {
                MessageFit::Same => (1.0, format!("message is '{}'", e.message())),
                MessageFit::Template(v) => {
                    (0.95, format!("message fits '{}' with '{v}'", e.message()))
                }
                MessageFit::WithDetail(d) => {
                    (0.9, format!("message is '{}' plus '{d}'", e.message()))
                }
                MessageFit::Similar(s) if s >= 0.55 => (
                    s,
                    format!("message resembles '{}' ({:.0}%)", e.message(), s * 100.0),
                ),
                _ => return None,
            };
            let mut confidence = 0.75 * similarity;
            let mut reasons = vec![
                "no APIG code in the paste; matched by message".to_string(),
                reason,
            ];
            if let Some(status) = fields.http_status {
                if status == e.http_status {
                    confidence += 0.15;
                    reasons.push(format!("status {status} matches"));
                } else {
                    confidence -= 0.1;
                }
            }
            if source_is_gateway(catalog, e) {
                confidence += 0.05;
            }
            Some(Candidate {
                row,
                confidence: confidence.clamp(0.0, 1.0),
                reasons,
            })
        })
        .collect()
}

/// An extracted message, folded once: a long message is compared with every catalog
/// message, and folding it per comparison would cost more than the comparisons.
struct Said<'a> {
    /// The message as the paste has it, trimmed.
    text: &'a str,
    /// [`fold`]ed, without the final period: char n here is char n of `text`.
    folded: String,
    /// Chars of `folded`, counted once rather than per catalog message.
    chars: usize,
}

impl<'a> Said<'a> {
    fn new(message: &'a str) -> Self {
        let text = message.trim();
        let folded = fold(text.trim_end_matches('.').trim_end());
        Said {
            text,
            chars: folded.chars().count(),
            folded,
        }
    }
}

/// Confidence of a row guessed from the status alone: always a guess.
const STATUS_GUESS: f32 = 0.3;

/// No code and no known message, but the gateway itself answered with an error status
/// (an HTML `502 Bad Gateway` page with `Server: api-gateway`): the rows with that status
/// are guesses worth reading, said to be no more.
fn by_status(fields: &Fields, catalog: &Catalog) -> Vec<Candidate> {
    let Some(status) = fields.http_status.filter(|s| *s >= 400) else {
        return Vec::new();
    };
    let server = fields.evidence.server.as_deref().unwrap_or_default();
    let from_gateway = ["api-gateway", "apig", "apigateway"]
        .iter()
        .any(|name| server.to_ascii_lowercase().contains(name));
    if !from_gateway {
        return Vec::new();
    }
    catalog
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.http_status == status && source_is_gateway(catalog, e))
        .map(|(row, _)| Candidate {
            row,
            confidence: STATUS_GUESS,
            reasons: vec![
                format!("no code and no message: the gateway ({server}) answered {status}"),
                format!("this row has status {status}"),
            ],
        })
        .collect()
}

fn best_fit(said: &Said, e: &Entry) -> MessageFit {
    std::iter::once(e.message())
        .chain(e.aliases().iter().map(String::as_str))
        .map(|m| fit(said, m))
        .min_by(|a, b| rank(a).total_cmp(&rank(b)))
        .unwrap_or(MessageFit::Different)
}

fn rank(f: &MessageFit) -> f32 {
    match f {
        MessageFit::Same => 0.0,
        MessageFit::Template(_) => 1.0,
        MessageFit::WithDetail(_) => 2.0,
        MessageFit::Similar(s) => 4.0 - s,
        MessageFit::Different => 5.0,
    }
}

/// How `said` relates to a catalog message. Matching happens on folded text; what is
/// taken from the paste (a template's value, a detail) is cut from the original by char
/// count, never with byte offsets of the folded copy.
fn fit(said: &Said, catalog_message: &str) -> MessageFit {
    let f = said.folded.as_str();
    let c = fold(catalog_message.trim().trim_end_matches('.').trim_end());
    if f == c {
        return MessageFit::Same;
    }
    if let Some((prefix, _)) = c.split_once('{') {
        let prefix = prefix.trim_end();
        if !prefix.is_empty() && f.starts_with(prefix) {
            let value = after_chars(said.text, prefix.chars().count());
            return MessageFit::Template(value.trim().trim_end_matches('.').to_string());
        }
    }
    if let Some(rest) = f.strip_prefix(c.as_str())
        && (rest.starts_with([':', ',', ';', '.']) || rest.starts_with(" -"))
    {
        let detail = after_chars(said.text, c.chars().count())
            .trim_start_matches([':', ',', ' ', '.', ';', '-'])
            .trim();
        return MessageFit::WithDetail(detail.to_string());
    }
    similarity(f, said.chars, &c).map_or(MessageFit::Different, MessageFit::Similar)
}

/// Messages longer than this are matched exactly or by prefix, never by edit distance:
/// catalog messages are under 120 chars, and the comparison is quadratic in the length.
const MAX_SIMILAR_CHARS: usize = 300;

/// Edit-distance similarity when it can reach one half, else None. The distance is at
/// least the difference of the lengths, so texts of very different lengths are told
/// apart without the quadratic comparison: a 100 KB message costs no more than a short one.
fn similarity(a: &str, la: usize, b: &str) -> Option<f32> {
    let lb = b.chars().count();
    let longest = la.max(lb);
    if longest == 0 || longest > MAX_SIMILAR_CHARS || la.abs_diff(lb) * 2 > longest {
        return None;
    }
    let s = strsim::normalized_damerau_levenshtein(a, b) as f32;
    (s >= 0.5).then_some(s)
}

/// What followed the catalog message of the best candidate, kept as the detail.
fn detail_of(found: &FoundError, catalog: &Catalog) -> Option<String> {
    let best = found.candidates.first()?;
    let said = Said::new(found.message.as_deref()?);
    match best_fit(&said, &catalog.entries[best.row]) {
        MessageFit::WithDetail(d) | MessageFit::Template(d) if !d.is_empty() => Some(d),
        _ => None,
    }
}

fn warnings(found: &FoundError, catalog: &Catalog, rows: &[usize]) -> Vec<String> {
    let mut out = Vec::new();
    if let (Some(best), Some(status)) = (found.candidates.first(), found.http_status) {
        let e = &catalog.entries[best.row];
        if e.http_status != status {
            out.push(format!(
                "Status {status} differs from the catalog's {} for {}: a custom gateway response is probably configured.",
                e.http_status, e.code()
            ));
        }
    }
    let mut sources: Vec<usize> = rows.iter().map(|&r| catalog.entries[r].source).collect();
    sources.dedup();
    if sources.len() > 1 {
        out.push(format!(
            "{} exists in more than one catalog with different meanings; check the catalog of the match.",
            found.code.as_deref().unwrap_or_default()
        ));
    }
    if found.evidence.truncated {
        out.push("The body looks truncated; fields after the cut are missing.".into());
    }
    if let Some(skew) = found.evidence.clock_skew_minutes
        && skew.abs() > SIGNATURE_TOLERANCE_MINUTES
    {
        out.push(format!(
            "Clock skew of {skew} minutes between the signing time and the server: APIG rejects signatures more than {SIGNATURE_TOLERANCE_MINUTES} minutes off."
        ));
    }
    if found
        .candidates
        .first()
        .is_some_and(|c| c.confidence < super::MATCH_THRESHOLD)
    {
        out.push("No candidate is confident enough to be the match; the best is a guess.".into());
    }
    out
}
