//! The egui front end (the `gui` feature). Panels draw the session and return the
//! actions the engineer took; no search, matching or formatting logic lives here.

mod app;
mod catalogs;
mod clipboard;
mod companion;
#[cfg(test)]
mod contrast_tests;
mod detail;
mod error_view;
mod facets;
mod fields;
mod file_picker;
mod first_frame;
mod fonts;
mod help;
mod highlight;
mod histogram;
mod history_menu;
mod in_sight;
mod incidents;
mod keys;
mod look;
mod open_file;
mod paste_panel;
mod place;
mod screenshot;
mod search_bar;
mod sign_check;
mod table;
mod team_folder;
mod top_bar;
mod triage;

use std::process::ExitCode;

use crate::session::{Opening, Overrides};
pub use app::{ExplorerApp, STATE_KEY, StartOptions, load_state};
pub use clipboard::ClipboardReader;
pub use first_frame::FirstFrameProbe;
pub use screenshot::Screenshot;
pub(crate) use screenshot::ScreenshotResult;

/// The window's first size, and the smallest the full layout stays usable at.
const DEFAULT_SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);
const MIN_SIZE: egui::Vec2 = egui::vec2(640.0, 420.0);

/// Open the window and run it until it closes; the exit status says whether a requested
/// screenshot was saved.
pub fn run(mut start: StartOptions) -> ExitCode {
    // Before eframe's first big blocks (fonts, the catalog) can raise glibc's threshold.
    crate::memory::map_big_blocks_alone();
    let screenshot = start.screenshot.clone();
    let data_dir = crate::session::data_dir();
    if let Some(dir) = &data_dir {
        keep_private(&dir.join("app.ron"));
    }
    // The store is read and the catalog files start loading while the window opens.
    let overrides = Overrides {
        query: start.query.take(),
        catalogs: std::mem::take(&mut start.catalogs),
        team: start.team.take(),
    };
    let opening = Opening::start(start.preload.take(), data_dir, overrides);
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("APIG Error Explorer")
        .with_app_id("apig-explorer")
        .with_inner_size(DEFAULT_SIZE)
        .with_min_inner_size(MIN_SIZE);
    match eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(e) => eprintln!("apig-explorer: icon not loaded: {e}"),
    }
    let options = eframe::NativeOptions {
        viewport,
        // eframe's provider would read the system's font list while the window opens;
        // the app installs one that reads it on first need (`fonts::SystemFonts`).
        system_font_fallback: false,
        ..Default::default()
    };
    let run = eframe::run_native(
        "apig-explorer",
        options,
        Box::new(move |cc| Ok(Box::new(ExplorerApp::new(cc, opening, start)))),
    );
    if let Err(e) = run {
        eprintln!("apig-explorer: could not open the window: {e}");
        return ExitCode::from(2);
    }
    match screenshot.map(|s| s.result()) {
        None => ExitCode::SUCCESS,
        Some(Some(ScreenshotResult::Saved(path))) => {
            println!("saved {}", path.display());
            ExitCode::SUCCESS
        }
        Some(Some(ScreenshotResult::Failed(e))) => {
            eprintln!("apig-explorer: screenshot failed: {e}");
            ExitCode::from(2)
        }
        Some(None) => {
            eprintln!("apig-explorer: the window closed before the screenshot was taken");
            ExitCode::from(2)
        }
    }
}

/// eframe keeps the window's size in `app.ron` and creates it with the default mode
/// (0644 under the usual umask). Made first, empty and 0600 (its directory 0700), the
/// file keeps that mode when eframe rewrites it (it truncates, it does not replace).
fn keep_private(path: &std::path::Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt as _, OpenOptionsExt as _, PermissionsExt as _};
        if let Some(dir) = path.parent() {
            let _ = std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir);
        }
        let made = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(path);
        if made.is_ok() {
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt as _;

    /// eframe writes `app.ron` with `File::create`: a file made private first stays so,
    /// and one an earlier version left readable is made private.
    #[test]
    fn app_ron_stays_0600_when_eframe_rewrites_it() {
        let dir = std::env::temp_dir().join(format!("apig-app-ron-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("apig-explorer").join("app.ron");
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        super::keep_private(&path);
        std::fs::write(&path, "(window: ())").unwrap();
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        super::keep_private(&path);
        assert_eq!(mode(&path), 0o600);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "(window: ())",
            "kept"
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
