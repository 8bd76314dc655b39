//! The engineer's data on disk: one SQLite database (`state.sqlite3` in the app's data
//! directory) for the incidents, the paste history, the last paste, the remembered
//! catalogs and the settings. Each change is one transaction on the rows it touches, so a
//! crash loses at most the change under way and two windows never undo each other's
//! work. The file is owner-only, written in WAL mode with `synchronous=FULL`, and
//! versioned (`user_version`) so a later release can migrate it.
//!
//! A damaged database is never overwritten: it is renamed `state.sqlite3.damaged-<time>`,
//! the engineer is told (at every start, until dismissed), and a new one is started. A
//! database that cannot be written for any other reason is never moved or replaced.

mod damage;
mod inbox;
mod incidents;
mod legacy;
mod rows;
mod sync;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension as _};

pub(crate) use inbox::Pending;
pub use legacy::Legacy;
pub(crate) use rows::{PasteState, StoredPaste};
pub(crate) use sync::Watcher;

use super::state::SavedState;
use crate::incident::{Incident, IncidentBook};

/// The database's file name in the data directory.
pub(crate) const FILE_NAME: &str = "state.sqlite3";
/// The schema this build reads and writes.
const SCHEMA_VERSION: i64 = 4;
/// The setting that holds when the engineer last dismissed the reminders of damaged
/// stores set aside (seconds since the epoch).
const DISMISSED_DAMAGE: &str = "damaged_dismissed";

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
    /// A file of the store could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// SQLite refused.
    #[error("the database: {0}")]
    Sql(#[from] rusqlite::Error),
    /// A value could not be encoded for the store.
    #[error("a value could not be encoded: {0}")]
    Encode(#[from] serde_json::Error),
    #[error(
        "the database was made by a newer version of the app (schema {0}; this version reads schema {SCHEMA_VERSION} and older) and is left as it is"
    )]
    /// The file has a newer schema than this version reads.
    Newer(i64),
    /// The file holds nothing this version recognizes.
    #[error("it holds no incidents this version recognizes: {0}")]
    Unrecognized(String),
}

impl StoreError {
    /// What the engineer can do about it, in a few words.
    pub(crate) fn advice(&self) -> &'static str {
        damage::advice(self)
    }
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
    /// The store; None when no file could be opened.
    pub store: Option<Store>,
    /// What it holds.
    pub contents: Contents,
    /// What to tell the engineer about opening it.
    pub problems: Vec<String>,
}

/// Everything the store holds, as the session uses it.
#[derive(Default)]
pub struct Contents {
    pub(crate) state: SavedState,
    /// The catalog files as stored (a front end may add to `state.catalog_paths`).
    pub(crate) stored_catalog_paths: Vec<PathBuf>,
    pub(crate) paste: Option<StoredPaste>,
    pub incidents: IncidentBook,
    /// Closed incidents, most recently closed first.
    pub archived: Vec<Incident>,
}

impl Store {
    /// [`Store::open`] when the store in `dir` already holds data, so no earlier
    /// version's files would be imported (they are only read into a new store); None
    /// when it does not. Lets the session be opened before the window is, which holds
    /// what eframe kept of an earlier version.
    pub(crate) fn open_existing(dir: &Path) -> Option<Opened> {
        damage::has_data(&dir.join(FILE_NAME)).then(|| Self::open(dir, Legacy::default()))
    }

    /// Open (or create) the store in `dir`, importing `legacy` files into a new one.
    /// Never fails: a damaged database is set aside and a new one started; a store that
    /// cannot be written for another reason (a full disk, another program's lock, a
    /// read-only file, a newer version) is left as it is, shown read-only where it can
    /// be read, and the session runs without keeping its changes, saying why.
    pub fn open(dir: &Path, legacy: Legacy) -> Opened {
        let path = dir.join(FILE_NAME);
        let mut problems = Vec::new();
        let existed = damage::has_data(&path);
        let mut set_aside_now = false;
        let opened = match Self::open_file(&path) {
            Err(e) if existed && damage::is_damage(&e) => {
                problems.push(damage::set_aside(&path, &e));
                set_aside_now = true;
                Self::open_file(&path)
            }
            other => other,
        };
        let store = match opened {
            Ok(store) => store,
            Err(e) => return Self::unwritable(&path, &e, problems),
        };
        if !existed {
            problems.extend(legacy.import_into(&store));
        }
        problems.extend(store.damaged_reminders(set_aside_now));
        let contents = store.load(&mut problems);
        Opened {
            store: Some(store),
            contents,
            problems,
        }
    }

