//! The engineer's data on disk: one SQLite database (`state.sqlite3` in the app's data
//! directory) for the incidents, the paste history, the last paste, the remembered
//! catalogs and the settings. Each change is one transaction on the rows it touches, so a
//! crash loses at most the change under way and two windows never undo each other's
//! work. The file is owner-only, written in WAL mode with `synchronous=FULL`, and
//! versioned (`user_version`) so a later release can migrate it.
//!
//! A database that cannot be read is never overwritten: it is renamed
//! `state.sqlite3.damaged-<time>`, the engineer is told, and a new one is started.

mod damage;
mod inbox;
mod incidents;
mod legacy;
mod rows;
mod sync;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use inbox::Pending;
pub use legacy::Legacy;
pub use rows::{PasteState, StoredPaste};
pub use sync::Watcher;

use super::state::SavedState;
use crate::incident::{Incident, IncidentBook};

/// The database's file name in the data directory.
pub const FILE_NAME: &str = "state.sqlite3";
/// The schema this build reads and writes.
const SCHEMA_VERSION: i64 = 4;

/// Version 2: full-text search over the (redacted) paste history, kept in step by
/// triggers, filled from the rows a version-1 store already has.
const HISTORY_SEARCH: &str = "
CREATE VIRTUAL TABLE history_fts USING fts5(code, http_status, request_id, text);
INSERT INTO history_fts(rowid, code, http_status, request_id, text)
    SELECT id, code, http_status, request_id, text FROM history;
CREATE TRIGGER history_fts_insert AFTER INSERT ON history BEGIN
    INSERT INTO history_fts(rowid, code, http_status, request_id, text)
    VALUES (new.id, new.code, new.http_status, new.request_id, new.text);
END;
CREATE TRIGGER history_fts_delete AFTER DELETE ON history BEGIN
    DELETE FROM history_fts WHERE rowid = old.id;
END;
";

/// Version 3: the values of a step that a later write from another window replaced.
const STEP_HISTORY: &str = "
CREATE TABLE step_history(
    id INTEGER PRIMARY KEY AUTOINCREMENT, incident INTEGER NOT NULL REFERENCES incident(id),
    position INTEGER NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL, changed TEXT);
";

/// Version 4: a history entry's counts at paste time (the triage's groups as JSON) and
/// the paste's size, so a reopened entry says when only its beginning was kept. Rows of
/// an older store keep NULL: no groups, size unknown.
const HISTORY_COUNTS: &str = "
ALTER TABLE history ADD COLUMN groups TEXT;
ALTER TABLE history ADD COLUMN total_bytes INTEGER;
";

const SCHEMA: &str = "
CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE catalog_file(position INTEGER PRIMARY KEY, path BLOB NOT NULL UNIQUE);
CREATE TABLE history(
    id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, code TEXT,
    http_status INTEGER, request_id TEXT, errors INTEGER NOT NULL, text TEXT NOT NULL);
CREATE TABLE paste(
    id INTEGER PRIMARY KEY CHECK (id = 1), text TEXT NOT NULL,
    total_bytes INTEGER NOT NULL, state TEXT NOT NULL);
CREATE TABLE incident(
    id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, started TEXT NOT NULL,
    row_key TEXT NOT NULL, paste TEXT, closed TEXT);
CREATE TABLE incident_step(
    incident INTEGER NOT NULL REFERENCES incident(id), position INTEGER NOT NULL,
    step TEXT NOT NULL, status TEXT NOT NULL, note TEXT NOT NULL, changed TEXT,
    finding TEXT, PRIMARY KEY (incident, position));
";

/// Why a change could not be written; the work stays in memory and the engineer is told.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("a value could not be encoded: {0}")]
    Encode(#[from] serde_json::Error),
    #[error("the database was made by a newer version of the app (schema {0})")]
    Newer(i64),
}

/// The open database.
pub struct Store {
    conn: Connection,
    /// The file, for a watcher's own connection (None in memory).
    path: Option<PathBuf>,
    /// SQLite's `data_version` when this connection last looked: it moves when another
    /// connection commits.
    seen_version: std::cell::Cell<i64>,
}

/// What opening the store found: the store (None when no file could be opened: this
/// session's changes are then not kept), its contents, and what to tell the engineer.
pub struct Opened {
    pub store: Option<Store>,
    pub contents: Contents,
    pub problems: Vec<String>,
}

/// Everything the store holds, as the session uses it.
#[derive(Default)]
pub struct Contents {
    pub state: SavedState,
    /// The catalog files as stored (a front end may add to `state.catalog_paths`).
    pub stored_catalog_paths: Vec<PathBuf>,
    pub paste: Option<StoredPaste>,
    pub incidents: IncidentBook,
    /// Closed incidents, most recently closed first.
    pub archived: Vec<Incident>,
}

impl Store {
    /// Open (or create) the store in `dir`, importing `legacy` files into a new one.
    /// Never fails: a damaged database is set aside and a new one started; when no file
    /// can be opened at all, the session runs without a store and says so.
    pub fn open(dir: &Path, legacy: Legacy) -> Opened {
        let path = dir.join(FILE_NAME);
        let mut problems = Vec::new();
        let existed = path.exists();
        let opened = Self::open_file(&path).or_else(|e| {
            if !existed {
                return Err(e);
            }
            problems.push(damage::set_aside(&path, &e));
            Self::open_file(&path)
        });
        let store = match opened {
            Ok(store) => store,
            Err(e) => {
                problems.push(format!(
                    "The data file {} could not be opened ({e}); this session's changes will not be kept.",
                    path.display()
                ));
                return Opened {
                    store: None,
                    contents: Contents::default(),
                    problems,
                };
            }
        };
        if !existed {
            problems.extend(legacy.import_into(&store));
        }
        let contents = store.load(&mut problems);
        Opened {
            store: Some(store),
            contents,
            problems,
        }
    }

    /// The store in `dir` if one was ever made there: the command line reads it without
    /// creating one.
    pub fn open_existing(dir: &Path) -> Option<Opened> {
        dir.join(FILE_NAME)
            .exists()
            .then(|| Self::open(dir, Legacy::default()))
    }

    /// A store that keeps nothing on disk (tests, and the fallback above).
    pub fn in_memory() -> Result<Self, StoreError> {
        let conn = Connection::open_in_memory()?;
        let store = Store::over(conn, None);
        store.migrate()?;
        Ok(store)
    }

    fn open_file(path: &Path) -> Result<Self, StoreError> {
        damage::create_private(path)?;
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        damage::check(&conn)?;
        let store = Store::over(conn, Some(path.to_path_buf()));
        store.migrate()?;
        store.changed_elsewhere();
        Ok(store)
    }

    fn over(conn: Connection, path: Option<PathBuf>) -> Self {
        Store {
            conn,
            path,
            seen_version: std::cell::Cell::new(0),
        }
    }

    /// Bring the schema to [`SCHEMA_VERSION`], one version at a time; a newer schema is
    /// not touched.
    fn migrate(&self) -> Result<(), StoreError> {
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::Newer(version));
        }
        if version == SCHEMA_VERSION {
            // Nothing to write: opening a current store never looks like a change to
            // the other windows.
            return Ok(());
        }
        let tx = self.conn.unchecked_transaction()?;
        if version < 1 {
            tx.execute_batch(SCHEMA)?;
        }
        if version < 2 {
            tx.execute_batch(HISTORY_SEARCH)?;
        }
        if version < 3 {
            tx.execute_batch(STEP_HISTORY)?;
        }
        if version < 4 {
            tx.execute_batch(HISTORY_COUNTS)?;
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
