//! The egui front end (the `gui` feature). Panels draw the session and return the
//! actions the engineer took; no search, matching or formatting logic lives here.

mod app;
mod catalogs;
mod clipboard;
mod companion;
mod detail;
mod facets;
mod fields;
mod file_picker;
mod first_frame;
mod fonts;
mod highlight;
mod incidents;
mod keys;
mod look;
mod paste_panel;
mod place;
mod screenshot;
mod search_bar;
mod sign_check;
mod table;
mod top_bar;
mod triage;

use std::process::ExitCode;

pub use app::{ExplorerApp, STATE_KEY, StartOptions, load_state};
pub use clipboard::ClipboardReader;
pub use first_frame::FirstFrameProbe;
pub use screenshot::{Screenshot, ScreenshotResult};

/// The window's first size, and the smallest the full layout stays usable at.
const DEFAULT_SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);
const MIN_SIZE: egui::Vec2 = egui::vec2(640.0, 420.0);

/// Open the window and run it until it closes; the exit status says whether a requested
/// screenshot was saved.
pub fn run(start: StartOptions) -> ExitCode {
    let screenshot = start.screenshot.clone();
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
        ..Default::default()
    };
    let run = eframe::run_native(
        "apig-explorer",
        options,
        Box::new(move |cc| Ok(Box::new(ExplorerApp::new(cc, start)))),
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
