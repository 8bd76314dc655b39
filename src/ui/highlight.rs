//! Table cell text with the matched characters emphasized.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, Ui};

/// `text` as a layout job, with the chars at `marks` (char indices, sorted) highlighted.
pub(super) fn job(ui: &Ui, text: &str, marks: &[usize]) -> LayoutJob {
    // The body font of the other cells: one size, one set of glyphs to rasterize.
    let font = egui::TextStyle::Body.resolve(ui.style());
    let normal = TextFormat::simple(font.clone(), ui.visuals().text_color());
    let strong = TextFormat {
        color: ui.visuals().strong_text_color(),
        background: background(ui.visuals().dark_mode),
        ..TextFormat::simple(font, ui.visuals().strong_text_color())
    };
    let mut job = LayoutJob::default();
    let mut marks = marks.iter().peekable();
    let mut run = String::new();
    let mut run_marked = false;
    for (i, c) in text.chars().enumerate() {
        let marked = marks.peek() == Some(&&i);
        if marked {
            marks.next();
        }
        if marked != run_marked && !run.is_empty() {
            job.append(
                &run,
                0.0,
                if run_marked {
                    strong.clone()
                } else {
                    normal.clone()
                },
            );
            run.clear();
        }
        run_marked = marked;
        run.push(c);
    }
    job.append(&run, 0.0, if run_marked { strong } else { normal });
    job
}

/// Behind the matched characters (strong text on it reads at 7:1, see `look`).
pub(super) fn background(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(90, 75, 10)
    } else {
        Color32::from_rgb(255, 236, 140)
    }
}
