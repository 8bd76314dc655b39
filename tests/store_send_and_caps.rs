//! The command line's readers and a store of an earlier schema; `send`'s answer when it
//! had to start a window.

#![allow(clippy::unwrap_used, reason = "test code")]

use std::path::Path;
use std::process::{Command, Output};

/// An empty directory to stand for `$XDG_DATA_HOME`, removed by the test.
fn fresh_home(name: &str) -> std::path::PathBuf {
    let home = std::env::temp_dir().join(format!("apig-trust-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    home
}

/// The binary with `home` as its `$XDG_DATA_HOME`.
fn run_in(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_apig-explorer"))
        .args(args)
        .env("XDG_DATA_HOME", home)
        .env("XDG_CACHE_HOME", home.join("cache"))
        .output()
        .expect("the binary runs")
}

/// Every file of `dir` with its bytes and modification time.
fn files_with_times(dir: &Path) -> Vec<(String, Vec<u8>, std::time::SystemTime)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            let path = e.path();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(&path).unwrap(),
                std::fs::metadata(&path).unwrap().modified().unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// Turn the current store at `path` into one of schema version 1, as the first release
/// wrote it: no full-text index, no step history, no counts of a history entry.
fn make_version_1(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "DROP TRIGGER history_fts_insert; DROP TRIGGER history_fts_delete;
         DROP TABLE history_fts; DROP TABLE step_history;
         ALTER TABLE history DROP COLUMN groups; ALTER TABLE history DROP COLUMN total_bytes;
         PRAGMA user_version = 1; PRAGMA journal_mode = DELETE;",
    )
    .unwrap();
}

#[test]
fn history_and_incidents_read_a_store_of_an_earlier_schema_without_changing_it() {
    use apig_explorer::{Catalog, HistoryEntry, Incident, Legacy, Store};
    let home = fresh_home("older");
    let data = home.join("apig-explorer");
    let store = Store::open(&data, Legacy::default()).store.unwrap();
    store
        .record_history(&HistoryEntry {
            time: "2026-11-27T06:38:00Z".into(),
            code: Some("APIG.0308".into()),
            http_status: Some(429),
            request_id: Some("7f0e2d4c6b8a".into()),
            errors: 1,
            text: "{\"error_code\":\"APIG.0308\"}\nsecond line".into(),
            ..HistoryEntry::default()
        })
        .unwrap();
    let catalog = Catalog::embedded();
    let row = catalog
        .entries
        .iter()
        .position(|e| e.code() == "APIG.0308")
        .unwrap();
    store
        .insert_incident(&Incident::from_row(
            0,
            &catalog,
            row,
            "2026-11-27T06:40:00Z",
        ))
        .unwrap();
    drop(store);
    let path = data.join("state.sqlite3");
    make_version_1(&path);
    // Times of a second's resolution would hide a rewrite made within the same second.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let before = files_with_times(&data);

    let out = run_in(&home, &["history", "--json"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.as_array().map(Vec::len), Some(1), "{rows}");
    assert_eq!(rows[0]["first_line"], "{\"error_code\":\"APIG.0308\"}");
    assert_eq!(rows[0]["request_id"], "7f0e2d4c6b8a");
    assert_eq!(
        rows[0]["errors_exact"], false,
        "no counts in a version-1 row"
    );
    let searched = run_in(&home, &["history", "7f0e2d"]);
    assert!(
        String::from_utf8_lossy(&searched.stdout).contains("APIG.0308"),
        "the full-text search works on the copy: {}",
        String::from_utf8_lossy(&searched.stderr)
    );

    let out = run_in(&home, &["incidents"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("APIG.0308"), "{text}");

    assert_eq!(
        files_with_times(&data),
        before,
        "the file's bytes and time are unchanged, and nothing is added beside it"
    );
    let conn =
        rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1, "still the earlier schema");
    drop(conn);
    let _ = std::fs::remove_dir_all(&home);
}

/// `send` with no window running, in a home of its own: its runtime and data directories
/// are `home`'s, and the display is `display` (none: the started window cannot open).
#[cfg(all(unix, feature = "gui"))]
fn send_alone(home: &Path, display: Option<&std::ffi::OsStr>) -> Output {
    let file = home.join("response.txt");
    std::fs::create_dir_all(home).unwrap();
    std::fs::write(
        &file,
        "{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\"}\n",
    )
    .unwrap();
    let runtime = home.join("run");
    std::fs::create_dir_all(&runtime).unwrap();
    std::fs::set_permissions(
        &runtime,
        std::os::unix::fs::PermissionsExt::from_mode(0o700),
    )
    .unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_apig-explorer"));
    command
        .args(["send", file.to_str().unwrap()])
        .env("XDG_DATA_HOME", home)
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_RUNTIME_DIR", &runtime)
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("DISPLAY");
    if let Some(display) = display {
        command.env("DISPLAY", display);
    }
    command.output().expect("the binary runs")
}

#[cfg(all(unix, feature = "gui"))]
#[test]
fn send_that_starts_a_window_which_cannot_open_says_nothing_was_sent() {
    let home = fresh_home("send-nodisplay");
    let out = send_alone(&home, None);
    let said = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{said}{err}");
    assert!(!said.contains("sent"), "no success is claimed: {said}");
    assert!(
        err.contains("started one (process") && err.contains("nothing was sent"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&home);
}

#[cfg(all(unix, feature = "gui"))]
#[test]
fn send_that_starts_a_window_says_so_once_the_window_holds_the_paste() {
    let Some(display) = std::env::var_os("DISPLAY") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must provide a display (Xvfb)"
        );
        eprintln!("skipped: no display; `bash .ci/run` starts Xvfb");
        return;
    };
    let home = fresh_home("send-started");
    let out = send_alone(&home, Some(&display));
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    let pid = said
        .split("(process ")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .map(str::to_string);
    if let Some(pid) = &pid {
        let _ = Command::new("kill").arg(pid).status();
    }
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(pid.is_some(), "{said}");
    assert!(
        said.starts_with("no window was running: started one (process ")
            && said.contains("sent to the running window"),
        "{said}"
    );
    let _ = std::fs::remove_dir_all(&home);
}

#[path = "../benches/support/shapes.rs"]
mod shapes;
#[path = "../benches/support/synthetic.rs"]
mod synthetic;

/// A text of a 100,000-row catalog's own words, quoting its messages: it may hold more
/// rows than are looked for, and the analysis says so instead of "no APIG error".
#[test]
fn prose_looked_for_in_only_some_rows_says_so() {
    let catalog = synthetic::catalog(100_000);
    let text = shapes::quoting_prose(&catalog);
    let analysis = apig_explorer::analyze(&text, &catalog);
    let said: Vec<&String> = analysis
        .warnings
        .iter()
        .chain(analysis.errors.iter().flat_map(|e| &e.warnings))
        .collect();
    assert!(
        said.iter().any(|w| w.contains("to keep the analysis fast")),
        "{said:?}"
    );
    assert!(
        !said.iter().any(|w| w.contains("No APIG error found")),
        "{said:?}"
    );
}
