//! Hand-offs not yet in the history. `apig-explorer send` is told "sent" only once the
//! window wrote the response here (redacted, like every stored paste), so a window killed
//! or closed before it analyzed the response loses nothing: the next window that listens
//! for hand-offs records what it finds here in the history. Kept in the `settings` table
//! under `handoff.pending.<time>`, so this needs no schema change and an older build
//! ignores the rows.

use rusqlite::{Connection, params};

use super::{Store, StoreError};
use crate::history::{HistoryEntry, stored_text};

/// Key prefix of a pending hand-off's row in `settings`.
const PREFIX: &str = "handoff.pending.";

/// A hand-off written to the store and not yet recorded in the history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Pending {
    /// Its row's key, to remove it once recorded.
    pub(crate) key: String,
    /// When it was received, UTC RFC 3339 (the history entry's time).
    pub(crate) time: String,
    /// The response, redacted and capped as the history keeps it.
    pub(crate) text: String,
    /// The response's size as received, so a history entry made from a capped text says
    /// its counts are of the beginning only.
    pub(crate) total_bytes: usize,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Row {
    time: String,
    text: String,
    /// Absent in rows of the first builds that kept hand-offs: then the text's own size.
    #[serde(default)]
    total_bytes: Option<usize>,
}

impl Store {
    /// A second connection to the same database, for a thread of its own (the hand-off
    /// listener). None for a store in memory.
    pub(crate) fn reopen(&self) -> Option<Store> {
        let path = self.path.as_ref()?;
        let conn = open_connection(path).ok()?;
        Some(Store::over(conn, Some(path.clone())))
    }

    /// Write a hand-off (redacted) before the sender is told it arrived; returns what
    /// was kept.
    pub(crate) fn keep_handoff(&self, text: &str) -> Result<Pending, StoreError> {
        let time = jiff::Timestamp::now();
        let pending = Pending {
            // Nanoseconds and a counter: two hand-offs in the same instant keep both.
            key: format!("{PREFIX}{:020}.{:06}", time.as_nanosecond(), next_serial()),
            time: crate::history::now_utc(),
            text: stored_text(text),
            total_bytes: text.len(),
        };
        let row = Row {
            time: pending.time.clone(),
            text: pending.text.clone(),
            total_bytes: Some(pending.total_bytes),
        };
        let value = serde_json::to_string(&row)?;
        retried(|| {
            self.conn.execute(
                "INSERT INTO settings(key, value) VALUES (?1, ?2)",
                params![pending.key, value],
            )?;
            Ok(())
        })?;
        Ok(pending)
    }

    /// The hand-offs kept and not yet recorded, oldest first. A row that cannot be read
    /// is recorded as what it holds, so nothing is dropped unseen.
    pub(crate) fn pending_handoffs(&self) -> Result<Vec<Pending>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT key, value FROM settings WHERE key >= ?1 AND key < ?2 ORDER BY key")?;
        let end = format!("{}{}", PREFIX.trim_end_matches('.'), '/');
        let rows = stmt.query_map(params![PREFIX, end], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut pending = Vec::new();
        for row in rows {
            let (key, value) = row?;
            let Row {
                time,
                text,
                total_bytes,
            } = serde_json::from_str(&value).unwrap_or_else(|_| Row {
                time: crate::history::now_utc(),
                text: stored_text(&value),
                total_bytes: Some(value.len()),
            });
            let total_bytes = total_bytes.unwrap_or(text.len());
            pending.push(Pending {
                key,
                time,
                text,
                total_bytes,
            });
        }
        Ok(pending)
    }

    /// The hand-off `key` is in the history (or was not kept): forget its row.
    pub(crate) fn forget_handoff(&self, key: &str) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM settings WHERE key = ?1", [key])?;
        Ok(())
    }

    /// Record a kept hand-off in the history, then forget its row. A crash between the
    /// two records it twice at worst, never loses it.
    pub(crate) fn settle_handoff(&self, key: &str, entry: &HistoryEntry) -> Result<(), StoreError> {
        retried(|| self.record_history(entry))?;
        retried(|| self.forget_handoff(key))
    }
}

/// `write`, tried again while the database is busy with another connection's write
/// (another window, or this one's own connection): SQLite does not wait for a lock in
/// every case by itself.
fn retried<T>(mut write: impl FnMut() -> Result<T, StoreError>) -> Result<T, StoreError> {
    let mut tries = 0;
    loop {
        match write() {
            Err(StoreError::Sql(rusqlite::Error::SqliteFailure(e, _)))
                if e.code == rusqlite::ErrorCode::DatabaseBusy && tries < 50 =>
            {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            other => return other,
        }
    }
}

fn open_connection(path: &std::path::Path) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(conn)
}

/// A number no other hand-off of this process had.
fn next_serial() -> u64 {
    static SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % 1_000_000
}
