//! One presentation of an analyzed error, for every front end. The command line's report,
//! the window's paste panel and an incident's Markdown each only format an [`ErrorView`],
//! so wherever an engineer reads an analysis a row is called the same ("Match", "Also
//! possible", "Guess") with the same confidence, the rows come in the same order, the
//! code's other rows are folded the same way, each text of the paste is printed once, and
//! the facts the paste did not show are named.

use serde::{Deserialize, Serialize};

use crate::analysis::{Candidate, FoundError, MATCH_THRESHOLD};
use crate::catalog::Catalog;
use crate::http_status::with_reason;
use crate::wording::count_of;

/// How sure the analysis is that a candidate row is the error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Verdict {
    /// The best row, at or above [`MATCH_THRESHOLD`]: the error, as far as the paste tells.
    Match,
    /// Another row at or above the threshold: the paste fits it as well.
    AlsoPossible,
    /// Below the threshold: worth a look, never the answer.
    Guess,
}

impl Verdict {
    /// The word every front end prints before the row.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Verdict::Match => "Match",
            Verdict::AlsoPossible => "Also possible",
            Verdict::Guess => "Guess",
        }
    }

    /// The verdict of a candidate ranked `first` or not, with `confidence`.
    pub(crate) fn of(first: bool, confidence: f32) -> Self {
        match (first, confidence >= MATCH_THRESHOLD) {
            (true, true) => Verdict::Match,
            (false, true) => Verdict::AlsoPossible,
            (_, false) => Verdict::Guess,
        }
    }
}

/// A confidence in hundredths, as every front end prints it ("0.85"): rounded once, so a
/// row never reads 0.85 in one place and 0.84 in another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) struct Confidence(u8);

impl Confidence {
    fn of(confidence: f32) -> Self {
        // In 0..=100 after the clamp, so the cast neither wraps nor saturates.
        Confidence((confidence.clamp(0.0, 1.0) * 100.0).round() as u8)
    }
}

impl std::fmt::Display for Confidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

/// One candidate row as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct CandidateView {
    /// The row in the catalog the analysis ran against, for the window's links. None in
    /// an incident's stored facts: the catalogs change, a row index would not last.
    #[serde(skip)]
    pub(crate) row: Option<usize>,
    pub(crate) verdict: Verdict,
    pub(crate) confidence: Confidence,
    /// The row in words: "APIG.0303 401 The app authentication details are incorrect.
    /// (Calling APIs)".
    pub(crate) row_text: String,
    /// Why, a sentence each; a long detail of the paste, printed in full among the facts,
    /// is cut short here.
    pub(crate) reasons: Vec<String>,
}

impl CandidateView {
    fn of(catalog: &Catalog, c: &Candidate, verdict: Verdict, detail: Option<&str>) -> Self {
        let row = &catalog.entries[c.row];
        CandidateView {
            row: Some(c.row),
            verdict,
            confidence: Confidence::of(c.confidence),
            row_text: format!(
                "{} {} {} ({})",
                row.code(),
                row.http_status,
                row.message(),
                catalog.source_of(row).title
            ),
            reasons: c.reasons.iter().map(|r| shortened(r, detail)).collect(),
        }
    }

    /// "APIG.0303 401 … (Calling APIs), confidence 1.00": the line after the label.
    pub(crate) fn summary(&self) -> String {
        format!("{}, confidence {}", self.row_text, self.confidence)
    }

    /// "Match: APIG.0303 401 … (Calling APIs), confidence 1.00": the one line every front
    /// end prints for the row.
    pub(crate) fn headline(&self) -> String {
        format!("{}: {}", self.verdict.label(), self.summary())
    }
}

/// The code's other rows beside a sure match, left out of the list and summed up in one
/// line: four guesses of 0.30 under a 1.00 match are noise.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Folded {
    /// The code whose other rows these are (`apig-explorer explain CODE` lists them all).
    pub(crate) code: String,
    /// "4 other rows of APIG.0201 rank below it, confidence ≤ 0.30".
    pub(crate) summary: String,
    /// The rows, for a front end that can unfold them.
    pub(crate) rows: Vec<CandidateView>,
}

impl Folded {
    /// What the folded rows are called everywhere.
    pub(crate) const LABEL: &'static str = "Other variants of this code";

    /// "Other variants of this code: 4 other rows of APIG.0201 rank below it, …".
    pub(crate) fn headline(&self) -> String {
        format!("{}: {}", Self::LABEL, self.summary)
    }
}

/// A fact of the paste, named: ("Request id", "7f0e2d4c…").
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Fact {
    pub(crate) name: String,
    pub(crate) value: String,
}

/// What the paste said of the error, as read from it: from a fresh analysis or from an
/// incident's stored facts alike.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Said<'a> {
    pub(crate) code: Option<&'a str>,
    pub(crate) http_status: Option<u16>,
    pub(crate) message: Option<&'a str>,
    pub(crate) detail: Option<&'a str>,
    pub(crate) request_id: Option<&'a str>,
}

/// An analyzed error as every front end shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ErrorView {
    pub(crate) code: Option<String>,
    pub(crate) http_status: Option<u16>,
    /// The rows shown, best first, each with its verdict.
    pub(crate) candidates: Vec<CandidateView>,
    pub(crate) folded: Option<Folded>,
    pub(crate) warnings: Vec<String>,
    /// Message, detail (only when the message does not already hold it), request id, then
    /// the request's facts (method, host, path, dates, clock skew, …).
    pub(crate) facts: Vec<Fact>,
    /// The facts a ticket needs that the paste did not show ("status", "request id").
    pub(crate) unseen: Vec<&'static str>,
}

