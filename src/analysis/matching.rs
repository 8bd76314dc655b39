//! From extracted facts to catalog rows: the code narrows the candidates, status and
//! message choose among a code's rows, and a message alone is matched against every
//! message and alias. Each candidate carries a confidence and the reasons for it.

mod clash;

use serde::Serialize;

use super::FoundError;
use super::clock::SIGNATURE_TOLERANCE_MINUTES;
use super::details;
use super::fields::Fields;
use super::html::from_gateway;
use super::index::{self, Lookup};
use super::prose::{self, Hit, Kind};
use super::resemble::{Folded, MAX_SIMILAR_CHARS};
use crate::catalog::{AuthMode, Catalog, Entry, after_chars, fold};

/// Each candidate of `found` says which words of a sentence made its status one
/// ("fails with 502", `回傳401`), when only words did: a reader cannot see otherwise
/// which number of the sentence was taken, or that it was not a count.
fn said_status_reason(found: &mut FoundError, fields: &Fields) {
    let Some((status, words)) = &fields.status_words else {
        return;
    };
    if found.http_status != Some(*status) {
        return;
    }
    let reason = format!("status {status} read from the words '{words}'");
    for c in &mut found.candidates {
        c.reasons.push(reason.clone());
    }
}

/// A catalog row that may be the error, with how sure we are and why.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Candidate {
    /// Index into the catalog's entries.
    pub row: usize,
    /// 0 to 1; below 0.5 it is shown as a guess.
    pub confidence: f32,
    /// Why the row was chosen, one reason a line.
    pub(crate) reasons: Vec<String>,
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

/// What matching a message alone found: the rows, where their messages were found in the
/// text, and, when not every message it may resemble was compared, a warning.
#[derive(Clone)]
pub(crate) struct ByMessage {
    candidates: Vec<Candidate>,
    beside: Vec<InText>,
    capped: Option<String>,
}

