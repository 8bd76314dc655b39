//! The files earlier versions kept (eframe's `app.ron` with the saved state, and
//! `incidents.json`), imported once into a new store and then set aside as `.imported`.

use std::path::PathBuf;

use super::damage::suffixed;
use super::rows::{PasteState, StoredPaste};
use super::{Store, StoreError};
use crate::incident::IncidentBook;
use crate::session::state::SavedState;

/// What an earlier version left behind, as far as the front end found it.
#[derive(Default)]
pub struct Legacy {
    /// The state eframe kept in `app.ron`, when it held any.
    pub state: Option<SavedState>,
    /// `app.ron` itself: copied to `app.ron.imported` (eframe rewrites the original with
    /// the window's geometry only).
    pub app_ron: Option<PathBuf>,
    /// `incidents.json`, renamed `incidents.json.imported` once imported.
    pub incidents_json: Option<PathBuf>,
}

impl Legacy {
    /// Import into `store`; returns what the engineer should know (a file that could
    /// not be imported stays where it is).
    pub(super) fn import_into(self, store: &Store) -> Vec<String> {
        let mut problems = Vec::new();
        if let Some(state) = &self.state {
            match import_state(store, state) {
                Ok(()) => {
                    if let Some(ron) = &self.app_ron {
                        let _ = std::fs::copy(ron, suffixed(ron, ".imported"));
                    }
                }
                Err(e) => problems.push(format!("The saved state could not be imported: {e}")),
            }
        }
        if let Some(path) = self.incidents_json.filter(|p| p.exists())
            && let Err(e) = import_incidents(store, &path)
        {
            problems.push(format!(
                "{} could not be imported ({e}); it was left as it is.",
                path.display()
            ));
        }
        problems
    }
}

fn import_state(store: &Store, state: &SavedState) -> Result<(), StoreError> {
    store.save_settings(&state.explorer, state.theme, state.zoom)?;
    store.set_catalogs(&state.catalog_paths)?;
    for entry in state.history.entries.iter().rev() {
        store.record_history(entry)?;
    }
    if !state.paste_text.is_empty() {
        store.save_paste(&StoredPaste {
            text: state.paste_text.clone(),
            total_bytes: state.paste_text.len(),
            state: PasteState::Analyzed,
        })?;
    }
    Ok(())
}

fn import_incidents(store: &Store, path: &std::path::Path) -> Result<(), StoreError> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let text = std::fs::read_to_string(path).map_err(io)?;
    let book: IncidentBook = serde_json::from_str(&text)?;
    for incident in &book.incidents {
        store.insert_incident(incident)?;
    }
    std::fs::rename(path, suffixed(path, ".imported")).map_err(io)
}
