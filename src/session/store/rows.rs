//! Reading and writing the rows of the store. Every write is one transaction on the rows
//! it changes; a value that cannot be read is reported, kept under another key, and its
//! default used, so one bad value never costs the rest.

use std::path::PathBuf;

use rusqlite::{OptionalExtension as _, params};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Contents, Store, StoreError};
use crate::explorer::ExplorerState;
use crate::history::{HistoryEntry, MAX_ENTRIES};
use crate::redact::redact;
use crate::session::state::{Preferences, ThemeChoice};

/// The last paste as stored: redacted, with how far its analysis got.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct StoredPaste {
    pub(crate) text: String,
    /// Size of the whole paste (the text may be its beginning only).
    pub(crate) total_bytes: usize,
    pub(crate) state: PasteState,
}

/// How far the analysis of the stored paste got. `Analyzing` at start means the app
/// stopped during the analysis: the paste is shown, not analyzed again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PasteState {
    Analyzing,
    Analyzed,
    Failed,
}

impl PasteState {
    fn as_str(self) -> &'static str {
        match self {
            PasteState::Analyzing => "analyzing",
            PasteState::Analyzed => "analyzed",
            PasteState::Failed => "failed",
        }
    }

    fn parse(text: &str) -> Self {
        match text {
            "analyzed" => PasteState::Analyzed,
            "failed" => PasteState::Failed,
            _ => PasteState::Analyzing,
        }
    }
}

impl Store {
    /// Everything stored; what cannot be read is reported in `problems`.
    pub(super) fn load(&self, problems: &mut Vec<String>) -> Contents {
        let mut contents = Contents::default();
        let state = &mut contents.state;
        state.explorer = self.setting("explorer", problems).unwrap_or_default();
        state.theme = self
            .setting("theme", problems)
            .unwrap_or(ThemeChoice::System);
        state.zoom = self.setting("zoom", problems).unwrap_or(1.0);
        state.preferences = self.setting("preferences", problems).unwrap_or_default();
        state.team_dir = self.setting("team", problems).unwrap_or_default();
        let mut failed: Vec<(&str, StoreError)> = Vec::new();
        match self.catalog_paths() {
            Ok(paths) => {
                state.catalog_paths = paths.clone();
                contents.stored_catalog_paths = paths;
            }
            Err(e) => failed.push(("remembered catalogs", e)),
        }
        match self.history() {
            Ok(entries) => state.history.entries = entries,
            Err(e) => failed.push(("paste history", e)),
        }
        match self.paste() {
            Ok(paste) => contents.paste = paste,
            Err(e) => failed.push(("last paste", e)),
        }
        match self.incidents(problems) {
            Ok(book) => contents.incidents = book,
            Err(e) => failed.push(("incidents", e)),
        }
        match self.archived(problems) {
            Ok(archived) => contents.archived = archived,
            Err(e) => failed.push(("archived incidents", e)),
        }
        problems.extend(
            failed
                .into_iter()
                .map(|(what, e)| format!("The {what} could not be read: {e}")),
        );
        contents
    }

    /// A setting, or None when absent; a value that does not decode is kept aside under
    /// `<key>.damaged-<time>` and reported.
    fn setting<T: DeserializeOwned>(&self, key: &str, problems: &mut Vec<String>) -> Option<T> {
        let text: Option<String> = self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .ok()
            .flatten();
        match serde_json::from_str(&text?) {
            Ok(value) => Some(value),
            Err(e) => {
                let aside = format!("{key}.damaged-{}", jiff::Timestamp::now().as_second());
                // A store opened read-only keeps the value where it is.
                let kept = self.conn.execute(
                    "UPDATE settings SET key = ?2 WHERE key = ?1",
                    params![key, aside],
                );
                problems.push(match kept {
                    Ok(_) => format!(
                        "The saved {key} could not be read ({e}); it was kept as {aside} and the default is used."
                    ),
                    Err(_) => format!("The saved {key} could not be read ({e}); the default is used."),
                });
                None
            }
        }
    }

