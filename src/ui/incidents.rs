//! The incidents view: open incidents, and the one being worked with its steps. Edits
//! come back as actions; the session saves each one.

use std::borrow::Cow;

use egui::{RichText, Ui};

use crate::incident::{Incident, PasteFacts, StepStatus};
use crate::session::{Action, CaseAction, Duplicate, DuplicateAnswer, Incidents};

/// The open incident's header, drawn above the pane's scrolled part: its title (told
/// apart from any other open incident's) and its actions, so neither scrolls away (a
/// focused step at the foot of the pane scrolled them off its top). `focus`: an incident
/// was opened or switched to; the keyboard lands where [`Landing`] says, here on "Copy as
/// Markdown" when every step is done, and the returned landing is for the steps below.
pub(super) fn header_ui(
    ui: &mut Ui,
    incidents: &Incidents,
    focus: bool,
    out: &mut Vec<Action>,
) -> Option<Landing> {
    let incident = incidents.active()?;
    let landing = focus.then(|| Landing::of(incident));
    let title = incidents
        .title(incident.id)
        .unwrap_or_else(|| incident.title());
    ui.add(egui::Label::new(RichText::new(title).strong()).wrap());
    let can_undo = incidents.can_undo_reset(incident.id);
    actions_ui(ui, incident.id, can_undo, landing, out);
    ui.separator();
    landing
}

/// The incidents below the header: the list of open ones, the one worked with its
/// facts and steps (the keyboard on `landing`), and the archive; `focus` with none
/// worked puts the keyboard on the list's first incident.
pub(super) fn incidents_ui(
    ui: &mut Ui,
    incidents: &Incidents,
    focus: bool,
    landing: Option<Landing>,
    out: &mut Vec<Action>,
) {
    if incidents.book().incidents.is_empty() {
        ui.weak(
            "No open incidents. Start one from an entry's checklist or from a pasted response.",
        );
    } else {
        list_ui(ui, incidents, focus && incidents.active().is_none(), out);
        ui.separator();
        match incidents.active() {
            Some(incident) => work_ui(ui, incident, landing, out),
            None => {
                ui.weak("Select an incident.");
            }
        }
    }
    archive_ui(ui, incidents, out);
}

/// Where the keyboard lands in an incident opened or switched to: what is left to do.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Landing {
    /// The first step not ticked done.
    Step(usize),
    /// Every step is done: "Copy as Markdown", for the ticket.
    Copy,
}

impl Landing {
    fn of(incident: &Incident) -> Self {
        incident
            .steps
            .iter()
            .position(|s| s.status != StepStatus::Done)
            .map_or(Landing::Copy, Landing::Step)
    }
}

/// How dark the veil over the window is while a question is asked: egui's own (100)
/// left the dark theme's panels at 61 % of their grey, which a tester did not see as
/// dimmed at all.
const VEIL: u8 = 150;

/// Asks before a second incident for a paste that already has one open, over a veil
/// that dims the window and takes its clicks. It opens with "Work the open one" holding
/// the keyboard, so Enter (or Space) takes it and Tab reaches the others, whose Enter is
/// their own (a key read for the whole question worked the open one whichever button
/// had the keyboard); Esc or a click beside the question cancels.
pub(super) fn duplicate_ui(ctx: &egui::Context, duplicate: &Duplicate, out: &mut Vec<Action>) {
    let modal = egui::Modal::new(egui::Id::unique("duplicate_incident"))
        .backdrop_color(egui::Color32::from_black_alpha(VEIL));
    let modal = modal.show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading("This paste already has an incident");
        ui.label(format!(
            "\"{}\" was opened for the same request and is still open.",
            duplicate.existing_title
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let before = ui.memory(|m| m.focused());
            let answers = [
                (
                    ui.button("Work the open one"),
                    DuplicateAnswer::WorkExisting,
                ),
                (ui.button("Start another"), DuplicateAnswer::StartAnother),
                (ui.button("Cancel"), DuplicateAnswer::Cancel),
            ];
            // Takes egui's Tab from the last answer in this frame (else a widget drawn
            // later did), to hand the keyboard on round to the first.
            let wrap =
                ui.allocate_response(egui::Vec2::ZERO, egui::Sense::focusable_noninteractive());
            let ids = answers.each_ref().map(|(button, _)| button.id);
            focus_answer(ui, before, &ids, wrap.id);
            for (button, answer) in answers {
                if button.clicked() {
                    out.push(Action::Case(CaseAction::AnswerDuplicate(answer)));
                }
            }
        });
    });
    if modal.should_close() {
        out.push(Action::Case(CaseAction::AnswerDuplicate(
            DuplicateAnswer::Cancel,
        )));
    }
}

