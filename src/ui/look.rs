//! How the window looks: theme and text rendering settings.

use crate::session::ThemeChoice;

/// The window's look, set once when it opens: every adjustment below to egui's own.
pub(super) fn apply(ctx: &egui::Context) {
    crisp_text(ctx);
    readable_text(ctx);
    visible_controls(ctx);
    visible_focus(ctx);
    wide_splitters(ctx);
    solid_scroll_bars(ctx);
    steady_cursor(ctx);
}

/// egui's theme preference for the engineer's choice.
pub(super) fn preference(theme: ThemeChoice) -> egui::ThemePreference {
    match theme {
        ThemeChoice::System => egui::ThemePreference::System,
        ThemeChoice::Light => egui::ThemePreference::Light,
        ThemeChoice::Dark => egui::ThemePreference::Dark,
    }
}

/// Text that warns: amber, readable on both themes (the theme's own, set in
/// [`readable_text`]).
pub(super) fn warning_color(ui: &egui::Ui) -> egui::Color32 {
    ui.visuals().warn_fg_color
}

/// How strongly a disabled control is drawn (egui's 0.5 left a disabled "Load" button's
/// text at 2.9:1 on the light theme's button): with the buttons' text below, a disabled
/// "Clear all" reads at 7:1 too, its fill and text still fainter than an enabled one's.
const DISABLED_ALPHA: f32 = 0.85;

/// Text at WCAG's 7:1 against every background it is drawn on, in both themes (the tests
/// measure each text style the app uses, and every text the window's screens paint). 7:1
/// and not 4.5:1: a glyph's thin strokes are drawn lighter than its colour (anti-aliased,
/// they rarely cover a whole pixel), and the light theme's paste hint, its colour at 5.6:1,
/// measured about 4:1 as drawn. egui's weak text is the normal text at 60 % (2.7:1 on the
/// dark panel, 2.9:1 on the light one), its light link blue 2.8:1, its warning orange and
/// error red 2.9:1 and 3.8:1 on the light panel, the selected row's text 5:1, and a
/// disabled control's text at half strength. The normal text and the buttons' are raised
/// (darker on the light theme, lighter on the dark one) so that the weak text and a
/// disabled button, at 7:1 too, still read as weaker.
pub(super) fn readable_text(ctx: &egui::Context) {
    use egui::Color32;
    ctx.style_mut_of(egui::Theme::Dark, |style| {
        let visuals = &mut style.visuals;
        visuals.widgets.noninteractive.fg_stroke.color = Color32::from_gray(215);
        visuals.widgets.inactive.fg_stroke.color = Color32::from_gray(235);
        visuals.weak_text_color = Some(Color32::from_gray(172));
        visuals.hyperlink_color = Color32::from_rgb(110, 185, 255);
        visuals.warn_fg_color = Color32::from_rgb(240, 180, 60);
        visuals.error_fg_color = Color32::from_rgb(255, 150, 140);
        visuals.selection.bg_fill = Color32::from_rgb(0, 70, 100);
        visuals.selection.stroke.color = Color32::from_rgb(215, 235, 255);
        visuals.disabled_alpha = DISABLED_ALPHA;
    });
    ctx.style_mut_of(egui::Theme::Light, |style| {
        let visuals = &mut style.visuals;
        visuals.widgets.noninteractive.fg_stroke.color = Color32::from_gray(40);
        visuals.widgets.inactive.fg_stroke.color = Color32::from_gray(35);
        visuals.weak_text_color = Some(Color32::from_gray(78));
        visuals.hyperlink_color = Color32::from_rgb(0, 75, 165);
        visuals.warn_fg_color = Color32::from_rgb(125, 65, 0);
        visuals.error_fg_color = Color32::from_rgb(165, 0, 0);
        visuals.selection.bg_fill = Color32::from_rgb(180, 222, 255);
        visuals.selection.stroke.color = Color32::from_rgb(0, 55, 90);
        visuals.disabled_alpha = DISABLED_ALPHA;
    });
}

/// The control that has the keyboard is outlined at 2 px in the link colour (3:1 on the
/// panels): egui marks a focused checkbox only with a slightly darker box.
pub(super) fn visible_focus(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        let ring = egui::Stroke::new(2.0, style.visuals.hyperlink_color);
        style.visuals.widgets.active.bg_stroke = ring;
    });
}

