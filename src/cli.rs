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

    /// Load another catalog (the app's TOML format, or an RST "Error Codes" page) next
    /// to the embedded ones; repeatable. The window remembers it for the next start.
    #[arg(long = "catalog", value_name = "FILE")]
    pub catalogs: Vec<PathBuf>,

    /// Print when the first frame is on screen, then close (startup measurement in
    /// benches/).
    #[arg(long, hide = true)]
    pub exit_after_first_frame: bool,
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
        /// Also search this catalog file (TOML or RST); repeatable.
        #[arg(long = "catalog", value_name = "FILE")]
        catalogs: Vec<PathBuf>,
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
        /// Also match against this catalog file (TOML or RST); repeatable.
        #[arg(long = "catalog", value_name = "FILE")]
        catalogs: Vec<PathBuf>,
    },
    /// Convert an RST "Error Codes" page into the app's catalog format (TOML).
    ///
    /// Regenerates a catalog when the documentation changes; what could not be mapped
    /// is reported on standard error.
    Import {
        /// The RST page.
        file: PathBuf,
        /// Write here instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
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
                code: e.code.to_string(),
                http_status: e.http_status,
                message: e.message.to_string(),
                score: hit.score,
            }
        })
        .collect()
}

/// `apig-explorer search`: one row per line, or JSON. Returns the exit status.
pub fn run_search(
    query: &[String],
    json: bool,
    limit: Option<usize>,
    catalogs: &[PathBuf],
    out: &mut dyn Write,
) -> i32 {
    let Some(catalog) = catalog_or_report(catalogs) else {
        return 2;
    };
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
                            code: row.code.to_string(),
                            http_status: row.http_status,
                            message: row.message.to_string(),
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
pub fn run_analyze(
    file: Option<&std::path::Path>,
    json: bool,
    catalogs: &[PathBuf],
    out: &mut dyn Write,
) -> i32 {
    let input = match read_input(file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("apig-explorer: cannot read the input: {e}");
            return 2;
        }
    };
    let Some(catalog) = catalog_or_report(catalogs) else {
        return 2;
    };
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

/// [`catalog_with`], saying on standard error why it failed.
fn catalog_or_report(files: &[PathBuf]) -> Option<Catalog> {
    catalog_with(files)
        .map_err(|e| eprintln!("apig-explorer: {e}"))
        .ok()
}

/// The embedded catalog plus `files`, or the first file that failed and why.
pub fn catalog_with(files: &[PathBuf]) -> Result<Catalog, String> {
    let mut catalog = Catalog::embedded();
    for path in files {
        let loaded = crate::catalog::load_file(path)?;
        for note in &loaded.notes {
            eprintln!("{}: {note}", path.display());
        }
        catalog
            .merge(loaded.catalog)
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(catalog)
}

/// `apig-explorer import`: RST page to the app's TOML; exit 0, or 2 when nothing usable.
pub fn run_import(
    file: &std::path::Path,
    output: Option<&std::path::Path>,
    out: &mut dyn Write,
) -> i32 {
    let text = match std::fs::read(file) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => {
            eprintln!("apig-explorer: {}: {e}", file.display());
            return 2;
        }
    };
    let stem = file
        .file_stem()
        .map_or("catalog".into(), |s| s.to_string_lossy().into_owned());
    let (catalog_file, report) = crate::import::table::import_rst(
        &text,
        &stem,
        &crate::catalog::title_of(&stem),
        &file.display().to_string(),
    );
    for problem in &report.problems {
        eprintln!("{}: {problem}", file.display());
    }
    if report.rows == 0 {
        eprintln!("{}: no error table found", file.display());
        return 2;
    }
    let toml = match toml::to_string(&catalog_file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("apig-explorer: {e}");
            return 2;
        }
    };
    let written = match output {
        Some(path) => std::fs::write(path, &toml).map_err(|e| format!("{}: {e}", path.display())),
        None => out.write_all(toml.as_bytes()).map_err(|e| e.to_string()),
    };
    match written {
        Ok(()) => {
            eprintln!(
                "{}: {} rows from {} tables{}",
                file.display(),
                report.rows,
                report.tables,
                if report.extra_columns.is_empty() {
                    String::new()
                } else {
                    format!("; extra columns kept: {}", report.extra_columns.join(", "))
                }
            );
            0
        }
        Err(e) => {
            eprintln!("apig-explorer: {e}");
            2
        }
    }
}
