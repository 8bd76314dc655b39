//! The clipboard offer: when the window gains focus holding an APIG error the engineer
//! has not seen offered yet, the window offers to analyze it. Only the click analyzes
//! and stores it; the text waits here, in memory, until then.

use std::hash::{Hash as _, Hasher as _};

/// The offer the window shows as a banner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClipboardOffer {
    /// One line naming the error ("APIG.0308 429 The throttling…"), redacted.
    pub summary: String,
    text: String,
}

impl ClipboardOffer {
    pub(super) fn into_text(self) -> String {
        self.text
    }
}

/// What the clipboard last held, and the offer it led to.
#[derive(Default)]
pub(super) struct ClipboardWatch {
    /// A hash of the last text seen: the same clipboard is offered once, and its text
    /// is not kept after the offer is gone.
    last_seen: Option<u64>,
    pub offer: Option<ClipboardOffer>,
}

impl ClipboardWatch {
    /// The window gained focus with `text` in the clipboard. `current` is the paste
    /// already shown: offering it again would be noise.
    pub fn seen(&mut self, text: String, current: &str) {
        let hash = hash_of(&text);
        if self.last_seen == Some(hash) {
            return;
        }
        self.last_seen = Some(hash);
        self.offer = if text.trim() == current.trim() {
            None
        } else {
            crate::analysis::glance(&text).map(|summary| ClipboardOffer { summary, text })
        };
    }
}

fn hash_of(text: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}
