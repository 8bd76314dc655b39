//! The baseline for the startup and memory budgets: an empty eframe window built the
//! same way as the app (same features, viewport and renderer), measured the same way.
//! `cargo run --release --example empty_window [-- --exit-after-first-frame]`

use apig_explorer::FirstFrameProbe;

struct Empty {
    first_frame_probe: Option<FirstFrameProbe>,
}

impl eframe::App for Empty {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if let Some(probe) = &mut self.first_frame_probe {
            probe.step(ui.ctx());
        }
        egui::CentralPanel::default().show(ui, |_| {});
    }
}

fn main() -> eframe::Result {
    let exit_after_first_frame = std::env::args().any(|a| a == "--exit-after-first-frame");
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Empty")
            .with_app_id("apig-explorer-empty")
            .with_inner_size([1280.0, 800.0]),
        ..Default::default()
    };
    eframe::run_native(
        "apig-explorer-empty",
        options,
        Box::new(move |_cc| {
            Ok(Box::new(Empty {
                first_frame_probe: exit_after_first_frame.then(FirstFrameProbe::default),
            }))
        }),
    )
}
