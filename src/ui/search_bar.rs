//! The search box and the "N of M" count.

use egui::{Id, Ui};

use super::app::ExplorerApp;

pub(super) fn id() -> Id {
    Id::unique("search")
}

pub(super) fn show(app: &mut ExplorerApp, ui: &mut Ui) {
    let label = ui.label("Search");
    let edit = egui::TextEdit::singleline(&mut app.explorer.state.query)
        .id(id())
        .hint_text("code, status or the customer's message (Ctrl+F)")
        .desired_width(ui.available_width().min(520.0));
    let response = ui.add(edit).labelled_by(label.id);
    if std::mem::take(&mut app.flags.focus_search) {
        response.request_focus();
    }
    let shown = app.explorer.rows().len();
    let total = app.catalog.entries.len();
    ui.label(format!("{shown} of {total}"));
    let filtered = !app.explorer.state.query.is_empty() || !app.explorer.state.filters.is_empty();
    if filtered
        && ui
            .button("Clear")
            .on_hover_text("Clear search and filters (Esc, Esc)")
            .clicked()
    {
        app.explorer.clear_all();
    }
}
