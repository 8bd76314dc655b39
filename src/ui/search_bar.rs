//! The search box and the "N of M" count.

use std::borrow::Cow;

use egui::{Id, Ui};

use super::app::View;
use crate::session::{Action, ExplorerAction, PasteAction, Session};

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
        // Room stays for the count and the Clear button, in what is left of the row
        // (a narrow window's Filters button comes first: "364 of 364" broke in two).
        .desired_width((ui.available_size_before_wrap().x - 170.0).clamp(120.0, 520.0));
    // Asked for (Ctrl+F, `/`, Esc in it) before the box is drawn, so it takes what was
    // typed in the same frame: asked for after, the box lost that character (typing
    // right after Ctrl+F, as a tester's xdotool did, dropped one now and then).
    if std::mem::take(&mut view.focus_search) {
        ui.memory_mut(|m| m.request_focus(id()));
    }
    let response = ui.add(edit).labelled_by(label.id);
    if response.changed() {
        out.push(Action::Explorer(ExplorerAction::SetQuery(
            query.into_owned(),
        )));
    }
    if session.query_is_response()
        && ui
            .button("This looks like a response: analyze it")
            .on_hover_text("Analyze it in the paste panel instead of searching its words")
            .clicked()
    {
        out.push(Action::Paste(PasteAction::Paste(state.query.clone())));
        out.push(Action::Explorer(ExplorerAction::SetQuery(String::new())));
    }
    ui.label(count_text(session));
    if let Some(code) = session.explorer().corrected_code()
        && ui
            .link(format!("Did you mean {code}?"))
            .on_hover_text("The code as typed is in no catalog: these are the rows of this one")
            .clicked()
    {
        out.push(Action::Explorer(ExplorerAction::SetQuery(code.to_string())));
    }
    let filtered = !state.query.is_empty() || !state.filters.is_empty();
    if filtered
        && ui
            .button("Clear")
            .on_hover_text("Clear search and filters (Ctrl+Z brings them back)")
            .clicked()
    {
        out.push(Action::Explorer(ExplorerAction::ClearSearch));
    }
}

/// "364 of 364"; for a search some rows match only in part: "12 rows · 3 match every word".
fn count_text(session: &Session) -> String {
    let explorer = session.explorer();
    let shown = explorer.rows().len();
    let complete = explorer.complete_shown();
    if complete == 0 && shown > 0 {
        let rows = crate::wording::count_of(shown, "row");
        format!("{rows} · none match every word")
    } else if complete < shown {
        let rows = crate::wording::count_of(shown, "row");
        format!("{rows} · {complete} match every word")
    } else {
        format!("{shown} of {}", session.catalog().entries.len())
    }
}
