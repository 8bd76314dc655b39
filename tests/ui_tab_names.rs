//! Every Tab stop has a name a screen reader says (its AccessKit label): a tester's
//! reader said only "button" at the arrow that unfolds "Other variants of this code".
//! The walk goes through the window as it starts, with a paste whose match folds the
//! code's other rows (folded and unfolded), with the signature check open, with an
//! incident open, through the History list and the incidents' Archive (each row reached
//! and opened by keyboard alone), and through the Catalogs and Team folder windows.

use apig_explorer::{ExplorerApp, SavedState};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT as _, Queryable as _};

mod common;
use common::{NOT_PUBLISHED, pasted, stored_window, temp_dir, window};

/// A 504 whose match is sure: the code's six other rows are folded under one line.
const EXACT: &str = "HTTP/1.1 504 Gateway Timeout\n\n{\"error_code\":\"APIG.0201\",\"error_msg\":\"Backend timeout.\"}";

/// A signed request the gateway rejected, with its echoed canonical request.
const SIGNED: &str = "> POST /v2/orders HTTP/1.1\n> Host: api.example.com:8443\n> Content-Type: application/json\n> X-Sdk-Date: 20240102T030405Z\n> Authorization: SDK-HMAC-SHA256 Access=4f6e2c1a9b8d4e7f8a1b2c3d4e5f6a7b, SignedHeaders=content-type;host;x-sdk-date, Signature=0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9\n>\n< HTTP/1.1 401 Unauthorized\n<\n{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information: verify signature fail, canonicalRequest:POST|/v2/orders/||content-type:application/json|host:api.example.com:8443|x-sdk-date:20240102T030405Z||content-type;host;x-sdk-date|44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"request_id\":\"b2c3d4e5f6a7b8c9\"}\n";

/// The control with the keyboard: its role, and its name as a screen reader reads it
/// (its label, or the label it is labelled by), if any.
fn focused(h: &Harness<'_, ExplorerApp>) -> (String, Option<String>) {
    let node = h
        .query_all(By::new().predicate(|n| n.is_focused()))
        .next()
        .expect("a control has the keyboard");
    let node = node.accesskit_node();
    let name = node.label().filter(|l| !l.trim().is_empty());
    (format!("{:?}", node.role()), name)
}

/// Tabs `times` through the window; the name of every stop, and every stop without one.
fn walk(h: &mut Harness<'_, ExplorerApp>, times: usize) -> (Vec<String>, Vec<String>) {
    let (mut named, mut unnamed) = (Vec::new(), Vec::new());
    for _ in 0..times {
        h.key_press(Key::Tab);
        h.run();
        match focused(h) {
            (_, Some(name)) => named.push(name),
            (role, None) => unnamed.push(format!(
                "{role} after {:?}",
                named.last().map(String::as_str).unwrap_or("the start")
            )),
        }
    }
    (named, unnamed)
}

/// Tab (Shift+Tab with `back`), at most `times`, until the control with the keyboard is
/// named as `wanted` says; the names of the stops passed on the way.
fn tab_to(
    h: &mut Harness<'_, ExplorerApp>,
    back: bool,
    times: usize,
    wanted: impl Fn(&str) -> bool,
) -> Vec<String> {
    let modifiers = if back {
        egui::Modifiers::SHIFT
    } else {
        egui::Modifiers::NONE
    };
    let mut passed = Vec::new();
    for _ in 0..times {
        h.key_press_modifiers(modifiers, Key::Tab);
        h.run();
        let name = focused(h).1.unwrap_or_default();
        if wanted(&name) {
            return passed;
        }
        passed.push(name);
    }
    panic!("Tab never reached the control: passed {passed:?}");
}

#[test]
fn every_tab_stop_of_the_window_as_it_starts_has_a_name() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    h.run();
    let (named, unnamed) = walk(&mut h, 70);
    assert!(unnamed.is_empty(), "stops without a name: {unnamed:?}");
    assert!(
        named.len() > 20,
        "the walk went round the window: {named:?}"
    );
}

/// The arrow and the line of "Other variants of this code" are one Tab stop, named by
/// the line; Enter unfolds the rows and Space folds them again, and every stop among the
/// unfolded rows has a name too.
#[test]
fn other_variants_is_one_named_tab_stop_that_enter_and_space_unfold() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    pasted(&mut h, EXACT);
    let (named, unnamed) = walk(&mut h, 90);
    assert!(unnamed.is_empty(), "stops without a name: {unnamed:?}");
    let headline = "Other variants of this code: 6 other rows of APIG.0201";
    assert_eq!(
        named.iter().filter(|n| n.starts_with(headline)).count(),
        named
            .iter()
            .filter(|n| n.starts_with("Match: APIG.0201"))
            .count(),
        "one stop for the folded rows each time round the window: {named:?}"
    );
    let unfolded =
        |h: &Harness<'_, ExplorerApp>| h.query_all_by_label_contains("APIG.0201 413").count() > 0;
    for _ in 0..90 {
        if focused(&h).1.is_some_and(|n| n.starts_with(headline)) {
            break;
        }
        h.key_press(Key::Tab);
        h.run();
    }
    assert!(!unfolded(&h), "folded at first");
    h.key_press(Key::Enter);
    h.run();
    assert!(unfolded(&h), "Enter unfolds the rows");
    let (_, unnamed) = walk(&mut h, 90);
    assert!(
        unnamed.is_empty(),
        "unfolded: stops without a name: {unnamed:?}"
    );
    for _ in 0..90 {
        if focused(&h).1.is_some_and(|n| n.starts_with(headline)) {
            break;
        }
        h.key_press(Key::Tab);
        h.run();
    }
    h.key_press(Key::Space);
    h.run();
    assert!(!unfolded(&h), "Space folds them again");
}

