//! Paste analysis: whatever the customer sent (HTTP response, curl transcript, JSON body,
//! log lines, SDK exception, HAR file, a bare code or message) to the APIG errors it
//! holds, the catalog rows they are, and the evidence a ticket needs. Pure: no UI types.

mod blocks;
mod clock;
mod details;
mod fields;
mod glance;
mod har;
mod html;
mod index;
mod locate;
mod logtime;
mod matching;
mod prose;
mod redacted;
mod resemble;
mod triage;
mod zones;

use serde::Serialize;

use crate::catalog::Catalog;
use crate::task::Cancel;

pub(crate) use clock::{SIGNATURE_TOLERANCE_MINUTES, http_date, json_time, sdk_date, time_text};
pub use fields::Evidence;
pub(crate) use glance::glance;
pub use locate::line_of;
pub(crate) use logtime::Stamp;
pub use matching::Candidate;
pub(crate) use triage::Cut;
pub use triage::{Group, LISTED_PER_GROUP, Triage};

/// Input beyond this is not analyzed (the rest is reported as cut).
pub(crate) const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;
/// Below this confidence a candidate is a guess, never "the match".
pub const MATCH_THRESHOLD: f32 = 0.5;

/// What the analysis found in one paste.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Analysis {
    /// The shape the input was read as ("curl -v", "HAR", "JSON", "log", ...).
    pub(crate) format: String,
    /// The errors kept in full: every one, or the first of each group of a long log.
    pub errors: Vec<FoundError>,
    /// Counts over every error found, grouped by catalog row.
    pub triage: Triage,
    /// About the input as a whole ("not an APIG error", "input cut at 16 MB").
    pub warnings: Vec<String>,
}

/// One error found in the input, with its extracted fields and ranked catalog rows.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct FoundError {
    /// The code as the catalog writes it (APIGW.0301 is read as APIG.0301).
    pub code: Option<String>,
    /// The message, as written in the paste.
    pub(crate) message: Option<String>,
    /// What followed the catalog message ("decrypt token fail").
    pub detail: Option<String>,
    /// The HTTP status of the response.
    pub http_status: Option<u16>,
    /// The request id the gateway gave.
    pub request_id: Option<String>,
    /// When it happened: the `Date` header, or the log line's time, with what its zone
    /// says (a time written without a zone is not UTC).
    pub(crate) seen_at: Option<Stamp>,
    /// The request and response facts around the error.
    pub(crate) evidence: Evidence,
    /// The catalog rows it may be, best first.
    pub candidates: Vec<Candidate>,
    /// What the reading doubts or could not do.
    pub warnings: Vec<String>,
}

impl FoundError {
    /// The best row when code, status and message all agree with it, and the other
    /// candidates with its code: nothing else is worth showing beside an exact match.
    pub(crate) fn exact_match(&self, catalog: &Catalog) -> Option<(&Candidate, Vec<&Candidate>)> {
        let (best, rest) = self.candidates.split_first()?;
        if best.confidence < 0.999 {
            return None;
        }
        let code = &catalog.entries.get(best.row)?.code();
        let variants = rest
            .iter()
            .filter(|c| {
                catalog
                    .entries
                    .get(c.row)
                    .is_some_and(|e| e.code() == *code)
            })
            .collect();
        Some((best, variants))
    }

