//! The paste panel: the pasted text on the left, what the analysis found on the right,
//! and the History menu (`history_menu`).

use std::borrow::Cow;

use egui::{RichText, Ui};

use super::app::View;
use super::place::{self, Place};
use crate::analysis::{Analysis, FoundError};
use crate::catalog::Catalog;
use crate::report::view::ErrorView;
use crate::session::{Action, CatalogAction, PasteAction, PasteSession, Session};

/// The paste panel's place, reserved before the side panels so it spans the window
/// (see [`place`]); and whether it is folded to its header line. `incident`: the detail
/// pane above it shows an incident being worked.
///
/// [`place`]: super::place
pub(super) fn paste_place(
    ui: &mut Ui,
    new_paste: bool,
    has_paste: bool,
    incident: bool,
) -> (Place, bool) {
    // Folded to its header line, for the table's sake; egui's memory keeps the choice
    // across restarts. A new paste (pasted, dropped, or sent from a terminal) opens it:
    // its analysis is what the engineer came for.
    let folded = ui.data_mut(|d| {
        let folded = d.get_persisted_mut_or_default::<bool>(folded_id());
        if new_paste {
            *folded = false;
        }
        *folded
    });
    let panel = egui::Panel::bottom(("paste", folded));
    if folded {
        // Its contents are drawn later, so they cannot size it: one header line.
        let line = ui
            .text_style_height(&egui::TextStyle::Heading)
            .max(ui.spacing().interact_size.y);
        return (place::reserve(panel.exact_size(line + 14.0), ui), folded);
    }
    let (min, max) = height_range(ui.available_height(), has_paste, incident);
    let kept = place::keep_size(ui, ("paste", folded), 1, egui::Rangef::new(min, max), None);
    let panel = panel
        .resizable(true)
        .default_size(260.0)
        .min_size(min)
        .max_size(max);
    let place = place::reserve(panel, ui);
    kept.note(ui);
    (place, folded)
}

/// The paste panel's least and greatest height below `available` points. However tall
/// it was dragged, the table keeps at least half the height, and a header and eight rows
/// while nothing is pasted (at 640×420 the panel took half the window and the table showed
/// five rows). With a paste, the paste is what is read: the panel takes up to half the
/// height (at 640×420, 110 points left the text and its analysis four lines each), and
/// the table keeps the rest. While an incident is worked above it, the incident comes
/// first: the panel leaves it [`INCIDENT_ROOM`] (at 640×420 the incident's pane was some
/// 130 points tall, its name and one step), down to the panel's least height.
fn height_range(available: f32, has_paste: bool, incident: bool) -> (f32, f32) {
    let min = if has_paste {
        (available * 0.5).clamp(MIN_HEIGHT, READABLE_HEIGHT)
    } else {
        MIN_HEIGHT
    };
    let max = (available - TABLE_ROOM).min(available * 0.5).max(min);
    if incident {
        let max = max.min(available - INCIDENT_ROOM).max(MIN_HEIGHT);
        (min.min(max), max)
    } else {
        (min, max)
    }
}

/// The height the detail pane keeps above the paste panel while it shows an incident:
/// its tabs, the incident's name and actions, and some four steps.
const INCIDENT_ROOM: f32 = 250.0;

/// The height the table keeps beside the paste panel: its header and eight rows.
const TABLE_ROOM: f32 = 220.0;

/// The panel's least height: its header line and a few lines of text.
const MIN_HEIGHT: f32 = 110.0;

/// The least height of a panel that shows a paste, where the window has it to give (up
/// to half its height): the header and some nine lines of the text and its analysis.
const READABLE_HEIGHT: f32 = 200.0;

fn folded_id() -> egui::Id {
    egui::Id::unique("paste_folded")
}

/// Fold the panel to its header line, or open it again (its Hide/Show button, Alt+H).
pub(super) fn toggle_fold(ctx: &egui::Context) {
    ctx.data_mut(|d| {
        let folded = d.get_persisted_mut_or_default::<bool>(folded_id());
        *folded = !*folded;
    });
}

