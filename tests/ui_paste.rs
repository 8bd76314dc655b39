//! Pasting into the window: the analysis, the candidate link, the history, and
//! redaction of what is stored.

use apig_explorer::ExplorerApp;
use apig_explorer::SavedState;
use egui_kittest::Harness;

mod common;
use common::{MemoryStorage, pasted, stored_bytes, stored_window, temp_dir, window};
use egui_kittest::kittest::Queryable as _;

const EXPIRED: &str = "> GET /v1/users HTTP/1.1\n> Host: api.example.com\n> X-Sdk-Date: 20261127T060000Z\n> Authorization: SDK-HMAC-SHA256 Access=AKIDEXAMPLE0001, SignedHeaders=host;x-sdk-date, Signature=9f86d081884c7d659a2feaa0c55ad015\n> X-Auth-Token: MIIhunter2secret\n>\n< HTTP/1.1 401 Unauthorized\n< Date: Fri, 27 Nov 2026 06:40:00 GMT\n< X-Request-Id: 7f0e2d4c6b8a4e1d9c3b5a7f9e1d3c5b\n<\n{\"error_msg\":\"Incorrect app authentication information: signature expired\",\"error_code\":\"APIG.0303\",\"request_id\":\"7f0e2d4c6b8a4e1d9c3b5a7f9e1d3c5b\"}\n";

fn harness(state: SavedState) -> Harness<'static, ExplorerApp> {
    window([1280.0, 900.0], state)
}

#[test]
fn ctrl_v_shows_the_code_the_match_and_the_clock_skew() {
    let mut h = harness(SavedState::default());
    pasted(&mut h, EXPIRED);
    h.get_by_label("APIG.0303 (401 Unauthorized)");
    let matches = h
        .query_all_by_label_contains("Match: APIG.0303 401")
        .count();
    assert_eq!(matches, 1);
    h.get_by_label_contains("confidence 1.00");
    h.get_by_label("7f0e2d4c6b8a4e1d9c3b5a7f9e1d3c5b");
    h.get_by_label("40 minutes");
    h.get_by_label_contains("Clock skew of 40 minutes");
}

#[test]
fn clicking_the_candidate_selects_its_row() {
    let mut h = harness(SavedState::default());
    h.run();
    h.get_by_label("Managing APIs (293)").click();
    h.run();
    pasted(&mut h, EXPIRED);
    let opened = h.state().session().explorer().selected().unwrap();
    assert_eq!(
        h.state().session().catalog().entries[opened].code(),
        "APIG.0303",
        "the paste opens its match"
    );
    h.get_by_label("Managing APIs (293)").click();
    h.run();
    h.get_by_label_contains("Match: APIG.0303").click();
    h.run();
    let row = h.state().session().explorer().selected().unwrap();
    let e = &h.state().session().catalog().entries[row];
    assert_eq!((e.code(), e.http_status), ("APIG.0303", 401));
    assert!(
        h.state().session().explorer().selected_position().is_some(),
        "filters hiding the row were cleared"
    );
    h.get_by_label("The app authentication details are incorrect.");
}

#[test]
fn every_paste_lands_in_the_history() {
    let mut h = harness(SavedState::default());
    pasted(&mut h, EXPIRED);
    // A bare code pasted into the search box is searched; with the table focused, Ctrl+V
    // analyzes whatever it is.
    h.get_by_label("The API does not exist.").click();
    h.run();
    pasted(&mut h, "APIG.0308");
    let history = &h.state().session().history().entries;
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].code.as_deref(), Some("APIG.0308"));
    assert_eq!(
        history[1].request_id.as_deref(),
        Some("7f0e2d4c6b8a4e1d9c3b5a7f9e1d3c5b")
    );
    h.get_by_label("History (2)");
}

#[test]
fn secrets_are_redacted_in_history_and_state_and_the_paste_survives_a_restart() {
    let dir = temp_dir("secrets");
    let stored_harness = |dir: std::path::PathBuf| stored_window([1280.0, 900.0], &dir);
    let mut h = stored_harness(dir.clone());
    pasted(&mut h, EXPIRED);
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    let stored = stored_bytes(&dir);
    for secret in [
        "AKIDEXAMPLE0001",
        "9f86d081884c7d659a2feaa0c55ad015",
        "MIIhunter2secret",
    ] {
        assert!(
            !stored.contains(secret),
            "{secret} was written to the store"
        );
        assert!(
            !h.state().session().history().entries[0]
                .text
                .contains(secret)
        );
    }
    assert!(stored.contains("[redacted]"));

    let mut again = stored_harness(dir.clone());
    again.run();
    assert!(
        again
            .state()
            .session()
            .paste()
            .text
            .contains("X-Sdk-Date: 20261127T060000Z")
    );
    again.get_by_label("APIG.0303 (401 Unauthorized)");
    assert_eq!(again.state().session().history().entries.len(), 1);
}

