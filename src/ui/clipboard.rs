//! Reading the clipboard when the window gains focus, for the clipboard offer. egui
//! reads it only on Ctrl+V, so this asks the system itself (arboard, which egui-winit
//! uses too), on a task of the session's. Tests give the window a reader of their own.

use crate::session::{Action, ClipboardOffer, PasteAction, WindowEvent};
use crate::task::{Priority, Task, Tasks};

/// Where the clipboard's text comes from.
pub struct ClipboardReader {
    source: Source,
    /// A read of the system clipboard under way on a task; a newer read replaces it.
    pending: Option<Task<Option<String>>>,
}

enum Source {
    /// Read at once (tests).
    Given(Box<dyn FnMut() -> Option<String>>),
    /// The system clipboard, read on a task: the program that owns the clipboard may
    /// take its time to answer, and the window must not wait for it.
    System,
}

impl ClipboardReader {
    /// A reader over a fixed source, read at once (tests).
    pub fn from_fn(read: impl FnMut() -> Option<String> + 'static) -> Self {
        ClipboardReader {
            source: Source::Given(Box::new(read)),
            pending: None,
        }
    }

    /// The system clipboard.
    pub(crate) fn system() -> Self {
        ClipboardReader {
            source: Source::System,
            pending: None,
        }
    }

    /// Ask for the clipboard's text: given at once, or later through [`Self::poll`]
    /// (the task wakes the window through the session's wake-up).
    fn request(&mut self, tasks: &Tasks) -> Option<String> {
        match &mut self.source {
            Source::Given(read) => read(),
            Source::System => {
                self.pending = Some(tasks.spawn("clipboard", Priority::Normal, |_| {
                    arboard::Clipboard::new()
                        .ok()
                        .and_then(|mut c| c.get_text().ok())
                }));
                None
            }
        }
    }

    /// The text the task read, once it has.
    fn poll(&mut self) -> Option<String> {
        let got = self.pending.as_mut()?.try_take()?;
        self.pending = None;
        got.ok().flatten()
    }
}

/// When the window has just gained focus (input of a drawn frame), ask what the clipboard
/// holds. A source read at once answers here; the system clipboard answers later, to
/// [`answered`].
pub(super) fn focus_gained(
    ctx: &egui::Context,
    offer_on: bool,
    reader: &mut ClipboardReader,
    tasks: &Tasks,
) -> Option<Action> {
    let gained = ctx.input(|i| {
        i.events
            .iter()
            .any(|e| matches!(e, egui::Event::WindowFocused(true)))
    });
    (gained && offer_on)
        .then(|| reader.request(tasks))
        .flatten()
        .map(|text| Action::Window(WindowEvent::ClipboardSeen(text)))
}

/// The clipboard's text once the task read it, for the session to weigh (it offers only
/// an APIG error it has not offered yet). Taken in the window's logic, so a read that ends
/// while the window is hidden is not held back until it is drawn.
pub(super) fn answered(reader: &mut ClipboardReader) -> Option<Action> {
    reader
        .poll()
        .map(|text| Action::Window(WindowEvent::ClipboardSeen(text)))
}

/// The banner: one click analyzes, or Enter unless a control other than the search box
/// has the keyboard (the search box has it from the start) or a search is typed in it
/// (`searching`).
pub(super) fn offer_ui(
    ui: &mut egui::Ui,
    offer: &ClipboardOffer,
    searching: bool,
    out: &mut Vec<Action>,
) {
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
        // Enter takes the offer from an empty search box or from no control. Not from a
        // search typed: Enter there ends the search, and taking the offer would analyze
        // the clipboard and clear the search to show its row.
        let search = super::search_bar::id();
        let busy = searching
            || ui
                .ctx()
                .memory(|m| m.focused().is_some_and(|f| f != search));
        let enter = !busy && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if analyze.clicked() || enter {
            out.push(Action::Paste(PasteAction::AnalyzeClipboard));
        }
        if ui
            .small_button("Not now")
            .on_hover_text("Hide this offer (View ▸ Offer to analyze the clipboard turns it off)")
            .clicked()
        {
            out.push(Action::Paste(PasteAction::DismissClipboardOffer));
        }
    });
}
