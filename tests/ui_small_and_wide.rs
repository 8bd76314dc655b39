//! What fresh-eyes testers still found in the real window after issue 27:
//! the table at 640×420 and at 1600 px, a step's note of several lines, the Help menu's
//! keys, the duplicate-incident question dimming the window (the analysis's side is
//! `also_possible.rs`).

use apig_explorer::{ExplorerApp, SavedState};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;
use common::{pasted, stored_window, temp_dir, window};

const LONG: &str = "The API does not exist or has not been published in the environment.";

/// The table's cell holding `text` (not the detail pane's copy of it).
fn table_cell(h: &Harness<'_, ExplorerApp>, text: &str) -> egui::Rect {
    let detail = h.get_by_label("Entry").rect();
    h.query_all_by_label(text)
        .map(|n| n.rect())
        .find(|r| r.left() < detail.left())
        .expect("the row is in the table")
}

#[test]
fn at_640_by_420_the_message_is_readable_and_the_table_keeps_its_rows() {
    let mut h = window([640.0, 420.0], SavedState::default());
    h.run();
    h.run();
    // Twenty-odd characters of the message at least, not a few (it was 70 points wide).
    let message = table_cell(&h, LONG);
    assert!(
        message.width() >= 150.0,
        "the message column is {} points wide",
        message.width()
    );
    // The paste panel leaves the table its header and eight rows.
    let header = h.get_by_label("Code").rect();
    let paste = h.get_by_label("Paste a response").rect();
    assert!(
        paste.top() - header.bottom() >= 8.0 * 22.0,
        "the table has {} points between its header and the paste panel",
        paste.top() - header.bottom()
    );
    // The filters fold behind a button of the search row, and come back with it.
    assert!(h.query_by_label("405 Method Not Allowed (2)").is_none());
    let button = h.get_by_label("Filters").rect();
    assert!(
        button.right() <= 640.0 && button.bottom() <= 420.0,
        "{button:?}"
    );
    h.get_by_label("Filters").click();
    h.run();
    h.get_by_label("405 Method Not Allowed (2)")
        .click_accesskit();
    h.run();
    h.get_by_label("Filters (1)").click();
    h.run();
    assert!(h.query_by_label("405 Method Not Allowed (2)").is_none());
    assert_eq!(
        h.state().session().explorer().rows().len(),
        2,
        "the folded filter still filters"
    );
    // A wide window shows them, with no button.
    h.set_size(egui::vec2(1280.0, 800.0));
    h.run();
    h.get_by_label("405 Method Not Allowed (2)");
    assert!(h.query_by_label("Filters (1)").is_none());
}

/// Whether `text` is drawn this frame, and whether cut with "…".
fn drawn(h: &Harness<'_, ExplorerApp>, text: &str) -> (bool, bool) {
    let mut found = (false, false);
    for c in &h.output().shapes {
        if let egui::Shape::Text(t) = &c.shape
            && t.galley.text() == text
        {
            found = (true, found.1 || t.galley.elided);
        }
    }
    found
}

/// Filter labels long enough to have been cut (at 1600 px too).
const LONG_FILTERS: [&str; 3] = [
    "405 Method Not Allowed",
    "494 Request Header Too Large",
    "500 Internal Server Error",
];

/// With the filters open at 640×420 the table keeps its message column (beside them it
/// showed "The A…"): they open over the window, with every label whole.
#[test]
fn at_640_the_open_filters_leave_the_table_its_message_and_show_whole_labels() {
    let mut h = window([640.0, 420.0], SavedState::default());
    h.run();
    h.run();
    let folded = table_cell(&h, LONG).width();
    h.get_by_label("Filters").click();
    h.run();
    let open = table_cell(&h, LONG).width();
    assert!(
        open >= folded - 1.0 && open >= 150.0,
        "the message column is {open} points wide with the filters open ({folded} folded)"
    );
    // Those in sight whole (the list scrolls below the window's height).
    assert_eq!(drawn(&h, LONG_FILTERS[0]), (true, false), "drawn, not cut");
    for label in LONG_FILTERS {
        assert!(!drawn(&h, label).1, "{label} is cut");
    }
    // Esc folds them, and leaves the search alone.
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(drawn(&h, LONG_FILTERS[0]), (false, false));
}