#[test]
fn an_exact_match_shows_no_guesses_only_folded_variants() {
    let mut h = harness(SavedState::default());
    pasted(
        &mut h,
        "HTTP/1.1 504 Gateway Timeout\n\n{\"error_code\":\"APIG.0201\",\"error_msg\":\"Backend timeout.\"}",
    );
    h.get_by_label_contains("Match: APIG.0201 504 Backend timeout.");
    assert_eq!(h.query_all_by_label_contains("Guess:").count(), 0);
    assert_eq!(h.query_all_by_label_contains("Also possible:").count(), 0);
    h.get_by_label_contains(
        "Other variants of this code: 6 other rows of APIG.0201 rank below it, confidence ≤ 0.30",
    )
    .click();
    h.run();
    assert!(
        h.query_all_by_label_contains("APIG.0201 413").count() > 0,
        "the variants unfold"
    );
}

#[test]
fn the_paste_panel_folds_to_one_line_and_opens_again() {
    let mut h = harness(SavedState::default());
    h.run();
    h.get_by_label("Pasted text");
    h.get_by_label("Hide").click();
    h.run();
    assert_eq!(
        h.query_all_by_label("Pasted text").count(),
        0,
        "folded to its header"
    );
    h.get_by_label("Paste a response");
    h.event(egui::Event::Paste(EXPIRED.into()));
    h.step();
    h.state_mut()
        .wait_for_paste(std::time::Duration::from_secs(60));
    h.run();
    assert!(
        h.state().session().paste().analysis.is_some(),
        "Ctrl+V still analyzes while folded"
    );
    // A new paste opens the panel to its analysis; it folds again by hand.
    h.get_by_label("Pasted text");
    h.get_by_label("Hide").click();
    h.run();
    h.get_by_label("Show").click();
    h.run();
    h.get_by_label("Pasted text");
}

/// A log of 40 throttled calls over two minutes and 3 backend timeouts.
fn throttled_log() -> String {
    let mut log = String::new();
    for i in 0..40 {
        let (m, s) = (i / 20, (i % 20) * 3);
        log.push_str(&format!("2026-11-27T06:{:02}:{s:02}Z ERROR {{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\",\"request_id\":\"req{i:013}\"}} status=429\n", 38 + m));
        log.push_str(&format!(
            "2026-11-27T06:{:02}:{s:02}Z INFO GET /v1/items 200 12ms\n",
            38 + m
        ));
    }
    for i in 0..3 {
        log.push_str(&format!("2026-11-27T06:41:0{i}Z ERROR {{\"error_code\":\"APIG.0203\",\"error_msg\":\"Backend timeout.\",\"request_id\":\"slow{i:012}\"}} status=504\n"));
    }
    log
}

#[test]
fn a_log_gets_a_triage_whose_groups_open_their_row_and_errors() {
    let mut h = harness(SavedState::default());
    pasted(&mut h, &throttled_log());
    h.get_by_label(
        "43 errors in 2 groups, 2026-11-27 06:38:00 to 2026-11-27 06:41:02 UTC (3 min 2 s)",
    );
    h.get_by_label_contains("40 × APIG.0308 429  06:38:00 – 06:39:57");
    h.get_by_label("Errors per minute (UTC)");
    h.get_by_label_contains("3 × APIG.0203 504").click();
    h.run();
    let session = h.state().session();
    let row = session.explorer().selected().unwrap();
    assert_eq!(
        session.catalog().entries[row].code(),
        "APIG.0203",
        "the group's row is selected"
    );
    h.get_by_label("APIG.0203 (504 Gateway Timeout)");
    h.get_by_label("slow000000000002");
    h.get_by_label("Its errors:").scroll_to_me();
    h.run();
    h.get_by_label("06:41:02").scroll_to_me();
    h.run();
    h.get_by_label("06:41:02").click();
    h.run();
    assert_eq!(
        h.state().session().paste().shown,
        42,
        "the group's third error is shown"
    );
}