    /// The candidates to show, and those folded into one line, whose best confidence the
    /// line says: under an exact match (code, status and message agree) every other row
    /// of its code, and nothing else is shown; under a lesser match only the guesses
    /// among the other rows of its code, so a row of the code that is itself likely
    /// (0.5 or more) stays shown as an alternative. Without a match nothing is folded.
    pub(crate) fn shown_and_folded(&self, catalog: &Catalog) -> (Vec<&Candidate>, Vec<&Candidate>) {
        let Some(best) = self.matched() else {
            return (self.candidates.iter().collect(), Vec::new());
        };
        let exact = self.exact_match(catalog).is_some();
        let code = catalog.entries.get(best.row).map(|e| e.code());
        let sibling = |c: &Candidate| catalog.entries.get(c.row).map(|e| e.code()) == code;
        let (mut shown, mut folded) = (vec![best], Vec::new());
        for c in self.candidates.iter().skip(1) {
            match (sibling(c), exact, c.confidence >= MATCH_THRESHOLD) {
                (true, true, _) | (true, false, false) => folded.push(c),
                (false, true, _) => {}
                (_, false, _) => shown.push(c),
            }
        }
        (shown, folded)
    }

    /// The identified row: the best candidate, if it is confident enough.
    pub fn matched(&self) -> Option<&Candidate> {
        self.candidates
            .first()
            .filter(|c| c.confidence >= MATCH_THRESHOLD)
    }
}

impl Analysis {
    /// True when at least one APIG error was identified (the CLI's exit status).
    pub fn identified(&self) -> bool {
        self.errors.iter().any(|e| e.matched().is_some())
    }
}

/// Catalog rows a message may be through the words of the support vocabulary (search's
/// phrases: `请求过于频繁` means "throttling"), best first, each with why. The caller that
/// has the search index gives it: the vocabulary is search's, beside analysis.
pub(crate) type PhraseRows<'a> = &'a dyn Fn(&str) -> Vec<(usize, Vec<String>)>;

/// Below the match threshold: rows found through the vocabulary's words are guesses.
const PHRASE_GUESS: f32 = 0.45;

/// Analyze a paste against the catalog, keeping the first errors of each group in full.
pub fn analyze(input: &str, catalog: &Catalog) -> Analysis {
    analyze_keeping(input, catalog, false, &Cancel::default(), None).unwrap_or_default()
}

/// [`analyze`], a message no catalog message matches (a custom gateway response's
/// Chinese `error_msg`) also looked up through the vocabulary's phrases: its rows are
/// guesses, with the phrases that led to them.
pub(crate) fn analyze_with_phrases(
    input: &str,
    catalog: &Catalog,
    phrases: PhraseRows<'_>,
) -> Analysis {
    analyze_keeping(input, catalog, false, &Cancel::default(), Some(phrases)).unwrap_or_default()
}

/// Guesses for an error without a code whose message matched no catalog message: the
/// rows its words lead to through the vocabulary, those of the error's status first
/// (only those, when some have it).
fn by_phrases(mut e: FoundError, catalog: &Catalog, phrases: PhraseRows<'_>) -> FoundError {
    if e.code.is_some() || !e.candidates.is_empty() {
        return e;
    }
    // Chinese only: an English message that matches no catalog message stays no error,
    // as before; Chinese reaches the catalog only through the vocabulary.
    let chinese = |c: char| matches!(c, '\u{3040}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}');
    let Some(message) = e.message.as_deref().filter(|m| m.chars().any(chinese)) else {
        return e;
    };
    let hits = phrases(message);
    let status_of = |row: usize| catalog.entries.get(row).map(|r| r.http_status);
    let with_status = hits
        .iter()
        .any(|(row, _)| e.http_status.is_some() && status_of(*row) == e.http_status);
    e.candidates = hits
        .into_iter()
        .filter(|(row, _)| !with_status || status_of(*row) == e.http_status)
        .take(3)
        .map(|(row, why)| {
            let mut reasons = vec![
                "Guess: the message is no catalog message; its words lead here through the support vocabulary".to_string(),
            ];
            reasons.extend(why);
            if let Some(status) = e.http_status.filter(|s| Some(*s) != status_of(row)) {
                reasons.push(format!("the response's status {status} is not this row's"));
            }
            let confidence = if with_status || e.http_status.is_none() {
                PHRASE_GUESS
            } else {
                PHRASE_GUESS / 2.0
            };
            Candidate {
                row,
                confidence,
                reasons,
            }
        })
        .collect();
    e
}

