//! The window by keyboard: shortcuts whatever has the keyboard, Ctrl+C in the keyboard
//! flow, panes that start at their top, and the duplicate-incident question.

use apig_explorer::ExplorerApp;
use apig_explorer::SavedState;
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;

mod common;
use common::{copied, pasted, stored_window, temp_dir, window};
use egui_kittest::kittest::Queryable as _;

const SEARCH: &str = "Search";

fn query(h: &Harness<'_, ExplorerApp>) -> String {
    h.state().session().explorer().state.query.clone()
}

fn selected_code(h: &Harness<'_, ExplorerApp>) -> String {
    let s = h.state().session();
    let row = s.explorer().selected().expect("a row is selected");
    s.catalog().entries[row].code().to_string()
}

/// A shortcut as the platform sends it: in one frame, the key and (Alt+letter on Linux,
/// egui-winit's `on_keyboard_input`) its letter as text too.
fn shortcut(h: &mut Harness<'_, ExplorerApp>, modifiers: Modifiers, key: Key, text: &str) {
    let press = |pressed| Event::Key {
        key,
        physical_key: Some(key),
        pressed,
        repeat: false,
        modifiers,
    };
    h.input_mut()
        .events
        .extend([press(true), Event::Text(text.to_string()), press(false)]);
    h.run();
}

#[test]
fn alt_shortcuts_work_from_the_search_box_and_type_nothing() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    h.run();
    assert!(
        h.get_by_label(SEARCH).is_focused(),
        "the search box starts with the keyboard"
    );
    shortcut(&mut h, Modifiers::ALT, Key::I, "i");
    assert_eq!(query(&h), "", "Alt+I typed nothing into the search box");
    h.get_by_label_contains("No open incidents");
    shortcut(&mut h, Modifiers::ALT, Key::E, "e");
    assert_eq!(query(&h), "");
    h.get_by_label("Copy code");
    assert!(
        h.get_by_label(SEARCH).is_focused(),
        "the search box keeps the keyboard"
    );
    // Typing still types.
    h.get_by_label(SEARCH).type_text("ie");
    h.run();
    assert_eq!(query(&h), "ie");
}

#[test]
fn ctrl_c_without_a_selected_text_copies_the_selected_code_and_says_so() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    h.run();
    h.get_by_label(SEARCH).type_text("429");
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    let code = selected_code(&h);
    assert!(h.get_by_label(SEARCH).is_focused());
    h.event(Event::Copy);
    h.step();
    assert_eq!(
        copied(&h),
        std::slice::from_ref(&code),
        "the search box had no selection"
    );
    h.run();
    h.get_by_label(&format!("Copied {code}"));

    // Tab to the Clear button: a focused button is no text field either.
    h.key_press(Key::Tab);
    h.run();
    assert!(h.get_by_label("Clear").is_focused());
    h.event(Event::Copy);
    h.step();
    assert_eq!(copied(&h), [code]);
}

#[test]
fn a_new_selection_starts_the_detail_pane_at_its_top() {
    let mut h = window([900.0, 600.0], SavedState::default());
    h.run();
    let top = |h: &Harness<'_, ExplorerApp>| h.get_by_label("Entry").rect().max.y;
    let copy_code = |h: &Harness<'_, ExplorerApp>| h.get_by_label("Copy code").rect().min.y;
    assert!(copy_code(&h) > top(&h), "the entry starts at its top");
    for _ in 0..10 {
        h.get_by_label("Solution").scroll_down();
        h.run();
    }
    assert!(
        copy_code(&h) < top(&h),
        "scrolled down: the buttons are out of sight"
    );
    h.get_by_label(SEARCH).focus();
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    assert!(
        copy_code(&h) > top(&h),
        "the next row's entry opens at its top, not at the last one's offset"
    );
}

#[test]
fn the_selected_row_is_scrolled_into_view_at_start() {
    let mut h = window([900.0, 600.0], SavedState::default());
    h.run();
    h.key_press(Key::End);
    h.run();
    let code = selected_code(&h);
    let state = SavedState {
        explorer: h.state().session().explorer().state.clone(),
        ..SavedState::default()
    };
    let mut h = window([900.0, 600.0], state);
    h.run();
    assert_eq!(selected_code(&h), code);
    let rows = h.query_all_by_label(&code).count();
    assert!(
        rows >= 2,
        "the last row is in the table's view after a restart, as well as in the pane"
    );
}