#[test]
fn the_triage_copies_as_markdown_and_csv() {
    let mut h = harness(SavedState::default());
    pasted(&mut h, &throttled_log());
    h.get_by_label("Copy triage as CSV").click();
    h.step();
    let csv = common::copied(&h).pop().expect("copied");
    assert!(csv.starts_with("count,code,http_status,"), "{csv}");
    assert!(
        csv.contains("40,APIG.0308,429,2026-11-27 06:38:00,2026-11-27 06:39:57,Calling APIs,"),
        "{csv}"
    );
    h.get_by_label("Copy triage as Markdown").click();
    h.step();
    let md = common::copied(&h).pop().expect("copied");
    assert!(md.contains("| 3 | APIG.0203 | 504 |"), "{md}");
    h.run();
    h.get_by_label("Copied the triage as Markdown");
}

const STAGE_CHANGED: &str = include_str!("fixtures/signing/stage-changed.txt");
const APP_SECRET: &str = "9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49";

#[test]
fn check_signature_names_the_cause_and_the_secret_is_never_kept() {
    let dir = temp_dir("signcheck");
    let mut h = stored_window([1280.0, 900.0], &dir);
    pasted(&mut h, STAGE_CHANGED);
    h.get_by_label("Check signature").click();
    h.run();
    h.get_by_label_contains("Type the AppSecret");
    h.get_by_label(
        "[likely] Header x-stage: the request sent \"RELEASE\", the gateway saw \"TEST\".",
    );
    let field = h.get_by_label("AppSecret");
    field.focus();
    h.run();
    h.get_by_label("AppSecret").type_text(APP_SECRET);
    h.run();
    let shown = format!("{:?}", h.get_by_label("AppSecret"));
    assert!(!shown.contains(APP_SECRET), "the field is masked: {shown}");
    h.get_by_label("The secret reproduces the signature sent.");
    h.get_by_label("  request x-stage:RELEASE");
    h.get_by_label("! gateway x-stage:TEST");
    h.get_by_label("Open incident from this paste")
        .scroll_to_me();
    h.run();
    h.get_by_label("Open incident from this paste").click();
    h.run();
    let incident = h.state().session().incidents().book().incidents[0].clone();
    let facts = incident.paste.as_ref().expect("from the paste");
    assert!(
        facts.signature[0].contains("x-stage"),
        "{:?}",
        facts.signature
    );
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    let stored = stored_bytes(&dir) + &format!("{:?}", storage.0);
    assert!(stored.contains("the gateway saw"), "the findings are kept");
    assert!(!stored.contains(APP_SECRET), "the secret was written");
    let markdown = incident.markdown(h.state().session().catalog());
    assert!(markdown.contains("### Signature check") && !markdown.contains(APP_SECRET));
    h.event(egui::Event::Paste("APIG.0308".into()));
    h.step();
    h.state_mut()
        .wait_for_paste(std::time::Duration::from_secs(60));
    h.run();
    assert!(
        h.state()
            .session()
            .paste()
            .sign
            .secret()
            .expose()
            .is_empty(),
        "a new paste clears the secret"
    );
}

#[test]
fn the_history_menu_searches_the_pastes() {
    let dir = temp_dir("history-search");
    let mut h = stored_window([1280.0, 900.0], &dir);
    pasted(&mut h, EXPIRED);
    pasted(
        &mut h,
        "{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\",\"request_id\":\"0123456789abcdef0123\"}",
    );
    h.get_by_label("History (2)").click();
    h.run();
    assert_eq!(h.query_all_by_label_contains("  APIG.0").count(), 2);
    h.get_by_label("Find").click();
    h.run();
    assert_eq!(
        h.query_all_by_label_contains("  APIG.0").count(),
        2,
        "clicking into Find keeps the menu open"
    );
    h.get_by_label("Find").focus();
    h.run();
    h.get_by_label("Find").type_text("7f0e2d");
    h.run();
    let found: Vec<String> = h
        .query_all_by_label_contains("  APIG.0")
        .map(|n| format!("{n:?}"))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("APIG.0303"),
        "the request id finds its paste: {found:?}"
    );
}

