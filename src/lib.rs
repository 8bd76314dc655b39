//! APIG Error Explorer: the catalog of API Gateway errors, search over it, analysis of
//! pasted responses, remediation checklists and incidents, and the front ends that use
//! them. `ARCHITECTURE.md` maps the layers; a module only imports the ones below it.
//!
//! The modules are private: what the binary, tests and benches use is re-exported here,
//! so the public surface is a choice, not an accident.

// Everything public is documented: what is re-exported here (private modules are not
// linted).
#![warn(missing_docs)]
// The session's window lifecycle (hand-off listener, store watcher, polling of tasks)
// has no caller in a build without the window; dead code is checked in the default
// (`gui`) build, where every item has one.
#![cfg_attr(not(feature = "gui"), allow(dead_code))]

// Layer 0: helpers every layer may use, no other module of the crate.
mod dirs;
mod memory;
mod pattern;
mod priority;
mod trace;
mod wording;
// Layer 1: data and text.
mod binary;
mod catalog;
mod http_status;
mod redact;
mod task;
// Layer 2: reading catalogs, searching them, reading pastes.
mod analysis;
mod import;
mod search;
// Layer 3: what the engineer works with.
mod cache;
mod checklist;
mod explorer;
mod history;
mod report;
mod signing;
mod team;
// Layer 4: incidents, which work a checklist against a paste.
mod incident;
// Layer 5: the session, shared by every front end.
mod session;
// Layer 6: the front ends.
mod cli;
#[cfg(feature = "gui")]
mod ui;

pub use analysis::{
    Analysis, Candidate, Evidence, FoundError, Group, LISTED_PER_GROUP, MATCH_THRESHOLD, Triage,
    analyze, analyze_every, line_of, looks_like_response, prepare_analysis,
};
pub use catalog::{
    Catalog, CatalogFile, Category, EMBEDDED, Entry, EntryRecord, ParseError, RowKey, Source,
    SourceRecord, Step, WhoActs,
};
pub use cli::{Cli, Command, Generate, run as run_cli, run_generate, team_dir};
pub use explorer::{Explorer, ExplorerState, Move, SortColumn};
pub use history::{HistoryEntry, HistoryGroup};
pub use import::{LoadError, LoadedFile, import_rst, load_file, load_text};
pub use incident::{Incident, IncidentBook, StepStatus, WorkedStep};
pub use redact::{REDACTED, redact};
pub use search::{Hit, Results, SearchIndex};
pub use session::{
    Action, CaseAction, CatalogAction, Catalogs, Delivered, DuplicateAnswer, Embedded,
    ExplorerAction, Indexed, Legacy, Opened, Outcome, PasteAction, PasteSession, Preload,
    SavedState, Session, SettingsAction, Store, StoreError, ThemeChoice, WindowEvent, cache_dir,
    hand_off, load_indexed, read_input,
};
pub use signing::{
    Finding, FindingKind, Report as SignReport, Request as SignedRequest, Variant, Verdict,
    canonical_request, check as check_signature, signature, string_to_sign,
};
#[cfg(feature = "gui")]
pub use ui::{
    ClipboardReader, ExplorerApp, FirstFrameProbe, STATE_KEY, Screenshot, StartOptions, load_state,
    run as run_window,
};
