//! The command line: the window by default, and subcommands that print what the window
//! would show, for scripts and tickets. Every subcommand returns a [`Found`] or a
//! [`CliError`]; [`run`] alone turns them into exit statuses and messages, and treats a
//! closed pipe (`| head`) as success.

mod commands;
mod desktop;
mod generate;
mod incidents;
mod json;
mod signcheck;
mod team;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::import::LoadError;
use crate::session::AddError;

#[derive(Parser, Debug)]
#[command(
    name = "apig-explorer",
    version = env!("APIG_VERSION"),
    about = "Explore API Gateway (APIG) error codes: \
search the catalog, read the solution, copy it into the ticket."
)]
/// The command line: options for the window, or a subcommand.
pub struct Cli {
    /// The subcommand; none opens the window.
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

    /// A response, log or HAR file to open the window with, analyzed (as --paste FILE;
    /// what a file manager's "Open with" runs). Of several, the first is opened.
    #[arg(value_name = "FILE", conflicts_with = "paste")]
    pub files: Vec<PathBuf>,

    /// Load another catalog (the app's TOML format, or an RST "Error Codes" page) next
    /// to the embedded ones; repeatable. The window remembers it for the next start;
    /// given before a subcommand, the subcommand uses it too.
    #[arg(long = "catalog", value_name = "FILE")]
    pub catalogs: Vec<PathBuf>,

    /// The team folder (usually a git clone): its notes, catalogs and vocabulary are
    /// read by the window, `search`, `explain`, `analyze` and `notes`. Before or after a
    /// subcommand; else the APIG_EXPLORER_TEAM environment variable.
    #[arg(long, value_name = "DIR", global = true)]
    pub team: Option<PathBuf>,

    /// Print when the first frame is on screen, then close (startup measurement in
    /// benches/).
    #[arg(long, hide = true)]
    pub exit_after_first_frame: bool,

    /// Print when the catalog files are loaded and searchable, then close (measurement
    /// in benches/).
    #[arg(long, hide = true)]
    pub exit_when_searchable: bool,
}

