//! Menu bar and search row at the top of the window.

use egui::Ui;

use super::app::View;
use super::search_bar;
use crate::session::{Action, CaseAction, Session, SettingsAction, ThemeChoice};

pub(super) fn top_bar_ui(ui: &mut Ui, session: &Session, view: &mut View, out: &mut Vec<Action>) {
    egui::Panel::top("top_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            let titles = [
                file_menu_ui(ui, view),
                view_menu_ui(ui, session, out),
                help_menu_ui(ui),
            ];
            for title in titles {
                let_go_after_pointer(ui, &title);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some(status) = view.status() {
                    ui.weak(status);
                    // Come back when it expires, so it is not left standing.
                    let secs = super::app::STATUS_SECONDS;
                    ui.ctx()
                        .request_repaint_after(std::time::Duration::from_secs(secs));
                }
                if let Some(loading) = session.library().loading() {
                    let progress = loading.progress();
                    // A still bar, not a spinner: a spinner redraws every frame, and on a
                    // two-core machine those frames take the loader's CPU.
                    if let Some(percent) = progress.percent {
                        let bar = egui::ProgressBar::new(f32::from(percent) / 100.0);
                        super::look::progress_bar(ui, bar.desired_width(60.0));
                    }
                    ui.weak(format!("Loading {progress}"))
                        .on_hover_text(loading.names());
                    // The progress moves on the worker: look again twice a second (each
                    // frame drawn is CPU the loader does not get).
                    ui.ctx()
                        .request_repaint_after(std::time::Duration::from_millis(500));
                }
            });
        });
        ui.add_space(2.0);
        // Wrapped: in a narrow window the count and Clear go to a second line, not off it.
        ui.horizontal_wrapped(|ui| {
            let (catalog, explorer) = (session.catalog(), session.explorer());
            super::facets::toggle_ui(
                ui,
                catalog,
                explorer,
                (&mut view.focus_filters, &mut view.facets_to_top),
                out,
            );
            search_bar::search_bar_ui(ui, session, view, out);
        });
        if let Some(offer) = session.desk().clipboard_offer() {
            let searching = !session.explorer().state.query.is_empty();
            super::clipboard::offer_ui(ui, offer, searching, out);
        }
        notices_ui(ui, session.notices(), out);
        font_notice_ui(ui, view);
        ui.add_space(4.0);
    });
}

/// Load and save problems, where the engineer sees them whatever the panes show.
fn notices_ui(ui: &mut Ui, notices: &[String], out: &mut Vec<Action>) {
    if notices.is_empty() {
        return;
    }
    ui.add_space(4.0);
    let color = super::look::warning_color(ui);
    for notice in notices {
        ui.add(egui::Label::new(egui::RichText::new(notice).color(color)).wrap());
    }
    if ui.small_button("Dismiss").clicked() {
        out.push(Action::Case(CaseAction::DismissNotices));
    }
}

/// A menu closed with the pointer leaves the keyboard on its title, drawn highlighted as
/// if still open: let go once the pointer moves or clicks. (Opened and closed by
/// keyboard, the title keeps the keyboard, and shows it.)
fn let_go_after_pointer(ui: &Ui, title: &egui::Response) {
    let open = egui::Popup::is_id_open(ui.ctx(), egui::Popup::default_response_id(title));
    let pointer = ui.input(|i| i.pointer.is_moving() || i.pointer.any_pressed());
    if title.has_focus() && !open && pointer {
        title.surrender_focus();
    }
}

/// No font draws Chinese (`ui/fonts.rs`): what to install, until dismissed.
fn font_notice_ui(ui: &mut Ui, view: &mut View) {
    let Some(notice) = view.font_notice else {
        return;
    };
    ui.add_space(4.0);
    let color = super::look::warning_color(ui);
    ui.horizontal_wrapped(|ui| {
        ui.add(egui::Label::new(egui::RichText::new(notice).color(color)).wrap());
        if ui.small_button("Dismiss").clicked() {
            view.font_notice = None;
        }
    });
}

