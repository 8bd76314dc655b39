//! The subcommands. Each prints to `out` and says what it found; failures are
//! [`CliError`]s, turned into messages and exit statuses by [`super::run`].

use std::io::Write;
use std::path::{Path, PathBuf};

use super::json::{AnalysisReport, SearchRow};
use super::team::{NoteRow, TeamUse};
use super::{CliError, Command, Found};
use crate::analysis::{analyze_every, analyze_with_phrases};
use crate::catalog::{Catalog, catalog_code, code_digits, normalize_code};
use crate::import::{import_rst, read_bounded, title_of};
use crate::redact::redact;
use crate::report::{analysis_text, explain_markdown};
use crate::search::{Hit, SearchIndex};
use crate::session::{
    HandoffError, Indexed, cache_dir, hand_off, load_indexed, load_strict, read_input,
};

pub(super) fn dispatch(
    command: Command,
    global: &[PathBuf],
    team: Option<&Path>,
    out: &mut dyn Write,
) -> Result<Found, CliError> {
    let with_global = |own: Vec<PathBuf>| [global, &own].concat();
    // Only the subcommands that use the team folder read it.
    let team_use = || TeamUse::load(team);
    match command {
        Command::Search {
            query,
            json,
            limit,
            catalogs,
        } => search(
            &query.join(" "),
            json,
            limit,
            &with_global(catalogs),
            &team_use()?,
            out,
        ),
        Command::Analyze {
            file,
            json,
            all,
            catalogs,
            no_redact,
        } => analyze_input(
            file.as_deref(),
            Shape { json, all },
            !no_redact,
            &with_global(catalogs),
            &team_use()?,
            out,
        ),
        Command::Import { file, output } => import(&file, output.as_deref(), out),
        Command::Incidents { action, json } => super::incidents::incidents(action, json, out),
        Command::Send { file } => send(file.as_deref(), out),
        Command::InstallDesktop { uninstall } => super::desktop::install(uninstall, out),
        Command::History { query, json } => super::incidents::history(&query.join(" "), json, out),
        Command::Signcheck {
            file,
            body,
            secret_file,
            json,
        } => super::signcheck::signcheck(
            file.as_deref(),
            body.as_deref(),
            secret_file.as_deref(),
            json,
            out,
        ),
        Command::Explain {
            code,
            status,
            catalog_id,
            catalogs,
        } => explain(
            &code,
            status,
            catalog_id.as_deref(),
            &with_global(catalogs),
            &team_use()?,
            out,
        ),
        Command::Notes { action, code, json } => {
            super::team::notes(team, code.as_deref(), action, json, out)
        }
    }
}

/// The embedded catalog plus `files`, with import notes on standard error.
fn catalog_with(files: &[PathBuf]) -> Result<Catalog, CliError> {
    let (catalog, notes) = load_strict(files)?;
    for note in notes {
        eprintln!("{note}");
    }
    Ok(catalog)
}

