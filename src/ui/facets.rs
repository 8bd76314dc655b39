//! The filter panel: one checkbox per facet value, with its live count.

use egui::Ui;

use crate::catalog::Catalog;
use crate::explorer::Explorer;
use crate::http_status::with_reason;
use crate::session::{Action, ExplorerAction};

/// Below this window width the filters fold behind the search row's Filters button: at
/// 640 px, beside them and the detail pane, the table's message column kept a few
/// characters.
const FOLD_BELOW: f32 = 800.0;

/// The window is too narrow for the filters beside the table.
pub(super) fn narrow(ctx: &egui::Context) -> bool {
    ctx.content_rect().width() < FOLD_BELOW
}

/// The search row's Filters button in a narrow window, first in the row (where the
/// panel would be): it shows or folds the filter panel, and says how many values are
/// ticked.
pub(super) fn toggle_ui(ui: &mut Ui, explorer: &Explorer, open: &mut bool) {
    if !narrow(ui.ctx()) {
        return;
    }
    let ticked = explorer.state.filters.len();
    let text = if ticked == 0 {
        "Filters".to_string()
    } else {
        format!("Filters ({ticked})")
    };
    if ui
        .add(egui::Button::new(text).selected(*open))
        .on_hover_text("Show or fold the filters (folded in a narrow window)")
        .clicked()
    {
        *open = !*open;
    }
}

pub(super) fn facets_ui(
    ui: &mut Ui,
    catalog: &Catalog,
    explorer: &Explorer,
    out: &mut Vec<Action>,
) {
    // Wide enough for "500 Internal Server Error (36)" to lose only a few letters at
    // 640 px; a quarter of a wider window at most.
    let max = (ui.available_width() * 0.25).max(180.0);
    let kept = super::place::keep_size(ui, "facets", 0, egui::Rangef::new(180.0, max));
    egui::Panel::left("facets")
        .resizable(true)
        .default_size(250.0)
        .min_size(180.0)
        .max_size(max)
        .show(ui, |ui| {
            // Not shrunk to its content: a shrunk area keeps the width its wrapped labels
            // had in a narrow window, and the panel with it.
            egui::ScrollArea::vertical()
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    ui.add_space(4.0);
                    ui.horizontal(|ui| {
                        ui.heading("Filters");
                        // Only when there is something to clear: a greyed-out button is
                        // text nobody can read (under 3:1).
                        let any = !explorer.state.filters.is_empty();
                        if any && ui.button("Clear all").clicked() {
                            out.push(Action::Explorer(ExplorerAction::ClearFilters));
                        }
                    });
                    facet_groups_ui(ui, catalog, explorer, out);
                });
        });
    kept.note(ui);
}

fn facet_groups_ui(ui: &mut Ui, catalog: &Catalog, explorer: &Explorer, out: &mut Vec<Action>) {
    let counts = explorer.counts();
    let filters = &explorer.state.filters;
    group(ui, "Catalog", |ui| {
        for (source, n) in &counts.catalogs {
            let source = &catalog.sources[*source];
            if check(ui, filters.catalogs.contains(&source.id), &source.title, *n) {
                out.push(Action::Explorer(ExplorerAction::ToggleCatalog(
                    source.id.clone(),
                )));
            }
        }
    });
    group(ui, "HTTP status", |ui| {
        for (status, n) in &counts.statuses {
            let label = with_reason(*status);
            if check(ui, filters.statuses.contains(status), &label, *n) {
                out.push(Action::Explorer(ExplorerAction::ToggleStatus(*status)));
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
                out.push(Action::Explorer(ExplorerAction::ToggleCategory(*category)));
            }
        }
    });
    group(ui, "Who acts", |ui| {
        for (who, n) in &counts.who_acts {
            if check(ui, filters.who_acts.contains(who), who.label(), *n) {
                out.push(Action::Explorer(ExplorerAction::ToggleWhoActs(*who)));
            }
        }
    });
}

fn group(ui: &mut Ui, title: &str, body: impl FnOnce(&mut Ui)) {
    let shown = egui::CollapsingHeader::new(title)
        .default_open(true)
        .show(ui, body);
    super::look::focus_ring(ui, &shown.header_response);
}

/// A facet checkbox "label (n)"; returns true when clicked. Values with no rows are
/// dimmed but stay clickable, so a ticked value can always be unticked. One line each:
/// in a narrow window the label ends in "…" (its count stays, the whole label shows on
/// hover) instead of wrapping to three lines.
fn check(ui: &mut Ui, checked: bool, label: &str, count: usize) -> bool {
    let mut value = checked;
    let dim = |text: egui::RichText| {
        if count == 0 && !checked {
            text.weak()
        } else {
            text
        }
    };
    let name = dim(egui::RichText::new(label));
    let count_text = dim(egui::RichText::new(format!("({count})")));
    ui.scope(|ui| {
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        let response = ui
            .checkbox(&mut value, (name, count_text))
            .on_hover_text(format!("{label} ({count})"));
        // Tab reaches boxes below the list's fold: the list follows the keyboard, so
        // the outlined box is never one the engineer cannot see.
        if response.gained_focus() {
            response.scroll_to_me(None);
        }
        response.changed()
    })
    .inner
}