#[test]
fn every_tab_stop_of_the_signature_check_has_a_name() {
    let mut h = window([1280.0, 900.0], SavedState::default());
    pasted(&mut h, SIGNED);
    h.get_by_label("Check signature").click();
    h.run();
    let (named, unnamed) = walk(&mut h, 90);
    assert!(unnamed.is_empty(), "stops without a name: {unnamed:?}");
    assert!(
        named.iter().any(|n| n.starts_with("Request body")),
        "Tab reaches the check's body field: {named:?}"
    );
}

#[test]
fn every_tab_stop_of_an_open_incident_has_a_name() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    pasted(&mut h, NOT_PUBLISHED);
    h.get_by_label("Open incident from this paste").click();
    h.run();
    let (named, unnamed) = walk(&mut h, 90);
    assert!(unnamed.is_empty(), "stops without a name: {unnamed:?}");
    assert!(
        named.iter().any(|n| n == "Copy as Markdown"),
        "Tab reaches the incident's actions: {named:?}"
    );
}

/// A log of several minutes of throttled and timed-out calls: the triage view.
fn log(minutes: u32) -> String {
    let mut log = String::new();
    for minute in 0..minutes {
        for second in (0..60).step_by(7) {
            let (code, status, message) = if second % 2 == 0 {
                (
                    "APIG.0308",
                    429,
                    "The throttling threshold has been reached.",
                )
            } else {
                ("APIG.0201", 504, "Backend timeout.")
            };
            log.push_str(&format!(
                "2026-11-27T06:{minute:02}:{second:02}Z ERROR {{\"error_code\":\"{code}\",\"error_msg\":\"{message}\",\"request_id\":\"{minute:02}{second:02}{:028}\"}} status={status}\n",
                minute * 60 + second
            ));
        }
    }
    log
}

#[test]
fn every_tab_stop_of_the_triage_of_a_log_has_a_name() {
    let mut h = window([1280.0, 900.0], SavedState::default());
    pasted(&mut h, &log(12));
    h.get_by_label_contains("Copy triage as Markdown");
    let (named, unnamed) = walk(&mut h, 90);
    assert!(unnamed.is_empty(), "stops without a name: {unnamed:?}");
    assert!(
        named.iter().any(|n| n.contains("APIG.0308 429")),
        "Tab reaches the groups: {named:?}"
    );
    // Nine errors a minute, 06:00 to 06:11.
    assert!(
        named
            .iter()
            .any(|n| n == "Errors per minute (UTC), bars 06:00 to 06:11, the highest 9 errors"),
        "the histogram says what it shows: {named:?}"
    );
}

#[test]
fn every_tab_stop_of_companion_mode_has_a_name() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    pasted(&mut h, NOT_PUBLISHED);
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Companion mode").click();
    h.run();
    h.get_by_label("Full window");
    let (named, unnamed) = walk(&mut h, 30);
    assert!(unnamed.is_empty(), "stops without a name: {unnamed:?}");
    assert!(
        named.iter().any(|n| n == "Copy code"),
        "Tab reaches the row's actions: {named:?}"
    );
}

/// The History list by keyboard alone: Tab to its button, Enter opens it, Tab reaches its
/// Find box and every entry (each named by its time, count, code and status), and Enter
/// on an entry opens that paste again.
#[test]
fn the_history_list_is_walked_and_opened_by_keyboard_and_its_stops_are_named() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    pasted(&mut h, EXACT);
    pasted(&mut h, NOT_PUBLISHED);
    assert_eq!(h.state().session().history().entries.len(), 2);
    tab_to(&mut h, false, 120, |n| n == "History (2)");
    h.key_press(Key::Enter);
    h.run();
    // Every stop of the list, up to its last one.
    let named = tab_to(&mut h, false, 6, |n| n == "Clear history…");
    assert!(
        named.iter().all(|n| !n.is_empty()),
        "stops without a name: {named:?}"
    );
    assert_eq!(
        named.first().map(String::as_str),
        Some("Find"),
        "Tab goes into the list, to its Find box: {named:?}"
    );
    for code in ["APIG.0201  504", "APIG.0101  404"] {
        assert!(
            named.iter().any(|n| n.contains(code)),
            "the entry of {code} is a Tab stop: {named:?}"
        );
    }
    // Back to the earlier paste's entry, and Enter opens it.
    tab_to(&mut h, true, 4, |n| n.contains("APIG.0201  504"));
    // One frame to reopen it; its analysis runs on a task (as `pasted` waits for it).
    h.key_press(Key::Enter);
    h.step();
    h.state_mut()
        .wait_for_paste(std::time::Duration::from_secs(60));
    h.run();
    assert_eq!(
        h.state().session().paste().text,
        EXACT,
        "Enter on the entry opened its paste again"
    );
    assert!(
        h.query_by_label("Find").is_none(),
        "the list closed once the entry was opened"
    );
}

