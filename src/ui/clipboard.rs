//! Reading the clipboard when the window gains focus, for the clipboard offer. egui
//! reads it only on Ctrl+V, so this asks the system itself (arboard, which egui-winit
//! uses too). Tests give the window a reader of their own.

use crate::session::{Action, ClipboardOffer};

/// Where the clipboard's text comes from.
pub struct ClipboardReader(Box<dyn FnMut() -> Option<String>>);

impl ClipboardReader {
    /// A reader over a fixed source (tests).
    pub fn from_fn(read: impl FnMut() -> Option<String> + 'static) -> Self {
        ClipboardReader(Box::new(read))
    }

    /// The system clipboard, opened at the first read: a window that never gains focus
    /// with the offer on never touches it.
    pub fn system() -> Self {
        let mut clipboard: Option<arboard::Clipboard> = None;
        Self::from_fn(move || {
            if clipboard.is_none() {
                clipboard = arboard::Clipboard::new().ok();
            }
            clipboard.as_mut()?.get_text().ok()
        })
    }

    fn read(&mut self) -> Option<String> {
        (self.0)()
    }
}

/// When the window has just gained focus, what the clipboard holds, for the session
/// to weigh (it offers only an APIG error it has not offered yet).
pub(super) fn focus_gained(
    ctx: &egui::Context,
    offer_on: bool,
    reader: &mut ClipboardReader,
) -> Option<Action> {
    let gained = ctx.input(|i| {
        i.events
            .iter()
            .any(|e| matches!(e, egui::Event::WindowFocused(true)))
    });
    if !(gained && offer_on) {
        return None;
    }
    reader.read().map(Action::ClipboardSeen)
}

/// The banner: one click analyzes, or Enter unless a text field other than the search
/// box has the keyboard (the search box has it from the start).
pub(super) fn offer_ui(ui: &mut egui::Ui, offer: &ClipboardOffer, out: &mut Vec<Action>) {
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        // Cut to the window (the companion is narrow), leaving room for "Not now".
        let room = (ui.available_width() - 80.0).max(120.0);
        let text = format!("Analyze clipboard — {}", offer.summary);
        let analyze = ui
            .scope(|ui| {
                ui.set_max_width(room);
                ui.add(egui::Button::new(text).truncate())
            })
            .inner
            .on_hover_text(format!("{} (Enter)", offer.summary));
        let search = super::search_bar::id();
        let typing = ui
            .ctx()
            .memory(|m| m.focused().is_some_and(|f| f != search));
        let enter = !typing && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if analyze.clicked() || enter {
            out.push(Action::AnalyzeClipboard);
        }
        if ui
            .small_button("Not now")
            .on_hover_text("Hide this offer (View ▸ Offer to analyze the clipboard turns it off)")
            .clicked()
        {
            out.push(Action::DismissClipboardOffer);
        }
    });
}
