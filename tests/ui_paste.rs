//! Pasting into the window: the analysis, the candidate link, the history, and
//! redaction of what is stored.

use apig_explorer::SavedState;
use apig_explorer::ui::ExplorerApp;
use egui_kittest::Harness;

mod common;
use common::{MemoryStorage, stored_app, stored_bytes, temp_dir};
use egui_kittest::kittest::Queryable as _;

const EXPIRED: &str = "> GET /v1/users HTTP/1.1\n> Host: api.example.com\n> X-Sdk-Date: 20261127T060000Z\n> Authorization: SDK-HMAC-SHA256 Access=AKIDEXAMPLE0001, SignedHeaders=host;x-sdk-date, Signature=9f86d081884c7d659a2feaa0c55ad015\n> X-Auth-Token: MIIhunter2secret\n>\n< HTTP/1.1 401 Unauthorized\n< Date: Fri, 27 Nov 2026 06:40:00 GMT\n< X-Request-Id: 7f0e2d4c6b8a4e1d9c3b5a7f9e1d3c5b\n<\n{\"error_msg\":\"Incorrect app authentication information: signature expired\",\"error_code\":\"APIG.0303\",\"request_id\":\"7f0e2d4c6b8a4e1d9c3b5a7f9e1d3c5b\"}\n";

fn harness(state: SavedState) -> Harness<'static, ExplorerApp> {
    Harness::builder()
        .with_size([1280.0, 900.0])
        .build_eframe(move |_cc| ExplorerApp::with_state(state, None))
}

fn pasted(h: &mut Harness<'_, ExplorerApp>, text: &str) {
    h.run();
    h.event(egui::Event::Paste(text.to_string()));
    h.run();
}

#[test]
fn ctrl_v_shows_the_code_the_match_and_the_clock_skew() {
    let mut h = harness(SavedState::default());
    pasted(&mut h, EXPIRED);
    h.get_by_label("APIG.0303  (401 Unauthorized)");
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
        &*h.state().session().catalog().entries[opened].code,
        "APIG.0303",
        "the paste opens its match"
    );
    h.get_by_label("Managing APIs (293)").click();
    h.run();
    h.get_by_label_contains("Match: APIG.0303").click();
    h.run();
    let row = h.state().session().explorer().selected().unwrap();
    let e = &h.state().session().catalog().entries[row];
    assert_eq!((&*e.code, e.http_status), ("APIG.0303", 401));
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
    let stored_harness = |dir: std::path::PathBuf| {
        Harness::builder()
            .with_size([1280.0, 900.0])
            .build_eframe(move |_cc| stored_app(&dir))
    };
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
    again.get_by_label("APIG.0303  (401 Unauthorized)");
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
    h.get_by_label_contains("Other variants of this code (")
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
    h.run();
    assert!(
        h.state().session().paste().analysis.is_some(),
        "Ctrl+V still analyzes while folded"
    );
    h.get_by_label("Show").click();
    h.run();
    h.get_by_label("Pasted text");
}
