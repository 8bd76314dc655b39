//! The casebook's verbs: incidents (open, work, reset, close, restore), the question
//! before a second incident for the same paste, and the history menu. An incident reads
//! the library's catalog and the desk's analysis and signature findings; reopening or
//! clearing the history changes the desk's paste. Each change is written through the
//! casebook's store; a verb on an incident that is no longer there (closed in another
//! window) says so in the status rather than doing nothing.

use super::incidents::StepChange;
use super::{Outcome, PasteState, Session, StoredPaste};
use crate::history::now_utc;
use crate::incident::{Incident, PasteFacts, StepStatus};

/// What the engineer does with incidents and the history.
#[derive(Clone, Debug, PartialEq)]
pub enum CaseAction {
    /// Start an incident for a row, from the shown error of the paste when `from_paste`.
    OpenIncident {
        /// The row.
        row: usize,
        /// Take the facts from the paste's shown error.
        from_paste: bool,
    },
    /// Show an incident.
    SelectIncident(u64),
    /// Name an incident (a ticket number).
    RenameIncident(u64, String),
    /// Set a step's status.
    SetStepStatus {
        /// The incident.
        id: u64,
        /// The step's position.
        step: usize,
        /// The status.
        status: StepStatus,
    },
    /// Set a step's note.
    SetStepNote {
        /// The incident.
        id: u64,
        /// The step's position.
        step: usize,
        /// The note.
        note: String,
    },
    /// Copy an incident as Markdown (redacted).
    CopyIncidentMarkdown(u64),
    /// Write an incident as a new note of the team folder (redacted, never over a file).
    SaveTeamNote(u64),
    /// Set every step of an incident back to do (undoable until the next change).
    ResetIncident(u64),
    /// Put the steps back as they were before the last Reset.
    UndoReset(u64),
    /// Close into the Archive.
    CloseIncident(u64),
    /// Bring back from the Archive.
    RestoreIncident(u64),
    /// The answer to "an incident for this paste is already open".
    AnswerDuplicate(DuplicateAnswer),
    /// Show the history entry at this position again.
    ReopenHistory(usize),
    /// The History menu's search box.
    SearchHistory(String),
    /// Forget the history.
    ClearHistory,
    /// The engineer read the load and save problems.
    DismissNotices,
}

/// What the engineer chose when an incident for the same paste was already open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DuplicateAnswer {
    /// Work the incident already open.
    WorkExisting,
    /// Open a second one anyway.
    StartAnother,
    /// Neither: leave things as they are.
    Cancel,
}

/// An incident waiting for the engineer's answer, and the open one it repeats.
#[derive(Clone, Debug)]
pub(crate) struct Duplicate {
    /// The open incident.
    pub(crate) existing: u64,
    /// Its title, for the question.
    pub(crate) existing_title: String,
    incident: Incident,
}

/// An open incident that `incident` (opened from a paste with `facts`) would repeat: the
/// same request id, or, without one, the same row and the same facts.
fn same_case(incident: &Incident, facts: &PasteFacts, open: &Incident) -> bool {
    let Some(theirs) = open.paste.as_ref() else {
        return false;
    };
    match (&facts.request_id, &theirs.request_id) {
        (Some(ours), Some(theirs)) => ours == theirs,
        _ => open.row == incident.row && theirs == facts,
    }
}

/// The status when a verb names an incident this window no longer has.
fn gone(id: u64) -> Outcome {
    Outcome::said(format!(
        "Incident {id} is no longer open here (closed or removed in another window?)"
    ))
}

impl Session {
    pub(super) fn apply_case(&mut self, action: CaseAction) -> Outcome {
        let now = now_utc();
        let incidents = &mut self.casebook.incidents;
        match action {
            CaseAction::OpenIncident { row, from_paste } => {
                return self.open_incident(row, from_paste);
            }
            CaseAction::SelectIncident(id) => incidents.activate(id),
            CaseAction::RenameIncident(id, name) => {
                if !incidents.rename(id, name.clone()) {
                    return gone(id);
                }
                self.casebook.persist(move |s| s.rename_incident(id, &name));
            }
            CaseAction::SetStepStatus { id, step, status } => {
                let worked = incidents.set_status(id, step, status, &now);
                return self.save_step(id, step, worked);
            }
            CaseAction::SetStepNote { id, step, note } => {
                let worked = incidents.set_note(id, step, &note, &now);
                return self.save_step(id, step, worked);
            }
            CaseAction::SaveTeamNote(id) => return self.save_team_note(id),
            CaseAction::CopyIncidentMarkdown(id) => {
                let catalog = self.library.catalog();
                return match incidents.book().get(id) {
                    Some(i) => Outcome::copied(i.markdown(catalog), "the incident as Markdown"),
                    None => gone(id),
                };
            }
            CaseAction::ResetIncident(id) => {
                let Some(change) = incidents.reset(id) else {
                    return gone(id);
                };
                self.save_steps(change);
            }
            CaseAction::UndoReset(id) => {
                let Some(change) = incidents.undo_reset(id) else {
                    return Outcome::said("Nothing to undo: the steps changed since the Reset");
                };
                self.save_steps(change);
            }
            CaseAction::CloseIncident(id) => {
                if !incidents.close(id) {
                    return gone(id);
                }
                self.casebook.persist(move |s| s.close_incident(id, &now));
            }
            CaseAction::RestoreIncident(id) => {
                if !incidents.restore(id) {
                    return Outcome::said(format!("Incident {id} is no longer in the Archive"));
                }
                self.casebook.persist(move |s| s.reopen_incident(id));
            }
            CaseAction::AnswerDuplicate(answer) => return self.answer_duplicate(answer),
            CaseAction::ReopenHistory(i) => return self.reopen(i),
            CaseAction::SearchHistory(query) => self.casebook.search_history(query),
            CaseAction::ClearHistory => {
                self.casebook.clear_history();
                self.desk.clear(&self.tasks);
            }
            CaseAction::DismissNotices => self.casebook.dismiss_notices(),
        }
        Outcome::default()
    }