/// Analyze a paste and keep every error in full (`analyze --all`).
pub fn analyze_every(input: &str, catalog: &Catalog) -> Analysis {
    analyze_keeping(input, catalog, true, &Cancel::default(), None).unwrap_or_default()
}

/// [`analyze`] on a background task: `cancel` is polled between blocks (a log's lines,
/// HTTP exchanges) and between errors; None once it is cancelled (the paste was replaced).
/// `phrases` as for [`analyze_with_phrases`].
pub(crate) fn analyze_until(
    input: &str,
    catalog: &Catalog,
    cancel: &Cancel,
    phrases: Option<PhraseRows<'_>>,
) -> Option<Analysis> {
    analyze_keeping(input, catalog, false, cancel, phrases)
}

fn analyze_keeping(
    input: &str,
    catalog: &Catalog,
    keep_all: bool,
    cancel: &Cancel,
    phrases: Option<PhraseRows<'_>>,
) -> Option<Analysis> {
    let mut warnings = Vec::new();
    let text = cut_to_limit(input, &mut warnings);
    if text.trim().is_empty() {
        return Some(Analysis {
            format: "empty".into(),
            warnings: vec!["Nothing to analyze: the paste is empty.".into()],
            ..Analysis::default()
        });
    }
    let rows = index::Rows::of(catalog);
    let known = |code: &str| rows.is_foreign_code(code);
    let (format, found) = match har::entries(text) {
        Some(exchanges) => {
            let blocks: Vec<blocks::Block> =
                exchanges.into_iter().map(blocks::Block::from).collect();
            ("HAR".to_string(), read_blocks(&blocks, &known, cancel))
        }
        None => {
            let foreign: Option<&dyn Fn(&str) -> bool> = rows.has_foreign().then_some(&known);
            let blocks = blocks::split(text, foreign);
            (
                blocks::format_of(text),
                read_blocks(&blocks, &known, cancel),
            )
        }
    };
    let (found, succeeded) = without_successes(found);
    if succeeded > 0 {
        warnings.push(successes_warning(succeeded));
    }
    // Text without a code that matches no message is not an error we found.
    let mut lookup = index::Lookup::new(catalog, rows.clone());
    let mut unsure = false;
    let found: Vec<FoundError> = found
        .into_iter()
        .take_while(|_| !cancel.is_cancelled())
        .map(|f| matching::resolve(f, &mut lookup))
        .map(|e| match phrases {
            Some(phrases) => by_phrases(e, catalog, phrases),
            None => e,
        })
        .filter(|e| {
            let kept = e.code.is_some() || !e.candidates.is_empty();
            unsure |= !kept && e.warnings.iter().any(|w| w.contains(matching::CAPPED));
            kept
        })
        .collect();
    if unsure {
        // What was dropped was not compared with every row: not "no match".
        warnings.push(format!(
            "Some text was not compared with every catalog message ({}): an error it holds may not have been found.",
            matching::CAPPED
        ));
    }
    if cancel.is_cancelled() {
        return None;
    }
    let (errors, mut triage) = triage::triage(found, &lookup, keep_all);
    if text.len() < input.len() {
        triage.cut = Some(Cut {
            analyzed_bytes: MAX_INPUT_BYTES,
            total_bytes: None,
        });
    }
    if errors.is_empty() && !unsure {
        warnings.push(not_apig_reason(text));
    }
    Some(Analysis {
        format,
        errors,
        triage,
        warnings,
    })
}

/// The facts of each block, until `cancel` (then the caller drops what was read).
fn read_blocks(
    blocks: &[blocks::Block],
    known: &dyn Fn(&str) -> bool,
    cancel: &Cancel,
) -> Vec<fields::Fields> {
    blocks
        .iter()
        .take_while(|_| !cancel.is_cancelled())
        .flat_map(|b| fields::read_continuing(&b.text, b.first_line.as_deref(), known))
        .collect()
}

