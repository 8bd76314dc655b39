//! The window at any size, the triage view and companion mode, as a user meets them.

use apig_explorer::ExplorerApp;
use apig_explorer::SavedState;
use egui::Key;
use egui_kittest::Harness;

mod common;
use common::{pasted, window};
use egui_kittest::kittest::{NodeT as _, Queryable as _};

fn selected_code(h: &Harness<'_, ExplorerApp>) -> String {
    let s = h.state().session();
    let row = s.explorer().selected().expect("a row is selected");
    s.catalog().entries[row].code().to_string()
}

#[test]
fn panels_return_to_their_sizes_after_a_small_window_and_controls_stay_reachable() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    h.run();
    // Where the filters end (the table begins), the detail pane begins, the paste panel.
    let edges = |h: &Harness<'_, ExplorerApp>| {
        (
            h.get_by_label("Code").rect().min.x,
            h.get_by_label("Entry").rect().min.x,
            h.get_by_label("Paste a response").rect().min.y,
        )
    };
    let before = edges(&h);
    h.set_size(egui::vec2(640.0, 420.0));
    h.run();
    let small = edges(&h);
    assert!(small.0 < before.0, "the filters gave way at 640 px");
    h.get_by_label("Search")
        .type_text("throttling policy limit");
    h.run();
    let clear = h.get_by_label("Clear").rect();
    assert!(
        clear.max.x <= 640.0 && clear.max.y <= 420.0,
        "Clear is on screen at 640x420: {clear:?}"
    );
    h.set_size(egui::vec2(1280.0, 800.0));
    h.run();
    let after = edges(&h);
    assert!(
        (after.0 - before.0).abs() < 2.0,
        "filters {before:?} -> {after:?}"
    );
    assert!(
        (after.1 - before.1).abs() < 2.0,
        "detail {before:?} -> {after:?}"
    );
    assert!(
        (after.2 - before.2).abs() < 2.0,
        "paste {before:?} -> {after:?}"
    );
}

/// One backend timeout first, then a throttling burst: the larger group is the one the
/// triage opens on, and the range ends at the last error, not at its minute's end.
fn burst_log() -> String {
    let mut log = String::from(
        "2026-11-27T06:38:00Z ERROR {\"error_code\":\"APIG.0203\",\"error_msg\":\"Backend timeout.\",\"request_id\":\"slow000000000001\"} status=504\n",
    );
    for i in 0..5 {
        log.push_str(&format!("2026-11-27T06:39:{:02}Z ERROR {{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\",\"request_id\":\"req{i:013}\"}} status=429\n", i * 7));
    }
    log
}

#[test]
fn a_triage_opens_on_its_largest_group_and_a_chip_finds_its_line() {
    let mut h = window([1400.0, 1000.0], SavedState::default());
    pasted(&mut h, &burst_log());
    h.get_by_label(
        "6 errors in 2 groups, 2026-11-27 06:38:00 to 2026-11-27 06:39:28 UTC (1 min 28 s)",
    );
    assert_eq!(selected_code(&h), "APIG.0308", "the largest group's row");
    let shown = h.state().session().paste().shown;
    assert_eq!(
        shown, 1,
        "the largest group's first error, not the paste's first"
    );
    // The group's third error, 06:39:14, is on line 4 of the paste.
    h.get_by_label("Its errors:").scroll_to_me();
    h.run();
    h.get_by_label("06:39:14").scroll_to_me();
    h.run();
    h.get_by_label("06:39:14").click_accesskit();
    h.run();
    assert_eq!(
        h.state().session().paste().shown,
        3,
        "the chip's error is shown"
    );
    h.get_by_label_contains("of the paste");
    h.get_by_label("Line 4 of the paste");
}

#[test]
fn companion_mode_says_which_row_it_shows_and_keeps_its_count_in_view() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    h.run();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Companion mode").click();
    h.run();
    // The size companion mode asks the window manager for.
    h.set_size(egui::vec2(440.0, 620.0));
    h.run();
    h.get_by_label("Search").focus();
    h.run();
    h.get_by_label("Search")
        .type_text("throttling policy limit");
    h.run();
    h.get_by_label_contains("Best of ");
    h.key_press(Key::ArrowDown);
    h.run();
    h.get_by_label_contains("Row 2 of ");
    let count = h.get_by_label_contains(" match every word").rect();
    assert!(
        count.max.x <= 440.0,
        "the count is not cut at 440 px: {count:?}"
    );
}

/// The table's cell of `code` (not the detail pane's copy), if the table shows it.
fn table_row(h: &Harness<'_, ExplorerApp>, code: &str) -> Option<egui::Rect> {
    let detail = h.get_by_label("Entry").rect().left();
    h.query_all_by_label(code)
        .map(|n| n.rect())
        .find(|r| r.left() < detail)
}

