//! The filter panel: one checkbox per facet value, with its live count.

use egui::Ui;

use super::app::ExplorerApp;
use crate::http_status::with_reason;

pub(super) fn show(app: &mut ExplorerApp, ui: &mut Ui) {
    egui::Panel::left("facets")
        .resizable(true)
        .default_size(210.0)
        .min_size(150.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.add_space(4.0);
                ui.horizontal(|ui| {
                    ui.heading("Filters");
                    let any = !app.explorer.state.filters.is_empty();
                    if ui
                        .add_enabled(any, egui::Button::new("Clear all"))
                        .clicked()
                    {
                        app.explorer.state.filters = Default::default();
                    }
                });
                facet_groups(app, ui);
            });
        });
}

fn facet_groups(app: &mut ExplorerApp, ui: &mut Ui) {
    let counts = app.explorer.counts().clone();
    let filters = &mut app.explorer.state.filters;
    group(ui, "Catalog", |ui| {
        for (source, n) in &counts.catalogs {
            let id = app.catalog.sources[*source].id.clone();
            let title = &app.catalog.sources[*source].title;
            if check(ui, filters.catalogs.contains(&id), title, *n) {
                filters.toggle_catalog(&id);
            }
        }
    });
    group(ui, "HTTP status", |ui| {
        for (status, n) in &counts.statuses {
            let label = with_reason(*status);
            if check(ui, filters.statuses.contains(status), &label, *n) {
                filters.toggle_status(*status);
            }
        }
    });
    group(ui, "Category", |ui| {
        for (category, n) in &counts.categories {
            if check(
                ui,
                filters.categories.contains(category),
                category.label(),
                *n,
            ) {
                filters.toggle_category(*category);
            }
        }
    });
    group(ui, "Who acts", |ui| {
        for (who, n) in &counts.who_acts {
            if check(ui, filters.who_acts.contains(who), who.label(), *n) {
                filters.toggle_who_acts(*who);
            }
        }
    });
}

fn group(ui: &mut Ui, title: &str, body: impl FnOnce(&mut Ui)) {
    egui::CollapsingHeader::new(title)
        .default_open(true)
        .show(ui, body);
}

/// A facet checkbox "label (n)"; returns true when clicked. Values with no rows are
/// dimmed but stay clickable, so a ticked value can always be unticked.
fn check(ui: &mut Ui, checked: bool, label: &str, count: usize) -> bool {
    let mut value = checked;
    let text = egui::RichText::new(format!("{label} ({count})"));
    let text = if count == 0 && !checked {
        text.weak()
    } else {
        text
    };
    ui.checkbox(&mut value, text).changed()
}
