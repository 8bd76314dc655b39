//! Files the engineer's data lives in: created owner-only, checked when opened, and set
//! aside (never overwritten) when they cannot be read.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::StoreError;

/// Create the database file (and its directory) readable by its owner only, before
/// SQLite opens it: SQLite gives its WAL and shared-memory files the same mode.
pub(super) fn create_private(path: &Path) -> Result<(), StoreError> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map_err(io)?;
    Ok(())
}

/// SQLite's own consistency check; a garbage or truncated file fails it (or fails to
/// open as a database at all).
pub(super) fn check(conn: &Connection) -> Result<(), StoreError> {
    let verdict: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(StoreError::Sql(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
            Some(verdict),
        )))
    }
}

/// Rename a database that cannot be used (with its WAL and shared-memory files) to
/// `<name>.damaged-<time>`; returns the sentence that tells the engineer.
pub(super) fn set_aside(path: &Path, why: &StoreError) -> String {
    let stamp = jiff::Timestamp::now().as_second();
    let aside = suffixed(path, &format!(".damaged-{stamp}"));
    for extra in ["-wal", "-shm"] {
        let from = suffixed(path, extra);
        if from.exists() {
            let _ = std::fs::rename(&from, suffixed(&aside, extra));
        }
    }
    match std::fs::rename(path, &aside) {
        Ok(()) => format!(
            "The data file could not be read ({why}). It was kept as {} and a new one was started.",
            aside.display()
        ),
        Err(e) => format!(
            "The data file {} could not be read ({why}) nor moved aside ({e}).",
            path.display()
        ),
    }
}

/// `path` with `suffix` appended to its file name.
pub(super) fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}