/// How far the keyboard's outline reaches outside its control: a control brought into
/// sight is brought with it.
pub(super) const FOCUS_OUTSET: f32 = 1.0;

/// The control with the keyboard outlined, drawn once a frame after every panel: egui
/// marks a framed button or a checkbox's box, but not a link, a frameless button (the
/// table's headers, the menu titles), a collapsing header or a tab; five Tab stops showed
/// nothing. Drawn over the control, where its own focused frame is (so a button's is
/// not doubled), and cut where the control is cut by its panel or scroll area. A text
/// field is left alone: its cursor and frame say it. Only while the keyboard moves the
/// focus (`by_keyboard`): a menu title clicked open is not outlined.
pub(super) fn focus_outline(ctx: &egui::Context, by_keyboard: bool) {
    let Some(id) = ctx.memory(|m| m.focused()) else {
        return;
    };
    if !by_keyboard || ctx.text_edit_focused() {
        return;
    }
    let Some(response) = ctx.read_response(id) else {
        return;
    };
    let shown = response.interact_rect;
    if !shown.is_positive() {
        return;
    }
    let ring = ctx.global_style().visuals.widgets.active.bg_stroke;
    let outline = response.rect.expand(FOCUS_OUTSET);
    ctx.layer_painter(response.layer_id)
        .with_clip_rect(shown.expand(ring.width))
        .rect_stroke(outline, 2.0, ring, egui::StrokeKind::Inside);
}

/// Where the splitters' ids are kept, see [`no_tab_stop`].
fn splitters_id() -> egui::Id {
    egui::Id::unique("splitters")
}

/// The splitter `id` (between panels, or table columns) is no Tab stop. egui makes them
/// focusable (a screen reader may resize them), so Tab stopped at six places that show
/// nothing and do nothing from the keyboard; [`pass_splitters`] moves on from them.
pub(super) fn no_tab_stop(ctx: &egui::Context, id: egui::Id) {
    ctx.data_mut(|d| {
        let ids = d.get_temp_mut_or_default::<Vec<egui::Id>>(splitters_id());
        if !ids.contains(&id) {
            ids.push(id);
        }
    });
}

/// A window over the main one (Catalogs, Team folder, Open a file), titled `title`. Its
/// title bar is no Tab stop: egui makes it focusable, to be dragged, and Tab stopped there
/// with nothing to say to a screen reader and nothing to do from the keyboard (the id is
/// egui's own, `containers/window.rs`; the Tab names test fails if egui renames it). It
/// does not fold: its fold arrow was a second Tab stop named "Hide", as the paste panel's.
pub(super) fn dialog_window<'a>(ctx: &egui::Context, title: &'a str) -> egui::Window<'a> {
    let id = egui::Id::unique(("dialog", title));
    no_tab_stop(ctx, id.with("__title_click"));
    egui::Window::new(title).id(id).collapsible(false)
}

/// Before any widget is drawn: when the keyboard landed on a splitter (Tab gives it to
/// the next focusable widget in drawing order), it goes on in the direction it came, to
/// the next control; a splitter that took it from a click lets it go. `tabbing` is the
/// direction of the last Tab, kept from frame to frame (the frame that lands on a
/// splitter is the one after the key).
pub(super) fn pass_splitters(ctx: &egui::Context, tabbing: &mut Option<egui::FocusDirection>) {
    use egui::{FocusDirection, Key};
    let pressed = ctx.input(|i| {
        let direction = if i.modifiers.shift {
            FocusDirection::Previous
        } else {
            FocusDirection::Next
        };
        i.key_pressed(Key::Tab).then_some(direction)
    });
    let splitter = ctx.memory(|m| m.focused()).filter(|id| {
        ctx.data(|d| d.get_temp::<Vec<egui::Id>>(splitters_id()))
            .is_some_and(|ids| ids.contains(id))
    });
    let Some(splitter) = splitter else {
        *tabbing = pressed;
        return;
    };
    *tabbing = pressed.or(*tabbing);
    match *tabbing {
        Some(direction) => ctx.memory_mut(|m| m.move_focus(direction)),
        None => ctx.memory_mut(|m| m.surrender_focus(splitter)),
    }
    ctx.request_repaint();
}