    /// The store at `path` could not be opened for writing (`e`, not damage): show what it
    /// holds read-only if it can be read, else start empty; either way leave it untouched.
    fn unwritable(path: &Path, e: &StoreError, mut problems: Vec<String>) -> Opened {
        let advice = damage::advice(e);
        let read = match e {
            StoreError::Newer(_) => None,
            _ => Self::read_only(path).ok(),
        };
        let Some(store) = read else {
            problems.push(format!(
                "The data file {} could not be opened ({e}). It was left as it is; this session starts without it and its changes will not be kept. To keep them, {advice}, then restart the app.",
                path.display()
            ));
            return Opened {
                store: None,
                contents: Contents::default(),
                problems,
            };
        };
        problems.push(format!(
            "The data file {} cannot be written ({e}). What it holds is shown, read-only, and left as it is; this session's changes will not be kept. To keep them, {advice}, then restart the app.",
            path.display()
        ));
        problems.extend(store.damaged_reminders(false));
        let contents = store.load(&mut problems);
        Opened {
            store: None,
            contents,
            problems,
        }
    }

    /// The store in `dir` for reading only (the command line): never created, migrated,
    /// set aside or written. None when there is no store there yet. A store of an earlier
    /// schema is read from a copy in memory brought up to date there (see
    /// `Store::upgraded_copy`); one of a newer schema is refused.
    pub fn open_read_only(dir: &Path) -> Result<Option<Store>, StoreError> {
        let path = dir.join(FILE_NAME);
        if !path.exists() {
            return Ok(None);
        }
        let store = Self::read_only(&path)?;
        match store.version()? {
            0 => Ok(None),
            SCHEMA_VERSION => Ok(Some(store)),
            _ => Self::upgraded_copy(&store).map(Some),
        }
    }

