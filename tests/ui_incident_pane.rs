//! The incident pane by keyboard and at small sizes: the focused control in sight, the
//! arrows kept in the pane, the header (name and actions) pinned over the steps where
//! the pane is tall enough and scrolled with them where it is not.

use apig_explorer::ExplorerApp;
use egui_kittest::Harness;

mod common;
use common::{METHOD_STEP, NOT_PUBLISHED, copied, stored_window, temp_dir};
use egui_kittest::kittest::{NodeT as _, Queryable as _};

/// The rect of the control that has the keyboard, as last drawn.
fn focused_rect(h: &Harness<'_, ExplorerApp>) -> egui::Rect {
    let id = h
        .ctx
        .memory(|m| m.focused())
        .expect("a control has the keyboard");
    h.ctx.read_response(id).expect("it was drawn").rect
}

/// Where the incident pane's scrolled part shows: below the header (its actions) when it
/// is `pinned`, else below the tabs, and above the paste panel.
fn scrolled_part(h: &Harness<'_, ExplorerApp>, pinned: bool) -> egui::Rangef {
    let top = if pinned {
        h.get_by_label("Close incident").rect().bottom()
    } else {
        h.get_by_label("Incidents (1)").rect().bottom()
    };
    let paste = h.get_by_label("Paste a response").rect().top();
    egui::Rangef::new(top, paste)
}

/// An incident with a paste, opened in a `size` window; the first step has the keyboard.
fn opened_from_paste(size: [f32; 2], path: &std::path::Path) -> Harness<'static, ExplorerApp> {
    let mut h = stored_window(size, path);
    common::pasted(&mut h, NOT_PUBLISHED);
    h.get_by_label("Open incident from this paste")
        .click_accesskit();
    h.run();
    h
}

/// A keyboard tester's walk: Alt+I back to the incident put the keyboard on a step half
/// hidden at the pane's foot; Down moved it to controls out of sight, and a further Down
/// moved the table's row, which put the entry in the pane instead. Now the focused
/// control is whole in sight after each key, and Up/Down stay in the pane.
#[test]
fn up_and_down_walk_the_incident_in_sight_and_never_move_the_table() {
    use egui::{Key, Modifiers};
    for (size, pinned) in [
        ([1280.0, 800.0], true),
        ([900.0, 600.0], false),
        ([640.0, 420.0], false),
    ] {
        let path = temp_dir("walk");
        let mut h = opened_from_paste(size, &path);
        h.key_press(Key::Space);
        h.run();
        h.key_press_modifiers(Modifiers::ALT, Key::E);
        h.run();
        let row = h.state().session().explorer().selected();
        h.key_press_modifiers(Modifiers::ALT, Key::I);
        h.run();
        assert!(
            h.get_by_label(METHOD_STEP).is_focused(),
            "{size:?}: the next step"
        );
        let in_sight = |h: &Harness<'_, ExplorerApp>, what: &str| {
            let (shown, mut focused) = (scrolled_part(h, pinned), focused_rect(h));
            if h.ctx.text_edit_focused() {
                // In a note the arrows move its cursor, and egui brings the cursor's line
                // into sight, not the field's frame around it.
                focused = focused.shrink2(egui::vec2(0.0, 4.0));
            }
            assert!(
                shown.contains(focused.top()) && shown.contains(focused.bottom()),
                "{size:?}, {what}: the focused control {focused:?} is whole in sight, in {shown:?}"
            );
        };
        in_sight(&h, "after Alt+I");
        for (key, times) in [(Key::ArrowDown, 12), (Key::ArrowUp, 6)] {
            for n in 0..times {
                h.key_press(key);
                h.run();
                in_sight(&h, &format!("after {key:?} {}", n + 1));
                assert_eq!(
                    h.state().session().explorer().selected(),
                    row,
                    "{size:?}: {key:?} moved the table's row"
                );
                assert_eq!(
                    h.query_all_by_label_contains("Progress 1/").count(),
                    1,
                    "{size:?}: the pane still shows the incident"
                );
            }
        }
    }
}

