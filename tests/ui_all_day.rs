//! The window kept open all day: the clipboard offer and companion mode.

use std::cell::RefCell;
use std::rc::Rc;

use apig_explorer::{ClipboardReader, ExplorerApp};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;
use common::{stored_app, temp_dir};

const THROTTLED: &str = "< HTTP/1.1 429 Too Many Requests\n< X-Request-Id: 6f1c2a\n<\n{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached: policy user over ratelimit,limit:5,time:1 minute\"}";
const NOT_FOUND: &str = "{\"error_code\":\"APIG.0101\",\"error_msg\":\"The API does not exist or has not been published in the environment.\"}";

/// A clipboard the test fills, and the window over the store in `dir` reading it.
fn window(dir: &std::path::Path) -> (Harness<'static, ExplorerApp>, Rc<RefCell<String>>) {
    let clipboard = Rc::new(RefCell::new(String::new()));
    let reads = Rc::clone(&clipboard);
    let dir = dir.to_path_buf();
    let h = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |_cc| {
            let reads = Rc::clone(&reads);
            stored_app(&dir).with_clipboard(ClipboardReader::from_fn(move || {
                Some(reads.borrow().clone())
            }))
        });
    (h, clipboard)
}

fn focus(h: &mut Harness<'_, ExplorerApp>) {
    h.event(egui::Event::WindowFocused(false));
    h.run();
    h.event(egui::Event::WindowFocused(true));
    h.run();
}

fn offered(h: &Harness<'_, ExplorerApp>) -> bool {
    h.query_by_label_contains("Analyze clipboard — ").is_some()
}

fn history_len(h: &Harness<'_, ExplorerApp>) -> usize {
    h.state().session().history().entries.len()
}

#[test]
fn the_clipboard_is_offered_on_focus_and_analyzed_only_when_asked() {
    let dir = temp_dir("clipboard");
    let (mut h, clipboard) = window(&dir);
    h.run();
    assert!(!offered(&h));

    *clipboard.borrow_mut() = "lunch at noon?".into();
    focus(&mut h);
    assert!(
        !offered(&h),
        "text that is not an APIG error is not offered"
    );

    *clipboard.borrow_mut() = THROTTLED.into();
    focus(&mut h);
    h.get_by_label_contains("Analyze clipboard — APIG.0308 429 The throttling threshold");
    assert_eq!(
        history_len(&h),
        0,
        "nothing analyzed or stored before the click"
    );
    assert!(h.state().session().paste().text.is_empty());

    h.get_by_label_contains("Analyze clipboard — ").click();
    settle_paste(&mut h);
    assert_eq!(history_len(&h), 1, "analyzed and kept after the click");
    assert!(h.state().session().paste().text.contains("APIG.0308"));
    assert!(!offered(&h), "the offer is gone once taken");

    focus(&mut h);
    assert!(!offered(&h), "the same clipboard is not offered twice");

    *clipboard.borrow_mut() = NOT_FOUND.into();
    focus(&mut h);
    assert!(offered(&h));
    h.key_press(egui::Key::Enter);
    settle_paste(&mut h);
    assert_eq!(history_len(&h), 2, "Enter takes the offer");
    assert!(h.state().session().paste().text.contains("APIG.0101"));

    *clipboard.borrow_mut() = THROTTLED.replace("6f1c2a", "77aa01");
    focus(&mut h);
    h.get_by_label("Not now").click();
    h.run();
    assert!(!offered(&h));
    assert_eq!(history_len(&h), 2, "dismissed, not analyzed");
    std::fs::remove_dir_all(&dir).ok();
}

/// Run the frame that takes the offer, wait for the paste's analysis (it runs on a task),
/// then let the window settle.
fn settle_paste(h: &mut Harness<'_, ExplorerApp>) {
    h.step();
    h.state_mut()
        .wait_for_paste(std::time::Duration::from_secs(60));
    h.run();
}

/// What the last frame put on the clipboard.
fn copied(h: &Harness<'_, ExplorerApp>) -> Option<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
}

