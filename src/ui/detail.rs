//! The detail pane: the selected row in full, its variants, and copy buttons.

use egui::{RichText, Ui};

use super::app::View;
use super::incidents;
use super::place::{self, Place};
use crate::catalog::{AuthMode, Catalog, Entry, Step};
use crate::checklist::steps_for;
use crate::http_status::reason;
use crate::session::{Action, CaseAction, ExplorerAction, Session};

/// The detail pane's place, reserved before the table is laid out (see [`place`]).
///
/// [`place`]: super::place
pub(super) fn detail_place(ui: &mut Ui) -> Place {
    // The table keeps room in a narrow window.
    let max = (ui.available_width() * 0.4).max(220.0);
    let kept = place::keep_size(ui, "detail", 0, egui::Rangef::new(220.0, max), None);
    let panel = egui::Panel::right("detail")
        .resizable(true)
        .default_size(380.0)
        .min_size(220.0)
        .max_size(max);
    let place = place::reserve(panel, ui);
    kept.note(ui);
    place
}

/// Whether the open incident's header (its name and actions, wrapped to four or five
/// lines in a narrow pane) is pinned above the steps in a pane `height` tall under its
/// tabs: where it takes at most a third of it, as last drawn (`header`), or before it was
/// drawn, where the pane is [`PINNED_HEADER_MIN`] tall. Otherwise it scrolls with them:
/// pinned at 640×420 it left less than one step in sight. (Pinned, it is a scroll bar's
/// width wider and no taller: a pane that pins it keeps it pinned, and one that does not,
/// not, so it never flips from frame to frame.)
fn pin_header(height: f32, header: Option<f32>) -> bool {
    match header {
        Some(header) => 3.0 * header <= height,
        None => height >= PINNED_HEADER_MIN,
    }
}

/// See [`pin_header`].
const PINNED_HEADER_MIN: f32 = 220.0;

/// A part of the incidents pane (`part`: its header or its body) drawn under an id of its
/// own, so that its controls keep their ids, and the one with the keyboard keeps it,
/// whether the header is pinned above the scroll area or scrolls in it (egui's ids
/// otherwise count the widgets drawn before).
fn moved_freely<R>(ui: &mut Ui, part: &str, add: impl FnOnce(&mut Ui) -> R) -> R {
    let id = egui::Id::unique(("incidents pane", part));
    ui.scope_builder(egui::UiBuilder::new().scope_id(id), add)
        .inner
}

pub(super) fn detail_ui(
    ui: &mut Ui,
    place: Place,
    session: &Session,
    view: &mut View,
    out: &mut Vec<Action>,
) {
    place::fill(ui, place, "detail", |ui| {
        tabs_ui(ui, session, view);
        let shown = (
            session.explorer().selected(),
            view.show_incidents,
            session.incidents().active().map(|i| i.id),
        );
        let mut scroll = egui::ScrollArea::vertical();
        // Another row, tab, incident or paste starts at the top: its code and title first.
        let moved = view.detail_shown.replace(shown) != Some(shown);
        if std::mem::take(&mut view.detail_to_top) || moved {
            scroll = scroll.vertical_scroll_offset(0.0);
        }
        // Asked for an incident the pane no longer shows: not taken later by surprise.
        let focus = std::mem::take(&mut view.focus_incident) && view.show_incidents;
        // The open incident's name and actions stay above the scrolled steps, where the
        // pane is tall enough for them and some steps; in a short one they scroll.
        let top = ui.cursor().top();
        let pin = view.show_incidents && pin_header(ui.available_height(), view.incident_header);
        let pinned = pin.then(|| {
            moved_freely(ui, "header", |ui| {
                incidents::header_ui(ui, session.incidents(), focus, out)
            })
        });
        let header = egui::Rect::from_x_y_ranges(ui.max_rect().x_range(), top..=ui.cursor().top());
        if pin {
            view.incident_header = Some(header.height());
        }
        let in_scroll = scroll.show(ui, |ui| {
            if view.show_incidents {
                let landing = pinned.unwrap_or_else(|| {
                    let top = ui.cursor().top();
                    let landing = moved_freely(ui, "header", |ui| {
                        incidents::header_ui(ui, session.incidents(), focus, out)
                    });
                    view.incident_header = Some(ui.cursor().top() - top);
                    landing
                });
                moved_freely(ui, "body", |ui| {
                    incidents::incidents_ui(ui, session.incidents(), focus, landing, out);
                });
            } else if session.explorer().rows().is_empty() {
                ui.add_space(12.0);
                ui.weak("No row matches the search or the filters.");
            } else if let Some(row) = session.explorer().selected() {
                view.selection.refresh(session, row);
                entry_ui(ui, session.catalog(), &view.selection, row, out);
                let notes = session.team().notes_for(session.catalog(), row);
                super::team_folder::team_notes_ui(ui, &notes);
            } else {
                ui.add_space(12.0);
                ui.weak("Select a row to see the error in full.");
            }
            let holds_focus = super::in_sight::keep_focus_in_view(ui);
            super::in_sight::keep_top_whole(ui);
            holds_focus
        });
        let in_pane = in_scroll.inner || super::in_sight::holds_focus(ui, header);
        keep_arrows_in_incident(ui, view, view.show_incidents && in_pane);
    });
}

