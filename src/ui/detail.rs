//! The detail pane: the selected row in full, its variants, and copy buttons.

use std::sync::Arc;

use egui::{RichText, Ui};

use super::app::ExplorerApp;
use super::incidents;
use super::keys::copy_selected_code;
use crate::catalog::{Catalog, Entry};
use crate::checklist::Step;
use crate::http_status::reason;
use crate::report::entry_markdown;

pub(super) fn show(app: &mut ExplorerApp, ui: &mut Ui) {
    egui::Panel::right("detail")
        .resizable(true)
        .default_size(380.0)
        .min_size(260.0)
        .show(ui, |ui| {
            tabs(app, ui);
            egui::ScrollArea::vertical().show(ui, |ui| {
                if app.flags.show_incidents {
                    incidents::show(app, ui);
                } else if let Some(row) = app.explorer.selected() {
                    entry(app, ui, row);
                } else {
                    ui.add_space(12.0);
                    ui.weak("Select a row to see the error in full.");
                }
            });
        });
}

fn tabs(app: &mut ExplorerApp, ui: &mut Ui) {
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let flags = &mut app.flags;
        if ui
            .selectable_label(!flags.show_incidents, "Entry")
            .clicked()
        {
            flags.show_incidents = false;
        }
        let label = format!("Incidents ({})", app.incidents.incidents.len());
        if ui.selectable_label(flags.show_incidents, label).clicked() {
            flags.show_incidents = true;
        }
    });
    ui.separator();
}

fn entry(app: &mut ExplorerApp, ui: &mut Ui, row: usize) {
    // A handle on the catalog, not a copy of the row: this runs every frame.
    let catalog = std::sync::Arc::clone(&app.catalog);
    let e = &catalog.entries[row];
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        ui.heading(RichText::new(&*e.code).monospace().strong());
        ui.label(RichText::new(app.catalog.source_of(e).title.as_str()).weak());
    });
    status_line(ui, e);
    ui.add_space(4.0);
    ui.label(RichText::new(&*e.message).strong().size(15.0));
    ui.add_space(6.0);
    buttons(app, ui, row);
    ui.separator();
    fields(app, ui, e);
    section(ui, "Description", &e.description);
    section(ui, "Solution", &e.solution);
    app.flags.selection.refresh(&catalog, row);
    checklist(app, ui, row);
    related(app, ui, row);
}

fn status_line(ui: &mut Ui, e: &Entry) {
    let (phrase, note) = reason(e.http_status);
    ui.label(RichText::new(format!("HTTP {} {phrase}", e.http_status)).strong());
    if let Some(note) = note {
        ui.label(RichText::new(note).italics().weak());
    }
}

fn buttons(app: &mut ExplorerApp, ui: &mut Ui, row: usize) {
    ui.horizontal(|ui| {
        if ui.button("Copy code").on_hover_text("Ctrl+C").clicked() {
            copy_selected_code(app, ui.ctx());
        }
        if ui.button("Copy as Markdown").clicked() {
            ui.ctx().copy_text(entry_markdown(&app.catalog, row));
            app.flags.toast = Some("Copied the entry as Markdown".into());
        }
    });
}

fn fields(app: &ExplorerApp, ui: &mut Ui, e: &Entry) {
    let source = app.catalog.source_of(e);
    let aliases = e.aliases.join("; ");
    let keywords = e.keywords.join(", ");
    let rows = [
        ("Category", e.category.label()),
        ("Who acts", e.who_acts.label()),
        ("Catalog", source.title.as_str()),
        ("Also worded", aliases.as_str()),
        ("Keywords", keywords.as_str()),
    ];
    let extra = e.extra.iter().map(|(n, v)| (n.as_str(), v.as_str()));
    let shown = rows.into_iter().filter(|(_, v)| !v.is_empty()).chain(extra);
    super::fields::show(ui, shown, 4.0);
}

fn checklist(app: &mut ExplorerApp, ui: &mut Ui, row: usize) {
    ui.add_space(8.0);
    let steps = Arc::clone(&app.flags.selection.checklist);
    ui.horizontal(|ui| {
        let plural = if steps.len() == 1 { "" } else { "s" };
        ui.label(RichText::new(format!("Checklist ({} step{plural})", steps.len())).strong());
        if ui
            .button("Start incident")
            .on_hover_text("Work through the checklist for a case")
            .clicked()
        {
            app.open_incident(row, None);
        }
    });
    for (i, step) in steps.iter().enumerate() {
        ui.add(egui::Label::new(format!("{}. {}", i + 1, step.text)).wrap());
        if let Some(doc) = &step.doc {
            ui.label(RichText::new(format!("   From: {doc}")).weak().small());
        }
    }
}

fn section(ui: &mut Ui, title: &str, text: &str) {
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
    row: Option<usize>,
    checklist: Arc<[Step]>,
    /// Other rows with the same code in this catalog, and in the others.
    variants: Arc<[usize]>,
    collisions: Arc<[usize]>,
}

impl SelectionCache {
    fn refresh(&mut self, catalog: &Catalog, row: usize) {
        if self.row != Some(row) {
            *self = SelectionCache {
                row: Some(row),
                checklist: catalog.entries[row].checklist().into_owned().into(),
                variants: catalog.variants_of(row).into(),
                collisions: catalog.collisions_of(row).into(),
            };
        }
    }
}

fn related(app: &mut ExplorerApp, ui: &mut Ui, row: usize) {
    let cache = &app.flags.selection;
    let (variants, collisions) = (Arc::clone(&cache.variants), Arc::clone(&cache.collisions));
    let code = app.catalog.entries[row].code.clone();
    if !variants.is_empty() {
        ui.add_space(10.0);
        ui.label(RichText::new(format!("{code} has {} variants", variants.len() + 1)).strong());
        links(app, ui, &variants, false);
    }
    if !collisions.is_empty() {
        ui.add_space(10.0);
        ui.label(RichText::new(format!("{code} in other catalogs (a different error)")).strong());
        links(app, ui, &collisions, true);
    }
}

fn links(app: &mut ExplorerApp, ui: &mut Ui, rows: &[usize], name_catalog: bool) {
    for &r in rows {
        let e = &app.catalog.entries[r];
        let text = if name_catalog {
            format!(
                "{}, {}: {}",
                app.catalog.source_of(e).title,
                e.http_status,
                e.message
            )
        } else {
            format!("{}: {}", e.http_status, e.message)
        };
        if ui.link(text).clicked() {
            app.explorer.select(&app.catalog, Some(r));
            app.flags.scroll_to = app.explorer.selected_position();
        }
    }
}
