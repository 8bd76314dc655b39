//! File → Open… (Ctrl+O): a response, log or HAR file chosen in the desktop's dialog is
//! read and analyzed like a paste, for when neither drag and drop nor the clipboard
//! carries it (remote desktop, X forwarding, a 10 MB log). Where no dialog can be shown
//! (no file chooser portal), a small window of the app's own asks for the path and says
//! why, where the engineer is looking, not in the status corner.

use super::app::View;
use super::file_picker::{FilePicker, Picked};
use crate::session::{Action, PasteAction};

/// What a desktop without a file dialog is told, in the window that asked for one.
pub(super) const NO_DIALOG: &str = "No file dialog on this desktop (no file chooser portal): type the path, or drop the file on the window.";

/// The Open dialog, and the window that stands in for it.
#[derive(Default)]
pub(super) struct OpenFile {
    picker: FilePicker,
    /// The stand-in window is shown, with the path typed so far.
    typed: Option<String>,
    /// Why the typed path was not opened.
    problem: Option<String>,
    /// The stand-in window was just shown: its path field takes the keyboard, so what the
    /// engineer types next is the path, not a search.
    focus_field: bool,
}

impl OpenFile {
    /// The stand-in window is on screen.
    pub(super) fn is_shown(&self) -> bool {
        self.typed.is_some()
    }

    /// Close the stand-in window (Esc), forgetting the path typed.
    pub(super) fn close(&mut self) {
        self.typed = None;
        self.problem = None;
    }

    /// Ask for a file: the desktop's dialog (the stand-in shows if it cannot open).
    pub(super) fn start(&mut self, ctx: &egui::Context) {
        if self.typed.is_none() {
            self.picker.open_paste(ctx);
        }
    }
}

/// The dialog's answer, and the stand-in window while it is shown.
pub(super) fn open_file_ui(ctx: &egui::Context, view: &mut View, out: &mut Vec<Action>) {
    match view.open_file.picker.poll() {
        Some(Picked::File(path)) => match read_file(&path) {
            Ok(text) => out.push(Action::Paste(PasteAction::Paste(text))),
            Err(e) => view.say(e),
        },
        Some(Picked::Unavailable) => {
            view.open_file.typed = Some(String::new());
            view.open_file.focus_field = true;
        }
        Some(Picked::Cancelled) | None => {}
    }
    let state = &mut view.open_file;
    let Some(typed) = &mut state.typed else {
        return;
    };
    let mut open = true;
    let mut opened = false;
    let top = ctx.content_rect().center_top() + egui::vec2(0.0, 90.0);
    super::look::dialog_window(ctx, "Open a file")
        .open(&mut open)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(top)
        .default_width(480.0)
        .show(ctx, |ui| {
            ui.add(
                egui::Label::new(
                    egui::RichText::new(NO_DIALOG).color(super::look::warning_color(ui)),
                )
                .wrap(),
            );
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let label = ui.label("File");
                let field = ui
                    .add(
                        egui::TextEdit::singleline(typed)
                            .hint_text("/path/to/response.txt, .log, .json or .har")
                            .desired_width((ui.available_width() - 70.0).max(120.0)),
                    )
                    .labelled_by(label.id);
                if std::mem::take(&mut state.focus_field) {
                    field.request_focus();
                }
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let path = typed.trim();
                let button = ui.add_enabled(!path.is_empty(), egui::Button::new("Open"));
                if !path.is_empty() && (button.clicked() || entered) {
                    match read_file(std::path::Path::new(path)) {
                        Ok(text) => {
                            out.push(Action::Paste(PasteAction::Paste(text)));
                            opened = true;
                        }
                        Err(e) => state.problem = Some(e),
                    }
                }
            });
            if let Some(problem) = &state.problem {
                let color = super::look::warning_color(ui);
                ui.add(egui::Label::new(egui::RichText::new(problem).color(color)).wrap());
            }
        });
    if !open || opened {
        state.close();
    }
}

/// A file's text, as far as the analysis reads it. Only a regular file is read: a FIFO or
/// a device would block the window.
pub(super) fn read_file(path: &std::path::Path) -> Result<String, String> {
    if !path.exists() {
        return Err(format!("Not read: there is no file {}", path.display()));
    }
    if !path.is_file() {
        return Err(format!(
            "Not read: {} is not a regular file",
            path.display()
        ));
    }
    crate::session::read_input(Some(path))
        .map_err(|e| format!("Cannot read {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_path_or_a_directory_is_named_and_not_read() {
        let e = read_file(std::path::Path::new("/nonexistent/response.txt")).unwrap_err();
        assert!(e.contains("/nonexistent/response.txt"), "{e}");
        assert!(
            e.contains("no file"),
            "a missing file is not called irregular: {e}"
        );
        let e = read_file(&std::env::temp_dir()).unwrap_err();
        assert!(e.contains("not a regular file"), "{e}");
    }
}
