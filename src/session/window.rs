//! Events only a window has: keys whose meaning depends on the window (Esc, the arrows
//! with its page size), its zoom, and the clipboard it found on gaining focus. They are
//! not verbs another front end would send, so they are kept apart from the parts'
//! actions; each is routed to the one part whose state it changes.

use super::{ExplorerAction, Outcome, PasteAction, Session};
use crate::explorer::Move;

/// What a window noticed that changes the session.
#[derive(Clone, Debug, PartialEq)]
pub enum WindowEvent {
    /// Esc that had nothing to close or leave: clear the query, then (again) the
    /// filters, undoably. (Explorer.)
    Escape,
    /// Keyboard movement; `page` is how many rows the table shows. (Explorer.)
    Move {
        /// The key.
        mv: Move,
        /// Rows per page.
        page: usize,
    },
    /// Ctrl+Z: bring back the newest clear, of the search, the filters or the paste
    /// (Explorer or paste desk, whichever cleared last.)
    Undo,
    /// The window's zoom factor changed. (Settings.)
    SetZoom(f32),
    /// The window gained focus with this text in the clipboard: offer it if it is an
    /// APIG error (nothing is analyzed yet). (Paste desk.)
    ClipboardSeen(String),
}

impl Session {
    pub(super) fn apply_window(&mut self, event: WindowEvent) -> Outcome {
        match event {
            WindowEvent::Escape => return self.escape(),
            WindowEvent::Move { mv, page } => return self.move_selection(mv, page),
            WindowEvent::Undo => return self.undo_newest(),
            WindowEvent::SetZoom(zoom) => self.settings.set_zoom(zoom),
            WindowEvent::ClipboardSeen(text) => {
                // With the offer turned off the clipboard is not even looked at.
                if self.settings.preferences().offer_clipboard {
                    self.desk.clipboard_seen(text);
                }
            }
        }
        Outcome::default()
    }
}

impl Session {
    /// Number a clear, so the newest can be told whichever part it emptied.
    pub(super) fn next_clear(&mut self) -> u64 {
        self.clears += 1;
        self.clears
    }

    /// Ctrl+Z: one undo for what Esc and the Clear buttons empty, newest first. Each part
    /// kept its own, and an older filter clear came back before the paste just cleared.
    fn undo_newest(&mut self) -> Outcome {
        match (self.explorer.newest_clear(), self.desk.cleared_at()) {
            (None, None) => Outcome::said(
                "Nothing to bring back: no search, filter or paste was cleared since the last change",
            ),
            (Some(search), Some(paste)) if paste > search => self.apply(PasteAction::UndoClear),
            (None, Some(_)) => self.apply(PasteAction::UndoClear),
            (Some(_), _) => self.apply(ExplorerAction::UndoClear),
        }
    }

    /// Whether Ctrl+Z now brings a search back into the empty search box: it is then
    /// the window's undo, not the box's own (which would bring back older text).
    pub fn undo_restores_search(&self) -> bool {
        let paste_newer = match (self.explorer.newest_clear(), self.desk.cleared_at()) {
            (Some(search), Some(paste)) => paste > search,
            _ => false,
        };
        self.explorer.undo_restores_query() && !paste_newer
    }
}