pub(crate) fn resolve(fields: Fields, lookup: &mut Lookup) -> FoundError {
    let catalog = lookup.catalog;
    let mut found = FoundError {
        code: fields.code.clone(),
        message: fields.message.clone(),
        http_status: fields.http_status,
        request_id: fields.request_id.clone(),
        seen_at: fields.seen_at,
        evidence: fields.evidence.clone(),
        block: fields.block,
        ..FoundError::default()
    };
    found.warnings.extend(fields.notes.iter().cloned());
    if let (Some(raw), Some(code)) = (&fields.raw_code, &fields.code)
        && raw.to_ascii_uppercase().starts_with("APIGW")
    {
        found.warnings.push(format!(
            "{raw} (from a cloud-service endpoint) is the same error as {code}."
        ));
    }
    let rows: Vec<usize> = match &fields.code {
        Some(code) => lookup.code_rows(code),
        None => Vec::new(),
    };
    let in_message = fields
        .message
        .as_deref()
        .map(|m| lookup.details().find(m))
        .unwrap_or_default();
    found.candidates = if rows.is_empty() {
        if let Some(code) = &fields.code {
            found.warnings.push(format!(
                "{code} is not in the catalog; the facts above are what the paste says."
            ));
        }
        let ByMessage {
            candidates: by_message,
            beside,
            capped,
        } = by_message(&fields, lookup);
        found.warnings.extend(capped);
        let details = lookup.details();
        let by_text = details::merge(
            by_message,
            details::candidates(&in_message, fields.http_status, catalog),
        );
        let mut by_text = match &fields.message {
            Some(text) if fields.message_only && in_message.is_empty() => {
                details::with_paraphrases(by_text, details, text, fields.http_status, catalog)
            }
            _ => by_text,
        };
        let sure = by_text
            .iter()
            .any(|c| c.confidence >= super::MATCH_THRESHOLD);
        if !sure && fields.code.is_none() {
            merge(&mut by_text, by_status(&fields, catalog));
        }
        sort(&mut by_text);
        if let Some(in_text) = by_text
            .first()
            .and_then(|best| beside.iter().find(|t| t.row == best.row))
        {
            // The error's message is the catalog message the prose holds, not the
            // sentence around it ("since this morning the gateway says ...").
            if in_text.sure {
                found.message = Some(in_text.written.clone());
            }
            found.http_status = found.http_status.or(in_text.status);
        }
        by_text
    } else {
        let mut by_code = by_code(&fields, catalog, &rows, &in_message);
        if let Some(other) =
            (fields.message.as_deref()).and_then(|message| clash::other_row(message, &rows, lookup))
        {
            found
                .warnings
                .push(clash::doubt(&mut by_code, other, lookup));
        }
        by_code
    };
    weigh_status(&mut found.candidates, fields.http_status, catalog);
    said_status_reason(&mut found, &fields);
    sort(&mut found.candidates);
    doubt_ties(&mut found.candidates, catalog);
    if fields.in_passing {
        found.named_in_passing = true;
        found.not_now = fields.not_now;
        for c in &mut found.candidates {
            c.confidence = c.confidence.min(TIED);
            c.reasons.push(format!(
                "the code is {}, not reported by a response or a log record: {}",
                super::past::written(fields.not_now),
                IN_PASSING_CHECK
            ));
        }
    }
    // Every row of the paste's code is kept (the fold below a match counts them, and a
    // row left out would be a row nobody sees); rows found by text, the best few.
    found.candidates.truncate(if rows.is_empty() {
        LISTED_BY_TEXT
    } else {
        rows.len().max(LISTED_BY_TEXT)
    });
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
    // Rows whose message the paste's is word for word (or as a template, or with a
    // detail), and whose status no status of the paste contradicts: then a row whose
    // message only resembles it is a guess, as with a status. (A status and a message
    // that name two rows leave both in doubt: nothing is capped then.)
    let exact: Vec<usize> = said
        .as_ref()
        .map(|said| {
            rows.iter()
                .copied()
                .filter(|&row| {
                    let e = &catalog.entries[row];
                    let has_message = in_message.iter().any(|f| f.rows.contains(&row))
                        || matches!(
                            best_fit(said, &index::Text::all_of(e), RESEMBLES),
                            MessageFit::Same | MessageFit::Template(_) | MessageFit::WithDetail(_)
                        );
                    has_message && fields.http_status.is_none_or(|s| s == e.http_status)
                })
                .collect()
        })
        .unwrap_or_default();
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
                confidence += GATEWAY_LEAN;
            }
            if let Some(&other) = exact.first().filter(|_| !exact.contains(&row)) {
                confidence = confidence.min(TIED);
                reasons.push(format!(
                    "the paste's message is the {} row's word for word, not this row's",
                    catalog.entries[other].http_status
                ));
            }
            Candidate {
                row,
                confidence: confidence.clamp(0.0, 1.0),
                reasons,
            }
        })
        .collect()
}

/// The paste's status against each row. A row without it says so, whatever found it (a
/// message in prose, a resemblance); and when a row at or above the threshold has it
/// and nothing in the paste contradicts that row, a row without it is no longer "also possible": it is left a guess, with the reason. (A
/// paste saying 429 beside the throttling message and the 401 message of another row
/// offered that 401 row as also possible, on the message alone.) A status written
/// beside a row's own message in the text speaks for that row instead.
fn weigh_status(candidates: &mut [Candidate], status: Option<u16>, catalog: &Catalog) {
    let Some(status) = status else {
        return;
    };
    let status_of = |c: &Candidate| catalog.entries.get(c.row).map(|e| e.http_status);
    // A row that has the status and nothing against it (a row of the status whose
    // message the paste contradicts leaves the question open: the row stays uncertain).
    let fits = candidates.iter().any(|c| {
        status_of(c) == Some(status)
            && c.confidence >= super::MATCH_THRESHOLD
            && !c.reasons.iter().any(|r| r.contains(" differs from "))
    });
    for c in candidates.iter_mut() {
        let Some(own) = status_of(c).filter(|own| *own != status) else {
            continue;
        };
        if c.reasons.contains(&format!("status {own} matches")) {
            continue;
        }
        let differs = format!("status {status} differs from the catalog's {own}");
        if !c.reasons.contains(&differs) {
            c.reasons.push(differs);
        }
        if fits && c.confidence >= super::MATCH_THRESHOLD {
            c.confidence = c.confidence.min(TIED);
            c.reasons.push(format!(
                "not also possible: another row fits and has status {status}"
            ));
        }
    }
}