/// The incident's name and actions stay above its scrolled steps: with the last step
/// focused (the pane scrolled down to it) "Copy as Markdown" still shows whole and copies
/// at a click, where a code comment said they never scroll away and they did.
#[test]
fn the_incidents_name_and_actions_stay_in_sight_over_its_scrolled_steps() {
    use egui::Key;
    let path = temp_dir("pinned");
    let mut h = opened_from_paste([1280.0, 800.0], &path);
    for _ in 0..12 {
        h.key_press(Key::Tab);
        h.run();
    }
    let steps = h.state().session().incidents().book().incidents[0]
        .steps
        .len();
    let tabs = h.get_by_label("Incidents (1)").rect().bottom();
    let focused = focused_rect(&h);
    assert!(
        focused.top() > h.get_by_label("Close incident").rect().bottom(),
        "the pane scrolled down to a later control, {focused:?} ({steps} steps)"
    );
    for pinned in [
        "Incident: APIG.0101 404",
        "Copy as Markdown",
        "Close incident",
    ] {
        let rect = h.get_by_label(pinned).rect();
        assert!(
            rect.top() >= tabs && rect.bottom() <= scrolled_part(&h, true).min,
            "{pinned} in sight under the tabs: {rect:?}"
        );
    }
    h.get_by_label("Copy as Markdown").click();
    h.step();
    let md = copied(&h).pop().expect("copied without scrolling up first");
    assert!(md.contains("## Incident: APIG.0101 404"), "{md}");
}

/// Two incidents for the same paste have the same name and row: the list and the
/// header say which is which.
#[test]
fn two_incidents_of_one_name_are_told_apart_in_the_list_and_the_header() {
    let path = temp_dir("twins");
    let mut h = opened_from_paste([1400.0, 1000.0], &path);
    h.get_by_label("Open incident from this paste").click();
    h.run();
    h.get_by_label("Start another").click();
    h.run();
    let told = h.query_all_by_label_contains("Incident: APIG.0101 404 (");
    let (headers, listed): (Vec<_>, Vec<_>) = told
        .map(|n| {
            let node = n.accesskit_node();
            let text = node.value().or_else(|| node.label()).unwrap_or_default();
            (node.role() == egui::accesskit::Role::Label, text)
        })
        .partition(|(label, _)| *label);
    let listed: Vec<String> = listed.into_iter().map(|(_, text)| text).collect();
    assert_eq!(listed.len(), 2, "each listed says which it is: {listed:?}");
    assert_ne!(listed[0], listed[1]);
    assert_eq!(headers.len(), 1, "and so does the header");
    let header = &headers[0].1;
    assert_eq!(
        listed
            .iter()
            .filter(|l| l.starts_with(header.as_str()))
            .count(),
        1,
        "the header names the one worked: {header} in {listed:?}"
    );
}