pub(super) fn paste_panel_ui(
    ui: &mut Ui,
    (place, folded): (Place, bool),
    session: &Session,
    view: &mut View,
    out: &mut Vec<Action>,
) {
    let (catalog, paste) = (session.catalog(), session.paste());
    // A new paste's analysis starts at its top, once it is there to be drawn.
    let to_top = !folded && view.analysis_to_top && paste.analysis.is_some() && !paste.is_busy();
    if to_top {
        view.analysis_to_top = false;
    }
    // A History entry chosen by keyboard: the reopened paste's text takes the keyboard,
    // or, read-only, the History button does (the chosen item went with the menu).
    let reopened = std::mem::take(&mut view.reopened_by_keyboard);
    let editable = !paste.is_capped();
    view.keyboard_focus |= reopened;
    place::fill(ui, place, "paste", |ui| {
        ui.add_space(4.0);
        let keyboard = super::history_menu::Keyboard {
            take: reopened && (folded || !editable),
            chosen: &mut view.reopened_by_keyboard,
        };
        if header_ui(ui, session, folded, keyboard, out) {
            toggle_fold(ui.ctx());
        }
        if !folded {
            ui.separator();
            ui.columns(2, |cols| {
                let text_to_top = std::mem::take(&mut view.text_to_top);
                let text = PastedText {
                    line: view.paste_line.take(),
                    to_top: text_to_top,
                    focus: reopened && editable,
                };
                text_area_ui(&mut cols[0], paste, text, out);
                analysis_pane_ui(
                    &mut cols[1],
                    catalog,
                    paste,
                    to_top,
                    &mut view.triage_bar,
                    out,
                );
            });
        }
    });
}

