//! Working an incident in the window, from a paste to a ticket comment, across a restart.

use apig_explorer::ExplorerApp;
use apig_explorer::{Legacy, StepStatus, Store};
use egui_kittest::Harness;

mod common;
use common::{DOMAIN_STEP, METHOD_STEP, NOT_PUBLISHED, copied, stored_window, temp_dir};
use egui_kittest::kittest::Queryable as _;

fn harness(path: &std::path::Path) -> Harness<'static, ExplorerApp> {
    stored_window([1400.0, 1000.0], path)
}

#[test]
fn from_a_paste_to_a_ticket_comment_and_back_after_a_restart() {
    let path = temp_dir("paste");
    let mut h = harness(&path);
    h.run();
    h.event(egui::Event::Paste(NOT_PUBLISHED.into()));
    h.step();
    h.state_mut()
        .wait_for_paste(std::time::Duration::from_secs(60));
    h.run();
    h.get_by_label("Open incident from this paste").click();
    h.run();
    h.get_by_label("Incidents (1)");
    h.get_by_label("Paste: the request had no X-Stage header (RELEASE environment)");
    h.get_by_label("Progress 0/5");

    h.get_by_label(DOMAIN_STEP).click();
    h.run();
    // Below the fold of the pane (its name and actions stay above it): scrolled to first,
    // as a user would.
    h.get_by_label(METHOD_STEP).scroll_to_me();
    h.run();
    h.get_by_label(METHOD_STEP).click();
    h.run();
    h.get_by_label("Progress 2/5");
    h.get_by_label("Note 1").focus();
    h.run();
    h.get_by_label("Note 1").type_text("bound since Monday");
    h.run();

    h.get_by_label("Copy as Markdown").click();
    h.step();
    let md = copied(&h).pop().expect("the incident was copied");
    assert!(md.contains("## Incident: APIG.0101 404"), "{md}");
    assert!(md.contains("- [x] The domain used in the call"), "{md}");
    assert!(md.contains("  - Note: bound since Monday"), "{md}");
    assert!(
        md.contains("- **Request id:** 0101abcdef0101abcdef0101abcdef01"),
        "{md}"
    );
    assert!(
        md.contains("Paste: the request had no X-Stage header"),
        "{md}"
    );
    assert!(!md.contains("sk-live"), "{md}");

    let mut again = harness(&path);
    // The restored paste is analyzed again on a task (a spinner meanwhile): its end is
    // waited for, not a number of frames, which a loaded machine needs more of.
    again.step();
    again
        .state_mut()
        .wait_for_paste(std::time::Duration::from_secs(60));
    again.run();
    let incident = &again.state().session().incidents().book().incidents[0];
    assert_eq!(incident.progress(), (2, 5));
    assert_eq!(incident.steps[0].status, StepStatus::Done);
    assert_eq!(incident.steps[0].note, "bound since Monday");
    assert!(incident.steps[0].changed.is_some());
    assert_eq!(
        incident.paste.as_ref().unwrap().request_id.as_deref(),
        Some("0101abcdef0101abcdef0101abcdef01")
    );
    again.get_by_label("Incidents (1)").click();
    again.run();
    again.get_by_label("Progress 2/5");
    std::fs::remove_dir_all(&path).ok();
}

#[test]
fn an_incident_from_a_row_can_be_named_reset_and_closed() {
    let path = temp_dir("row");
    let mut h = harness(&path);
    h.run();
    h.get_by_label("Start incident").click();
    h.run();
    h.get_by_label("Name").focus();
    h.run();
    h.get_by_label("Name").type_text("INC-1");
    h.run();
    h.get_by_label(DOMAIN_STEP).click();
    h.run();
    assert_eq!(
        h.state().session().incidents().book().incidents[0].name,
        "INC-1"
    );
    h.get_by_label("Progress 1/5");
    h.get_by_label("Reset").click();
    h.run();
    h.get_by_label("Progress 0/5");
    h.get_by_label("Close incident").click();
    h.run();
    assert!(h.state().session().incidents().book().incidents.is_empty());
    let reopened = Store::open(&path, Legacy::default());
    assert!(
        reopened.contents.incidents.incidents.is_empty(),
        "closing is saved at once"
    );
    std::fs::remove_dir_all(&path).ok();
}

#[test]
fn the_right_pane_follows_the_selection_and_alt_keys_switch_tabs() {
    let path = temp_dir("follow");
    let mut h = harness(&path);
    h.run();
    h.get_by_label("Start incident").click();
    h.run();
    h.get_by_label("Progress 0/5");
    h.get_by_label("The API does not exist.").click();
    h.run();
    assert_eq!(
        h.query_all_by_label("Progress 0/5").count(),
        0,
        "selecting another row shows that row's entry, not the incident"
    );
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::I);
    h.run();
    h.get_by_label("Progress 0/5");
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::E);
    h.run();
    h.get_by_label("Copy code");
    std::fs::remove_dir_all(&path).ok();
}