/// The same request pasted twice in different shapes (the curl transcript, then the
/// JSON body with its request id): the second incident is asked for.
#[test]
fn a_second_incident_for_the_same_request_id_is_asked_for() {
    let curl = "> GET /v1/orders HTTP/1.1\r\n> Host: shop.example.com\r\n>\r\n< HTTP/1.1 404 Not Found\r\n< X-Request-Id: 0101abcdef0101abcdef0101abcdef01\r\n<\r\n{\"error_code\":\"APIG.0101\",\"error_msg\":\"The API does not exist or has not been published in the environment.\"}";
    let body = "{\"error_code\":\"APIG.0101\",\"error_msg\":\"The API does not exist or has not been published in the environment.\",\"request_id\":\"0101abcdef0101abcdef0101abcdef01\"}";
    let dir = temp_dir("kbd-duplicate");
    let mut h = stored_window([1400.0, 1000.0], &dir);
    let open =
        |h: &Harness<'_, ExplorerApp>| h.state().session().incidents().book().incidents.len();
    pasted(&mut h, curl);
    h.get_by_label("Open incident from this paste").click();
    h.run();
    assert_eq!(open(&h), 1);
    pasted(&mut h, body);
    h.get_by_label("Open incident from this paste").click();
    h.run();
    h.get_by_label("This paste already has an incident");
    assert_eq!(open(&h), 1, "nothing opened before the answer");
    h.get_by_label("Start another").click();
    h.run();
    assert_eq!(open(&h), 2, "opened when asked to");
    std::fs::remove_dir_all(&dir).ok();
}

/// File → Open… where the desktop has no file dialog (no portal, as in this test): the
/// window says so in a window of its own and takes the path typed there.
#[test]
fn open_file_without_a_file_dialog_asks_for_the_path_in_the_window() {
    let dir = temp_dir("kbd-open");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("response.json");
    std::fs::write(
        &file,
        "{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\"}",
    )
    .unwrap();
    let mut h = window([1280.0, 800.0], SavedState::default());
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    // The dialog's thread finds no portal and answers at once.
    let asked = (0..200).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run();
        h.query_by_label("Open a file").is_some()
    });
    if !asked {
        eprintln!("skipped: this desktop showed a real file dialog");
        std::fs::remove_dir_all(&dir).ok();
        return;
    }
    h.get_by_label_contains("No file dialog on this desktop");
    // The path field has the keyboard: what is typed next is the path, not a search.
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "File")
        .type_text(&file.display().to_string());
    h.run();
    assert_eq!(query(&h), "", "the path went into the search box");
    h.get_by_label("Open").click();
    h.step();
    h.state_mut()
        .wait_for_paste(std::time::Duration::from_secs(60));
    h.run();
    assert!(
        h.query_by_label("Open a file").is_none(),
        "closed once opened"
    );
    assert_eq!(selected_code(&h), "APIG.0308", "the file was analyzed");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn help_names_the_version_and_the_paste_key() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    h.run();
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label(concat!("APIG Error Explorer ", env!("CARGO_PKG_VERSION")));
    h.get_by_label("Ctrl+V");
    h.get_by_label("Ctrl+O");
}

/// A menu closed with the pointer does not leave its title holding the keyboard (drawn
/// highlighted, as if still open).
#[test]
fn a_menu_closed_by_a_click_leaves_no_title_highlighted() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    h.run();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Light").click();
    h.run();
    h.get_by_label(SEARCH).hover();
    h.run();
    for title in ["File", "View", "Help"] {
        assert!(
            !h.get_by_label(title).is_focused(),
            "{title} keeps the keyboard"
        );
    }
}

#[test]
fn esc_closes_a_menu_and_leaves_the_search_alone() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    h.run();
    h.get_by_label("Search").focus();
    h.run();
    h.get_by_label("Search").type_text("throttled");
    h.run();
    h.get_by_label("View").click();
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(
        query(&h),
        "throttled",
        "Esc closed the menu and cleared the search"
    );
    // With no menu open, Esc clears the search as before.
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(query(&h), "");
}