/// Up and Down on a control of the incidents pane move the keyboard within the pane and
/// never the table's row (`keys` moves it to the previous / next control, as Shift+Tab /
/// Tab). Past the pane's last control is the paste panel's splitter (which lets the
/// keyboard go, so the next Down moved the row and the pane went back to the entry), and
/// before its first the tabs. So the keyboard an arrow took out of the pane, seen the
/// frame after the key, goes back to the control it left: the arrows stop at the pane's
/// first and last controls. `in_pane`: the control with the keyboard is in the
/// incidents pane now.
fn keep_arrows_in_incident(ui: &Ui, view: &mut View, in_pane: bool) {
    if let Some((from, frame)) = view.incident_arrow
        && frame < ui.ctx().cumulative_frame_nr()
    {
        view.incident_arrow = None;
        if view.show_incidents && !in_pane {
            ui.memory_mut(|m| m.request_focus(from));
            view.keys_in_incident = true;
            return;
        }
    }
    view.keys_in_incident = in_pane;
}

fn tabs_ui(ui: &mut Ui, session: &Session, view: &mut View) {
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let entry = ui.selectable_label(!view.show_incidents, "Entry");
        if entry.on_hover_text("Alt+E").clicked() {
            view.show_incidents = false;
        }
        let label = format!("Incidents ({})", session.incidents().book().incidents.len());
        let incidents = ui.selectable_label(view.show_incidents, label);
        if incidents.on_hover_text("Alt+I").clicked() {
            view.show_incidents = true;
        }
    });
    ui.separator();
}

fn entry_ui(
    ui: &mut Ui,
    catalog: &Catalog,
    cache: &SelectionCache,
    row: usize,
    out: &mut Vec<Action>,
) {
    let e = &catalog.entries[row];
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        ui.heading(RichText::new(e.code()).monospace().strong());
        ui.label(RichText::new(catalog.source_of(e).title.as_str()).weak());
    });
    status_line_ui(ui, e);
    ui.add_space(4.0);
    ui.label(RichText::new(e.message()).strong().size(15.0));
    if !cache.why.is_empty() {
        ui.label(RichText::new(format!("Matched: {}", cache.why)).weak())
            .on_hover_text("How the search words matched this row");
    }
    ui.add_space(6.0);
    buttons_ui(ui, row, out);
    ui.separator();
    fields_ui(ui, catalog, e);
    section_ui(ui, "Description", e.description());
    section_ui(ui, "Solution", e.solution());
    checklist_ui(ui, &cache.checklist, row, false, out);
    related_ui(ui, catalog, cache, row, out);
}

fn status_line_ui(ui: &mut Ui, e: &Entry) {
    let (phrase, note) = reason(e.http_status);
    ui.label(RichText::new(format!("HTTP {} {phrase}", e.http_status)).strong());
    if let Some(note) = note {
        ui.label(RichText::new(note).italics().weak());
    }
}

fn buttons_ui(ui: &mut Ui, row: usize, out: &mut Vec<Action>) {
    // Wrapped: a narrow pane puts the second button under the first instead of cutting it.
    ui.horizontal_wrapped(|ui| {
        if ui.button("Copy code").on_hover_text("Ctrl+C").clicked() {
            out.push(Action::Explorer(ExplorerAction::CopyCode));
        }
        if ui.button("Copy as Markdown").clicked() {
            out.push(Action::Explorer(ExplorerAction::CopyEntryMarkdown(row)));
        }
    });
}

fn fields_ui(ui: &mut Ui, catalog: &Catalog, e: &Entry) {
    let source = catalog.source_of(e);
    let aliases = e.aliases().join("; ");
    let keywords = e.keywords().join(", ");
    let details = e.details().join("; ");
    let rows = [
        ("Category", e.category.label()),
        ("Who acts", e.who_acts.map_or("", |w| w.label())),
        ("Catalog", source.title.as_str()),
        ("Also worded", aliases.as_str()),
        ("Gateway details", details.as_str()),
        ("Keywords", keywords.as_str()),
    ];
    let extra = e.extra().iter().map(|(n, v)| (n.as_str(), v.as_str()));
    let shown = rows.into_iter().filter(|(_, v)| !v.is_empty()).chain(extra);
    super::fields::fields_ui(ui, shown, 4.0);
}

