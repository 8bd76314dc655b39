//! The command line: the window by default, and subcommands that print what the window
//! would show, for scripts and tickets.

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::catalog::Catalog;
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
