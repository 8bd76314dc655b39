use super::super::handoff::{Delivered, send_for_test, test_endpoint};
use super::super::{Embedded, Legacy, Session, Store};
use crate::session::{Action, PasteAction};

/// How long a test waits for an analysis task before it fails.
const LONG: std::time::Duration = std::time::Duration::from_secs(60);

const RESPONSE: &str = "{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\",\"request_id\":\"7c1a9e0b3d5f4e2a\"}";

fn data_dir(name: &str) -> crate::session::test_dir::TestDir {
    crate::session::test_dir::TestDir::new("received", name)
}

fn window(dir: &std::path::Path, endpoint: &std::path::Path) -> Session {
    let mut s = Session::from_store(Store::open(dir, Legacy::default()), Embedded::build());
    s.listen_for_handoff_at(endpoint.to_path_buf())
        .expect("listens");
    s
}

/// The request ids of the history as the store holds it, newest first, and how many
/// hand-offs are still pending.
fn stored(dir: &std::path::Path) -> (Vec<Option<String>>, usize) {
    let opened = Store::open(dir, Legacy::default());
    let store = opened.store.expect("the store opens");
    let ids = store
        .search_history("")
        .unwrap()
        .into_iter()
        .map(|e| e.request_id)
        .collect();
    (ids, store.pending_handoffs().unwrap().len())
}

fn with_id(id: &str) -> String {
    RESPONSE.replace("7c1a9e0b3d5f4e2a", id)
}

#[test]
fn a_hand_off_acknowledged_then_the_window_killed_is_in_the_history_of_the_next() {
    let dir = data_dir("killed");
    let endpoint = test_endpoint("killed");
    let first = window(&dir, &endpoint);
    assert_eq!(
        send_for_test(&endpoint, &with_id("aaaa1111bbbb2222")).expect("sent"),
        Delivered::Saved
    );
    // The window goes before it took the hand-off (no frame, no close).
    drop(first);
    assert_eq!(
        stored(&dir),
        (vec![], 1),
        "kept in the store, not yet in History"
    );
    let mut next = window(&dir, &endpoint);
    next.take_handoffs();
    next.close_handoff();
    assert_eq!(
        stored(&dir),
        (vec![Some("aaaa1111bbbb2222".to_string())], 0),
        "the next window recorded it once"
    );
    assert!(
        next.notices().iter().any(|n| n.contains("1 response(s)")),
        "{:?}",
        next.notices()
    );
    let after = window(&dir, &endpoint);
    drop(after);
    assert_eq!(stored(&dir).0.len(), 1, "recorded once, not at every start");
}

#[test]
fn closing_the_window_records_the_hand_offs_it_had_not_taken() {
    let dir = data_dir("close");
    let endpoint = test_endpoint("close");
    let mut s = window(&dir, &endpoint);
    for id in ["cccc1111dddd2222", "eeee1111ffff2222"] {
        assert_eq!(
            send_for_test(&endpoint, &with_id(id)).expect("sent"),
            Delivered::Saved
        );
    }
    s.close_handoff();
    assert!(matches!(
        send_for_test(&endpoint, RESPONSE),
        Err(super::HandoffError::NoWindow)
    ));
    let (ids, pending) = stored(&dir);
    assert_eq!(
        ids,
        [
            Some("eeee1111ffff2222".to_string()),
            Some("cccc1111dddd2222".to_string())
        ]
    );
    assert_eq!(pending, 0);
}

#[test]
fn a_hand_off_taken_by_the_window_is_shown_and_recorded_once() {
    let dir = data_dir("taken");
    let endpoint = test_endpoint("taken");
    let mut s = window(&dir, &endpoint);
    send_for_test(&endpoint, RESPONSE).expect("sent");
    s.take_handoffs();
    assert!(s.wait_for_paste(LONG).is_some(), "its row is revealed");
    assert!(s.take_raise(), "the window comes to the front");
    assert_eq!(s.history().entries.len(), 1);
    assert_eq!(s.history().entries[0].code.as_deref(), Some("APIG.0308"));
    assert_eq!(
        stored(&dir),
        (vec![Some("7c1a9e0b3d5f4e2a".to_string())], 0)
    );
    s.close_handoff();
    drop(s);
    let again = window(&dir, &endpoint);
    drop(again);
    assert_eq!(stored(&dir).0.len(), 1, "not recorded a second time");
}

#[test]
fn a_hand_off_replaced_before_its_analysis_finished_is_still_recorded() {
    let dir = data_dir("replaced");
    let endpoint = test_endpoint("replaced");
    let mut s = window(&dir, &endpoint);
    // Long enough to be still under way when the next paste arrives.
    let mut big = with_id("1234abcd5678ef90");
    big.push('\n');
    big.push_str(&"2026-12-06 10:00:00 INFO nothing to see here\n".repeat(8_000));
    send_for_test(&endpoint, &big).expect("sent");
    s.take_handoffs();
    assert!(s.handed_in_flight(), "the big hand-off is being analyzed");
    s.apply(Action::Paste(PasteAction::Paste(with_id(
        "0000aaaa1111bbbb",
    ))));
    s.wait_for_paste(LONG);
    s.close_handoff();
    assert_eq!(s.notices(), [] as [String; 0], "every write went through");
    let (ids, pending) = stored(&dir);
    assert_eq!(pending, 0);
    assert!(
        ids.contains(&Some("1234abcd5678ef90".to_string())),
        "the replaced hand-off is in the history: {ids:?}"
    );
    assert!(ids.contains(&Some("0000aaaa1111bbbb".to_string())));
}

#[test]
fn a_window_without_a_store_says_the_hand_off_is_not_saved() {
    let endpoint = test_endpoint("memory");
    let mut s = Session::new(Default::default(), Embedded::build());
    s.listen_for_handoff_at(endpoint.clone()).expect("listens");
    assert_eq!(
        send_for_test(&endpoint, RESPONSE).expect("sent"),
        Delivered::InMemory
    );
    s.take_handoffs();
    s.wait_for_paste(LONG);
    assert_eq!(s.history().entries.len(), 1);
}