    fn put_setting<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO settings(key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, serde_json::to_string(value)?],
        )?;
        Ok(())
    }

    /// The settings (explorer, theme, zoom), in one transaction.
    pub(crate) fn save_settings(
        &self,
        explorer: &ExplorerState,
        theme: ThemeChoice,
        zoom: f32,
    ) -> Result<(), StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        // The query is what the engineer typed or pasted: it may hold a token too.
        let explorer = ExplorerState {
            query: redact(&explorer.query),
            ..explorer.clone()
        };
        self.put_setting("explorer", &explorer)?;
        self.put_setting("theme", &theme)?;
        self.put_setting("zoom", &zoom)?;
        tx.commit()?;
        Ok(())
    }

    /// The View menu's choices: written when changed, they are deliberate.
    pub(crate) fn save_preferences(&self, preferences: &Preferences) -> Result<(), StoreError> {
        self.put_setting("preferences", preferences)
    }

    /// Remember the team folder (None: none).
    pub fn save_team(&self, dir: Option<&std::path::Path>) -> Result<(), StoreError> {
        self.put_setting("team", &dir)
    }

    fn catalog_paths(&self) -> Result<Vec<PathBuf>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT path FROM catalog_file ORDER BY position")?;
        let paths = stmt
            .query_map([], |r| r.get::<_, Vec<u8>>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(paths.into_iter().map(path_from_bytes).collect())
    }

    /// Remember exactly these catalog files, in this order.
    pub(crate) fn set_catalogs(&self, paths: &[PathBuf]) -> Result<(), StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        tx.execute("DELETE FROM catalog_file", [])?;
        for (position, path) in paths.iter().enumerate() {
            tx.execute(
                "INSERT INTO catalog_file(position, path) VALUES (?1, ?2)",
                params![position as i64, path_to_bytes(path)],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    pub(super) fn history(&self) -> Result<Vec<HistoryEntry>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT time, code, http_status, request_id, errors, text, groups, total_bytes
             FROM history ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([MAX_ENTRIES as i64], history_entry)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// History entries matching every word of `query` (code, status, request id or words
    /// of the redacted paste; a word matches as a prefix), newest first; every entry for
    /// an empty query.
    pub(crate) fn search_history(&self, query: &str) -> Result<Vec<HistoryEntry>, StoreError> {
        let words: Vec<String> = query
            .split_whitespace()
            .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
            .collect();
        if words.is_empty() {
            return self.history();
        }
        let mut stmt = self.conn.prepare(
            "SELECT h.time, h.code, h.http_status, h.request_id, h.errors, h.text, h.groups,
               h.total_bytes
             FROM history_fts JOIN history h ON h.id = history_fts.rowid
             WHERE history_fts MATCH ?1 ORDER BY h.id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![words.join(" "), MAX_ENTRIES as i64], history_entry)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Add an analysis to the history (its text already made safe to store), keeping
    /// the newest `MAX_ENTRIES`.
    pub fn record_history(&self, entry: &HistoryEntry) -> Result<(), StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        tx.execute(
            "INSERT INTO history(time, code, http_status, request_id, errors, text, groups,
               total_bytes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                entry.time,
                entry.code,
                entry.http_status,
                entry.request_id,
                entry.errors as i64,
                entry.text,
                serde_json::to_string(&entry.groups)?,
                entry.total_bytes.map(|b| b as i64)
            ],
        )?;
        let evicted = tx.execute(
            "DELETE FROM history WHERE id NOT IN
             (SELECT id FROM history ORDER BY id DESC LIMIT ?1)",
            [MAX_ENTRIES as i64],
        )?;
        tx.commit()?;
        if evicted > 0 {
            // The evicted paste's pages were overwritten (secure_delete, the index's
            // secure-delete option); its earlier copies in the WAL go too.
            self.truncate_wal()?;
        }
        Ok(())
    }

    /// Forget every paste: the history and the last paste, gone from the files too.
    pub(crate) fn clear_history(&self) -> Result<(), StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        tx.execute("DELETE FROM history", [])?;
        tx.execute("DELETE FROM paste", [])?;
        tx.commit()?;
        self.scrub()
    }

    fn paste(&self) -> Result<Option<StoredPaste>, StoreError> {
        let row = self
            .conn
            .query_row(
                "SELECT text, total_bytes, state FROM paste WHERE id = 1",
                [],
                |r| {
                    Ok(StoredPaste {
                        text: r.get(0)?,
                        total_bytes: r.get::<_, i64>(1)?.try_into().unwrap_or_default(),
                        state: PasteState::parse(&r.get::<_, String>(2)?),
                    })
                },
            )
            .optional()?;
        Ok(row)
    }

    /// Keep the last paste (already redacted) and how far its analysis got. Written
    /// without waiting for the disk: the state guards against the app crashing, which
    /// the WAL survives; the paste itself is kept whole in the history.
    pub(crate) fn save_paste(&self, paste: &StoredPaste) -> Result<(), StoreError> {
        self.unsynced(|conn| {
            conn.execute(
                "INSERT INTO paste(id, text, total_bytes, state) VALUES (1, ?1, ?2, ?3)
                 ON CONFLICT(id) DO UPDATE SET text = excluded.text,
                   total_bytes = excluded.total_bytes, state = excluded.state",
                params![paste.text, paste.total_bytes as i64, paste.state.as_str()],
            )
        })
    }

    /// Run `write` with `synchronous=NORMAL`: committed to the WAL, which an app crash
    /// never loses, without an fsync (a power cut may lose it). For what is rewritten
    /// often and cheap to lose; incidents and history stay at `FULL`.
    fn unsynced(
        &self,
        write: impl FnOnce(&rusqlite::Connection) -> rusqlite::Result<usize>,
    ) -> Result<(), StoreError> {
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        let written = write(&self.conn);
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        written?;
        Ok(())
    }
}

#[cfg(unix)]
fn path_to_bytes(path: &std::path::Path) -> Vec<u8> {
    std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec()
}

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(<std::ffi::OsString as std::os::unix::ffi::OsStringExt>::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_to_bytes(path: &std::path::Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    String::from_utf8_lossy(&bytes).into_owned().into()
}

/// A `history` row (time, code, http_status, request_id, errors, text, groups,
/// total_bytes). Groups that do not parse (or a row from before they were kept) read as
/// none: the entry is still shown and reopened.
fn history_entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<HistoryEntry> {
    let groups: Option<String> = r.get(6)?;
    Ok(HistoryEntry {
        time: r.get(0)?,
        code: r.get(1)?,
        http_status: r.get(2)?,
        request_id: r.get(3)?,
        errors: r.get::<_, i64>(4)?.try_into().unwrap_or_default(),
        text: r.get(5)?,
        groups: groups
            .and_then(|g| serde_json::from_str(&g).ok())
            .unwrap_or_default(),
        total_bytes: r
            .get::<_, Option<i64>>(7)?
            .and_then(|b| usize::try_from(b).ok()),
    })
}
