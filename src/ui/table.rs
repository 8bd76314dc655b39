//! The virtualized results table with sortable headers.

use std::collections::HashMap;

use egui::{Label, RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use super::app::ExplorerApp;
use super::highlight;
use crate::explorer::SortColumn;

const ROW_HEIGHT: f32 = 22.0;
/// Code, status, category and catalog columns at their initial widths, plus spacing.
const FIXED_COLUMNS_WIDTH: f32 = 92.0 + 56.0 + 170.0 + 110.0 + 40.0;

/// Highlight marks of the visible cells, kept until the query changes so a frame only
/// draws and never searches.
#[derive(Default)]
pub(super) struct MarkCache {
    query: String,
    cells: HashMap<(usize, bool), Vec<usize>>,
}

pub(super) fn show(app: &mut ExplorerApp, ui: &mut Ui) {
    egui::CentralPanel::default().show(ui, |ui| {
        if app.explorer.rows().is_empty() {
            empty_state(app, ui);
        } else {
            table(app, ui);
        }
    });
}

fn empty_state(app: &mut ExplorerApp, ui: &mut Ui) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() / 3.0);
        ui.heading("No error matches");
        ui.label("Try fewer words, a code such as 0308, or a status such as 429.");
        ui.add_space(8.0);
        if ui.button("Clear search and filters").clicked() {
            app.explorer.clear_all();
        }
    });
}

fn table(app: &mut ExplorerApp, ui: &mut Ui) {
    let available = ui.available_height();
    app.flags.page_rows = ((available / ROW_HEIGHT) as usize).saturating_sub(2).max(1);
    // Only the last column can fill the width, so the message column starts with what
    // the others leave; the catalog column then absorbs later window resizes.
    let message_width = (ui.available_width() - FIXED_COLUMNS_WIDTH).max(200.0);
    // Cells truncate their text rather than clip it: a clip rect per cell costs a draw
    // call per cell (about a hundred a frame), which software renderers feel.
    let mut builder = TableBuilder::new(ui)
        .id_salt("results")
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .striped(true)
        .resizable(true)
        .sense(Sense::click())
        .max_scroll_height(available)
        .auto_shrink(false)
        .column(Column::initial(92.0).at_least(70.0))
        .column(Column::initial(56.0).at_least(44.0))
        .column(Column::initial(message_width).at_least(160.0))
        .column(Column::initial(170.0).at_least(60.0))
        .column(Column::remainder().at_least(100.0));
    if let Some(pos) = app.flags.scroll_to.take() {
        builder = builder.scroll_to_row(pos, None);
    }
    builder
        .header(ROW_HEIGHT + 2.0, |mut header| {
            for (column, name) in [
                (SortColumn::Code, "Code"),
                (SortColumn::Status, "Status"),
                (SortColumn::Message, "Message"),
                (SortColumn::Category, "Category"),
                (SortColumn::Catalog, "Catalog"),
            ] {
                header.col(|ui| sort_button(app, ui, column, name));
            }
        })
        .body(|body| {
            let rows = app.explorer.shared_rows();
            let selected = app.explorer.selected();
            body.rows(ROW_HEIGHT, rows.len(), |mut row| {
                let catalog_row = rows[row.index()];
                row.set_selected(selected == Some(catalog_row));
                draw_row(app, &mut row, catalog_row);
                if row.response().clicked() {
                    app.explorer.select(&app.catalog, Some(catalog_row));
                }
            });
        });
}

fn sort_button(app: &mut ExplorerApp, ui: &mut Ui, column: SortColumn, name: &str) {
    let sort = app.explorer.state.sort;
    let arrow = match (sort.column == Some(column), sort.descending) {
        (true, false) => " ^",
        (true, true) => " v",
        _ => "",
    };
    let button = egui::Button::new(RichText::new(format!("{name}{arrow}")).strong()).frame(false);
    if ui
        .add(button)
        .on_hover_text("Sort; click again to reverse, a third time for relevance")
        .clicked()
    {
        app.explorer.state.sort = sort.clicked(column);
    }
}

fn draw_row(app: &mut ExplorerApp, row: &mut egui_extras::TableRow<'_, '_>, r: usize) {
    let entry = &app.catalog.entries[r];
    let query = &app.explorer.state.query;
    let cache = &mut app.flags.marks;
    if cache.query != *query {
        cache.query = query.clone();
        cache.cells.clear();
    }
    let index = &app.index;
    let code_marks = cache
        .cells
        .entry((r, true))
        .or_insert_with(|| index.highlights(&entry.code, query))
        .clone();
    let message_marks = cache
        .cells
        .entry((r, false))
        .or_insert_with(|| index.highlights(&entry.message, query))
        .clone();
    row.col(|ui| {
        ui.add(Label::new(highlight::job(ui, &entry.code, &code_marks)).selectable(false));
    });
    row.col(|ui| {
        ui.add(Label::new(entry.http_status.to_string()).selectable(false));
    });
    row.col(|ui| {
        ui.add(
            Label::new(highlight::job(ui, &entry.message, &message_marks))
                .selectable(false)
                .truncate(),
        )
        .on_hover_text(&entry.message);
    });
    row.col(|ui| {
        ui.add(
            Label::new(entry.category.label())
                .selectable(false)
                .truncate(),
        );
    });
    row.col(|ui| {
        let title = &app.catalog.source_of(entry).title;
        ui.add(Label::new(title.as_str()).selectable(false).truncate());
    });
}
