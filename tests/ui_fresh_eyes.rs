//! What a fresh-eyes tester found after issue #27: a focus ring at every Tab stop, a
//! message cut with an ellipsis at 640×420, highlights of whole search tokens, Enter on
//! the clipboard offer, the status line after a new paste.

use apig_explorer::{ExplorerApp, SavedState};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT as _, Queryable as _};

mod common;
use common::window;

/// The focused node's bounds, in points.
fn focused_rect(h: &Harness<'_, ExplorerApp>) -> (egui::Rect, String) {
    let node = h
        .query_all(By::new().predicate(|n| n.is_focused()))
        .next()
        .expect("a widget has the keyboard");
    let b = node.accesskit_node().bounding_box().expect("bounds");
    let rect = egui::Rect::from_min_max(
        egui::pos2(b.x0 as f32, b.y0 as f32),
        egui::pos2(b.x1 as f32, b.y1 as f32),
    );
    (rect, format!("{:?}", node.accesskit_node().role()))
}

/// A ring in the focus stroke drawn around `rect` this frame.
fn ringed(h: &Harness<'_, ExplorerApp>, rect: egui::Rect) -> bool {
    let ring = h.ctx.global_style().visuals.widgets.active.bg_stroke;
    h.output()
        .shapes
        .iter()
        .any(|clipped| match &clipped.shape {
            egui::Shape::Rect(r) => {
                r.stroke == ring && r.rect.expand(1.0).contains_rect(rect.shrink(1.0))
            }
            _ => false,
        })
}

/// Tab and Shift+Tab stop only at controls (never at the splitters between panels and
/// columns, which egui makes focusable), and each control with the keyboard is outlined
/// (five stops showed nothing: frameless header buttons, links, tabs, menu titles).
#[test]
fn every_tab_stop_is_a_control_with_a_focus_ring() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    h.run();
    let mut stops = Vec::new();
    for step in 0..80 {
        if step < 60 {
            h.key_press(Key::Tab);
        } else {
            h.key_press_modifiers(egui::Modifiers::SHIFT, Key::Tab);
        }
        h.run();
        let (rect, role) = focused_rect(&h);
        assert!(
            role != "Splitter" && role != "Unknown",
            "Tab stopped at a {role} at {rect:?}"
        );
        // A text field shows the keyboard by its own frame and cursor.
        if !role.contains("TextInput") {
            assert!(
                ringed(&h, rect),
                "{role} at {rect:?} has the keyboard and no ring"
            );
        }
        stops.push(role);
    }
    for role in ["CheckBox", "Button"] {
        assert!(
            stops.iter().any(|r| r == role),
            "Tab reaches a {role}: {stops:?}"
        );
    }
}

/// Text drawn this frame that runs past the right edge of its clip rect (cut, not ended
/// with "…" or wrapped): (its text, by how much).
fn cut_text(h: &Harness<'_, ExplorerApp>) -> Vec<(String, f32)> {
    let mut cut = Vec::new();
    for clipped in &h.output().shapes {
        if let egui::Shape::Text(t) = &clipped.shape {
            let rect = t.visual_bounding_rect();
            let clip = clipped.clip_rect;
            // Text outside its clip (scrolled away) is not drawn at all.
            if rect.intersects(clip) && rect.right() > clip.right() + 1.0 {
                cut.push((t.galley.text().to_string(), rect.right() - clip.right()));
            }
        }
    }
    cut
}

#[test]
fn at_640_by_420_no_text_is_cut_at_an_edge_and_facets_take_one_line() {
    let mut h = window([640.0, 420.0], SavedState::default());
    h.run();
    h.run();
    let cut = cut_text(&h);
    assert!(cut.is_empty(), "cut at an edge: {cut:?}");
    // Long messages end in "…" instead.
    let elided = h.output().shapes.iter().any(|c| {
        matches!(&c.shape, egui::Shape::Text(t)
            if t.galley.elided && t.galley.text().starts_with("The API does not exist"))
    });
    assert!(elided, "the first row's message ends in an ellipsis");
    // Each facet on one line: its checkbox no taller than a row (the filters are folded
    // behind the search row's button at this width).
    h.get_by_label("Filters").click();
    h.run();
    let cut = cut_text(&h);
    assert!(cut.is_empty(), "cut at an edge, the filters shown: {cut:?}");
    let row = h.ctx.global_style().spacing.interact_size.y;
    for label in [
        "405 Method Not Allowed (2)",
        "500 Internal Server Error (36)",
    ] {
        let node = h.get_by_label(label);
        let b = node.accesskit_node().bounding_box().expect("bounds");
        assert!(
            (b.y1 - b.y0) as f32 <= row + 1.0,
            "{label} takes {} points",
            b.y1 - b.y0
        );
    }
}

