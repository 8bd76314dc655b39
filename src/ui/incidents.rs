//! The incidents view: open incidents, and the one being worked with its steps.

use egui::{RichText, Ui};

use super::app::ExplorerApp;
use crate::history::now_utc;
use crate::incident::{Incident, StepStatus};

pub(super) fn show(app: &mut ExplorerApp, ui: &mut Ui) {
    if let Some(problem) = app.incident_problem.clone() {
        ui.colored_label(egui::Color32::from_rgb(220, 120, 40), problem);
        if ui.button("Dismiss").clicked() {
            app.incident_problem = None;
        }
        ui.separator();
    }
    if app.incidents.incidents.is_empty() {
        ui.weak(
            "No open incidents. Start one from an entry's checklist or from a pasted response.",
        );
        return;
    }
    list(app, ui);
    ui.separator();
    let Some(id) = app
        .active_incident
        .filter(|id| app.incidents.get(*id).is_some())
    else {
        ui.weak("Select an incident.");
        return;
    };
    if let Some(incident) = app.incidents.get(id).cloned() {
        let mut edited = incident.clone();
        let action = work(ui, &mut edited);
        if edited != incident
            && let Some(slot) = app.incidents.get_mut(id)
        {
            *slot = edited;
            app.incidents_changed();
        }
        apply(app, ui, id, action);
    }
}

fn list(app: &mut ExplorerApp, ui: &mut Ui) {
    for incident in &app.incidents.incidents {
        let (done, total) = incident.progress();
        let request_id = incident
            .paste
            .as_ref()
            .and_then(|p| p.request_id.as_deref())
            .unwrap_or("no request id");
        let text = format!(
            "{}  {}  {}/{}  {}",
            incident.title(),
            request_id,
            done,
            total,
            incident.started
        );
        let active = app.active_incident == Some(incident.id);
        if ui.selectable_label(active, text).clicked() {
            app.active_incident = Some(incident.id);
        }
    }
}

enum Action {
    None,
    Copy,
    Reset,
    Close,
}

/// Draw the incident, editing `incident` in place; returns the button pressed.
fn work(ui: &mut Ui, incident: &mut Incident) -> Action {
    ui.horizontal(|ui| {
        let label = ui.label("Name");
        ui.add(
            egui::TextEdit::singleline(&mut incident.name)
                .hint_text("e.g. the ticket number")
                .desired_width(180.0),
        )
        .labelled_by(label.id);
    });
    ui.label(
        RichText::new(format!(
            "{} {}",
            incident.row.code, incident.row.http_status
        ))
        .heading(),
    );
    ui.add(egui::Label::new(incident.row.message.as_str()).wrap());
    if let Some(p) = &incident.paste {
        for (name, value) in [
            ("Request id", p.request_id.as_deref()),
            ("Detail", p.detail.as_deref()),
        ] {
            if let Some(v) = value {
                ui.label(format!("{name}: {v}"));
            }
        }
    }
    let (done, total) = incident.progress();
    ui.label(RichText::new(format!("Progress {done}/{total}")).strong());
    ui.add(egui::ProgressBar::new(done as f32 / total.max(1) as f32).desired_height(6.0));
    // The actions sit above the steps, so they never scroll out of reach.
    let action = ui
        .horizontal(|ui| {
            let copy = ui.button("Copy as Markdown").clicked();
            let reset = ui.button("Reset").clicked();
            let close = ui.button("Close incident").clicked();
            match (copy, reset, close) {
                (true, _, _) => Action::Copy,
                (_, true, _) => Action::Reset,
                (_, _, true) => Action::Close,
                _ => Action::None,
            }
        })
        .inner;
    for i in 0..incident.steps.len() {
        step(ui, incident, i);
    }
    action
}

fn step(ui: &mut Ui, incident: &mut Incident, i: usize) {
    ui.add_space(6.0);
    let now = now_utc();
    let worked = incident.steps[i].clone();
    let mut done = worked.status == StepStatus::Done;
    ui.horizontal_wrapped(|ui| {
        if ui.checkbox(&mut done, worked.step.text.as_str()).changed() {
            let status = if done {
                StepStatus::Done
            } else {
                StepStatus::Todo
            };
            incident.set_status(i, status, &now);
        }
    });
    ui.horizontal(|ui| {
        ui.add_space(24.0);
        egui::ComboBox::new(("step_status", incident.id, i), format!("Status {}", i + 1))
            .selected_text(worked.status.label())
            .width(80.0)
            .show_ui(ui, |ui| {
                for status in StepStatus::ALL {
                    if ui
                        .selectable_label(worked.status == status, status.label())
                        .clicked()
                    {
                        incident.set_status(i, status, &now);
                    }
                }
            });
        let mut note = worked.note.clone();
        let label = ui.label(RichText::new(format!("Note {}", i + 1)).weak().small());
        let edit = egui::TextEdit::singleline(&mut note)
            .hint_text("what you found")
            .desired_width(f32::INFINITY);
        if ui.add(edit).labelled_by(label.id).changed() {
            incident.set_note(i, &note, &now);
        }
    });
    if let Some(doc) = &worked.step.doc {
        ui.horizontal(|ui| {
            ui.add_space(24.0);
            ui.label(RichText::new(format!("From: {doc}")).weak().small());
        });
    }
    if let Some(f) = &worked.finding {
        let color = if f.flagged {
            egui::Color32::from_rgb(220, 120, 40)
        } else {
            ui.visuals().weak_text_color()
        };
        ui.horizontal_wrapped(|ui| {
            ui.add_space(24.0);
            ui.colored_label(color, format!("Paste: {}", f.text));
        });
    }
    if let Some(t) = &worked.changed {
        ui.horizontal(|ui| {
            ui.add_space(24.0);
            ui.label(RichText::new(format!("changed {t}")).weak().small());
        });
    }
}

fn apply(app: &mut ExplorerApp, ui: &mut Ui, id: u64, action: Action) {
    match action {
        Action::None => {}
        Action::Copy => {
            if let Some(incident) = app.incidents.get(id) {
                ui.ctx().copy_text(incident.markdown());
                app.flags.toast = Some("Copied the incident as Markdown".into());
            }
        }
        Action::Reset => {
            if let Some(incident) = app.incidents.get_mut(id) {
                incident.reset();
                app.incidents_changed();
            }
        }
        Action::Close => {
            app.incidents.close(id);
            app.active_incident = app.incidents.incidents.first().map(|i| i.id);
            app.incidents_changed();
        }
    }
}