#[test]
fn the_app_s_own_triage_is_not_offered_back_and_a_paste_drops_the_offer() {
    let dir = temp_dir("clipboard-own");
    let (mut h, clipboard) = window(&dir);
    h.run();
    let log = format!("{THROTTLED}\n\n{NOT_FOUND}\n");
    h.event(egui::Event::Paste(log));
    h.step();
    h.state_mut()
        .wait_for_paste(std::time::Duration::from_secs(60));
    h.run();
    h.get_by_label("Copy triage as Markdown").click();
    h.step();
    let markdown = copied(&h).expect("the triage is copied");
    assert!(markdown.contains("APIG.0308"), "{markdown}");
    h.run();
    *clipboard.borrow_mut() = markdown;
    focus(&mut h);
    assert!(!offered(&h), "the app's own Markdown is not offered back");

    *clipboard.borrow_mut() = NOT_FOUND.replace("exist", "exist ");
    focus(&mut h);
    assert!(offered(&h), "an error copied elsewhere is offered");
    h.event(egui::Event::Paste(THROTTLED.to_string()));
    h.step();
    h.state_mut()
        .wait_for_paste(std::time::Duration::from_secs(60));
    h.run();
    assert!(!offered(&h), "pasting something else drops the offer");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_view_setting_turns_the_offer_off_and_is_remembered() {
    let dir = temp_dir("clipboard-off");
    let (mut h, clipboard) = window(&dir);
    h.run();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Offer to analyze the clipboard").click();
    h.run();
    *clipboard.borrow_mut() = THROTTLED.into();
    focus(&mut h);
    assert!(!offered(&h), "turned off");
    drop(h);

    let (mut again, clipboard) = window(&dir);
    again.run();
    assert!(
        !again
            .state()
            .session()
            .settings()
            .preferences()
            .offer_clipboard
    );
    *clipboard.borrow_mut() = NOT_FOUND.into();
    focus(&mut again);
    assert!(!offered(&again), "still off after a restart");
    std::fs::remove_dir_all(&dir).ok();
}

/// The commands the last frame gave the window (size, level).
fn window_commands(h: &Harness<'_, ExplorerApp>) -> Vec<egui::ViewportCommand> {
    h.output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .map(|v| v.commands.clone())
        .unwrap_or_default()
}

#[test]
fn companion_mode_is_a_small_window_on_top_with_the_best_row_and_its_checklist() {
    let dir = temp_dir("companion");
    let (mut h, _clipboard) = window(&dir);
    h.run();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Companion mode").click();
    h.step();
    h.step();
    let commands = window_commands(&h);
    assert!(
        commands.contains(&egui::ViewportCommand::WindowLevel(
            egui::WindowLevel::AlwaysOnTop
        )),
        "{commands:?}"
    );
    h.run();
    assert!(h.query_by_label("Full window").is_some());
    assert!(
        h.query_by_label("Status").is_none(),
        "no table headers or facets in the companion"
    );

    h.get_by_label("Search").focus();
    h.run();
    h.get_by_label("Search").type_text("throtling");
    h.run();
    h.get_by_label_contains("APIG.0308 429");
    h.get_by_label_contains("Checklist (");
    h.get_by_label("Start incident").click();
    h.run();
    let id = h
        .state()
        .session()
        .incidents()
        .active()
        .expect("started")
        .id;
    h.get_by_label_contains(": APIG.0308 429  ·  0/");
    let first_step = h.state().session().incidents().active().unwrap().steps[0]
        .step
        .text
        .clone();
    h.get_by_label(&first_step).click();
    h.run();
    let incident = h
        .state()
        .session()
        .incidents()
        .book()
        .get(id)
        .unwrap()
        .clone();
    assert_eq!(
        incident.progress().0,
        1,
        "the step was ticked in the companion"
    );
    drop(h);

    let (mut again, _clipboard) = window(&dir);
    again.run();
    assert!(
        again.state().session().settings().preferences().companion,
        "remembered"
    );
    assert!(again.query_by_label("Full window").is_some());
    again.get_by_label("Full window").click();
    again.step();
    again.step();
    assert!(
        window_commands(&again).contains(&egui::ViewportCommand::WindowLevel(
            egui::WindowLevel::Normal
        ))
    );
    again.run();
    assert!(
        again.query_by_label("Full window").is_none(),
        "the full window is back"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn in_the_companion_an_incident_for_the_pasted_error_carries_the_paste() {
    let dir = temp_dir("companion-paste");
    let (mut h, _clipboard) = window(&dir);
    h.run();
    let id = "5e1d0c2b9a8f47d6b3c2a1908f7e6d5c";
    h.event(egui::Event::Paste(THROTTLED.replace("6f1c2a", id)));
    h.step();
    h.state_mut()
        .wait_for_paste(std::time::Duration::from_secs(60));
    h.run();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Companion mode").click();
    h.run();
    h.get_by_label_contains("APIG.0308 429");
    h.get_by_label("Start incident").click();
    h.run();
    let session = h.state().session();
    let incident = session.incidents().active().expect("started");
    let request_id = incident
        .paste
        .as_ref()
        .and_then(|p| p.request_id.as_deref());
    assert!(
        incident.paste.is_some(),
        "the paste came along: {incident:?}"
    );
    assert_eq!(request_id, Some(id), "the paste's facts came along");
    std::fs::remove_dir_all(&dir).ok();
}
