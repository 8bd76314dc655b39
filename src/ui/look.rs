//! How the window looks: theme and text rendering settings.

use crate::session::ThemeChoice;

/// egui's theme preference for the engineer's choice.
pub(super) fn preference(theme: ThemeChoice) -> egui::ThemePreference {
    match theme {
        ThemeChoice::System => egui::ThemePreference::System,
        ThemeChoice::Light => egui::ThemePreference::Light,
        ThemeChoice::Dark => egui::ThemePreference::Dark,
    }
}

/// Text that warns: amber, readable on both themes.
pub(super) fn warning_color(ui: &egui::Ui) -> egui::Color32 {
    if ui.visuals().dark_mode {
        egui::Color32::from_rgb(240, 180, 60)
    } else {
        egui::Color32::from_rgb(160, 90, 0)
    }
}

/// Glyphs snapped to whole pixels: sharper text in a dense table, and a quarter of the
/// glyph rasterizing on the first frame (sub-pixel binning draws each glyph up to 4 times).
pub(super) fn crisp_text(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| style.visuals.text_options.subpixel_binning = false);
}
