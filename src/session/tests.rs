use super::*;
use crate::explorer::Move;
use crate::incident::StepStatus;
use crate::session::{CaseAction, CatalogAction, ExplorerAction, PasteAction, WindowEvent};

/// How long a test waits for a paste's analysis task before it fails.
const LONG: std::time::Duration = std::time::Duration::from_secs(60);

/// `PasteAction::Paste`, then its analysis, as the window's logic takes it when its task ends.
fn paste(s: &mut Session, text: &str) -> Option<usize> {
    s.apply(Action::Paste(PasteAction::Paste(text.into())));
    s.wait_for_paste(LONG)
}

fn session() -> Session {
    Session::new(SavedState::default(), Embedded::build())
}

fn selected_code(s: &Session) -> Option<String> {
    let row = s.explorer().selected()?;
    Some(s.catalog().entries[row].code().to_string())
}

#[test]
fn a_query_selects_its_best_row_and_copy_says_what_it_copied() {
    let mut s = session();
    s.apply(Action::Explorer(ExplorerAction::SetQuery(
        "throtling".into(),
    )));
    s.tick();
    assert_eq!(selected_code(&s).as_deref(), Some("APIG.0308"));
    let out = s.apply(Action::Explorer(ExplorerAction::CopyCode));
    assert_eq!(out.copy.as_deref(), Some("APIG.0308"));
    assert_eq!(out.status.as_deref(), Some("Copied APIG.0308"));
    let out = s.apply(Action::Window(WindowEvent::Move {
        mv: Move::End,
        page: 10,
    }));
    assert_eq!(out.scroll_to, Some(s.explorer().rows().len() - 1));
}

#[test]
fn a_paste_reveals_its_row_even_when_the_search_hides_it() {
    let mut s = session();
    s.apply(Action::Explorer(ExplorerAction::SetQuery(
        "certificate".into(),
    )));
    s.tick();
    let out = s.apply(Action::Paste(PasteAction::Paste(
        "HTTP/1.1 429\n\n{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached: policy user over ratelimit,limit:5,time:1 minute\"}".into(),
    )));
    assert!(
        out.scroll_to.is_none() && s.paste().is_busy(),
        "analyzed on a task"
    );
    assert!(s.wait_for_paste(LONG).is_some(), "its row is scrolled to");
    assert_eq!(selected_code(&s).as_deref(), Some("APIG.0308"));
    assert_eq!(
        s.explorer().state.query,
        "",
        "the hiding search was cleared"
    );
    assert_eq!(s.history().entries.len(), 1);
}

#[test]
fn a_restored_or_edited_paste_leaves_the_engineer_s_search_alone() {
    let throttled = "HTTP/1.1 429\n\n{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached: policy user over ratelimit,limit:5,time:1 minute\"}";
    let mut state = SavedState {
        paste_text: throttled.into(),
        ..SavedState::default()
    };
    state.explorer.query = "certificate".into();
    let mut s = Session::new(state, Embedded::build());
    assert_eq!(
        s.wait_for_paste(LONG),
        None,
        "a restored paste scrolls nowhere"
    );
    assert_eq!(s.explorer().state.query, "certificate", "restored");
    assert!(s.paste().analysis.is_some());
    s.apply(Action::Paste(PasteAction::EditPaste(format!(
        "{throttled} "
    ))));
    assert_eq!(s.wait_for_paste(LONG), None, "an edit scrolls nowhere");
    assert_eq!(s.explorer().state.query, "certificate", "edited");
}

