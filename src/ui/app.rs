//! The application: owns the catalog, the search index and the explorer model, and lays
//! out the panels.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::analysis::FoundError;
use crate::catalog::Catalog;
use crate::explorer::{Explorer, ExplorerState};
use crate::history::{History, now_utc, stored_text};
use crate::incident::{Incident, IncidentBook};
use crate::incident_store::IncidentStore;
use crate::paste::PasteSession;
use crate::preload::{Embedded, Preload};
use crate::search::SearchIndex;

use super::first_frame::FirstFrameProbe;
use super::screenshot::Screenshot;
use super::{catalogs, detail, facets, keys, paste_panel, table, top_bar};

/// Key of the app's own state in eframe's storage.
pub const STATE_KEY: &str = "apig-explorer-state";

/// Light, dark, or whatever the system says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    fn preference(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// Everything that survives a restart. `#[serde(default)]` so an old or partial state
/// file degrades to defaults field by field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedState {
    pub explorer: ExplorerState,
    pub theme: ThemeChoice,
    pub zoom: f32,
    /// The last paste, redacted: what the engineer pasted survives a restart.
    pub paste_text: String,
    pub history: History,
    /// Catalog files added by the engineer, loaded again at every start.
    pub catalog_paths: Vec<std::path::PathBuf>,
}

impl Default for SavedState {
    fn default() -> Self {
        SavedState {
            explorer: ExplorerState::default(),
            theme: ThemeChoice::System,
            zoom: 1.0,
            paste_text: String::new(),
            history: History::default(),
            catalog_paths: Vec::new(),
        }
    }
}

/// The saved state, or defaults when there is none or it cannot be read (an old or
/// damaged file must never keep the app from starting).
pub fn load_state(storage: Option<&dyn eframe::Storage>) -> SavedState {
    storage
        .and_then(|s| eframe::get_value::<SavedState>(s, STATE_KEY))
        .unwrap_or_default()
}

/// `base` (the embedded catalog) plus every loadable file, what went wrong with the
/// others, and notes on the imports (columns kept as extra fields).
fn assemble(
    mut catalog: Catalog,
    paths: &[std::path::PathBuf],
) -> (Catalog, Vec<String>, Vec<String>) {
    let (mut problems, mut notes) = (Vec::new(), Vec::new());
    for path in paths {
        match crate::catalog::load_file(path) {
            Ok(loaded) => {
                let name = path.display();
                notes.extend(loaded.notes.iter().map(|n| format!("{name}: {n}")));
                if let Err(e) = catalog.merge(loaded.catalog) {
                    problems.push(format!("{name}: {e}"));
                }
            }
            Err(e) => problems.push(e),
        }
    }
    (catalog, problems, notes)
}

fn rows_per_source(catalog: &Catalog) -> Vec<usize> {
    let mut counts = vec![0; catalog.sources.len()];
    for e in &catalog.entries {
        counts[e.source] += 1;
    }
    counts
}

/// Glyphs snapped to whole pixels: sharper text in a dense table, and a quarter of the
/// glyph rasterizing on the first frame (sub-pixel binning draws each glyph up to 4 times).
fn crisp_text(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| style.visuals.text_options.subpixel_binning = false);
}

/// How the app was started from the command line.
#[derive(Debug, Default)]
pub struct StartOptions {
    /// The embedded catalog, already being built (else it is built when the app starts).
    pub preload: Option<Preload>,
    /// Start with this query instead of the saved one.
    pub query: Option<String>,
    /// Start with this text pasted and analyzed.
    pub paste: Option<String>,
    /// Catalog files to load (and remember) in addition to the saved ones.
    pub catalogs: Vec<std::path::PathBuf>,
    /// Report when the first frame is on screen, then close (startup measurement).
    pub exit_after_first_frame: bool,
    /// Render, save a screenshot, and quit.
    pub screenshot: Option<Screenshot>,
}

/// Transient UI state: requests from one part of the frame to another.
#[derive(Default)]
pub(super) struct UiFlags {
    pub focus_search: bool,
    /// Visible position to scroll the table to this frame.
    pub scroll_to: Option<usize>,
    /// Rows that fit in the table, for PageUp/PageDown.
    pub page_rows: usize,
    /// Short feedback ("Copied APIG.0308") shown in the top bar.
    pub toast: Option<String>,
    pub marks: table::MarkCache,
    /// Which error of a multi-error paste the analysis pane shows.
    pub shown_error: usize,
    /// The detail pane shows incidents instead of the catalog entry.
    pub show_incidents: bool,
    pub show_catalogs: bool,
    pub selection: detail::SelectionCache,
    /// The path typed in the Catalogs window.
    pub catalog_path: String,
}

