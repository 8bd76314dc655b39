//! The Catalogs window: which catalogs are loaded, what went wrong, and adding a file.

use egui::{RichText, Ui};

use super::app::ExplorerApp;

pub(super) fn show(app: &mut ExplorerApp, ctx: &egui::Context) {
    let mut open = app.flags.show_catalogs;
    let top = ctx.content_rect().center_top() + egui::vec2(0.0, 90.0);
    egui::Window::new("Catalogs")
        .open(&mut open)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(top)
        .default_width(520.0)
        .show(ctx, |ui| contents(app, ui));
    app.flags.show_catalogs = open;
}

fn contents(app: &mut ExplorerApp, ui: &mut Ui) {
    for source in &app.catalog.sources {
        let rows = app
            .catalog
            .entries
            .iter()
            .filter(|e| app.catalog.source_of(e).id == source.id)
            .count();
        ui.label(format!("{} ({rows} rows): {}", source.title, source.origin));
    }
    ui.separator();
    let mut remove = None;
    for path in &app.catalog_paths {
        ui.horizontal(|ui| {
            ui.label(path.display().to_string());
            if ui.small_button("Remove").clicked() {
                remove = Some(path.clone());
            }
        });
    }
    if let Some(path) = remove {
        app.remove_catalog(&path);
    }
    for problem in &app.catalog_problems {
        ui.colored_label(egui::Color32::from_rgb(220, 120, 40), problem);
    }
    for note in &app.catalog_notes {
        ui.label(RichText::new(note).weak());
    }
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let label = ui.label("File");
        ui.add(
            egui::TextEdit::singleline(&mut app.flags.catalog_path)
                .hint_text("/path/to/error-codes.rst or catalog.toml")
                .desired_width(340.0),
        )
        .labelled_by(label.id);
        let path = app.flags.catalog_path.trim().to_string();
        if ui
            .add_enabled(!path.is_empty(), egui::Button::new("Load"))
            .clicked()
        {
            app.add_catalog(path.into());
            app.flags.catalog_path.clear();
        }
    });
    ui.label(
        RichText::new("TOML in the app's format or an RST \"Error Codes\" page; you can also drop the file on the window.")
            .weak()
            .small(),
    );
}