/// The splitters between panels can be caught 8 points either side of the line (egui's
/// default, 3, is a few pixels to aim at).
pub(super) fn wide_splitters(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| style.interaction.resize_grab_radius_side = 8.0);
}

/// Outlines of unchecked boxes, text fields and buttons at 3:1 against the panels in both
/// themes (WCAG's minimum for controls): egui's defaults draw them without an outline, as
/// light grey on near-white (about 1.2:1). The light theme's is darker than 3:1 needs
/// (5:1 on the box's own grey): at 118 a 1 px box outline, its corners blended, still
/// read as faint.
pub(super) fn visible_controls(ctx: &egui::Context) {
    for (theme, gray) in [(egui::Theme::Light, 96), (egui::Theme::Dark, 140)] {
        ctx.style_mut_of(theme, |style| outline_controls(style, gray));
    }
}

fn outline_controls(style: &mut egui::Style, gray: u8) {
    let outline = egui::Stroke::new(1.0, egui::Color32::from_gray(gray));
    style.visuals.widgets.inactive.bg_stroke = outline;
}

/// Controls inside a menu drawn as everywhere else: egui's menus take every outline
/// away (`menu_style`), which left View's checkboxes and theme radio buttons as light
/// grey blobs on the light menu, and a control with the keyboard there without its ring.
pub(super) fn outlined_in_menu(ui: &mut egui::Ui) {
    let widgets = ui.ctx().global_style().visuals.widgets.clone();
    ui.style_mut().visuals.widgets = widgets;
}

/// The ring of a radio button is this wide at rest (egui's 1 px circle, its edge
/// anti-aliased, read as faint grey in the light theme) ...
const RADIO_RING: f32 = 1.5;
/// ... and its dot this share of the ring's width (egui's is 8/3 px in a 14 px ring).
const RADIO_DOT: f32 = 0.3;

/// The ring and the dot of a radio button drawn with `visuals` (a widget state's):
/// what [`radio`] paints, and what the contrast test measures.
fn radio_marks(visuals: &egui::style::WidgetVisuals) -> (egui::Stroke, egui::Color32) {
    let ring = visuals.bg_stroke;
    let ring = egui::Stroke::new(ring.width.max(RADIO_RING), ring.color);
    (ring, visuals.fg_stroke.color)
}

/// A radio button whose ring and dot read at 3:1 in both themes, at a glance too: a
/// thicker ring and a larger dot than egui's `ui.radio`, the same keyboard focus ring
/// and the same name for screen readers.
pub(super) fn radio(ui: &mut egui::Ui, checked: bool, text: &str) -> egui::Response {
    let spacing = ui.spacing();
    let (icon, gap, height) = (
        spacing.icon_width,
        spacing.icon_spacing,
        spacing.interact_size.y,
    );
    let galley = egui::WidgetText::from(text).into_galley(
        ui,
        None,
        ui.available_width() - icon - gap,
        egui::TextStyle::Button,
    );
    let size = egui::vec2(icon + gap + galley.size().x, galley.size().y.max(height));
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::click());
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::RadioButton, ui.is_enabled(), checked, text)
    });
    if ui.is_rect_visible(rect) {
        let visuals = *ui.style().interact(&response);
        let (ring, dot) = radio_marks(&visuals);
        let center = egui::pos2(rect.left() + icon / 2.0, rect.center().y);
        let painter = ui.painter();
        painter.circle(
            center,
            icon / 2.0 + visuals.expansion,
            visuals.bg_fill,
            ring,
        );
        if checked {
            painter.circle_filled(center, icon * RADIO_DOT, dot);
        }
        let at = egui::pos2(
            rect.left() + icon + gap,
            rect.center().y - galley.size().y / 2.0,
        );
        painter.galley(at, galley, visuals.text_color());
    }
    response
}