/// The errors found, without those whose own status is a success or redirect (1xx-3xx),
/// and how many those were. A line such as `INFO status=200 code=APIG.0201 was resolved
/// by retry` names a code, but the gateway answered it: counting it would make the triage
/// count more errors than the log holds.
fn without_successes(found: Vec<fields::Fields>) -> (Vec<fields::Fields>, usize) {
    let before = found.len();
    let kept: Vec<fields::Fields> = found
        .into_iter()
        .filter(|f| f.http_status.is_none_or(|s| s >= 400))
        .collect();
    let dropped = before - kept.len();
    (kept, dropped)
}

fn successes_warning(n: usize) -> String {
    let who = if n == 1 {
        "1 line or response names".to_string()
    } else {
        format!("{n} lines or responses name")
    };
    format!(
        "{who} an APIG code with its own success or redirect status (1xx-3xx): not a gateway error, not counted."
    )
}

fn cut_to_limit<'a>(input: &'a str, warnings: &mut Vec<String>) -> &'a str {
    if input.len() <= MAX_INPUT_BYTES {
        return input;
    }
    let mut end = MAX_INPUT_BYTES;
    while !input.is_char_boundary(end) {
        end -= 1;
    }
    // Readers stop one byte past the limit, so the whole size is not known here.
    warnings.push(format!(
        "The input is over {0} MB; only the first {0} MB were analyzed.",
        MAX_INPUT_BYTES / (1024 * 1024)
    ));
    input.get(..end).unwrap_or(input)
}

/// Whether pasted text is a response to analyze rather than words to search: several
/// lines, a JSON body, an HTTP status line, a curl command, or a code with a message.
pub fn looks_like_response(text: &str) -> bool {
    let text = text.trim();
    text.lines().nth(1).is_some()
        || text.starts_with(['{', '[', '<'])
        || text.contains("HTTP/")
        || text.starts_with("curl ")
        || (text.len() > 40 && fields::has_code(text))
}

/// Why nothing was found, in the words a support engineer needs.
fn not_apig_reason(text: &str) -> String {
    if let Some(status) = fields::first_status(text).filter(|s| *s < 400) {
        return format!("Not an APIG error: the response succeeded (HTTP {status}).");
    }
    if let Some(code) = fields::foreign_code(text) {
        return format!("Not an APIG error: the error code {code} belongs to another service.");
    }
    if let Some(reason) = not_apig_page(text) {
        return reason;
    }
    "No APIG error found: no APIG code, and no message that matches the catalog.".into()
}

/// Why an HTML page is no APIG error: another server's error page, a page that does not
/// say who sent it, a status no calling row has, or no error page at all.
fn not_apig_page(text: &str) -> Option<String> {
    let page = html::page(text)?;
    let status = fields::first_status(text).or(page.status);
    let server = fields::server_header(text).or(page.server);
    let title = page
        .title
        .map(|t| format!(" (\"{t}\")"))
        .unwrap_or_default();
    Some(match (status, server) {
        (Some(status), Some(server)) if !html::from_gateway(&server) => format!(
            "Not an APIG error: the HTML error page{title} with status {status} comes from {server}, not from the API gateway (which names itself api-gateway)."
        ),
        (Some(status), Some(server)) => format!(
            "No APIG error found: the gateway ({server}) answered {status} with an HTML page{title}, and no calling-APIs row has that status."
        ),
        (Some(status), None) => format!(
            "No APIG error found: an HTML error page{title} with status {status} that does not say which server sent it; the gateway's own pages and its Server header say api-gateway."
        ),
        (None, _) => format!("Not an APIG error: an HTML page{title} that names no error status."),
    })
}

#[cfg(test)]
mod chinese_tests;
#[cfg(test)]
mod log_forms_tests;
#[cfg(test)]
mod prose_tests;
#[cfg(test)]
mod tests;
