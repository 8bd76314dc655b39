//! What survives a restart, as one serializable value. The front end decides where it is
//! kept (eframe's storage for the window); the session only produces and consumes it.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::explorer::ExplorerState;
use crate::history::History;

/// Light, dark, or whatever the system says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the system's setting.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// How the engineer set up the window (View menu), remembered across restarts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Offer to analyze the clipboard when the window gains focus.
    pub offer_clipboard: bool,
    /// The compact, always-on-top companion window instead of the full one.
    pub companion: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            offer_clipboard: true,
            companion: false,
        }
    }
}

/// Everything that survives a restart. `#[serde(default)]` so an old or partial state
/// file degrades to defaults field by field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedState {
    /// Query, filters, sort and selection.
    pub explorer: ExplorerState,
    /// Light, dark or the system's.
    pub theme: ThemeChoice,
    /// The zoom factor (1.0 is 100 %).
    pub zoom: f32,
    /// The View menu's choices.
    pub preferences: Preferences,
    /// The last paste, redacted: what the engineer pasted survives a restart.
    pub paste_text: String,
    /// The history as versions before the store wrote it here (imported into the store once).
    pub history: History,
    /// Catalog files added by the engineer, loaded again at every start.
    pub catalog_paths: Vec<PathBuf>,
    /// The team folder (File > Team folder...), read again at every start.
    pub team_dir: Option<PathBuf>,
}

impl Default for SavedState {
    fn default() -> Self {
        SavedState {
            explorer: ExplorerState::default(),
            theme: ThemeChoice::System,
            zoom: 1.0,
            preferences: Preferences::default(),
            paste_text: String::new(),
            history: History::default(),
            catalog_paths: Vec::new(),
            team_dir: None,
        }
    }
}

/// The zoom factor the window may use; a damaged value falls back to 1.
pub(crate) fn valid_zoom(zoom: f32) -> f32 {
    if zoom.is_finite() {
        zoom.clamp(0.5, 3.0)
    } else {
        1.0
    }
}