fn file_menu_ui(ui: &mut Ui, view: &mut View) -> egui::Response {
    ui.menu_button("File", |ui| {
        if ui
            .button("Open... (Ctrl+O)")
            .on_hover_text("A response, log or HAR file to analyze")
            .clicked()
        {
            view.open_file.start(ui.ctx());
        }
        if ui.button("Catalogs...").clicked() {
            view.show_catalogs = true;
        }
        if ui.button("Team folder...").clicked() {
            view.team_path.get_or_insert_with(String::new);
        }
        if ui.button("Quit").clicked() {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    })
    .response
}

fn view_menu_ui(ui: &mut Ui, session: &Session, out: &mut Vec<Action>) -> egui::Response {
    let theme = session.settings().theme();
    ui.menu_button("View", |ui| {
        super::look::outlined_in_menu(ui);
        let mut preferences = session.settings().preferences();
        let offer = ui
            .checkbox(
                &mut preferences.offer_clipboard,
                "Offer to analyze the clipboard",
            )
            .on_hover_text("When the window gains focus and the clipboard holds an APIG error");
        let companion = ui
            .checkbox(&mut preferences.companion, "Companion mode")
            .on_hover_text("A small window that stays on top: search, best row, checklist");
        if offer.changed() || companion.changed() {
            out.push(Action::Settings(SettingsAction::SetPreferences(
                preferences,
            )));
        }
        ui.separator();
        ui.label("Theme");
        for (choice, label) in [
            (ThemeChoice::System, "Follow system"),
            (ThemeChoice::Light, "Light"),
            (ThemeChoice::Dark, "Dark"),
        ] {
            if super::look::radio(ui, theme == choice, label).clicked() {
                out.push(Action::Settings(SettingsAction::SetTheme(choice)));
            }
        }
        ui.separator();
        // The buttons below are a menu's items again, not framed buttons.
        egui::containers::menu::menu_style(ui.style_mut());
        let zoom = ui.ctx().zoom_factor();
        if ui.button("Zoom in (Ctrl+=)").clicked() {
            ui.ctx().set_zoom_factor((zoom + 0.1).min(3.0));
        }
        if ui.button("Zoom out (Ctrl+-)").clicked() {
            ui.ctx().set_zoom_factor((zoom - 0.1).max(0.5));
        }
        if ui.button("Reset zoom (Ctrl+0)").clicked() {
            ui.ctx().set_zoom_factor(1.0);
        }
    })
    .response
}

fn help_menu_ui(ui: &mut Ui) -> egui::Response {
    ui.menu_button("Help", |ui| {
        ui.strong(concat!("APIG Error Explorer ", env!("CARGO_PKG_VERSION")));
        ui.separator();
        egui::Grid::new("shortcuts").num_columns(2).show(ui, |ui| {
            for (keys, what) in SHORTCUTS {
                ui.strong(*keys);
                ui.label(*what);
                ui.end_row();
            }
        });
    })
    .response
}

/// The keyboard shortcuts, as the Help menu lists them; the README's Keyboard table has
/// the same keys in the same order, and every key the window's code reads is here (the
/// tests below hold both).
pub(super) const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl+F or /", "Focus the search box"),
    (
        "Esc",
        "Close a menu or dialog; else leave the focused control (the search box: clear it first); else clear the search, then the filters",
    ),
    (
        "Ctrl+Z",
        "Bring back what Esc or Clear cleared (outside a text field)",
    ),
    (
        "Up / Down",
        "Previous / next row, from the search box or no control; on a control: the control above / below",
    ),
    (
        "PageUp / PageDown",
        "Move the selection by a page (as Up / Down)",
    ),
    (
        "Home / End",
        "First / last row (when no control has the keyboard)",
    ),
    (
        "Alt+E / Alt+I",
        "Show the entry / the incidents beside the table",
    ),
    (
        "Ctrl+C",
        "Copy the selected text, or the selected row's code when no text is selected",
    ),
    (
        "Ctrl+V",
        "Paste and analyze (in the search box, what reads like a response)",
    ),
    ("Ctrl+O", "Open a file and analyze it"),
    (
        "Alt+F",
        "To the filters; in a narrow window, show or fold them",
    ),
    ("Alt+H", "Hide / show the paste panel"),
    (
        "Enter",
        // Short enough for a 640 px window (the README says more).
        "Analyze the offered clipboard; work the open incident; a new line in a note",
    ),
    (
        "Tab / Shift+Tab",
        "Next / previous control, in reading order (the focused one is outlined)",
    ),
    ("Space", "Press the focused button, tick the focused box"),
    ("Ctrl+= / Ctrl+- / Ctrl+0", "Zoom in / out / reset"),
];

#[cfg(test)]
mod tests {
    use super::SHORTCUTS;

    /// A key column's words: "Alt+E / Alt+I" is Alt, E, /, Alt, I.
    fn words(keys: &str) -> Vec<&str> {
        keys.split([' ', '+']).filter(|w| !w.is_empty()).collect()
    }