/// The subcommands: each prints what the window would show.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print the catalog rows matching a search, best first (as the window ranks them).
    Search {
        /// Words, a code in any spelling (APIG.0308, 0308, "APIG 0308") or a status (429).
        #[arg(required = true)]
        query: Vec<String>,
        /// Print a JSON array of {catalog, code, http_status, message, score, complete,
        /// sure, tied, why}: `sure` is true only for a first row that matched every word,
        /// ties with no row and leads the next complete row clearly; when it is false for
        /// a complete, untied first row, its `why` names the rows that match nearly as well.
        #[arg(long)]
        json: bool,
        /// Print at most this many rows (1 or more; without it, every matching row).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        limit: Option<u32>,
        /// Also search this catalog file (TOML or RST); repeatable.
        #[arg(long = "catalog", value_name = "FILE")]
        catalogs: Vec<PathBuf>,
    },
    /// Find the APIG errors in a pasted response, log, SDK exception or HAR file.
    ///
    /// A log with several errors prints its triage (counts per catalog row, first and
    /// last seen, sample request ids) and the first error of each group; `--all` prints
    /// every error.
    ///
    /// Exit status: 0 when an APIG error was found (an error code, its catalog row sure
    /// or not, or a message matched to a row); 1 when none was (nothing, or only guessed
    /// rows of text that names no code); 2 when the input could not be read.
    Analyze {
        /// The file to read; standard input when absent or `-`.
        file: Option<PathBuf>,
        /// Print one JSON object: {format, errors: [{code, message, http_status,
        /// request_id, seen_at, candidates: [{verdict, catalog, code, http_status,
        /// message, confidence, reasons}], warnings}], triage: {total, timed, per_minute, cut, groups:
        /// [{code, http_status, status_seen, catalog, message, uncertain, count,
        /// first_seen, last_seen, request_ids, request_id_count, per_minute}]}, warnings,
        /// documentation}; `documentation` is true (else absent) when the paste is a
        /// copy of the catalog's table: its errors are that table's rows, as guesses.
        /// Times are RFC 3339 UTC strings when the log gives their zone; otherwise they are
        /// written without the `Z`, and the `time_zone` fields (of each error, group and the
        /// triage) say what they are.
        /// per_minute is [[minute, errors], ...].
        #[arg(long)]
        json: bool,
        /// Print every error in full, not one of each group (with --json: list every
        /// error, not the first 100 of each group).
        #[arg(long)]
        all: bool,
        /// Also match against this catalog file (TOML or RST); repeatable.
        #[arg(long = "catalog", value_name = "FILE")]
        catalogs: Vec<PathBuf>,
        /// Print credentials found in the input as they are (by default they are
        /// replaced by `[redacted]`, like everywhere the app writes text).
        #[arg(long)]
        no_redact: bool,
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
    /// Say why the gateway rejected an App-authenticated or IAM AK/SK-signed
    /// (SDK-HMAC-SHA256) request.
    ///
    /// Reads a curl -v transcript, raw HTTP request or HAR file; compares the request
    /// as signed with the canonical request the gateway echoes, and with the AppSecret
    /// (for an APIG.0301 AK/SK request: the SK) checks the signature. The secret comes from the APIG_APP_SECRET environment
    /// variable, from --secret-file, or from a prompt that does not echo (when standard
    /// input is a terminal); never from the command line, where the process list shows it.
    /// It is never printed, and never asked for when the input holds no signature to
    /// check. Exit status: 0 when a signed request was analysed; 1 when the input holds
    /// none, its Authorization header is redacted (verdict "authorization_redacted": paste
    /// the transcript as it was sent), or it is cut before the header or inside the
    /// signature (verdict "incomplete"); 2 when it cannot be read. Verdict "body_needed":
    /// the request sent a body the paste does not show; give it with --body.
    Signcheck {
        /// The transcript; standard input when absent or `-`.
        file: Option<PathBuf>,
        /// The exact request body (curl -v does not show it).
        #[arg(long, value_name = "FILE")]
        body: Option<PathBuf>,
        /// A file holding the AppSecret, or the SK (a trailing newline is ignored).
        #[arg(long, value_name = "FILE")]
        secret_file: Option<PathBuf>,
        /// Print one JSON object: {verdict, findings: [{kind, detail, action, certainty,
        /// variant?}], notes, canonical_request, gateway_canonical_request, string_to_sign,
        /// signature_sent, signature_computed, reading, variants_tried, credential ("app"
        /// or "aksk"), access (the AppKey or AK), accepted (the 2xx status, when the gateway
        /// accepted the request)}.
        #[arg(long)]
        json: bool,
    },
    /// Hand a response to the running window, which comes to the front and analyzes it;
    /// with no window running, start one with it.
    ///
    /// `curl -sv https://… 2>&1 | apig-explorer send`
    Send {
        /// The file to send; standard input when absent or `-`.
        file: Option<PathBuf>,
    },
    /// Add the app to the desktop's launcher: a .desktop entry and the icon under the
    /// user's XDG data directory (`--uninstall` removes them).
    InstallDesktop {
        /// Remove the entry and the icon instead.
        #[arg(long)]
        uninstall: bool,
    },
    /// Print the pastes the window analyzed, newest first (time, code, status, request
    /// id, first line), those matching QUERY when given: a code, a status, a request id
    /// or its beginning, or words of the (redacted) paste.
    History {
        /// What to look for; every entry without it.
        query: Vec<String>,
        /// Print a JSON array of {time, code, http_status, request_id, errors, first_line}.
        #[arg(long)]
        json: bool,
    },
    /// List the incidents the window keeps (id, name, code, status, progress, updated),
    /// or print one as the Markdown the window copies.
    Incidents {
        /// What to do with one incident; listing them without it.
        #[command(subcommand)]
        action: Option<IncidentsAction>,
        /// Print a JSON array of {id, name, code, http_status, catalog, done, total,
        /// started, updated}.
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
        /// Only rows of this catalog (its id: calling, managing, or a loaded file's).
        #[arg(long = "catalog-id", value_name = "ID")]
        catalog_id: Option<String>,
        /// Also explain rows of this catalog file (TOML or RST); repeatable. A file, as
        /// everywhere else: an id goes to --catalog-id.
        #[arg(long = "catalog", value_name = "FILE")]
        catalogs: Vec<PathBuf>,
    },
    /// List the team folder's notes (codes, title, author, file), those about CODE when
    /// given; `notes new CODE` writes a new one. Needs --team DIR or APIG_EXPLORER_TEAM.
    #[command(args_conflicts_with_subcommands = true)]
    Notes {
        /// `new CODE`: write a new note.
        #[command(subcommand)]
        action: Option<NotesAction>,
        /// A code in any spelling (APIG.0308, 0308).
        code: Option<String>,
        /// Print a JSON array of {codes, title, author, updated, file, steps}.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum NotesAction {
    /// Write a new note about CODE from the template into the team folder's notes/ and
    /// print its path (a new name when the file exists: never overwritten).
    New {
        /// APIG.0308, or with its catalog and status: "calling:APIG.0201 504".
        code: String,
        /// The note's author (the login name otherwise).
        #[arg(long)]
        author: Option<String>,
    },
}

/// `apig-explorer generate ...`: the man pages and shell completions, made from [`Cli`]
/// itself, that `.ci/package` installs. A parser of its own rather than a hidden
/// subcommand of [`Cli`], so that neither its help, its man pages nor the completions
/// offer it (clap_complete completes hidden subcommands).
#[derive(Parser, Debug)]
#[command(
    name = "apig-explorer-generate",
    bin_name = "apig-explorer generate",
    version = env!("APIG_VERSION"),
    about = "Write the man pages or a shell's completions into a directory (the packages' build step)."
)]
pub struct Generate {
    /// The man pages, or one shell's completions.
    #[command(subcommand)]
    pub what: GenerateAction,
}

