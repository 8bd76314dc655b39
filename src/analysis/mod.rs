//! Paste analysis: whatever the customer sent (HTTP response, curl transcript, JSON body,
//! log lines, SDK exception, HAR file, a bare code or message) to the APIG errors it
//! holds, the catalog rows they are, and the evidence a ticket needs. Pure: no UI types.

mod ascii_words;
mod bare;
mod blocks;
mod clock;
mod day_month;
mod details;
mod fields;
mod glance;
mod har;
mod history;
mod html;
mod index;
mod labels;
mod locate;
mod logtime;
mod matching;
mod negation;
mod passing;
mod past;
mod prose;
mod quoted_docs;
mod redacted;
mod remarks;
mod repeats;
mod resemble;
mod runbook;
mod said;
mod slips;
mod source;
mod triage;
mod views;
mod zones;

use serde::Serialize;

use crate::catalog::Catalog;
use crate::task::Cancel;

pub(crate) use clock::{SIGNATURE_TOLERANCE_MINUTES, http_date, sdk_date, time_text};
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
    /// The paste is a table of codes with their catalog messages (`runbook::catalog_copy`):
    /// documentation, whose rows are guesses and no error found.
    #[serde(skip)]
    pub(crate) documentation: bool,
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
    /// Its code is only named inside a sentence, not reported by a response or a record
    /// (see `passing`): no row of it is the match on that alone.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) named_in_passing: bool,
    /// Why its code is not the customer's current error, when the paste says (see
    /// `past`): such an error is not counted, or only when nothing else is reported.
    #[serde(skip)]
    pub(crate) not_now: Option<past::NotNow>,
    /// The index of the block it was read from (see `Fields::block`).
    #[serde(skip)]
    pub(crate) block: usize,
}

impl FoundError {
    /// The request's facts by name ([`Evidence::named`]), then when it was logged, with
    /// what the time is (UTC, or as the log wrote it): every front end shows the same. A
    /// time read from the response's `Date` is that fact already, not said twice.
    pub(crate) fn named_facts(&self) -> Vec<(&'static str, String)> {
        let mut facts = self.evidence.named();
        let dated = |at: i64| {
            let date = self.evidence.date.as_deref().and_then(http_date);
            date.is_some_and(|d| d.as_second() == at)
        };
        if let Some(stamp) = self.seen_at.filter(|s| !dated(s.at)) {
            facts.push((
                "Logged at",
                format!("{} ({})", stamp.text(), stamp.zone.label()),
            ));
        }
        facts
    }

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
    /// True when at least one APIG error was identified: its row is the match.
    pub fn identified(&self) -> bool {
        self.errors.iter().any(|e| e.matched().is_some())
    }

    /// True when an error was found: one with a code (APIG's, or another loaded
    /// catalog's), whether or not its row is sure, or a message matched to a row.
    /// Guessed rows of text without a code are not one. The CLI's exit status: a log of
    /// APIG.0201 lines whose row stays open found errors; a question that only resembles
    /// a message did not.
    pub(crate) fn found_error(&self) -> bool {
        !self.documentation
            && self
                .errors
                .iter()
                .any(|e| e.code.is_some() || e.matched().is_some())
    }
}

/// Catalog rows a message may be through the words of the support vocabulary (search's
/// phrases: `请求过于频繁` means "throttling"), best first, each with why. The caller that
/// has the search index gives it: the vocabulary is search's, beside analysis.
pub(crate) type PhraseRows<'a> = &'a dyn Fn(&str) -> Vec<(usize, Vec<String>)>;

/// Below the match threshold: rows found through the vocabulary's words are guesses.
const PHRASE_GUESS: f32 = 0.45;