/// Alt+H folds the paste panel and opens it again; Alt+F, from the search box of a
/// narrow window, opens the filters with the first box taking the keyboard, and folds
/// them again. Neither types its letter.
#[test]
fn alt_h_folds_the_paste_panel_and_alt_f_goes_to_the_filters() {
    let mut h = window([640.0, 420.0], SavedState::default());
    h.run();
    shortcut(&mut h, Modifiers::ALT, Key::H, "h");
    h.get_by_label("Show");
    shortcut(&mut h, Modifiers::ALT, Key::H, "h");
    h.get_by_label("Hide");
    shortcut(&mut h, Modifiers::ALT, Key::F, "f");
    assert!(
        h.get_by_label("Calling APIs (71)").is_focused(),
        "the first filter has the keyboard"
    );
    shortcut(&mut h, Modifiers::ALT, Key::F, "f");
    assert!(h.query_by_label("Calling APIs (71)").is_none(), "folded");
    assert_eq!(query(&h), "", "no letter typed");
}

/// A row selected under a filter stays selected when the filter is cleared, and the
/// table scrolls to it (it was off screen, far below the top).
#[test]
fn after_clearing_a_filter_the_selected_row_is_in_sight() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    h.run();
    h.get_by_label("503 Service Unavailable (1)").click();
    h.run();
    let code = selected_code(&h);
    assert_eq!(h.query_all_by_label(&code).count(), 2, "table and pane");
    h.get_by_label("Clear all").click();
    h.run();
    assert_eq!(selected_code(&h), code, "still selected");
    assert!(
        h.query_all_by_label(&code).count() >= 2,
        "{code} is in the table's view as well as in the pane"
    );
}

fn ticked(h: &Harness<'_, ExplorerApp>) -> usize {
    h.state().session().explorer().state.filters.statuses.len()
}

const METHOD: &str = "405 Method Not Allowed (2)";
const THROTTLED: &str = "429 Too Many Requests (1)";

/// With an empty search box one Esc emptied every filter, out of sight and for good. Esc
/// now leaves the box first; a second one, with no control focused, clears the filters,
/// says which, and Ctrl+Z (or "Undo clear") brings them back. Esc on a filter's box
/// leaves the box and clears nothing.
#[test]
fn esc_leaves_the_search_box_first_and_clearing_the_filters_is_said_and_undone() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    h.run();
    h.get_by_label(METHOD).click();
    h.run();
    h.get_by_label(THROTTLED).click();
    h.run();
    assert_eq!(ticked(&h), 2);
    h.get_by_label(SEARCH).focus();
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(
        ticked(&h),
        2,
        "one Esc from the empty search box cleared the filters"
    );
    assert!(!h.get_by_label(SEARCH).is_focused(), "Esc left the box");
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(ticked(&h), 0, "the second Esc clears them");
    h.get_by_label_contains(
        "Cleared 2 filters (405 Method Not Allowed; 429 Too Many Requests): \"Undo clear\" (Ctrl+Z)",
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(ticked(&h), 2, "Ctrl+Z brought them back");
    h.get_by_label_contains("Brought back 2 filters");

    h.get_by_label("Clear all").click();
    h.run();
    assert_eq!(ticked(&h), 0);
    h.get_by_label("Undo clear").click();
    h.run();
    assert_eq!(ticked(&h), 2, "Clear all is undone too");

    // On a filter's box, Esc only leaves the box.
    h.get_by_label(METHOD).focus();
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(ticked(&h), 2, "Esc on a box cleared the filters");
    assert!(!h.get_by_label(METHOD).is_focused());
}

/// In the search box Esc still clears the text first (the box keeps the keyboard), and
/// Ctrl+Z there brings that text back: Help says Ctrl+Z restores what Esc cleared. The
/// box's own undo brought back an older search ("401") instead, and outside the box
/// nothing came back. Undo goes newest first: the search, then the filters' clear.
#[test]
fn ctrl_z_in_the_search_box_brings_back_the_search_esc_cleared() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    h.run();
    h.get_by_label(METHOD).click();
    h.run();
    h.get_by_label("Clear all").click();
    h.run();
    assert_eq!(ticked(&h), 0);
    h.get_by_label(SEARCH).focus();
    h.run();
    h.get_by_label(SEARCH).type_text("401");
    h.run();
    for _ in 0..3 {
        h.key_press(Key::Backspace);
        h.run();
    }
    h.get_by_label(SEARCH).type_text("timeout backend");
    h.run();
    assert_eq!(query(&h), "timeout backend");
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(query(&h), "");
    assert!(
        h.get_by_label(SEARCH).is_focused(),
        "the box keeps the keyboard"
    );
    h.get_by_label_contains("Cleared the search \"timeout backend\"");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(query(&h), "timeout backend", "Ctrl+Z in the box");
    assert_eq!(ticked(&h), 0, "the older filter clear waits its turn");

    // Outside the box too, newest first.
    h.key_press(Key::Escape);
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.get_by_label(SEARCH).is_focused());
    assert_eq!(query(&h), "");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(query(&h), "timeout backend", "Ctrl+Z outside the box");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(ticked(&h), 1, "then the filters' clear");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.get_by_label_contains("Nothing to bring back");
}