/// `search`: one row per line, or JSON; no row is [`Found::No`].
fn search(
    query: &str,
    json: bool,
    limit: Option<u32>,
    catalogs: &[PathBuf],
    team: &TeamUse,
    out: &mut dyn Write,
) -> Result<Found, CliError> {
    let Indexed {
        catalog,
        index,
        notes,
        ..
    } = load_indexed(cache_dir().as_deref(), &team.catalogs(catalogs))?;
    for note in notes {
        eprintln!("{note}");
    }
    if let Some(t) = &team.team {
        t.apply_to(&index, &catalog);
    }
    let limit = limit.map_or(usize::MAX, |n| n as usize);
    let results = index.search_results(query);
    // The first row that matched every word and ties with none but is not sure: the rows
    // that match nearly as well are named in its why.
    let doubt = index.close_doubt(&catalog, &results);
    let all = &results.hits;
    // Rows with the same score as another: their order is no answer (a bare status
    // matches every row of it equally), and the output says so.
    let mut same_score: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    for h in all {
        *same_score.entry(h.score).or_default() += 1;
    }
    let hits: Vec<Hit> = all.iter().copied().take(limit).collect();
    // Only JSON prints why, and only for the rows it prints: a sentence matches most of
    // a big catalog, and why reads each row's words again.
    let mut whys = if json {
        let rows: Vec<usize> = hits.iter().map(|h| h.row).collect();
        index.why_each(&catalog, &rows, query)
    } else {
        Vec::new()
    }
    .into_iter();
    let rows: Vec<SearchRow> = hits
        .into_iter()
        .enumerate()
        .map(|(at, hit)| {
            let e = &catalog.entries[hit.row];
            SearchRow {
                catalog: catalog.source_of(e).id.clone(),
                code: e.code().to_string(),
                http_status: e.http_status,
                message: e.message().to_string(),
                score: hit.score,
                complete: hit.complete,
                sure: hit.sure,
                tied: same_score
                    .get(&hit.score)
                    .map_or(0, |n| n.saturating_sub(1)),
                why: whys
                    .next()
                    .unwrap_or_default()
                    .iter()
                    .map(ToString::to_string)
                    .chain(tie_note(&same_score, hit.score))
                    .chain(doubt.as_ref().filter(|_| at == 0).map(ToString::to_string))
                    .collect(),
            }
        })
        .collect();
    if json {
        let text = super::json::to_json(&rows)?;
        writeln!(out, "{text}")?;
    } else {
        // Columns as wide as their longest value: imported catalogs have long ids.
        let code_width = rows.iter().map(|r| r.code.len()).max().unwrap_or(0);
        let id_width = rows.iter().map(|r| r.catalog.len()).max().unwrap_or(0);
        for r in &rows {
            writeln!(
                out,
                "{:<code_width$} {:>3}  {:<id_width$}  {}",
                r.code, r.http_status, r.catalog, r.message
            )?;
        }
        if rows.is_empty() && !results.vague {
            let hint = index
                .suggest(query)
                .map(|s| format!("; did you mean {s:?}?"))
                .unwrap_or_default();
            eprintln!("no catalog row matches {query:?}{hint}");
        }
    }
    // Words that only say something failed name no error, whether or not rows hold them.
    if rows.is_empty() && results.vague {
        eprintln!("no catalog row matches {query:?}: it says that something failed, not what");
    }
    Ok(if rows.is_empty() {
        Found::No
    } else {
        Found::Yes
    })
}

/// A row that shares its score with others is not singled out by the query: unsure.
fn tie_note(same_score: &std::collections::HashMap<i64, usize>, score: i64) -> Option<String> {
    let others = same_score
        .get(&score)
        .copied()
        .unwrap_or(1)
        .saturating_sub(1);
    (others > 0).then(|| {
        format!("{others} other row(s) match exactly as well: the order among them is no answer (unsure)")
    })
}

/// How `analyze` prints: JSON or text, every error or one of each group.
struct Shape {
    json: bool,
    all: bool,
}