/// Make everything an analysis looks `catalog`'s rows up with (by code, by message, the
/// messages a log line may hold whole), as a load makes the search index: the first
/// analysis with a catalog of 100,000 rows then takes as long as the next ones, instead
/// of seconds more. Kept with the catalog; an analysis makes what is missing itself.
pub fn prepare_analysis(catalog: &Catalog) {
    index::Rows::of(catalog).prepare(catalog);
}

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
    // Rows only guessed by a weak resemblance (`refresh token 无效`, 58 % alike to two
    // messages) leave the question open: the vocabulary's reading is asked too.
    let weak = e
        .candidates
        .iter()
        .all(|c| c.confidence <= matching::WEAK_GUESS);
    if e.code.is_some() || !weak {
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
    let resembled = std::mem::take(&mut e.candidates);
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
    // The resembled rows after, each once (a row both found keeps the phrases' reasons
    // and the resemblance's).
    for c in resembled {
        match e.candidates.iter_mut().find(|d| d.row == c.row) {
            Some(d) => d.reasons.extend(c.reasons.into_iter().skip(1)),
            None => e.candidates.push(c),
        }
    }
    e.candidates
        .sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
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
    warnings.extend(unread_bytes(text));
    if text.trim().is_empty() {
        return Some(Analysis {
            format: "empty".into(),
            warnings: vec!["Nothing to analyze: the paste is empty.".into()],
            ..Analysis::default()
        });
    }
    let rows = index::Rows::of(catalog);
    let known = |code: &str| rows.is_foreign_code(code);
    let mut lookup = index::Lookup::new(catalog, rows.clone());
    let mut slipped = Vec::new();
    // An e-mail thread: the message on top is read apart from its quoted history.
    let thread = history::split(text);
    let current = thread.as_ref().map_or(text, |t| t.current.as_str());
    let (format, mut blocks, heads) = match har::entries(text) {
        Some(har) => {
            if har.undecoded > 0 {
                warnings.push(har::undecoded_warning(har.undecoded));
            }
            let blocks: Vec<blocks::Block> =
                har.exchanges.into_iter().map(blocks::Block::from).collect();
            let heads = vec![None; blocks.len()];
            ("HAR".to_string(), blocks, heads)
        }
        None => {
            let foreign: Option<&dyn Fn(&str) -> bool> = rows.has_foreign().then_some(&known);
            let said = |line: &str| rows.said_in_line(catalog, line);
            // A reply's quote marks and a table's cells are read through, as a view; a
            // code written with a slip (`APIG.03O3`) as the code it is one slip from.
            let (view, read) = slips::read(views::plain(current), &mut |code| {
                !lookup.code_rows(code).is_empty()
            });
            slipped = read;
            // Without a quoted history the text is `current`: its view is made once.
            let format = if std::ptr::eq(current, text) {
                blocks::format_of(&view)
            } else {
                blocks::format_of(&views::plain(text))
            };
            // A label above a block ("Before (fixed since Friday):") may say it is over.
            let (blocks, heads) = labels::cut(&view, blocks::split(&view, foreign, &said));
            (format, blocks, heads)
        }
    };
    if cancel.is_cancelled() {
        // Splitting a large paste is the longest step before the blocks are read: a
        // paste replaced meanwhile (or a window closing) does not wait for the reading.
        return None;
    }
    let history_from = blocks.len();
    if let Some(quoted) = thread.as_ref().map(|t| t.quoted.as_str()) {
        let foreign: Option<&dyn Fn(&str) -> bool> = rows.has_foreign().then_some(&known);
        let said = |line: &str| rows.said_in_line(catalog, line);
        blocks.extend(blocks::split(&views::plain(quoted), foreign, &said));
    }
    let mut found = read_blocks(&blocks, &known, cancel);
    day_month::settle(&mut found, &blocks, text, &mut warnings);
    labels::apply(&mut found, &heads);
    runbook::mark_reference_rows(&mut found, &blocks, text);
    let (found, succeeded) = without_successes(found);
    let found = repeats::once(found);
    if succeeded > 0 {
        warnings.push(successes_warning(succeeded));
    }
    // Text without a code that matches no message is not an error we found; but an error
    // status beside a code only named is the one the paste reports (`we fixed APIG.0308
    // last week, now 401`): kept, without a row, so the code is not taken for it.
    let named = found.iter().any(|f| f.in_passing);
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
            let kept = e.code.is_some()
                || !e.candidates.is_empty()
                || (named && e.http_status.is_some_and(|s| s >= 400));
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
    let mut found = found;
    slips::apply(&mut found, &slipped, catalog);
    let found = history::apply(found, history_from, current, &mut warnings);
    let before = found.len();
    let found = without_codes_not_current(found, &mut warnings);
    let none_current = before > 0 && found.is_empty();
    let found = without_codes_in_passing(found, &mut warnings);
    let documentation = runbook::catalog_copy(&found, catalog);
    if documentation {
        warnings.insert(0, runbook::CATALOG_COPY.into());
    }
    let found = bare::without_repeats(found, &blocks, &mut warnings);
    let found = bare::without_echoes(found, &blocks, &mut warnings);
    // The blocks' copy of the text is not needed past this point.
    drop(blocks);
    let found = negation::apply(found, text, &lookup, &mut warnings);
    let found = quoted_docs::apply(found, current);
    let (errors, mut triage) = triage::triage(found, &lookup, keep_all);
    if text.len() < input.len() {
        triage.cut = Some(Cut {
            analyzed_bytes: MAX_INPUT_BYTES,
            total_bytes: None,
        });
    }
    if errors.is_empty() && none_current {
        warnings.push(
            "No current APIG error found: the paste names APIG codes, but none as an error the customer has now (see above).".into(),
        );
    } else if errors.is_empty() && !unsure {
        warnings.push(not_apig_reason(current));
    }
    Some(Analysis {
        format,
        errors,
        triage,
        warnings,
        documentation,
    })
}