/// At 1600 px the filter panel is as wide as its longest label.
#[test]
fn at_1600_px_every_filter_label_is_whole() {
    let mut h = window([1600.0, 1000.0], SavedState::default());
    h.run();
    h.run();
    for label in LONG_FILTERS {
        assert_eq!(drawn(&h, label), (true, false), "{label}: drawn, not cut");
    }
}

#[test]
fn at_1600_px_every_category_is_whole() {
    let mut h = window([1600.0, 1000.0], SavedState::default());
    h.run();
    h.get_by_label("Search").type_text("access control");
    h.run();
    h.run();
    // The table's texts (the filter panel's labels may end in "…").
    let table = h.get_by_label("Code").rect().left();
    let drawn: Vec<(String, bool)> = h
        .output()
        .shapes
        .iter()
        .filter_map(|c| match &c.shape {
            egui::Shape::Text(t) if t.pos.x >= table - 1.0 => {
                Some((t.galley.text().to_string(), t.galley.elided))
            }
            _ => None,
        })
        .collect();
    assert!(
        drawn
            .iter()
            .any(|(t, elided)| t == "Authorization & access control" && !elided),
        "{drawn:?}"
    );
    assert!(
        !drawn
            .iter()
            .any(|(t, elided)| *elided && t.starts_with("Authorization")),
        "a category ends in an ellipsis: {drawn:?}"
    );
}

const NOT_PUBLISHED: &str = "> GET /v1/orders HTTP/1.1\r\n> Host: shop.example.com\r\n>\r\n< HTTP/1.1 404 Not Found\r\n< X-Request-Id: 0101abcdef0101abcdef0101abcdef01\r\n<\r\n{\"error_code\":\"APIG.0101\",\"error_msg\":\"The API does not exist or has not been published in the environment.\"}";

#[test]
fn a_steps_note_takes_several_lines_and_grows_with_them() {
    let dir = temp_dir("small-wide-note");
    let mut h = stored_window([1400.0, 1000.0], &dir);
    pasted(&mut h, NOT_PUBLISHED);
    h.get_by_label("Open incident from this paste").click();
    h.run();
    h.get_by_label("Note 1").focus();
    h.run();
    let one_line = h.get_by_label("Note 1").rect().height();
    h.get_by_label("Note 1").type_text("bound since Monday");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label("Note 1")
        .type_text("customer retried at 10:02");
    h.run();
    h.run();
    let note = &h.state().session().incidents().book().incidents[0].steps[0].note;
    assert_eq!(note, "bound since Monday\ncustomer retried at 10:02");
    let two_lines = h.get_by_label("Note 1").rect().height();
    assert!(
        two_lines > one_line + 8.0,
        "the field grew: {one_line} -> {two_lines}"
    );
}

