//! The Catalogs window: which catalogs are loaded, what went wrong, and adding a file.

use egui::{RichText, Ui};

use super::app::View;
use super::file_picker::{FilePicker, Picked};
use crate::session::{Action, CatalogAction, Catalogs};

pub(super) fn catalogs_ui(
    ctx: &egui::Context,
    catalogs: &Catalogs,
    view: &mut View,
    out: &mut Vec<Action>,
) {
    picked_file(view, out);
    let mut open = view.show_catalogs;
    let top = ctx.content_rect().center_top() + egui::vec2(0.0, 90.0);
    super::look::dialog_window(ctx, "Catalogs")
        .open(&mut open)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(top)
        .default_width(600.0)
        .show(ctx, |ui| {
            contents_ui(ui, catalogs, out);
            let focus = std::mem::take(&mut view.focus_dialog_field);
            add_file_ui(
                ui,
                &mut view.catalog_path,
                &mut view.file_picker,
                focus,
                out,
            );
            if let Some(note) = view.catalog_note {
                let color = super::look::warning_color(ui);
                ui.add(egui::Label::new(RichText::new(note).color(color)).wrap());
            }
        });
    view.show_catalogs = open;
    if !open {
        view.catalog_note = None;
    }
}

/// A file chosen in the dialog is loaded; a dialog that could not open says so.
fn picked_file(view: &mut View, out: &mut Vec<Action>) {
    match view.file_picker.poll() {
        Some(Picked::File(path)) => out.push(Action::Catalog(CatalogAction::AddCatalog(path))),
        // Said in the Catalogs window, beside the Browse… button that was clicked.
        Some(Picked::Unavailable) => view.catalog_note = Some(super::open_file::NO_DIALOG),
        Some(Picked::Cancelled) | None => {}
    }
}

fn contents_ui(ui: &mut Ui, catalogs: &Catalogs, out: &mut Vec<Action>) {
    let catalog = &catalogs.catalog;
    for (source, rows) in catalog.sources.iter().zip(&catalogs.source_rows) {
        let rows = crate::wording::count_of(*rows, "row");
        ui.label(format!("{} ({rows}): {}", source.title, source.origin));
    }
    ui.separator();
    for path in &catalogs.paths {
        ui.horizontal(|ui| {
            let shown = path.display().to_string();
            ui.label(&shown);
            // Named by its file for a screen reader, which said "Remove" at every one.
            let remove = ui.small_button("Remove");
            let name = format!("Remove {shown}");
            remove.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
            if remove.clicked() {
                out.push(Action::Catalog(CatalogAction::RemoveCatalog(path.clone())));
            }
        });
    }
    for problem in &catalogs.problems {
        ui.colored_label(super::look::warning_color(ui), problem);
    }
    for note in &catalogs.notes {
        ui.label(RichText::new(note).weak());
    }
}

/// The path field (Enter loads), its Load button and the file dialog.
/// The path field and its buttons; `focus`: the field takes the keyboard (the window was
/// just opened from the menu).
fn add_file_ui(
    ui: &mut Ui,
    typed: &mut String,
    picker: &mut FilePicker,
    focus: bool,
    out: &mut Vec<Action>,
) {
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let label = ui.label("File");
        let field = ui
            .add(
                egui::TextEdit::singleline(typed)
                    .hint_text("/path/to/error-codes.rst or catalog.toml")
                    .desired_width(340.0),
            )
            .labelled_by(label.id);
        if focus {
            field.request_focus();
        }
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let path = typed.trim().to_string();
        let load = ui.add_enabled(!path.is_empty(), egui::Button::new("Load"));
        if !path.is_empty() && (load.clicked() || entered) {
            out.push(Action::Catalog(CatalogAction::AddCatalog(path.into())));
            typed.clear();
        }
        let browse = ui
            .add_enabled(!picker.is_open(), egui::Button::new("Browse…"))
            .on_hover_text("Choose the file in a dialog");
        if browse.clicked() {
            picker.open_catalog(ui.ctx());
        }
    });
    ui.label(
        RichText::new("TOML in the app's format or an RST \"Error Codes\" page; you can also drop the file on the window.")
            .weak(),
    );
}
