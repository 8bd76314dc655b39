//! The settings part: theme, zoom and the View menu's choices (clipboard offer,
//! companion mode). Written through the casebook's store: a deliberate choice at once,
//! the zoom (which follows every Ctrl+scroll) with the explorer's state at autosave.

use super::casebook::Casebook;
use super::{Outcome, Preferences, Session, ThemeChoice, valid_zoom};
use crate::explorer::ExplorerState;

/// What the engineer chooses in the View menu.
#[derive(Clone, Debug, PartialEq)]
pub enum SettingsAction {
    /// Light, dark or the system's theme.
    SetTheme(ThemeChoice),
    /// The View menu's choices (clipboard offer, companion mode).
    SetPreferences(Preferences),
    /// The team folder (File > Team folder...); None: no team folder.
    SetTeamFolder(Option<std::path::PathBuf>),
}

/// How the engineer set up the window; the session only keeps and writes it.
pub struct Settings {
    theme: ThemeChoice,
    zoom: f32,
    preferences: Preferences,
}

impl Settings {
    pub(super) fn new(theme: ThemeChoice, zoom: f32, preferences: Preferences) -> Self {
        Settings {
            theme,
            zoom: valid_zoom(zoom),
            preferences,
        }
    }

    /// The theme chosen.
    pub(crate) fn theme(&self) -> ThemeChoice {
        self.theme
    }

    /// The zoom factor (1.0 is 100 %).
    pub(crate) fn zoom(&self) -> f32 {
        self.zoom
    }

    /// The View menu's choices.
    pub fn preferences(&self) -> Preferences {
        self.preferences
    }

    /// The window's zoom changed (Ctrl+scroll, Ctrl+plus): kept, written at autosave.
    pub(super) fn set_zoom(&mut self, zoom: f32) {
        self.zoom = valid_zoom(zoom);
    }

    /// Write the settings with the explorer's state (they are one row of the store).
    pub(super) fn save(&self, explorer: &ExplorerState, casebook: &mut Casebook) {
        let (theme, zoom, explorer) = (self.theme, self.zoom, explorer.clone());
        casebook.persist_latest("settings", move |s| s.save_settings(&explorer, theme, zoom));
        self.save_preferences(casebook);
    }

    fn save_preferences(&self, casebook: &mut Casebook) {
        let preferences = self.preferences;
        casebook.persist_latest("preferences", move |s| s.save_preferences(&preferences));
    }
}

impl Session {
    /// Touches the casebook (to write) and, when the clipboard offer is turned off, the
    /// desk's offer.
    pub(super) fn apply_settings(&mut self, action: SettingsAction) -> Outcome {
        match action {
            SettingsAction::SetTheme(theme) => {
                // A deliberate choice, written at once rather than at the next autosave.
                self.settings.theme = theme;
                self.save_settings();
            }
            SettingsAction::SetPreferences(preferences) => {
                self.settings.preferences = preferences;
                if !preferences.offer_clipboard {
                    self.desk.clipboard.offer = None;
                }
                self.settings.save_preferences(&mut self.casebook);
            }
            SettingsAction::SetTeamFolder(dir) => return self.set_team_folder(dir),
        }
        Outcome::default()
    }
}
