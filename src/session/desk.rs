//! The paste desk part: the paste and its analysis (`paste.rs`), its signature check,
//! the clipboard offer (`clipboard.rs`) and the hand-offs of `apig-explorer send`
//! (`received.rs`). It reads the library's catalog to analyze; a finished analysis is
//! written to the casebook's history and store, and its match revealed in the explorer.

use std::sync::Arc;
use std::time::Duration;

use super::clipboard::{ClipboardOffer, ClipboardWatch};
use super::paste::Finished;
use super::received::Intake;
use super::{Outcome, PasteSession, PasteState, Secret, Session, StoredPaste};
use crate::catalog::Catalog;
use crate::history::{HistoryEntry, now_utc};
use crate::report::{triage_csv, triage_markdown};
use crate::task::Tasks;

/// What the engineer does with the paste panel and the clipboard offer.
#[derive(Clone, Debug, PartialEq)]
pub enum PasteAction {
    /// Analyze a new paste (Ctrl+V, a dropped file, `--paste`) and open its match.
    Paste(String),
    /// The paste was edited; analyze it again.
    EditPaste(String),
    /// Set the paste aside (the text area empties); [`PasteAction::UndoClear`] brings
    /// it back until another paste or edit.
    ClearPaste,
    /// Bring back the paste the last Clear set aside, with its analysis.
    UndoClear,
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
    /// Analyze what the clipboard offer holds.
    AnalyzeClipboard,
    /// Dismiss the clipboard offer.
    DismissClipboardOffer,
}

/// The paste, the clipboard offer and the hand-off intake.
#[derive(Default)]
pub(crate) struct PasteDesk {
    paste: PasteSession,
    /// What the clipboard held when the window last gained focus, and the offer.
    pub(super) clipboard: ClipboardWatch,
    /// Responses handed over by `apig-explorer send`.
    pub(super) intake: Intake,
    /// The paste before the last "Clear paste", until another paste, an edit or a clear
    /// of the history: a Clear clicked by mistake loses nothing (a typed or edited paste,
    /// or one cleared while it was analyzed, is in no history entry).
    /// With the session's number for the clear, so Ctrl+Z can tell it from a search's.
    cleared: Option<(u64, PasteSession)>,
}

impl PasteDesk {
    /// The paste, its analysis and signature check.
    pub(crate) fn paste(&self) -> &PasteSession {
        &self.paste
    }

    /// The clipboard's APIG error, offered until analyzed or dismissed.
    pub(crate) fn clipboard_offer(&self) -> Option<&ClipboardOffer> {
        self.clipboard.offer.as_ref()
    }

    /// The window found `text` in the clipboard: offer it, unless it is the paste shown.
    pub(super) fn clipboard_seen(&mut self, text: String) {
        self.clipboard.seen(text, &self.paste.text);
    }

    /// Take a finished background analysis.
    pub(super) fn poll(&mut self) -> Option<Finished> {
        self.paste.poll()
    }

    /// Block until the analysis under way is finished (at most `within`), and take it.
    pub(super) fn wait(&mut self, within: Duration) -> Option<Finished> {
        self.paste.wait(within)
    }

    /// The catalogs changed: match the paste against the new rows.
    pub(super) fn reanalyze(
        &mut self,
        catalog: &Arc<Catalog>,
        index: &Arc<crate::search::SearchIndex>,
        tasks: &Tasks,
    ) {
        self.paste.set_index(index);
        self.paste.reanalyze(catalog, tasks);
    }

    /// Forget the paste, and the one kept for an undo (the history is being cleared:
    /// cleared means gone).
    pub(super) fn clear(&mut self, tasks: &Tasks) {
        self.paste.clear(tasks);
        self.forget_cleared(tasks);
    }

    /// A paste set aside for an undo: "Undo clear" is offered.
    pub(crate) fn can_undo_clear(&self) -> bool {
        self.cleared.is_some()
    }

