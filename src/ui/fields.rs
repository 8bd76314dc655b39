//! Name/value rows, names in one column, values wrapping beside them. Laid out in one
//! pass: egui's `Grid` measures itself in an extra pass of the whole frame the first time
//! it appears, which is the app's first frame.

use egui::{Align, Label, Layout, RichText, TextStyle, Ui};

/// Draw `rows` with `row_gap` points between them.
pub(super) fn fields_ui<'a>(
    ui: &mut Ui,
    rows: impl IntoIterator<Item = (&'a str, &'a str)>,
    row_gap: f32,
) {
    let rows: Vec<(&str, &str)> = rows.into_iter().collect();
    let name_width = rows
        .iter()
        .map(|(name, _)| name_width(ui, name))
        .fold(0.0, f32::max);
    ui.scope(|ui| {
        ui.spacing_mut().item_spacing = egui::vec2(12.0, row_gap);
        for (name, value) in rows {
            ui.horizontal_top(|ui| {
                ui.allocate_ui_with_layout(
                    egui::vec2(name_width, 0.0),
                    Layout::top_down(Align::Min),
                    |ui| {
                        ui.set_min_width(name_width);
                        ui.label(RichText::new(name).weak());
                    },
                );
                ui.add(Label::new(value).wrap());
            });
        }
    });
}

fn name_width(ui: &Ui, name: &str) -> f32 {
    let font = TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().weak_text_color();
    ui.painter()
        .layout_no_wrap(name.to_owned(), font, color)
        .size()
        .x
}