/// The selected row was left below the fold when the window shrank: it stays in sight,
/// above the paste panel, at each size.
#[test]
fn the_selected_row_stays_in_sight_when_the_window_is_resized() {
    let mut h = window([1600.0, 1000.0], SavedState::default());
    h.run();
    // The last row of the first page: at the foot of a tall table.
    h.key_press(Key::PageDown);
    h.run();
    let code = selected_code(&h);
    assert!(table_row(&h, &code).is_some(), "PageDown shows the row");
    for size in [[900.0, 600.0], [640.0, 420.0], [1280.0, 800.0]] {
        h.set_size(egui::vec2(size[0], size[1]));
        h.run();
        let row = table_row(&h, &code)
            .unwrap_or_else(|| panic!("at {size:?} the selected row is out of the table's view"));
        let paste = h.get_by_label("Paste a response").rect().top();
        assert!(
            row.bottom() <= paste + 1.0,
            "at {size:?} the row ({row:?}) is under the paste panel ({paste})"
        );
    }
}

/// egui's memory keeps the scroll offsets of the last run: the filters and the analysis
/// opened scrolled to their middle. After a restart they start at their top.
#[test]
fn the_filters_and_the_analysis_open_at_their_top_after_a_restart() {
    let dir = common::temp_dir("window-restart-top");
    let mut h = common::stored_window([900.0, 600.0], &dir);
    pasted(&mut h, &burst_log());
    // The mouse wheel over the filters, then over the analysis.
    let filters = h.get_by_label("Filters").rect().center_bottom() + egui::vec2(0.0, 40.0);
    let analysis = h.get_by_label_contains("Read as:").rect().center();
    for at in [filters, analysis] {
        h.event(egui::Event::PointerMoved(at));
        for _ in 0..5 {
            h.event(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, -200.0),
                modifiers: egui::Modifiers::NONE,
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Wheel,
            });
            // The wheel scrolls smoothly, over several frames.
            h.run_steps(10);
        }
    }
    let filters_top = |h: &Harness<'_, ExplorerApp>| h.get_by_label("Filters").rect().top();
    let read_as_top =
        |h: &Harness<'_, ExplorerApp>| h.get_by_label_contains("Read as:").rect().top();
    let search = h.get_by_label("Search").rect().bottom();
    let paste = h.get_by_label("Paste a response").rect().bottom();
    assert!(filters_top(&h) < search, "the filters were scrolled down");
    assert!(read_as_top(&h) < paste, "the analysis was scrolled down");
    // What eframe writes at exit and gives the next window: the persisted part of egui's
    // widget data, where the scroll offsets are (serialized: only what persists).
    let memory = h.ctx.memory(|m| serde_json::to_string(&m.data)).unwrap();
    drop(h);
    let mut again = egui_kittest::Harness::builder()
        .with_size([900.0, 600.0])
        .with_context_setup(move |ctx| {
            let data: egui::util::IdTypeMap = serde_json::from_str(&memory).unwrap();
            ctx.memory_mut(|m| m.data = data);
        })
        .build_eframe({
            let dir = dir.to_path_buf();
            move |_cc| common::stored_app(&dir)
        });
    again.run();
    again
        .state_mut()
        .wait_for_paste(std::time::Duration::from_secs(60));
    again.run();
    again.run();
    let search = again.get_by_label("Search").rect().bottom();
    let paste = again.get_by_label("Paste a response").rect().bottom();
    assert!(
        filters_top(&again) > search,
        "the filters open at their top"
    );
    assert!(read_as_top(&again) > paste, "the analysis opens at its top");
}

/// Help says Esc closes a dialog: the Catalogs and Team folder windows stayed open under
/// Esc (only the search behind them was spared). Each Esc closes one, and the search keeps
/// its text.
#[test]
fn esc_closes_the_catalogs_and_team_folder_windows_and_leaves_the_search() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    h.run();
    h.get_by_label("Search").type_text("throttled");
    h.run();
    for (item, button) in [("Catalogs...", "Load"), ("Team folder...", "Use")] {
        h.get_by_label("File").click();
        h.run();
        h.get_by_label(item).click();
        h.run();
        let shown = |h: &Harness<'_, ExplorerApp>| h.query_by_label(button).is_some();
        assert!(shown(&h), "{item} opened");
        h.key_press(Key::Escape);
        h.run();
        assert!(!shown(&h), "Esc closed {item}");
        assert_eq!(
            h.state().session().explorer().state.query,
            "throttled",
            "Esc with {item} open left the search alone"
        );
    }
}

/// The control with the keyboard: its name as a screen reader reads it.
fn focused_name(h: &Harness<'_, ExplorerApp>) -> String {
    h.get_by(|n| n.is_focused())
        .accesskit_node()
        .label()
        .unwrap_or_default()
}

/// The outline drawn round the histogram bar the keyboard is on: a 2-point stroke
/// narrower than half the chart (the focus ring round the whole chart is as wide as it).
fn outlined_bar(h: &Harness<'_, ExplorerApp>, chart: egui::Rect) -> Option<egui::Rect> {
    h.output().shapes.iter().find_map(|c| match &c.shape {
        egui::Shape::Rect(r)
            if r.stroke.width == 2.0
                && chart.contains_rect(r.rect)
                && r.rect.width() < chart.width() / 2.0 =>
        {
            Some(r.rect)
        }
        _ => None,
    })
}