    /// The number of the clear that set the paste aside, if one is kept.
    pub(super) fn cleared_at(&self) -> Option<u64> {
        self.cleared.as_ref().map(|(stamp, _)| *stamp)
    }

    /// Set the paste aside for an undo; false when there was nothing to set aside.
    fn clear_undoably(&mut self, stamp: u64, tasks: &Tasks) -> bool {
        let old = self.paste.take_cancelled();
        if old.text.trim().is_empty() {
            old.discard(tasks);
            return false;
        }
        if let Some((_, earlier)) = self.cleared.replace((stamp, old)) {
            earlier.discard(tasks);
        }
        true
    }

    /// Show the paste the last Clear set aside again, analyzed again if its analysis
    /// had not finished; false when there is none.
    fn undo_clear(&mut self, catalog: &Arc<Catalog>, tasks: &Tasks) -> bool {
        let Some((_, old)) = self.cleared.take() else {
            return false;
        };
        self.paste.replace_with(old, tasks);
        if self.paste.analysis.is_none() {
            self.paste.reanalyze(catalog, tasks);
        }
        true
    }

    /// Another paste or an edit: the cleared one is not brought back any more.
    fn forget_cleared(&mut self, tasks: &Tasks) {
        if let Some((_, old)) = self.cleared.take() {
            old.discard(tasks);
        }
    }
}

impl Session {
    /// The paste panel's verbs. Reads the library; a new paste goes through
    /// [`Session::analyze_new_paste`] (casebook, explorer).
    pub(super) fn apply_paste(&mut self, action: PasteAction) -> Outcome {
        let paste = &mut self.desk.paste;
        match action {
            PasteAction::Paste(text) => return Outcome::scroll(self.submit_paste(text)),
            PasteAction::EditPaste(text) => {
                self.desk.clipboard.pasted();
                paste.edited(text, &self.library.shared_catalog(), &self.tasks);
                self.desk.forget_cleared(&self.tasks);
                self.save_paste();
            }
            PasteAction::ClearPaste => {
                let stamp = self.next_clear();
                let kept = self.desk.clear_undoably(stamp, &self.tasks);
                self.save_paste();
                if kept {
                    return Outcome::said("Paste cleared: \"Undo clear\" (Ctrl+Z) brings it back");
                }
            }
            PasteAction::UndoClear => {
                let catalog = self.library.shared_catalog();
                if !self.desk.undo_clear(&catalog, &self.tasks) {
                    return Outcome::said("There is no cleared paste to bring back");
                }
                self.save_paste();
            }
            PasteAction::ShowError(i) => {
                if paste.analysis.as_ref().is_none_or(|a| i >= a.errors.len()) {
                    return Outcome::said("That error is not in the paste any more");
                }
                paste.shown = i;
            }
            PasteAction::OpenSignCheck => paste.open_sign_check(),
            PasteAction::CloseSignCheck => paste.sign.open = false,
            PasteAction::SetSignSecret(secret) => paste.set_sign_secret(secret),
            PasteAction::SetSignBody(body) => paste.set_sign_body(body),
            PasteAction::ShowGroup(g) => return self.show_group(g),
            PasteAction::CopyTriageMarkdown => return self.copy_triage(false),
            PasteAction::CopyTriageCsv => return self.copy_triage(true),
            PasteAction::AnalyzeClipboard => {
                let Some(offer) = self.desk.clipboard.offer.take() else {
                    return Outcome::said("The clipboard offer is gone: paste the text instead");
                };
                return Outcome::scroll(self.submit_paste(offer.into_text()));
            }
            PasteAction::DismissClipboardOffer => self.desk.clipboard.offer = None,
        }
        Outcome::default()
    }

    /// Analyze a new paste (Ctrl+V, a dropped file, `--paste`) and open its match.
    fn submit_paste(&mut self, text: String) -> Option<usize> {
        self.replace_handed();
        self.analyze_new_paste(text)
    }

