//! Files the engineer's data lives in: created owner-only, checked when opened, and set
//! aside (never overwritten) when, and only when, they are damaged. A store that cannot be
//! opened for a passing reason (a full disk, another program's lock, a read-only file) is
//! left exactly as it is.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use rusqlite::ffi::ErrorCode;

use super::StoreError;

/// Create the database file (and its directory, owner-only) readable by its owner only,
/// before SQLite opens it: SQLite gives its WAL and shared-memory files the same mode.
/// True when this call created the file.
pub(super) fn create_private(path: &Path) -> Result<bool, StoreError> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent() {
        crate::cache::create_private_dir(dir).map_err(io)?;
    }
    let existed = path.exists();
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map_err(io)?;
    Ok(!existed)
}

/// Remove a database file this open created, when it failed before anything was written
/// to it (nor to its WAL): a failed start never leaves an empty store behind.
pub(super) fn remove_if_empty(path: &Path) {
    let empty = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.len() == 0);
    let wal = suffixed(path, "-wal");
    if empty(path) && (!wal.exists() || empty(&wal)) {
        for extra in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(suffixed(path, extra));
        }
        let _ = std::fs::remove_file(path);
    }
}

/// The store's WAL holds changes not yet in its file.
pub(super) fn wal_has_data(path: &Path) -> bool {
    std::fs::metadata(suffixed(path, "-wal")).is_ok_and(|m| m.len() > 0)
}

/// `path` as an SQLite `file:` URI, every byte outside the unreserved set escaped.
pub(super) fn file_uri(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    let mut uri = String::from("file:");
    for &b in bytes {
        if b.is_ascii_alphanumeric() || b"/._-~".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

/// The store holds something: its file, or its WAL (a store just made by another window
/// may have everything in its WAL). An empty file is a store never written.
pub(super) fn has_data(path: &Path) -> bool {
    let data = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.len() > 0);
    data(path) || data(&suffixed(path, "-wal"))
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

/// SQLite's code for `e`, when SQLite said it.
fn code(e: &StoreError) -> Option<ErrorCode> {
    match e {
        StoreError::Sql(rusqlite::Error::SqliteFailure(err, _)) => Some(err.code),
        _ => None,
    }
}

/// The file itself is damaged (not a database, or its pages do not hold together):
/// the only reason a store is ever set aside. A full disk, a lock, a read-only file or
/// an I/O error say nothing about the file and leave it where it is.
pub(super) fn is_damage(e: &StoreError) -> bool {
    matches!(
        code(e),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
    )
}

/// An I/O error (a full disk fails making the shared-memory file as one).
pub(super) fn is_io(e: &StoreError) -> bool {
    matches!(
        code(e),
        Some(ErrorCode::SystemIoFailure | ErrorCode::DiskFull)
    )
}

/// What the engineer can do about a store that cannot be written, in words.
pub(super) fn advice(e: &StoreError) -> &'static str {
    match code(e) {
        Some(ErrorCode::DiskFull) => "free some disk space",
        Some(ErrorCode::SystemIoFailure) => "check that the disk has free space and works",
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            "another program holds it locked: close that program"
        }
        Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied | ErrorCode::CannotOpen) => {
            "make the file and its folder writable by you"
        }
        _ => match e {
            StoreError::Newer(_) => "use the newer version of the app",
            StoreError::Io { source, .. } => match source.kind() {
                std::io::ErrorKind::StorageFull => "free some disk space",
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                    "make the file and its folder writable by you"
                }
                _ => "fix the cause",
            },
            _ => "fix the cause",
        },
    }
}

/// Rename a database that is damaged (with its WAL and shared-memory files) to
/// `<name>.damaged-<time>`; returns the sentence that tells the engineer.
pub(super) fn set_aside(path: &Path, why: &StoreError) -> String {
    let stamp = jiff::Timestamp::now().as_second();
    let mut aside = suffixed(path, &format!(".damaged-{stamp}"));
    // Two set aside within a second never replace each other.
    let mut n = 1;
    while aside.exists() {
        n += 1;
        aside = suffixed(path, &format!(".damaged-{stamp}-{n}"));
    }
    for extra in ["-wal", "-shm"] {
        let from = suffixed(path, extra);
        if from.exists() {
            let _ = std::fs::rename(&from, suffixed(&aside, extra));
        }
    }
    match std::fs::rename(path, &aside) {
        Ok(()) => format!(
            "The data file was damaged ({why}). It was kept as {} and a new one was started.",
            aside.display()
        ),
        Err(e) => format!(
            "The data file {} is damaged ({why}) and could not be moved aside ({e}).",
            path.display()
        ),
    }
}

/// The damaged stores set aside beside `path`, with the time each was set aside
/// (seconds), oldest first.
pub(super) fn set_aside_files(path: &Path) -> Vec<(i64, PathBuf)> {
    let Some(dir) = path.parent() else {
        return Vec::new();
    };
    let prefix = format!(
        "{}.damaged-",
        path.file_name().unwrap_or_default().to_string_lossy()
    );
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<(i64, PathBuf)> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let rest = name.strip_prefix(&prefix)?;
            if rest.ends_with("-wal") || rest.ends_with("-shm") {
                return None;
            }
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            Some((digits.parse().ok()?, entry.path()))
        })
        .collect();
    found.sort();
    found
}

/// The sentence that reminds the engineer of a store set aside earlier.
pub(super) fn reminder(stamp: i64, file: &Path) -> String {
    let when = jiff::Timestamp::from_second(stamp)
        .map(|t| t.strftime("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default();
    format!(
        "A damaged data file was set aside on {when}: {}. What it held is not in the current store; dismiss this once you no longer need it.",
        file.display()
    )
}

/// `path` with `suffix` appended to its file name.
pub(super) fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Test hooks: the next read-write open of a store fails with the given SQLite code, as
/// a full disk or a read-only file would make it fail where the test cannot arrange
/// that (tests run as root, whom file modes do not stop).
#[cfg(test)]
pub(super) mod fault {
    use std::cell::Cell;

    thread_local! {
        static NEXT: Cell<Option<i32>> = const { Cell::new(None) };
    }

    pub(crate) fn fail_next_open(code: i32) {
        NEXT.with(|n| n.set(Some(code)));
    }

    pub(in crate::session::store) fn take() -> Result<(), super::StoreError> {
        match NEXT.with(Cell::take) {
            Some(code) => Err(super::StoreError::Sql(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(code),
                None,
            ))),
            None => Ok(()),
        }
    }
}