/// The errors, without those the paste says are not current whatever else it holds
/// (resolved, source code, documentation: see `past`), each kind named in a warning.
fn without_codes_not_current(
    found: Vec<FoundError>,
    warnings: &mut Vec<String>,
) -> Vec<FoundError> {
    let never = |e: &FoundError| e.not_now.is_some_and(past::NotNow::never_counted);
    if !found.iter().any(never) {
        return found;
    }
    let (gone, kept): (Vec<FoundError>, Vec<FoundError>) =
        found.into_iter().partition(|e| never(e));
    let mut kinds: Vec<past::NotNow> = gone.iter().filter_map(|e| e.not_now).collect();
    kinds.sort_unstable_by(|a, b| b.cmp(a));
    kinds.dedup();
    for kind in kinds {
        // A code also reported elsewhere in the paste is counted there: the warning names
        // only the codes it takes out.
        let mut codes: Vec<String> = gone
            .iter()
            .filter(|e| e.not_now == Some(kind))
            .filter_map(|e| e.code.clone())
            .filter(|c| !kept.iter().any(|k| k.code.as_ref() == Some(c)))
            .collect();
        codes.sort_unstable();
        codes.dedup();
        if codes.is_empty() {
            continue;
        }
        warnings.push(format!(
            "Not counted: {}, {}; no status, request id or message of the paste is given to it.",
            codes.join(", "),
            kind.said()
        ));
    }
    kept
}

/// The errors, without those whose code is only named in passing when another error is
/// reported: a ticket that quotes the docs ("APIG.0201 means …") above the customer's
/// response holds one error, and a log line "treating APIG.0308 as retryable" beside
/// the failing call's record is none. Alone, such a code is kept (as a guess: matching
/// never calls it the match) so that a ticket's sentence still finds its row.
fn without_codes_in_passing(
    mut found: Vec<FoundError>,
    warnings: &mut Vec<String>,
) -> Vec<FoundError> {
    if !found.iter().any(|e| e.named_in_passing) {
        return found;
    }
    let alone = found.iter().all(|e| e.named_in_passing);
    let mut kinds: Vec<Option<past::NotNow>> = found
        .iter()
        .filter(|e| e.named_in_passing)
        .map(|e| e.not_now)
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    // The codes reported elsewhere, gathered once: a long log is not read again per code.
    let reported: rustc_hash::FxHashSet<&str> = found
        .iter()
        .filter(|k| !k.named_in_passing)
        .filter_map(|k| k.code.as_deref())
        .collect();
    for kind in kinds {
        let mut codes: Vec<String> = found
            .iter()
            .filter(|e| e.named_in_passing && e.not_now == kind)
            .filter_map(|e| e.code.clone())
            .filter(|c| alone || !reported.contains(c.as_str()))
            .collect();
        codes.sort_unstable();
        codes.dedup();
        if codes.is_empty() {
            continue;
        }
        let how = kind.map_or(
            "only named inside a sentence (quoted, an earlier incident, or a log line that reports no error), not reported by a response or a record",
            past::NotNow::said,
        );
        if !alone {
            warnings.push(format!(
                "Not counted: {}, {how}; no status, request id or message of the paste is given to it.",
                codes.join(", ")
            ));
        } else if matches!(
            kind,
            Some(past::NotNow::Table | past::NotNow::Test | past::NotNow::TestReceived)
        ) {
            // Alone, they are kept as guesses; what they may be is said.
            warnings.push(format!("Read as guesses: {}, {how}.", codes.join(", ")));
        }
    }
    if !alone {
        found.retain(|e| !e.named_in_passing);
    } else {
        // What a test received is the likelier guess: it leads what the test expected.
        found.sort_by_key(|e| e.not_now != Some(past::NotNow::TestReceived));
        // One value a test's report writes twice (`assert 'APIG.0201' == …`, then its
        // diff's `+ APIG.0201`) is one value, not two errors.
        let mut seen: Vec<Option<String>> = Vec::new();
        found.retain(|e| {
            let test = matches!(
                e.not_now,
                Some(past::NotNow::Test | past::NotNow::TestReceived)
            );
            let key = e.code.clone();
            if !test || e.request_id.is_some() || e.http_status.is_some() {
                return true;
            }
            let first = !seen.contains(&key);
            seen.push(key);
            first
        });
    }
    found
}

