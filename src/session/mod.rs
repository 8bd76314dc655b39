//! The session: everything an engineer's working day holds (the loaded catalogs, the
//! explorer, the paste, its history, the incidents, the settings) and the verbs that
//! change it. Front ends draw it and hand back [`Action`]s; [`Session::apply`] is the only
//! place that changes it, so the window, its tests and the command line agree.
//! No egui types: the session layer sits between the core and every front end.

mod actions;
mod catalogs;
mod clipboard;
mod data_dir;
mod handoff;
mod incidents;
mod paste;
mod preload;
mod received;
mod sign_check;
mod state;
mod store;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

pub use actions::{Action, Duplicate, DuplicateAnswer, Outcome};
pub use catalogs::{AddError, Catalogs, Indexed, Loading, cache_dir, load_indexed, load_strict};
use catalogs::{Caching, Gate};
pub use clipboard::ClipboardOffer;
pub use data_dir::data_dir;
pub use handoff::{Delivered, HandoffError, send as hand_off};
#[cfg(all(test, unix, feature = "gui"))]
pub(crate) use handoff::{send_for_test, test_endpoint};
pub use incidents::Incidents;
pub use paste::{PasteSession, read_input};
pub use preload::{Embedded, Preload};
pub use sign_check::Secret;
pub use state::{Preferences, SavedState, ThemeChoice, valid_zoom};
pub use store::{
    FILE_NAME as STORE_FILE, Legacy, Opened, PasteState, Pending, Store, StoreError, StoredPaste,
};

use crate::catalog::Catalog;
use crate::explorer::Explorer;
use crate::history::{History, HistoryEntry, now_utc};
use crate::search::SearchIndex;
use paste::Finished;

/// A write to the store, as kept to be tried again.
type Write = Box<dyn Fn(&Store) -> Result<(), StoreError>>;

/// A write to the store that failed, kept to be tried again.
struct PendingWrite {
    /// What it rewrites whole (the last paste, the settings): a later write of the same
    /// replaces it in the queue, so a long full disk does not pile up copies.
    key: Option<&'static str>,
    write: Write,
}

/// How a notice about a change that could not be saved begins.
const UNSAVED: &str = "A change could not be saved";

/// Run the waiting writes in order, removing each that succeeds; stops at the first that
/// fails. Returns how many were written.
fn retry(store: &Store, pending: &mut Vec<PendingWrite>) -> Result<usize, StoreError> {
    let mut written = 0;
    let result = pending.iter().try_for_each(|p| {
        (p.write)(store)?;
        written += 1;
        Ok(())
    });
    pending.drain(..written);
    result.map(|()| written)
}

/// Wakes the front end when background work has a result (egui's `request_repaint`).
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// The front end's wake-up, shared with the workers. The session starts workers (the
/// catalog load, a restored paste's analysis) before the window hands it a [`Waker`], so
/// they call this slot, not the waker there was when they started; a call that came
/// before the waker is passed on when it arrives.
#[derive(Clone, Default)]
struct Wake(Arc<Mutex<WakeSlot>>);

#[derive(Default)]
struct WakeSlot {
    waker: Option<Waker>,
    missed: bool,
}

impl Wake {
    fn set(&self, waker: Waker) {
        let missed = match self.0.lock() {
            Ok(mut slot) => {
                slot.waker = Some(Arc::clone(&waker));
                std::mem::take(&mut slot.missed)
            }
            Err(_) => false,
        };
        if missed {
            waker();
        }
    }

    fn call(&self) {
        let waker = match self.0.lock() {
            Ok(mut slot) => {
                slot.missed = slot.waker.is_none();
                slot.waker.clone()
            }
            Err(_) => None,
        };
        if let Some(waker) = waker {
            waker();
        }
    }
}