/// What to check of a code only named (inside a sentence, a table, a test's report),
/// which makes no row the match.
const IN_PASSING_CHECK: &str = "check that it is the customer's error, not one quoted from the docs, a runbook or an earlier incident";

/// Rows found by message, status or prose (no code) that an error lists.
const LISTED_BY_TEXT: usize = 5;

/// Below the threshold: a row tied with another is not "the match".
const TIED: f32 = super::MATCH_THRESHOLD - 0.05;

/// What a calling-APIs row gains over a management row of the same code: it orders
/// them, but it is no evidence from the paste, so a lead of only this much is a tie.
const GATEWAY_LEAN: f32 = 0.05;

/// When the best candidates score the same and are different rows (a code with seven
/// rows and neither status nor message, a status and a message that name two rows, or
/// a code of two catalogs that only the lean to calling APIs tells apart), the paste
/// does not say which: none of them is the match, and each says so.
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
    let gateway = |r: usize| {
        catalog
            .entries
            .get(r)
            .is_some_and(|e| source_is_gateway(catalog, e))
    };
    let leaned = gateway(row);
    let level = |c: &Candidate| {
        (top - c.confidence).abs() < 1e-4
            || (leaned && !gateway(c.row) && (top - c.confidence - GATEWAY_LEAN).abs() < 1e-4)
    };
    let tied = candidates
        .iter()
        .take_while(|c| level(c))
        .filter(|c| same(c.row) != same(row))
        .count();
    if tied == 0 {
        return;
    }
    let level_rows = candidates.iter().take_while(|c| level(c)).count();
    for c in candidates.iter_mut().take(level_rows) {
        c.confidence = TIED;
        c.reasons.push(format!(
            "as likely as {tied} other row(s): the paste does not say which"
        ));
    }
    // A row ranked below an undecided tie is no surer than it: never "also possible"
    // where there is no match (a 75 % alike message under two exact ones).
    for c in candidates.iter_mut().skip(level_rows) {
        if c.confidence > TIED {
            c.confidence = TIED - 0.01;
            c.reasons
                .push("ranked below rows the paste does not decide between".to_string());
        }
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
    let fit = best_fit(said, &index::Text::all_of(e), RESEMBLES);
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

/// Where a row's message was found in prose: the words as written there, and a status
/// written beside them.
#[derive(Clone)]
struct InText {
    row: usize,
    written: String,
    status: Option<u16>,
    /// Found quoted or word for word, not only resembled: then it is the error's message.
    sure: bool,
}

/// The words every warning of a capped comparison has, so that the analysis can tell
/// when an error it drops (no candidate) was not compared with every row.
pub(crate) const CAPPED: &str = "to keep the analysis fast";

/// Rows compared by resemblance for one message at most: those of a similar length that
/// share the most words with it. Every row of the embedded catalog fits.
const MAX_COMPARED_PER_MESSAGE: usize = 2_000;
/// Rows compared by resemblance in one analysis at most: a log of thousands of distinct
/// messages is not compared row by row for each.
const MAX_COMPARED: usize = 40_000;

/// No (known) code: the messages and aliases it may be, scored by similarity; when the
/// text is not the message itself, the messages it holds (quoted, written out, or
/// nearly). Each distinct message is matched once per analysis.
fn by_message(fields: &Fields, lookup: &mut Lookup) -> ByMessage {
    let Some(message) = fields.message.as_deref() else {
        return ByMessage {
            candidates: Vec::new(),
            beside: Vec::new(),
            capped: None,
        };
    };
    let key = (
        message.to_string(),
        fields.code.is_some(),
        fields.message_only,
        fields.http_status,
        fields.evidence.auth,
    );
    if let Some(known) = lookup.memo.get(&key) {
        return known.clone();
    }
    let matched = match_message(fields, message, lookup);
    lookup.memo.insert(key, matched.clone());
    matched
}

/// The rows `said` is compared with: every row it may be exactly, and those of a length
/// it may resemble, at most [`MAX_COMPARED_PER_MESSAGE`] and what is left of
/// [`MAX_COMPARED`], those sharing most words first. When rows it may resemble are left
/// out, the warning says how many were compared.
fn compared_rows(said: &Said, lookup: &mut Lookup) -> (Vec<usize>, Option<String>) {
    let messages = lookup.messages();
    let chars = said.folded.chars;
    let mut rows = messages.exact(&said.folded.text);
    let lengths = chars.div_ceil(2)..=(chars * 2).min(MAX_SIMILAR_CHARS);
    let possible = if chars > MAX_SIMILAR_CHARS {
        0
    } else {
        messages.count_of_length(&lengths)
    };
    let most = MAX_COMPARED_PER_MESSAGE.min(MAX_COMPARED.saturating_sub(lookup.compared));
    let mut capped = None;
    let similar = if possible <= most {
        messages.of_length(&lengths)
    } else {
        // Once the analysis has compared all it may, the message's words are not read.
        let rows = if most == 0 {
            Vec::new()
        } else {
            let words: Vec<String> = index::words(&said.folded.text)
                .filter(|w| !prose::STOPWORDS.contains(w.as_str()))
                .collect();
            messages.sharing_words(&words, most)
        };
        capped = Some(format!(
            "Its message was compared with {} of the {possible} catalog messages it may resemble (those sharing most words with it; the rest were not compared, {CAPPED}): a row it resembles may be missing, so a resemblance alone is not the match.",
            rows.len()
        ));
        rows
    };
    lookup.compared += similar.len();
    rows.extend(similar);
    rows.sort_unstable();
    rows.dedup();
    (rows, capped)
}

fn match_message(fields: &Fields, message: &str, lookup: &mut Lookup) -> ByMessage {
    let catalog = lookup.catalog;
    let said = Said::new(message);
    let (rows, capped) = compared_rows(&said, lookup);
    let messages = lookup.messages();
    let mut is_message = false;
    let candidates: Vec<(Candidate, bool)> = rows
        .into_iter()
        .filter_map(|row| {
            let e = catalog.entries.get(row)?;
            let texts = messages.texts_of(row);
            let (similarity, reason, resembles) = match best_fit(&said, texts, RESEMBLES_ALONE) {
                MessageFit::Same => (1.0, format!("message is '{}'", e.message()), false),
                MessageFit::Template(v) => (
                    0.95,
                    format!("message fits '{}' with '{v}'", e.message()),
                    false,
                ),
                MessageFit::WithDetail(d) => (
                    0.9,
                    format!("message is '{}' plus '{d}'", e.message()),
                    false,
                ),
                MessageFit::Similar(s) if !(fields.message_only && said.only_resembles(e, s)) => (
                    s,
                    format!("message resembles '{}' ({:.0}%)", e.message(), s * 100.0),
                    true,
                ),
                _ => return None,
            };
            is_message |= similarity >= 0.9;
            let first = if fields.code.is_some() {
                "the paste's code is not in the catalog; matched by message"
            } else {
                "no APIG code in the paste; matched by message"
            };
            let mut reasons = vec![first.to_string(), reason];
            let mut confidence = as_bare_message(
                similarity,
                fields.http_status,
                None,
                e,
                catalog,
                &mut reasons,
            );
            if resembles && similarity < WEAK_RESEMBLANCE && confidence > WEAK_GUESS {
                // "refresh token 无效" is 58 % alike to both "Refresh token is expired"
                // and "Refresh token is invalid": a status cannot make either the match.
                confidence = WEAK_GUESS;
                reasons.push(format!(
                    "only {:.0}% alike: a guess, whatever the status (unsure)",
                    similarity * 100.0
                ));
            }
            if resembles && capped.is_some() && confidence >= TIED {
                confidence = TIED;
                reasons.push(
                    "not every catalog message it may resemble was compared: a guess".to_string(),
                );
            }
            if fields.code.is_some() && confidence >= TIED {
                // The gateway sends a row's own code with its message: another code with
                // the same words is another error, or one the catalog does not know yet.
                confidence = TIED;
                reasons.push(format!(
                    "this row's code is {}, not the paste's: a guess",
                    e.code()
                ));
            }
            Some((
                Candidate {
                    row,
                    confidence,
                    reasons,
                },
                resembles,
            ))
        })
        .collect();
    let exact = candidates.iter().find(|(_, resembles)| !resembles);
    let exact = exact.map(|(c, _)| catalog.entries[c.row].code().to_string());
    let mut candidates: Vec<Candidate> = candidates
        .into_iter()
        .map(|(mut c, resembles)| {
            if let (true, Some(code)) = (resembles, &exact) {
                only_resembles_an_exact_message(&mut c, code, fields.evidence.auth, catalog);
            }
            c
        })
        .collect();
    if is_message || fields.code.is_some() {
        // The text is the message (or the message and its detail): nothing to look for in
        // it. A code the catalog lacks names its own error; its message is not prose.
        return ByMessage {
            candidates,
            beside: Vec::new(),
            capped,
        };
    }
    let (hits, looked_for) = prose::find(message, catalog, lookup.messages());
    let capped = capped.or(looked_for.map(|possible| {
        format!(
            "The text was searched for {} of the {possible} catalog messages it may hold (the rest were not, {CAPPED}): a message it holds may be missing.",
            prose::MAX_ROWS
        )
    }));
    let beside = hits
        .iter()
        .map(|h| InText {
            row: h.row,
            written: h.written.clone(),
            status: h.status,
            sure: !h.kind.is_guess(),
        })
        .collect();
    let sure = hits.iter().any(|h| !h.kind.is_guess());
    let clear = clearly_closest(&hits);
    let found = hits
        .into_iter()
        .filter(|h| !sure || !h.kind.is_guess())
        .map(|h| {
            let clear = clear == Some(h.row);
            in_prose(h, fields.http_status, clear, catalog)
        })
        .collect();
    merge(&mut candidates, found);
    ByMessage {
        candidates,
        beside,
        capped,
    }
}

/// A row whose message only resembles the paste's, when the paste's message is another
/// row's (`code`) word for word, as a whole, a template or with a detail after it: the
/// gateway sends each row's own text, so the resemblance says nothing for this row and it
/// is a guess ("Incorrect app authentication information." offered the IAM row, "Incorrect
/// IAM authentication information.", as also possible). Unless the paste shows the way of
/// signing in only this row's checklist is for, and the exact row's is not: an IAM token
/// (`X-Auth-Token`) beside the app message keeps the IAM row open. (A signature,
/// SDK-HMAC-SHA256, is no such evidence: apps and IAM access keys both sign with it.)
fn only_resembles_an_exact_message(
    c: &mut Candidate,
    code: &str,
    auth: Option<AuthMode>,
    catalog: &Catalog,
) {
    let Some(e) = catalog.entries.get(c.row) else {
        return;
    };
    if c.confidence < TIED {
        return;
    }
    let token = auth == Some(AuthMode::Token);
    let for_token = |e: &Entry| e.steps().iter().any(|s| s.when == Some(AuthMode::Token));
    let exact_for_token = catalog
        .entries
        .iter()
        .filter(|x| x.code() == code)
        .any(for_token);
    if token && for_token(e) && !exact_for_token {
        c.reasons.push(format!(
            "the paste carries an IAM token, which {} is about: still possible",
            e.code()
        ));
        return;
    }
    c.confidence = TIED;
    c.reasons.push(format!(
        "the paste's message is {code}'s word for word, and the gateway sends each row's own text: a guess"
    ));
}

/// The confidence of a row whose message the paste is (`similarity` 1) or resembles:
/// what the status, said in the paste or `beside` the message, and the catalog add.
fn as_bare_message(
    similarity: f32,
    said: Option<u16>,
    beside: Option<u16>,
    e: &Entry,
    catalog: &Catalog,
    reasons: &mut Vec<String>,
) -> f32 {
    let mut confidence = 0.75 * similarity;
    match status_fit(said, beside, e) {
        Some((status, true)) => {
            confidence += 0.15;
            reasons.push(format!("status {status} matches"));
        }
        Some(_) => confidence -= 0.1,
        None => {}
    }
    if source_is_gateway(catalog, e) {
        confidence += 0.05;
    }
    confidence.clamp(0.0, 1.0)
}

/// The status that speaks for a row, and whether it is the row's: the one written beside
/// the message first, else the paste's.
fn status_fit(said: Option<u16>, beside: Option<u16>, e: &Entry) -> Option<(u16, bool)> {
    beside.or(said).map(|s| (s, s == e.http_status))
}

/// At most this for a row found by words that ordinary sentences also say.
const PROSE_GUESS_CAP: f32 = 0.45;

/// How much closer the closest near message must be than the next to stand out.
const CLEAR_MARGIN: f32 = 0.03;

/// The row of the near (window) message that is clearly closer than any other: "Incorrect
/// IAM authentification information" is near both the IAM and the app row, and only the
/// nearer may count as more than a guess.
fn clearly_closest(hits: &[Hit]) -> Option<usize> {
    let mut near: Vec<(f32, usize)> = hits
        .iter()
        .filter_map(|h| match h.kind {
            Kind::Window { similarity, .. } => Some((similarity, h.row)),
            _ => None,
        })
        .collect();
    near.sort_by(|a, b| b.0.total_cmp(&a.0));
    match near.as_slice() {
        [(_, row)] => Some(*row),
        [(best, row), (next, _), ..] if best - next >= CLEAR_MARGIN => Some(*row),
        _ => None,
    }
}

/// A row whose message the text holds. Quoted, or written out with enough meaningful
/// words, it is as sure as the bare message; a short message or a near one in a sentence
/// is a guess, unless a near one is specific, at least 90 % alike, `clear`ly the closest
/// and has its status.
fn in_prose(hit: Hit, said: Option<u16>, clear: bool, catalog: &Catalog) -> Candidate {
    let e = &catalog.entries[hit.row];
    let mut reasons =
        vec!["no APIG code in the paste; the message was found in the text".to_string()];
    let message = e.message();
    let confidence = match hit.kind {
        Kind::Quoted { whole } => {
            reasons.push(format!("'{}' is quoted in the text", hit.written));
            let similarity = if whole { 1.0 } else { 0.9 };
            as_bare_message(similarity, said, hit.status, e, catalog, &mut reasons)
        }
        Kind::Verbatim { specific: true } => {
            reasons.push(format!(
                "the text has the message '{message}' word for word"
            ));
            as_bare_message(1.0, said, hit.status, e, catalog, &mut reasons)
        }
        Kind::Verbatim { specific: false } => {
            reasons.push(format!(
                "the text has the words '{}', which sentences also say: a guess",
                hit.written
            ));
            prose_guess(1.0, status_fit(said, hit.status, e), &mut reasons)
        }
        Kind::Window {
            similarity,
            specific,
        } => {
            reasons.push(format!(
                "the words '{}' resemble '{message}' ({:.0}%)",
                hit.written,
                similarity * 100.0
            ));
            let fit = status_fit(said, hit.status, e);
            if specific && clear && similarity >= 0.9 && fit.is_some_and(|(_, same)| same) {
                reasons.push(format!("status {} matches", e.http_status));
                0.5 + 0.5 * (similarity - 0.9)
            } else {
                prose_guess(similarity, fit, &mut reasons)
            }
        }
    };
    Candidate {
        row: hit.row,
        confidence,
        reasons,
    }
}

fn prose_guess(similarity: f32, status: Option<(u16, bool)>, reasons: &mut Vec<String>) -> f32 {
    let mut confidence = 0.25 + 0.15 * similarity;
    match status {
        Some((status, true)) => {
            confidence += 0.05;
            reasons.push(format!("status {status} matches"));
        }
        Some(_) => confidence -= 0.1,
        None => {}
    }
    confidence.clamp(0.0, PROSE_GUESS_CAP)
}

/// Adds `more` to `into`, a row once, at its higher confidence.
fn merge(into: &mut Vec<Candidate>, more: Vec<Candidate>) {
    for c in more {
        match into.iter_mut().find(|d| d.row == c.row) {
            Some(d) if d.confidence < c.confidence => *d = c,
            Some(_) => {}
            None => into.push(c),
        }
    }
}

fn sort(candidates: &mut [Candidate]) {
    candidates.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
}

/// A message at least this alike to a row's message or alias resembles it.
const RESEMBLES: f32 = 0.5;

/// A message alone (no known code) at least this alike to a row's message or alias is
/// matched to the row by resemblance; a message less alike is not compared further.
const RESEMBLES_ALONE: f32 = 0.55;

/// A message less alike than this to a catalog message is another message, or the same
/// one reworded: a guess, even with the row's status.
const WEAK_RESEMBLANCE: f32 = 0.75;

/// At most this for a row found by a weak resemblance: below the rows the vocabulary's
/// phrases lead to (`PHRASE_GUESS`), which read every word of the message.
pub(super) const WEAK_GUESS: f32 = 0.4;

/// Prose at least this alike to a message is the message typed with typos.
const TYPO_SIMILARITY: f32 = 0.85;

/// An extracted message, folded once: a long message is compared with every catalog
/// message, and folding it per comparison would cost more than the comparisons.
struct Said<'a> {
    /// The message as the paste has it, trimmed.
    text: &'a str,
    /// [`fold`]ed, without the final period: char n here is char n of `text`. Its chars
    /// are counted once rather than per catalog message.
    folded: Folded,
    /// Words of `text`.
    words: usize,
}