pub struct ExplorerApp {
    pub(super) catalog: Arc<Catalog>,
    pub(super) index: SearchIndex,
    pub(super) explorer: Explorer,
    pub(super) theme: ThemeChoice,
    pub(super) flags: UiFlags,
    pub(super) paste: PasteSession,
    pub(super) history: History,
    pub(super) incidents: IncidentBook,
    pub(super) active_incident: Option<u64>,
    /// Why incidents could not be loaded or saved, until the engineer dismisses it.
    pub(super) incident_problem: Option<String>,
    pub(super) catalog_paths: Vec<std::path::PathBuf>,
    /// What went wrong loading the catalog files (shown until fixed or removed).
    pub(super) catalog_problems: Vec<String>,
    pub(super) catalog_notes: Vec<String>,
    /// Rows per catalog source, counted once per catalog (not per frame).
    pub(super) source_rows: Vec<usize>,
    store: Option<IncidentStore>,
    screenshot: Option<Screenshot>,
    first_frame_probe: Option<FirstFrameProbe>,
    applied_look: bool,
    zoom: f32,
}

impl ExplorerApp {
    /// The app as eframe starts it: state from storage (defaults if absent or damaged).
    pub fn new(cc: &eframe::CreationContext<'_>, options: StartOptions) -> Self {
        crisp_text(&cc.egui_ctx);
        let mut state = load_state(cc.storage);
        for path in options.catalogs {
            if !state.catalog_paths.contains(&path) {
                state.catalog_paths.push(path);
            }
        }
        let embedded = options
            .preload
            .map_or_else(Embedded::build, Preload::finish);
        let mut app = Self::with_embedded(state, options.query, embedded);
        if let Some(dir) = eframe::storage_dir("apig-explorer") {
            app = app.with_store(IncidentStore::new(dir.join("incidents.json")));
        }
        if let Some(text) = options.paste {
            app.submit_paste(&cc.egui_ctx, text);
            if let Some(row) = app
                .paste
                .analysis
                .as_ref()
                .and_then(|a| a.errors.first()?.matched())
            {
                app.reveal_row(row.row);
            }
        }
        app.screenshot = options.screenshot;
        app.first_frame_probe = options
            .exit_after_first_frame
            .then(FirstFrameProbe::default);
        app
    }

    /// The app from a given state, with the embedded catalog and the state's catalog
    /// files (also used by tests).
    pub fn with_state(state: SavedState, query: Option<String>) -> Self {
        Self::with_embedded(state, query, Embedded::build())
    }

    /// The app over the embedded catalog and index built beforehand; the index is
    /// rebuilt only when catalog files join the embedded rows.
    fn with_embedded(mut state: SavedState, query: Option<String>, embedded: Embedded) -> Self {
        if let Some(q) = query {
            state.explorer.query = q;
        }
        if state.catalog_paths.is_empty() {
            return Self::with_index(state, embedded.catalog, embedded.index);
        }
        let (catalog, problems, notes) = assemble(embedded.catalog, &state.catalog_paths);
        let mut app = Self::with_catalog(state, catalog);
        crate::memory::release_freed();
        app.flags.show_catalogs = !problems.is_empty();
        app.catalog_problems = problems;
        app.catalog_notes = notes;
        app
    }

    /// The app over a catalog built elsewhere (benchmarks of a 100,000-row catalog).
    pub fn with_catalog(state: SavedState, catalog: Catalog) -> Self {
        let index = SearchIndex::new(&catalog);
        Self::with_index(state, catalog, index)
    }

    fn with_index(mut state: SavedState, catalog: Catalog, index: SearchIndex) -> Self {
        let catalog_paths = std::mem::take(&mut state.catalog_paths);
        let catalog = Arc::new(catalog);
        let explorer = Explorer::new(state.explorer, &catalog, &index);
        ExplorerApp {
            paste: PasteSession::restore(state.paste_text, &catalog),
            history: state.history,
            incidents: IncidentBook::default(),
            active_incident: None,
            incident_problem: None,
            catalog_paths,
            catalog_problems: Vec::new(),
            catalog_notes: Vec::new(),
            source_rows: rows_per_source(&catalog),
            store: None,
            catalog,
            index,
            explorer,
            theme: state.theme,
            flags: UiFlags::default(),
            screenshot: None,
            first_frame_probe: None,
            applied_look: false,
            zoom: if state.zoom.is_finite() {
                state.zoom.clamp(0.5, 3.0)
            } else {
                1.0
            },
        }
    }

    /// Load (and remember) another catalog file; problems are shown, never fatal.
    pub fn add_catalog(&mut self, path: std::path::PathBuf) {
        if !self.catalog_paths.contains(&path) {
            self.catalog_paths.push(path);
            self.reload_catalogs();
        }
    }

    pub(super) fn remove_catalog(&mut self, path: &std::path::Path) {
        self.catalog_paths.retain(|p| p != path);
        self.reload_catalogs();
    }

    /// Rebuild the catalog and index from the embedded data and the files; the selection
    /// follows its row by identity.
    fn reload_catalogs(&mut self) {
        let (catalog, problems, notes) = assemble(Catalog::embedded(), &self.catalog_paths);
        self.catalog = Arc::new(catalog);
        self.catalog_problems = problems;
        self.catalog_notes = notes;
        self.source_rows = rows_per_source(&self.catalog);
        self.index = SearchIndex::new(&self.catalog);
        crate::memory::release_freed();
        self.explorer.catalog_changed(&self.catalog, &self.index);
        self.paste.reanalyze(&self.catalog);
        self.flags.marks = Default::default();
        self.flags.selection = Default::default();
    }

