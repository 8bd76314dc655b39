//! What a keyboard tester under a window manager still found after issue 27's earlier
//! rounds: a histogram bar's errors listed below the fold, Help's last lines out of the
//! keyboard's reach, no keyboard after a History entry was reopened, F1, an incident left
//! a third of a small window, a top line cut in half after a resize, filter labels
//! wrapped at 900 px.

use apig_explorer::{ExplorerApp, SavedState};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT as _, Queryable as _};

mod common;
use common::{NOT_PUBLISHED, pasted, stored_window, temp_dir, window};

/// Whether a text starting with `text` is drawn this frame, whole, inside what clips it
/// and inside the window (a line below a pane's fold is not drawn, or drawn cut).
fn shown_whole(h: &Harness<'_, ExplorerApp>, text: &str) -> bool {
    let screen = h.ctx.content_rect();
    h.output().shapes.iter().any(|c| match &c.shape {
        egui::Shape::Text(t) if t.galley.text().starts_with(text) => {
            let rect = t.visual_bounding_rect();
            c.clip_rect.expand(0.5).contains_rect(rect) && screen.expand(0.5).contains_rect(rect)
        }
        _ => false,
    })
}

/// A log of `minutes` minutes of throttled and timed-out calls, nine errors a minute
/// from 06:00: the triage view with its histogram.
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

/// Frames until the window settles: opening an incident at 640×420 moves the paste
/// panel, and the pane brings its focused step and top line into sight, in more frames
/// than the harness's default four.
fn settle(h: &mut Harness<'_, ExplorerApp>) {
    for _ in 0..4 {
        if h.run_ok().is_some() {
            return;
        }
    }
    panic!("the window keeps asking for frames");
}

/// The control with the keyboard, if any: its name as a screen reader reads it.
fn focused_name(h: &Harness<'_, ExplorerApp>) -> Option<String> {
    h.query_all(By::new().predicate(|n| n.is_focused()))
        .next()
        .map(|n| n.accesskit_node().label().unwrap_or_default())
}

/// The focused node's bounds, in points.
fn focused_rect(h: &Harness<'_, ExplorerApp>) -> egui::Rect {
    let node = h
        .query_all(By::new().predicate(|n| n.is_focused()))
        .next()
        .expect("a control has the keyboard");
    let b = node.accesskit_node().bounding_box().expect("bounds");
    egui::Rect::from_min_max(
        egui::pos2(b.x0 as f32, b.y0 as f32),
        egui::pos2(b.x1 as f32, b.y1 as f32),
    )
}

/// Whether the keyboard's outline is drawn this frame round the control with the
/// keyboard, whole: not cut by its pane's edge nor the window's (a control scrolled out
/// of sight has none drawn).
fn outline_whole(h: &Harness<'_, ExplorerApp>) -> bool {
    let ring = h.ctx.global_style().visuals.widgets.active.bg_stroke;
    let focused = focused_rect(h);
    let screen = h.ctx.content_rect();
    h.output().shapes.iter().any(|c| match &c.shape {
        egui::Shape::Rect(r) if r.stroke == ring && r.rect.contains_rect(focused) => {
            c.clip_rect.expand(0.5).contains_rect(r.rect) && screen.contains_rect(r.rect)
        }
        _ => false,
    })
}

/// The histogram reached by Tab from the search box (so its outline is drawn, as for a
/// keyboard user), and its name.
fn tab_to_chart(h: &mut Harness<'_, ExplorerApp>) -> String {
    let chart = h
        .query_all_by_label_contains("Errors per minute (UTC), bars 06:00 to ")
        .next()
        .expect("the histogram is a Tab stop")
        .accesskit_node()
        .label()
        .unwrap_or_default();
    for _ in 0..150 {
        if focused_name(h).as_deref() == Some(chart.as_str()) {
            return chart;
        }
        h.key_press(Key::Tab);
        settle(h);
    }
    panic!("Tab never reached the histogram");
}

