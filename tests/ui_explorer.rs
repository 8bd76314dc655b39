//! The explorer window driven like a user would, without a GPU (egui_kittest).

use apig_explorer::SavedState;
use apig_explorer::{ExplorerApp, STATE_KEY, load_state};
use egui::{Key, Modifiers};
use egui_kittest::Harness;

mod common;
use common::{MemoryStorage, copied, stored_window, temp_dir, window};
use egui_kittest::kittest::{NodeT as _, Queryable as _};

const SEARCH: &str = "Search";

fn harness(state: SavedState) -> Harness<'static, ExplorerApp> {
    window([1280.0, 800.0], state)
}

fn total(h: &Harness<'_, ExplorerApp>) -> usize {
    h.state().session().catalog().entries.len()
}

fn shown(h: &Harness<'_, ExplorerApp>) -> usize {
    h.state().session().explorer().rows().len()
}

fn selected_code(h: &Harness<'_, ExplorerApp>) -> String {
    let row = h
        .state()
        .session()
        .explorer()
        .selected()
        .expect("a row is selected");
    h.state().session().catalog().entries[row]
        .code()
        .to_string()
}

fn type_query(h: &mut Harness<'_, ExplorerApp>, text: &str) {
    h.get_by_label(SEARCH).focus();
    h.run();
    h.get_by_label(SEARCH).type_text(text);
    h.run();
}

#[test]
fn typing_narrows_the_table_and_updates_the_count() {
    let mut h = harness(SavedState::default());
    h.run();
    let all = total(&h);
    h.get_by_label(&format!("{all} of {all}"));
    type_query(&mut h, "throtling");
    let n = shown(&h);
    assert!(n > 0 && n < all);
    h.get_by_label(&format!("{n} of {all}"));
    assert_eq!(
        selected_code(&h),
        "APIG.0308",
        "the best hit fills the detail pane"
    );
    h.get_by_label("Try again after the throttling resumes. If the number of subdomain requests per day is reached, bind an independent domain name to the API.");
}

#[test]
fn clicking_a_status_facet_filters_the_table() {
    let mut h = harness(SavedState::default());
    h.run();
    h.get_by_label("429 Too Many Requests (1)").click();
    h.run();
    assert_eq!(shown(&h), 1);
    assert_eq!(selected_code(&h), "APIG.0308");
    h.get_by_label(&format!("1 of {}", total(&h)));
}

#[test]
fn clicking_a_row_shows_its_detail() {
    let mut h = harness(SavedState::default());
    h.run();
    assert_eq!(selected_code(&h), "APIG.0101");
    h.get_by_label("APIG.0103").click();
    h.run();
    assert_eq!(selected_code(&h), "APIG.0103");
    h.get_by_label("The backend service was not found.");
}

#[test]
fn arrow_keys_move_the_selection() {
    let mut h = harness(SavedState::default());
    h.run();
    assert_eq!(h.state().session().explorer().selected_position(), Some(0));
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(h.state().session().explorer().selected_position(), Some(2));
    h.key_press(Key::ArrowUp);
    h.run();
    assert_eq!(h.state().session().explorer().selected_position(), Some(1));
    assert!(
        h.get_by_label(SEARCH).is_focused(),
        "the search box has the keyboard from the start, and Up/Down work from it"
    );
    // Home/End belong to the search box while it has focus; a click on the table frees them.
    h.get_by_label("The backend does not exist.").click();
    h.run();
    h.key_press(Key::End);
    h.run();
    assert_eq!(
        h.state().session().explorer().selected_position(),
        Some(total(&h) - 1)
    );
}

#[test]
fn escape_clears_the_search_then_the_filters() {
    let mut h = harness(SavedState::default());
    h.run();
    h.get_by_label("Managing APIs (293)").click();
    h.run();
    type_query(&mut h, "backend");
    assert!(shown(&h) < 293);
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().session().explorer().state.query, "");
    assert_eq!(shown(&h), 293);
    // The second Esc leaves the search box (one step at a time, #27): the filters stay.
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(shown(&h), 293);
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(shown(&h), total(&h));
}

