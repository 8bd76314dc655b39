//! The paste panel: the pasted text on the left, what the analysis found on the right,
//! and the history of past analyses.

use std::borrow::Cow;

use egui::{RichText, TextEdit, Ui};

use super::app::View;
use super::place::{self, Place};
use crate::analysis::{Analysis, FoundError};
use crate::catalog::Catalog;
use crate::report::view::ErrorView;
use crate::session::{Action, CaseAction, CatalogAction, PasteAction, PasteSession, Session};

/// The paste panel's place, reserved before the side panels so it spans the window
/// (see [`place`]); and whether it is folded to its header line.
///
/// [`place`]: super::place
pub(super) fn paste_place(ui: &mut Ui) -> (Place, bool) {
    // Folded to its header line, for the table's sake; egui's memory keeps the choice
    // across restarts.
    let folded = ui.data_mut(|d| *d.get_persisted_mut_or_default::<bool>(folded_id()));
    let panel = egui::Panel::bottom(("paste", folded));
    let panel = if folded {
        // Its contents are drawn later, so they cannot size it: one header line.
        let line = ui
            .text_style_height(&egui::TextStyle::Heading)
            .max(ui.spacing().interact_size.y);
        panel.exact_size(line + 14.0)
    } else {
        panel
            .resizable(true)
            .default_size(260.0)
            .min_size(110.0)
            // However tall it was dragged, the table keeps at least half the height.
            .max_size((ui.available_height() * 0.5).max(110.0))
    };
    (place::reserve(panel, ui), folded)
}

fn folded_id() -> egui::Id {
    egui::Id::unique("paste_folded")
}

pub(super) fn paste_panel_ui(
    ui: &mut Ui,
    (place, folded): (Place, bool),
    session: &Session,
    out: &mut Vec<Action>,
) {
    let (catalog, paste) = (session.catalog(), session.paste());
    place::fill(ui, place, "paste", |ui| {
        ui.add_space(4.0);
        if header_ui(ui, session, folded, out) {
            ui.data_mut(|d| d.insert_persisted(folded_id(), !folded));
        }
        if !folded {
            ui.separator();
            ui.columns(2, |cols| {
                text_area_ui(&mut cols[0], paste, out);
                analysis_pane_ui(&mut cols[1], catalog, paste, out);
            });
        }
    });
}

/// The panel's title line; true when the fold button was clicked.
fn header_ui(ui: &mut Ui, session: &Session, folded: bool, out: &mut Vec<Action>) -> bool {
    ui.horizontal(|ui| {
        let fold = ui
            .button(if folded { "Show" } else { "Hide" })
            .on_hover_text("Fold the paste panel to this line, or open it again")
            .clicked();
        ui.heading("Paste a response");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            history_menu_ui(ui, session, out);
            if ui.button("Clear paste").clicked() {
                out.push(Action::Paste(PasteAction::ClearPaste));
            }
            // In what is left between the heading and the buttons, cut short if need be.
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                let hint = "Ctrl+V anywhere, or drop a .txt, .log, .json or .har file";
                ui.add(egui::Label::new(RichText::new(hint).weak()).truncate());
            });
        });
        fold
    })
    .inner
}

fn history_menu_ui(ui: &mut Ui, session: &Session, out: &mut Vec<Action>) {
    let history = session.history();
    let label = format!("History ({})", history.entries.len());
    // The Find box is clicked into: only a click outside closes this menu.
    let config = egui::containers::menu::MenuConfig::new()
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
    egui::containers::menu::MenuButton::new(label)
        .config(config)
        .ui(ui, |ui| {
            if history.entries.is_empty() {
                ui.weak("No analyses yet.");
                return;
            }
            ui.horizontal(|ui| {
                let label = ui.label("Find");
                let mut query = Cow::Borrowed(session.casebook().history_query());
                let search = TextEdit::singleline(&mut query)
                    .hint_text("code, status, request id or words")
                    .desired_width(300.0);
                if ui.add(search).labelled_by(label.id).changed() {
                    out.push(Action::Case(CaseAction::SearchHistory(query.into_owned())));
                }
            });
            let matches = session.casebook().history_matches();
            if matches.is_empty() {
                ui.weak("No paste in the history matches.");
            }
            let mut reopen = None;
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    for i in matches {
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
                        if ui.button(text).clicked() {
                            reopen = Some(i);
                        }
                    }
                });
            ui.separator();
            if ui.button("Clear history").clicked() {
                out.push(Action::Case(CaseAction::ClearHistory));
                ui.close();
            }
            if let Some(i) = reopen {
                out.push(Action::Case(CaseAction::ReopenHistory(i)));
                ui.close();
            }
        });
}