/// The facts of each block, until `cancel` (then the caller drops what was read).
fn read_blocks(
    blocks: &[blocks::Block],
    known: &dyn Fn(&str) -> bool,
    cancel: &Cancel,
) -> Vec<fields::Fields> {
    blocks
        .iter()
        .enumerate()
        .take_while(|_| !cancel.is_cancelled())
        .flat_map(|(i, b)| {
            let mut found = fields::read_continuing(&b.text, b.first_line.as_deref(), known);
            for f in &mut found {
                f.block = i;
            }
            found
        })
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

/// What of the text could not be read as written: chars replaced because their bytes
/// were not UTF-8 or UTF-16 (a log in GBK or Latin-1), or NUL bytes (a binary file, an
/// encoding not recognized). A code in them is not found: the answer must say so, never
/// only "no APIG error".
fn unread_bytes(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    if text.contains(char::REPLACEMENT_CHARACTER) {
        let n = text.matches(char::REPLACEMENT_CHARACTER).count();
        out.push(format!(
            "{} could not be read (shown as {}): bytes that are not UTF-8 or UTF-16 (a file in GBK or Latin-1?) were replaced, and what they said was not analyzed.",
            crate::wording::count_of(n, "character"),
            char::REPLACEMENT_CHARACTER
        ));
    }
    if text.contains('\0') {
        out.push(
            "The input holds NUL bytes: a binary file, or text in an encoding that was not recognized; only its readable parts were analyzed."
                .into(),
        );
    }
    out
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
    if let Some(reason) = log_statuses(text) {
        return reason;
    }
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

/// Of a log with nothing found, at most this many lines are read for their status: a
/// 16 MB log is not read line by line again to say why it holds no APIG error.
const STATUS_LINES_READ: usize = 10_000;

/// Why a log (lines, not one HTTP response or page) holds no APIG error, by the statuses
/// its lines name: `200 lines, none an APIG error (statuses seen: 200 ×180, 304 ×20)`,
/// or, when any is an error status, that the lines name errors no code or catalog
/// message ties to the gateway (an access log: never "the response succeeded"). None for
/// one response, a page, or a text with a single status that is no error.
fn log_statuses(text: &str) -> Option<String> {
    if blocks::has_status_line(text) || html::is_html(text.trim_start()) {
        return None;
    }
    let mut lines = 0;
    let mut counts: std::collections::BTreeMap<u16, usize> = std::collections::BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        lines += 1;
        if lines <= STATUS_LINES_READ
            && let Some(status) = fields::first_status(line)
        {
            *counts.entry(status).or_default() += 1;
        }
    }
    let with_status: usize = counts.values().sum();
    let errors: usize = counts.range(400..).map(|(_, n)| n).sum();
    if lines < 2 || (errors == 0 && with_status < 2) {
        return None;
    }
    let listed = |range: std::ops::RangeFrom<u16>| {
        let mut by_count: Vec<(u16, usize)> = counts.range(range).map(|(s, n)| (*s, *n)).collect();
        by_count.sort_by_key(|&(s, n)| (std::cmp::Reverse(n), s));
        by_count
            .iter()
            .map(|(s, n)| format!("{s} \u{d7}{n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let read = if lines > STATUS_LINES_READ {
        format!(" in its first {STATUS_LINES_READ} lines")
    } else {
        String::new()
    };
    let all = crate::wording::count_of(lines, "line");
    Some(if errors > 0 {
        let have = if errors == 1 {
            "has an error status"
        } else {
            "have error statuses"
        };
        format!(
            "No APIG code or catalog message in {all}; {} {have}{read} ({}): the tool cannot tell which of them the gateway sent.",
            crate::wording::count_of(errors, "line"),
            listed(400..)
        )
    } else {
        format!(
            "{all}, none an APIG error (statuses seen{read}: {}).",
            listed(0..)
        )
    })
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
mod fresh_eyes_tests;
#[cfg(test)]
mod log_forms_tests;
#[cfg(test)]
mod not_current_tests;
#[cfg(test)]
mod owner_tests;
#[cfg(test)]
mod paste_forms_tests;
#[cfg(test)]
mod prose_tests;
#[cfg(test)]
mod said_facts_tests;
#[cfg(test)]
mod table_tests;
#[cfg(test)]
mod test_report_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod thread_tests;
#[cfg(test)]
mod ticket_forms_tests;