/// Everything a working day holds (catalogs, explorer, paste, history, incidents, settings, store), and the verbs that change it: front ends send it [`Action`]s.
pub struct Session {
    catalogs: Catalogs,
    explorer: Explorer,
    paste: PasteSession,
    history: History,
    /// The History menu's search, and the entries it finds (None: every entry).
    history_query: String,
    history_matches: Option<Vec<usize>>,
    incidents: Incidents,
    theme: ThemeChoice,
    zoom: f32,
    preferences: Preferences,
    /// What the clipboard held when the window last gained focus, and the offer.
    clipboard: clipboard::ClipboardWatch,
    wake: Wake,
    /// Where every change is written; None keeps this session in memory only.
    store: Option<Store>,
    /// Catalog files being loaded on a worker.
    loading: Option<Loading>,
    /// Opened when the window's first frame is on screen; loads wait for it.
    shown: Gate,
    /// A finished load's worker writing the catalog cache, with the generation of the
    /// catalogs it loaded.
    caching: Option<(Caching, u64)>,
    /// Load and save problems for the engineer, until dismissed.
    notices: Vec<String>,
    /// Writes that failed, oldest first, tried again before the next write and at close.
    pending: Vec<PendingWrite>,
    /// Responses handed over by `apig-explorer send` (the window listens; tests do not).
    handoff: Option<handoff::Listener>,
    /// A hand-off arrived: the window should come to the front.
    raise: bool,
    /// The stored row of the hand-off whose paste is being analyzed; forgotten when its
    /// history entry is written.
    handed: Option<Pending>,
    /// Hand-offs a window that is gone left in the store, to record in the history.
    left_behind: Vec<Pending>,
    /// Workers recording hand-offs in the history, joined when the window closes.
    recording: Vec<std::thread::JoinHandle<()>>,
    /// Wakes the window when another one changes the store (the window; tests poll).
    watcher: Option<store::Watcher>,
    /// An incident for a paste that already has one open, until the engineer answers.
    duplicate: Option<Duplicate>,
}

impl Session {
    /// A session in memory only, from saved state, over the embedded catalog (built
    /// beforehand, possibly on a worker) and the state's catalog files.
    pub fn new(mut state: SavedState, embedded: Embedded) -> Self {
        let catalogs = Catalogs::new(embedded, std::mem::take(&mut state.catalog_paths));
        Self::with_catalogs(state, catalogs)
    }

    /// A session over catalogs assembled elsewhere (benchmarks of a 100,000-row catalog).
    pub fn with_catalogs(mut state: SavedState, catalogs: Catalogs) -> Self {
        let paste = StoredPaste {
            total_bytes: state.paste_text.len(),
            text: std::mem::take(&mut state.paste_text),
            state: PasteState::Analyzed,
        };
        let mut session = Self::empty(state, catalogs);
        session.restore_paste(paste);
        session.load_catalogs();
        session
    }

    /// The session kept in a store: its state, paste and incidents as stored, and what
    /// opening it found wrong as notices.
    pub fn from_store(opened: Opened, embedded: Embedded) -> Self {
        let Opened {
            store,
            contents,
            problems,
        } = opened;
        let mut state = contents.state;
        let stored_paths = contents.stored_catalog_paths;
        let catalogs = Catalogs::new(embedded, std::mem::take(&mut state.catalog_paths));
        let mut session = Self::empty(state, catalogs);
        session.notices = problems;
        session.incidents = Incidents::from_book(contents.incidents, contents.archived);
        session.store = store;
        // Catalog files named on the command line join the remembered ones.
        if session.catalogs.paths != stored_paths {
            let paths = session.catalogs.paths.clone();
            session.persist_latest("catalogs", move |s| s.set_catalogs(&paths));
        }
        if let Some(paste) = contents.paste {
            session.restore_paste(paste);
        }
        session.load_catalogs();
        session
    }

