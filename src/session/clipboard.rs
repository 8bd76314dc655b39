//! The clipboard offer: when the window gains focus holding an APIG error the engineer
//! has not seen offered yet, the window offers to analyze it. Only the click analyzes
//! and stores it; the text waits here, in memory, until then. Text the app copied itself
//! (a triage, an incident, a row as Markdown) is never offered back: it names APIG codes
//! but is the app's own answer, and analyzing it again would count a table as a log.

use std::collections::VecDeque;
use std::hash::{Hash as _, Hasher as _};

use super::paste::prefix;
use crate::analysis::MAX_INPUT_BYTES;

/// The offer the window shows as a banner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ClipboardOffer {
    /// One line naming the error ("APIG.0308 429 The throttling…"), redacted.
    pub(crate) summary: String,
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
    /// Hashes of the last texts the app put on the clipboard; the text is not kept.
    copied: VecDeque<u64>,
    pub(crate) offer: Option<ClipboardOffer>,
}

/// How many of the app's own copies are remembered: the clipboard holds only the last,
/// but another program may restore an earlier one (a clipboard history).
const COPIES_REMEMBERED: usize = 16;

impl ClipboardWatch {
    /// The window gained focus with `text` in the clipboard. `current` is the paste
    /// already shown: offering it again would be noise.
    pub(crate) fn seen(&mut self, mut text: String, current: &str) {
        // Kept no longer than a paste is analyzed (and one byte more, so the analysis
        // says it was cut): a 200 MB clipboard is neither hashed nor held whole.
        if text.len() > MAX_INPUT_BYTES {
            let end = prefix(&text, MAX_INPUT_BYTES + 1).len();
            text.truncate(end);
            text.shrink_to_fit();
        }
        let hash = hash_of(&text);
        if self.last_seen == Some(hash) {
            return;
        }
        self.last_seen = Some(hash);
        self.offer = if text.trim() == current.trim() || self.copied.contains(&hash) {
            None
        } else {
            crate::analysis::glance(&text).map(|summary| ClipboardOffer { summary, text })
        };
    }

    /// The app put `text` on the clipboard: it is not offered back, now or later.
    pub(crate) fn copied(&mut self, text: &str) {
        if self.copied.len() == COPIES_REMEMBERED {
            self.copied.pop_front();
        }
        self.copied.push_back(hash_of(text));
    }

    /// The engineer pasted (or dropped, or sent) something: an offer of what the
    /// clipboard held before is stale, whether or not it was that text.
    pub(crate) fn pasted(&mut self) {
        self.offer = None;
    }
}

/// A hash of the text as the clipboard may hand it back: line endings turned into
/// CRLF (Windows) or the trailing newline dropped must not make it a new text.
fn hash_of(text: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for line in text.trim().lines() {
        line.trim_end_matches('\r').hash(&mut hasher);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_clipboard_is_offered_cut_to_what_a_paste_analyzes() {
        let mut watch = ClipboardWatch::default();
        let mut text = String::from("{\"error_code\":\"APIG.0308\"}\n");
        text.push_str(&"é".repeat(MAX_INPUT_BYTES));
        watch.seen(text, "");
        let offer = watch.offer.take().expect("an APIG error is offered");
        assert!(offer.summary.starts_with("APIG.0308"), "{}", offer.summary);
        let kept = offer.into_text();
        assert!(kept.len() <= MAX_INPUT_BYTES + 1);
        assert!(
            kept.len() > MAX_INPUT_BYTES - 4,
            "cut at a char boundary, not before"
        );
    }

    #[test]
    fn what_the_app_copied_is_never_offered_back() {
        let mut watch = ClipboardWatch::default();
        let triage = "## Log triage: 19 errors in 2 groups\n\n| Count | Code |\n|---:|---|\n| 12 | APIG.0201 |\n| 7 | APIG.0308 |\n";
        let csv = "count,code,http_status\r\n12,APIG.0201,504\r\n";
        watch.copied(triage);
        watch.copied(csv);
        watch.seen(triage.into(), "");
        assert!(watch.offer.is_none(), "the app's own Markdown");
        watch.seen(csv.replace("\r\n", "\n"), "");
        assert!(
            watch.offer.is_none(),
            "its CSV, with the line endings changed on the way"
        );
        watch.seen(triage.trim_end().replace('\n', "\r\n"), "");
        assert!(watch.offer.is_none(), "and with CRLF lines");
        watch.seen("{\"error_code\":\"APIG.0308\"}".into(), "");
        assert!(watch.offer.is_some(), "a customer's error still is offered");
    }

    #[test]
    fn a_paste_drops_the_offer() {
        let mut watch = ClipboardWatch::default();
        watch.seen("{\"error_code\":\"APIG.0101\"}".into(), "");
        assert!(watch.offer.is_some());
        watch.pasted();
        assert!(watch.offer.is_none());
    }

    #[test]
    fn the_same_clipboard_or_the_shown_paste_is_not_offered_again() {
        let mut watch = ClipboardWatch::default();
        watch.seen("APIG.0101".into(), "");
        assert!(watch.offer.take().is_some());
        watch.seen("APIG.0101".into(), "");
        assert!(watch.offer.is_none(), "seen before");
        watch.seen("APIG.0308".into(), "APIG.0308");
        assert!(watch.offer.is_none(), "already the paste");
    }
}
