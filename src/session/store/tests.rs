use super::*;
use crate::catalog::Catalog;
use crate::history::HistoryEntry;
use crate::incident::{Incident, StepField, StepStatus, WorkedStep};
use crate::session::state::ThemeChoice;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apig-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
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

#[test]
fn a_store_from_a_newer_version_is_not_touched() {
    let dir = temp_dir("newer");
    {
        let store = open(&dir).store.unwrap();
        store.conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let opened = open(&dir);
    assert!(
        opened.problems.join(" ").contains("newer version"),
        "{:?}",
        opened.problems
    );
    assert_eq!(
        damaged_copies(&dir)
            .iter()
            .filter(|p| !p.to_string_lossy().ends_with("-wal")
                && !p.to_string_lossy().ends_with("-shm"))
            .count(),
        1
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn files_of_an_earlier_version_are_imported_once_and_set_aside() {
    let dir = temp_dir("legacy");
    let catalog = Catalog::embedded();
    let mut book = crate::incident::IncidentBook::default();
    book.open(|id| Incident::from_row(id, &catalog, 3, "t0"));
    let json = serde_json::to_value(&book).unwrap();
    let mut json = json.as_object().unwrap().clone();
    json.insert("written_by".into(), "an older build".into());
    let incidents = dir.join("incidents.json");
    std::fs::write(&incidents, serde_json::to_string(&json).unwrap()).unwrap();
    let ron = dir.join("app.ron");
    std::fs::write(&ron, "{}").unwrap();
    let state = SavedState {
        paste_text: "APIG.0101".into(),
        catalog_paths: vec!["/vpc.rst".into()],
        ..SavedState::default()
    };
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
    assert_eq!(opened.contents.paste.unwrap().text, "APIG.0101");
    assert!(!incidents.exists() && dir.join("incidents.json.imported").exists());
    assert!(dir.join("app.ron.imported").exists());
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
