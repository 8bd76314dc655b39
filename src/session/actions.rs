//! What a front end can ask of the session, and what the session asks back of the front
//! end (copy this, say that, scroll there). Panels return actions while drawing; they
//! are applied after the frame is drawn, so no panel mutates what another one reads.

use std::path::PathBuf;
use std::sync::Arc;

use super::incidents::StepChange;
use super::{PasteState, Preferences, Secret, Session, StoredPaste, ThemeChoice};
use crate::catalog::{Category, WhoActs};
use crate::explorer::{Move, SortColumn};
use crate::history::now_utc;
use crate::incident::{Incident, StepStatus};
use crate::report::{explain_markdown, triage_csv, triage_markdown};

/// One thing the engineer did.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The search box's text changed.
    SetQuery(String),
    /// Esc: clear the query, then (again) the filters.
    Escape,
    /// Clear the query and the filters.
    ClearSearch,
    /// Clear the filters, keeping the query.
    ClearFilters,
    /// Show or hide the rows of a catalog (its id).
    ToggleCatalog(String),
    /// Show or hide the rows of a status.
    ToggleStatus(u16),
    /// Show or hide the rows of a category.
    ToggleCategory(Category),
    /// Show or hide the rows of whoever acts.
    ToggleWhoActs(WhoActs),
    /// A click on a column header: ascending, then descending, then relevance order.
    SortBy(SortColumn),
    /// Select the table's row (a catalog row index).
    Select(usize),
    /// Keyboard movement; `page` is how many rows the table shows.
    Move {
        /// The key.
        mv: Move,
        /// Rows per page.
        page: usize,
    },
    /// Show a row even if the search or filters hide it.
    Reveal(usize),
    /// Copy the selected row's code.
    CopyCode,
    /// Copy a row's entry as Markdown.
    CopyEntryMarkdown(usize),
    /// Analyze this text as a new paste.
    Paste(String),
    /// The paste was edited; analyze it again.
    EditPaste(String),
    /// Forget the paste.
    ClearPaste,
    /// Show the paste's error at this position.
    ShowError(usize),
    /// Open the signature check of the paste, or close it.
    OpenSignCheck,
    /// Close the signature check.
    CloseSignCheck,
    /// The AppSecret typed for the check (kept in memory until the paste changes).
    SetSignSecret(Secret),
    /// The exact request body, for the check.
    SetSignBody(String),
    /// Show a triage group: its first error, and its row in the table.
    ShowGroup(usize),
    /// Copy the paste's triage as Markdown.
    CopyTriageMarkdown,
    /// Copy the paste's triage as CSV.
    CopyTriageCsv,
    /// Show the history entry at this position again.
    ReopenHistory(usize),
    /// The History menu's search box.
    SearchHistory(String),
    /// Forget the history.
    ClearHistory,
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
    /// The engineer read the load and save problems.
    DismissNotices,
    /// Load a catalog file and remember it.
    AddCatalog(PathBuf),
    /// Unload a catalog file and forget it.
    RemoveCatalog(PathBuf),
    /// Light, dark or the system's theme.
    SetTheme(ThemeChoice),
    /// The zoom factor (1.0 is 100 %).
    SetZoom(f32),
    /// The View menu's choices (clipboard offer, companion mode).
    SetPreferences(Preferences),
    /// The window gained focus with this text in the clipboard: offer it if it is an
    /// APIG error (nothing is analyzed yet).
    ClipboardSeen(String),
    /// Analyze what the clipboard offer holds.
    AnalyzeClipboard,
    /// Dismiss the clipboard offer.
    DismissClipboardOffer,
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
pub struct Duplicate {
    pub existing: u64,
    pub existing_title: String,
    incident: Incident,
}

/// What the front end should do after an action.
#[derive(Debug, Default, PartialEq)]
pub struct Outcome {
    /// Text for the clipboard.
    pub copy: Option<String>,
    /// A short message for the status area ("Copied APIG.0308").
    pub status: Option<String>,
    /// A table position to bring into view.
    pub scroll_to: Option<usize>,
    /// Show the incidents (true) or the catalog entry (false).
    pub show_incidents: Option<bool>,
}

impl Outcome {
    fn copied(text: String, what: impl Into<String>) -> Self {
        Outcome {
            copy: Some(text),
            status: Some(format!("Copied {}", what.into())),
            ..Outcome::default()
        }
    }

    fn scroll(to: Option<usize>) -> Self {
        Outcome {
            scroll_to: to,
            ..Outcome::default()
        }
    }
}

impl Session {
    /// Apply what the engineer did. The explorer's view is refreshed on the next
    /// [`Session::tick`], once per frame however many actions came in.
    pub fn apply(&mut self, action: Action) -> Outcome {
        let outcome = self.apply_action(action);
        // Every copy goes through here: what the app copies is never offered back.
        if let Some(text) = &outcome.copy {
            self.clipboard.copied(text);
        }
        outcome
    }

