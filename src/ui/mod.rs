//! The egui front end. These modules draw state and turn input into calls on the
//! pure core; no search, matching or formatting logic lives here.

mod app;
mod catalogs;
mod detail;
mod facets;
mod fields;
mod first_frame;
mod highlight;
mod incidents;
mod keys;
mod paste_panel;
mod screenshot;
mod search_bar;
mod table;
mod top_bar;

pub use app::{ExplorerApp, STATE_KEY, SavedState, StartOptions, ThemeChoice, load_state};
pub use first_frame::FirstFrameProbe;
pub use screenshot::{Screenshot, ScreenshotResult};