    /// How the Help menu writes a key egui names `name`.
    fn shown(name: &str) -> &str {
        match name {
            "ArrowUp" => "Up",
            "ArrowDown" => "Down",
            "Escape" => "Esc",
            "Slash" => "/",
            other => other,
        }
    }

    /// Every `Key::…` the window's own code reads (all of `src/ui`), and every modifier,
    /// is listed in the Help menu: a shortcut added to the code and not to the list fails.
    #[test]
    fn every_key_the_window_reads_is_in_the_help_menu() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
        let listed: Vec<&str> = SHORTCUTS.iter().flat_map(|(k, _)| words(k)).collect();
        let mut read = Vec::new();
        for file in std::fs::read_dir(&dir).expect("src/ui") {
            let path = file.expect("an entry").path();
            let code = std::fs::read_to_string(&path).expect("a source file");
            for after in code.split("Key::").skip(1) {
                let name: String = after
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect();
                if !name.is_empty() {
                    read.push((name, path.clone()));
                }
            }
            for (modifier, word) in [("Modifiers::COMMAND", "Ctrl"), ("Modifiers::ALT", "Alt")] {
                if code.contains(modifier) {
                    read.push((word.to_string(), path.clone()));
                }
            }
        }
        assert!(read.len() > 10, "the scan finds the keys: {read:?}");
        for (name, path) in read {
            let word = shown(&name);
            assert!(
                listed.contains(&word),
                "{} reads {name}, which Help does not list ({word})",
                path.display()
            );
        }
    }

    /// A key as Help writes it: "Alt+E", "Ctrl+O", "/", "Up".
    fn written(modifiers: egui::Modifiers, key: egui::Key) -> String {
        let mut text = String::new();
        if modifiers.command || modifiers.ctrl {
            text.push_str("Ctrl+");
        }
        if modifiers.alt {
            text.push_str("Alt+");
        }
        text + shown(key.name())
    }

    /// Help's key column, one key a piece: "Alt+E / Alt+I" is Alt+E and Alt+I, "Ctrl+F
    /// or /" is Ctrl+F and /.
    fn help_keys() -> Vec<&'static str> {
        SHORTCUTS
            .iter()
            .flat_map(|(keys, _)| keys.split(" / ").flat_map(|k| k.split(" or ")))
            .map(str::trim)
            .collect()
    }

    /// Every key the window dispatches on (its shortcut and navigation tables) is in Help,
    /// and every key Help lists is one of them or one egui itself handles: the Filters
    /// and Alt+H keys were missing from Help.
    #[test]
    fn help_lists_exactly_the_keys_the_window_dispatches_on() {
        use super::super::keys::{NAVIGATION_KEYS, SHORTCUT_KEYS};
        let help = help_keys();
        let mut dispatched: Vec<String> = SHORTCUT_KEYS
            .iter()
            .map(|(m, k, _)| written(*m, *k))
            .chain(
                NAVIGATION_KEYS
                    .iter()
                    .map(|(k, _, _)| written(egui::Modifiers::NONE, *k)),
            )
            .collect();
        for key in &dispatched {
            assert!(help.contains(&key.as_str()), "Help does not list {key}");
        }
        // Read as events or by egui (focus, buttons, zoom), not through the tables.
        let by_egui_or_events = [
            "Esc",
            "Ctrl+C",
            "Ctrl+V",
            "Enter",
            "Tab",
            "Shift+Tab",
            "Space",
            "Ctrl+=",
            "Ctrl+-",
            "Ctrl+0",
        ];
        dispatched.extend(by_egui_or_events.iter().map(ToString::to_string));
        for key in help {
            assert!(
                dispatched.iter().any(|d| d == key),
                "Help lists {key}, which nothing reads"
            );
        }
    }

    /// The README's Keyboard table lists the same keys as the Help menu, in its order.
    #[test]
    fn the_readme_keyboard_table_is_the_help_menus_list() {
        let readme = include_str!("../../README.md");
        let table = readme
            .split("## Keyboard")
            .nth(1)
            .expect("a Keyboard section")
            .lines()
            .skip_while(|l| !l.starts_with("| Keys"))
            .skip(2)
            .take_while(|l| l.starts_with('|'));
        let keys: Vec<String> = table
            .filter_map(|l| l.split('|').nth(1))
            .map(|k| k.trim().replace('`', ""))
            .collect();
        let help: Vec<&str> = SHORTCUTS.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, help);
        assert!(help.contains(&"Tab / Shift+Tab"), "Tab is listed");
    }
}