    fn apply_action(&mut self, action: Action) -> Outcome {
        match action {
            Action::SetQuery(q) => self.explorer.state.query = q,
            Action::Escape => self.explorer.escape(),
            Action::ClearSearch => self.explorer.clear_all(),
            Action::ClearFilters => self.explorer.state.filters = Default::default(),
            Action::ToggleCatalog(id) => self.explorer.state.filters.toggle_catalog(&id),
            Action::ToggleStatus(s) => self.explorer.state.filters.toggle_status(s),
            Action::ToggleCategory(c) => self.explorer.state.filters.toggle_category(c),
            Action::ToggleWhoActs(w) => self.explorer.state.filters.toggle_who_acts(w),
            Action::SortBy(column) => {
                self.explorer.state.sort = self.explorer.state.sort.clicked(column)
            }
            Action::Select(row) => {
                let catalog = Arc::clone(&self.catalogs.catalog);
                self.explorer.select(&catalog, Some(row));
                return Outcome::scroll(self.explorer.selected_position());
            }
            Action::Move { mv, page } => return self.move_selection(mv, page),
            Action::Reveal(row) => return Outcome::scroll(Some(self.reveal_row(row))),
            Action::CopyCode => return self.copy_code(),
            Action::ShowGroup(g) => return self.show_group(g),
            Action::CopyTriageMarkdown | Action::CopyTriageCsv => return self.copy_triage(&action),
            Action::CopyEntryMarkdown(row) => {
                let text = explain_markdown(&self.catalogs.catalog, &[row]);
                return Outcome::copied(text, "the entry as Markdown");
            }
            Action::OpenIncident { row, from_paste } => return self.open_incident(row, from_paste),
            Action::CopyIncidentMarkdown(id) => {
                let catalog = &self.catalogs.catalog;
                let text = self.incidents.book().get(id).map(|i| i.markdown(catalog));
                return text.map_or_else(Outcome::default, |t| {
                    Outcome::copied(t, "the incident as Markdown")
                });
            }
            Action::AddCatalog(path) => self.add_catalog(path),
            Action::DismissNotices => {
                self.notices.clear();
                // The reminders of damaged stores set aside stop with this.
                self.persist(|s| s.dismiss_damaged());
            }
            Action::RemoveCatalog(path) => self.remove_catalog(&path),
            Action::SetTheme(theme) => {
                // A deliberate choice, written at once rather than at the next autosave.
                self.theme = theme;
                self.save_settings();
            }
            Action::SetZoom(zoom) => self.zoom = super::valid_zoom(zoom),
            Action::SetPreferences(preferences) => {
                self.preferences = preferences;
                if !preferences.offer_clipboard {
                    self.clipboard.offer = None;
                }
                self.save_preferences();
            }
            Action::ClipboardSeen(text) if self.preferences.offer_clipboard => {
                self.clipboard.seen(text, &self.paste.text);
            }
            Action::AnalyzeClipboard => {
                let text = self.clipboard.offer.take().map(|o| o.into_text());
                return Outcome::scroll(text.and_then(|t| self.submit_paste(t)));
            }
            Action::DismissClipboardOffer => self.clipboard.offer = None,
            other => return self.apply_paste_or_incident(other),
        }
        Outcome::default()
    }

    fn apply_paste_or_incident(&mut self, action: Action) -> Outcome {
        match action {
            Action::Paste(text) => return Outcome::scroll(self.submit_paste(text)),
            Action::EditPaste(text) => {
                self.clipboard.pasted();
                self.paste.edited(text, &self.catalogs.catalog);
                self.save_paste();
            }
            Action::ClearPaste => {
                self.paste.clear();
                self.save_paste();
            }
            Action::ShowError(i) => self.paste.shown = i,
            Action::OpenSignCheck => self.paste.open_sign_check(),
            Action::CloseSignCheck => self.paste.sign.open = false,
            Action::SetSignSecret(secret) => self.paste.set_sign_secret(secret),
            Action::SetSignBody(body) => self.paste.set_sign_body(body),
            Action::ReopenHistory(i) => self.reopen(i),
            Action::SearchHistory(query) => self.search_history(query),
            Action::ClearHistory => {
                self.history.clear();
                self.paste.clear();
                self.persist(|s| s.clear_history());
                self.search_history(String::new());
            }
            other => self.apply_incident(other),
        }
        Outcome::default()
    }

    fn apply_incident(&mut self, action: Action) {
        let now = now_utc();
        match action {
            Action::SelectIncident(id) => self.incidents.activate(id),
            Action::RenameIncident(id, name) if self.incidents.rename(id, name.clone()) => {
                self.persist(move |s| s.rename_incident(id, &name));
            }
            Action::SetStepStatus { id, step, status } => {
                let worked = self.incidents.set_status(id, step, status, &now);
                self.save_step(id, step, worked);
            }
            Action::SetStepNote { id, step, note } => {
                let worked = self.incidents.set_note(id, step, &note, &now);
                self.save_step(id, step, worked);
            }
            Action::ResetIncident(id) => {
                let change = self.incidents.reset(id);
                self.save_steps(change);
            }
            Action::UndoReset(id) => {
                let change = self.incidents.undo_reset(id);
                self.save_steps(change);
            }
            Action::CloseIncident(id) => {
                self.incidents.close(id);
                let now = now.clone();
                self.persist(move |s| s.close_incident(id, &now));
            }
            Action::RestoreIncident(id) if self.incidents.restore(id) => {
                self.persist(move |s| s.reopen_incident(id));
            }
            Action::AnswerDuplicate(answer) => {
                let Some(duplicate) = self.duplicate.take() else {
                    return;
                };
                match answer {
                    DuplicateAnswer::WorkExisting => self.incidents.activate(duplicate.existing),
                    DuplicateAnswer::StartAnother => self.start_incident(duplicate.incident),
                    DuplicateAnswer::Cancel => {}
                }
            }
            _ => {}
        }
    }