#[test]
fn clearing_the_history_asks_first_and_keep_keeps_it() {
    let dir = temp_dir("history-clear");
    let mut h = stored_window([1280.0, 900.0], &dir);
    pasted(&mut h, EXPIRED);
    h.get_by_label("History (1)").click();
    h.run();
    h.get_by_label("Clear history…").click();
    h.run();
    h.get_by_label_contains("This cannot be undone");
    assert_eq!(h.state().session().history().entries.len(), 1, "not yet");
    h.get_by_label("Keep them").click();
    h.run();
    assert_eq!(h.state().session().history().entries.len(), 1, "kept");
    h.get_by_label("Clear history…").click();
    h.run();
    h.get_by_label("Clear 1 paste").click();
    h.run();
    assert!(h.state().session().history().entries.is_empty());
    assert!(
        !stored_bytes(&dir).contains("7f0e2d4c6b8a4e1d9c3b5a7f9e1d3c5b"),
        "the cleared paste's request id is gone from the files"
    );
}

/// A file dropped on the window, as the platform hands it over.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_file_dropped_while_checking_a_signature_is_the_body() {
    let dir = temp_dir("drop-body");
    std::fs::create_dir_all(&dir).unwrap();
    let body = dir.join("body.json");
    std::fs::write(&body, "{\"item\":\"widget\",\"qty\":2}").unwrap();
    let mut h = harness(SavedState::default());
    pasted(&mut h, STAGE_CHANGED);
    h.get_by_label("Check signature").click();
    h.run();
    h.get_by_label_contains("The body was not checked");
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(body.clone())));
    h.run();
    let sign = &h.state().session().paste().sign;
    assert_eq!(sign.body, "{\"item\":\"widget\",\"qty\":2}");
    assert!(
        h.query_by_label_contains("The body was not checked")
            .is_none(),
        "the dropped body is checked"
    );
    assert!(
        h.state()
            .session()
            .paste()
            .text
            .contains("X-Stage: RELEASE"),
        "the paste stays"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_detail_pane_shows_the_0301_steps_for_the_way_the_paste_signed_in() {
    let aksk = "> GET /v2/servers HTTP/1.1\n> Host: ecs.example.com\n> X-Sdk-Date: 20261127T060000Z\n> Authorization: SDK-HMAC-SHA256 Access=AKEXAMPLE0000, SignedHeaders=host;x-sdk-date, Signature=00ff\n>\n< HTTP/1.1 401 Unauthorized\n<\n{\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM authentication information: verify aksk signature fail\"}";
    let mut h = harness(SavedState::default());
    pasted(&mut h, aksk);
    h.get_by_label_contains("Match: APIG.0301 401");
    h.get_by_label_contains("Checklist (4 steps)");
    h.get_by_label_contains("The AK is not locked");
    assert_eq!(
        h.query_all_by_label_contains("X-Auth-Token header holds")
            .count(),
        0,
        "no token step for an AK/SK-signed request"
    );

    let token = "> GET /v2/servers HTTP/1.1\n> X-Auth-Token: MIIEXAMPLE\n>\n< HTTP/1.1 401 Unauthorized\n<\n{\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM authentication information: decrypt token fail\"}";
    let mut h = harness(SavedState::default());
    pasted(&mut h, token);
    h.get_by_label_contains("Checklist (3 steps)");
    h.get_by_label_contains("X-Auth-Token header holds");
    assert_eq!(
        h.query_all_by_label_contains("The AK is not locked")
            .count(),
        0
    );
}

/// "Clear paste" clicked by mistake loses nothing: "Undo clear" brings back the paste and
/// its analysis, until a new paste replaces it.
#[test]
fn a_cleared_paste_comes_back_until_another_paste() {
    let mut h = harness(SavedState::default());
    pasted(&mut h, EXPIRED);
    h.get_by_label("Clear paste").click();
    h.run();
    assert!(h.state().session().paste().text.is_empty());
    h.get_by_label_contains("Undo clear\" (Ctrl+Z) brings it back");
    h.get_by_label("Undo clear").click();
    h.step();
    h.state_mut()
        .wait_for_paste(std::time::Duration::from_secs(60));
    h.run();
    assert_eq!(h.state().session().paste().text, EXPIRED);
    h.get_by_label("APIG.0303 (401 Unauthorized)");
    assert!(
        h.query_by_label("Undo clear").is_none(),
        "the paste is back: Clear is offered again"
    );
    // Cleared, then another paste: the first one is not offered back any more.
    h.get_by_label("Clear paste").click();
    h.run();
    h.get_by_label("The API does not exist.").click();
    h.run();
    pasted(&mut h, "APIG.0308");
    assert!(!h.state().session().can_undo_clear());
    h.get_by_label("Clear paste");
}