    /// A store of an earlier schema as this version reads it, without changing its file:
    /// its pages copied through SQLite's backup API (a reader of the file, like any other)
    /// into a database in memory, which is then migrated. Writes to the copy are lost,
    /// which is why only the command line's readers get one.
    fn upgraded_copy(file: &Store) -> Result<Store, StoreError> {
        use rusqlite::backup::{Backup, StepResult};
        let mut conn = Connection::open_in_memory()?;
        {
            let backup = Backup::new(&file.conn, &mut conn)?;
            // Every page in one step; a writer's lock is waited for as long as a reader
            // waits (its busy timeout), never forever.
            let mut copied = false;
            for _ in 0..40 {
                match backup.step(-1)? {
                    StepResult::Done => {
                        copied = true;
                        break;
                    }
                    StepResult::More => {}
                    _ => std::thread::sleep(std::time::Duration::from_millis(50)),
                }
            }
            if !copied {
                return Err(StoreError::Sql(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                    Some("the database is locked by another program".into()),
                )));
            }
        }
        let copy = Store::over(conn, file.path.clone());
        copy.migrate()?;
        Ok(copy)
    }

    /// Reminders of damaged stores set aside and not yet dismissed.
    pub(crate) fn reminders(&self) -> Vec<String> {
        self.damaged_reminders(false)
    }

    /// Everything stored, and what could not be read (the command line's readers).
    pub(crate) fn contents(&self) -> (Contents, Vec<String>) {
        let mut problems = self.damaged_reminders(false);
        let contents = self.load(&mut problems);
        (contents, problems)
    }

    /// A store that keeps nothing on disk.
    #[cfg(test)]
    pub(crate) fn in_memory() -> Result<Self, StoreError> {
        let conn = Connection::open_in_memory()?;
        let store = Store::over(conn, None);
        store.migrate()?;
        Ok(store)
    }

    fn open_file(path: &Path) -> Result<Self, StoreError> {
        let created = damage::create_private(path)?;
        let opened = Self::connect(path);
        if opened.is_err() && created {
            // Never leave an empty store behind (a full disk fails here).
            damage::remove_if_empty(path);
        }
        opened
    }

    fn connect(path: &Path) -> Result<Self, StoreError> {
        #[cfg(test)]
        damage::fault::take()?;
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            // SQLite opens a write-protected file read-only without a word.
            return Err(StoreError::Sql(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
                Some("the file is read-only".into()),
            )));
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // What is deleted (a cleared or evicted paste) is overwritten, not left in free pages.
        conn.pragma_update(None, "secure_delete", true)?;
        damage::check(&conn)?;
        let store = Store::over(conn, Some(path.to_path_buf()));
        store.migrate()?;
        store.secure_index()?;
        store.changed_elsewhere();
        Ok(store)
    }

    /// Have the full-text index remove a deleted paste's words from its pages, not only
    /// mark them deleted (FTS5's `secure-delete`). Written once: opening a store that has
    /// it changes nothing another window would notice.
    fn secure_index(&self) -> Result<(), StoreError> {
        let set: Option<i64> = self
            .conn
            .query_row(
                "SELECT v FROM history_fts_config WHERE k = 'secure-delete'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        if set != Some(1) {
            self.conn.execute(
                "INSERT INTO history_fts(history_fts, rank) VALUES ('secure-delete', 1)",
                [],
            )?;
        }
        Ok(())
    }

    /// A connection that cannot write: checked, and refused when a newer version made it.
    /// On a full disk SQLite cannot make the shared-memory file even to read; a store with
    /// nothing in its WAL is then read as an immutable file, without one.
    fn read_only(path: &Path) -> Result<Self, StoreError> {
        match Self::read_only_as(path, false) {
            Err(e) if damage::is_io(&e) && !damage::wal_has_data(path) => {
                Self::read_only_as(path, true)
            }
            other => other,
        }
    }

    fn read_only_as(path: &Path, immutable: bool) -> Result<Self, StoreError> {
        use rusqlite::OpenFlags;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = if immutable {
            let uri = format!("{}?immutable=1", damage::file_uri(path));
            Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)?
        } else {
            Connection::open_with_flags(path, flags)?
        };
        conn.busy_timeout(std::time::Duration::from_secs(2))?;
        damage::check(&conn)?;
        let store = Store::over(conn, Some(path.to_path_buf()));
        let version = store.version()?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::Newer(version));
        }
        Ok(store)
    }

    fn version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Reminders of damaged stores set aside earlier and not yet dismissed (`skip_newest`:
    /// the newest was set aside by this open, which already said so).
    fn damaged_reminders(&self, skip_newest: bool) -> Vec<String> {
        let Some(path) = &self.path else {
            return Vec::new();
        };
        let dismissed = self.dismissed_damage();
        let mut files = damage::set_aside_files(path);
        if skip_newest {
            files.pop();
        }
        files
            .iter()
            .filter(|(stamp, _)| *stamp > dismissed)
            .map(|(stamp, file)| damage::reminder(*stamp, file))
            .collect()
    }

    /// When the engineer last dismissed the reminders (seconds; 0 never).
    fn dismissed_damage(&self) -> i64 {
        self.conn
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [DISMISSED_DAMAGE],
                |r| r.get::<_, String>(0),
            )
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    }

    /// The engineer dismissed the notices: stop reminding of the damaged stores set
    /// aside so far.
    pub(crate) fn dismiss_damaged(&self) -> Result<(), StoreError> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let Some((newest, _)) = damage::set_aside_files(path).pop() else {
            return Ok(());
        };
        if newest <= self.dismissed_damage() {
            return Ok(());
        }
        self.conn.execute(
            "INSERT INTO settings(key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            rusqlite::params![DISMISSED_DAMAGE, newest.to_string()],
        )?;
        Ok(())
    }

    /// Make deleted history unrecoverable from the files: the full-text index rebuilt
    /// (its segments otherwise keep the words of deleted rows), the database rewritten
    /// (free pages and all), and the WAL, which holds earlier copies of pages, emptied.
    fn scrub(&self) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO history_fts(history_fts) VALUES ('rebuild')",
            [],
        )?;
        self.conn.execute_batch("VACUUM")?;
        self.truncate_wal()
    }

    /// Whether the write-ahead log holds pages not yet cut away (a window still open, or
    /// one that was killed).
    pub(in crate::session) fn log_holds_pages(&self) -> bool {
        self.path.as_ref().is_some_and(|p| {
            let mut log = p.clone().into_os_string();
            log.push("-wal");
            std::fs::metadata(log).is_ok_and(|m| m.len() > 0)
        })
    }

    /// Copy the WAL into the database and cut it to nothing (when no other window is
    /// reading; else it is cut at a later write or when the last window closes).
    pub(in crate::session) fn truncate_wal(&self) -> Result<(), StoreError> {
        if self.path.is_some() {
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        Ok(())
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
