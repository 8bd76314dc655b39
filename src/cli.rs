//! The command line: the window by default, and subcommands that print what the window
//! would show, for scripts and tickets.

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::analysis::{Analysis, analyze};
use crate::catalog::Catalog;
use crate::report::{analysis_text, explain_markdown};
use crate::search::SearchIndex;

#[derive(Parser, Debug)]
#[command(
    name = "apig-explorer",
    version,
    about = "Explore API Gateway (APIG) error codes: \
search the catalog, read the solution, copy it into the ticket."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Open the window, save a screenshot of it to this PNG file, and exit.
    #[arg(long, value_name = "FILE.png", global = false)]
    pub screenshot: Option<PathBuf>,

    /// Open the window with this search instead of the last one.
    #[arg(long, value_name = "TEXT")]
    pub query: Option<String>,

    /// Open the window with this file pasted and analyzed (a response, log or HAR).
    #[arg(long, value_name = "FILE")]
    pub paste: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print the catalog rows matching a search, best first (as the window ranks them).
    Search {
        /// Words, a code in any spelling (APIG.0308, 0308, "APIG 0308") or a status (429).
        #[arg(required = true)]
        query: Vec<String>,
        /// Print a JSON array of {catalog, code, http_status, message, score}.
        #[arg(long)]
        json: bool,
        /// Print at most this many rows.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// Find the APIG errors in a pasted response, log, SDK exception or HAR file.
    ///
    /// Exit status: 0 when an APIG error was identified, 1 when none was, 2 when the
    /// input could not be read.
    Analyze {
        /// The file to read; standard input when absent or `-`.
        file: Option<PathBuf>,
        /// Print one JSON object: {format, errors: [{code, message, http_status,
        /// request_id, candidates: [{catalog, code, http_status, message, confidence,
        /// reasons}], warnings}], warnings}.
        #[arg(long)]
        json: bool,
    },
    /// Print a code's catalog rows and their remediation checklists as Markdown.
    Explain {
        /// The code, in any spelling (APIG.0201, 0201, "APIG 0201").
        code: String,
        /// Only the row with this HTTP status (every variant of the code otherwise).
        #[arg(long, value_name = "N")]
        status: Option<u16>,
        /// Only rows of this catalog.
        #[arg(long, value_name = "calling|managing")]
        catalog: Option<String>,
    },
}

/// One search result as `search --json` prints it.
#[derive(Debug, Serialize, PartialEq)]
pub struct SearchRow {
    pub catalog: String,
    pub code: String,
    pub http_status: u16,
    pub message: String,
    pub score: i64,
}

/// The ranked rows for `query`, at most `limit`.
pub fn search_rows(catalog: &Catalog, query: &str, limit: Option<usize>) -> Vec<SearchRow> {
    let index = SearchIndex::new(catalog);
    index
        .search(query)
        .into_iter()
        .take(limit.unwrap_or(usize::MAX))
        .map(|hit| {
            let e = &catalog.entries[hit.row];
            SearchRow {
                catalog: catalog.source_of(e).id.clone(),
                code: e.code.clone(),
                http_status: e.http_status,
                message: e.message.clone(),
                score: hit.score,
            }
        })
        .collect()
}

/// `apig-explorer search`: one row per line, or JSON. Returns the exit status.
pub fn run_search(query: &[String], json: bool, limit: Option<usize>, out: &mut dyn Write) -> i32 {
    let catalog = Catalog::embedded();
    let rows = search_rows(&catalog, &query.join(" "), limit);
    let written = if json {
        serde_json::to_string_pretty(&rows)
            .map_err(std::io::Error::other)
            .and_then(|s| writeln!(out, "{s}"))
    } else {
        rows.iter().try_for_each(|r| {
            writeln!(
                out,
                "{:<10} {:>3}  {:<9} {}",
                r.code, r.http_status, r.catalog, r.message
            )
        })
    };
    match written {
        Ok(()) if rows.is_empty() && !json => {
            eprintln!("no catalog row matches {:?}", query.join(" "));
            1
        }
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("apig-explorer: {e}");
            2
        }
    }
}

/// `analyze --json` output: the analysis with catalog rows spelled out.
#[derive(Debug, Serialize)]
pub struct AnalysisReport {
    pub format: String,
    pub errors: Vec<ErrorReport>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ErrorReport {
    pub code: Option<String>,
    pub message: Option<String>,
    pub detail: Option<String>,
    pub http_status: Option<u16>,
    pub request_id: Option<String>,
    pub evidence: crate::analysis::Evidence,
    pub candidates: Vec<CandidateReport>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct CandidateReport {
    pub catalog: String,
    pub code: String,
    pub http_status: u16,
    pub message: String,
    pub confidence: f32,
    pub reasons: Vec<String>,
}

impl AnalysisReport {
    pub fn new(catalog: &Catalog, analysis: &Analysis) -> Self {
        let errors = analysis
            .errors
            .iter()
            .map(|e| ErrorReport {
                code: e.code.clone(),
                message: e.message.clone(),
                detail: e.detail.clone(),
                http_status: e.http_status,
                request_id: e.request_id.clone(),
                evidence: e.evidence.clone(),
                candidates: e
                    .candidates
                    .iter()
                    .map(|c| {
                        let row = &catalog.entries[c.row];
                        CandidateReport {
                            catalog: catalog.source_of(row).id.clone(),
                            code: row.code.clone(),
                            http_status: row.http_status,
                            message: row.message.clone(),
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
            warnings: analysis.warnings.clone(),
        }
    }
}

/// `apig-explorer analyze`: returns the exit status (0 identified, 1 not, 2 unreadable).
pub fn run_analyze(file: Option<&std::path::Path>, json: bool, out: &mut dyn Write) -> i32 {
    let input = match read_input(file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("apig-explorer: cannot read the input: {e}");
            return 2;
        }
    };
    let catalog = Catalog::embedded();
    let analysis = analyze(&input, &catalog);
    let text = if json {
        serde_json::to_string_pretty(&AnalysisReport::new(&catalog, &analysis))
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    } else {
        analysis_text(&catalog, &analysis)
    };
    match writeln!(out, "{text}") {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => 2,
        _ if analysis.identified() => 0,
        _ => 1,
    }
}

/// The file, or standard input for None and `-`. Bytes that are not UTF-8 are replaced,
/// not refused: a log with one bad byte is still worth reading.
pub fn read_input(file: Option<&std::path::Path>) -> std::io::Result<String> {
    let bytes = match file {
        Some(path) if path.as_os_str() != "-" => std::fs::read(path)?,
        _ => {
            let mut buf = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)?;
            buf
        }
    };
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `apig-explorer explain`: the rows and checklists, or exit 1 when none match.
pub fn run_explain(
    code: &str,
    status: Option<u16>,
    catalog_id: Option<&str>,
    out: &mut dyn Write,
) -> i32 {
    let catalog = Catalog::embedded();
    let wanted = crate::analysis::catalog_code(code);
    let rows: Vec<usize> = (0..catalog.entries.len())
        .filter(|&r| {
            let e = &catalog.entries[r];
            e.code.eq_ignore_ascii_case(&wanted)
                && status.is_none_or(|s| s == e.http_status)
                && catalog_id.is_none_or(|c| c == catalog.source_of(e).id)
        })
        .collect();
    if rows.is_empty() {
        eprintln!(
            "no catalog row for {wanted}{}",
            status
                .map(|s| format!(" with status {s}"))
                .unwrap_or_default()
        );
        return 1;
    }
    match writeln!(out, "{}", explain_markdown(&catalog, &rows)) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => 2,
        _ => 0,
    }
}