#[test]
fn copy_code_button_and_ctrl_c_copy_the_selected_code() {
    let mut h = harness(SavedState::default());
    type_query(&mut h, "0308");
    h.get_by_label("Copy code").click();
    h.step();
    assert_eq!(copied(&h), ["APIG.0308"]);
    h.run();
    h.event(egui::Event::Copy);
    h.step();
    assert_eq!(copied(&h), ["APIG.0308"], "Ctrl+C copies the code");
    h.get_by_label("Copy as Markdown").click();
    h.step();
    let md = copied(&h);
    assert!(
        md[0].starts_with("### APIG.0308 (429 Too Many Requests)"),
        "{md:?}"
    );
    assert!(
        md[0].contains("**Checklist:**") && md[0].contains("- **Source:** APIG user guide"),
        "the entry's Markdown has its checklist and source, as explain prints it: {md:?}"
    );
}

#[test]
fn clicking_the_status_header_sorts_and_reverses() {
    let mut h = harness(SavedState::default());
    h.run();
    let status_of = |h: &Harness<'_, ExplorerApp>, pos: usize| {
        let row = h.state().session().explorer().rows()[pos];
        h.state().session().catalog().entries[row].http_status
    };
    h.get_by_label("Status").click();
    h.run();
    assert_eq!(status_of(&h, 0), 204);
    h.get_by_label("Status ^").click();
    h.run();
    assert_eq!(status_of(&h, 0), 504);
    h.get_by_label("Status v");
}

#[test]
fn ctrl_f_focuses_search_and_slash_too() {
    let mut h = harness(SavedState::default());
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    assert!(h.get_by_label(SEARCH).is_focused());
    h.key_press(Key::Escape);
    h.run();
    h.event(egui::Event::Key {
        key: Key::Slash,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    assert!(h.get_by_label(SEARCH).is_focused());
}

#[test]
fn query_filters_sort_and_selection_survive_a_restart() {
    let dir = temp_dir("restart");
    let stored = |dir: std::path::PathBuf| stored_window([1280.0, 800.0], &dir);
    let mut h = stored(dir.clone());
    h.run();
    h.get_by_label("Calling APIs (71)").click();
    h.run();
    type_query(&mut h, "backend");
    h.key_press(Key::ArrowDown);
    h.run();
    h.get_by_label("Code").click();
    h.run();
    let before = selected_code(&h);
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    assert!(
        storage.0.is_empty(),
        "the app's state is in the store, not eframe's file"
    );

    let mut again = stored(dir.clone());
    again.run();
    assert_eq!(
        again.state().session().saved_state(),
        h.state().session().saved_state()
    );
    assert_eq!(selected_code(&again), before);
    assert_eq!(shown(&again), shown(&h));
}

#[test]
fn a_damaged_state_file_starts_with_defaults() {
    let mut storage = MemoryStorage::default();
    storage
        .0
        .insert(STATE_KEY.into(), "(explorer: [[[ not ron".into());
    assert_eq!(load_state(Some(&storage)), SavedState::default());
    storage
        .0
        .insert(STATE_KEY.into(), "(zoom: 1.5, unknown_field: 3)".into());
    let old = load_state(Some(&storage));
    assert_eq!(old.zoom, 1.5, "known fields of an older file are kept");
    let mut h = harness(old);
    h.run();
    assert_eq!(shown(&h), total(&h));
}

#[test]
fn loaded_catalogs_appear_as_facets_and_broken_ones_are_reported() {
    let state = SavedState {
        catalog_paths: vec![
            "tests/fixtures/rst/virtual-private-cloud.rst".into(),
            "/nonexistent/catalog.toml".into(),
        ],
        ..SavedState::default()
    };
    let mut h = harness(state);
    h.run();
    while h.state().session().library().loading().is_some() {
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run();
    }
    h.run();
    h.get_by_label("Virtual Private Cloud (201)").click();
    h.run();
    assert_eq!(shown(&h), 201);
    let problems = h.state().session().library().catalogs().problems.to_vec();
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].contains("/nonexistent/catalog.toml"),
        "{problems:?}"
    );
    let shown_problem = h
        .query_all_by_label_contains("/nonexistent/catalog.toml: No such file")
        .count();
    assert_eq!(shown_problem, 1, "the status area says what failed");
    type_query(&mut h, "VPC.0101");
    assert!(shown(&h) >= 4);
}