/// Shrunk from 900×600 to 640×420 (the same three columns), a cut message still ends
/// in "…" inside the table: egui_extras kept the message column as wide as its cells
/// were before, and the "…" fell past the table's edge, so messages looked complete.
#[test]
fn after_shrinking_to_640_by_420_cut_messages_still_end_in_an_ellipsis() {
    let mut h = window([900.0, 600.0], SavedState::default());
    h.run();
    h.set_size(egui::vec2(640.0, 420.0));
    h.run();
    let cut = cut_text(&h);
    assert!(cut.is_empty(), "cut at an edge after the resize: {cut:?}");
    let elided = h.output().shapes.iter().any(|c| {
        matches!(&c.shape, egui::Shape::Text(t)
            if t.galley.elided && t.galley.text().starts_with("The API does not exist"))
    });
    assert!(elided, "the first row's message ends in an ellipsis");
}

/// Hovering a cut message shows one tooltip with its whole text, not two (the label's
/// own one for cut text, and the cell's).
#[test]
fn a_cut_message_has_one_tooltip() {
    let message = "The backend configurations do not exist.";
    let mut h = window([640.0, 420.0], SavedState::default());
    h.run();
    h.ctx.all_styles_mut(|s| s.interaction.tooltip_delay = 0.0);
    let cell = h
        .query_all_by_label(message)
        .next()
        .expect("the row is in the table")
        .rect();
    h.hover_at(cell.center());
    h.run();
    let drawn = drawn_texts(&h)
        .into_iter()
        .filter(|(text, _)| text == message)
        .count();
    // The cell, and one tooltip.
    assert_eq!(drawn, 2, "the message drawn {drawn} times");
}

/// Text drawn this frame, with its colour.
fn drawn_texts(h: &Harness<'_, ExplorerApp>) -> Vec<(String, egui::Color32)> {
    h.output()
        .shapes
        .iter()
        .filter_map(|c| match &c.shape {
            egui::Shape::Text(t) => Some((t.galley.text().to_string(), t.fallback_color)),
            _ => None,
        })
        .collect()
}

/// A log of `n` throttled requests in its first minute and 3 in its second.
fn throttled_log(n: usize) -> String {
    let mut log = String::new();
    for (minute, count) in [(38, n), (39, 3)] {
        for i in 0..count {
            log.push_str(&format!(
                "2026-11-27T06:{minute}:{:02}Z ERROR {{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\",\"request_id\":\"{minute}{i:030}\"}} status=429\n",
                i % 60
            ));
        }
    }
    log
}