#[test]
fn a_reset_can_be_undone_and_a_closed_incident_restored_from_the_archive() {
    let path = temp_dir("undo");
    let mut h = harness(&path);
    h.run();
    h.get_by_label("Start incident").click();
    h.run();
    h.get_by_label(DOMAIN_STEP).click();
    h.run();
    h.get_by_label("Progress 1/5");
    h.get_by_label("Reset").click();
    h.run();
    h.get_by_label("Progress 0/5");
    h.get_by_label("Undo reset").click();
    h.run();
    h.get_by_label("Progress 1/5");
    assert_eq!(
        Store::open(&path, Legacy::default())
            .contents
            .incidents
            .incidents[0]
            .progress(),
        (1, 5),
        "the undone reset is saved"
    );
    h.get_by_label("Close incident").click();
    h.run();
    h.get_by_label("Archive (1)").click();
    h.run();
    h.get_by_label_contains("Restore Incident: APIG.").click();
    h.run();
    h.get_by_label("Progress 1/5");
    assert_eq!(h.state().session().incidents().book().incidents.len(), 1);
    let reopened = Store::open(&path, Legacy::default());
    assert_eq!(
        reopened.contents.incidents.incidents.len(),
        1,
        "restoring is saved"
    );
    assert!(reopened.contents.archived.is_empty());
    std::fs::remove_dir_all(&path).ok();
}

#[test]
fn a_second_incident_for_the_same_paste_is_asked_for_not_opened_silently() {
    let path = temp_dir("twice");
    let mut h = harness(&path);
    h.run();
    h.event(egui::Event::Paste(NOT_PUBLISHED.into()));
    h.step();
    h.state_mut()
        .wait_for_paste(std::time::Duration::from_secs(60));
    h.run();
    let open_count =
        |h: &Harness<'_, ExplorerApp>| h.state().session().incidents().book().incidents.len();
    h.get_by_label("Open incident from this paste").click();
    h.run();
    assert_eq!(open_count(&h), 1);

    h.get_by_label("Open incident from this paste").click();
    h.run();
    h.get_by_label("This paste already has an incident");
    assert_eq!(open_count(&h), 1, "nothing opened before the answer");
    h.get_by_label("Work the open one").click();
    h.run();
    assert_eq!(open_count(&h), 1, "the open one is worked");
    assert!(
        h.query_by_label("This paste already has an incident")
            .is_none()
    );

    h.get_by_label("Open incident from this paste").click();
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(
        h.query_by_label("This paste already has an incident")
            .is_none()
    );
    assert_eq!(open_count(&h), 1, "Esc cancels");

    h.get_by_label("Open incident from this paste").click();
    h.run();
    h.get_by_label("Start another").click();
    h.run();
    assert_eq!(open_count(&h), 2, "a second one when asked for");
    h.get_by_label("Incidents (2)");
    std::fs::remove_dir_all(&path).ok();
}

/// Opening an incident left the keyboard nowhere, its steps some 55 Tab presses away,
/// and Alt+I showed the tab without moving it. Now the first step not done takes it
/// (Space ticks it), and in sight, in a 900×600 window too; switching back with Alt+I
/// lands on the next one; with every step done, on "Copy as Markdown".
#[test]
fn an_incident_opened_or_switched_to_gives_the_keyboard_to_its_first_step_not_done() {
    use egui::{Key, Modifiers};
    let path = temp_dir("focus");
    let mut h = stored_window([900.0, 600.0], &path);
    h.run();
    h.event(egui::Event::Paste(NOT_PUBLISHED.into()));
    h.step();
    h.state_mut()
        .wait_for_paste(std::time::Duration::from_secs(60));
    h.run();
    h.get_by_label("Open incident from this paste")
        .click_accesskit();
    h.run();
    assert!(h.get_by_label(DOMAIN_STEP).is_focused(), "the first step");
    let pane_bottom = h.get_by_label("Paste a response").rect().top();
    let step = h.get_by_label(DOMAIN_STEP).rect();
    assert!(
        step.bottom() <= pane_bottom,
        "the focused step is in sight: {step:?}, the pane ends at {pane_bottom}"
    );
    h.key_press(Key::Space);
    h.run();
    h.get_by_label("Progress 1/5");
    let progress = |h: &Harness<'_, ExplorerApp>| {
        h.state().session().incidents().book().incidents[0].progress()
    };
    for done in 1..5 {
        h.key_press_modifiers(Modifiers::ALT, Key::E);
        h.run();
        h.key_press_modifiers(Modifiers::ALT, Key::I);
        h.run();
        h.run();
        if done == 1 {
            assert!(h.get_by_label(METHOD_STEP).is_focused(), "the next step");
        }
        h.key_press(Key::Space);
        h.run();
        assert_eq!(progress(&h), (done + 1, 5), "Space ticked the focused step");
    }
    h.key_press_modifiers(Modifiers::ALT, Key::E);
    h.run();
    h.key_press_modifiers(Modifiers::ALT, Key::I);
    h.run();
    assert!(
        h.get_by_label("Copy as Markdown").is_focused(),
        "every step done: the Markdown for the ticket"
    );
}