/// The histogram's Tab stop did nothing by keyboard. With the keyboard on it, Left and
/// Right move between the minute bars (the bar outlined and said under the chart), and
/// Enter or Space lists that minute's errors as a click does; the arrows leave the
/// keyboard on the chart.
#[test]
fn the_histograms_bars_are_picked_and_listed_by_keyboard() {
    let mut h = window([1400.0, 1000.0], SavedState::default());
    pasted(&mut h, &burst_log());
    let chart_name = "Errors per minute (UTC), bars 06:38 to 06:39, the highest 5 errors";
    let chart = h.get_by_label(chart_name).rect();
    assert!(
        outlined_bar(&h, chart).is_none(),
        "no bar outlined at first"
    );
    for _ in 0..120 {
        if focused_name(&h) == chart_name {
            break;
        }
        h.key_press(Key::Tab);
        h.run();
    }
    assert_eq!(focused_name(&h), chart_name, "Tab reaches the histogram");
    // The first bar has the keyboard: outlined and said.
    h.get_by_label_contains("06:38 UTC: 1 error, ");
    let first = outlined_bar(&h, chart).expect("the keyboard's bar is outlined");
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(focused_name(&h), chart_name, "Right keeps the keyboard");
    h.get_by_label_contains("06:39 UTC: 5 errors, 5 of them APIG.0308");
    let second = outlined_bar(&h, chart).expect("still outlined");
    assert!(
        second.center().x > first.center().x + 10.0,
        "the outline moved right: {first:?} -> {second:?}"
    );
    // Past the last bar it stays there.
    h.key_press(Key::ArrowRight);
    h.run();
    h.get_by_label_contains("06:39 UTC: 5 errors");
    assert!(h.query_by_label_contains("From 06:").is_none());
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("From 06:39:00: 5 errors");
    h.key_press(Key::ArrowLeft);
    h.run();
    assert_eq!(focused_name(&h), chart_name, "Left keeps the keyboard");
    h.get_by_label_contains("06:38 UTC: 1 error");
    h.key_press(Key::Space);
    h.run();
    h.get_by_label("From 06:38:00: 1 error");
    // Tab leaves it: no bar outlined, the caption back.
    h.key_press(Key::Tab);
    h.run();
    assert_ne!(focused_name(&h), chart_name);
    assert!(
        outlined_bar(&h, chart).is_none(),
        "no outline without the keyboard"
    );
    h.get_by_label("Errors per minute (UTC)");
}

/// At 640×420 the paste panel was 110 points tall with a paste in it: four lines of the
/// text and four of its analysis. With a paste it takes half the height below the search
/// row, the table keeps its header and five rows, and Tab still reaches every control,
/// each shown inside the window when it has the keyboard (a text area taller than the
/// window, its first lines).
#[test]
fn at_640_by_420_a_paste_has_room_to_be_read_and_every_control_is_reached() {
    let mut h = window([640.0, 420.0], SavedState::default());
    h.run();
    let header = h.get_by_label("Code").rect();
    let empty = h.get_by_label("Paste a response").rect().top();
    pasted(&mut h, &burst_log());
    h.run();
    let panel = h.get_by_label("Paste a response").rect().top();
    assert!(
        420.0 - panel >= 160.0,
        "the paste panel is {} points tall (empty: {})",
        420.0 - panel,
        420.0 - empty
    );
    assert!(
        panel - header.bottom() >= 5.0 * 22.0,
        "the table keeps five rows: {} points between its header and the panel",
        panel - header.bottom()
    );
    // The pasted text shows eight lines of the log or more.
    let text = h
        .query_all_by_label("Pasted text")
        .map(|n| n.rect())
        .max_by(|a, b| a.height().total_cmp(&b.height()))
        .expect("the pasted text");
    // Monospace rows are some 14 points tall.
    let shown = text.bottom().min(420.0) - text.top();
    assert!(shown >= 6.0 * 14.0, "{shown} points of the paste in sight");
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(640.0, 420.0));
    let mut reached = Vec::new();
    let mut outside = Vec::new();
    for _ in 0..80 {
        h.key_press(Key::Tab);
        h.run();
        let node = h.get_by(|n| n.is_focused());
        let name = node.accesskit_node().label().unwrap_or_default();
        let rect = node.rect();
        // Whole in sight; a text area taller than its panel, its first lines.
        let seen = screen.expand(1.0).intersect(rect);
        let in_sight = if rect.height() > 100.0 {
            seen.top() <= rect.top() + 0.5 && seen.height() >= 28.0
        } else {
            screen.expand(1.0).contains_rect(rect)
        };
        if !in_sight {
            outside.push(format!("{name} at {rect:?}"));
        }
        reached.push(name);
    }
    assert!(outside.is_empty(), "shown outside the window: {outside:?}");
    for control in [
        "Search",
        "Filters",
        "Copy code",
        "Hide",
        "Clear paste",
        "History (1)",
        "Copy triage as Markdown",
        "Pasted text",
    ] {
        assert!(
            reached.iter().any(|r| r == control),
            "Tab reaches {control}: {reached:?}"
        );
    }
}
