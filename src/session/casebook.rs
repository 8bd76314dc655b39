//! The casebook part: what the day leaves on record. The incidents being worked and the
//! question asked before a second one for the same paste (`cases.rs` has their verbs),
//! the paste history and its search, the store everything is written to with the writes
//! that failed (`casebook/keep.rs`), and the notices the engineer must see. Other parts
//! write only through [`Casebook::persist`] and [`Casebook::persist_latest`], so the
//! order of writes and what a failed one becomes is decided in one place.

mod keep;
mod typed;

#[cfg(test)]
pub(super) use typed::SETTLE;

use super::Incidents;
use super::cases::Duplicate;
use super::store::{self, Pending, Store};
use crate::history::{History, HistoryEntry};
use keep::PendingWrite;

/// The record of the day, and the one way to the store.
#[derive(Default)]
pub(crate) struct Casebook {
    history: History,
    /// The History menu's search, and the entries it finds (None: every entry).
    history_query: String,
    history_matches: Option<Vec<usize>>,
    pub(super) incidents: Incidents,
    /// An incident for a paste that already has one open, until the engineer answers.
    pub(super) duplicate: Option<Duplicate>,
    /// Where every change is written; None keeps this session in memory only.
    store: Option<Store>,
    /// Writes that failed, oldest first, tried again before the next write and at close.
    pending: Vec<PendingWrite>,
    /// Load and save problems for the engineer, until dismissed.
    notices: Vec<String>,
    /// Wakes the window when another one changes the store (the window; tests poll).
    watcher: Option<store::Watcher>,
    /// When typed text was last written, until the write-ahead log is emptied of the
    /// states it passed through (`casebook/typed.rs`).
    typed_at: Option<std::time::Instant>,
}

impl Casebook {
    /// The casebook of a store: its incidents, and what opening it found wrong.
    pub(super) fn kept(store: Option<Store>, incidents: Incidents, problems: Vec<String>) -> Self {
        // A window killed while the engineer typed left those states in the log: it is
        // emptied as after typing, once this window is up (not before its first frame).
        let typed_at = store
            .as_ref()
            .filter(|s| s.log_holds_pages())
            .map(|_| std::time::Instant::now());
        Casebook {
            typed_at,
            store,
            incidents,
            notices: problems,
            ..Casebook::default()
        }
    }

    pub(super) fn set_history(&mut self, history: History) {
        self.history = history;
    }

    /// The pastes analyzed, newest first.
    pub(crate) fn history(&self) -> &History {
        &self.history
    }

    /// The History menu's search.
    pub(crate) fn history_query(&self) -> &str {
        &self.history_query
    }

    /// Positions in [`Casebook::history`] of the entries the History search finds.
    pub(crate) fn history_matches(&self) -> Vec<usize> {
        match &self.history_matches {
            Some(found) => found.clone(),
            None => (0..self.history.entries.len()).collect(),
        }
    }

    /// The incidents, open and archived.
    pub(crate) fn incidents(&self) -> &Incidents {
        &self.incidents
    }

    /// The question to ask before a second incident for the same paste, if pending.
    pub(crate) fn duplicate(&self) -> Option<&Duplicate> {
        self.duplicate.as_ref()
    }

    /// What the engineer should know about loading and saving.
    pub(crate) fn notices(&self) -> &[String] {
        &self.notices
    }

    /// The store, when this session keeps its data.
    pub(crate) fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    pub(super) fn notice(&mut self, text: String) {
        if !self.notices.contains(&text) {
            self.notices.push(text);
        }
    }

    /// The engineer read the notices; the reminders of damaged stores set aside stop too.
    pub(super) fn dismiss_notices(&mut self) {
        self.notices.clear();
        self.persist(|s| s.dismiss_damaged());
    }

    /// Wake the front end soon after another window changes the store (once).
    pub(super) fn watch(&mut self, wake: impl Fn() + Send + Sync + 'static) {
        self.watcher = self.store.as_ref().and_then(|s| s.watch(wake));
    }

    /// A new paste's entry: written (settling the hand-off it came from, if any), kept,
    /// and found by the History search if it matches.
    pub(super) fn record(&mut self, entry: HistoryEntry, handed: Option<Pending>) {
        let stored = entry.clone();
        self.persist(move |s| match &handed {
            Some(pending) => s.settle_handoff(&pending.key, &stored),
            None => s.record_history(&stored),
        });
        self.history.push(entry);
        self.search_history_again();
    }

    /// Forget every entry of the history.
    pub(super) fn clear_history(&mut self) {
        self.history.clear();
        self.persist(|s| s.clear_history());
        self.search_history(String::new());
    }

    /// Take what other windows wrote to the store since the last look: incidents, the
    /// Archive, the paste history. A cheap check when nothing changed.
    pub(super) fn sync(&mut self) {
        let Some(store) = &self.store else {
            return;
        };
        if !store.changed_elsewhere() {
            return;
        }
        let mut problems = Vec::new();
        match store.shared(&mut problems) {
            Ok(shared) => {
                self.incidents.replace(shared.incidents, shared.archived);
                self.history.entries = shared.history;
                self.search_history_again();
            }
            Err(e) => problems.push(format!(
                "Changes made in another window could not be read: {e}"
            )),
        }
        for problem in problems {
            self.notice(problem);
        }
    }

    fn search_history_again(&mut self) {
        let query = std::mem::take(&mut self.history_query);
        self.search_history(query);
    }

    /// Search the history: with the store, its full-text index; without one (a session
    /// in memory), entries holding every word.
    pub(super) fn search_history(&mut self, query: String) {
        self.history_query = query;
        let query = self.history_query.trim();
        if query.is_empty() {
            self.history_matches = None;
            return;
        }
        let entries = &self.history.entries;
        let found: Vec<usize> = match self.store.as_ref().map(|s| s.search_history(query)) {
            Some(Ok(found)) => found
                .iter()
                .filter_map(|f| entries.iter().position(|e| e == f))
                .collect(),
            // No store, or its index cannot answer (an old SQLite): the words themselves.
            Some(Err(_)) | None => {
                let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
                (0..entries.len())
                    .filter(|&i| {
                        let e = &entries[i];
                        let all = format!(
                            "{} {} {} {}",
                            e.code.as_deref().unwrap_or_default(),
                            e.http_status.map(|s| s.to_string()).unwrap_or_default(),
                            e.request_id.as_deref().unwrap_or_default(),
                            e.text
                        )
                        .to_lowercase();
                        words.iter().all(|w| all.contains(w.as_str()))
                    })
                    .collect()
            }
        };
        self.history_matches = Some(found);
    }
}
