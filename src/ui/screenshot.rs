//! `--screenshot FILE.png`: render the real window, save what it shows, and quit.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// How a screenshot run ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ScreenshotResult {
    /// Saved to this file.
    Saved(PathBuf),
    /// Why it was not saved.
    Failed(String),
}

/// Frames to let pass first, so fonts, layout and the window size have settled.
const SETTLE_FRAMES: u32 = 5;

/// A screenshot to take; clone it to read the outcome after the window has closed.
#[derive(Clone, Debug)]
pub struct Screenshot {
    path: PathBuf,
    frames: u32,
    requested: bool,
    result: Arc<Mutex<Option<ScreenshotResult>>>,
}

impl Screenshot {
    /// A screenshot of the window to `path`.
    pub fn new(path: PathBuf) -> Self {
        Screenshot {
            path,
            frames: 0,
            requested: false,
            result: Arc::default(),
        }
    }

    /// How the run ended; None until the image was written (or failed to be).
    pub(crate) fn result(&self) -> Option<ScreenshotResult> {
        self.result.lock().ok()?.clone()
    }

    /// Called every frame: wait, request the pixels once, and close when they are saved.
    pub(super) fn step(&mut self, ctx: &egui::Context) {
        self.frames += 1;
        if self.result().is_some() {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        } else if self.frames >= SETTLE_FRAMES && !self.requested {
            self.requested = true;
            let (path, result, repaint) = (self.path.clone(), self.result.clone(), ctx.clone());
            ctx.request_screenshot(move |image| {
                let outcome = match write_png(&path, &image) {
                    Ok(()) => ScreenshotResult::Saved(path),
                    Err(e) => ScreenshotResult::Failed(format!("{}: {e}", path.display())),
                };
                if let Ok(mut slot) = result.lock() {
                    *slot = Some(outcome);
                }
                repaint.request_repaint();
            });
        }
        ctx.request_repaint();
    }
}

fn write_png(path: &std::path::Path, image: &egui::ColorImage) -> Result<(), String> {
    let file = std::fs::File::create(path).map_err(|e| e.to_string())?;
    let [w, h] = image.size;
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), w as u32, h as u32);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    let bytes: Vec<u8> = image.pixels.iter().flat_map(|p| p.to_array()).collect();
    writer.write_image_data(&bytes).map_err(|e| e.to_string())
}