#[test]
fn typing_at_start_searches_and_esc_keeps_the_search_box_focused() {
    let mut h = harness(SavedState::default());
    h.run();
    h.event(egui::Event::Text("throtling".into()));
    h.run();
    assert_eq!(h.state().session().explorer().state.query, "throtling");
    assert_eq!(selected_code(&h), "APIG.0308");
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().session().explorer().state.query, "");
    assert!(
        h.get_by_label(SEARCH).is_focused(),
        "Esc clears but keeps focus"
    );
    h.event(egui::Event::Text("0101".into()));
    h.run();
    assert_eq!(h.state().session().explorer().state.query, "0101");
}

#[test]
fn a_new_query_starts_at_its_best_row_and_no_match_shows_no_row() {
    let mut h = harness(SavedState::default());
    h.run();
    h.get_by_label("The backend does not exist.").click();
    h.run();
    h.key_press(Key::End);
    h.run();
    assert_eq!(
        h.state().session().explorer().selected_position(),
        Some(total(&h) - 1)
    );
    type_query(&mut h, "backend timeout");
    assert_eq!(h.state().session().explorer().selected_position(), Some(0));
    h.get_by_label(
        "Increase the timeout duration of the backend service or shorten the processing time.",
    );
    h.key_press(Key::Escape);
    h.run();
    type_query(&mut h, "qqqxzzv");
    assert_eq!(shown(&h), 0);
    h.get_by_label("No row matches the search or the filters.");
    assert_eq!(
        h.query_all_by_label(
            "Increase the timeout duration of the backend service or shorten the processing time."
        )
        .count(),
        0,
        "the previous row is not shown"
    );
}

#[test]
fn a_response_pasted_into_the_search_box_is_analyzed_not_searched() {
    let mut h = harness(SavedState::default());
    h.run();
    h.event(egui::Event::Paste(
        "HTTP/1.1 429 Too Many Requests\n\n{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\"}".into(),
    ));
    h.step();
    h.state_mut()
        .wait_for_paste(std::time::Duration::from_secs(60));
    h.run();
    assert_eq!(
        h.state().session().explorer().state.query,
        "",
        "not searched"
    );
    let analysis = h
        .state()
        .session()
        .paste()
        .analysis
        .as_ref()
        .expect("analyzed");
    assert!(analysis.identified());
    h.get_by_label_contains("it read like a response");
    h.event(egui::Event::Paste("backend timeout".into()));
    h.step();
    h.state_mut()
        .wait_for_paste(std::time::Duration::from_secs(60));
    h.run();
    assert_eq!(
        h.state().session().explorer().state.query,
        "backend timeout",
        "a search is searched"
    );
}

#[test]
fn narrow_windows_drop_the_least_useful_columns_and_keep_the_table() {
    // "Catalog" and "Category" also name a facet group and a detail field: a dropped
    // column shows as one label fewer.
    let mut counts = Vec::new();
    for size in [[1600.0, 1000.0], [900.0, 600.0], [640.0, 420.0]] {
        let mut h = window(size, SavedState::default());
        h.run();
        h.get_by_label("Message");
        h.get_by_label("Code");
        assert!(
            h.query_all_by_label("The API does not exist.").count() > 0,
            "{size:?}: the table still shows rows"
        );
        counts.push((
            h.query_all_by_label("Catalog").count(),
            h.query_all_by_label("Category").count(),
        ));
    }
    let [
        (cat_wide, cgy_wide),
        (cat_mid, cgy_mid),
        (cat_narrow, cgy_narrow),
    ] = counts[..]
    else {
        unreachable!("three sizes")
    };
    // Beside the filters and the detail pane, a 900 px window leaves the table too narrow
    // for either column; Code, Status and the whole Message stay.
    assert_eq!(
        (cat_mid, cgy_mid),
        (cat_wide - 1, cgy_wide - 1),
        "900 px: catalog and category dropped"
    );
    // At 640 px the same three columns; the filters (with their Catalog and Category
    // groups) fold behind the search row's Filters button.
    assert_eq!(
        (cat_narrow, cgy_narrow),
        (cat_mid - 1, cgy_mid - 1),
        "640 px: the same three columns, the filters folded"
    );
}