impl<'a> Said<'a> {
    fn new(message: &'a str) -> Self {
        let text = message.trim();
        Said {
            text,
            words: text.split_whitespace().count(),
            folded: Folded::new(fold(text.trim_end_matches('.').trim_end())),
        }
    }

    /// Prose (not a message field) that is `similarity` alike to the row's message but
    /// not the message with a typo or two: more than a word longer, or less than
    /// [`TYPO_SIMILARITY`] alike ("our app is not authorized to call the orders API").
    /// Such a sentence is searched for the message instead, where near is a guess.
    fn only_resembles(&self, e: &Entry, similarity: f32) -> bool {
        similarity < TYPO_SIMILARITY || self.words > e.message().split_whitespace().count() + 1
    }
}

/// Confidence of a row guessed from the status alone, among several with that status.
const STATUS_GUESS: f32 = 0.3;
/// The same when it is the only calling row with that status (429 is APIG.0308) and the
/// gateway's own error page says it: likely, but a custom gateway response may give any
/// status, so only just over the threshold.
const STATUS_ONLY_ROW: f32 = 0.55;
/// The only row with the status, but nothing shows the gateway made the answer (an
/// empty or foreign body): a backend's own 429 passed on through the gateway looks the
/// same, so it stays a guess.
const STATUS_ONLY_ROW_UNSEEN: f32 = 0.45;