#[test]
fn the_triage_histogram_labels_its_counts_in_whole_steps() {
    let mut h = window([1600.0, 1000.0], SavedState::default());
    common::pasted(&mut h, &throttled_log(60));
    h.run();
    let texts = drawn_texts(&h);
    let text_color = h.ctx.global_style().visuals.text_color();
    for tick in ["0", "50", "100"] {
        assert!(
            texts.iter().any(|(t, c)| t == tick && *c == text_color),
            "{tick} on the y axis at full strength; drawn: {:?}",
            texts
                .iter()
                .map(|t| &t.0)
                .filter(|t| t.len() < 4)
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_paste_panel_offers_no_row_the_status_rules_out_as_also_possible() {
    let mut h = window([1600.0, 1000.0], SavedState::default());
    h.run();
    // Out of the search box (where a sentence is searched for), then Ctrl+V.
    h.key_press(Key::Tab);
    common::pasted(
        &mut h,
        "status 429: The throttling threshold has been reached. Incorrect IAM authentication information.",
    );
    h.get_by_label_contains("Match: APIG.0308 429");
    assert!(
        h.query_by_label_contains("Also possible: APIG.0301")
            .is_none(),
        "the 401 row is not also possible beside a 429"
    );
    h.get_by_label_contains("Guess: APIG.0301 401");
    assert!(
        h.query_all_by_value("status 429 differs from the catalog's 401")
            .next()
            .is_some()
    );
}

const THROTTLED: &str = "< HTTP/1.1 429 Too Many Requests\n< X-Request-Id: 6f1c2a\n<\n{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached\"}";

/// The window reading a clipboard that holds `text`, after the window regained focus.
fn offered_window(text: &'static str) -> Harness<'static, ExplorerApp> {
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |_cc| {
            ExplorerApp::with_state(SavedState::default(), None).with_clipboard(
                apig_explorer::ClipboardReader::from_fn(move || Some(text.into())),
            )
        });
    h.run();
    h
}

fn regain_focus(h: &mut Harness<'_, ExplorerApp>) {
    h.event(egui::Event::WindowFocused(false));
    h.run();
    h.event(egui::Event::WindowFocused(true));
    h.run();
}

#[test]
fn enter_in_a_typed_search_keeps_the_search_and_leaves_the_clipboard_offer() {
    let mut h = offered_window(THROTTLED);
    h.get_by_label("Search").type_text("timeout");
    h.run();
    regain_focus(&mut h);
    assert!(h.query_by_label_contains("Analyze clipboard").is_some());
    h.key_press(Key::Enter);
    h.run();
    let s = h.state().session();
    assert_eq!(s.explorer().state.query, "timeout", "the search stays");
    assert!(s.paste().text.is_empty(), "nothing analyzed");
    assert!(h.query_by_label_contains("Analyze clipboard").is_some());
    // From the empty search box, Enter takes the offer.
    h.key_press(Key::Escape);
    h.run();
    h.key_press(Key::Enter);
    h.step();
    h.state_mut()
        .wait_for_paste(std::time::Duration::from_secs(60));
    h.run();
    assert!(h.state().session().paste().text.contains("APIG.0308"));
}

#[test]
fn a_new_paste_or_search_leaves_no_stale_status() {
    let mut h = window([1400.0, 900.0], SavedState::default());
    h.run();
    assert!(h.get_by_label("Search").is_focused());
    // A response pasted in the search box is analyzed, and the status says so.
    common::pasted(&mut h, THROTTLED);
    h.get_by_label_contains("Analyzed the pasted response");
    // Then a search pasted there: searched, and the status no longer speaks of a response.
    h.get_by_label("Search").focus();
    h.run();
    h.event(egui::Event::Paste("backend timeout".into()));
    h.run();
    assert_eq!(
        h.state().session().explorer().state.query,
        "backend timeout"
    );
    assert!(
        h.query_by_label_contains("Analyzed the pasted response")
            .is_none(),
        "the status of the last paste is gone"
    );
}

/// The highlighted parts of the table cells drawn whose text is `text`.
fn highlighted_in(h: &Harness<'_, ExplorerApp>, text: &str) -> Option<Vec<String>> {
    let mut found = None;
    for c in &h.output().shapes {
        if let egui::Shape::Text(t) = &c.shape
            && t.galley.text() == text
        {
            let job = &t.galley.job;
            let marked = job
                .sections
                .iter()
                .filter(|s| s.format.background != egui::Color32::TRANSPARENT)
                .filter_map(|s| {
                    let r = s.byte_range.start.0..s.byte_range.end.0;
                    job.text.get(r).map(str::to_string)
                })
                .collect::<Vec<_>>();
            found.get_or_insert_with(Vec::new).extend(marked);
        }
    }
    found
}

#[test]
fn a_number_of_a_ticket_sentence_is_not_highlighted_inside_a_code() {
    let mut h = window([1600.0, 1000.0], SavedState::default());
    h.run();
    h.get_by_label("Search").type_text("unknown client ip 401");
    h.run();
    let marked = highlighted_in(&h, "APIG.0401").expect("APIG.0401 is in the table");
    assert!(marked.is_empty(), "marked inside the code: {marked:?}");
    // A code typed is still marked in its cell.
    h.key_press(Key::Escape);
    h.run();
    h.get_by_label("Search").type_text("0401");
    h.run();
    let marked = highlighted_in(&h, "APIG.0401").expect("APIG.0401 is in the table");
    assert_eq!(marked, ["0401"]);
}

#[test]
fn a_new_paste_opens_the_folded_paste_panel_to_its_analysis() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    h.run();
    h.get_by_label("Hide").click();
    h.run();
    h.get_by_label("Show");
    // Out of the search box (where a sentence is searched for), then Ctrl+V.
    h.key_press(Key::Tab);
    common::pasted(&mut h, THROTTLED);
    h.get_by_label("Hide");
    h.get_by_label_contains("Match: APIG.0308 429");
}

#[test]
fn tab_through_the_filters_keeps_the_focused_box_in_sight() {
    let (w, height) = (1024.0, 420.0);
    let mut h = window([w, height], SavedState::default());
    h.run();
    let boxes = h
        .query_all(By::new().predicate(|n| n.role() == egui::accesskit::Role::CheckBox))
        .count();
    assert!(boxes > 12, "more boxes than the list shows: {boxes}");
    let mut seen_below_the_fold = false;
    for _ in 0..60 {
        h.key_press(Key::Tab);
        h.run();
        let (rect, role) = focused_rect(&h);
        if role == "CheckBox" {
            assert!(
                rect.min.y >= 0.0 && rect.max.y <= height,
                "the focused box is out of sight: {rect:?}"
            );
            seen_below_the_fold |= rect.min.y > height / 2.0;
        }
    }
    assert!(seen_below_the_fold, "Tab reached the lower boxes");
}