    pub fn saved_state(&self) -> SavedState {
        SavedState {
            explorer: self.explorer.state.clone(),
            theme: self.theme,
            zoom: self.zoom,
            paste_text: stored_text(&self.paste.text),
            history: self.history.clone(),
            catalog_paths: self.catalog_paths.clone(),
        }
    }

    /// Keep incidents in `store`: load them now, save them after every change.
    pub fn with_store(mut self, store: IncidentStore) -> Self {
        let loaded = store.load();
        self.incidents = loaded.book;
        self.incident_problem = loaded.problem;
        self.active_incident = self.incidents.incidents.first().map(|i| i.id);
        self.store = Some(store);
        self
    }

    pub fn incidents(&self) -> &IncidentBook {
        &self.incidents
    }

    /// Write the incidents after a change; a failure is shown, the work stays in memory.
    pub(super) fn incidents_changed(&mut self) {
        if let Some(Err(e)) = self.store.as_ref().map(|s| s.save(&self.incidents)) {
            self.incident_problem = Some(format!("Incidents could not be saved: {e}"));
        }
    }

    /// Start an incident for a catalog row, from an analyzed paste when one is given.
    pub(super) fn open_incident(&mut self, row: usize, from: Option<&FoundError>) {
        let now = now_utc();
        let catalog = &self.catalog;
        let id = self.incidents.open(|id| match from {
            Some(error) => Incident::from_paste(id, catalog, row, error, &now),
            None => Incident::from_row(id, catalog, row, &now),
        });
        self.active_incident = Some(id);
        self.flags.show_incidents = true;
        self.incidents_changed();
    }

    pub fn paste(&self) -> &PasteSession {
        &self.paste
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    /// Analyze a new paste (Ctrl+V, a dropped file) and show its first error.
    pub(super) fn submit_paste(&mut self, ctx: &egui::Context, text: String) {
        let waker = ctx.clone();
        self.paste
            .submit(text, &self.catalog, &mut self.history, move || {
                waker.request_repaint()
            });
        self.flags.shown_error = 0;
        self.reveal_match();
    }

    /// Open the identified row of the first error, so the detail pane answers the paste.
    fn reveal_match(&mut self) {
        let matched = self
            .paste
            .analysis
            .as_ref()
            .and_then(|a| a.errors.first()?.matched());
        if let Some(row) = matched.map(|c| c.row) {
            self.reveal_row(row);
        }
    }

    /// Show a catalog row in the table and the detail pane, clearing the search and
    /// filters if they hide it.
    pub(super) fn reveal_row(&mut self, row: usize) {
        self.explorer.select(&self.catalog, Some(row));
        self.explorer.refresh(&self.catalog, &self.index);
        if self.explorer.selected_position().is_none() {
            self.explorer.clear_all();
            self.explorer.refresh(&self.catalog, &self.index);
        }
        self.flags.scroll_to = self.explorer.selected_position();
    }

    /// Why catalog files could not be loaded.
    pub fn catalog_problems(&self) -> &[String] {
        &self.catalog_problems
    }

    pub fn explorer(&self) -> &Explorer {
        &self.explorer
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    pub(super) fn set_theme(&mut self, ctx: &egui::Context, theme: ThemeChoice) {
        self.theme = theme;
        ctx.set_theme(theme.preference());
    }

    fn apply_look_once(&mut self, ctx: &egui::Context) {
        if !self.applied_look {
            ctx.set_theme(self.theme.preference());
            ctx.set_zoom_factor(self.zoom);
            self.applied_look = true;
        }
    }
}

impl eframe::App for ExplorerApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if let Some(probe) = &mut self.first_frame_probe {
            probe.step(ui.ctx());
        }
        self.apply_look_once(ui.ctx());
        keys::handle(self, ui.ctx());
        paste_panel::take_dropped_files(self, ui.ctx());
        if self.paste.poll(&mut self.history) {
            self.reveal_match();
        }
        self.explorer.refresh(&self.catalog, &self.index);
        top_bar::show(self, ui);
        paste_panel::show(self, ui);
        facets::show(self, ui);
        detail::show(self, ui);
        table::show(self, ui);
        catalogs::show(self, ui.ctx());
        self.zoom = ui.ctx().zoom_factor();
        if let Some(shot) = &mut self.screenshot {
            shot.step(ui.ctx());
        }
    }

    /// egui's own default atlas width (2048) instead of the GPU's maximum (16384 on
    /// Mesa): the first frame uploads a few glyph rows, not 16k-wide strips.
    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        raw_input.max_texture_side = raw_input.max_texture_side.map(|side| side.min(2048));
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STATE_KEY, &self.saved_state());
    }
}