/// Ctrl+Z after "Clear paste" brought back an older filter clear, and a second Ctrl+Z
/// said there was nothing: the paste was the newest clear, and comes back first.
#[test]
fn ctrl_z_after_clear_paste_brings_back_the_paste_before_an_older_filter_clear() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    h.run();
    h.get_by_label(METHOD).click();
    h.run();
    h.get_by_label("Clear all").click();
    h.run();
    assert_eq!(ticked(&h), 0);
    let body = "{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\"}";
    pasted(&mut h, body);
    h.get_by_label("Clear paste").click();
    h.run();
    assert!(h.state().session().paste().text.is_empty());
    h.key_press(Key::Escape);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().session().paste().text,
        body,
        "Ctrl+Z brought back the paste"
    );
    assert_eq!(ticked(&h), 0, "not the older filter clear first");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(ticked(&h), 1, "the second Ctrl+Z: the filters");
}

/// Help says what the table's keys do on a focused control, and they do it: on a
/// filter's box Up/Down move the keyboard to the box below and Home leaves the row where
/// it was; after Esc leaves the box they move the row.
#[test]
fn on_a_focused_box_the_arrows_move_the_keyboard_and_after_esc_the_row() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    h.run();
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label_contains("on a control: the control above / below");
    h.key_press(Key::Escape);
    h.run();
    h.get_by_label(METHOD).click();
    h.run();
    let rows = h.state().session().explorer().rows().len();
    assert_eq!(rows, 2);
    let first = selected_code(&h);
    h.get_by_label(METHOD).focus();
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(selected_code(&h), first, "the row stays");
    assert!(
        !h.get_by_label(METHOD).is_focused(),
        "the keyboard moved on"
    );
    assert!(h.ctx.memory(|m| m.focused()).is_some());
    h.key_press(Key::End);
    h.run();
    assert_eq!(selected_code(&h), first, "End on a control moves no row");
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(ticked(&h), 1, "Esc left the control, the filter stays");
    h.key_press(Key::ArrowDown);
    h.run();
    assert_ne!(
        selected_code(&h),
        first,
        "with no control focused Down moves the row"
    );
}

/// The duplicate question opens with "Work the open one" holding the keyboard: Enter
/// takes it; Tab then Enter takes the button Tab reached, and only that one (a key
/// read for the whole question worked the open one too); Esc cancels.
#[test]
fn the_duplicate_question_opens_on_its_first_answer_and_enter_takes_the_focused_one() {
    let body = "{\"error_code\":\"APIG.0101\",\"error_msg\":\"The API does not exist or has not been published in the environment.\",\"request_id\":\"0101abcdef0101abcdef0101abcdef01\"}";
    let dir = temp_dir("kbd-duplicate-keys");
    let mut h = stored_window([1400.0, 1000.0], &dir);
    let open =
        |h: &Harness<'_, ExplorerApp>| h.state().session().incidents().book().incidents.len();
    let asked = |h: &Harness<'_, ExplorerApp>| {
        h.query_by_label("This paste already has an incident")
            .is_some()
    };
    pasted(&mut h, body);
    h.get_by_label("Open incident from this paste").click();
    h.run();
    assert_eq!(open(&h), 1);
    h.get_by_label("Open incident from this paste").click();
    h.run();
    assert!(asked(&h));
    assert!(
        h.get_by_label("Work the open one").is_focused(),
        "the question opens on its first answer"
    );
    h.key_press(Key::Enter);
    h.run();
    assert!(!asked(&h));
    assert_eq!(open(&h), 1, "Enter worked the open one");

    h.get_by_label("Open incident from this paste").click();
    h.run();
    h.key_press(Key::Tab);
    h.run();
    assert!(h.get_by_label("Start another").is_focused());
    h.key_press(Key::Enter);
    h.run();
    assert!(!asked(&h));
    assert_eq!(open(&h), 2, "Enter took the focused answer, Start another");

    // Tab reaches every answer, round, and Shift+Tab goes back (Tab cycled only Start
    // another and Cancel).
    h.get_by_label("Open incident from this paste").click();
    h.run();
    for answer in [
        "Start another",
        "Cancel",
        "Work the open one",
        "Start another",
    ] {
        h.key_press(Key::Tab);
        h.run();
        assert!(h.get_by_label(answer).is_focused(), "Tab to {answer}");
    }
    for answer in ["Work the open one", "Cancel"] {
        h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
        h.run();
        assert!(h.get_by_label(answer).is_focused(), "Shift+Tab to {answer}");
    }
    assert!(asked(&h));
    h.key_press(Key::Escape);
    h.run();
    assert!(!asked(&h));
    assert_eq!(open(&h), 2, "Esc cancelled");
}

