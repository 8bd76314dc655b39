//! The JSON the subcommands print: catalog rows spelled out by catalog id, code, status
//! and message, so a script never sees row indices.

use serde::Serialize;

use crate::analysis::{Analysis, Evidence, Triage};
use crate::catalog::Catalog;
use crate::report::view::Verdict;

/// `value` as indented JSON, the form every `--json` prints.
pub(crate) fn to_json(value: &impl Serialize) -> Result<String, super::CliError> {
    serde_json::to_string_pretty(value).map_err(|e| super::CliError::Encode(e.to_string()))
}

/// `value` as pretty JSON with every string in it redacted. The serialized text is never
/// redacted as a whole: a rule that takes a value to the end of its line would take the
/// closing quote and comma with it, and the output would no longer be JSON.
pub(crate) fn to_redacted_json(value: &impl Serialize) -> Result<String, super::CliError> {
    let mut tree =
        serde_json::to_value(value).map_err(|e| super::CliError::Encode(e.to_string()))?;
    redact_strings(&mut tree);
    to_json(&tree)
}

fn redact_strings(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) => *s = crate::redact::redact(s),
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact_strings),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(redact_strings),
        serde_json::Value::Null | serde_json::Value::Bool(_) | serde_json::Value::Number(_) => {}
    }
}

/// One search result as `search --json` prints it.
#[derive(Debug, Serialize, PartialEq)]
pub(crate) struct SearchRow {
    pub(crate) catalog: String,
    pub(crate) code: String,
    pub(crate) http_status: u16,
    pub(crate) message: String,
    pub(crate) score: i64,
    /// It matched every meaningful word of the query.
    pub(crate) complete: bool,
    /// The query names this row: it is first, complete, tied with no row, and clearly
    /// ahead of the next complete row. False for every other row; when the first row is
    /// complete and untied but not sure, its `why` names the row that scores nearly as
    /// well and says "unsure".
    pub(crate) sure: bool,
    /// How many other rows have the same score: when any, the query does not tell this
    /// row from them, and `why` says so.
    pub(crate) tied: usize,
    /// How each word matched ("\"hangs\" means \"timeout\" (vocabulary), in the message").
    pub(crate) why: Vec<String>,
}

/// `analyze --json` output: the analysis with catalog rows spelled out.
#[derive(Debug, Serialize)]
pub(crate) struct AnalysisReport {
    pub format: String,
    pub errors: Vec<ErrorReport>,
    pub triage: Triage,
    pub warnings: Vec<String>,
    /// The paste is a copy of the catalog's table (documentation): `errors` are its rows,
    /// as guesses, and `triage` counts rows, not errors the customer had. Absent otherwise.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub documentation: bool,
    /// The team folder's notes about the matched rows (absent without any).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub team_notes: Vec<super::team::NoteRow>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ErrorReport {
    pub(crate) code: Option<String>,
    pub(crate) message: Option<String>,
    pub(crate) detail: Option<String>,
    pub(crate) http_status: Option<u16>,
    pub(crate) request_id: Option<String>,
    /// `2026-11-27T06:38:01Z`: RFC 3339 UTC; a time whose zone is not known is written
    /// without the `Z` (`2026-11-27T06:38:01`, as the log wrote it).
    pub(crate) seen_at: Option<String>,
    /// What `seen_at` is: `UTC`, `as written in the log, zone not given`, ...
    pub(crate) time_zone: Option<String>,
    pub(crate) evidence: Evidence,
    pub(crate) candidates: Vec<CandidateReport>,
    pub(crate) warnings: Vec<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct CandidateReport {
    /// `match`, `also_possible` or `guess`: the words the window and the text report use.
    pub(crate) verdict: Verdict,
    pub(crate) catalog: String,
    pub(crate) code: String,
    pub(crate) http_status: u16,
    pub(crate) message: String,
    pub(crate) confidence: f32,
    pub(crate) reasons: Vec<String>,
}

impl AnalysisReport {
    pub(crate) fn new(catalog: &Catalog, analysis: &Analysis) -> Self {
        let errors = analysis
            .errors
            .iter()
            .map(|e| ErrorReport {
                code: e.code.clone(),
                message: e.message.clone(),
                detail: e.detail.clone(),
                http_status: e.http_status,
                request_id: e.request_id.clone(),
                seen_at: e.seen_at.map(|s| s.json()),
                time_zone: e.seen_at.map(|s| s.zone.label()),
                evidence: e.evidence.clone(),
                candidates: e
                    .candidates
                    .iter()
                    .enumerate()
                    .map(|(n, c)| {
                        let row = &catalog.entries[c.row];
                        CandidateReport {
                            verdict: Verdict::of(n == 0, c.confidence),
                            catalog: catalog.source_of(row).id.clone(),
                            code: row.code().to_string(),
                            http_status: row.http_status,
                            message: row.message().to_string(),
                            confidence: (c.confidence * 100.0).round() / 100.0,
                            reasons: c.reasons.clone(),
                        }
                    })
                    .collect(),
                warnings: e.warnings.clone(),
            })
            .collect();
        AnalysisReport {
            format: analysis.format.clone(),
            errors,
            triage: analysis.triage.clone(),
            warnings: analysis.warnings.clone(),
            documentation: analysis.documentation,
            team_notes: Vec::new(),
        }
    }
}
