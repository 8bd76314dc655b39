//! Events only a window has: keys whose meaning depends on the window (Esc, the arrows
//! with its page size), its zoom, and the clipboard it found on gaining focus. They are
//! not verbs another front end would send, so they are kept apart from the parts'
//! actions; each is routed to the one part whose state it changes.

use super::{Outcome, Session};
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