#[test]
fn incidents_are_saved_after_every_change_and_survive_a_new_session() {
    let dir = std::env::temp_dir().join(format!("apig-session-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let stored = || Session::from_store(Store::open(&dir, Legacy::default()), Embedded::build());
    let mut s = stored();
    paste(
        &mut s,
        "APIG.0101 404 The API does not exist or has not been published in the environment.",
    );
    let row = s.explorer().selected().expect("the paste selected its row");
    let out = s.apply(Action::Case(CaseAction::OpenIncident {
        row,
        from_paste: true,
    }));
    assert_eq!(out.show_incidents, Some(true));
    let id = s
        .incidents()
        .active()
        .expect("the new incident is active")
        .id;
    s.apply(Action::Case(CaseAction::SetStepStatus {
        id,
        step: 0,
        status: StepStatus::Done,
    }));
    s.apply(Action::Case(CaseAction::SetStepNote {
        id,
        step: 0,
        note: "checked the stage".into(),
    }));
    let again = stored();
    let incident = again.incidents().active().expect("kept on disk");
    assert_eq!(incident.steps[0].status, StepStatus::Done);
    assert_eq!(incident.steps[0].note, "checked the stage");
    std::fs::remove_dir_all(&dir).ok();
}

/// The session starts loading its catalog files before the window hands it a waker; the
/// window must still be woken when the load ends, or the rows wait for the next frame
/// that happens to be drawn.
#[test]
fn a_load_started_before_the_window_gave_its_waker_still_wakes_the_window() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let state = SavedState {
        catalog_paths: vec!["/nonexistent/early.rst".into()],
        ..SavedState::default()
    };
    let mut s = Session::new(state, Embedded::build());
    assert!(s.library().loading().is_some(), "loading from the start");
    // Whether the load ends before or after the waker arrives, it is woken.
    std::thread::sleep(std::time::Duration::from_millis(50));
    let woken = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&woken);
    s.set_waker(Arc::new(move || {
        counter.fetch_add(1, Ordering::SeqCst);
    }));
    let woke = (0..500).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(10));
        woken.load(Ordering::SeqCst) > 0
    });
    assert!(woke, "the end of the load wakes the window");
}

#[test]
fn a_catalog_that_fails_to_load_is_reported_and_remembered() {
    let mut s = session();
    s.apply(Action::Catalog(CatalogAction::AddCatalog(
        "/nonexistent/vpc.rst".into(),
    )));
    assert!(s.library().loading().is_some(), "loaded on a worker");
    s.finish_loading();
    assert_eq!(s.library().catalogs().problems.len(), 1);
    assert!(
        s.notices()[0].contains("/nonexistent/vpc.rst"),
        "{:?}",
        s.notices()
    );
    assert_eq!(s.saved_state().catalog_paths.len(), 1);
    s.apply(Action::Catalog(CatalogAction::RemoveCatalog(
        "/nonexistent/vpc.rst".into(),
    )));
    assert!(s.library().catalogs().problems.is_empty());
}