/// What `generate` writes.
#[derive(Subcommand, Debug)]
pub enum GenerateAction {
    /// The man pages: apig-explorer.1 and one per subcommand (apig-explorer-search.1, ...).
    Man {
        /// The directory to write them in (created when missing).
        dir: PathBuf,
    },
    /// The completion script of SHELL (apig-explorer.bash, _apig-explorer,
    /// apig-explorer.fish, ...).
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
        /// The directory to write it in (created when missing).
        dir: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum IncidentsAction {
    /// Print an incident as Markdown for the ticket (credentials redacted).
    Export {
        /// The incident's id, or its name (as `apig-explorer incidents` lists them).
        incident: String,
    },
}

/// What a subcommand found: exit status 0 or 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    Yes,
    No,
}

/// Why a subcommand failed: exit status 2, with this message on standard error.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CliError {
    #[error("cannot read the input: {0}")]
    Input(std::io::Error),
    #[error("cannot read {}: {source}", path.display())]
    ReadFile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Catalog(#[from] AddError),
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{0}: no error table found")]
    NoTable(String),
    #[error("no catalog has the id {id:?}; the loaded ones are: {known}")]
    UnknownCatalog { id: String, known: String },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("nothing to send: the input is empty")]
    NothingToSend,
    #[error("{0}")]
    Handoff(#[from] crate::session::HandoffError),
    #[error("cannot start the window: {0}")]
    Start(std::io::Error),
    #[error("no window was running: started one (process {pid}), but {why}")]
    NotTaken { pid: u32, why: String },
    #[error("cannot read the window's store: {0}")]
    Store(#[from] crate::session::StoreError),
    #[error("cannot read the window's store {}: {source} ({})", path.display(), source.advice())]
    ReadStore {
        path: PathBuf,
        source: crate::session::StoreError,
    },
    #[error("no open incident has the id or name {0:?}; `apig-explorer incidents` lists them")]
    UnknownIncident(String),
    #[error("{count} open incidents are named {name:?} (ids {ids}): export one by its id")]
    AmbiguousIncident {
        name: String,
        count: usize,
        ids: String,
    },
    #[error("{0}")]
    Team(#[from] crate::team::TeamError),
    #[error("no team folder: give --team DIR or set APIG_EXPLORER_TEAM")]
    NoTeam,
    #[error("cannot encode the output: {0}")]
    Encode(String),
    #[error(transparent)]
    Output(#[from] std::io::Error),
}

/// Why a file named on the command line (or standard input, for `-` or none) could not
/// be read, naming the file.
fn unreadable(file: Option<&std::path::Path>) -> impl FnOnce(std::io::Error) -> CliError + '_ {
    move |source| match file {
        Some(path) if path.as_os_str() != "-" => CliError::ReadFile {
            path: path.to_path_buf(),
            source,
        },
        _ => CliError::Input(source),
    }
}

/// Run a subcommand, printing to standard output; the one place that picks exit
/// statuses. `catalogs` (given before the subcommand) join the subcommand's own; `team`
/// is the team folder (see [`team_dir`]).
pub fn run(command: Command, catalogs: &[PathBuf], team: Option<&std::path::Path>) -> ExitCode {
    let mut out = std::io::stdout().lock();
    let result = commands::dispatch(command, catalogs, team, &mut out).and_then(|found| {
        out.flush()?;
        Ok(found)
    });
    exit_status(result)
}

/// Run `apig-explorer generate`, with the subcommands' exit statuses and messages.
pub fn run_generate(generate: Generate) -> ExitCode {
    let mut out = std::io::stdout().lock();
    let result = generate::generate(generate.what, &mut out).and_then(|found| {
        out.flush()?;
        Ok(found)
    });
    exit_status(result)
}

/// The exit status of a subcommand's result, its error printed on standard error.
fn exit_status(result: Result<Found, CliError>) -> ExitCode {
    match result {
        Ok(Found::Yes) => ExitCode::SUCCESS,
        Ok(Found::No) => ExitCode::from(1),
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("apig-explorer: {e}");
            if let Some(id) = id_given_as_file(&e) {
                eprintln!(
                    "apig-explorer: {id:?} is a catalog id, and --catalog takes a file; \
                     `explain --catalog-id {id}` keeps only that catalog's rows"
                );
            }
            ExitCode::from(2)
        }
    }
}

/// The team folder: `--team DIR`, else a non-empty `APIG_EXPLORER_TEAM`.
pub fn team_dir(given: Option<PathBuf>) -> Option<PathBuf> {
    given.or_else(|| {
        std::env::var_os("APIG_EXPLORER_TEAM")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
}

/// The catalog id a missing `--catalog FILE` names (`--catalog calling`), if it names
/// one of the embedded catalogs: the error alone ("calling: No such file") does not say
/// that the option wanted is another.
fn id_given_as_file(error: &CliError) -> Option<String> {
    let (CliError::Load(LoadError::Read { path, source })
    | CliError::Catalog(AddError::Load(LoadError::Read { path, source }))) = error
    else {
        return None;
    };
    let name = path.to_str()?;
    let embedded = crate::catalog::Catalog::embedded();
    (source.kind() == std::io::ErrorKind::NotFound && embedded.sources.iter().any(|s| s.id == name))
        .then(|| name.to_string())
}
