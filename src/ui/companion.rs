//! Companion mode: a small window that stays on top beside the terminal and the browser.
//! It keeps what a glance needs: the search box, the best row for the query (or the
//! paste), and that row's checklist, worked in place when an incident for it is open.

use egui::{RichText, Ui};

use super::app::View;
use super::{clipboard, detail, incidents, search_bar};
use crate::analysis::FoundError;
use crate::http_status::with_reason;
use crate::report::view::ErrorView;
use crate::session::{Action, ExplorerAction, Preferences, Session, SettingsAction};

/// The companion window's size when it is entered.
pub(super) const SIZE: egui::Vec2 = egui::vec2(440.0, 620.0);
/// It may be made smaller than the full window's minimum.
pub(super) const MIN_SIZE: egui::Vec2 = egui::vec2(320.0, 360.0);

pub(super) fn companion_ui(ui: &mut Ui, session: &Session, view: &mut View, out: &mut Vec<Action>) {
    egui::Panel::top("companion_top").show(ui, |ui| {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            let full = ui
                .button("Full window")
                .on_hover_text("Leave companion mode (also in the View menu)");
            if full.clicked() {
                out.push(Action::Settings(SettingsAction::SetPreferences(
                    Preferences {
                        companion: false,
                        ..session.settings().preferences()
                    },
                )));
            }
            if let Some(status) = view.status() {
                ui.weak(status);
            }
        });
        // Wrapped: at 440 px the count goes under the box instead of being cut.
        ui.horizontal_wrapped(|ui| search_bar::search_bar_ui(ui, session, view, out));
        if let Some(offer) = session.desk().clipboard_offer() {
            let searching = !session.explorer().state.query.is_empty();
            clipboard::offer_ui(ui, offer, searching, out);
        }
        ui.add_space(4.0);
    });
    egui::CentralPanel::default().show(ui, |ui| {
        let shown = (session.explorer().selected(), false, None);
        let mut scroll = egui::ScrollArea::vertical();
        // Another row or paste starts at the top, as in the full window's pane.
        let moved = view.detail_shown.replace(shown) != Some(shown);
        if std::mem::take(&mut view.detail_to_top) || moved {
            scroll = scroll.vertical_scroll_offset(0.0);
        }
        scroll.show(ui, |ui| {
            match session.explorer().selected() {
                Some(row) => best_row_ui(ui, session, view, row, out),
                None => {
                    ui.add_space(12.0);
                    ui.weak("No error matches. Type a code, a status or the customer's words.");
                }
            }
            super::in_sight::keep_focus_in_view(ui);
        });
    });
}

/// The row the search (or the paste) put first, and its checklist.
fn best_row_ui(ui: &mut Ui, session: &Session, view: &mut View, row: usize, out: &mut Vec<Action>) {
    view.selection.refresh(session, row);
    let catalog = session.catalog();
    let entry = &catalog.entries[row];
    ui.label(
        RichText::new(format!(
            "{} {}",
            entry.code(),
            with_reason(entry.http_status)
        ))
        .heading()
        .strong(),
    );
    ui.add(egui::Label::new(entry.message()).wrap());
    if !view.selection.why().is_empty() {
        ui.label(RichText::new(format!("Matched: {}", view.selection.why())).weak());
    }
    ui.horizontal_wrapped(|ui| {
        let explorer = session.explorer();
        let rows = explorer.rows().len();
        // The first row is the best; once Up/Down moved on, say which one this is.
        let place = match explorer.selected_position() {
            Some(0) => format!("Best of {rows}"),
            Some(i) => format!("Row {} of {rows}", i + 1),
            None => "Not among the rows shown".to_string(),
        };
        ui.weak(format!("{place} · Up/Down for the next"));
        if ui
            .small_button("Copy code")
            .on_hover_text("Ctrl+C")
            .clicked()
        {
            out.push(Action::Explorer(ExplorerAction::CopyCode));
        }
    });
    ui.separator();
    let key = catalog.key_of(row);
    let open = session.incidents();
    let working = open
        .active()
        .filter(|i| i.row == key)
        .or_else(|| open.book().incidents.iter().find(|i| i.row == key));
    match working {
        Some(incident) => {
            let (done, total) = incident.progress();
            let title = open.title(incident.id).unwrap_or_else(|| incident.title());
            ui.label(RichText::new(format!("{title}  ·  {done}/{total}")).strong());
            for step in 0..incident.steps.len() {
                incidents::step_ui(ui, incident, step, false, out);
            }
        }
        None => {
            // The paste's match carries its facts into the incident, as in the full window.
            let pasted = pasted_error(session, row);
            if let Some(e) = pasted {
                // What the paste says (request id, detail...), for the ticket at a glance.
                let error = ErrorView::of(catalog, e);
                super::fields::fields_ui(
                    ui,
                    error
                        .facts
                        .iter()
                        .map(|f| (f.name.as_str(), f.value.as_str())),
                    2.0,
                );
            }
            detail::checklist_ui(ui, view.selection.checklist(), row, pasted.is_some(), out);
        }
    }
}

/// The paste's error shown, when `row` is its match.
fn pasted_error(session: &Session, row: usize) -> Option<&FoundError> {
    let paste = session.paste();
    let e = paste.analysis.as_ref()?.errors.get(paste.shown)?;
    (e.matched()?.row == row).then_some(e)
}
