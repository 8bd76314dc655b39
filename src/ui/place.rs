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
    /// Where the dragged size is kept ([`kept_key`]).
    key: Id,
    axis: usize,
    max: f32,
    written: Option<f32>,
    /// Given the size its contents want until dragged.
    fits: bool,
}

/// Before the panel named `salt` (in `ui`) is shown: its kept size, within `range`.
/// `axis` is 0 for a side panel's width, 1 for a bottom panel's height. `fit` is the
/// size its contents want, given until the panel is dragged (a size egui remembered from
/// an earlier run, or from a narrow moment, would otherwise stay).
pub(super) fn keep_size(
    ui: &Ui,
    salt: impl egui::AsIdSalt,
    axis: usize,
    range: Rangef,
    fit: Option<f32>,
) -> KeptSize {
    // The panel's own id, as egui makes it.
    let id = ui.scope_id().with(salt);
    let key = kept_key(id, fit.is_some());
    let dragged: Option<f32> = ui.data_mut(|d| d.get_persisted(key));
    let wanted = dragged.or(fit);
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
        key,
        axis,
        max: range.max,
        written,
        fits: fit.is_some(),
    }
}

/// Where the size a panel was dragged to is kept. A panel that fits its contents keeps
/// it under a key of its own: earlier versions kept the default size there on the first
/// frame, as if dragged, and a fit must not lose to that.
fn kept_key(id: Id, fits: bool) -> Id {
    id.with(if fits { "dragged" } else { "wanted" })
}

impl KeptSize {
    /// After the panel was shown: a size it was dragged to becomes the one kept (a size
    /// the window's limit forced is not).
    pub(super) fn note(self, ui: &Ui) {
        super::look::no_tab_stop(ui.ctx(), self.id.with("__resize"));
        let Some(state) = PanelState::load(ui, self.id) else {
            return;
        };
        let size = state.outer_rect.size()[self.axis];
        let dragged = match self.written {
            Some(written) => (written - size).abs() > 0.5,
            // The first frame: the default size, unless the window cut it (a panel that
            // fits its contents is given its fit again next frame).
            None => !self.fits && size < self.max - 0.5,
        };
        if dragged {
            ui.data_mut(|d| d.insert_persisted(self.key, size));
        }
    }
}

/// How wide `text` is on one line in the body style: what a panel or a column needs to
/// show it whole (the filter labels, the category labels).
pub(super) fn text_width(ui: &Ui, text: impl Into<egui::WidgetText>) -> f32 {
    text.into()
        .into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            egui::TextStyle::Body,
        )
        .size()
        .x
}