impl ErrorView {
    /// What the facts the paste did not show are called.
    pub(crate) const UNSEEN_LABEL: &'static str = "Not read from the paste";

    /// The view of a freshly analyzed error, its rows in `catalog`.
    pub(crate) fn of(catalog: &Catalog, e: &FoundError) -> Self {
        let said = Said {
            code: e.code.as_deref(),
            http_status: e.http_status,
            message: e.message.as_deref(),
            detail: e.detail.as_deref(),
            request_id: e.request_id.as_deref(),
        };
        let (candidates, folded) = rows(catalog, e);
        let evidence = e
            .named_facts()
            .into_iter()
            .map(|(name, value)| (name.to_string(), value));
        ErrorView::new(said, evidence, candidates, folded, e.warnings.clone())
    }

    /// The view of what was said and found, however it was kept.
    pub(crate) fn new(
        said: Said<'_>,
        evidence: impl IntoIterator<Item = (String, String)>,
        candidates: Vec<CandidateView>,
        folded: Option<Folded>,
        warnings: Vec<String>,
    ) -> Self {
        let detail = said.detail.filter(|d| !within_message(d, said.message));
        let facts = [
            ("Message", said.message),
            ("Detail", detail),
            ("Request id", said.request_id),
        ]
        .into_iter()
        .filter_map(|(name, value)| Some((name.to_string(), value?.to_string())))
        .chain(evidence)
        .map(|(name, value)| Fact { name, value })
        .collect();
        let unseen = [
            ("code", said.code.is_none()),
            ("status", said.http_status.is_none()),
            ("message", said.message.is_none()),
            ("request id", said.request_id.is_none()),
        ]
        .into_iter()
        .filter_map(|(name, missing)| missing.then_some(name))
        .collect();
        ErrorView {
            code: said.code.map(str::to_string),
            http_status: said.http_status,
            candidates,
            folded,
            warnings,
            facts,
            unseen,
        }
    }

    /// "APIG.0303 (401 Unauthorized)", "no code (status unknown)".
    pub(crate) fn heading(&self) -> String {
        let status = self
            .http_status
            .map_or("status unknown".to_string(), with_reason);
        format!("{} ({status})", self.code.as_deref().unwrap_or("no code"))
    }

    /// "Not read from the paste: status, request id" as a fact, when the paste lacked any.
    pub(crate) fn unseen_fact(&self) -> Option<Fact> {
        (!self.unseen.is_empty()).then(|| Fact {
            name: Self::UNSEEN_LABEL.to_string(),
            value: self.unseen.join(", "),
        })
    }
}

/// The rows to show and those folded: under a match (1.00, or 0.5 or more) the other
/// rows of its code are summed up in one line (four guesses of 0.45 under a match are
/// noise); under an exact match the other codes' rows are not shown either (code, status
/// and message agree); without a match every candidate is shown.
fn rows(catalog: &Catalog, e: &FoundError) -> (Vec<CandidateView>, Option<Folded>) {
    let detail = e.detail.as_deref();
    let view = |c: &Candidate, first: bool| {
        CandidateView::of(catalog, c, Verdict::of(first, c.confidence), detail)
    };
    let (shown, variants) = e.shown_and_folded(catalog);
    let folded = variants_summary(catalog, &variants).map(|(code, summary)| Folded {
        code,
        summary,
        rows: variants.iter().map(|c| view(c, false)).collect(),
    });
    let shown = shown
        .into_iter()
        .enumerate()
        .map(|(n, c)| view(c, n == 0))
        .collect();
    (shown, folded)
}

/// The code of the folded rows, and the rows in one line: "4 other rows of APIG.0201
/// rank below it, confidence ≤ 0.30". Only the rows weighed (the code may have more:
/// `explain` lists every one). None when there are none.
fn variants_summary(catalog: &Catalog, variants: &[&Candidate]) -> Option<(String, String)> {
    let code = catalog.entries.get(variants.first()?.row)?.code();
    let best = variants.iter().map(|c| c.confidence).fold(0.0, f32::max);
    let rank = if variants.len() == 1 { "ranks" } else { "rank" };
    let summary = format!(
        "{} of {code} {rank} below it, confidence ≤ {}",
        count_of(variants.len(), "other row"),
        Confidence::of(best)
    );
    Some((code.to_string(), summary))
}

/// Whether the message already holds the detail (the gateway's message carries its
/// detail, e.g. the canonical request it echoes): then the detail is not printed again.
fn within_message(detail: &str, message: Option<&str>) -> bool {
    message.is_some_and(|m| m.contains(detail.trim()))
}

/// A detail longer than this is cut short in the reasons that quote it.
const LONG_DETAIL_CHARS: usize = 60;
/// At most this much of a long detail is kept in a reason.
const DETAIL_KEPT_CHARS: usize = 40;

/// `reason` with a long detail it quotes cut to its first clause ("verify signature
/// fail…"): the detail is printed in full among the facts, and a canonical request echoed
/// by the gateway is a paragraph that should be read once.
fn shortened(reason: &str, detail: Option<&str>) -> String {
    let Some(detail) = detail.map(str::trim) else {
        return reason.to_string();
    };
    if detail.chars().count() <= LONG_DETAIL_CHARS || !reason.contains(detail) {
        return reason.to_string();
    }
    let clause: String = detail
        .chars()
        .take_while(|c| !matches!(c, ',' | ':' | ';' | '|'))
        .take(DETAIL_KEPT_CHARS)
        .collect();
    reason.replace(detail, &format!("{}…", clause.trim_end()))
}

#[cfg(test)]
#[path = "view_tests.rs"]
mod tests;