/// A key press and its release in one frame, with `modifiers`.
fn key_events(key: Key, modifiers: Modifiers) -> [Event; 2] {
    let press = |pressed| Event::Key {
        key,
        physical_key: Some(key),
        pressed,
        repeat: false,
        modifiers,
    };
    [press(true), press(false)]
}

/// The tester's F1, Esc, Ctrl+F and typing at xdotool's pace: a character that arrives
/// in the frame of Ctrl+F goes into the search box (it was lost now and then: the box
/// took the keyboard only after it was drawn).
#[test]
fn a_character_typed_in_the_frame_of_ctrl_f_goes_into_the_search_box() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    h.run();
    h.input_mut()
        .events
        .extend(key_events(Key::F1, Modifiers::NONE));
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.get_by_label(SEARCH).is_focused());
    let mut frame: Vec<Event> = key_events(Key::F, Modifiers::COMMAND).into();
    frame.push(Event::Text("t".into()));
    h.input_mut().events.extend(frame);
    h.run();
    h.get_by_label(SEARCH).type_text("imeout");
    h.run();
    assert_eq!(query(&h), "timeout");
}

/// Alt+E's letter, which the platform sends with it, is not typed; the same letter typed
/// in the same frame is.
#[test]
fn only_the_letter_sent_with_a_shortcut_is_taken_from_the_search_box() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    h.run();
    let [alt_press, alt_release] = key_events(Key::E, Modifiers::ALT);
    let [press, release] = key_events(Key::E, Modifiers::NONE);
    h.input_mut().events.extend([
        alt_press,
        Event::Text("e".into()),
        alt_release,
        press,
        Event::Text("e".into()),
        release,
    ]);
    h.run();
    assert_eq!(query(&h), "e", "the typed e stays, the shortcut's goes");
}

/// An Alt+letter the window has no shortcut for (Alt+V, as for a View menu elsewhere)
/// types nothing into the search box: it typed its letter, and the table said "No error
/// matches". A letter typed with AltGr (not the key's own) still types.
#[test]
fn an_alt_letter_that_is_no_shortcut_types_nothing() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    h.run();
    assert!(h.get_by_label(SEARCH).is_focused());
    for (key, text) in [(Key::V, "v"), (Key::D, "d"), (Key::Q, "Q")] {
        shortcut(&mut h, Modifiers::ALT, key, text);
        assert_eq!(query(&h), "", "Alt+{text} typed nothing");
    }
    h.get_by_label_contains("364 of 364");
    // What a layout types with Alt (not the key's letter) is typed.
    shortcut(&mut h, Modifiers::ALT, Key::Q, "@");
    assert_eq!(query(&h), "@");
}

/// The paste bar's Tab order is its reading order: Hide, Clear paste, History (Tab
/// went from Hide to History, then back left to Clear paste).
#[test]
fn tab_meets_the_paste_bar_buttons_in_reading_order() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    pasted(
        &mut h,
        "{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\"}",
    );
    h.get_by_label("Hide").focus();
    h.run();
    h.key_press(Key::Tab);
    h.run();
    assert!(
        h.get_by_label("Clear paste").is_focused(),
        "Hide, then Clear paste"
    );
    h.key_press(Key::Tab);
    h.run();
    assert!(
        h.get_by_label_contains("History (").is_focused(),
        "then History"
    );
    let clear = h.get_by_label("Clear paste").rect();
    let history = h.get_by_label_contains("History (").rect();
    assert!(
        clear.right() <= history.left(),
        "still side by side, History right"
    );
    assert!(history.right() <= 1280.0, "History in the window");
}