/// Keep the keyboard on the question's answers (`ids`, in reading order): the first
/// when none has it, and Tab / Shift+Tab from the one that had it (`before`) to the
/// next / previous, round. egui's own Tab from the last answer never came back to the
/// first. `wrap` is the stop after the last answer: Shift+Tab from the first lands there.
fn focus_answer(ui: &Ui, before: Option<egui::Id>, ids: &[egui::Id], wrap: egui::Id) {
    let tab = ui.input(|i| {
        i.events.iter().find_map(|e| match e {
            egui::Event::Key {
                key: egui::Key::Tab,
                pressed: true,
                modifiers,
                ..
            } => Some(modifiers.shift),
            _ => None,
        })
    });
    let had = ids.iter().position(|id| Some(*id) == before);
    let target = match (had, tab) {
        (Some(at), Some(back)) => {
            let step = if back { ids.len() - 1 } else { 1 };
            (at + step) % ids.len()
        }
        _ if before == Some(wrap) => ids.len() - 1,
        _ if ids.iter().any(|id| ui.memory(|m| m.has_focus(*id))) => return,
        _ => 0,
    };
    ui.memory_mut(|m| m.request_focus(ids[target]));
}

/// Closed incidents, folded away; each can be brought back. By keyboard: Tab (or Down)
/// to the Archive's header, Enter unfolds it, and each row is one Tab stop, its Restore
/// button, named by the row it restores (a screen reader said "Restore" at every row).
fn archive_ui(ui: &mut Ui, incidents: &Incidents, out: &mut Vec<Action>) {
    let archived = incidents.archived();
    if archived.is_empty() {
        return;
    }
    ui.separator();
    egui::CollapsingHeader::new(format!("Archive ({})", archived.len()))
        .default_open(false)
        .show(ui, |ui| {
            for incident in archived {
                ui.horizontal(|ui| {
                    let row = format!("{}  {}", incident.title(), incident.started);
                    let restore = ui
                        .small_button("Restore")
                        .on_hover_text("Open it again, among the open incidents");
                    let name = format!("Restore {row}");
                    restore
                        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
                    if restore.clicked() {
                        out.push(Action::Case(CaseAction::RestoreIncident(incident.id)));
                    }
                    // Wrapped beside its button: at 900 px its time ran past the pane.
                    ui.add(egui::Label::new(row).wrap());
                });
            }
        });
}

/// The open incidents, each by its title told apart from the others', with its request
/// id and progress; `focus`: the first takes the keyboard.
fn list_ui(ui: &mut Ui, incidents: &Incidents, focus: bool, out: &mut Vec<Action>) {
    let active = incidents.active().map(|i| i.id);
    let titles = incidents.book().titles();
    for (n, (incident, title)) in incidents.book().incidents.iter().zip(titles).enumerate() {
        let (done, total) = incident.progress();
        let request_id = incident.request_id().unwrap_or("no request id");
        let text = format!(
            "{title}  {request_id}  {done}/{total}  {}",
            incident.started
        );
        let item = ui.selectable_label(active == Some(incident.id), text);
        if focus && n == 0 {
            item.request_focus();
        }
        if item.clicked() {
            out.push(Action::Case(CaseAction::SelectIncident(incident.id)));
        }
    }
}