/// The row's steps and "Start incident"; `from_paste` starts it with the paste's facts
/// (the companion, whose best row is the paste's match).
pub(super) fn checklist_ui(
    ui: &mut Ui,
    steps: &[Step],
    row: usize,
    from_paste: bool,
    out: &mut Vec<Action>,
) {
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        let steps = crate::wording::count_of(steps.len(), "step");
        ui.label(RichText::new(format!("Checklist ({steps})")).strong());
        if ui
            .button("Start incident")
            .on_hover_text("Work through the checklist for a case")
            .clicked()
        {
            out.push(Action::Case(CaseAction::OpenIncident { row, from_paste }));
        }
    });
    if steps.is_empty() {
        ui.weak("No steps: the solution names nothing to do beyond it.");
    }
    for (i, step) in steps.iter().enumerate() {
        ui.add(egui::Label::new(format!("{}. {}", i + 1, step.text)).wrap());
        if let Some(when) = step.when {
            ui.label(RichText::new(format!("   Only {}", when.step_note())).weak());
        }
        if let Some(doc) = &step.doc {
            ui.label(RichText::new(format!("   From: {doc}")).weak());
        }
    }
}

fn section_ui(ui: &mut Ui, title: &str, text: &str) {
    if text.is_empty() {
        return;
    }
    ui.add_space(8.0);
    ui.label(RichText::new(title).strong());
    ui.add(egui::Label::new(text).wrap());
}

/// What the detail pane derives from the selected row, once per selection: its checklist
/// (derived from the solution for rows without curated steps) and the rows sharing its
/// code, a scan of a 100,000-row catalog too slow for every frame.
#[derive(Default)]
pub(super) struct SelectionCache {
    /// The row, the catalog generation, the query and the paste's way of signing in the
    /// cache was made for.
    row: Option<(usize, u64, String, Option<AuthMode>)>,
    /// How the query matched the row, in one line.
    why: String,
    checklist: Box<[Step]>,
    /// Other rows with the same code in this catalog, and in the others.
    variants: Box<[usize]>,
    collisions: Box<[usize]>,
}

impl SelectionCache {
    /// The checklist of the row last refreshed for.
    pub(super) fn checklist(&self) -> &[Step] {
        &self.checklist
    }

    /// How the query matched the row, in one line.
    pub(super) fn why(&self) -> &str {
        &self.why
    }

    pub(super) fn refresh(&mut self, session: &Session, row: usize) {
        let (catalog, generation) = (session.catalog(), session.library().catalogs().generation);
        let query = &session.explorer().state.query;
        let auth = pasted_auth(session, row);
        let fresh = self
            .row
            .as_ref()
            .is_some_and(|(r, g, q, a)| (*r, *g, *a) == (row, generation, auth) && q == query);
        if !fresh {
            let why = session.library().index().why(catalog, row, query);
            *self = SelectionCache {
                row: Some((row, generation, query.clone(), auth)),
                why: why
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
                checklist: steps_for(&catalog.entries[row], auth).into(),
                variants: catalog.variants_of(row).into(),
                collisions: catalog.collisions_of(row).into(),
            };
        }
    }
}

/// How the paste shown signed in (AK/SK or token), when its match is `row`: the row's
/// checklist then leaves out the steps for the other way.
fn pasted_auth(session: &Session, row: usize) -> Option<AuthMode> {
    let paste = session.paste();
    let error = paste.analysis.as_ref()?.errors.get(paste.shown)?;
    (error.matched()?.row == row)
        .then_some(error.evidence.auth)
        .flatten()
}

fn related_ui(
    ui: &mut Ui,
    catalog: &Catalog,
    cache: &SelectionCache,
    row: usize,
    out: &mut Vec<Action>,
) {
    let code = catalog.entries[row].code();
    if !cache.variants.is_empty() {
        ui.add_space(10.0);
        let n = cache.variants.len() + 1;
        ui.label(RichText::new(format!("{code} has {n} variants")).strong());
        links_ui(ui, catalog, &cache.variants, false, out);
    }
    if !cache.collisions.is_empty() {
        ui.add_space(10.0);
        ui.label(RichText::new(format!("{code} in other catalogs (a different error)")).strong());
        links_ui(ui, catalog, &cache.collisions, true, out);
    }
}

fn links_ui(
    ui: &mut Ui,
    catalog: &Catalog,
    rows: &[usize],
    name_catalog: bool,
    out: &mut Vec<Action>,
) {
    for &r in rows {
        let e = &catalog.entries[r];
        let text = if name_catalog {
            format!(
                "{}, {}: {}",
                catalog.source_of(e).title,
                e.http_status,
                e.message()
            )
        } else {
            format!("{}: {}", e.http_status, e.message())
        };
        if ui.link(text).clicked() {
            out.push(Action::Explorer(ExplorerAction::Select(r)));
        }
    }
}