/// Enter on a histogram bar lists its minute's errors under the chart. At 640×420 the
/// list was below the analysis pane's fold; scrolled into view, it left the chart, which
/// kept the keyboard, above the pane's top, its outline out of sight. Now the keyboard
/// goes to the list's first error where the chart and the list do not fit together, and
/// whatever has the keyboard is drawn whole with its outline; Shift+Tab goes back to the
/// chart, shown whole.
#[test]
fn at_640_by_420_a_bars_errors_listed_by_enter_are_in_view_with_the_keyboard() {
    for minutes in [6, 12, 30] {
        let mut h = window([640.0, 420.0], SavedState::default());
        pasted(&mut h, &log(minutes));
        let chart = tab_to_chart(&mut h);
        settle(&mut h);
        assert!(outline_whole(&h), "{minutes} minutes: the chart is whole");
        // The keyboard's bar moved one to the right, then listed.
        h.key_press(Key::ArrowRight);
        h.run();
        h.key_press(Key::Enter);
        settle(&mut h);
        assert!(
            shown_whole(&h, "From 06:01:00: 9 errors"),
            "{minutes} minutes: the list's heading is in view"
        );
        assert_eq!(
            focused_name(&h).as_deref(),
            Some("06:01:00 APIG.0308"),
            "{minutes} minutes: the list's first error has the keyboard"
        );
        assert!(outline_whole(&h), "{minutes} minutes: its outline is whole");
        // Back past Close to the chart: in sight again, on the listed bar.
        for _ in 0..2 {
            h.key_press_modifiers(egui::Modifiers::SHIFT, Key::Tab);
            h.run();
        }
        settle(&mut h);
        assert_eq!(focused_name(&h).as_deref(), Some(chart.as_str()));
        assert!(
            outline_whole(&h),
            "{minutes} minutes: the chart is whole again"
        );
        assert!(
            shown_whole(&h, "06:01 UTC: 9 errors"),
            "{minutes} minutes: the line under the chart says its bar"
        );
    }
}

/// Where the chart and the list fit in the pane together, Enter shows both and the chart
/// keeps the keyboard (Left and Right go on picking bars), its outline whole.
#[test]
fn in_a_tall_window_the_chart_keeps_the_keyboard_after_enter_and_shows_with_the_list() {
    for size in [[1280.0, 800.0], [1600.0, 1000.0]] {
        let mut h = window(size, SavedState::default());
        pasted(&mut h, &log(12));
        let chart = tab_to_chart(&mut h);
        h.key_press(Key::ArrowRight);
        h.run();
        h.key_press(Key::Enter);
        settle(&mut h);
        assert_eq!(
            focused_name(&h).as_deref(),
            Some(chart.as_str()),
            "{size:?}"
        );
        assert!(outline_whole(&h), "{size:?}: the chart is whole");
        assert!(
            shown_whole(
                &h,
                "06:01 UTC: 9 errors, 5 of them APIG.0308 429, listed below"
            ),
            "{size:?}: the line under the chart says the bar is listed"
        );
        assert!(shown_whole(&h, "From 06:01:00: 9 errors"), "{size:?}");
        assert!(shown_whole(&h, "06:01:00 APIG.0308"), "{size:?}");
    }
}

/// Help's list has no control to Tab to: at 640×420 its last lines could not be reached
/// by keyboard. With Help open, PageDown, Down and End scroll it to its end (and Home
/// back), and the table's row stays where it was.
#[test]
fn at_640_by_420_helps_last_line_is_reached_by_keyboard() {
    const LAST: &str = "Zoom in / out / reset";
    let mut h = window([640.0, 420.0], SavedState::default());
    h.run();
    let row = h.state().session().explorer().selected();
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label_contains("APIG Error Explorer ");
    assert!(!shown_whole(&h, LAST), "the list is taller than the window");
    let mut pages = 0;
    while !shown_whole(&h, LAST) && pages < 20 {
        h.key_press(Key::PageDown);
        h.run();
        pages += 1;
    }
    assert!(shown_whole(&h, LAST), "PageDown reaches the last line");
    h.key_press(Key::Home);
    h.run();
    assert!(!shown_whole(&h, LAST), "Home goes back to the top");
    h.key_press(Key::End);
    h.run();
    assert!(shown_whole(&h, LAST), "End reaches the last line");
    h.key_press(Key::Home);
    h.run();
    let mut downs = 0;
    while !shown_whole(&h, LAST) && downs < 60 {
        h.key_press(Key::ArrowDown);
        h.run();
        downs += 1;
    }
    assert!(shown_whole(&h, LAST), "Down reaches the last line");
    h.get_by_label_contains("APIG Error Explorer ");
    assert_eq!(
        h.state().session().explorer().selected(),
        row,
        "the keys scrolled Help, not the table behind it"
    );
}