/// The incident being worked: its name, row, progress, facts and steps.
fn work_ui(ui: &mut Ui, incident: &Incident, landing: Option<Landing>, out: &mut Vec<Action>) {
    let id = incident.id;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Name");
        let mut name = Cow::Borrowed(incident.name.as_str());
        let edit = egui::TextEdit::singleline(&mut name)
            .hint_text("e.g. the ticket number")
            .desired_width(180.0);
        if ui.add(edit).labelled_by(label.id).changed() {
            out.push(Action::Case(CaseAction::RenameIncident(
                id,
                name.into_owned(),
            )));
        }
    });
    ui.label(
        RichText::new(format!(
            "{} {}",
            incident.row.code, incident.row.http_status
        ))
        .heading(),
    );
    ui.add(egui::Label::new(incident.row.message.as_str()).wrap());
    let (done, total) = incident.progress();
    ui.label(RichText::new(format!("Progress {done}/{total}")).strong());
    let bar = egui::ProgressBar::new(done as f32 / total.max(1) as f32).desired_height(8.0);
    super::look::progress_bar(ui, bar);
    // What the paste said, above the steps it explains.
    if let Some(p) = &incident.paste {
        paste_ui(ui, p, out);
    }
    for i in 0..incident.steps.len() {
        step_ui(ui, incident, i, landing == Some(Landing::Step(i)), out);
    }
}

/// The incident's actions, in the pinned header; `landing` on "Copy as Markdown" gives it
/// the keyboard.
fn actions_ui(
    ui: &mut Ui,
    id: u64,
    can_undo_reset: bool,
    landing: Option<Landing>,
    out: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        let copy = ui.button("Copy as Markdown");
        if landing == Some(Landing::Copy) {
            copy.request_focus();
        }
        if copy.clicked() {
            out.push(Action::Case(CaseAction::CopyIncidentMarkdown(id)));
        }
        if ui
            .button("Save as team note…")
            .on_hover_text("Write it into the team folder's notes/ (redacted), to commit")
            .clicked()
        {
            out.push(Action::Case(CaseAction::SaveTeamNote(id)));
        }
        if can_undo_reset {
            if ui
                .button("Undo reset")
                .on_hover_text("Put back the statuses and notes the Reset cleared")
                .clicked()
            {
                out.push(Action::Case(CaseAction::UndoReset(id)));
            }
        } else if ui.button("Reset").clicked() {
            out.push(Action::Case(CaseAction::ResetIncident(id)));
        }
        if ui
            .button("Close incident")
            .on_hover_text("Move it to the Archive below, where it can be restored")
            .clicked()
        {
            out.push(Action::Case(CaseAction::CloseIncident(id)));
        }
    });
}

/// What the customer's response said and what its analysis found, drawn from the one
/// view of an analysis as the paste panel draws it, then its signature check.
fn paste_ui(ui: &mut Ui, paste: &PasteFacts, out: &mut Vec<Action>) {
    let view = paste.view();
    ui.add_space(6.0);
    ui.label(RichText::new(PasteFacts::HEADING).strong());
    ui.label(view.heading());
    super::error_view::error_view_ui(ui, &view, super::error_view::LongFacts::Fold, out);
    signature_ui(ui, paste);
}

/// What the signature check of the paste found, as the Markdown lists it.
fn signature_ui(ui: &mut Ui, paste: &PasteFacts) {
    let lines = paste.signature_lines();
    if lines.is_empty() {
        return;
    }
    ui.label(RichText::new("Signature check of the paste").strong());
    let warn = super::look::warning_color(ui);
    for (label, text) in lines {
        match label {
            Some(label) => ui.add(egui::Label::new(format!("{label}: {text}")).wrap()),
            None => ui.add(egui::Label::new(RichText::new(text).color(warn)).wrap()),
        };
    }
}