    fn empty(state: SavedState, catalogs: Catalogs) -> Self {
        let explorer = Explorer::new(state.explorer, &catalogs.catalog, &catalogs.index);
        Session {
            paste: PasteSession::default(),
            history: state.history,
            history_query: String::new(),
            history_matches: None,
            incidents: Incidents::default(),
            theme: state.theme,
            zoom: valid_zoom(state.zoom),
            preferences: state.preferences,
            clipboard: clipboard::ClipboardWatch::default(),
            wake: Wake::default(),
            catalogs,
            explorer,
            store: None,
            loading: None,
            shown: Gate::default(),
            caching: None,
            notices: Vec::new(),
            pending: Vec::new(),
            handoff: None,
            raise: false,
            handed: None,
            left_behind: Vec::new(),
            recording: Vec::new(),
            watcher: None,
            duplicate: None,
        }
    }

    /// Show the stored paste again. It is marked as being analyzed while it is, so a
    /// crash during that analysis is not repeated at the next start.
    fn restore_paste(&mut self, stored: StoredPaste) {
        if stored.text.trim().is_empty() {
            return;
        }
        if stored.state == PasteState::Analyzed {
            let marker = StoredPaste {
                state: PasteState::Analyzing,
                ..stored.clone()
            };
            self.persist_latest("paste", move |s| s.save_paste(&marker));
        }
        let (paste, skipped) = PasteSession::restore(stored, &self.catalogs.catalog);
        self.paste.replace_with(paste);
        self.notices.extend(skipped);
        self.save_paste();
    }

    /// Write a change to the store. A write that fails (a full disk) becomes a notice and
    /// waits, with the change kept here; waiting writes go first, in order, at the next
    /// write and when the window closes, so a later write never lands before an earlier one.
    fn persist<T>(
        &mut self,
        write: impl Fn(&Store) -> Result<T, StoreError> + 'static,
    ) -> Option<T> {
        self.persist_keyed(None, write)
    }

    /// [`Session::persist`] for a write that replaces what `key` names whole: only the
    /// latest such write waits.
    fn persist_latest(
        &mut self,
        key: &'static str,
        write: impl Fn(&Store) -> Result<(), StoreError> + 'static,
    ) {
        self.persist_keyed(Some(key), write);
    }

    fn persist_keyed<T>(
        &mut self,
        key: Option<&'static str>,
        write: impl Fn(&Store) -> Result<T, StoreError> + 'static,
    ) -> Option<T> {
        let store = self.store.as_ref()?;
        let result =
            retry(store, &mut self.pending).and_then(|retried| Ok((retried, write(store)?)));
        match result {
            Ok((retried, written)) => {
                if retried > 0 {
                    self.pending_saved();
                }
                Some(written)
            }
            Err(e) => {
                if key.is_some() {
                    self.pending.retain(|p| p.key != key);
                }
                self.pending.push(PendingWrite {
                    key,
                    write: Box::new(move |s| write(s).map(drop)),
                });
                self.notice(format!(
                    "{UNSAVED} ({e}); it is kept in this window and saved with the next change or when the window closes."
                ));
                None
            }
        }
    }

    /// Try the writes that failed again (the window closing). True when none waits.
    pub fn save_pending(&mut self) -> bool {
        let Some(store) = self.store.as_ref() else {
            return self.pending.is_empty();
        };
        match retry(store, &mut self.pending) {
            Ok(0) => true,
            Ok(_) => {
                self.pending_saved();
                true
            }
            Err(_) => false,
        }
    }

    /// The writes that waited are saved: the notices that said otherwise go.
    fn pending_saved(&mut self) {
        self.notices.retain(|n| !n.starts_with(UNSAVED));
        self.notice("The changes that could not be saved earlier are saved now.".into());
    }

    fn notice(&mut self, text: String) {
        if !self.notices.contains(&text) {
            self.notices.push(text);
        }
    }

    fn save_paste(&mut self) {
        let stored = self.paste.stored();
        self.persist_latest("paste", move |s| s.save_paste(&stored));
    }

    /// Write the settings (explorer, theme, zoom): at autosave and on exit, since they
    /// change with every keystroke and losing the last one costs nothing.
    pub fn save_settings(&mut self) {
        let (theme, zoom) = (self.theme, self.zoom);
        let explorer = self.explorer.state.clone();
        self.persist_latest("settings", move |s| s.save_settings(&explorer, theme, zoom));
        self.save_preferences();
    }

