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
                super::help::help_menu_ui(ui, &mut view.toggle_help),
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
                    // The progress moves on the worker: look again once a second. Each
                    // frame drawn is CPU the loader does not get: with software GL
                    // (Xvfb's llvmpipe) one took about 50 ms of CPU, window and GL
                    // threads together (`APIG_EXPLORER_TRACE` and the threads'
                    // schedstat during a cold 100,000-row load, at a load of 10).
                    ui.ctx()
                        .request_repaint_after(std::time::Duration::from_secs(1));
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
            // Closed here: chosen by keyboard (Enter), the menu stayed drawn over the
            // dialog with the keyboard still on its item.
            ui.close();
        }
        if ui.button("Catalogs...").clicked() {
            view.show_catalogs = true;
            view.focus_dialog_field = true;
            ui.close();
        }
        if ui.button("Team folder...").clicked() {
            view.team_path.get_or_insert_with(String::new);
            view.focus_dialog_field = true;
            ui.close();
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
