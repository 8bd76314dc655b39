//! The search box and the "N of M" count.

use std::borrow::Cow;

use egui::{Id, Ui};

use super::app::View;
use crate::session::{Action, Session};

pub(super) fn id() -> Id {
    Id::unique("search")
}

pub(super) fn search_bar_ui(
    ui: &mut Ui,
    session: &Session,
    view: &mut View,
    out: &mut Vec<Action>,
) {
    let state = &session.explorer().state;
    let label = ui.label("Search");
    // Borrowed until the engineer types: no copy of the query per frame.
    let mut query = Cow::Borrowed(state.query.as_str());
    let edit = egui::TextEdit::singleline(&mut query)
        .id(id())
        .hint_text("code, status or the customer's message (Ctrl+F)")
        // Room stays for the count and the Clear button.
        .desired_width((ui.available_width() - 170.0).clamp(120.0, 520.0));
    let response = ui.add(edit).labelled_by(label.id);
    if response.changed() {
        out.push(Action::SetQuery(query.into_owned()));
    }
    if std::mem::take(&mut view.focus_search) {
        response.request_focus();
    }
    view.search_focused = response.has_focus() || response.gained_focus();
    let shown = session.explorer().rows().len();
    let total = session.catalog().entries.len();
    ui.label(format!("{shown} of {total}"));
    let filtered = !state.query.is_empty() || !state.filters.is_empty();
    if filtered
        && ui
            .button("Clear")
            .on_hover_text("Clear search and filters (Esc, Esc)")
            .clicked()
    {
        out.push(Action::ClearSearch);
    }
}
