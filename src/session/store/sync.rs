//! Keeping windows in step. Every window writes to the one database; each one asks
//! SQLite's `data_version` whether another connection committed since it last looked, and
//! reads the shared rows again when so. A file watcher (inotify on Linux) wakes the window
//! when the database files change, so an idle window neither polls nor draws.

use rusqlite::Connection;

use super::{Store, StoreError};
use crate::history::HistoryEntry;
use crate::incident::{Incident, IncidentBook};

/// What windows share, read again after another window changed it.
pub(crate) struct Shared {
    pub(crate) incidents: IncidentBook,
    pub(crate) archived: Vec<Incident>,
    pub(crate) history: Vec<HistoryEntry>,
}

impl Store {
    /// True when another connection committed a change since the last call (or since
    /// opening). This connection's own writes do not count.
    pub(crate) fn changed_elsewhere(&self) -> bool {
        let Ok(version) = data_version(&self.conn) else {
            return false;
        };
        self.seen_version.replace(version) != version
    }

    /// The incidents, the Archive and the history as stored now.
    pub(crate) fn shared(&self, problems: &mut Vec<String>) -> Result<Shared, StoreError> {
        Ok(Shared {
            incidents: self.incidents(problems)?,
            archived: self.archived(problems)?,
            history: self.history()?,
        })
    }

    /// Call `wake` soon after any connection (this one too) commits a change, until the
    /// returned watcher is dropped. None for a store in memory, or where the system
    /// cannot watch files (changes are then still taken at the next frame).
    pub(crate) fn watch(&self, wake: impl Fn() + Send + 'static) -> Option<Watcher> {
        use notify::Watcher as _;
        let path = self.path.clone()?;
        let dir = path.parent()?.to_path_buf();
        let name = path.file_name()?.to_os_string();
        // A commit writes the WAL (or, at a checkpoint, the database itself).
        let mut wal = name.clone();
        wal.push("-wal");
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let Ok(event) = event else {
                    return;
                };
                let ours = event
                    .paths
                    .iter()
                    .any(|p| p.file_name().is_some_and(|n| n == name || n == wal));
                if ours && (event.kind.is_modify() || event.kind.is_create()) {
                    wake();
                }
            })
            .ok()?;
        watcher
            .watch(&dir, notify::RecursiveMode::NonRecursive)
            .ok()?;
        Some(Watcher { _inner: watcher })
    }
}

/// Watches the store's files until dropped.
pub(crate) struct Watcher {
    _inner: notify::RecommendedWatcher,
}

fn data_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "data_version", |r| r.get(0))
}