    fn answer_duplicate(&mut self, answer: DuplicateAnswer) -> Outcome {
        let Some(duplicate) = self.casebook.duplicate.take() else {
            return Outcome::said("That question was already answered");
        };
        match answer {
            DuplicateAnswer::WorkExisting => self.casebook.incidents.activate(duplicate.existing),
            DuplicateAnswer::StartAnother => self.start_incident(duplicate.incident),
            DuplicateAnswer::Cancel => return Outcome::default(),
        }
        // Either answer works an incident: its pane comes forward, as for a new one.
        Outcome {
            show_incidents: Some(true),
            ..Outcome::default()
        }
    }

    /// Write a step's change; values of other windows it replaced join the step's history.
    fn save_step(&mut self, id: u64, step: usize, change: Option<StepChange>) -> Outcome {
        let Some((before, after)) = change else {
            return Outcome::said(format!(
                "Step {} of incident {id} is no longer there (changed in another window?)",
                step + 1
            ));
        };
        if let Some(replaced) = self
            .casebook
            .persist(move |s| s.save_step_change(id, step, &before, &after))
            && !replaced.is_empty()
        {
            self.casebook.incidents.add_earlier(id, step, replaced);
        }
        Outcome::default()
    }

    fn save_steps(&mut self, (before, after): (Incident, Incident)) {
        for (step, (b, a)) in before.steps.into_iter().zip(after.steps).enumerate() {
            self.save_step(after.id, step, Some((b, a)));
        }
    }

    /// Show a paste of the history again (without a new history entry). A paste the
    /// history kept only the beginning of says so, as after a restart.
    fn reopen(&mut self, i: usize) -> Outcome {
        let Some(entry) = self.casebook.history().entries.get(i) else {
            return Outcome::said("That paste is no longer in the history");
        };
        let stored = StoredPaste {
            text: entry.text.clone(),
            total_bytes: entry.total_bytes.unwrap_or(entry.text.len()),
            state: PasteState::Analyzed,
        };
        // The same path as a paste restored at start: marked while it is analyzed.
        self.restore_paste(stored);
        Outcome::default()
    }

    fn open_incident(&mut self, row: usize, from_paste: bool) -> Outcome {
        let now = now_utc();
        let catalog = self.library.catalog();
        if row >= catalog.entries.len() {
            return Outcome::said(format!("Row {row} is not in the catalogs loaded now"));
        }
        let paste = self.desk.paste();
        // Redacted with the whole paste: its facts are cuts of it, made before redaction.
        let error = from_paste
            .then(|| paste.analysis.as_ref()?.errors.get(paste.shown))
            .flatten()
            .map(|e| e.redacted(paste.whole_text()));
        let mut incident = match &error {
            Some(error) => Incident::from_paste(0, catalog, row, error, &now),
            None => Incident::from_row(0, catalog, row, &now),
        };
        incident.add_team_steps(&self.team.notes_for(catalog, row));
        if let (Some(facts), Some(report)) = (&mut incident.paste, &paste.sign.report) {
            // The check's findings, never its secret; redacted like every other fact.
            facts.add_signature(report);
        }
        // The same paste, or the same request (its id), a second time is most often a
        // double click or a forgotten incident: ask rather than keep two. The request id
        // alone decides when there is one: another paste of the same request (the curl
        // transcript after the JSON body, a reopened history entry) differs in its text.
        let repeated = incident.paste.as_ref().and_then(|facts| {
            self.casebook
                .incidents()
                .book()
                .incidents
                .iter()
                .find(|open| same_case(&incident, facts, open))
        });
        if let Some(open) = repeated {
            self.casebook.duplicate = Some(Duplicate {
                existing: open.id,
                existing_title: open.title(),
                incident,
            });
            return Outcome::default();
        }
        self.start_incident(incident);
        Outcome {
            show_incidents: Some(true),
            ..Outcome::default()
        }
    }

    /// Store a new incident and work it.
    fn start_incident(&mut self, incident: Incident) {
        let stored = self.casebook.store().map(|s| s.insert_incident(&incident));
        let id = match stored {
            Some(Ok(id)) => Some(id),
            Some(Err(e)) => {
                self.casebook.notice(format!(
                    "The incident could not be saved ({e}); it is kept in this window until it closes."
                ));
                None
            }
            None => None,
        };
        self.casebook.incidents.add(incident, id);
    }
}
