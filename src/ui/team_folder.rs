//! The team folder in the window: the notes about the selected row (detail pane), and
//! File > Team folder... to choose the folder, see what was read and what was not.

use egui::{RichText, Ui};

use super::app::View;
use crate::session::{Action, SettingsAction, TeamRoom};
use crate::team::Note;

/// "Team notes (N)" under the row: each note's title, author, date and file, and its
/// steps marked as the team's.
pub(super) fn team_notes_ui(ui: &mut Ui, notes: &[&Note]) {
    if notes.is_empty() {
        return;
    }
    ui.add_space(8.0);
    ui.label(RichText::new(format!("Team notes ({})", notes.len())).strong());
    for note in notes {
        ui.add_space(4.0);
        ui.label(RichText::new(&note.title).strong());
        let date = note
            .updated
            .as_deref()
            .map(|d| format!(" · {d}"))
            .unwrap_or_default();
        ui.label(RichText::new(format!("{}{date} · {}", note.author, note.file.display())).weak());
        for step in &note.steps {
            ui.label(format!("- {step} (team)"));
        }
    }
}

/// File > Team folder...: the folder's path, what was read, and the bad files.
pub(super) fn team_folder_ui(
    ctx: &egui::Context,
    team: &TeamRoom,
    view: &mut View,
    out: &mut Vec<Action>,
) {
    let Some(typed) = &mut view.team_path else {
        return;
    };
    let focus = std::mem::take(&mut view.focus_dialog_field);
    let mut open = true;
    let top = ctx.content_rect().center_top() + egui::vec2(0.0, 90.0);
    super::look::dialog_window(ctx, "Team folder")
        .open(&mut open)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(top)
        .default_width(560.0)
        .show(ctx, |ui| {
            ui.label(
                "A folder the team shares, usually a git clone: notes/*.md, catalogs/, \
                 vocabulary.toml. The window reads it and follows its changes; git stays yours.",
            );
            ui.horizontal(|ui| {
                let label = ui.label("Folder");
                let field = ui
                    .add(
                        egui::TextEdit::singleline(typed)
                            .hint_text("/home/me/apig-team")
                            .desired_width(320.0),
                    )
                    .labelled_by(label.id);
                if focus {
                    field.request_focus();
                }
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let path = typed.trim().to_string();
                let use_it = ui.add_enabled(!path.is_empty(), egui::Button::new("Use"));
                if !path.is_empty() && (use_it.clicked() || entered) {
                    out.push(SettingsAction::SetTeamFolder(Some(path.into())).into());
                }
                if ui
                    .add_enabled(team.dir().is_some(), egui::Button::new("None"))
                    .clicked()
                {
                    out.push(SettingsAction::SetTeamFolder(None).into());
                    typed.clear();
                }
            });
            state_ui(ui, team);
        });
    if !open {
        view.team_path = None;
    }
}

fn state_ui(ui: &mut Ui, team: &TeamRoom) {
    let Some(dir) = team.dir() else {
        ui.weak("No team folder.");
        return;
    };
    if let Some(e) = team.error() {
        ui.colored_label(super::look::warning_color(ui), e);
    } else if let Some(t) = team.team() {
        ui.label(format!(
            "{}: {}, {} catalog file(s){}",
            dir.display(),
            crate::wording::count_of(t.notes.len(), "note"),
            t.catalogs.len(),
            if t.vocabulary.is_some() {
                ", a vocabulary"
            } else {
                ""
            }
        ));
        for p in &t.problems {
            ui.colored_label(super::look::warning_color(ui), p.to_string());
        }
    } else if team.is_loading() {
        ui.weak(format!("Reading {}…", dir.display()));
    }
}
