//! Keeping windows in step. Every window writes to the one database; each one asks
//! SQLite's `data_version` whether another connection committed since it last looked, and
//! reads the shared rows again when so. A watcher thread asks a few times a second on its
//! own connection and wakes the window only when something changed, so an idle window
//! draws nothing.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{Store, StoreError};
use crate::history::HistoryEntry;
use crate::incident::{Incident, IncidentBook};

/// How often the watcher looks: well inside the second a change may take to show.
const WATCH_EVERY: Duration = Duration::from_millis(250);

/// What windows share, read again after another window changed it.
pub struct Shared {
    pub incidents: IncidentBook,
    pub archived: Vec<Incident>,
    pub history: Vec<HistoryEntry>,
}

impl Store {
    /// True when another connection committed a change since the last call (or since
    /// opening). This connection's own writes do not count.
    pub fn changed_elsewhere(&self) -> bool {
        let Ok(version) = data_version(&self.conn) else {
            return false;
        };
        self.seen_version.replace(version) != version
    }

    /// The incidents, the Archive and the history as stored now.
    pub fn shared(&self, problems: &mut Vec<String>) -> Result<Shared, StoreError> {
        Ok(Shared {
            incidents: self.incidents(problems)?,
            archived: self.archived(problems)?,
            history: self.history()?,
        })
    }

    /// Call `wake` soon after any connection (this one too) commits a change, until the
    /// returned watcher is dropped. None for a store in memory.
    pub fn watch(&self, wake: impl Fn() + Send + 'static) -> Option<Watcher> {
        let path = self.path.clone()?;
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        std::thread::Builder::new()
            .name("store-watch".into())
            .spawn(move || watch(&path, &stopped, wake))
            .ok()?;
        Some(Watcher { stop })
    }
}

/// Stops its thread when dropped.
pub struct Watcher {
    stop: Arc<AtomicBool>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn watch(path: &Path, stop: &AtomicBool, wake: impl Fn()) {
    let Ok(conn) = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return;
    };
    let mut seen = data_version(&conn).ok();
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(WATCH_EVERY);
        let now = data_version(&conn).ok();
        if now != seen {
            seen = now;
            wake();
        }
    }
}

fn data_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "data_version", |r| r.get(0))
}
