//! The paste panel's History menu: past analyses, found by their words, reopened; and
//! clearing them, asked first.

use std::borrow::Cow;

use egui::{TextEdit, Ui};

use crate::session::{Action, CaseAction, Session};

/// The keyboard around the History menu: an entry chosen by keyboard took the keyboard
/// away with the menu, so the reopened paste takes it where it is drawn (`chosen`, kept
/// by the window until then); where that paste cannot (it is read-only), this button
/// does (`take`).
pub(super) struct Keyboard<'a> {
    pub(super) take: bool,
    pub(super) chosen: &'a mut bool,
}

/// The History menu's button, labelled `label`, and its menu. `keyboard`: the button
/// takes the keyboard (`take`), and an entry chosen by keyboard is said (`chosen`).
pub(super) fn history_menu_ui(
    ui: &mut Ui,
    session: &Session,
    label: String,
    keyboard: Keyboard<'_>,
    out: &mut Vec<Action>,
) {
    let history = session.history();
    // The Find box is clicked into: only a click outside closes this menu.
    let config = egui::containers::menu::MenuConfig::new()
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
    let (button, open) = egui::containers::menu::MenuButton::new(label)
        .config(config)
        .ui(ui, |ui| {
            if history.entries.is_empty() {
                ui.weak("No analyses yet.");
                return;
            }
            // Down is read before the box is drawn, which would take it.
            let down = ui.memory(|m| m.has_focus(find_id()))
                && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown));
            let find = ui.horizontal(|ui| {
                // Its field outlined as outside the menu (egui's menus drop the outline,
                // and the dark field vanished into the menu's fill).
                super::look::outlined_in_menu(ui);
                let label = ui.label("Find");
                let mut query = Cow::Borrowed(session.casebook().history_query());
                let search = TextEdit::singleline(&mut query)
                    .id(find_id())
                    .hint_text("code, status, request id or words")
                    .desired_width(300.0);
                let find = ui.add(search).labelled_by(label.id);
                if find.changed() {
                    out.push(Action::Case(CaseAction::SearchHistory(query.into_owned())));
                }
                find
            });
            let keys = find_keys(ui, &find.inner, down);
            let matches = session.casebook().history_matches();
            if matches.is_empty() {
                ui.weak("No paste in the history matches.");
            }
            let mut reopen = (keys == FindKeys::Enter)
                .then(|| matches.first().copied())
                .flatten();
            *keyboard.chosen |= reopen.is_some();
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    for (n, i) in matches.into_iter().enumerate() {
                        let Some(e) = history.entries.get(i) else {
                            continue;
                        };
                        // The counts of the whole paste at paste time; a cut entry
                        // reopens only its beginning, and says so then.
                        let cut = if e.is_cut() {
                            format!(" (first {} KB kept)", crate::history::MAX_TEXT_BYTES / 1024)
                        } else {
                            String::new()
                        };
                        let text = format!(
                            "{}  {}  {}  {}  {}{cut}",
                            e.time,
                            e.errors_text(),
                            e.code.as_deref().unwrap_or("no code"),
                            e.http_status.map_or("-".into(), |s| s.to_string()),
                            e.request_id.as_deref().unwrap_or("")
                        );
                        let entry = ui.button(text);
                        if n == 0 && keys == FindKeys::Down {
                            entry.request_focus();
                        }
                        if entry.clicked() {
                            reopen = Some(i);
                            // Enter or Space: the menu and the item with the keyboard go.
                            *keyboard.chosen |= !entry.clicked_by(egui::PointerButton::Primary);
                        }
                    }
                });
            ui.separator();
            clear_history_ui(ui, history.entries.len(), out);
            if let Some(i) = reopen {
                out.push(Action::Case(CaseAction::ReopenHistory(i)));
                ui.close();
            }
        });
    if keyboard.take {
        button.request_focus();
    }
    if open.is_none() {
        // Closed: the next time it opens, the question is not standing there.
        ui.data_mut(|d| d.remove_temp::<bool>(clear_history_asked()));
    }
}

/// The History menu's Find box.
fn find_id() -> egui::Id {
    egui::Id::unique("history_find")
}

/// What the keyboard asked of the Find box this frame.
#[derive(Clone, Copy, PartialEq)]
enum FindKeys {
    None,
    /// Down: to the first entry found (the box's single line has no line below, and the
    /// keyboard stayed in it: only Tab reached the entries).
    Down,
    /// Enter: reopen the first entry found, as a search box's Enter does elsewhere.
    Enter,
}

/// Down (`down`, taken before the box was drawn) or Enter in the Find box (`find`).
fn find_keys(ui: &Ui, find: &egui::Response, down: bool) -> FindKeys {
    if find.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        FindKeys::Enter
    } else if down {
        FindKeys::Down
    } else {
        FindKeys::None
    }
}

/// Where the history menu keeps that "Clear history…" was clicked, until it closes.
fn clear_history_asked() -> egui::Id {
    egui::Id::unique("clear_history_asked")
}

/// "Clear history…", then the question: clearing cannot be undone (the rows are
/// overwritten on disk), so the engineer confirms with the number of pastes it forgets.
/// The question is the menu's own state while it is open, not the session's.
fn clear_history_ui(ui: &mut Ui, count: usize, out: &mut Vec<Action>) {
    let asking = clear_history_asked();
    if !ui.data(|d| d.get_temp::<bool>(asking).unwrap_or(false)) {
        if ui.button("Clear history…").clicked() {
            ui.data_mut(|d| d.insert_temp(asking, true));
        }
        return;
    }
    let pastes = crate::wording::count_of(count, "paste");
    ui.label(format!(
        "Forget {pastes} and their text? This cannot be undone."
    ));
    ui.horizontal(|ui| {
        let clear = ui.button(format!("Clear {pastes}"));
        let keep = ui.button("Keep them");
        if clear.clicked() {
            out.push(Action::Case(CaseAction::ClearHistory));
            ui.close();
        }
        if clear.clicked() || keep.clicked() {
            ui.data_mut(|d| d.remove_temp::<bool>(asking));
        }
    });
}