/// A progress bar that shows at 0 % too: egui's empty track is the text fields' colour,
/// near-white on the light panel (1.1:1, an incident at 0/4 showed no bar at all), so it
/// is outlined as the other controls are (3:1 in both themes).
pub(super) fn progress_bar(ui: &mut egui::Ui, bar: egui::ProgressBar) -> egui::Response {
    let response = ui.add(bar);
    let outline = ui.visuals().widgets.inactive.bg_stroke;
    let radius = response.rect.height() / 2.0;
    ui.painter()
        .rect_stroke(response.rect, radius, outline, egui::StrokeKind::Inside);
    response
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
pub(super) mod tests {
    use super::*;

    /// What a text style's colour reaches against its background: WCAG's 7:1 (AAA), so
    /// that as drawn, its thin strokes lighter than its colour, it still reads well
    /// above 4.5:1 (see [`readable_text`]) ...
    pub(in crate::ui) const SMALL_TEXT: f32 = 7.0;
    /// ... and from 24 points up (WCAG's large text), 4.5:1.
    pub(in crate::ui) const LARGE_TEXT: f32 = 4.5;

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

    pub(in crate::ui) fn contrast(a: egui::Color32, b: egui::Color32) -> f32 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    /// `fg` as drawn over the opaque `bg` (egui's colours are premultiplied).
    pub(in crate::ui) fn over(fg: egui::Color32, bg: egui::Color32) -> egui::Color32 {
        let a = f32::from(fg.a()) / 255.0;
        let mix = |f: u8, b: u8| (f32::from(f) + f32::from(b) * (1.0 - a)).round().min(255.0) as u8;
        egui::Color32::from_rgb(
            mix(fg.r(), bg.r()),
            mix(fg.g(), bg.g()),
            mix(fg.b(), bg.b()),
        )
    }

    fn styled() -> egui::Context {
        let ctx = egui::Context::default();
        readable_text(&ctx);
        visible_controls(&ctx);
        visible_focus(&ctx);
        ctx
    }

    /// Every text style the window draws (each `(what, colour, background, large)`),
    /// as the panels draw it: body, weak (captions, the italic notes, the "Matched:"
    /// line, reasons), a text field's hint, strong, links, warnings, errors, code, button
    /// text in each state and disabled, the selected row (a row matching only some words
    /// too), a selected list item or tab, highlighted search words.
    fn text_styles(ui: &egui::Ui) -> Vec<(&'static str, egui::Color32, egui::Color32, bool)> {
        let v = ui.visuals();
        let panel = v.panel_fill;
        let grounds = [
            ("panel", panel),
            ("window", v.window_fill),
            ("text field", v.text_edit_bg_color()),
            ("striped row", over(v.faint_bg_color, panel)),
        ];
        let mut pairs = Vec::new();
        for (_, bg) in grounds {
            pairs.push(("body text", v.text_color(), bg, false));
            pairs.push((
                "weak text (captions, notes)",
                over(v.weak_text_color(), bg),
                bg,
                false,
            ));
            pairs.push(("strong text", v.strong_text_color(), bg, false));
            pairs.push(("link", v.hyperlink_color, bg, false));
            pairs.push(("warning", warning_color(ui), bg, false));
            pairs.push(("error", v.error_fg_color, bg, false));
            // A heading is body text at 18 points: under WCAG's large text (24), so 7:1.
            pairs.push(("heading", v.text_color(), bg, false));
        }
        let hint = hint_color(ui);
        pairs.push((
            "a text field's hint",
            over(hint, v.text_edit_bg_color()),
            v.text_edit_bg_color(),
            false,
        ));
        let code = over(v.code_bg_color, panel);
        pairs.push(("code", v.text_color(), code, false));
        let w = &v.widgets;
        for visuals in [w.inactive, w.hovered, w.active] {
            let bg = over(visuals.weak_bg_fill, panel);
            pairs.push(("button text", visuals.fg_stroke.color, bg, false));
            let bg = over(visuals.bg_fill, panel);
            pairs.push(("checkbox label", visuals.fg_stroke.color, panel, false));
            pairs.push(("on a filled control", visuals.fg_stroke.color, bg, false));
        }
        // A disabled control ("Load" with no path typed) is painted at `disabled_alpha`,
        // its fill and its text alike, over the window or panel behind it.
        for behind in [panel, v.window_fill] {
            for visuals in [w.inactive, w.noninteractive] {
                let fade = |c: egui::Color32| c.gamma_multiply(v.disabled_alpha());
                let bg = over(fade(visuals.weak_bg_fill), behind);
                pairs.push((
                    "disabled button",
                    over(fade(visuals.fg_stroke.color), bg),
                    bg,
                    false,
                ));
            }
        }
        let selected = over(v.selection.bg_fill, panel);
        pairs.push((
            "selected row, selected tab or item",
            v.selection.stroke.color,
            selected,
            false,
        ));
        let marked = super::super::highlight::background(v.dark_mode);
        pairs.push((
            "highlighted search word",
            v.strong_text_color(),
            marked,
            false,
        ));
        pairs
    }

    /// The colour egui paints a text field's hint in, as its style gives it.
    fn hint_color(ui: &egui::Ui) -> egui::Color32 {
        let id = egui::Id::unique("hint probe");
        let style: egui::widget_style::TextEditStyle =
            ui.widget_style(id, &egui::class::Classes::default());
        style.hint_text_color
    }

    #[test]
    fn every_text_style_reaches_7_to_1_in_both_themes() {
        let ctx = styled();
        let mut under = Vec::new();
        for theme in [egui::Theme::Light, egui::Theme::Dark] {
            ctx.set_theme(theme);
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                for (what, fg, bg, large) in text_styles(ui) {
                    let need = if large { LARGE_TEXT } else { SMALL_TEXT };
                    let ratio = contrast(fg, bg);
                    if ratio < need {
                        under.push(format!("{theme:?}: {what} {fg:?} on {bg:?}: {ratio:.2}:1"));
                    }
                }
            });
            output.textures_delta.clear();
        }
        assert!(
            under.is_empty(),
            "under {SMALL_TEXT}:1:\n{}",
            under.join("\n")
        );
        // The test can fail: egui's own weak text does not pass, in either theme.
        let plain = egui::Context::default();
        for theme in [egui::Theme::Light, egui::Theme::Dark] {
            let v = plain.style_of(theme).visuals.clone();
            let weak = over(v.weak_text_color(), v.panel_fill);
            assert!(contrast(weak, v.panel_fill) < SMALL_TEXT, "{theme:?}");
        }
    }

    #[test]
    fn the_focused_control_is_outlined_3_to_1_in_both_themes() {
        let ctx = styled();
        for theme in [egui::Theme::Light, egui::Theme::Dark] {
            let visuals = &ctx.style_of(theme).visuals;
            let ring = visuals.widgets.active.bg_stroke;
            assert!(ring.width >= 2.0, "{theme:?}: a focus ring, not a shade");
            for behind in [visuals.panel_fill, visuals.window_fill] {
                let ratio = contrast(ring.color, behind);
                assert!(
                    ratio >= 3.0,
                    "{theme:?}: focus ring on {behind:?} is {ratio:.2}:1"
                );
            }
        }
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

    /// Every mark that shows a control or the keyboard's place, against what it is drawn
    /// on, in each state a control is drawn in: the box or frame outline (resting and
    /// under the pointer) on the panel, the window and the control's own fill; the check
    /// mark on the box; the focus ring (buttons, checkboxes, headers, splitters) and a
    /// focused text field's frame on the panel, the window and the field.
    fn control_marks(v: &egui::Visuals) -> Vec<(&'static str, egui::Stroke, egui::Color32)> {
        let w = &v.widgets;
        let grounds = [("panel", v.panel_fill), ("window", v.window_fill)];
        let mut marks = Vec::new();
        for (state, visuals) in [("resting", w.inactive), ("hovered", w.hovered)] {
            for (_, bg) in grounds {
                marks.push((state, visuals.bg_stroke, bg));
            }
            marks.push((
                state,
                visuals.bg_stroke,
                over(visuals.bg_fill, v.panel_fill),
            ));
            let box_fill = over(visuals.bg_fill, v.panel_fill);
            marks.push(("check mark", visuals.fg_stroke, box_fill));
        }
        // A radio button's ring and dot, on the panel, a menu (window) and its own fill.
        for (state, visuals) in [
            ("radio ring", w.inactive),
            ("radio ring, hovered", w.hovered),
        ] {
            let (ring, dot) = radio_marks(&visuals);
            let fill = over(visuals.bg_fill, v.window_fill);
            for (_, bg) in grounds {
                marks.push((state, ring, bg));
            }
            marks.push((state, ring, fill));
            marks.push(("radio dot", egui::Stroke::new(RADIO_RING, dot), fill));
        }
        for (_, bg) in grounds {
            marks.push(("focus ring", w.active.bg_stroke, bg));
            marks.push(("focused text field", v.selection.stroke, bg));
        }
        marks.push((
            "focused text field",
            v.selection.stroke,
            v.text_edit_bg_color(),
        ));
        marks
    }

    #[test]
    fn every_control_outline_and_focus_mark_reaches_3_to_1_in_both_themes() {
        let ctx = styled();
        for theme in [egui::Theme::Light, egui::Theme::Dark] {
            let visuals = &ctx.style_of(theme).visuals;
            for (what, stroke, behind) in control_marks(visuals) {
                assert!(stroke.width >= 1.0, "{theme:?}: {what} is drawn");
                if what.starts_with("radio") {
                    assert!(stroke.width >= 1.5, "{theme:?}: {what} is no hairline");
                }
                let ratio = contrast(stroke.color, behind);
                assert!(
                    ratio >= 3.0,
                    "{theme:?}: {what} {:?} on {behind:?} is {ratio:.2}:1",
                    stroke.color
                );
            }
        }
        // The test can fail: egui's own light theme draws a resting box with no outline.
        let plain = egui::Context::default();
        let v = plain.style_of(egui::Theme::Light).visuals.clone();
        assert!(
            control_marks(&v)
                .iter()
                .any(|(_, stroke, behind)| stroke.width < 1.0
                    || contrast(stroke.color, *behind) < 3.0)
        );
    }

    /// In a menu (egui takes every outline away there), the checkbox and the radio
    /// button are outlined as elsewhere, the radio's ring no hairline.
    #[test]
    fn a_menus_checkbox_and_radio_button_are_outlined() {
        let shapes_of = |restore: bool| {
            let ctx = styled();
            ctx.set_theme(egui::Theme::Light);
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                egui::containers::menu::menu_style(ui.style_mut());
                if restore {
                    outlined_in_menu(ui);
                }
                let mut on = false;
                ui.checkbox(&mut on, "Companion mode");
                radio(ui, true, "Light");
            });
            output.textures_delta.clear();
            let outline = ctx
                .style_of(egui::Theme::Light)
                .visuals
                .widgets
                .inactive
                .bg_stroke;
            let boxed = output
                .shapes
                .iter()
                .any(|c| matches!(&c.shape, egui::Shape::Rect(r) if r.stroke == outline));
            let ringed = output.shapes.iter().any(|c| {
                matches!(&c.shape, egui::Shape::Circle(r)
                    if r.stroke.color == outline.color && r.stroke.width >= RADIO_RING)
            });
            (boxed, ringed)
        };
        assert_eq!(shapes_of(true), (true, true));
        // The test can fail: egui's menu style draws neither outline.
        assert_eq!(shapes_of(false), (false, false));
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

    /// An incident's bar at 0/4 shows in both themes: its track is outlined as a control
    /// is (egui's empty track is near-white on the light panel, 1.1:1).
    #[test]
    fn an_empty_progress_bar_is_outlined_in_both_themes() {
        let ctx = styled();
        for theme in [egui::Theme::Light, egui::Theme::Dark] {
            ctx.set_theme(theme);
            let mut bar = egui::Rect::NOTHING;
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                bar = progress_bar(ui, egui::ProgressBar::new(0.0).desired_height(8.0)).rect;
            });
            output.textures_delta.clear();
            let visuals = ctx.style_of(theme).visuals.clone();
            let outline = visuals.widgets.inactive.bg_stroke;
            let outlined = output.shapes.iter().any(|c| {
                matches!(&c.shape, egui::Shape::Rect(r) if r.stroke == outline && r.rect == bar)
            });
            assert!(outlined, "{theme:?}: the empty bar has an outline");
            let ratio = contrast(outline.color, visuals.panel_fill);
            assert!(ratio >= 3.0, "{theme:?}: its outline is {ratio:.2}:1");
        }
    }
}