fn text_area_ui(ui: &mut Ui, paste: &PasteSession, out: &mut Vec<Action>) {
    let capped = paste.is_capped();
    if capped {
        let (kb, mb) = (paste.text.len() / 1024, paste.total_bytes as f64 / 1e6);
        let banner = if paste.restored {
            format!("Restored from history: the first {kb} KB of {mb:.1} MB (read-only).")
        } else {
            format!(
                "Showing the first {kb} KB of {mb:.1} MB (read-only); the analysis covers all of it."
            )
        };
        ui.colored_label(super::look::warning_color(ui), banner);
    }
    let label = ui.label(RichText::new("Pasted text").weak());
    egui::ScrollArea::both()
        .id_salt("paste_text")
        .auto_shrink(false)
        .show(ui, |ui| {
            // Borrowed until edited: a 256 KB paste is not copied every frame.
            let mut text = Cow::Borrowed(paste.text.as_str());
            let edit = egui::TextEdit::multiline(&mut text)
                .code_editor()
                // Tab moves on: a tab typed into a pasted response changes nothing useful.
                .lock_focus(false)
                .hint_text("Paste an HTTP response, curl -v output, JSON body, log line, SDK exception or HAR file")
                .desired_width(f32::INFINITY)
                // Fill the panel, however tall it is.
                .desired_rows(((ui.available_height() / ui.text_style_height(&egui::TextStyle::Monospace)) as usize).max(3))
                .interactive(!capped);
            let response = ui.add(edit).labelled_by(label.id);
            if response.changed() {
                out.push(Action::Paste(PasteAction::EditPaste(text.into_owned())));
            }
        });
}

fn analysis_pane_ui(ui: &mut Ui, catalog: &Catalog, paste: &PasteSession, out: &mut Vec<Action>) {
    egui::ScrollArea::vertical()
        .id_salt("analysis")
        .auto_shrink(false)
        .show(ui, |ui| {
            // Left-aligned, not justified: a justified wrapped line with one long token
            // (a canonical request) is stretched letter by letter.
            ui.with_layout(egui::Layout::top_down(egui::Align::LEFT), |ui| {
                analysis_ui(ui, catalog, paste, out)
            });
        });
}

fn analysis_ui(ui: &mut Ui, catalog: &Catalog, paste: &PasteSession, out: &mut Vec<Action>) {
    if paste.is_busy() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!(
                "Analyzing {:.1} MB...",
                paste.total_bytes as f64 / 1e6
            ));
        });
        return;
    }
    let Some(analysis) = &paste.analysis else {
        ui.weak("The analysis appears here: the error code, its catalog row, and the evidence for the ticket.");
        return;
    };
    overview_ui(ui, analysis, paste.shown, out);
    if paste.sign_offered {
        super::sign_check::sign_check_ui(ui, paste, out);
    }
    if let Some(e) = analysis.errors.get(paste.shown) {
        found_error_ui(ui, catalog, e, out);
    }
}

fn overview_ui(ui: &mut Ui, analysis: &Analysis, shown: usize, out: &mut Vec<Action>) {
    ui.weak(format!("Read as: {}", analysis.format));
    for w in &analysis.warnings {
        ui.colored_label(super::look::warning_color(ui), w);
    }
    if analysis.triage.total > 1 {
        super::triage::triage_ui(ui, analysis, shown, out);
    }
}

/// One error as the view shows it: its heading, then what every front end shows of it.
fn found_error_ui(ui: &mut Ui, catalog: &Catalog, e: &FoundError, out: &mut Vec<Action>) {
    let view = ErrorView::of(catalog, e);
    ui.label(RichText::new(view.heading()).heading().strong());
    super::error_view::error_view_ui(ui, &view, out);
}

/// Files dropped on the window: catalogs (.toml, .rst) are loaded, anything else is read
/// (up to what the analysis covers) and analyzed like a paste, or, while the signature
/// check is open, taken as the request's body.
pub(super) fn dropped_files(
    ctx: &egui::Context,
    view: &mut View,
    body_wanted: bool,
) -> Vec<Action> {
    let dropped = ctx.input(|i| i.raw.dropped_files.clone());
    let mut actions = Vec::new();
    for file in dropped {
        let path = file.path().to_path_buf();
        let ext = path.extension().map(|e| e.to_ascii_lowercase());
        if matches!(ext.as_ref().and_then(|e| e.to_str()), Some("toml" | "rst")) {
            actions.push(Action::Catalog(CatalogAction::AddCatalog(path)));
            view.show_catalogs = true;
            continue;
        }
        // Only regular files are read: a FIFO or a device would block the window.
        if !path.as_os_str().is_empty() && !path.is_file() {
            view.say(format!(
                "Not read: {} is not a regular file",
                path.display()
            ));
            continue;
        }
        let text = if path.as_os_str().is_empty() {
            file.bytes()
                .map(|b| String::from_utf8_lossy(&b).into_owned())
        } else {
            crate::session::read_input(Some(&path)).map_err(|e| e.to_string())
        };
        match text {
            Ok(text) if body_wanted => {
                view.say(format!("Took {} as the request body", path.display()));
                actions.push(Action::Paste(PasteAction::SetSignBody(text)));
            }
            Ok(text) => actions.push(Action::Paste(PasteAction::Paste(text))),
            Err(e) => view.say(format!("Cannot read {}: {e}", path.display())),
        }
    }
    actions
}
