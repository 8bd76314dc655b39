use super::*;
use crate::catalog::Catalog;
use crate::history::HistoryEntry;
use crate::incident::{Incident, StepField, StepStatus, WorkedStep};
use crate::session::state::ThemeChoice;

fn temp_dir(name: &str) -> crate::session::test_dir::TestDir {
    crate::session::test_dir::TestDir::new("store", name)
}

fn open(dir: &Path) -> Opened {
    Store::open(dir, Legacy::default())
}

fn incident(catalog: &Catalog) -> Incident {
    Incident::from_row(0, catalog, 0, "2026-11-27T10:00:00Z")
}

#[test]
fn everything_written_is_read_back() {
    let dir = temp_dir("roundtrip");
    let catalog = Catalog::embedded();
    {
        let opened = open(&dir);
        assert!(opened.problems.is_empty(), "{:?}", opened.problems);
        let store = opened.store.unwrap();
        let mut state = SavedState::default();
        state.explorer.query = "throttling token=abcdef123456".into();
        state.zoom = 1.3;
        store
            .save_settings(&state.explorer, state.theme, state.zoom)
            .unwrap();
        store
            .set_catalogs(&["/a.rst".into(), "/b.toml".into()])
            .unwrap();
        for i in 0..(crate::history::MAX_ENTRIES + 2) {
            let entry = HistoryEntry {
                time: format!("t{i}"),
                text: "APIG.0308".into(),
                ..HistoryEntry::default()
            };
            store.record_history(&entry).unwrap();
        }
        store
            .save_paste(&StoredPaste {
                text: "APIG.0308".into(),
                total_bytes: 9,
                state: PasteState::Analyzed,
            })
            .unwrap();
        let id = store.insert_incident(&incident(&catalog)).unwrap();
        let before = incident(&catalog).steps[1].clone();
        let mut worked = before.clone();
        worked.status = StepStatus::Done;
        worked.note = "token=abcdef123456 seen".into();
        store.save_step_change(id, 1, &before, &worked).unwrap();
        store.rename_incident(id, "TICKET-1").unwrap();
    }
    let contents = open(&dir).contents;
    assert_eq!(
        contents.state.explorer.query, "throttling token=[redacted]",
        "the stored query is redacted"
    );
    assert_eq!(contents.state.zoom, 1.3);
    assert_eq!(
        contents.state.catalog_paths,
        vec![PathBuf::from("/a.rst"), "/b.toml".into()]
    );
    let history = &contents.state.history.entries;
    assert_eq!(history.len(), crate::history::MAX_ENTRIES);
    assert_eq!(
        history[0].time,
        format!("t{}", crate::history::MAX_ENTRIES + 1),
        "newest first"
    );
    assert_eq!(contents.paste.unwrap().state, PasteState::Analyzed);
    let incident = &contents.incidents.incidents[0];
    assert_eq!(incident.name, "TICKET-1");
    assert_eq!(incident.steps[1].status, StepStatus::Done);
    assert_eq!(
        incident.steps[1].note, "token=[redacted] seen",
        "notes are redacted on disk"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn two_windows_on_one_store_keep_each_others_changes() {
    let dir = temp_dir("two");
    let catalog = Catalog::embedded();
    let a = open(&dir).store.unwrap();
    let b = open(&dir).store.unwrap();
    let first = a.insert_incident(&incident(&catalog)).unwrap();
    let second = b.insert_incident(&incident(&catalog)).unwrap();
    assert_ne!(first, second, "the database hands out the ids");
    let fresh = incident(&catalog);
    let mut done = fresh.steps[0].clone();
    done.status = StepStatus::Done;
    let mut noted = fresh.steps[1].clone();
    noted.note = "from window b".into();
    a.save_step_change(first, 0, &fresh.steps[0], &done)
        .unwrap();
    b.save_step_change(first, 1, &fresh.steps[1], &noted)
        .unwrap();
    b.close_incident(second, "now").unwrap();
    a.rename_incident(first, "from window a").unwrap();
    let book = open(&dir).contents.incidents;
    assert_eq!(book.incidents.len(), 1, "the closed one is closed for both");
    let kept = &book.incidents[0];
    assert_eq!(kept.name, "from window a");
    assert_eq!(kept.steps[0].status, StepStatus::Done);
    assert_eq!(kept.steps[1].note, "from window b");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_same_field_written_by_two_windows_keeps_the_later_and_the_earlier_in_history() {
    let dir = temp_dir("same-field");
    let catalog = Catalog::embedded();
    let a = open(&dir).store.unwrap();
    let b = open(&dir).store.unwrap();
    let fresh = incident(&catalog);
    let id = a.insert_incident(&fresh).unwrap();
    let step = |note: &str, status, changed: &str| WorkedStep {
        note: note.into(),
        status,
        changed: Some(changed.into()),
        ..fresh.steps[0].clone()
    };
    // Both windows start from the fresh step; a writes first, b later without seeing it.
    let replaced = a
        .save_step_change(
            id,
            0,
            &fresh.steps[0],
            &step("quota is 5/min", StepStatus::Done, "t1"),
        )
        .unwrap();
    assert!(replaced.is_empty(), "nothing was overwritten");
    let replaced = b
        .save_step_change(
            id,
            0,
            &fresh.steps[0],
            &step("customer raised it", StepStatus::Todo, "t2"),
        )
        .unwrap();
    assert_eq!(
        replaced
            .iter()
            .map(|e| (e.field, e.value.as_str()))
            .collect::<Vec<_>>(),
        [(StepField::Note, "quota is 5/min")],
        "the status b did not change stays a's; the note b overwrote is kept"
    );
    let kept = &open(&dir).contents.incidents.incidents[0].steps[0];
    assert_eq!(kept.note, "customer raised it", "the later write wins");
    assert_eq!(
        kept.status,
        StepStatus::Done,
        "a field b did not touch keeps a's value"
    );
    assert_eq!(kept.earlier.len(), 1);
    assert_eq!(kept.earlier[0].value, "quota is 5/min");
    assert_eq!(kept.earlier[0].changed.as_deref(), Some("t1"));
    // A window that saw the value before changing it replaces nothing.
    let replaced = a.save_step_change(id, 0, kept, &step("raised to 50", StepStatus::Done, "t3"));
    assert!(replaced.unwrap().is_empty());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_window_learns_when_another_one_wrote() {
    let dir = temp_dir("changed");
    let catalog = Catalog::embedded();
    let a = open(&dir).store.unwrap();
    let b = open(&dir).store.unwrap();
    assert!(!a.changed_elsewhere());
    let id = a.insert_incident(&incident(&catalog)).unwrap();
    assert!(!a.changed_elsewhere(), "its own write is not news");
    assert!(b.changed_elsewhere());
    assert!(!b.changed_elsewhere(), "told once");
    let shared = b.shared(&mut Vec::new()).unwrap();
    assert_eq!(shared.incidents.incidents[0].id, id);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_watcher_wakes_a_window_when_another_one_writes() {
    let dir = temp_dir("watch");
    let a = open(&dir).store.unwrap();
    let b = open(&dir).store.unwrap();
    let (woken, wakes) = std::sync::mpsc::channel();
    let watcher = a.watch(move || {
        let _ = woken.send(());
    });
    assert!(watcher.is_some(), "a store on disk can be watched");
    b.insert_incident(&incident(&Catalog::embedded())).unwrap();
    assert!(
        wakes
            .recv_timeout(std::time::Duration::from_secs(10))
            .is_ok(),
        "a change from another window wakes this one"
    );
    assert!(Store::in_memory().unwrap().watch(|| {}).is_none());
    std::fs::remove_dir_all(&dir).ok();
}

#[cfg(unix)]
#[test]
fn the_database_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = temp_dir("mode");
    let store = open(&dir).store.unwrap();
    store.clear_history().unwrap();
    for name in [FILE_NAME, "state.sqlite3-wal"] {
        let mode = std::fs::metadata(dir.join(name))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{name} is {mode:o}");
    }
    // The directory too: made 0700, or made so when eframe or an earlier version made it
    // 0755.
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let made = dir.join("made").join("apig-explorer");
    drop(open(&made));
    assert_eq!(mode(&made), 0o700);
    let open_before = dir.join("apig-explorer");
    std::fs::create_dir_all(&open_before).unwrap();
    std::fs::set_permissions(&open_before, std::fs::Permissions::from_mode(0o755)).unwrap();
    drop(open(&open_before));
    assert_eq!(mode(&open_before), 0o700);
    std::fs::remove_dir_all(&dir).ok();
}

fn damaged_copies(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(".damaged-"))
        .collect()
}

#[test]
fn a_garbage_or_truncated_file_is_kept_aside_and_a_new_store_started() {
    let catalog = Catalog::embedded();
    for (name, damage) in [("garbage", 0usize), ("truncated", 1)] {
        let dir = temp_dir(name);
        let path = dir.join(FILE_NAME);
        if damage == 0 {
            std::fs::write(
                &path,
                "this is not a database, it is a shopping list\n".repeat(100),
            )
            .unwrap();
        } else {
            let store = open(&dir).store.unwrap();
            for _ in 0..50 {
                store.insert_incident(&incident(&catalog)).unwrap();
            }
            drop(store);
            let bytes = std::fs::read(&path).unwrap();
            std::fs::write(&path, &bytes[..bytes.len() / 3]).unwrap();
            let _ = std::fs::remove_file(dir.join("state.sqlite3-wal"));
        }
        let before = std::fs::read(&path).unwrap();
        let opened = open(&dir);
        assert!(opened.store.is_some(), "{name}: a new store works");
        let problem = opened.problems.join(" ");
        assert!(problem.contains("kept as"), "{name}: {problem}");
        let aside = damaged_copies(&dir);
        assert_eq!(
            aside
                .iter()
                .filter(|p| !p.to_string_lossy().ends_with("-wal")
                    && !p.to_string_lossy().ends_with("-shm"))
                .count(),
            1,
            "{name}"
        );
        let kept = aside
            .iter()
            .find(|p| !p.to_string_lossy().ends_with("-wal"))
            .unwrap();
        assert_eq!(
            std::fs::read(kept).unwrap(),
            before,
            "{name}: the damaged file is kept whole"
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}

#[test]
fn an_empty_file_starts_an_empty_store() {
    let dir = temp_dir("empty");
    std::fs::write(dir.join(FILE_NAME), "").unwrap();
    let opened = open(&dir);
    assert!(
        opened.store.is_some() && opened.problems.is_empty(),
        "{:?}",
        opened.problems
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_setting_of_the_wrong_type_falls_back_alone_and_is_kept() {
    let dir = temp_dir("types");
    {
        let store = open(&dir).store.unwrap();
        let state = SavedState {
            zoom: 1.5,
            ..SavedState::default()
        };
        store
            .save_settings(&state.explorer, state.theme, state.zoom)
            .unwrap();
        store
            .conn
            .execute(
                "UPDATE settings SET value = '\"large\"' WHERE key = 'theme'",
                [],
            )
            .unwrap();
        store
            .conn
            .execute(
                "INSERT INTO settings VALUES ('from_a_newer_version', '[1,2]')",
                [],
            )
            .unwrap();
        store.set_catalogs(&["/kept.rst".into()]).unwrap();
    }
    let opened = open(&dir);
    assert_eq!(opened.contents.state.theme, ThemeChoice::System);
    assert_eq!(
        opened.contents.state.zoom, 1.5,
        "the other settings are kept"
    );
    assert_eq!(
        opened.contents.state.catalog_paths,
        vec![PathBuf::from("/kept.rst")]
    );
    let problem = opened.problems.join(" ");
    assert!(
        problem.contains("theme") && problem.contains("kept as theme.damaged-"),
        "{problem}"
    );
    let kept: i64 = opened
        .store
        .unwrap()
        .conn
        .query_row(
            "SELECT count(*) FROM settings WHERE key LIKE 'theme.damaged-%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kept, 1);
    std::fs::remove_dir_all(&dir).ok();
}

/// Everything in `dir` but the WAL and shared-memory files, with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.to_string_lossy();
            !name.ends_with("-wal") && !name.ends_with("-shm")
        })
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

/// A store with one named incident, closed cleanly (everything in the main file).
fn healthy_store(dir: &Path) {
    let store = open(dir).store.unwrap();
    let id = store
        .insert_incident(&incident(&Catalog::embedded()))
        .unwrap();
    store.rename_incident(id, "TICKET-KEEP").unwrap();
}

#[test]
fn a_store_from_a_newer_version_is_not_touched() {
    let dir = temp_dir("newer");
    {
        let store = open(&dir).store.unwrap();
        store.conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = snapshot(&dir);
    let opened = open(&dir);
    let problems = opened.problems.join(" ");
    assert!(
        problems.contains("newer version") && problems.contains("left as it is"),
        "{problems}"
    );
    assert!(opened.store.is_none(), "nothing is written to it");
    assert!(damaged_copies(&dir).is_empty(), "never set aside");
    assert_eq!(snapshot(&dir), before, "not a byte changed");
    assert!(matches!(
        Store::open_read_only(&dir),
        Err(StoreError::Newer(99))
    ));
    std::fs::remove_dir_all(&dir).ok();
}

/// Open a healthy store while `code` makes the writable open fail; the store must be left
/// as it was, whole, and its contents shown if it can be read.
fn fails_without_damage(name: &str, code: i32, expect: &str) {
    let dir = temp_dir(name);
    healthy_store(&dir);
    let before = snapshot(&dir);
    damage::fault::fail_next_open(code);
    let opened = open(&dir);
    let problems = opened.problems.join(" ");
    assert!(
        problems.contains("left as it is") && problems.contains(expect),
        "{name}: {problems}"
    );
    assert!(!problems.contains("kept as"), "{name}: {problems}");
    assert!(opened.store.is_none(), "{name}: changes are not written");
    assert_eq!(
        opened.contents.incidents.incidents[0].name, "TICKET-KEEP",
        "{name}: what it holds is shown, read-only"
    );
    assert!(damaged_copies(&dir).is_empty(), "{name}: not set aside");
    assert_eq!(snapshot(&dir), before, "{name}: the store is untouched");
    let again = open(&dir);
    assert!(again.problems.is_empty(), "{name}: {:?}", again.problems);
    assert_eq!(again.contents.incidents.incidents[0].name, "TICKET-KEEP");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_full_disk_busy_or_io_error_at_start_leaves_a_healthy_store_where_it_is() {
    use rusqlite::ffi;
    fails_without_damage("full-hook", ffi::SQLITE_FULL, "free some disk space");
    fails_without_damage("busy-hook", ffi::SQLITE_BUSY, "another program");
    fails_without_damage("io-hook", ffi::SQLITE_IOERR, "free space");
    fails_without_damage("cantopen-hook", ffi::SQLITE_CANTOPEN, "writable");
}

#[cfg(unix)]
#[test]
fn a_read_only_store_file_is_shown_and_left_as_it_is() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = temp_dir("readonly");
    healthy_store(&dir);
    let path = dir.join(FILE_NAME);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = snapshot(&dir);
    // Root writes whatever the mode says: there the hook stands in for the mode.
    // SAFETY: geteuid only reads the process's user id.
    if unsafe { libc::geteuid() } == 0 {
        damage::fault::fail_next_open(rusqlite::ffi::SQLITE_READONLY);
    }
    let opened = open(&dir);
    let problems = opened.problems.join(" ");
    assert!(
        problems.contains("cannot be written") && problems.contains("writable"),
        "{problems}"
    );
    assert!(opened.store.is_none());
    assert_eq!(opened.contents.incidents.incidents[0].name, "TICKET-KEEP");
    assert!(damaged_copies(&dir).is_empty());
    assert_eq!(snapshot(&dir), before);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_store_locked_by_another_program_is_left_as_it_is() {
    let dir = temp_dir("locked");
    healthy_store(&dir);
    let before = snapshot(&dir);
    let locker = rusqlite::Connection::open(dir.join(FILE_NAME)).unwrap();
    locker
        .execute_batch("PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE;")
        .unwrap();
    let opened = open(&dir);
    let problems = opened.problems.join(" ");
    assert!(
        problems.contains("left as it is") && problems.contains("locked"),
        "{problems}"
    );
    assert!(opened.store.is_none(), "this session keeps nothing");
    assert!(damaged_copies(&dir).is_empty(), "not set aside");
    assert!(
        Store::open_read_only(&dir).is_err(),
        "a reader is told, not given an empty store"
    );
    drop(locker);
    assert_eq!(snapshot(&dir), before, "the store is untouched");
    let again = open(&dir);
    assert!(again.problems.is_empty(), "{:?}", again.problems);
    assert_eq!(again.contents.incidents.incidents[0].name, "TICKET-KEEP");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_new_store_that_cannot_be_created_leaves_no_empty_file() {
    let dir = temp_dir("no-empty");
    damage::fault::fail_next_open(rusqlite::ffi::SQLITE_FULL);
    let opened = open(&dir);
    assert!(opened.store.is_none());
    assert!(
        opened.problems.join(" ").contains("free some disk space"),
        "{:?}",
        opened.problems
    );
    assert!(
        std::fs::read_dir(&dir).unwrap().next().is_none(),
        "no file is left behind"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// A small tmpfs at `dir`, or false where this process may not mount.
fn small_disk(dir: &Path) -> bool {
    std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
        .arg(dir)
        .status()
        .is_ok_and(|s| s.success())
}

/// Fill the disk `dir` is on, up to its last byte.
fn fill(dir: &Path) {
    use std::io::Write as _;
    let mut filler = std::fs::File::create(dir.join("filler")).unwrap();
    while filler.write_all(&[b'x'; 4096]).is_ok() {}
    while filler.write_all(b"x").is_ok() {}
}

#[test]
fn a_healthy_store_on_a_full_disk_is_never_set_aside_nor_emptied() {
    let dir = temp_dir("full-tmpfs");
    if !small_disk(&dir) {
        eprintln!("skipped: mounting a tmpfs needs root (the hook test covers SQLITE_FULL)");
        return;
    }
    healthy_store(&dir);
    let path = dir.join(FILE_NAME);
    let bytes = std::fs::read(&path).unwrap();
    fill(&dir);
    for round in 0..2 {
        let opened = open(&dir);
        assert!(damaged_copies(&dir).is_empty(), "round {round}");
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "round {round}");
        let told = opened.problems.join(" ");
        assert!(
            told.contains("left as it is") && told.contains("free space"),
            "round {round}: {told}"
        );
        assert_eq!(
            opened.contents.incidents.incidents[0].name, "TICKET-KEEP",
            "round {round}: {:?}",
            opened.problems
        );
    }
    std::fs::remove_file(dir.join("filler")).unwrap();
    let again = open(&dir);
    assert!(again.problems.is_empty(), "{:?}", again.problems);
    assert_eq!(again.contents.incidents.incidents[0].name, "TICKET-KEEP");
    drop(again);
    let _ = std::process::Command::new("umount")
        .arg("-l")
        .arg(&*dir)
        .status();
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_damaged_store_set_aside_is_recalled_at_every_start_until_dismissed() {
    let dir = temp_dir("recall");
    std::fs::write(dir.join(FILE_NAME), "not a database\n".repeat(200)).unwrap();
    let first = open(&dir);
    let told = first.problems.join(" ");
    assert!(told.contains("kept as"), "{told}");
    assert!(!told.contains("was set aside on"), "said once: {told}");
    drop(first);
    for _ in 0..2 {
        let later = open(&dir);
        let told = later.problems.join(" ");
        assert!(
            told.contains("was set aside on") && told.contains(".damaged-"),
            "{told}"
        );
        assert_eq!(
            Store::open_read_only(&dir)
                .unwrap()
                .unwrap()
                .reminders()
                .len(),
            1,
            "the command line says it too"
        );
    }
    open(&dir).store.unwrap().dismiss_damaged().unwrap();
    assert!(open(&dir).problems.is_empty(), "dismissed");
    // A later damaged file is recalled again.
    let stamp = jiff::Timestamp::now().as_second() + 5;
    std::fs::write(dir.join(format!("{FILE_NAME}.damaged-{stamp}")), "x").unwrap();
    assert_eq!(open(&dir).problems.len(), 1);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_reader_never_creates_upgrades_or_sets_aside_a_store() {
    let dir = temp_dir("reader");
    assert!(Store::open_read_only(&dir).unwrap().is_none());
    assert!(
        std::fs::read_dir(&dir).unwrap().next().is_none(),
        "nothing created"
    );
    std::fs::write(dir.join(FILE_NAME), "garbage, not a database\n".repeat(100)).unwrap();
    let before = snapshot(&dir);
    assert!(Store::open_read_only(&dir).is_err(), "damage is an error");
    assert_eq!(snapshot(&dir), before, "and the file stays where it is");
    std::fs::remove_dir_all(&dir).ok();
    let dir = temp_dir("reader-v1");
    {
        let conn = rusqlite::Connection::open(dir.join(FILE_NAME)).unwrap();
        conn.execute_batch(SCHEMA).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let before = snapshot(&dir);
    let copy = Store::open_read_only(&dir).unwrap().unwrap();
    assert!(copy.search_history("").unwrap().is_empty());
    drop(copy);
    assert_eq!(snapshot(&dir), before, "not upgraded by a reader");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn files_of_an_earlier_version_are_imported_once_redacted_and_kept_owner_only() {
    let dir = temp_dir("legacy");
    let catalog = Catalog::embedded();
    let mut book = crate::incident::IncidentBook::default();
    book.open(|id| Incident::from_row(id, &catalog, 3, "t0"));
    book.incidents[0].steps[0].note = "X-Auth-Token: MIIoldbuildleak0123456789abcdef".into();
    let json = serde_json::to_value(&book).unwrap();
    let mut json = json.as_object().unwrap().clone();
    json.insert("written_by".into(), "an older build".into());
    let incidents = dir.join("incidents.json");
    std::fs::write(&incidents, serde_json::to_string(&json).unwrap()).unwrap();
    let ron = dir.join("app.ron");
    std::fs::write(&ron, "{}").unwrap();
    let leak = "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvbGQifQ.c2lnbmF0dXJlb2xk";
    let mut state = SavedState {
        paste_text: format!("APIG.0101\n{leak}"),
        catalog_paths: vec!["/vpc.rst".into()],
        ..SavedState::default()
    };
    state.history.entries.push(HistoryEntry {
        time: "t".into(),
        text: format!("APIG.0308\nX-Auth-Token: MIIoldhistoryleak0123456789\n{leak}"),
        ..HistoryEntry::default()
    });
    let legacy = Legacy {
        state: Some(state),
        app_ron: Some(ron.clone()),
        incidents_json: Some(incidents.clone()),
    };
    let opened = Store::open(&dir, legacy);
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    assert_eq!(opened.contents.incidents.incidents.len(), 1);
    assert_eq!(
        opened.contents.state.catalog_paths,
        vec![PathBuf::from("/vpc.rst")]
    );
    let paste = opened.contents.paste.unwrap().text;
    assert!(paste.starts_with("APIG.0101"), "{paste}");
    drop(opened.store);
    let bytes = String::from_utf8_lossy(&std::fs::read(dir.join(FILE_NAME)).unwrap()).into_owned();
    for secret in ["MIIoldhistoryleak", "MIIoldbuildleak", "c2lnbmF0dXJlb2xk"] {
        assert!(!bytes.contains(secret), "{secret} was imported as it was");
    }
    assert!(bytes.contains("APIG.0308"), "the history was imported");
    assert!(!incidents.exists() && dir.join("incidents.json.imported").exists());
    assert!(
        !dir.join("app.ron.imported").exists(),
        "no copy of what the old build leaked"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(dir.join("incidents.json.imported"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "incidents.json.imported is {mode:o}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_incidents_file_holding_nothing_recognizable_is_reported_and_left() {
    let dir = temp_dir("cases");
    let incidents = dir.join("incidents.json");
    let text = r#"{"cases":[{"title":"TICKET-1","steps":["a"]}]}"#;
    std::fs::write(&incidents, text).unwrap();
    let opened = Store::open(
        &dir,
        Legacy {
            incidents_json: Some(incidents.clone()),
            ..Legacy::default()
        },
    );
    let problems = opened.problems.join(" ");
    assert!(
        problems.contains("incidents.json") && problems.contains("cases"),
        "{problems}"
    );
    assert_eq!(
        std::fs::read_to_string(&incidents).unwrap(),
        text,
        "left as it was"
    );
    assert!(!dir.join("incidents.json.imported").exists());
    std::fs::remove_dir_all(&dir).ok();
}

/// The store's file and its WAL, as text.
fn on_disk(dir: &Path) -> String {
    let mut bytes = std::fs::read(dir.join(FILE_NAME)).unwrap();
    bytes.extend(std::fs::read(dir.join("state.sqlite3-wal")).unwrap_or_default());
    String::from_utf8_lossy(&bytes).into_owned()
}

fn marked(n: usize) -> HistoryEntry {
    entry(
        "APIG.0308",
        429,
        &format!("reqid{n:04}zq"),
        &format!("throttled, customer value custval{n:04}zq"),
    )
}

#[test]
fn a_cleared_or_evicted_paste_is_gone_from_the_files() {
    let dir = temp_dir("cleared");
    let store = open(&dir).store.unwrap();
    let max = crate::history::MAX_ENTRIES;
    for n in 0..max + 10 {
        store.record_history(&marked(n)).unwrap();
    }
    let disk = on_disk(&dir);
    for n in 0..10 {
        assert!(
            !disk.contains(&format!("reqid{n:04}zq"))
                && !disk.contains(&format!("custval{n:04}zq")),
            "evicted entry {n} is still in the files"
        );
    }
    assert!(
        disk.contains(&format!("custval{:04}zq", max + 9)),
        "the kept ones are there"
    );
    store
        .save_paste(&StoredPaste {
            text: format!("the last paste custval{:04}zq", max + 9),
            total_bytes: 10,
            state: PasteState::Analyzed,
        })
        .unwrap();
    store.clear_history().unwrap();
    let disk = on_disk(&dir);
    for n in 0..max + 10 {
        assert!(
            !disk.contains(&format!("reqid{n:04}zq"))
                && !disk.contains(&format!("custval{n:04}zq")),
            "cleared entry {n} is still in the files"
        );
    }
    drop(store);
    assert!(!on_disk(&dir).contains("zq"), "after a clean close too");
    let reopened = open(&dir);
    assert!(reopened.contents.state.history.entries.is_empty());
    assert!(
        reopened.contents.paste.is_none(),
        "the last paste is cleared too"
    );
    std::fs::remove_dir_all(&dir).ok();
}

fn entry(code: &str, status: u16, request_id: &str, text: &str) -> HistoryEntry {
    HistoryEntry {
        time: "2026-11-27T06:38:00Z".into(),
        code: Some(code.into()),
        http_status: Some(status),
        request_id: Some(request_id.into()),
        errors: 1,
        text: text.into(),
        ..HistoryEntry::default()
    }
}

#[test]
fn the_history_is_searched_by_code_status_request_id_and_words() {
    let store = Store::in_memory().unwrap();
    store
        .record_history(&entry(
            "APIG.0308",
            429,
            "7f0e2d4c6b8a",
            "throttling threshold reached",
        ))
        .unwrap();
    store
        .record_history(&entry(
            "APIG.0203",
            504,
            "aa11bb22cc33",
            "Backend timeout after 60 s",
        ))
        .unwrap();
    let codes = |q: &str| -> Vec<String> {
        store
            .search_history(q)
            .unwrap()
            .into_iter()
            .filter_map(|e| e.code)
            .collect()
    };
    assert_eq!(codes("APIG.0308"), ["APIG.0308"]);
    assert_eq!(codes("504"), ["APIG.0203"]);
    assert_eq!(
        codes("7f0e2d"),
        ["APIG.0308"],
        "a request id by its beginning"
    );
    assert_eq!(codes("backend timeout"), ["APIG.0203"]);
    assert_eq!(codes(""), ["APIG.0203", "APIG.0308"], "newest first");
    assert!(codes("nothing-like-it").is_empty());
    assert!(
        store.search_history("\"unbalanced AND (").is_ok(),
        "query syntax is not the user's problem"
    );
    store.clear_history().unwrap();
    assert!(codes("APIG").is_empty());
}

#[test]
fn a_version_1_store_gains_history_search_over_what_it_had() {
    let dir = temp_dir("v1");
    {
        let conn = rusqlite::Connection::open(dir.join(FILE_NAME)).unwrap();
        conn.execute_batch(SCHEMA).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute(
            "INSERT INTO history(time, code, http_status, request_id, errors, text) VALUES ('t', 'APIG.0101', 404, 'r1', 1, 'api not found')",
            [],
        )
        .unwrap();
    }
    let opened = open(&dir);
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    let store = opened.store.unwrap();
    let found = store.search_history("found").unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code.as_deref(), Some("APIG.0101"));
    // Version 3's step history is there too: a conflicting write finds its table.
    let catalog = Catalog::embedded();
    let fresh = incident(&catalog);
    let id = store.insert_incident(&fresh).unwrap();
    let mut mine = fresh.steps[0].clone();
    mine.note = "one".into();
    store
        .save_step_change(id, 0, &fresh.steps[0], &mine)
        .unwrap();
    let mut theirs = fresh.steps[0].clone();
    theirs.note = "two".into();
    let replaced = store
        .save_step_change(id, 0, &fresh.steps[0], &theirs)
        .unwrap();
    assert_eq!(replaced[0].value, "one");
}

#[test]
fn a_history_entry_s_counts_and_size_are_read_back_and_old_rows_still_read() {
    use crate::history::HistoryGroup;
    let dir = temp_dir("v3-history");
    {
        // A version-3 store: history rows without counts or size.
        let conn = rusqlite::Connection::open(dir.join(FILE_NAME)).unwrap();
        conn.execute_batch(SCHEMA).unwrap();
        conn.execute_batch(HISTORY_SEARCH).unwrap();
        conn.execute_batch(STEP_HISTORY).unwrap();
        conn.pragma_update(None, "user_version", 3).unwrap();
        conn.execute(
            "INSERT INTO history(time, code, http_status, request_id, errors, text) VALUES ('t0', 'APIG.0308 x100', 429, 'r1', 100, 'APIG.0308')",
            [],
        )
        .unwrap();
    }
    let opened = open(&dir);
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    let store = opened.store.unwrap();
    let entry = HistoryEntry {
        time: "t1".into(),
        code: Some("APIG.0308 x4032".into()),
        errors: 4_032,
        groups: vec![HistoryGroup {
            code: Some("APIG.0308".into()),
            http_status: Some(429),
            count: 4_032,
        }],
        total_bytes: Some(2_200_000),
        text: "APIG.0308".into(),
        ..HistoryEntry::default()
    };
    store.record_history(&entry).unwrap();
    let read = store.history().unwrap();
    assert_eq!(read[0], entry, "counts and size come back as written");
    assert!(read[0].is_cut());
    assert_eq!((read[1].errors, read[1].total_bytes), (100, None));
    assert!(read[1].groups.is_empty() && !read[1].is_cut());
    assert_eq!(
        read[1].errors_text(),
        "at least 100 errors",
        "an old count is a lower bound"
    );
    assert_eq!(read[0].errors_text(), "4032 errors");
    assert_eq!(store.search_history("x4032").unwrap().len(), 1);
}
