//! `--exit-after-first-frame` and `--exit-when-searchable`, for the startup measurements:
//! the moment the first frame has been presented, or the catalog files are searchable,
//! printed as wall-clock time so a script can subtract the moment it started the process.
//! Teardown (saving state, freeing memory) is not startup.

use std::time::{SystemTime, UNIX_EPOCH};

/// Shared by the app and `examples/empty_window.rs`, so both are measured alike.
#[derive(Debug, Default)]
pub struct FirstFrameProbe {
    reported: bool,
}

impl FirstFrameProbe {
    /// Call once per pass. eframe paints and swaps a frame before it runs the next, so
    /// the second frame starting means the first is on screen.
    pub fn step(&mut self, ctx: &egui::Context) {
        if ctx.cumulative_frame_nr() == 0 {
            crate::trace::mark("probe: first frame begins");
            ctx.request_repaint();
        } else if !self.reported {
            self.reported = true;
            crate::trace::mark("probe: first frame presented");
            println!("first frame presented at {} ns", now_ns());
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

/// The catalog files are loaded and searchable, with `rows` rows in all.
pub(super) fn report_searchable(rows: usize) {
    crate::trace::mark("searchable");
    println!("rows searchable at {} ns ({rows} rows)", now_ns());
}

fn now_ns() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos()
}
