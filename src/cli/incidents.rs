//! `incidents` and `history`: what the window keeps, read from its store (never created
//! by reading): the incidents as a list or one as Markdown, the pastes it analyzed.

use std::io::Write;

use serde::Serialize;

use super::{CliError, Found, IncidentsAction};
use crate::catalog::Catalog;
use crate::history::HistoryGroup;
use crate::incident::{Incident, StepStatus};
use crate::session::{Store, data_dir, load_strict};

#[derive(Serialize)]
struct Row<'a> {
    id: u64,
    name: &'a str,
    code: &'a str,
    http_status: u16,
    catalog: &'a str,
    done: usize,
    total: usize,
    started: &'a str,
    updated: &'a str,
}

pub(super) fn incidents(
    action: Option<IncidentsAction>,
    json: bool,
    out: &mut dyn Write,
) -> Result<Found, CliError> {
    let Some(store) = read_store()? else {
        eprintln!("no incidents yet (the window has not saved any)");
        return Ok(Found::No);
    };
    let (contents, problems) = store.contents();
    for problem in &problems {
        eprintln!("{problem}");
    }
    let book = contents.incidents;
    match action {
        Some(IncidentsAction::Export { incident }) => {
            let incident = named(&book.incidents, &incident)?;
            let paths = contents.stored_catalog_paths;
            // Titles come from the catalogs the window had; the embedded ones suffice.
            let catalog = load_strict(&paths).map_or_else(|_| Catalog::embedded(), |(c, _)| c);
            writeln!(out, "{}", incident.markdown(&catalog))?;
            Ok(Found::Yes)
        }
        None => list(&book.incidents, json, out),
    }
}

/// The open incident `wanted` names: its id, else its name (case and surrounding spaces
/// aside). A name several incidents share names none of them.
fn named<'a>(incidents: &'a [Incident], wanted: &str) -> Result<&'a Incident, CliError> {
    let wanted = wanted.trim();
    if let Ok(id) = wanted.parse::<u64>()
        && let Some(incident) = incidents.iter().find(|i| i.id == id)
    {
        return Ok(incident);
    }
    let folded = wanted.to_lowercase();
    let same: Vec<&Incident> = incidents
        .iter()
        .filter(|i| !i.name.trim().is_empty() && i.name.trim().to_lowercase() == folded)
        .collect();
    match same.as_slice() {
        [one] => Ok(one),
        [] => Err(CliError::UnknownIncident(wanted.to_string())),
        several => Err(CliError::AmbiguousIncident {
            name: wanted.to_string(),
            count: several.len(),
            ids: several
                .iter()
                .map(|i| i.id.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

fn list(incidents: &[Incident], json: bool, out: &mut dyn Write) -> Result<Found, CliError> {
    let rows: Vec<Row> = incidents.iter().map(row).collect();
    print_rows(&rows, json, out, |r| {
        format!(
            "{:>4}  {:<10} {:>3}  {:>2}/{:<2}  {}  {}",
            r.id, r.code, r.http_status, r.done, r.total, r.updated, r.name
        )
    })
}

/// The listing's rows as one JSON array, or a line each; "found" when there is a row.
fn print_rows<T: Serialize>(
    rows: &[T],
    json: bool,
    out: &mut dyn Write,
    line: impl Fn(&T) -> String,
) -> Result<Found, CliError> {
    if json {
        let text = super::json::to_json(&rows)?;
        writeln!(out, "{text}")?;
    } else {
        for r in rows {
            writeln!(out, "{}", line(r))?;
        }
    }
    Ok(if rows.is_empty() {
        Found::No
    } else {
        Found::Yes
    })
}

fn row(i: &Incident) -> Row<'_> {
    let done = i
        .steps
        .iter()
        .filter(|s| s.status != StepStatus::Todo)
        .count();
    let updated = i
        .steps
        .iter()
        .filter_map(|s| s.changed.as_deref())
        .chain(std::iter::once(i.started.as_str()))
        .max()
        .unwrap_or_default();
    Row {
        id: i.id,
        name: &i.name,
        code: &i.row.code,
        http_status: i.row.http_status,
        catalog: &i.row.catalog,
        done,
        total: i.steps.len(),
        started: &i.started,
        updated,
    }
}

/// A history entry as `history --json` prints it: `errors` is every error the paste's
/// analysis found, `codes` its groups (code, status, count) at paste time.
#[derive(Serialize)]
struct HistoryRow<'a> {
    time: &'a str,
    codes: &'a [HistoryGroup],
    http_status: Option<u16>,
    request_id: Option<&'a str>,
    errors: usize,
    /// False for an entry older than the counts kept at paste time: `errors` is then of
    /// the errors kept in full (at most 100 a group), a lower bound.
    errors_exact: bool,
    /// The paste's size; null for an entry older than this field.
    total_bytes: Option<usize>,
    /// The history kept only the beginning of the paste.
    text_cut: bool,
    first_line: &'a str,
    /// `APIG.0308 x4032, APIG.0101`, for the text listing.
    #[serde(skip)]
    summary: Option<&'a str>,
    /// `7944 errors`, `at least 848 errors`, for the text listing.
    #[serde(skip)]
    errors_text: String,
}

/// The window's store, read as it is: never created, upgraded, set aside or written. An
/// error (locked, damaged, from a newer version) is the command's answer, not "nothing".
fn read_store() -> Result<Option<Store>, CliError> {
    let Some(dir) = data_dir() else {
        return Ok(None);
    };
    Store::open_read_only(&dir).map_err(|source| CliError::ReadStore {
        path: dir.join(crate::session::STORE_FILE),
        source,
    })
}

pub(super) fn history(query: &str, json: bool, out: &mut dyn Write) -> Result<Found, CliError> {
    let Some(store) = read_store()? else {
        eprintln!("no history yet (the window has analyzed nothing)");
        return Ok(Found::No);
    };
    for problem in store.reminders() {
        eprintln!("{problem}");
    }
    let entries = store.search_history(query)?;
    let rows: Vec<HistoryRow> = entries
        .iter()
        .map(|e| HistoryRow {
            time: &e.time,
            codes: &e.groups,
            http_status: e.http_status,
            request_id: e.request_id.as_deref(),
            errors: e.errors,
            errors_exact: e.total_bytes.is_some(),
            errors_text: e.errors_text(),
            total_bytes: e.total_bytes,
            text_cut: e.is_cut(),
            summary: e.code.as_deref(),
            first_line: e
                .text
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or_default(),
        })
        .collect();
    print_rows(&rows, json, out, |r| {
        format!(
            "{}  {:>12}  {:<10} {:>3}  {:<32}  {}",
            r.time,
            r.errors_text,
            r.summary.unwrap_or("-"),
            r.http_status.map_or("-".into(), |s| s.to_string()),
            r.request_id.unwrap_or("-"),
            r.first_line
        )
    })
}