/// The panel's title line; true when the fold button was clicked.
fn header_ui(
    ui: &mut Ui,
    session: &Session,
    folded: bool,
    keyboard: super::history_menu::Keyboard<'_>,
    out: &mut Vec<Action>,
) -> bool {
    ui.horizontal(|ui| {
        let fold = ui
            .button(if folded { "Show" } else { "Hide" })
            .on_hover_text("Fold the paste panel to this line, or open it again (Alt+H)")
            .clicked();
        ui.heading("Paste a response");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            // Where the paste was cleared, the same place brings it back.
            let undo = session.paste().text.is_empty() && session.can_undo_clear();
            let clear = if undo { "Undo clear" } else { "Clear paste" };
            let history = history_label(session);
            // Laid out left to right in a space as wide as the buttons, so Tab meets them
            // in reading order (right to left, History came before Clear paste).
            let width = buttons_width(ui, &[clear, &history]);
            let size = egui::vec2(width, ui.available_height());
            let ltr = egui::Layout::left_to_right(egui::Align::Center);
            ui.allocate_ui_with_layout(size, ltr, |ui| {
                let clicked = ui.button(clear);
                if undo {
                    let hint = "Bring back the paste you cleared, with its analysis";
                    if clicked.on_hover_text(hint).clicked() {
                        out.push(Action::Paste(PasteAction::UndoClear));
                    }
                } else if clicked.clicked() {
                    out.push(Action::Paste(PasteAction::ClearPaste));
                }
                super::history_menu::history_menu_ui(ui, session, history, keyboard, out);
            });
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

/// The History menu's button text.
fn history_label(session: &Session) -> String {
    format!("History ({})", session.history().entries.len())
}

/// How wide buttons with these texts are, side by side.
fn buttons_width(ui: &Ui, texts: &[&str]) -> f32 {
    let spacing = ui.spacing();
    let texts_width: f32 = texts
        .iter()
        .map(|text| {
            egui::WidgetText::from(*text)
                .into_galley(
                    ui,
                    Some(egui::TextWrapMode::Extend),
                    f32::INFINITY,
                    egui::TextStyle::Button,
                )
                .size()
                .x
        })
        .sum();
    let gaps = texts.len().saturating_sub(1) as f32;
    texts_width
        + texts.len() as f32 * 2.0 * spacing.button_padding.x
        + gaps * spacing.item_spacing.x
}

/// The pasted text's editor, for selecting the line of an error shown from the triage.
fn text_id() -> egui::Id {
    egui::Id::unique("paste_text_edit")
}

/// How the pasted text is shown this frame.
struct PastedText {
    /// An error's line to bring into view and select (its number, first and last char).
    line: Option<(usize, usize, usize)>,
    /// A new paste (or the window's start) shows its beginning, not the last one's offset.
    to_top: bool,
    /// The text takes the keyboard, its cursor at its start (a History entry reopened by
    /// keyboard).
    focus: bool,
}

/// The pasted text.
fn text_area_ui(ui: &mut Ui, paste: &PasteSession, shown: PastedText, out: &mut Vec<Action>) {
    let PastedText {
        line,
        to_top,
        focus,
    } = shown;
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
        // Left-aligned: the column's justified layout spread a wrapped banner's words
        // across the narrow column.
        let banner = RichText::new(banner).color(super::look::warning_color(ui));
        ui.with_layout(egui::Layout::top_down(egui::Align::LEFT), |ui| {
            ui.add(egui::Label::new(banner).wrap())
        });
    }
    let label = ui.label(RichText::new("Pasted text").weak());
    let mut scroll = egui::ScrollArea::both()
        .id_salt("paste_text")
        .auto_shrink(false);
    if to_top {
        scroll = scroll.scroll_offset(egui::Vec2::ZERO);
    }
    let selected = match (line, focus) {
        (Some((_, start, end)), _) => Some((start, end)),
        (None, true) => Some((0, 0)),
        (None, false) => None,
    };
    if let Some((start, end)) = selected {
        // The error's line selected (brought into view once laid out, below), or the
        // cursor at the text's start.
        scroll = scroll.horizontal_scroll_offset(0.0);
        let mut state =
            egui::text_edit::TextEditState::load(ui.ctx(), text_id()).unwrap_or_default();
        state
            .cursor
            .set_char_range(Some(egui::text::CCursorRange::two(
                egui::text::CCursor::new(start),
                egui::text::CCursor::new(end),
            )));
        state.store(ui.ctx(), text_id());
    }
    scroll.show(ui, |ui| {
            // Borrowed until edited: a 256 KB paste is not copied every frame.
            let mut text = Cow::Borrowed(paste.text.as_str());
            let edit = egui::TextEdit::multiline(&mut text)
                .id(text_id())
                .code_editor()
                // Tab moves on: a tab typed into a pasted response changes nothing useful.
                .lock_focus(false)
                .hint_text("Paste an HTTP response, curl -v output, JSON body, log line, SDK exception or HAR file")
                .desired_width(f32::INFINITY)
                // Fill the panel, however tall it is.
                .desired_rows(((ui.available_height() / ui.text_style_height(&egui::TextStyle::Monospace)) as usize).max(3))
                .interactive(!capped);
            let shown = edit.show(ui);
            if let Some((_, start, _)) = line {
                // Where the line's first char is, wrapped rows and all.
                let at = shown.galley.pos_from_cursor(egui::text::CCursor::new(start));
                let at = at.translate(shown.galley_pos.to_vec2());
                ui.scroll_to_rect(at, Some(egui::Align::Center));
            }
            let response = shown.response.response.labelled_by(label.id);
            if focus {
                response.request_focus();
            }
            if response.changed() {
                out.push(Action::Paste(PasteAction::EditPaste(text.into_owned())));
            }
        });
}

fn analysis_pane_ui(
    ui: &mut Ui,
    catalog: &Catalog,
    paste: &PasteSession,
    to_top: bool,
    picked: &mut super::histogram::BarPick,
    out: &mut Vec<Action>,
) {
    let mut scroll = egui::ScrollArea::vertical()
        .id_salt("analysis")
        .auto_shrink(false);
    if to_top {
        scroll = scroll.vertical_scroll_offset(0.0);
    }
    scroll.show(ui, |ui| {
        // Left-aligned, not justified: a justified wrapped line with one long token
        // (a canonical request) is stretched letter by letter.
        ui.with_layout(egui::Layout::top_down(egui::Align::LEFT), |ui| {
            analysis_ui(ui, catalog, paste, picked, out)
        });
        super::in_sight::keep_focus_in_view(ui);
    });
}

fn analysis_ui(
    ui: &mut Ui,
    catalog: &Catalog,
    paste: &PasteSession,
    picked: &mut super::histogram::BarPick,
    out: &mut Vec<Action>,
) {
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
    overview_ui(ui, analysis, paste.shown, picked, out);
    if paste.sign_offered {
        super::sign_check::sign_check_ui(ui, paste, out);
    }
    if let Some(e) = analysis.errors.get(paste.shown) {
        found_error_ui(ui, catalog, e, out);
    }
}

fn overview_ui(
    ui: &mut Ui,
    analysis: &Analysis,
    shown: usize,
    picked: &mut super::histogram::BarPick,
    out: &mut Vec<Action>,
) {
    ui.weak(format!("Read as: {}", analysis.format));
    for w in &analysis.warnings {
        ui.colored_label(super::look::warning_color(ui), w);
    }
    if analysis.triage.total > 1 {
        super::triage::triage_ui(ui, analysis, shown, picked, out);
    }
}

/// One error as the view shows it: its heading, then what every front end shows of it.
fn found_error_ui(ui: &mut Ui, catalog: &Catalog, e: &FoundError, out: &mut Vec<Action>) {
    let view = ErrorView::of(catalog, e);
    ui.label(RichText::new(view.heading()).heading().strong());
    super::error_view::error_view_ui(ui, &view, super::error_view::LongFacts::Show, out);
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
        let text = if path.as_os_str().is_empty() {
            file.bytes().and_then(|b| {
                crate::session::decode(b.to_vec()).map_err(|e| format!("Not read: {e}"))
            })
        } else {
            super::open_file::read_file(&path)
        };
        match text {
            Ok(text) if body_wanted => {
                view.say(format!("Took {} as the request body", path.display()));
                actions.push(Action::Paste(PasteAction::SetSignBody(text)));
            }
            Ok(text) => actions.push(Action::Paste(PasteAction::Paste(text))),
            Err(e) => view.say(e),
        }
    }
    actions
}