/// `analyze`: an APIG error found is [`Found::Yes`].
fn analyze_input(
    file: Option<&Path>,
    shape: Shape,
    redacted: bool,
    catalogs: &[PathBuf],
    team: &TeamUse,
    out: &mut dyn Write,
) -> Result<Found, CliError> {
    let input = read_input(file).map_err(super::unreadable(file))?;
    let catalog = catalog_with(&team.catalogs(catalogs))?;
    // The search index is built only for a message no catalog message matched.
    let index: std::cell::OnceCell<SearchIndex> = std::cell::OnceCell::new();
    let phrases = |message: &str| {
        index
            .get_or_init(|| SearchIndex::new(&catalog))
            .sure_rows(&catalog, message)
    };
    let analysis = if shape.all {
        analyze_every(&input, &catalog)
    } else {
        analyze_with_phrases(&input, &catalog, &phrases)
    };
    // Each text redacted whole before the report cuts or quotes it, then the report again.
    let analysis = if redacted {
        analysis.redacted(&input)
    } else {
        analysis
    };
    // The team's notes about the rows the errors were matched to.
    let matched: Vec<usize> = analysis
        .errors
        .iter()
        .filter_map(|e| e.matched().map(|c| c.row))
        .collect();
    let notes = team.notes_for_rows(&catalog, &matched);
    if shape.json {
        let mut report = AnalysisReport::new(&catalog, &analysis);
        report.team_notes = notes.iter().map(|n| NoteRow::of(n)).collect();
        let json = if redacted {
            super::json::to_redacted_json(&report)?
        } else {
            super::json::to_json(&report)?
        };
        writeln!(out, "{json}")?;
        return Ok(found(&analysis));
    }
    let text = {
        let mut text = analysis_text(&catalog, &analysis, shape.all);
        if !notes.is_empty() {
            text = format!(
                "{}

{}",
                text.trim_end(),
                crate::team::notes_markdown(&notes).trim_end()
            );
        }
        text
    };
    let text = if redacted { redact(&text) } else { text };
    writeln!(out, "{text}")?;
    Ok(found(&analysis))
}

/// An analysis that found an APIG error is [`Found::Yes`] (see [`Analysis::found_error`]).
///
/// [`Analysis::found_error`]: crate::analysis::Analysis::found_error
fn found(analysis: &crate::analysis::Analysis) -> Found {
    if analysis.found_error() {
        Found::Yes
    } else {
        Found::No
    }
}

/// `explain`: the rows and checklists of a code; none is [`Found::No`].
fn explain(
    code: &str,
    status: Option<u16>,
    catalog_id: Option<&str>,
    catalogs: &[PathBuf],
    team: &TeamUse,
    out: &mut dyn Write,
) -> Result<Found, CliError> {
    let catalog = catalog_with(&team.catalogs(catalogs))?;
    if let Some(id) = catalog_id.filter(|id| !catalog.sources.iter().any(|s| s.id == *id)) {
        let known: Vec<&str> = catalog.sources.iter().map(|s| s.id.as_str()).collect();
        return Err(CliError::UnknownCatalog {
            id: id.to_string(),
            known: known.join(", "),
        });
    }
    let wanted = normalize_code(code);
    let rows: Vec<usize> = (0..catalog.entries.len())
        .filter(|&r| {
            let e = &catalog.entries[r];
            names_code(&wanted, e.code())
                && status.is_none_or(|s| s == e.http_status)
                && catalog_id.is_none_or(|c| c == catalog.source_of(e).id)
        })
        .collect();
    if rows.is_empty() {
        let with_status = status
            .map(|s| format!(" with status {s}"))
            .unwrap_or_default();
        eprintln!("no catalog row for {}{with_status}", catalog_code(code));
        return Ok(Found::No);
    }
    // Each row's checklist, then the team's notes about it and their steps.
    let parts: Vec<String> = rows
        .iter()
        .map(|&row| {
            let notes = team.markdown_for(&catalog, row);
            let own = explain_markdown(&catalog, &[row]);
            if notes.is_empty() {
                own
            } else {
                format!(
                    "{own}

{}",
                    notes.trim_end()
                )
            }
        })
        .collect();
    writeln!(out, "{}", parts.join("\n\n"))?;
    Ok(Found::Yes)
}

/// Whether `wanted` (a normalized code, or its digits alone: `0308`) names `code`.
fn names_code(wanted: &str, code: &str) -> bool {
    let norm = normalize_code(code);
    norm == wanted || (!wanted.contains('.') && code_digits(&norm) == wanted)
}

