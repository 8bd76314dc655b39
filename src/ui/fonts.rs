//! Chinese, Japanese and Korean text in the window. egui's own fonts have no CJK glyphs;
//! eframe's `system_fonts` feature installs a font provider that asks the system
//! (fontconfig) for a font the first time a character no loaded font has is drawn, once
//! per character: nothing is looked up for a first frame that draws no such text, and the
//! system's font list is read on the provider's own thread. When the system has no CJK
//! font, every such character is an empty box: a low-priority task asks the same kind of
//! provider for `中` once the first frame is on screen, and a notice then names the
//! package to install.

use egui::epaint::text::{FallbackRequest, FontFamily, FontProvider as _};

use crate::task::{Priority, Task, Tasks};

/// What the window says when no system font draws Chinese.
pub(crate) const NO_CJK_FONT: &str = "No font on this system draws Chinese, Japanese or Korean: \
    such text shows as empty boxes. Install a CJK font (on Debian or Ubuntu: \
    sudo apt install fonts-noto-cjk) and restart.";

/// Whether some system font has a glyph for `中`.
fn system_draws_cjk() -> bool {
    let provider = egui_system_font_provider::SystemFontProvider::new();
    let request = FallbackRequest {
        cluster: "中",
        family: &FontFamily::Proportional,
    };
    provider.font_for(&request).is_some()
}

/// The question "does any font draw Chinese?", asked once after the first frame.
pub(super) struct CjkFontCheck {
    /// The question, until it is asked.
    probe: Option<Box<dyn FnOnce() -> bool + Send>>,
    task: Option<Task<bool>>,
}

impl CjkFontCheck {
    /// The system's fonts are asked (the window).
    pub(crate) fn system() -> Self {
        Self::with(system_draws_cjk)
    }

    /// Nothing is asked (tests and benchmarks of a session built elsewhere).
    pub(crate) fn off() -> Self {
        CjkFontCheck {
            probe: None,
            task: None,
        }
    }

    /// `probe` answers the question (tests).
    pub(crate) fn with(probe: impl FnOnce() -> bool + Send + 'static) -> Self {
        CjkFontCheck {
            probe: Some(Box::new(probe)),
            task: None,
        }
    }

    /// Start the question once the first frame is on screen (`frame` is egui's count of
    /// frames drawn; before that, come back shortly); true once it is answered that no
    /// font draws CJK. From `App::logic`.
    pub(crate) fn poll(&mut self, ctx: &egui::Context, tasks: &Tasks) -> bool {
        if self.probe.is_some() {
            if ctx.cumulative_frame_nr() == 0 {
                ctx.request_repaint_after(std::time::Duration::from_millis(300));
                return false;
            }
            if let Some(probe) = self.probe.take() {
                self.task = Some(tasks.spawn("cjk-font-check", Priority::Low, move |_| probe()));
            }
        }
        let found = self.task.as_mut().and_then(Task::try_take);
        if found.is_some() {
            self.task = None;
        }
        // A check that could not finish says nothing: no notice on a guess.
        matches!(found, Some(Ok(false)))
    }
}