/// Step `i` of `incident`; `focus`: its box takes the keyboard.
pub(super) fn step_ui(
    ui: &mut Ui,
    incident: &Incident,
    i: usize,
    focus: bool,
    out: &mut Vec<Action>,
) {
    let (id, worked) = (incident.id, &incident.steps[i]);
    let set = |status| {
        Action::Case(CaseAction::SetStepStatus {
            id,
            step: i,
            status,
        })
    };
    ui.add_space(6.0);
    let mut done = worked.status == StepStatus::Done;
    ui.horizontal_wrapped(|ui| {
        let tick = ui.checkbox(&mut done, worked.step.text.as_str());
        if focus {
            tick.request_focus();
        }
        if tick.changed() {
            out.push(set(if done {
                StepStatus::Done
            } else {
                StepStatus::Todo
            }));
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.add_space(24.0);
        // The checkbox above says which step this is: the dropdown's name is for screen
        // readers only, not another visible label.
        egui::ComboBox::from_id_salt(("step_status", id, i))
            .selected_text(worked.status.label())
            .width(80.0)
            .show_ui(ui, |ui| {
                for status in StepStatus::ALL {
                    if ui
                        .selectable_label(worked.status == status, status.label())
                        .clicked()
                    {
                        out.push(set(status));
                    }
                }
            })
            .response
            .widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::ComboBox,
                    true,
                    format!("Status of step {}", i + 1),
                )
            });
        let mut note = Cow::Borrowed(worked.note.as_str());
        let label = ui.label(RichText::new(format!("Note {}", i + 1)).weak());
        // Several lines (what was checked, what was found, a pasted log line): one line
        // to start with, growing with the text. Enter starts a new line; Tab moves on.
        let edit = egui::TextEdit::multiline(&mut note)
            .hint_text("what you found")
            .desired_rows(1)
            .desired_width(f32::INFINITY);
        if ui.add(edit).labelled_by(label.id).changed() {
            out.push(Action::Case(CaseAction::SetStepNote {
                id,
                step: i,
                note: note.into_owned(),
            }));
        }
    });
    step_facts_ui(ui, incident, i);
}

/// Where the step comes from, what the paste says about it, and when it last changed.
fn step_facts_ui(ui: &mut Ui, incident: &Incident, i: usize) {
    let worked = &incident.steps[i];
    if let Some(doc) = &worked.step.doc {
        ui.horizontal(|ui| {
            ui.add_space(24.0);
            // Wrapped: a long source ("APIG Developer Guide: Calling APIs Through App
            // Authentication …") unwrapped widened the pane and cut every line at its edge.
            ui.add(egui::Label::new(RichText::new(format!("From: {doc}")).weak()).wrap());
        });
    }
    if let Some(f) = &worked.finding {
        let color = if f.flagged {
            super::look::warning_color(ui)
        } else {
            ui.visuals().weak_text_color()
        };
        // A block under the step's text: its second line indented as its first.
        ui.horizontal(|ui| {
            ui.add_space(24.0);
            let text = RichText::new(format!("Paste: {}", f.text)).color(color);
            ui.add(egui::Label::new(text).wrap());
        });
    }
    if let Some(t) = &worked.changed {
        ui.horizontal(|ui| {
            ui.add_space(24.0);
            ui.label(RichText::new(format!("changed {t}")).weak());
        });
    }
    // Two windows wrote this field: the later value is above, the earlier one here.
    for e in &worked.earlier {
        let when = e.changed.as_deref().unwrap_or("earlier");
        ui.horizontal(|ui| {
            ui.add_space(24.0);
            let text = RichText::new(format!(
                "Replaced {} from another window ({when}): {}",
                e.field.label(),
                e.value
            ));
            ui.add(egui::Label::new(text.weak().italics()).wrap());
        });
    }
}
