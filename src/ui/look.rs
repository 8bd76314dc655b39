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

/// Outlines of unchecked boxes, text fields and buttons at 3:1 against the panels in both
/// themes (WCAG's minimum for controls): egui's defaults draw them without an outline, as
/// light grey on near-white (about 1.2:1).
pub(super) fn visible_controls(ctx: &egui::Context) {
    for (theme, gray) in [(egui::Theme::Light, 118), (egui::Theme::Dark, 140)] {
        ctx.style_mut_of(theme, |style| outline_controls(style, gray));
    }
}

fn outline_controls(style: &mut egui::Style, gray: u8) {
    let outline = egui::Stroke::new(1.0, egui::Color32::from_gray(gray));
    style.visuals.widgets.inactive.bg_stroke = outline;
}

/// Glyphs snapped to whole pixels: sharper text in a dense table, and a quarter of the
/// glyph rasterizing on the first frame (sub-pixel binning draws each glyph up to 4 times).
pub(super) fn crisp_text(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| style.visuals.text_options.subpixel_binning = false);
}

/// Scroll bars beside the content, drawn at full strength: where the table is in 100,000
/// rows shows at a glance, and the bars do not fade in and out as the pointer passes (each
/// step of a fade is a whole frame drawn, taken from the catalog loader on a small machine).
pub(super) fn solid_scroll_bars(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| style.spacing.scroll = egui::style::ScrollStyle::solid());
}

/// A steady text cursor: a blinking one is a frame drawn twice a second for as long as a
/// text field has the keyboard, and the window sits focused on its search box all day
/// (the idle window must use no CPU).
pub(super) fn steady_cursor(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| style.visuals.text_cursor.blink = false);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance of an sRGB colour.
    fn luminance(c: egui::Color32) -> f32 {
        let channel = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }

    fn contrast(a: egui::Color32, b: egui::Color32) -> f32 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn control_outlines_stand_out_3_to_1_in_both_themes() {
        let ctx = egui::Context::default();
        visible_controls(&ctx);
        for theme in [egui::Theme::Light, egui::Theme::Dark] {
            let visuals = &ctx.style_of(theme).visuals;
            let outline = visuals.widgets.inactive.bg_stroke;
            assert!(outline.width >= 1.0, "{theme:?}: controls have an outline");
            for (what, behind) in [
                ("panel", visuals.panel_fill),
                ("window", visuals.window_fill),
                ("text field", visuals.extreme_bg_color),
                ("checkbox", visuals.widgets.inactive.bg_fill),
            ] {
                let ratio = contrast(outline.color, behind);
                assert!(ratio >= 3.0, "{theme:?}: outline on {what} is {ratio:.2}:1");
            }
        }
    }

    /// The frames a window asks for once settled, with the keyboard in a text field.
    fn settled_repaint_delay(ctx: &egui::Context) -> std::time::Duration {
        let mut text = String::from("throttled");
        let mut frame = || {
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                let field = ui.text_edit_singleline(&mut text);
                field.request_focus();
            });
            output.textures_delta.clear();
            output.viewport_output[&egui::ViewportId::ROOT].repaint_delay
        };
        (0..4).map(|_| frame()).last().unwrap_or_default()
    }

    #[test]
    fn a_focused_text_field_asks_for_no_frames_once_settled() {
        let blinking = egui::Context::default();
        assert!(
            settled_repaint_delay(&blinking) < std::time::Duration::from_secs(5),
            "egui's blinking cursor asks for frames (else this test proves nothing)"
        );
        let steady = egui::Context::default();
        steady_cursor(&steady);
        assert_eq!(settled_repaint_delay(&steady), std::time::Duration::MAX);
    }
}