/// F1 opens Help from wherever the keyboard is (the search box at start), types
/// nothing, and closes it again; Help lists it.
#[test]
fn f1_opens_and_closes_help() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    h.run();
    assert!(h.get_by_label("Search").is_focused());
    assert!(h.query_by_label_contains("APIG Error Explorer ").is_none());
    h.key_press(Key::F1);
    h.run();
    h.get_by_label_contains("APIG Error Explorer ");
    h.get_by_label("F1");
    assert_eq!(h.state().session().explorer().state.query, "");
    assert_eq!(
        focused_name(&h).as_deref(),
        Some("Help"),
        "the keyboard is on Help, outlined"
    );
    h.key_press(Key::F1);
    h.run();
    assert!(h.query_by_label_contains("APIG Error Explorer ").is_none());
    // Esc closes it too.
    h.key_press(Key::F1);
    h.run();
    h.get_by_label_contains("APIG Error Explorer ");
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label_contains("APIG Error Explorer ").is_none());
}

const THROTTLED: &str =
    "{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\"}";

/// Whether a rectangle is stroked in `color` round `rect` (within a few points).
fn ringed(h: &Harness<'_, ExplorerApp>, rect: egui::Rect, color: egui::Color32) -> bool {
    h.output().shapes.iter().any(|c| match &c.shape {
        egui::Shape::Rect(r) => {
            r.stroke.width >= 1.0
                && r.stroke.color == color
                && r.rect.expand(4.0).contains_rect(rect)
                && rect.expand(4.0).contains_rect(r.rect)
        }
        _ => false,
    })
}

/// After Enter on a History entry nothing had the keyboard (the chosen item went with the
/// menu): the reopened paste's text has it, outlined, its cursor at its start.
#[test]
fn a_history_entry_reopened_by_keyboard_gives_its_text_the_keyboard() {
    for theme in [egui::Theme::Dark, egui::Theme::Light] {
        let dir = temp_dir(&format!("kb-history-{theme:?}"));
        let mut h = stored_window([1280.0, 800.0], &dir);
        pasted(&mut h, NOT_PUBLISHED);
        h.ctx.set_theme(theme);
        pasted(&mut h, THROTTLED);
        h.get_by_label("History (2)").focus();
        h.run();
        h.key_press(Key::Enter);
        h.run();
        let mut tabs = 0;
        while !focused_name(&h).is_some_and(|n| n.contains("APIG.0101")) && tabs < 6 {
            h.key_press(Key::Tab);
            h.run();
            tabs += 1;
        }
        assert!(
            focused_name(&h).is_some_and(|n| n.contains("APIG.0101")),
            "Tab reaches the first paste's entry: {:?}",
            focused_name(&h)
        );
        // One frame to reopen it; its analysis runs on a task (as `pasted` waits for it).
        h.key_press(Key::Enter);
        h.step();
        h.state_mut()
            .wait_for_paste(std::time::Duration::from_secs(60));
        h.run();
        let text = &h.state().session().paste().text;
        assert!(
            text.contains("0101abcdef0101") && text.contains("[redacted]"),
            "the first paste reopened, as the history keeps it: {text}"
        );
        assert_eq!(
            focused_name(&h).as_deref(),
            Some("Pasted text"),
            "{theme:?}: the reopened text has the keyboard"
        );
        let text = h
            .query_all_by_label("Pasted text")
            .find(|n| n.is_focused())
            .expect("focused")
            .rect();
        let ring = h.ctx.global_style().visuals.selection.stroke.color;
        assert!(ringed(&h, text, ring), "{theme:?}: outlined");
        // Down moves its cursor (the table's row stays).
        let row = h.state().session().explorer().selected();
        h.key_press(Key::ArrowDown);
        h.run();
        assert_eq!(h.state().session().explorer().selected(), row);
        assert_eq!(focused_name(&h).as_deref(), Some("Pasted text"));
    }
}

