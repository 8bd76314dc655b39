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

#[test]
fn every_splitter_tab_stops_at_shows_a_focus_ring() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    h.run();
    let mut splitters = 0;
    for _ in 0..60 {
        h.key_press(Key::Tab);
        h.run();
        let (rect, role) = focused_rect(&h);
        if role == "Splitter" || role == "Unknown" {
            splitters += 1;
            assert!(
                ringed(&h, rect),
                "{role} at {rect:?} has the keyboard and no ring"
            );
        }
    }
    // Three panel splitters and the table's three column splitters.
    assert!(splitters >= 6, "Tab reached {splitters} splitters");
}