/// No code and no known message, but the gateway itself answered with an error status
/// (its HTML `502 Bad Gateway` page, or `Server: api-gateway`): the rows with that status,
/// guesses unless only one row has it.
fn by_status(fields: &Fields, catalog: &Catalog) -> Vec<Candidate> {
    let Some(status) = fields.http_status.filter(|s| *s >= 400) else {
        return Vec::new();
    };
    let server = fields.evidence.server.as_deref().unwrap_or_default();
    if !from_gateway(server) {
        return Vec::new();
    }
    let rows: Vec<usize> = (0..catalog.entries.len())
        .filter(|&r| {
            let e = &catalog.entries[r];
            e.http_status == status && source_is_gateway(catalog, e)
        })
        .collect();
    let only = rows.len() == 1;
    // What the paste lacks, said as it is: a message it has matched no row.
    let lacking = if fields.message.is_some() {
        "no code, and the message matches no catalog message"
    } else {
        "no code and no message"
    };
    rows.into_iter()
        .map(|row| Candidate {
            row,
            confidence: match (only, fields.gateway_page) {
                (true, true) => STATUS_ONLY_ROW,
                (true, false) => STATUS_ONLY_ROW_UNSEEN,
                (false, _) => STATUS_GUESS,
            },
            reasons: vec![
                format!("{lacking}: the gateway ({server}) answered {status}"),
                if only && fields.gateway_page {
                    format!("the only calling-APIs row with status {status}, on the gateway's own error page; without a code this rests on the status alone")
                } else if only {
                    format!("the only calling-APIs row with status {status}; without a code this rests on the status alone, and a backend's own {status} passed on by the gateway looks the same")
                } else {
                    format!("this row has status {status}")
                },
            ],
        })
        .collect()
}