/// At 640×420 the header pinned over the steps (the name and four buttons, wrapped in the
/// narrow pane) left 80 points for them, not one step whole. There it scrolls with them,
/// and Tab and Shift+Tab reach every control of the incident, the header's buttons too,
/// each whole in sight when it has the keyboard.
#[test]
fn at_640_by_420_the_header_scrolls_with_the_steps_and_every_control_is_reached_in_sight() {
    use egui::{Key, Modifiers};
    let path = temp_dir("small");
    let mut h = opened_from_paste([640.0, 420.0], &path);
    let shown = scrolled_part(&h, false);
    let whole = |r: egui::Rect| shown.contains(r.top()) && shown.contains(r.bottom());
    // The control with the keyboard, as the last frame drew it (`focused_rect` reads the
    // frame before).
    let focused = |h: &Harness<'_, ExplorerApp>| {
        let node = h.get_by(|n| n.is_focused());
        let label = node.accesskit_node().label().unwrap_or_default();
        (node.rect(), label)
    };
    let (first, _) = focused(&h);
    assert!(
        whole(first),
        "the first step is in sight: {first:?} in {shown:?}"
    );
    let mut reached = Vec::new();
    for (modifiers, times) in [(Modifiers::NONE, 10), (Modifiers::SHIFT, 20)] {
        if modifiers.shift {
            // Ten controls on, the header has scrolled away: it takes no room from them.
            let close = h.get_by_label("Close incident").rect();
            assert!(
                !whole(close),
                "the header scrolls with the steps: {close:?}"
            );
        }
        for _ in 0..times {
            h.key_press_modifiers(modifiers, Key::Tab);
            h.run();
            let (rect, label) = focused(&h);
            // Only the incident pane's controls: right of the table, under its tabs, above
            // the paste panel.
            if rect.left() < h.get_by_label("Entry").rect().left() - 8.0
                || rect.bottom() <= shown.min
                || rect.top() >= shown.max
            {
                continue;
            }
            assert!(
                whole(rect),
                "{label:?} is whole in sight: {rect:?} in {shown:?}"
            );
            reached.push(label);
        }
    }
    for control in [
        "Copy as Markdown",
        "Save as team note…",
        "Reset",
        "Close incident",
    ] {
        assert!(
            reached.iter().any(|r| r == control),
            "{control} is reached by Tab: {reached:?}"
        );
    }
    h.get_by_label("Copy as Markdown").click();
    h.step();
    assert!(
        copied(&h)
            .pop()
            .is_some_and(|md| md.contains("## Incident: APIG.0101"))
    );
}

/// The header moves between pinned and scrolled as the window is resized: the step with
/// the keyboard keeps it (egui's ids count the widgets drawn before a control, and the
/// header's moved them), and is brought back into sight.
#[test]
fn a_step_keeps_the_keyboard_when_the_header_moves_in_or_out_of_the_scroll() {
    let path = temp_dir("resized");
    let mut h = opened_from_paste([1280.0, 800.0], &path);
    let first = "The domain used in the call is bound to the API's group (or is the group's debugging domain).";
    assert!(h.get_by_label(first).is_focused());
    for (size, pinned) in [([640.0, 420.0], false), ([1280.0, 800.0], true)] {
        h.set_size(egui::vec2(size[0], size[1]));
        h.run();
        assert!(
            h.get_by_label(first).is_focused(),
            "{size:?}: the step kept the keyboard"
        );
        let shown = scrolled_part(&h, pinned);
        let step = h.get_by_label(first).rect();
        assert!(
            shown.contains(step.top()) && shown.contains(step.bottom()),
            "{size:?}: the step {step:?} is in sight in {shown:?}"
        );
    }
}

/// A tester with a later step focused shrank the window from 1280×800 to 900×600 (the
/// header goes from pinned to scrolled, and the steps wrap longer): the step kept the
/// keyboard but ended scrolled past, out of sight. Whatever the resize, and whichever
/// step has the keyboard, it is whole in sight after it.
#[test]
fn the_focused_step_stays_in_sight_through_every_resize() {
    use egui::Key;
    let sizes = [
        ([1280.0, 800.0], true),
        ([900.0, 600.0], false),
        ([1600.0, 1000.0], true),
        ([640.0, 420.0], false),
        ([900.0, 600.0], false),
        ([1280.0, 800.0], true),
    ];
    for tabs in [0, 3, 9] {
        let path = temp_dir(&format!("resize-{tabs}"));
        let mut h = opened_from_paste([1280.0, 800.0], &path);
        for _ in 0..tabs {
            h.key_press(Key::Tab);
            h.run();
        }
        let id = h
            .ctx
            .memory(|m| m.focused())
            .expect("a step has the keyboard");
        for (size, pinned) in sizes {
            h.set_size(egui::vec2(size[0], size[1]));
            h.run();
            assert_eq!(
                h.ctx.memory(|m| m.focused()),
                Some(id),
                "{tabs} Tabs, {size:?}: the control kept the keyboard"
            );
            let shown = scrolled_part(&h, pinned);
            let focused = focused_rect(&h);
            assert!(
                shown.contains(focused.top()) && shown.contains(focused.bottom()),
                "{tabs} Tabs, {size:?}: the focused control {focused:?} is whole in sight in {shown:?}"
            );
        }
    }
}
