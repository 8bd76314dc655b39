//! Panels laid out outside-in but drawn in reading order. egui sizes the outer panels
//! first (the paste panel spans the window, so it comes before the side panels), and Tab
//! walks widgets in the order they are drawn. So a panel's place is reserved where the
//! layout needs it, and its contents are drawn later, after the panels that read before
//! it: search, filters, table, detail, paste.

use egui::{Align, Layout, Rect, Ui, UiBuilder};

/// Where a reserved panel's contents go.
#[derive(Clone, Copy)]
pub(super) struct Place {
    /// Inside the panel's margins.
    inner: Rect,
    /// The whole panel: nothing drawn in it shows outside.
    outer: Rect,
}

/// Lay `panel` out, empty, and return its place.
pub(super) fn reserve(panel: egui::Panel, ui: &mut Ui) -> Place {
    let shown = panel.show(ui, |ui| {
        let inner = ui.max_rect();
        ui.allocate_space(ui.available_size());
        inner
    });
    Place {
        inner: shown.inner,
        outer: shown.response.rect,
    }
}

/// Draw a reserved panel's contents.
pub(super) fn fill<R>(ui: &mut Ui, place: Place, id: &str, add: impl FnOnce(&mut Ui) -> R) -> R {
    let mut child = ui.new_child(
        UiBuilder::new()
            .id_salt(id)
            .max_rect(place.inner)
            .layout(Layout::top_down(Align::Min)),
    );
    child.set_clip_rect(place.outer.intersect(ui.clip_rect()));
    add(&mut child)
}
