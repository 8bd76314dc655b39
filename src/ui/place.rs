//! Panels laid out outside-in but drawn in reading order. egui sizes the outer panels
//! first (the paste panel spans the window, so it comes before the side panels), and Tab
//! walks widgets in the order they are drawn. So a panel's place is reserved where the
//! layout needs it, and its contents are drawn later, after the panels that read before
//! it: search, filters, table, detail, paste.

use egui::containers::panel::PanelState;
use egui::{Align, Id, Layout, Rangef, Rect, Ui, UiBuilder};

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

/// A resizable panel keeps the size the engineer gave it. egui clamps a panel to its
/// maximum when the window narrows and remembers the clamped size, so after a moment at
/// 640 px the filters stayed narrow (labels wrapping to three lines) and the paste panel
/// short. The size last dragged to is kept beside egui's (in egui's memory, so across
/// restarts too) and handed back each frame, within what the window allows now.
pub(super) struct KeptSize {
    id: Id,
    axis: usize,
    max: f32,
    written: Option<f32>,
}

/// Before the panel named `salt` (in `ui`) is shown: its kept size, within `range`.
/// `axis` is 0 for a side panel's width, 1 for a bottom panel's height.
pub(super) fn keep_size(
    ui: &Ui,
    salt: impl egui::AsIdSalt,
    axis: usize,
    range: Rangef,
) -> KeptSize {
    // The panel's own id, as egui makes it.
    let id = ui.scope_id().with(salt);
    let wanted: Option<f32> = ui.data_mut(|d| d.get_persisted(id.with("wanted")));
    let written = wanted.and_then(|wanted| {
        let mut state = PanelState::load(ui, id)?;
        let size = wanted.clamp(range.min, range.max);
        let rect = &mut state.outer_rect;
        if axis == 0 {
            rect.set_width(size);
        } else {
            rect.set_height(size);
        }
        ui.data_mut(|d| d.insert_persisted(id, state));
        Some(size)
    });
    KeptSize {
        id,
        axis,
        max: range.max,
        written,
    }
}

impl KeptSize {
    /// After the panel was shown: a size it was dragged to becomes the one kept (a size
    /// the window's limit forced is not).
    pub(super) fn note(self, ui: &Ui) {
        super::look::splitter_focus_ring(ui.ctx(), self.id.with("__resize"));
        let Some(state) = PanelState::load(ui, self.id) else {
            return;
        };
        let size = state.outer_rect.size()[self.axis];
        let dragged = match self.written {
            Some(written) => (written - size).abs() > 0.5,
            // The first frame: the default size, unless the window cut it.
            None => size < self.max - 0.5,
        };
        if dragged {
            ui.data_mut(|d| d.insert_persisted(self.id.with("wanted"), size));
        }
    }
}