#[test]
fn tab_walks_the_window_in_reading_order() {
    let mut h = harness(SavedState::default());
    h.run();
    h.event(egui::Event::Paste(
        "{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\"}".into(),
    ));
    h.step();
    h.state_mut()
        .wait_for_paste(std::time::Duration::from_secs(60));
    h.run();
    h.get_by_label(SEARCH).focus();
    h.run();
    // The label of each widget Tab reaches, until it comes back to the search box.
    let mut walk: Vec<String> = Vec::new();
    for _ in 0..200 {
        h.key_press(Key::Tab);
        h.run();
        let Some(focused) = h.query_by(|n| n.is_focused()) else {
            continue;
        };
        let label = focused.accesskit_node().label().unwrap_or_default();
        if label == SEARCH {
            break;
        }
        walk.push(label);
    }
    let at = |label: &str| {
        walk.iter()
            .position(|l| l == label)
            .unwrap_or_else(|| panic!("Tab never reaches {label:?}: {walk:?}"))
    };
    let order = [
        at("Calling APIs (71)"),
        at("Cloud support (86)"),
        at("Message"),
        at("Copy code"),
        at("Hide"),
        at("Pasted text"),
    ];
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "filters, table, detail, paste: {walk:?}"
    );
    assert!(
        walk.len() < 80,
        "Tab passes over the table's rows: {} stops",
        walk.len()
    );
}

#[test]
fn the_message_column_grows_back_when_the_window_does() {
    let mut h = window([640.0, 420.0], SavedState::default());
    h.run();
    h.set_size(egui::vec2(900.0, 600.0));
    h.run();
    let long = "The API does not exist or has not been published in the environment.";
    let detail = h.get_by_label("Entry").rect();
    // The table's cell, not the detail pane's heading (the row is selected).
    let message = h
        .query_all_by_label(long)
        .map(|n| n.rect())
        .find(|r| r.left() < detail.left())
        .expect("the row is in the table");
    assert!(
        message.right() > detail.left() - 40.0,
        "the message reaches the detail pane: ends at {}, pane at {}",
        message.right(),
        detail.left()
    );
}

#[test]
fn a_ticket_sentence_ranks_says_how_many_match_every_word_and_why() {
    let mut h = harness(SavedState::default());
    type_query(&mut h, "gateway hangs then returns 504");
    let count = h
        .query_by_label_contains("match every word")
        .expect("the count says how many match every word");
    let text = format!("{count:?}");
    assert!(text.contains(" rows · "), "{text}");
    let row = h.state().session().explorer().selected().unwrap();
    let e = &h.state().session().catalog().entries[row];
    assert_eq!((e.http_status, e.message()), (504, "Backend timeout."));
    h.get_by_label_contains(
        "Matched: \"504\" is the status; \"hangs\" means \"timeout\" (vocabulary)",
    );
}

#[test]
fn nothing_matched_offers_the_nearest_words() {
    let mut h = harness(SavedState::default());
    type_query(&mut h, "bakcnd");
    h.get_by_label("No error matches");
    h.get_by_label("Did you mean “backend”?").click();
    h.run();
    assert_eq!(h.state().session().explorer().state.query, "backend");
    assert!(shown(&h) > 0);
}

#[test]
fn a_code_typed_with_a_slip_finds_its_row_and_offers_the_code() {
    let mut h = harness(SavedState::default());
    type_query(&mut h, "APIG.03O3");
    assert_eq!(selected_code(&h), "APIG.0303", "the row is found first");
    h.get_by_label("Did you mean APIG.0303?").click();
    h.run();
    assert_eq!(h.state().session().explorer().state.query, "APIG.0303");
    assert!(
        h.query_by_label("Did you mean APIG.0303?").is_none(),
        "the code as the catalog spells it needs no correction"
    );
    assert_eq!(selected_code(&h), "APIG.0303");
}

#[test]
fn a_response_typed_into_the_search_box_is_offered_to_the_analyzer() {
    let mut h = harness(SavedState::default());
    type_query(
        &mut h,
        "{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\"}",
    );
    h.get_by_label("This looks like a response: analyze it")
        .click();
    h.step();
    h.state_mut()
        .wait_for_paste(std::time::Duration::from_secs(60));
    h.run();
    let session = h.state().session();
    assert_eq!(session.explorer().state.query, "", "not searched as words");
    let analysis = session.paste().analysis.as_ref().expect("analyzed");
    assert_eq!(analysis.errors[0].code.as_deref(), Some("APIG.0308"));
}
