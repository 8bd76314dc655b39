//! The baseline for the startup and memory budgets: an empty eframe window built the
//! same way as the app (same features, viewport and renderer).
//! `cargo run --release --example empty_window [-- --exit-after-first-frame]`

struct Empty {
    exit_after_first_frame: bool,
}

impl eframe::App for Empty {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |_| {});
        if self.exit_after_first_frame {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
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
                exit_after_first_frame,
            }))
        }),
    )
}
