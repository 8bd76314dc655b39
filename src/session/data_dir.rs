//! Where the app keeps its data: the same directory eframe gives the window, worked out
//! here so the command line (built without eframe) finds the same store.

use std::path::PathBuf;

/// The app's identity in paths.
const APP_ID: &str = "apig-explorer";

/// `$XDG_DATA_HOME/apig-explorer` (default `~/.local/share/apig-explorer`) on Linux and
/// other Unix systems, `~/Library/Application Support/apig-explorer` on macOS,
/// `%APPDATA%\apig-explorer\data` on Windows.
pub(crate) fn data_dir() -> Option<PathBuf> {
    if cfg!(target_os = "macos") {
        return std::env::home_dir().map(|h| h.join("Library/Application Support").join(APP_ID));
    }
    if cfg!(windows) {
        return std::env::var_os("APPDATA").map(|a| PathBuf::from(a).join(APP_ID).join("data"));
    }
    crate::dirs::xdg_home("XDG_DATA_HOME", ".local/share").map(|p| p.join(APP_ID))
}