/// At 640×420 the Help menu's longest lines ran past the window's right edge and its last
/// ones below its foot. Every line of it is drawn inside the window, whole or wrapped, and
/// the last one is reached by scrolling the list.
#[test]
fn at_640_by_420_the_help_menu_is_read_whole_inside_the_window() {
    let mut h = window([640.0, 420.0], SavedState::default());
    h.run();
    h.get_by_label("Help").click();
    h.run();
    let screen = h.ctx.content_rect();
    // Text that runs past the window's edge where nothing but the window cuts it.
    let cut: Vec<String> = h
        .output()
        .shapes
        .iter()
        .filter_map(|c| match &c.shape {
            egui::Shape::Text(t) => {
                let rect = t.visual_bounding_rect();
                let edge =
                    |past: bool, clip_at: f32, screen_at: f32| past && clip_at >= screen_at - 0.5;
                let cut_right = edge(
                    rect.right() > screen.right() + 0.5,
                    c.clip_rect.right(),
                    screen.right(),
                );
                let cut_below = edge(
                    rect.bottom() > screen.bottom() + 0.5,
                    c.clip_rect.bottom(),
                    screen.bottom(),
                );
                (rect.intersects(c.clip_rect) && (cut_right || cut_below))
                    .then(|| t.galley.text().to_string())
            }
            _ => None,
        })
        .collect();
    assert!(cut.is_empty(), "cut by the window's edge: {cut:?}");
    let last = h.get_by_label("Zoom in / out / reset");
    last.scroll_to_me();
    h.run();
    let rect = h.get_by_label("Zoom in / out / reset").rect();
    assert!(
        screen.contains_rect(rect),
        "the last line is reached: {rect:?} in {screen:?}"
    );
    h.get_by_label_contains("APIG Error Explorer ");
}

#[test]
fn help_lists_tab_among_the_keys() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    h.run();
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label("Tab / Shift+Tab");
    h.get_by_label("Space");
}

/// The duplicate-incident question dims the whole window behind it (a dark veil drawn
/// over the panels, under the question), in both themes.
#[test]
fn the_duplicate_question_dims_the_window_behind_it() {
    for theme in [egui::Theme::Light, egui::Theme::Dark] {
        let dir = temp_dir(&format!("small-wide-modal-{theme:?}"));
        let mut h = stored_window([1280.0, 800.0], &dir);
        pasted(&mut h, NOT_PUBLISHED);
        // After the first frame, which applies the saved theme.
        h.ctx.set_theme(theme);
        h.run();
        h.get_by_label("Open incident from this paste").click();
        h.run();
        h.get_by_label("Open incident from this paste").click();
        h.run();
        h.get_by_label("This paste already has an incident");
        let screen = h.ctx.content_rect();
        let shapes = &h.output().shapes;
        let text_at = |what: &str| {
            shapes
                .iter()
                .position(|c| matches!(&c.shape, egui::Shape::Text(t) if t.galley.text() == what))
        };
        let veil = shapes.iter().position(|c| {
            matches!(&c.shape, egui::Shape::Rect(r)
                if r.rect.contains_rect(screen) && r.fill.a() > 0 && r.fill.a() < 255)
        });
        let veil = veil.expect("a veil over the whole window");
        let question = text_at("This paste already has an incident").expect("drawn");
        let table = text_at("Code").expect("the table's header");
        assert!(
            table < veil && veil < question,
            "{theme:?}: the veil lies over the table and under the question"
        );
        let egui::Shape::Rect(rect) = &shapes[veil].shape else {
            unreachable!("found as a rect");
        };
        // What the panel's grey becomes under the veil: at most half as bright (egui's
        // own veil leaves 61 %, which in the dark theme reads as no change).
        let panel = h.ctx.global_style().visuals.panel_fill;
        let a = f32::from(rect.fill.a()) / 255.0;
        let dimmed = f32::from(panel.r()) * (1.0 - a) + f32::from(rect.fill.r());
        assert!(
            dimmed <= 0.5 * f32::from(panel.r()),
            "{theme:?}: the panel goes from {} to {dimmed}",
            panel.r()
        );
    }
}