/// `send`: to the running window, or to a window it starts. "Sent" is said only once a
/// window answered that it holds the text: a window started here is sent the text over
/// the hand-off like a running one, so its answer (saved, or held in memory) is reported
/// too, and a window that closes or does not answer in time is reported as having
/// nothing.
fn send(file: Option<&Path>, out: &mut dyn Write) -> Result<Found, CliError> {
    let text = read_input(file).map_err(super::unreadable(file))?;
    if text.trim().is_empty() {
        return Err(CliError::NothingToSend);
    }
    match hand_off(&text) {
        Ok(delivered) => {
            writeln!(out, "{}", delivered.describe())?;
            Ok(Found::Yes)
        }
        Err(HandoffError::NoWindow) if cfg!(feature = "gui") => {
            let mut window = start_window()?;
            let pid = window.id();
            let delivered = hand_off_to_started(&text, &mut window)
                .map_err(|why| CliError::NotTaken { pid, why })?;
            writeln!(
                out,
                "no window was running: started one (process {pid}); {}",
                delivered.describe()
            )?;
            Ok(Found::Yes)
        }
        Err(e) => Err(e.into()),
    }
}

/// How long a window started by `send` may take to listen for hand-offs (it listens
/// before its first frame; a cold start of a loaded machine takes seconds).
const START_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// Start the window detached, with nothing to show yet.
fn start_window() -> Result<std::process::Child, CliError> {
    use std::process::{Command as Process, Stdio};
    let exe = std::env::current_exe().map_err(CliError::Start)?;
    Process::new(exe)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(CliError::Start)
}

/// Hand `text` to `window`, just started, once it listens; why not when it closed first,
/// failed, or did not listen within [`START_WAIT`].
fn hand_off_to_started(
    text: &str,
    window: &mut std::process::Child,
) -> Result<crate::session::Delivered, String> {
    let deadline = std::time::Instant::now() + START_WAIT;
    loop {
        match hand_off(text) {
            Err(HandoffError::NoWindow) => {}
            Ok(delivered) => return Ok(delivered),
            Err(e) => return Err(format!("the paste was not delivered: {e}")),
        }
        match window.try_wait() {
            Ok(Some(status)) => {
                return Err(format!(
                    "it closed ({status}) before it took the paste; nothing was sent (is there a display?)"
                ));
            }
            Ok(None) => {}
            Err(e) => return Err(format!("it could not be watched ({e}); nothing was sent")),
        }
        if std::time::Instant::now() >= deadline {
            return Err(format!(
                "it did not take the paste within {} s; nothing is known to have arrived: send it again",
                START_WAIT.as_secs()
            ));
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// `import`: an RST page to the app's TOML; a page without an error table fails.
fn import(file: &Path, output: Option<&Path>, out: &mut dyn Write) -> Result<Found, CliError> {
    let text = read_bounded(file, crate::import::MAX_CATALOG_BYTES)?;
    let stem = file
        .file_stem()
        .map_or("catalog".into(), |s| s.to_string_lossy().into_owned());
    let name = file.display().to_string();
    let (catalog_file, report) = import_rst(&text, &stem, &title_of(&stem), &name);
    for problem in &report.problems {
        eprintln!("{name}: {problem}");
    }
    if report.rows == 0 {
        return Err(CliError::NoTable(name));
    }
    let toml = toml::to_string(&catalog_file).map_err(|e| CliError::Encode(e.to_string()))?;
    match output {
        Some(path) => std::fs::write(path, &toml).map_err(|source| CliError::Write {
            path: path.to_path_buf(),
            source,
        })?,
        None => out.write_all(toml.as_bytes())?,
    }
    let extra = if report.extra_columns.is_empty() {
        String::new()
    } else {
        format!("; extra columns kept: {}", report.extra_columns.join(", "))
    };
    eprintln!(
        "{name}: {} from {}{extra}",
        crate::wording::count_of(report.rows, "row"),
        crate::wording::count_of(report.tables, "table")
    );
    Ok(Found::Yes)
}