/// How `said` relates to the row's closest message or alias; `texts` are the row's
/// texts as compared ([`index::Text`]), from the catalog's index or folded for the call.
/// A text less alike than `least` is different.
fn best_fit(said: &Said, texts: &[index::Text], least: f32) -> MessageFit {
    texts
        .iter()
        .map(|t| fit(said, t, least))
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
fn fit(said: &Said, catalog_message: &index::Text, least: f32) -> MessageFit {
    let f = said.folded.text.as_str();
    let c: &str = &catalog_message.folded;
    if f == c {
        return MessageFit::Same;
    }
    if let Some(prefix) = catalog_message.template_prefix()
        && !prefix.is_empty()
        && f.starts_with(prefix)
    {
        let value = after_chars(said.text, prefix.chars().count());
        return MessageFit::Template(value.trim().trim_end_matches('.').to_string());
    }
    if let Some(rest) = f.strip_prefix(c)
        && (rest.starts_with([':', ',', ';', '.']) || rest.starts_with(" -"))
    {
        let detail = after_chars(said.text, catalog_message.chars())
            .trim_start_matches([':', ',', ' ', '.', ';', '-'])
            .trim();
        return MessageFit::WithDetail(detail.to_string());
    }
    said.folded
        .similarity(catalog_message.other(), least)
        .map_or(MessageFit::Different, MessageFit::Similar)
}

/// What followed the catalog message of the best candidate, kept as the detail.
fn detail_of(found: &FoundError, catalog: &Catalog) -> Option<String> {
    let best = found.candidates.first()?;
    let said = Said::new(found.message.as_deref()?);
    let texts = index::Text::all_of(&catalog.entries[best.row]);
    match best_fit(&said, &texts, RESEMBLES) {
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
            "{} exists in more than one catalog with different meanings: check which one the failing call was made against (calling an API, or managing APIG).",
            found.code.as_deref().unwrap_or_default()
        ));
    }
    if let (None, true, Some(status)) =
        (&found.code, found.candidates.is_empty(), found.http_status)
    {
        out.push(format!(
            "Only a status: {status} without a code, a catalog message or the gateway's Server header names no row (a backend's own {status} passed on looks the same); ask for the response body."
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
