//! Chinese, Japanese and Korean text in the window. egui's own fonts have no CJK glyphs;
//! [`SystemFonts`] is the window's one font provider for what they lack: eframe's
//! `system_fonts` provider (fontconfig), asked for a font the first time a character no
//! loaded font has is drawn, once per character. Reading the system's font list costs
//! tens of milliseconds of CPU, so it is not read while the window opens (eframe's own
//! provider, which starts reading at once, is switched off): it is read on first need,
//! either a character to draw or the question below. When the system has no CJK font,
//! every such character is an empty box: a low-priority task asks the same provider for
//! `中` once the first frame is on screen and the catalog files are in, and a notice then
//! names the package to install.

use std::sync::{Arc, OnceLock};

use egui::epaint::text::{FallbackRequest, FontFamily, FontInsert, FontProvider};
use egui_system_font_provider::SystemFontProvider;

use crate::task::{Priority, Task, Tasks};

/// What the window says when no system font draws Chinese.
pub(crate) const NO_CJK_FONT: &str = "No font on this system draws Chinese, Japanese or Korean: \
    such text shows as empty boxes. Install a CJK font (on Debian or Ubuntu: \
    sudo apt install fonts-noto-cjk) and restart.";

/// The system's fonts, their list read on first need (on a thread the provider starts,
/// which inherits the priority of the thread that first asks) and then kept: the window
/// draws with it and the CJK question asks it, so the list is read once per process.
#[derive(Default)]
pub(crate) struct SystemFonts(OnceLock<SystemFontProvider>);

impl SystemFonts {
    fn provider(&self) -> &SystemFontProvider {
        self.0.get_or_init(SystemFontProvider::new)
    }

    /// Whether some system font has a glyph for `中` (reads the list if not yet read).
    fn draws_cjk(&self) -> bool {
        let request = FallbackRequest {
            cluster: "中",
            family: &FontFamily::Proportional,
        };
        self.provider().font_for(&request).is_some()
    }

    /// Whether the font list has been asked for yet (tests).
    #[cfg(test)]
    fn is_read(&self) -> bool {
        self.0.get().is_some()
    }
}

impl FontProvider for SystemFonts {
    /// A frame drawing a character no loaded font has waits for the list the first time.
    fn font_for(&self, request: &FallbackRequest<'_>) -> Option<FontInsert> {
        self.provider().font_for(request)
    }
}

/// The question "does any font draw Chinese?", asked once after the first frame.
pub(super) struct CjkFontCheck {
    /// The question, until it is asked.
    probe: Option<Box<dyn FnOnce() -> bool + Send>>,
    task: Option<Task<bool>>,
}

impl CjkFontCheck {
    /// `fonts`, the window's own provider, is asked (the window).
    pub(crate) fn system(fonts: Arc<SystemFonts>) -> Self {
        Self::with(move || fonts.draws_cjk())
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

    /// Start the question once the first frame is on screen (egui's count of frames
    /// drawn; before that, come back shortly) and no catalog files are `loading` (their
    /// load, on the same two cores, makes the rows searchable: the notice can wait; the
    /// load's end wakes the window); true once it is answered that no font draws CJK.
    /// From `App::logic`.
    pub(crate) fn poll(&mut self, ctx: &egui::Context, tasks: &Tasks, loading: bool) -> bool {
        if self.probe.is_some() {
            if ctx.cumulative_frame_nr() == 0 {
                ctx.request_repaint_after(std::time::Duration::from_millis(300));
                return false;
            }
            if loading {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A pass of `ctx` drawing `text`.
    fn draw(ctx: &egui::Context, text: &str) {
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            ui.label(text);
        });
        // Nothing uploads the font atlas here.
        output.textures_delta.clear();
    }

    /// The window's first frame, without Chinese, does not read the system's font list;
    /// a frame with Chinese reads it and draws it (on a machine with a CJK font, as the
    /// tests' machine has: tests/ui_chinese.rs says which package).
    #[test]
    fn the_font_list_is_read_on_first_need_and_draws_chinese() {
        let fonts = Arc::new(SystemFonts::default());
        let ctx = egui::Context::default();
        ctx.add_font_provider(Arc::clone(&fonts) as _);
        draw(&ctx, "APIG.0308 The request is throttled");
        assert!(
            !fonts.is_read(),
            "read for a frame that needs no system font"
        );
        draw(&ctx, "流控");
        assert!(fonts.is_read());
        let font = egui::FontId::proportional(14.0);
        let drawn = ctx.fonts_mut(|f| f.has_glyph(&font, '流') && f.has_glyph(&font, '控'));
        assert!(drawn, "no system font draws 流控 (install fonts-noto-cjk)");
        assert!(fonts.draws_cjk(), "the question asks the same list");
    }

    /// The question waits for the first frame, then for the catalog files' load.
    #[test]
    fn the_cjk_question_waits_for_the_first_frame_and_the_load() {
        let (ctx, tasks) = (egui::Context::default(), Tasks::default());
        let mut check = CjkFontCheck::with(|| false);
        assert!(!check.poll(&ctx, &tasks, false));
        assert!(check.task.is_none(), "asked before the first frame");
        draw(&ctx, "");
        assert!(!check.poll(&ctx, &tasks, true));
        assert!(check.task.is_none(), "asked while catalog files load");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !check.poll(&ctx, &tasks, false) {
            assert!(std::time::Instant::now() < deadline, "never answered");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
}
