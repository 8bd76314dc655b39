//! The paste panel: the pasted text on the left, what the analysis found on the right,
//! and the history of past analyses.

use egui::{Color32, RichText, Ui};

use super::app::ExplorerApp;
use crate::analysis::{Analysis, FoundError, MATCH_THRESHOLD};
use crate::http_status::with_reason;

pub(super) fn show(app: &mut ExplorerApp, ui: &mut Ui) {
    egui::Panel::bottom("paste")
        .resizable(true)
        .default_size(260.0)
        .min_size(140.0)
        .show(ui, |ui| {
            ui.add_space(4.0);
            header(app, ui);
            ui.separator();
            ui.columns(2, |cols| {
                text_area(app, &mut cols[0]);
                analysis_pane(app, &mut cols[1]);
            });
        });
}

fn header(app: &mut ExplorerApp, ui: &mut Ui) {
    ui.horizontal(|ui| {
        ui.heading("Paste a response");
        ui.weak("Ctrl+V anywhere, or drop a .txt, .log, .json or .har file");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            history_menu(app, ui);
            if ui.button("Clear paste").clicked() {
                app.paste.clear();
            }
        });
    });
}

fn history_menu(app: &mut ExplorerApp, ui: &mut Ui) {
    let label = format!("History ({})", app.history.entries.len());
    ui.menu_button(label, |ui| {
        if app.history.entries.is_empty() {
            ui.weak("No analyses yet.");
            return;
        }
        let mut reopen = None;
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| {
                for (i, e) in app.history.entries.iter().enumerate() {
                    let text = format!(
                        "{}  {}  {}  {}",
                        e.time,
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
            app.history.clear();
        }
        if let Some(i) = reopen {
            let text = app.history.entries[i].text.clone();
            app.paste.text = text;
            app.paste.edited(&app.catalog);
            app.flags.shown_error = 0;
            ui.close();
        }
    });
}

fn text_area(app: &mut ExplorerApp, ui: &mut Ui) {
    let capped = app.paste.is_capped();
    if capped {
        ui.colored_label(
            warning_color(ui),
            format!(
                "Showing the first {} KB of {:.1} MB (read-only); the analysis covers all of it.",
                app.paste.text.len() / 1024,
                app.paste.total_bytes as f64 / 1e6
            ),
        );
    }
    let label = ui.label(RichText::new("Pasted text").weak());
    egui::ScrollArea::both()
        .id_salt("paste_text")
        .auto_shrink(false)
        .show(ui, |ui| {
            let edit = egui::TextEdit::multiline(&mut app.paste.text)
                .code_editor()
                .hint_text("Paste an HTTP response, curl -v output, JSON body, log line, SDK exception or HAR file")
                .desired_width(f32::INFINITY)
                .desired_rows(10)
                .interactive(!capped);
            let response = ui.add(edit).labelled_by(label.id);
            if response.changed() {
                app.paste.edited(&app.catalog);
                app.flags.shown_error = 0;
            }
        });
}

fn analysis_pane(app: &mut ExplorerApp, ui: &mut Ui) {
    egui::ScrollArea::vertical()
        .id_salt("analysis")
        .auto_shrink(false)
        .show(ui, |ui| {
            if app.paste.is_busy() {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(format!(
                        "Analyzing {:.1} MB...",
                        app.paste.total_bytes as f64 / 1e6
                    ));
                });
                return;
            }
            // Taken out while drawing (the buttons need the app), not cloned: a long
            // log's analysis is large, and this runs every frame.
            let Some(analysis) = app.paste.analysis.take() else {
                ui.weak("The analysis appears here: the error code, its catalog row, and the evidence for the ticket.");
                return;
            };
            overview(app, ui, &analysis);
            if let Some(e) = analysis.errors.get(app.flags.shown_error) {
                found_error(app, ui, e);
            }
            app.paste.analysis.get_or_insert(analysis);
        });
}