    /// Write a step's change; values of other windows it replaced join the step's history.
    fn save_step(&mut self, id: u64, step: usize, change: Option<StepChange>) {
        let Some((before, after)) = change else {
            return;
        };
        if let Some(replaced) = self.persist(move |s| s.save_step_change(id, step, &before, &after))
            && !replaced.is_empty()
        {
            self.incidents.add_earlier(id, step, replaced);
        }
    }

    fn save_steps(&mut self, change: Option<(Incident, Incident)>) {
        let Some((before, after)) = change else {
            return;
        };
        for (step, (b, a)) in before.steps.into_iter().zip(after.steps).enumerate() {
            self.save_step(after.id, step, Some((b, a)));
        }
    }

    /// Show a paste of the history again (without a new history entry). A paste the
    /// history kept only the beginning of says so, as after a restart.
    fn reopen(&mut self, i: usize) {
        if let Some(entry) = self.history.entries.get(i) {
            let stored = StoredPaste {
                text: entry.text.clone(),
                total_bytes: entry.total_bytes.unwrap_or(entry.text.len()),
                state: PasteState::Analyzed,
            };
            // The same path as a paste restored at start: marked while it is analyzed.
            self.restore_paste(stored);
        }
    }

    fn move_selection(&mut self, mv: Move, page: usize) -> Outcome {
        // The view must match the query the user sees before positions mean anything.
        self.refresh();
        let catalog = Arc::clone(&self.catalogs.catalog);
        Outcome::scroll(self.explorer.move_selection(&catalog, mv, page))
    }

    fn show_group(&mut self, group: usize) -> Outcome {
        let Some(g) = self
            .paste
            .analysis
            .as_ref()
            .and_then(|a| a.triage.groups.get(group))
        else {
            return Outcome::default();
        };
        let row = g.row;
        if let Some(&first) = g.listed.first() {
            self.paste.shown = first;
        }
        Outcome::scroll(row.map(|r| self.reveal_row(r)))
    }

    /// The triage of the paste for a ticket or a spreadsheet, credentials redacted.
    fn copy_triage(&self, action: &Action) -> Outcome {
        let Some(analysis) = &self.paste.analysis else {
            return Outcome::default();
        };
        let (text, what) = match action {
            Action::CopyTriageCsv => (triage_csv(analysis), "the triage as CSV"),
            _ => (triage_markdown(analysis), "the triage as Markdown"),
        };
        Outcome::copied(crate::redact::redact(&text), what)
    }

    fn copy_code(&self) -> Outcome {
        let Some(row) = self.explorer.selected() else {
            return Outcome::default();
        };
        let code = self.catalogs.catalog.entries[row].code().to_string();
        Outcome::copied(code.clone(), code)
    }

    fn open_incident(&mut self, row: usize, from_paste: bool) -> Outcome {
        let now = now_utc();
        let catalog = &self.catalogs.catalog;
        // Redacted with the whole paste: its facts are cuts of it, made before redaction.
        let error = from_paste
            .then(|| self.paste.analysis.as_ref()?.errors.get(self.paste.shown))
            .flatten()
            .map(|e| e.redacted(self.paste.whole_text()));
        let mut incident = match &error {
            Some(error) => Incident::from_paste(0, catalog, row, error, &now),
            None => Incident::from_row(0, catalog, row, &now),
        };
        if let (Some(paste), Some(report)) = (&mut incident.paste, &self.paste.sign.report) {
            // The check's findings, never its secret; redacted like every other fact.
            paste.add_signature(report);
        }
        // The same paste a second time is most often a double click or a forgotten
        // incident: ask rather than keep two.
        let repeated = incident.paste.as_ref().and_then(|facts| {
            self.incidents
                .book()
                .incidents
                .iter()
                .find(|open| open.row == incident.row && open.paste.as_ref() == Some(facts))
        });
        if let Some(open) = repeated {
            self.duplicate = Some(Duplicate {
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
        let stored = self.store.as_ref().map(|s| s.insert_incident(&incident));
        let id = match stored {
            Some(Ok(id)) => Some(id),
            Some(Err(e)) => {
                self.notice(format!(
                    "The incident could not be saved ({e}); it is kept in this window until it closes."
                ));
                None
            }
            None => None,
        };
        self.incidents.add(incident, id);
    }
}