    fn save_preferences(&mut self) {
        let preferences = self.preferences;
        self.persist_latest("preferences", move |s| s.save_preferences(&preferences));
    }

    /// What the engineer should know about loading and saving.
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// The store, when this session keeps its data.
    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    /// Wake the front end soon after another window changes the store (the window;
    /// once). Without it, changes are still taken at the next [`Session::tick`].
    pub fn watch_store(&mut self) {
        let wake = self.wake.clone();
        self.watcher = self
            .store
            .as_ref()
            .and_then(|s| s.watch(move || wake.call()));
    }

    /// Take what other windows wrote to the store since the last look: incidents, the
    /// Archive, the paste history. A cheap check when nothing changed.
    fn sync(&mut self) {
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
                let query = std::mem::take(&mut self.history_query);
                self.search_history(query);
            }
            Err(e) => problems.push(format!(
                "Changes made in another window could not be read: {e}"
            )),
        }
        for problem in problems {
            self.notice(problem);
        }
    }

    /// True once after a hand-off arrived: the window comes to the front.
    pub fn take_raise(&mut self) -> bool {
        std::mem::take(&mut self.raise)
    }

    /// Called when work finishes off the UI thread (an analysis, a hand-off, another
    /// window's write), so the front end draws it.
    pub fn set_waker(&mut self, waker: Waker) {
        self.wake.set(waker);
    }

    /// What the next start restores.
    pub fn saved_state(&self) -> SavedState {
        SavedState {
            explorer: self.explorer.state.clone(),
            theme: self.theme,
            zoom: self.zoom,
            preferences: self.preferences,
            paste_text: self.paste.stored().text,
            history: self.history.clone(),
            catalog_paths: self.catalogs.paths.clone(),
        }
    }

    /// Every loaded row.
    pub fn catalog(&self) -> &Catalog {
        &self.catalogs.catalog
    }

    /// The search index of every loaded row.
    pub fn index(&self) -> &SearchIndex {
        &self.catalogs.index
    }

    /// The search box holds a response (a log line, an error JSON, a status line) rather
    /// than words to search: the window offers to analyze it.
    pub fn query_is_response(&self) -> bool {
        crate::analysis::looks_like_response(&self.explorer.state.query)
    }

    /// The loaded catalogs, their index and loading state.
    pub fn catalogs(&self) -> &Catalogs {
        &self.catalogs
    }

    /// The table: query, filters, sort, selection and rows shown.
    pub fn explorer(&self) -> &Explorer {
        &self.explorer
    }

    /// The paste panel: the paste and its analysis.
    pub fn paste(&self) -> &PasteSession {
        &self.paste
    }

    /// The pastes analyzed, newest first.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The History menu's search.
    pub fn history_query(&self) -> &str {
        &self.history_query
    }

    /// Positions in [`Session::history`] of the entries the History search finds.
    pub fn history_matches(&self) -> Vec<usize> {
        match &self.history_matches {
            Some(found) => found.clone(),
            None => (0..self.history.entries.len()).collect(),
        }
    }

    /// Search the history: with the store, its full-text index; without one (a session
    /// in memory), entries holding every word.
    fn search_history(&mut self, query: String) {
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
            _ => {
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

    /// The incidents, open and archived.
    pub fn incidents(&self) -> &Incidents {
        &self.incidents
    }

    /// The question to ask before a second incident for the same paste, if pending.
    pub fn duplicate(&self) -> Option<&Duplicate> {
        self.duplicate.as_ref()
    }

    /// The theme chosen.
    pub fn theme(&self) -> ThemeChoice {
        self.theme
    }

    /// The zoom factor (1.0 is 100 %).
    pub fn zoom(&self) -> f32 {
        self.zoom
    }

    /// The View menu's choices.
    pub fn preferences(&self) -> Preferences {
        self.preferences
    }

    /// The clipboard's APIG error, offered until analyzed or dismissed.
    pub fn clipboard_offer(&self) -> Option<&ClipboardOffer> {
        self.clipboard.offer.as_ref()
    }

    /// Work done between frames, and while the window is hidden (the front end's logic):
    /// take what other windows wrote to the store, finished catalog loads and a finished
    /// background analysis, and bring the explorer's view up to date. Cheap when nothing
    /// changed. Returns a position to scroll the table to when a paste's match was
    /// revealed.
    pub fn tick(&mut self) -> Option<usize> {
        self.sync();
        self.poll_catalogs();
        self.poll_caching();
        let revealed = self.paste.poll().and_then(|done| self.analyzed(done));
        revealed.or(self.refresh_view())
    }

    /// Bring the explorer's view up to date with the actions applied since the last look
    /// (once per batch of actions, not per action). Returns the top position when the
    /// view asked to jump there.
    pub fn refresh_view(&mut self) -> Option<usize> {
        self.refresh();
        self.explorer.take_jump().then_some(0)
    }

    /// Load the remembered catalog files on a worker (none: nothing to do).
    fn load_catalogs(&mut self) {
        let paths = self.catalogs.paths.clone();
        self.loading = (!paths.is_empty()).then(|| {
            let wake = self.wake.clone();
            let embedded = self.catalogs.embedded.clone();
            Loading::start(embedded, paths, &self.shown, move || wake.call())
        });
    }

    fn poll_catalogs(&mut self) {
        let Some(loading) = &mut self.loading else {
            return;
        };
        match loading.poll() {
            Ok(Some(catalogs)) => {
                let caching = loading.take_worker();
                self.loading = None;
                self.install(catalogs);
                self.caching = caching.map(|c| (c, self.catalogs.generation));
            }
            Ok(None) | Err(None) => {}
            Err(Some(notice)) => self.notice(notice),
        }
    }

    /// The rows just loaded, as read back from the cache written for them: the same rows
    /// in the same order (nothing that refers to a row changes), their text in the
    /// cache's map instead of the heap. A newer load since then keeps its own.
    fn poll_caching(&mut self) {
        let Some((caching, generation)) = &self.caching else {
            return;
        };
        let Some(mapped) = caching.poll() else {
            return;
        };
        let current = &self.catalogs.catalog;
        let same_load = *generation == self.catalogs.generation
            && mapped.entries.len() == current.entries.len()
            && mapped.sources == current.sources;
        if same_load {
            let parsed = std::mem::replace(&mut self.catalogs.catalog, mapped);
            // Freeing 100,000 parsed rows and handing the pages back takes a while: not on
            // the window's thread (unless no thread can be started; then they go here).
            let _ = std::thread::Builder::new()
                .name("catalog-free".into())
                .spawn(move || {
                    drop(parsed);
                    crate::memory::release_freed();
                });
        }
    }

    /// The window's first frame is on screen: catalog files may load now.
    pub fn window_shown(&self) {
        self.shown.open();
    }

    /// Whether loads may take the CPU: the window said its first frame is shown.
    pub fn loads_may_start(&self) -> bool {
        self.shown.is_open()
    }

    /// Wait until the catalog files are loaded (tests; screenshots of loaded rows).
    pub fn finish_loading(&mut self) {
        self.shown.open();
        if let Some(catalogs) = self.loading.take().and_then(Loading::wait) {
            self.install(catalogs);
        }
    }

    /// Let the catalog cache finish being written (the window closing), so the next
    /// start reads it instead of parsing the files again.
    pub fn finish_caching(&mut self) {
        if let Some((caching, _)) = self.caching.take() {
            caching.finish();
        }
    }

    /// The files being loaded, if any.
    pub fn loading(&self) -> Option<&Loading> {
        self.loading.as_ref()
    }

    /// Use freshly loaded catalogs: the selection follows its row by identity, and the
    /// paste is matched against the new rows.
    fn install(&mut self, mut catalogs: Catalogs) {
        catalogs.generation = self.catalogs.generation + 1;
        self.catalogs = catalogs;
        for problem in self.catalogs.problems.clone() {
            self.notice(problem);
        }
        self.explorer
            .catalog_changed(&self.catalogs.catalog, &self.catalogs.index);
        let wake = self.wake.clone();
        self.paste
            .reanalyze(&self.catalogs.catalog, move || wake.call());
    }

    /// An analysis finished: keep it in the history (a new paste) and the store, and open
    /// its match.
    fn analyzed(&mut self, done: Finished) -> Option<usize> {
        if let (Some(text), Some(analysis)) = (done.stored, &self.paste.analysis) {
            let entry = HistoryEntry::of(now_utc(), text, self.paste.total_bytes, analysis);
            let stored = entry.clone();
            // A hand-off's stored row goes once its entry is written (not before).
            let handed = self.handed.take();
            self.persist(move |s| match &handed {
                Some(pending) => s.settle_handoff(&pending.key, &stored),
                None => s.record_history(&stored),
            });
            self.history.push(entry);
            let query = std::mem::take(&mut self.history_query);
            self.search_history(query);
        }
        self.save_paste();
        self.reveal_match()
    }

    fn refresh(&mut self) {
        self.explorer
            .refresh(&self.catalogs.catalog, &self.catalogs.index);
    }

    /// Load (and remember) another catalog file; problems are shown, never fatal.
    pub fn add_catalog(&mut self, path: PathBuf) {
        if !self.catalogs.paths.contains(&path) {
            self.catalogs.paths.push(path);
            self.catalogs_changed();
        }
    }

    fn remove_catalog(&mut self, path: &std::path::Path) {
        self.catalogs.paths.retain(|p| p != path);
        self.catalogs_changed();
    }

    /// Remember the catalog files and load them again, on a worker.
    fn catalogs_changed(&mut self) {
        let paths = self.catalogs.paths.clone();
        let remembered = paths.clone();
        self.persist_latest("catalogs", move |s| s.set_catalogs(&remembered));
        if paths.is_empty() {
            self.loading = None;
            self.install(Catalogs::new(self.catalogs.embedded.clone(), paths));
        } else {
            self.load_catalogs();
        }
    }

    /// Analyze a new paste (Ctrl+V, a dropped file, `--paste`) and open its match.
    pub fn submit_paste(&mut self, text: String) -> Option<usize> {
        self.replace_handed();
        self.analyze_new_paste(text)
    }

    /// The store marks the paste as being analyzed first, so a crash is not repeated at
    /// the next start.
    fn analyze_new_paste(&mut self, text: String) -> Option<usize> {
        // A paste of any kind answers a pending clipboard offer.
        self.clipboard.pasted();
        let marker = StoredPaste {
            text: crate::history::stored_text(&text),
            total_bytes: text.len(),
            state: PasteState::Analyzing,
        };
        self.persist_latest("paste", move |s| s.save_paste(&marker));
        let wake = self.wake.clone();
        match self
            .paste
            .submit(text, &self.catalogs.catalog, move || wake.call())
        {
            Some(done) => self.analyzed(done),
            None => None,
        }
    }

    /// Open the identified row of the first error, so the detail pane answers the paste.
    fn reveal_match(&mut self) -> Option<usize> {
        let row = self
            .paste
            .analysis
            .as_ref()
            .and_then(|a| a.errors.first()?.matched())?
            .row;
        Some(self.reveal_row(row))
    }

    /// Show a catalog row in the table and the detail pane, clearing the search and
    /// filters if they hide it; returns its position in the table.
    pub fn reveal_row(&mut self, row: usize) -> usize {
        let catalog = Arc::clone(&self.catalogs.catalog);
        self.explorer.select(&catalog, Some(row));
        self.refresh();
        if self.explorer.selected_position().is_none() {
            self.explorer.clear_all();
            self.refresh();
            self.explorer.select(&catalog, Some(row));
        }
        self.explorer.take_jump();
        self.explorer.selected_position().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests;