/// The incidents' Archive by keyboard alone: Tab to its header, Enter unfolds it, each
/// closed incident is one Tab stop named by the incident it restores, and Enter on it
/// restores that one.
#[test]
fn the_archive_is_walked_and_restored_by_keyboard_and_its_stops_are_named() {
    let dir = temp_dir("tab-archive");
    let mut h = stored_window([1280.0, 800.0], &dir);
    for paste in [NOT_PUBLISHED, EXACT] {
        pasted(&mut h, paste);
        h.get_by_label("Open incident from this paste").click();
        h.run();
        h.get_by_label("Close incident").click();
        h.run();
    }
    h.get_by_label("Archive (2)");
    tab_to(&mut h, false, 150, |n| n == "Archive (2)");
    h.key_press(Key::Enter);
    h.run();
    let (named, unnamed) = walk(&mut h, 2);
    assert!(unnamed.is_empty(), "stops without a name: {unnamed:?}");
    for title in [
        "Restore Incident: APIG.0101 404",
        "Restore Incident: APIG.0201 504",
    ] {
        assert!(
            named.iter().any(|n| n.starts_with(title)),
            "{title} is a Tab stop: {named:?}"
        );
    }
    // Shift+Tab back to the 404's row, and Enter restores it.
    for _ in 0..2 {
        if focused(&h)
            .1
            .is_some_and(|n| n.starts_with("Restore Incident: APIG.0101"))
        {
            break;
        }
        h.key_press_modifiers(egui::Modifiers::SHIFT, Key::Tab);
        h.run();
    }
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("Archive (1)");
    let session = h.state().session();
    let open = &session.incidents().book().incidents;
    assert_eq!(open.len(), 1);
    assert!(
        open[0]
            .markdown(session.catalog())
            .contains("## Incident: APIG.0101 404"),
        "the one Enter was pressed on is open again"
    );
    // The keyboard lands in the restored incident (it was nowhere: Space did nothing and
    // the next Tab started again at File).
    h.run();
    let (role, name) = focused(&h);
    assert!(
        !name.as_deref().unwrap_or_default().starts_with("Restore") && role != "Window",
        "the keyboard is in the restored incident: {role} {name:?}"
    );
}

#[test]
fn every_tab_stop_of_the_catalogs_window_has_a_name() {
    let state = SavedState {
        catalog_paths: vec!["tests/fixtures/apig-en-ug-180530090.rst".into()],
        ..SavedState::default()
    };
    let mut h = window([1280.0, 800.0], state);
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Catalogs...").click();
    h.run();
    let (named, unnamed) = walk(&mut h, 90);
    assert!(unnamed.is_empty(), "stops without a name: {unnamed:?}");
    for stop in [
        "File",
        "Browse…",
        "Remove tests/fixtures/apig-en-ug-180530090.rst",
    ] {
        assert!(
            named.iter().any(|n| n == stop),
            "Tab reaches {stop}: {named:?}"
        );
    }
}

#[test]
fn every_tab_stop_of_the_team_folder_window_has_a_name() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Team folder...").click();
    h.run();
    h.get_by_label("Folder").focus();
    h.run();
    h.get_by_label("Folder").type_text("/nonexistent/team");
    h.run();
    let (named, unnamed) = walk(&mut h, 90);
    assert!(unnamed.is_empty(), "stops without a name: {unnamed:?}");
    for stop in ["Folder", "Use"] {
        assert!(
            named.iter().any(|n| n == stop),
            "Tab reaches {stop}: {named:?}"
        );
    }
}

/// A dialog chosen from the File menu closes the menu and puts the keyboard in its path
/// field (the menu stayed drawn over it with the keyboard on its item).
#[test]
fn a_dialog_chosen_from_the_file_menu_takes_the_keyboard_and_closes_the_menu() {
    for (item, field) in [("Team folder...", "Folder"), ("Catalogs...", "File")] {
        let mut h = window([1280.0, 800.0], SavedState::default());
        h.run();
        h.get_by_label("File").click();
        h.run();
        h.get_by_label(item).click();
        h.run();
        h.run();
        assert!(
            h.query_by_label("Quit").is_none(),
            "{item}: the menu closed"
        );
        let (role, name) = focused(&h);
        assert_eq!(name.as_deref(), Some(field), "{item}: {role}");
    }
}