fn overview(app: &mut ExplorerApp, ui: &mut Ui, analysis: &Analysis) {
    ui.weak(format!("Read as: {}", analysis.format));
    for w in &analysis.warnings {
        ui.colored_label(warning_color(ui), w);
    }
    if analysis.errors.len() > 1 {
        let summary: Vec<String> = analysis
            .summary()
            .iter()
            .map(|(code, status, n)| {
                format!(
                    "{n} x {code} {}",
                    status.map_or("-".into(), |s| s.to_string())
                )
            })
            .collect();
        ui.label(
            RichText::new(format!(
                "{} errors: {}",
                analysis.errors.len(),
                summary.join(", ")
            ))
            .strong(),
        );
        ui.horizontal_wrapped(|ui| {
            for (i, e) in analysis.errors.iter().enumerate().take(200) {
                let text = format!("{} {}", i + 1, e.code.as_deref().unwrap_or("?"));
                if ui
                    .selectable_label(app.flags.shown_error == i, text)
                    .clicked()
                {
                    app.flags.shown_error = i;
                }
            }
        });
        ui.separator();
    }
}

fn found_error(app: &mut ExplorerApp, ui: &mut Ui, e: &FoundError) {
    let status = e
        .http_status
        .map_or("status unknown".to_string(), with_reason);
    ui.label(
        RichText::new(format!(
            "{}  ({status})",
            e.code.as_deref().unwrap_or("no code")
        ))
        .heading()
        .strong(),
    );
    for (n, c) in e.candidates.iter().enumerate() {
        let row = &app.catalog.entries[c.row];
        let is_match = n == 0 && c.confidence >= MATCH_THRESHOLD;
        let kind = match (is_match, c.confidence >= MATCH_THRESHOLD) {
            (true, _) => "Match",
            (false, true) => "Also possible",
            (false, false) => "Guess",
        };
        let text = format!(
            "{kind}: {} {} {} ({}), confidence {:.2}",
            row.code,
            row.http_status,
            row.message,
            app.catalog.source_of(row).title,
            c.confidence
        );
        let text = if is_match {
            RichText::new(text).strong()
        } else {
            RichText::new(text)
        };
        if ui
            .button(text)
            .on_hover_text("Show this row in the table")
            .clicked()
        {
            app.reveal_row(c.row);
        }
        if is_match && ui.button("Open incident from this paste").clicked() {
            app.reveal_row(c.row);
            app.open_incident(c.row, Some(e));
        }
        for r in &c.reasons {
            ui.label(RichText::new(format!("  - {r}")).weak());
        }
    }
    for w in &e.warnings {
        ui.colored_label(warning_color(ui), w);
    }
    ui.add_space(6.0);
    evidence_grid(ui, e);
}

fn evidence_grid(ui: &mut Ui, e: &FoundError) {
    let found = [
        ("Message", e.message.clone()),
        ("Detail", e.detail.clone()),
        ("Request id", e.request_id.clone()),
    ];
    let rows: Vec<(&str, String)> = found
        .into_iter()
        .filter_map(|(name, value)| Some((name, value?)))
        .chain(e.evidence.named())
        .collect();
    super::fields::show(ui, rows.iter().map(|(n, v)| (*n, v.as_str())), 2.0);
}

fn warning_color(ui: &Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(240, 180, 60)
    } else {
        Color32::from_rgb(160, 90, 0)
    }
}

/// Files dropped on the window: catalogs (.toml, .rst) are loaded, anything else is read
/// and analyzed like a paste.
pub(super) fn take_dropped_files(app: &mut ExplorerApp, ctx: &egui::Context) {
    let dropped = ctx.input(|i| i.raw.dropped_files.clone());
    for file in dropped {
        let ext = file.path().extension().map(|e| e.to_ascii_lowercase());
        if matches!(ext.as_ref().and_then(|e| e.to_str()), Some("toml" | "rst")) {
            app.add_catalog(file.path().to_path_buf());
            app.flags.show_catalogs = true;
            continue;
        }
        let text = file
            .bytes()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .map_err(|e| format!("Cannot read {}: {e}", file.path().display()));
        match text {
            Ok(text) => app.submit_paste(ctx, text),
            Err(e) => app.flags.toast = Some(e),
        }
    }
}