/// At 900×600 the filter labels wrapped beside their counts (before that they ended in
/// "…", whole only on hover): every one is whole, on one line, beside the table or over
/// it from the Filters button (`ui_keyboard_tester.rs` at other widths). The table keeps
/// its message column.
#[test]
fn at_900_by_600_every_filter_label_is_whole() {
    let mut h = window([900.0, 600.0], SavedState::default());
    h.run();
    h.run();
    let detail = h.get_by_label("Entry").rect().left();
    if h.query_by_label("Filters").is_some() {
        h.get_by_label("Filters").click();
        h.run();
    }
    // Texts cut with "…" where the filters are drawn (clipped as the first label is).
    let cut_in_filters = |h: &Harness<'_, ExplorerApp>| -> Vec<String> {
        let shapes = &h.output().shapes;
        let clip = shapes.iter().find_map(|c| match &c.shape {
            egui::Shape::Text(t) if t.galley.text() == "Catalog" && t.pos.x < detail => {
                Some(c.clip_rect)
            }
            _ => None,
        });
        shapes
            .iter()
            .filter_map(|c| match &c.shape {
                egui::Shape::Text(t)
                    if Some(c.clip_rect) == clip && t.pos.x < detail && t.galley.elided =>
                {
                    Some(t.galley.text().to_string())
                }
                _ => None,
            })
            .collect()
    };
    // The longest labels, each brought into the list's view (it is taller than it).
    for label in [
        "494 Request Header Too Large",
        "Authorization & access control",
        "Conflict / resource state",
        "Third-party authorizer",
        "API not found / routing",
    ] {
        let in_filters = h
            .query_all_by_label_contains(label)
            .find(|n| n.rect().left() < detail);
        let Some(node) = in_filters else {
            panic!("{label} is not among the filters");
        };
        node.scroll_to_me();
        h.run();
        assert_eq!(drawn(&h, label), (true, false), "{label}: drawn, not cut");
        let cut = cut_in_filters(&h);
        assert!(cut.is_empty(), "cut filter labels: {cut:?}");
    }
    h.key_press(egui::Key::Escape);
    h.run();
    let message = table_cell(&h, LONG);
    assert!(
        message.width() >= 150.0,
        "the message column is {} points wide",
        message.width()
    );
}

/// At 900×600 an archived incident's line ("Incident: APIG.0101 404" and when it was
/// opened) ran past the pane's edge, its time cut off: it wraps beside its Restore button.
#[test]
fn at_900_by_600_an_archived_incident_is_read_whole() {
    let dir = temp_dir("small-wide-archive");
    let mut h = stored_window([900.0, 600.0], &dir);
    pasted(&mut h, NOT_PUBLISHED);
    h.get_by_label("Open incident from this paste").click();
    h.run();
    h.get_by_label("Close incident").click_accesskit();
    h.run();
    h.get_by_label("Archive (1)").click_accesskit();
    h.run();
    let lines: Vec<(egui::Rect, egui::Rect)> = h
        .output()
        .shapes
        .iter()
        .filter_map(|c| match &c.shape {
            egui::Shape::Text(t) if t.galley.text().starts_with("Incident: APIG.0101 404  ") => {
                Some((t.visual_bounding_rect(), c.clip_rect))
            }
            _ => None,
        })
        .collect();
    assert_eq!(lines.len(), 1, "the archived incident is drawn once");
    let (text, clip) = lines[0];
    assert!(
        text.right() <= clip.right() + 0.5,
        "cut at the pane's edge: {text:?} in {clip:?}"
    );
}

/// At 640×420 the banner over a paste cut to its first 256 KB wrapped in the narrow text
/// column with its words spread across the line (justified): it reads left-aligned.
#[test]
fn at_640_by_420_the_banner_of_a_long_paste_is_not_spread_out() {
    let mut h = window([640.0, 420.0], SavedState::default());
    let mut log = String::new();
    while log.len() < 300 * 1024 {
        log.push_str("2026-11-27T06:38:00Z INFO GET /v1/items 200 12ms request_id=0123456789\n");
    }
    log.push_str("{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\"}\n");
    pasted(&mut h, &log);
    let banners: Vec<(bool, usize)> = h
        .output()
        .shapes
        .iter()
        .filter_map(|c| match &c.shape {
            egui::Shape::Text(t) if t.galley.text().starts_with("Showing the first ") => {
                Some((t.galley.job.justify, t.galley.rows.len()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(banners.len(), 1, "the banner is drawn: {banners:?}");
    let (justified, rows) = banners[0];
    assert!(rows > 1, "it wraps at 640 px ({rows} row)");
    assert!(!justified, "its words are not spread across the line");
}
