//! The session: everything an engineer's working day holds (the loaded catalogs, the
//! explorer, the paste, its history, the incidents, the settings) and the verbs that
//! change it. Front ends draw it and hand back [`Action`]s; [`Session::apply`] is the only
//! place that changes it, so the window, its tests and the command line agree.
//! No egui types: the session layer sits between the core and every front end.

mod actions;
mod catalogs;
mod incidents;
mod paste;
mod preload;
mod state;
mod store;

use std::path::PathBuf;
use std::sync::Arc;

pub use actions::{Action, Outcome};
pub use catalogs::{AddError, Catalogs, load_strict};
pub use incidents::Incidents;
pub use paste::{PasteSession, read_input};
pub use preload::{Embedded, Preload};
pub use state::{SavedState, ThemeChoice, valid_zoom};
pub use store::{IncidentStore, StoreError};

use crate::catalog::Catalog;
use crate::explorer::Explorer;
use crate::history::{History, stored_text};
use crate::search::SearchIndex;

/// Wakes the front end when background work has a result (egui's `request_repaint`).
pub type Waker = Arc<dyn Fn() + Send + Sync>;

pub struct Session {
    catalogs: Catalogs,
    explorer: Explorer,
    paste: PasteSession,
    history: History,
    incidents: Incidents,
    theme: ThemeChoice,
    zoom: f32,
    waker: Waker,
}

impl Session {
    /// A session from saved state, over the embedded catalog (built beforehand, possibly
    /// on a worker) and the state's catalog files.
    pub fn new(mut state: SavedState, embedded: Embedded) -> Self {
        let catalogs = Catalogs::new(embedded, std::mem::take(&mut state.catalog_paths));
        Self::with_catalogs(state, catalogs)
    }

    /// A session over catalogs assembled elsewhere (benchmarks of a 100,000-row catalog).
    pub fn with_catalogs(state: SavedState, catalogs: Catalogs) -> Self {
        let explorer = Explorer::new(state.explorer, &catalogs.catalog, &catalogs.index);
        Session {
            paste: PasteSession::restore(state.paste_text, &catalogs.catalog),
            history: state.history,
            incidents: Incidents::default(),
            theme: state.theme,
            zoom: valid_zoom(state.zoom),
            waker: Arc::new(|| {}),
            catalogs,
            explorer,
        }
    }

    /// Keep incidents in `store`: load them now, save them after every change.
    pub fn with_store(mut self, store: IncidentStore) -> Self {
        self.incidents = Incidents::load(store);
        self
    }

    /// Called when a background analysis finishes, so the front end shows it.
    pub fn set_waker(&mut self, waker: Waker) {
        self.waker = waker;
    }

    pub fn saved_state(&self) -> SavedState {
        SavedState {
            explorer: self.explorer.state.clone(),
            theme: self.theme,
            zoom: self.zoom,
            paste_text: stored_text(&self.paste.text),
            history: self.history.clone(),
            catalog_paths: self.catalogs.paths.clone(),
        }
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalogs.catalog
    }

    pub fn index(&self) -> &SearchIndex {
        &self.catalogs.index
    }

    pub fn catalogs(&self) -> &Catalogs {
        &self.catalogs
    }

    pub fn explorer(&self) -> &Explorer {
        &self.explorer
    }

    pub fn paste(&self) -> &PasteSession {
        &self.paste
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    pub fn incidents(&self) -> &Incidents {
        &self.incidents
    }

    pub fn theme(&self) -> ThemeChoice {
        self.theme
    }

    pub fn zoom(&self) -> f32 {
        self.zoom
    }

    /// Work done between frames: take a finished background analysis, and bring the
    /// explorer's view up to date. Cheap when nothing changed. Returns a position to
    /// scroll the table to when a paste's match was revealed.
    pub fn tick(&mut self) -> Option<usize> {
        let revealed = if self.paste.poll(&mut self.history) {
            self.reveal_match()
        } else {
            None
        };
        self.refresh();
        revealed
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

    /// Rebuild the catalogs; the selection follows its row by identity and the paste is
    /// matched against the new rows.
    fn catalogs_changed(&mut self) {
        self.catalogs.reload();
        self.explorer
            .catalog_changed(&self.catalogs.catalog, &self.catalogs.index);
        self.paste.reanalyze(&self.catalogs.catalog);
    }

    /// Analyze a new paste (Ctrl+V, a dropped file, `--paste`) and open its match.
    pub fn submit_paste(&mut self, text: String) -> Option<usize> {
        let waker = Arc::clone(&self.waker);
        self.paste
            .submit(text, &self.catalogs.catalog, &mut self.history, move || {
                waker()
            });
        self.reveal_match()
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
        }
        self.explorer.selected_position().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests;