/// The rect of the text starting with `text` drawn this frame.
fn text_rect(h: &Harness<'_, ExplorerApp>, text: &str) -> egui::Rect {
    h.output()
        .shapes
        .iter()
        .find_map(|c| match &c.shape {
            egui::Shape::Text(t) if t.galley.text().starts_with(text) => {
                Some(t.visual_bounding_rect())
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("{text:?} is drawn"))
}

/// Help's keys read as a column: the widest keys ("Ctrl+= / Ctrl+- / Ctrl+0") ran into
/// what they do ("Zoom in"), a few points apart; every line's words start a gutter
/// right of its keys.
#[test]
fn helps_widest_keys_stand_apart_from_what_they_do() {
    for size in [[640.0, 420.0], [1280.0, 800.0]] {
        let mut h = window(size, SavedState::default());
        h.run();
        h.key_press(Key::F1);
        h.run();
        // Its last line, at the end of the list.
        h.key_press(Key::End);
        h.run();
        let keys = text_rect(&h, "Ctrl+= / Ctrl+- / Ctrl+0");
        let what = text_rect(&h, "Zoom in / out / reset");
        let gap = what.left() - keys.right();
        assert!(
            gap >= 12.0,
            "{size:?}: {gap} points between the keys and their words"
        );
    }
}

/// The History menu opened by keyboard puts the keyboard in its Find box, whose Down
/// went nowhere (only Tab reached the entries): Down goes to the first entry found, and
/// Enter in the box reopens it.
#[test]
fn in_historys_find_box_down_goes_to_the_entries_and_enter_reopens_the_first() {
    for enter_in_find in [false, true] {
        let dir = temp_dir(&format!("kb-history-find-{enter_in_find}"));
        let mut h = stored_window([640.0, 420.0], &dir);
        pasted(&mut h, NOT_PUBLISHED);
        pasted(&mut h, THROTTLED);
        h.get_by_label("History (2)").focus();
        h.run();
        h.key_press(Key::Enter);
        h.run();
        h.get_by_label("Find").focus();
        h.run();
        h.get_by_label("Find").type_text("0101");
        settle(&mut h);
        if !enter_in_find {
            h.key_press(Key::ArrowDown);
            h.run();
            let entry = focused_name(&h).unwrap_or_default();
            assert!(
                entry.contains("APIG.0101"),
                "Down went to the entry found: {entry:?}"
            );
        }
        h.key_press(Key::Enter);
        h.step();
        h.state_mut()
            .wait_for_paste(std::time::Duration::from_secs(60));
        h.run();
        let text = &h.state().session().paste().text;
        assert!(
            text.contains("0101abcdef0101"),
            "enter in Find {enter_in_find}: the paste found reopened: {text}"
        );
    }
}

/// At 640×420 an incident opened from a paste had some 130 points (its name and one
/// step): the paste panel gives way while an incident is worked, and keeps its least
/// height.
#[test]
fn at_640_by_420_an_incident_gets_most_of_the_height() {
    let dir = temp_dir("kb-incident-room");
    let mut h = stored_window([640.0, 420.0], &dir);
    pasted(&mut h, NOT_PUBLISHED);
    h.get_by_label("Open incident from this paste").click();
    settle(&mut h);
    h.get_by_label("Note 1");
    let pane_top = h.get_by_label("Entry").rect().top();
    let paste_top = h.get_by_label("Paste a response").rect().top();
    let body = 420.0 - pane_top;
    let pane = paste_top - pane_top;
    assert!(
        pane >= 0.6 * body,
        "the incident's pane is {pane} of {body} points"
    );
    assert!(420.0 - paste_top >= 100.0, "the paste panel stays");
    // Back on the entry, the paste has its half again.
    h.key_press_modifiers(egui::Modifiers::ALT, Key::E);
    settle(&mut h);
    let paste_top = h.get_by_label("Paste a response").rect().top();
    assert!(
        420.0 - paste_top >= 0.45 * body,
        "the paste panel is {} of {body} points again",
        420.0 - paste_top
    );
}

/// Texts of the detail pane (right of `left`) cut by the top edge of what clips them.
fn cut_at_top(h: &Harness<'_, ExplorerApp>, left: f32) -> Vec<String> {
    h.output()
        .shapes
        .iter()
        .filter_map(|c| match &c.shape {
            egui::Shape::Text(t) if c.clip_rect.left() >= left - 1.0 => {
                let rect = t.visual_bounding_rect();
                let top = c.clip_rect.top();
                (rect.top() < top - 1.0 && rect.bottom() > top + 1.0)
                    .then(|| format!("{} {rect:?} in {:?}", t.galley.text(), c.clip_rect))
            }
            _ => None,
        })
        .collect()
}

/// An incident worked at 640×420, its steps scrolled, kept its offset when the window
/// grew and showed its top line cut in half: after a resize, the pane's top line is whole.
#[test]
fn after_a_resize_the_incident_panes_top_line_is_whole() {
    let mut cut = Vec::new();
    for (note, size) in [
        ("Note 3", [900.0, 600.0]),
        ("Note 4", [1000.0, 700.0]),
        ("Note 5", [1280.0, 800.0]),
        ("Note 2", [800.0, 520.0]),
    ] {
        let dir = temp_dir(&format!("kb-resize-{}", note.replace(' ', "")));
        let mut h = stored_window([640.0, 420.0], &dir);
        pasted(&mut h, NOT_PUBLISHED);
        h.get_by_label("Open incident from this paste").click();
        settle(&mut h);
        h.get_by_label(note).focus();
        settle(&mut h);
        h.set_size(egui::vec2(size[0], size[1]));
        settle(&mut h);
        let left = h.get_by_label("Entry").rect().left() - 8.0;
        let found = cut_at_top(&h, left);
        if !found.is_empty() {
            cut.push(format!("{note} at {size:?}: {found:?}"));
        }
        let focused = h
            .query_all_by_label(note)
            .find(|n| n.is_focused())
            .map(|n| n.rect());
        let screen = h.ctx.content_rect();
        assert!(
            focused.is_some_and(|r| screen.contains_rect(r)),
            "{note} keeps the keyboard, in sight: {focused:?}"
        );
    }
    assert!(cut.is_empty(), "cut at the pane's top: {cut:?}");
}

/// Filter labels long enough to wrap.
const LONG_FILTERS: [&str; 5] = [
    "494 Request Header Too Large",
    "Authorization & access control",
    "Conflict / resource state",
    "Third-party authorizer",
    "API not found / routing",
];

/// How the label `text` is drawn: on how many lines, and whether cut with "…".
fn drawn_lines(h: &Harness<'_, ExplorerApp>, text: &str) -> Option<(usize, bool)> {
    h.output().shapes.iter().find_map(|c| match &c.shape {
        egui::Shape::Text(t) if t.galley.text() == text => {
            Some((t.galley.rows.len(), t.galley.elided))
        }
        _ => None,
    })
}

/// At 900×600 the filter labels wrapped to two or three lines beside the table. At 900,
/// 1000 and 1280 px each is on one line, whole (beside the table, or over the window from
/// the Filters button where a third of the window is too narrow for them), and the
/// table keeps its message column.
#[test]
fn filter_labels_are_on_one_line_each_at_900_px_and_wider() {
    const MESSAGE: &str = "The API does not exist or has not been published in the environment.";
    for size in [[900.0, 600.0], [1000.0, 700.0], [1280.0, 800.0]] {
        let mut h = window(size, SavedState::default());
        h.run();
        h.run();
        let detail = h.get_by_label("Entry").rect().left();
        let message = h
            .query_all_by_label(MESSAGE)
            .map(|n| n.rect())
            .find(|r| r.left() < detail)
            .expect("the row is in the table");
        assert!(
            message.width() >= 150.0,
            "{size:?}: the message column is {} points wide",
            message.width()
        );
        if h.query_by_label("Filters").is_some() {
            h.get_by_label("Filters").click();
            h.run();
        }
        for label in LONG_FILTERS {
            let node = h
                .query_all_by_label_contains(label)
                .find(|n| n.rect().left() < detail)
                .unwrap_or_else(|| panic!("{size:?}: {label} is among the filters"));
            node.scroll_to_me();
            h.run();
            assert_eq!(
                drawn_lines(&h, label),
                Some((1, false)),
                "{size:?}: {label} on one line, whole"
            );
        }
    }
}