    /// The store marks the paste as being analyzed first, so a crash is not repeated at
    /// the next start.
    pub(super) fn analyze_new_paste(&mut self, text: String) -> Option<usize> {
        // A paste of any kind answers a pending clipboard offer.
        self.desk.clipboard.pasted();
        self.desk.forget_cleared(&self.tasks);
        let marker = StoredPaste {
            text: crate::history::stored_text(&text),
            total_bytes: text.len(),
            state: PasteState::Analyzing,
        };
        self.casebook
            .persist_latest("paste", move |s| s.save_paste(&marker));
        let catalog = self.library.shared_catalog();
        self.desk.paste.set_index(&self.library.catalogs().index);
        self.desk.paste.submit(text, &catalog, &self.tasks);
        None
    }

    /// Show the stored paste again. It is marked as being analyzed while it is, so a
    /// crash during that analysis is not repeated at the next start.
    pub(super) fn restore_paste(&mut self, stored: StoredPaste) {
        if stored.text.trim().is_empty() {
            return;
        }
        if stored.state == PasteState::Analyzed {
            let marker = StoredPaste {
                state: PasteState::Analyzing,
                ..stored.clone()
            };
            self.casebook
                .persist_latest("paste", move |s| s.save_paste(&marker));
        }
        let catalog = self.library.shared_catalog();
        let (paste, skipped) = PasteSession::restore(stored, &catalog, &self.tasks);
        self.desk.paste.replace_with(paste, &self.tasks);
        self.desk.forget_cleared(&self.tasks);
        if let Some(skipped) = skipped {
            self.casebook.notice(skipped);
        }
        self.save_paste();
    }

    pub(super) fn save_paste(&mut self) {
        let stored = self.desk.paste.stored();
        self.casebook
            .persist_latest("paste", move |s| s.save_paste(&stored));
    }

    /// An analysis finished: keep it in the history (a new paste) and the store, and open
    /// its match.
    pub(super) fn analyzed(&mut self, done: Finished) -> Option<usize> {
        if let (Some(text), Some(analysis)) = (done.stored, &self.desk.paste.analysis) {
            let entry = HistoryEntry::of(now_utc(), text, self.desk.paste.total_bytes, analysis);
            // A hand-off's stored row goes once its entry is written (not before).
            let handed = self.desk.intake.take_handed();
            self.casebook.record(entry, handed);
        }
        self.save_paste();
        if done.reveal {
            self.reveal_match()
        } else {
            None
        }
    }

    /// Open the identified row of the error shown (a log's largest group), so the detail
    /// pane answers the paste.
    fn reveal_match(&mut self) -> Option<usize> {
        let paste = &self.desk.paste;
        let row = paste
            .analysis
            .as_ref()
            .and_then(|a| a.errors.get(paste.shown)?.matched())?
            .row;
        Some(self.reveal_row(row))
    }

    fn show_group(&mut self, group: usize) -> Outcome {
        let paste = &mut self.desk.paste;
        let Some(g) = paste
            .analysis
            .as_ref()
            .and_then(|a| a.triage.groups.get(group))
        else {
            return Outcome::said("That group is not in the paste's triage any more");
        };
        let row = g.row;
        if let Some(&first) = g.listed.first() {
            paste.shown = first;
        }
        Outcome::scroll(row.map(|r| self.reveal_row(r)))
    }

    /// The triage of the paste for a ticket or a spreadsheet, credentials redacted.
    fn copy_triage(&self, csv: bool) -> Outcome {
        let Some(analysis) = &self.desk.paste.analysis else {
            return Outcome::said("No analyzed paste: nothing to copy");
        };
        let (text, what) = if csv {
            (triage_csv(analysis), "the triage as CSV")
        } else {
            (triage_markdown(analysis), "the triage as Markdown")
        };
        Outcome::copied(crate::redact::redact(&text), what)
    }
}
