//! Every Tab stop has a name a screen reader says (its AccessKit label): a tester's
//! reader said only "button" at the arrow that unfolds "Other variants of this code".
//! The walk goes through the window as it starts, with a paste whose match folds the
//! code's other rows (folded and unfolded), with the signature check open, and with an
//! incident open.

use apig_explorer::{ExplorerApp, SavedState};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT as _, Queryable as _};

mod common;
use common::{NOT_PUBLISHED, pasted, window};

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