#[test]
fn the_paste_and_its_history_survive_a_restart_and_a_crash_is_not_repeated() {
    let dir = std::env::temp_dir().join(format!("apig-session-paste-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let stored = || Session::from_store(Store::open(&dir, Legacy::default()), Embedded::build());
    let mut s = stored();
    paste(
        &mut s,
        "Authorization: Bearer abcdefghijklmnop\nHTTP/1.1 429\n\n{\"error_code\":\"APIG.0308\"}",
    );
    drop(s);
    let mut again = stored();
    again.wait_for_paste(LONG);
    assert!(again.paste().text.contains("APIG.0308"));
    assert!(
        !again.paste().text.contains("abcdefghijklmnop"),
        "stored redacted"
    );
    assert!(
        again
            .paste()
            .analysis
            .as_ref()
            .is_some_and(|a| a.identified())
    );
    assert_eq!(again.history().entries.len(), 1);
    // The app died while analyzing: the marker is still there at the next start.
    again
        .casebook()
        .store()
        .unwrap()
        .save_paste(&StoredPaste {
            text: "APIG.0301".into(),
            total_bytes: 9,
            state: PasteState::Analyzing,
        })
        .unwrap();
    drop(again);
    let after_crash = stored();
    assert!(after_crash.paste().analysis.is_none(), "not analyzed again");
    assert_eq!(after_crash.paste().text, "APIG.0301", "but shown");
    assert!(
        after_crash
            .notices()
            .iter()
            .any(|n| n.contains("stopped while analyzing")),
        "{:?}",
        after_crash.notices()
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_big_paste_is_matched_again_whole_when_a_catalog_arrives() {
    let mut s = session();
    let mut text = "INFO fine\n".repeat(40_000);
    text.push_str(
        "{\"error_code\": \"VPC.0101\", \"error_msg\": \"Invalid VPC parameter values.\"}\n",
    );
    s.apply(Action::Paste(PasteAction::Paste(text)));
    s.wait_for_paste(LONG);
    assert!(s.paste().is_capped());
    let before = s.paste().analysis.as_ref().expect("analyzed");
    assert!(!before.identified(), "VPC is not loaded yet");
    s.apply(Action::Catalog(CatalogAction::AddCatalog(
        "tests/fixtures/rst/virtual-private-cloud.rst".into(),
    )));
    s.finish_loading();
    s.wait_for_paste(LONG);
    let after = s.paste().analysis.as_ref().expect("analyzed again");
    let best = after.errors[0].matched().expect("the VPC row matches now");
    assert_eq!(s.catalog().entries[best.row].code(), "VPC.0101");
}

/// Two windows on one data directory, as the engineer has them open side by side.
fn two_windows(name: &str) -> (Session, Session, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("apig-sync-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let open = || Session::from_store(Store::open(&dir, Legacy::default()), Embedded::build());
    (open(), open(), dir)
}

const THROTTLED: &str = "HTTP/1.1 429 Too Many Requests\nX-Request-Id: 6f1c2a\n\n{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached: policy user over ratelimit,limit:5,time:1 minute\"}";

#[test]
fn each_window_shows_what_the_other_one_changed() {
    let (mut a, mut b, dir) = two_windows("each");
    paste(&mut a, THROTTLED);
    let row = a.explorer().selected().expect("the paste selected its row");
    a.apply(Action::Case(CaseAction::OpenIncident {
        row,
        from_paste: true,
    }));
    let id = a.incidents().active().expect("opened").id;
    b.tick();
    assert_eq!(b.history().entries.len(), 1, "a's paste is in b's history");
    assert_eq!(
        b.incidents().active().map(|i| i.id),
        Some(id),
        "a's incident is open in b"
    );
    // Different steps of one incident, edited at once in each window.
    a.apply(Action::Case(CaseAction::SetStepStatus {
        id,
        step: 0,
        status: StepStatus::Done,
    }));
    b.apply(Action::Case(CaseAction::SetStepNote {
        id,
        step: 1,
        note: "limit is 5 per minute".into(),
    }));
    a.tick();
    b.tick();
    for (window, s) in [("a", &a), ("b", &b)] {
        let incident = s.incidents().active().expect("still open");
        assert_eq!(incident.steps[0].status, StepStatus::Done, "in {window}");
        assert_eq!(
            incident.steps[1].note, "limit is 5 per minute",
            "in {window}"
        );
    }
    b.apply(Action::Case(CaseAction::CloseIncident(id)));
    a.tick();
    assert!(a.incidents().book().incidents.is_empty(), "closed in a too");
    assert_eq!(a.incidents().archived()[0].id, id, "and in a's Archive");
    a.apply(Action::Case(CaseAction::RestoreIncident(id)));
    b.tick();
    assert_eq!(
        b.incidents().active().map(|i| i.id),
        Some(id),
        "restored in b"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_same_note_written_in_two_windows_keeps_the_later_and_shows_the_earlier() {
    let (mut a, mut b, dir) = two_windows("same");
    a.apply(Action::Case(CaseAction::OpenIncident {
        row: 0,
        from_paste: false,
    }));
    let id = a.incidents().active().expect("opened").id;
    b.tick();
    let note = |text: &str| {
        Action::Case(CaseAction::SetStepNote {
            id,
            step: 0,
            note: text.into(),
        })
    };
    // Neither window has seen the other's note when it writes its own.
    a.apply(note("checked the app key"));
    b.apply(note("customer rotated the secret"));
    let earlier = &b.incidents().active().expect("open").steps[0].earlier;
    assert_eq!(earlier.len(), 1, "b replaced a's note and says so");
    assert_eq!(earlier[0].value, "checked the app key");
    a.tick();
    let step = &a.incidents().active().expect("open").steps[0];
    assert_eq!(
        step.note, "customer rotated the secret",
        "the later write wins"
    );
    assert_eq!(
        step.earlier[0].value, "checked the app key",
        "the earlier is kept"
    );
    let markdown = a
        .apply(Action::Case(CaseAction::CopyIncidentMarkdown(id)))
        .copy
        .expect("copied");
    assert!(
        markdown.contains("Replaced note: checked the app key"),
        "{markdown}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// A 1.2 MB log of 11,000 errors: 10,000 throttled calls, 1,000 backend timeouts.
fn big_log() -> String {
    let mut log = String::new();
    for i in 0..11_000 {
        let line = if i % 11 == 0 {
            format!(
                "2026-11-27T08:{:02}:{:02}Z ERROR pay POST /v1/pay -> 504 APIG.0201 Backend timeout request_id=9a8b7c6d{i:08}\n",
                i / 600,
                i / 10 % 60
            )
        } else {
            format!(
                "2026-11-27T08:{:02}:{:02}Z WARN  pay APIG.0308 status=429 throttled request_id=1f2e3d4c{i:08} user=alice\n",
                i / 600,
                i / 10 % 60
            )
        };
        log.push_str(&line);
    }
    log
}

fn wait(s: &mut Session) {
    s.wait_for_paste(LONG);
}

#[test]
fn history_keeps_a_big_paste_s_true_counts_and_reopening_it_says_it_was_cut() {
    let mut s = session();
    let log = big_log();
    assert!(log.len() > 1_000_000);
    s.apply(Action::Paste(PasteAction::Paste(log)));
    wait(&mut s);
    let entry = s.history().entries[0].clone();
    assert_eq!(
        entry.errors, 11_000,
        "every error, not the 200 kept in full"
    );
    assert_eq!(
        entry.code.as_deref(),
        Some("APIG.0308 x10000, APIG.0201 x1000")
    );
    assert!(entry.is_cut());
    paste(&mut s, "APIG.0101");
    s.apply(Action::Case(CaseAction::ReopenHistory(1)));
    wait(&mut s);
    let paste = s.paste();
    assert!(
        paste.restored && paste.is_capped(),
        "the same banner as a restart"
    );
    let a = paste.analysis.as_ref().unwrap();
    assert!(a.triage.total < 11_000, "only the stored beginning is here");
    assert!(
        a.warnings
            .iter()
            .any(|w| w.contains("of the first 256 KB of 1.")),
        "{:?}",
        a.warnings
    );
    let md = crate::report::triage_markdown(a);
    assert!(
        md.lines()
            .next()
            .unwrap()
            .contains("(of the first 256 KB of 1."),
        "{md}"
    );
}

#[test]
fn the_app_s_own_copies_are_not_offered_back_and_a_paste_drops_the_offer() {
    let mut s = session();
    let log = "2026-11-27T06:38:00Z ERROR {\"error_code\":\"APIG.0201\",\"error_msg\":\"Backend timeout.\"} status=504\n\
               2026-11-27T06:38:09Z ERROR {\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\"} status=429\n";
    paste(&mut s, log);
    let row = s.explorer().selected().expect("the paste's row is shown");
    let incident = s.apply(Action::Case(CaseAction::OpenIncident {
        row,
        from_paste: true,
    }));
    let id = s.incidents().book().incidents[0].id;
    let copies = [
        s.apply(Action::Paste(PasteAction::CopyTriageMarkdown)).copy,
        s.apply(Action::Paste(PasteAction::CopyTriageCsv)).copy,
        s.apply(Action::Explorer(ExplorerAction::CopyEntryMarkdown(row)))
            .copy,
        s.apply(Action::Case(CaseAction::CopyIncidentMarkdown(id)))
            .copy,
    ];
    assert!(incident.copy.is_none());
    for copy in copies {
        let copy = copy.expect("each copy gives text");
        assert!(copy.contains("APIG."), "an offer would take it: {copy}");
        s.apply(Action::Window(WindowEvent::ClipboardSeen(copy.clone())));
        assert!(s.desk().clipboard_offer().is_none(), "offered back: {copy}");
        // The clipboard may hand it back with other line endings.
        s.apply(Action::Window(WindowEvent::ClipboardSeen(
            copy.replace('\n', "\r\n"),
        )));
        assert!(s.desk().clipboard_offer().is_none(), "offered back: {copy}");
    }

    let customer = "{\"error_code\":\"APIG.0101\",\"error_msg\":\"The API does not exist or has not been published in the environment.\"}";
    s.apply(Action::Window(WindowEvent::ClipboardSeen(customer.into())));
    assert!(
        s.desk().clipboard_offer().is_some(),
        "a customer's error is offered"
    );
    s.apply(Action::Paste(PasteAction::Paste(
        "HTTP/1.1 429\n\n{\"error_code\":\"APIG.0308\"}".into(),
    )));
    assert!(
        s.desk().clipboard_offer().is_none(),
        "pasting something else drops the offer"
    );
}

/// The window closes while a long paste is analyzed: the analysis is asked to stop and
/// joined, not left running, and the paste is not recorded as analyzed.
#[test]
fn closing_stops_and_joins_the_analysis_under_way() {
    let mut s = session();
    let long = "2026-12-06 10:00:00 ERROR {\"error_code\":\"APIG.0201\"}\n".repeat(160_000);
    s.apply(Action::Paste(PasteAction::Paste(long)));
    assert!(s.paste().is_busy());
    // The window gives its tasks 2 s; a test binary on a loaded machine may need longer
    // for the analysis to reach its next check of the cancel token, so the bound here is
    // wide: what is checked is that the task stops and is joined, not how fast.
    let left = s.tasks().close(std::time::Duration::from_secs(120));
    assert_eq!(left, Vec::<&str>::new(), "every task ended");
    assert_eq!(s.tasks().threads(), 0, "and was joined");
    s.tick();
    assert!(
        s.history().entries.is_empty(),
        "a stopped analysis is not recorded as done"
    );
    assert_eq!(
        s.paste().stored().state,
        PasteState::Analyzing,
        "nor as failed: the next start says it stopped while analyzing"
    );
}

#[test]
fn answering_the_duplicate_question_with_an_incident_shows_the_incident_pane() {
    for (answer, shown) in [
        (DuplicateAnswer::WorkExisting, Some(true)),
        (DuplicateAnswer::StartAnother, Some(true)),
        (DuplicateAnswer::Cancel, None),
    ] {
        let mut s = session();
        paste(&mut s, THROTTLED);
        let row = s.explorer().selected().expect("the paste selected its row");
        let open = CaseAction::OpenIncident {
            row,
            from_paste: true,
        };
        assert_eq!(
            s.apply(Action::Case(open.clone())).show_incidents,
            Some(true)
        );
        let first = s.incidents().active().expect("opened").id;
        // The same paste again: the question, and no pane change yet.
        assert_eq!(s.apply(Action::Case(open)).show_incidents, None);
        let out = s.apply(Action::Case(CaseAction::AnswerDuplicate(answer)));
        assert_eq!(out.show_incidents, shown, "{answer:?}");
        if answer == DuplicateAnswer::WorkExisting {
            assert_eq!(s.incidents().active().map(|i| i.id), Some(first));
        }
    }
}

#[test]
fn a_paste_cleared_while_analyzed_comes_back_analyzed_and_clearing_the_history_forgets_it() {
    let mut s = session();
    // Cleared before its analysis finished: brought back, it is analyzed again.
    s.apply(PasteAction::Paste(
        "HTTP/1.1 429\n{\"error_code\":\"APIG.0308\"}".into(),
    ));
    s.apply(PasteAction::ClearPaste);
    assert!(s.paste().text.is_empty() && s.can_undo_clear());
    s.apply(PasteAction::UndoClear);
    s.wait_for_paste(LONG);
    let analysis = s.paste().analysis.as_ref().expect("analyzed again");
    assert_eq!(analysis.errors[0].code.as_deref(), Some("APIG.0308"));
    // Cleared again, then the history cleared: nothing is kept to bring back.
    s.apply(PasteAction::ClearPaste);
    s.apply(CaseAction::ClearHistory);
    assert!(!s.can_undo_clear());
    let said = s.apply(PasteAction::UndoClear).status;
    assert_eq!(
        said.as_deref(),
        Some("There is no cleared paste to bring back")
    );
}

/// Every way the filters are cleared (Esc, Clear all, Clear, a paste's revealed row) says
/// what went and can be undone, until a box is ticked; an undo never overwrites a query
/// typed since, nor claims to bring it back.
#[test]
fn every_clear_of_the_filters_is_said_and_undoable() {
    let mut s = session();
    let statuses = |s: &Session| s.explorer().state.filters.statuses.len();
    s.apply(ExplorerAction::ToggleStatus(405));
    s.apply(ExplorerAction::ToggleStatus(429));
    let said = s.apply(Action::Window(WindowEvent::Escape)).status.unwrap();
    assert_eq!(
        said,
        "Cleared 2 filters (405 Method Not Allowed; 429 Too Many Requests): \"Undo clear\" (Ctrl+Z) brings them back"
    );
    let said = s.apply(ExplorerAction::UndoClear).status.unwrap();
    assert_eq!(
        said,
        "Brought back 2 filters (405 Method Not Allowed; 429 Too Many Requests)"
    );
    assert_eq!(statuses(&s), 2);

    // The search row's Clear: the query too, one thing is "it".
    s.apply(ExplorerAction::ClearFilters);
    s.apply(ExplorerAction::SetQuery("timeout".into()));
    let said = s.apply(ExplorerAction::ClearSearch).status.unwrap();
    assert_eq!(
        said,
        "Cleared the search \"timeout\": \"Undo clear\" (Ctrl+Z) brings it back"
    );
    s.apply(ExplorerAction::SetQuery("throttled".into()));
    let said = s.apply(ExplorerAction::UndoClear).status.unwrap();
    assert_eq!(
        said,
        "Nothing brought back: the search typed since the clear stays"
    );
    assert_eq!(
        s.explorer().state.query,
        "throttled",
        "what was typed stays"
    );

    // Many values: the first four named, then how many more.
    s.apply(ExplorerAction::SetQuery(String::new()));
    for status in [400, 401, 403, 404, 405, 429] {
        s.apply(ExplorerAction::ToggleStatus(status));
    }
    let said = s.apply(ExplorerAction::ClearFilters).status.unwrap();
    assert!(
        said.starts_with("Cleared 6 filters (400 Bad Request; 401 Unauthorized; 403 Forbidden; 404 Not Found; 2 more)"),
        "{said}"
    );
    // A box ticked since: the clear is no longer undone.
    s.apply(ExplorerAction::ToggleStatus(500));
    let said = s.apply(ExplorerAction::UndoClear).status.unwrap();
    assert!(said.starts_with("Nothing to bring back"), "{said}");
    assert_eq!(statuses(&s), 1);

    // A paste whose row the filters hide clears them: undoable too.
    s.tick();
    paste(
        &mut s,
        "HTTP/1.1 429\n\n{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\"}",
    );
    assert_eq!(statuses(&s), 0, "cleared to show the paste's row");
    s.apply(ExplorerAction::UndoClear);
    assert_eq!(statuses(&s), 1, "brought back");
    // Nothing to clear: said, and the last clear stays undoable.
    s.apply(ExplorerAction::ClearFilters);
    let said = s.apply(ExplorerAction::ClearFilters).status.unwrap();
    assert_eq!(said, "No search or filter to clear");
    s.apply(ExplorerAction::UndoClear);
    assert_eq!(statuses(&s), 1);
}
